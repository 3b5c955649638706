// The console protocol's side that reads what a client sends (docs/protocol.md): each message
// checked on its own, before anything reaches the game. A pure function of the message's text,
// so it is fuzzed on its own (tests/fuzz/protocol_fuzz.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "gameday/net/server.hpp"

namespace gameday::cli {

inline constexpr std::size_t line_max = 1000;  // characters in one command line
inline constexpr std::size_t name_max = 32;    // bytes in a person's name

// What is wrong with a person's name for the record and the scripts (one word, printable, at
// most name_max bytes); nothing when it will do.
std::optional<std::string> name_problem(const std::string& name);

// What a client asked for, once its message was checked.
struct Request {
  enum class Kind : std::uint8_t { Join, Line, Complete, Gone };
  Kind kind = Kind::Line;
  net::ClientId client = 0;
  bool facilitator = false;  // connected with the facilitator's link
  std::string name;          // join: who
  std::string seat;          // join: the seat asked for (the facilitator's link: facilitator)
  std::string line;          // a command line, or the line to complete
};

// A message that is not taken: the error message to send back, and whether the connection
// closes after it (a join that cannot be).
struct Refusal {
  std::string message;  // a protocol `error` message, as sent
  bool close = false;
};

// Reads one message from a client that has joined (`joined`) or not yet.
std::variant<Request, Refusal> read_client_message(std::string_view text, net::ClientId client,
                                                   bool facilitator, bool joined);

// The protocol's `error` message carrying `text`.
std::string error_message(std::string_view text);

}  // namespace gameday::cli

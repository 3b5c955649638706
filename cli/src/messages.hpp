// The protocol's messages from a game to a console (docs/protocol.md), built in one place: the
// consoles of a hosted game and responder programs (`--responders exec:COMMAND`) are told the
// same things in the same words. Each function returns one message, a line of JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/sim/simulation.hpp"

namespace gameday::cli {

inline constexpr int protocol_version = 1;

// Simulated time to the second, as a clock on the wall would show it: "14m20s".
std::string clock_text(Time t);
// Both clocks, the scenario's time of day and the run's, as prompts show them: "17:44:20 +14m20s";
// and in brackets, as consoles write them before a line: "[17:44:20 +14m20s]".
std::string console_clock(Duration start_at, Time t);
std::string console_stamp(Duration start_at, Time t);

// One line of the team's incident channel, as every console shows it.
struct ChannelLine {
  Time t;
  std::string from;  // who
  std::string seat;  // their role or seat then
  std::string text;  // what they said or did
  std::string reply;
};

// What the simulation said: a notice (page, ticket, resolved, effect) or an answer.
std::string console_message(const sim::ConsoleMessage& m);
// `history`: channel messages as built by channel_message; `start_at`: the scenario's time of
// day at the start, from which consoles show the time of day of every `t`.
std::string welcome_message(const std::string& name, const std::string& seat,
                            const std::string& system, Duration start_at, Time now, double speed,
                            bool paused, const std::vector<std::string>& history);
std::string reply_message(Time t, const std::string& line, bool accepted, const std::string& text);
std::string answer_message(Time t, const std::string& text);
std::string channel_message(const ChannelLine& line);
// `kind`: page, ticket, resolved or effect.
std::string notice_message(Time t, std::string_view kind, const std::string& text);
std::string clock_message(Time t, double speed, bool paused);
std::string end_message(Time t, std::string_view reason);
// The items that complete `line`.
std::string completions_message(const std::string& line, const std::vector<std::string>& items);

}  // namespace gameday::cli

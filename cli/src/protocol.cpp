#include "protocol.hpp"

#include <nlohmann/json.hpp>

#include "gameday/core/utf8.hpp"

namespace gameday::cli {
namespace {

using nlohmann::json;

// A string field, or nothing when it is absent or not a string.
std::optional<std::string> string_field(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return to_valid_utf8(it->get<std::string>());
}

std::size_t characters(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string error_message(std::string_view text) {
  // Replacement characters for bytes that are not UTF-8: a client's text is the client's.
  return json{{"type", "error"}, {"text", text}}.dump(-1, ' ', false,
                                                      json::error_handler_t::replace);
}

std::optional<std::string> name_problem(const std::string& name) {
  if (name.empty()) return "a name is needed";
  if (name.size() > name_max) return "a name is at most " + std::to_string(name_max) + " bytes";
  // The record and the consoles show a name as it is: a control character (C0, DEL, or C1,
  // U+0080 to U+009F, which is 0xC2 0x80..0x9F in UTF-8) has no place in one.
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    const bool c1 =
        c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) <= 0x9F;
    if (c < 0x20 || c == 0x7f || c1 || c == ' ' || c == ':')
      return "a name is one word, without ':' or control characters";
  }
  return std::nullopt;
}

std::variant<Request, Refusal> read_client_message(std::string_view text, net::ClientId client,
                                                   bool facilitator, bool joined) {
  const json message = json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object())
    return Refusal{error_message("not a JSON object (docs/protocol.md)")};
  const auto type = string_field(message, "type");
  Request r{Request::Kind::Line, client, facilitator, {}, {}, {}};
  if (type == "join") {
    if (joined) return Refusal{error_message("join: you are in the game already")};
    r.kind = Request::Kind::Join;
    r.name = string_field(message, "name").value_or("");
    if (const auto problem = name_problem(r.name))
      return Refusal{error_message("join: " + *problem), true};
    r.seat = facilitator ? "facilitator" : string_field(message, "role").value_or("observer");
    // The facilitator's seat comes with the facilitator's link, never by asking for it.
    if (!facilitator && r.seat == "facilitator")
      return Refusal{error_message("join: the facilitator joins with the facilitator's link"),
                     true};
    return r;
  }
  if (type == "command" || type == "complete") {
    if (!joined) return Refusal{error_message(*type + ": join first")};
    r.kind = type == "command" ? Request::Kind::Line : Request::Kind::Complete;
    r.line = string_field(message, "line").value_or("");
    if (characters(r.line) > line_max)
      return Refusal{error_message("a line is at most " + std::to_string(line_max) +
                                   " characters; this one was not taken")};
    if (r.line.find_first_of("\r\n") != std::string::npos)
      return Refusal{error_message("one line at a time; this one was not taken")};
    return r;
  }
  return Refusal{error_message("unknown message type (docs/protocol.md)")};
}

}  // namespace gameday::cli

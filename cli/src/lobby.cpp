#include "lobby.hpp"

#include <nlohmann/json.hpp>

#include "game.hpp"
#include "gameday/core/utf8.hpp"

namespace gameday::cli {
namespace {

using nlohmann::json;

constexpr std::size_t history_max = 5000;  // channel lines a late joiner gets

std::string text_of(const json& j) {
  // Replacement characters for bytes that are not UTF-8: the client's text is the client's.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string error_message(std::string_view text) {
  return text_of({{"type", "error"}, {"text", text}});
}

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

std::vector<Request> Lobby::take() {
  std::vector<Request> requests;
  for (net::ClientEvent& e : server_.take()) {
    if (e.kind == net::ClientEvent::Kind::Gone) {
      requests.push_back({Request::Kind::Gone, e.client, e.facilitator, {}, {}, {}});
      continue;
    }
    const json message = json::parse(e.text, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
      server_.send(e.client, error_message("not a JSON object (docs/protocol.md)"));
      continue;
    }
    const auto type = string_field(message, "type");
    Request r{Request::Kind::Line, e.client, e.facilitator, {}, {}, {}};
    const bool joined = seated_.contains(e.client);
    if (type == "join") {
      if (joined) {
        server_.send(e.client, error_message("join: you are in the game already"));
        continue;
      }
      r.kind = Request::Kind::Join;
      r.name = string_field(message, "name").value_or("");
      if (const auto problem = name_problem(r.name)) {
        refuse(e.client, "join: " + *problem);
        continue;
      }
      r.seat = e.facilitator ? "facilitator" : string_field(message, "role").value_or("observer");
    } else if (type == "command" || type == "complete") {
      if (!joined) {
        server_.send(e.client, error_message(*type + ": join first"));
        continue;
      }
      r.kind = type == "command" ? Request::Kind::Line : Request::Kind::Complete;
      r.line = string_field(message, "line").value_or("");
      if (characters(r.line) > line_max) {
        server_.send(e.client, error_message("a line is at most " + std::to_string(line_max) +
                                             " characters; this one was not taken"));
        continue;
      }
      if (r.line.find_first_of("\r\n") != std::string::npos) {
        server_.send(e.client, error_message("one line at a time; this one was not taken"));
        continue;
      }
    } else {
      server_.send(e.client, error_message("unknown message type (docs/protocol.md)"));
      continue;
    }
    requests.push_back(std::move(r));
  }
  return requests;
}

const std::string* Lobby::person(net::ClientId client) const {
  const auto it = seated_.find(client);
  return it == seated_.end() ? nullptr : &it->second.name;
}

bool Lobby::is_present(const std::string& name) const {
  for (const auto& [client, s] : seated_)
    if (s.name == name) return true;
  return false;
}

void Lobby::seat(net::ClientId client, const std::string& name, const std::string& seat,
                 const std::string& system, Time now, double speed, bool paused) {
  seated_[client] = {name, seat};
  json history = json::array();
  for (const std::string& line : history_) history.push_back(json::parse(line));
  server_.send(client, text_of({{"type", "welcome"},
                                {"protocol", protocol_version},
                                {"name", name},
                                {"role", seat},
                                {"system", system},
                                {"clock", clock_text(now)},
                                {"speed", speed},
                                {"paused", paused},
                                {"history", std::move(history)}}));
}

void Lobby::refuse(net::ClientId client, const std::string& why) {
  server_.close(client, error_message(why));
}

void Lobby::forget(net::ClientId client) {
  seated_.erase(client);
}

void Lobby::reply(net::ClientId client, Time t, const std::string& line, bool accepted,
                  const std::string& text) {
  server_.send(client, text_of({{"type", "reply"},
                                {"t", clock_text(t)},
                                {"line", line},
                                {"accepted", accepted},
                                {"text", text}}));
}

void Lobby::completions(net::ClientId client, const std::string& line,
                        const std::vector<std::string>& items) {
  server_.send(client, text_of({{"type", "completions"}, {"line", line}, {"items", items}}));
}

void Lobby::answer(const std::string& person, Time t, const std::string& text) {
  const std::string message = text_of({{"type", "answer"}, {"t", clock_text(t)}, {"text", text}});
  for (const auto& [client, s] : seated_)
    if (s.name == person) server_.send(client, message);
}

void Lobby::channel(const ChannelLine& line) {
  std::string message = text_of({{"type", "channel"},
                                 {"t", clock_text(line.t)},
                                 {"from", line.from},
                                 {"role", line.seat},
                                 {"text", line.text},
                                 {"reply", line.reply}});
  if (history_.size() == history_max) history_.erase(history_.begin());
  history_.push_back(message);
  for (const auto& [client, s] : seated_) server_.send(client, message);
}

void Lobby::notice(Time t, std::string_view kind, const std::string& text) {
  const std::string message =
      text_of({{"type", "notice"}, {"t", clock_text(t)}, {"kind", kind}, {"text", text}});
  for (const auto& [client, s] : seated_) server_.send(client, message);
}

void Lobby::clock(Time t, double speed, bool paused) {
  const std::string message =
      text_of({{"type", "clock"}, {"t", clock_text(t)}, {"speed", speed}, {"paused", paused}});
  for (const auto& [client, s] : seated_) server_.send(client, message);
}

void Lobby::end(Time t, std::string_view reason) {
  server_.close_all(text_of({{"type", "end"}, {"t", clock_text(t)}, {"reason", reason}}),
                    std::chrono::seconds(2));
}

}  // namespace gameday::cli

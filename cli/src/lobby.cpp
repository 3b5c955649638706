#include "lobby.hpp"

#include <nlohmann/json.hpp>

#include "game.hpp"

namespace gameday::cli {
namespace {

using nlohmann::json;

constexpr std::size_t history_max = 5000;  // channel lines a late joiner gets

std::string text_of(const json& j) {
  // Replacement characters for bytes that are not UTF-8: the client's text is the client's.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::vector<Request> Lobby::take() {
  std::vector<Request> requests;
  for (net::ClientEvent& e : server_.take()) {
    if (e.kind == net::ClientEvent::Kind::Gone) {
      requests.push_back({Request::Kind::Gone, e.client, e.facilitator, {}, {}, {}});
      continue;
    }
    auto read = read_client_message(e.text, e.client, e.facilitator, seated_.contains(e.client));
    if (auto* r = std::get_if<Request>(&read)) {
      requests.push_back(std::move(*r));
      continue;
    }
    Refusal& refused = std::get<Refusal>(read);
    if (refused.close)
      server_.close(e.client, std::move(refused.message));
    else
      server_.send(e.client, std::move(refused.message));
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

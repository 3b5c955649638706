#include "lobby.hpp"

#include "game.hpp"

namespace gameday::cli {
namespace {

constexpr std::size_t history_max = 5000;  // channel lines a late joiner gets

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
                 const model::Scenario& scenario, Time now, double speed, bool paused) {
  seated_[client] = {name, seat};
  server_.send(client, welcome_message(name, seat, system_line(scenario),
                                       scenario.start_time_of_day, now, speed, paused, history_));
}

void Lobby::refuse(net::ClientId client, const std::string& why) {
  server_.close(client, error_message(why));
}

void Lobby::forget(net::ClientId client) {
  seated_.erase(client);
}

void Lobby::reply(net::ClientId client, Time t, const std::string& line, bool accepted,
                  const std::string& text) {
  server_.send(client, reply_message(t, line, accepted, text));
}

void Lobby::completions(net::ClientId client, const std::string& line,
                        const std::vector<std::string>& items) {
  server_.send(client, completions_message(line, items));
}

void Lobby::tell(const sim::ConsoleMessage& m) {
  const std::string message = console_message(m);
  for (const auto& [client, s] : seated_)
    if (m.to.empty() || s.name == m.to) server_.send(client, message);
}

void Lobby::channel(const ChannelLine& line) {
  std::string message = channel_message(line);
  if (history_.size() == history_max) history_.erase(history_.begin());
  history_.push_back(message);
  for (const auto& [client, s] : seated_) server_.send(client, message);
}

void Lobby::clock(Time t, double speed, bool paused) {
  const std::string message = clock_message(t, speed, paused);
  for (const auto& [client, s] : seated_) server_.send(client, message);
}

void Lobby::end(Time t, std::string_view reason) {
  server_.close_all(end_message(t, reason), std::chrono::seconds(2));
}

}  // namespace gameday::cli

#include "alert_forwarder.hpp"

#include <nlohmann/json.hpp>

#include "game.hpp"
#include "gameday/scoring/prometheus.hpp"

namespace gameday::cli {
namespace {

constexpr auto resend_every = std::chrono::seconds(30);  // Prometheus's default is 1 minute
constexpr auto post_timeout = std::chrono::seconds(5);

}  // namespace

AlertForwarder::AlertForwarder(net::HttpUrl url) : url_(std::move(url)) {}

std::unique_ptr<AlertForwarder> AlertForwarder::start(const std::string& url, std::string& error) {
  auto parsed = net::parse_http_url(url, error);
  if (!parsed) return nullptr;
  while (parsed->path.ends_with('/')) parsed->path.pop_back();
  parsed->path += "/api/v2/alerts";
  const auto answer = net::post_json(*parsed, "[]", post_timeout, error);
  if (!answer) {
    error = "no answer from " + url + ": " + error;
    return nullptr;
  }
  if (answer->status != 200) {
    error = url + " is not an Alertmanager: POST " + parsed->path + " answered " +
            std::to_string(answer->status);
    return nullptr;
  }
  std::unique_ptr<AlertForwarder> f(new AlertForwarder(std::move(*parsed)));
  f->thread_ = std::thread([p = f.get()] { p->loop(); });
  return f;
}

AlertForwarder::~AlertForwarder() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AlertForwarder::on(const eventlog::Header& h) {
  header_ = h;
}

void AlertForwarder::on(const eventlog::Event& e) {
  if (e.kind != eventlog::EventKind::AlertFiring && e.kind != eventlog::EventKind::AlertResolved)
    return;
  const auto* change = e.get<eventlog::AlertChange>();
  const model::Scenario& s = header_.scenario;
  if (change == nullptr || change->alert.index() >= s.monitoring.alerts.size()) return;
  const model::AlertRule& rule = s.monitoring.alerts[change->alert.index()];
  {
    const std::lock_guard lock(mutex_);
    if (e.kind == eventlog::EventKind::AlertFiring) {
      Alert a;
      a.labels = {{"alertname", rule.name}, {"scenario", s.name}};
      for (auto& label : scoring::alert_labels(s, rule)) a.labels.push_back(std::move(label));
      a.summary = rule.summary;
      a.starts_at = wall_time_now();
      alerts_[rule.name] = std::move(a);
    } else if (const auto it = alerts_.find(rule.name); it != alerts_.end()) {
      it->second.ends_at = wall_time_now();
    }
    changed_ = true;
  }
  wake_.notify_all();
}

bool AlertForwarder::send_all() {
  std::map<std::string, Alert> snapshot;
  {
    const std::lock_guard lock(mutex_);
    snapshot = alerts_;
    changed_ = false;
  }
  if (snapshot.empty()) return true;
  nlohmann::json body = nlohmann::json::array();
  for (const auto& [name, a] : snapshot) {
    nlohmann::json alert;
    for (const auto& [key, value] : a.labels) alert["labels"][key] = value;
    if (!a.summary.empty()) alert["annotations"]["summary"] = a.summary;
    alert["startsAt"] = a.starts_at;
    if (!a.ends_at.empty()) alert["endsAt"] = a.ends_at;
    body.push_back(std::move(alert));
  }
  std::string error;
  const auto answer = net::post_json(url_, body.dump(), post_timeout, error);
  ++posts_;
  if (!answer || answer->status != 200) {
    ++failed_;
    last_error_ = answer ? "answered " + std::to_string(answer->status) : error;
    return false;
  }
  // Resolved alerts have been told; forget them unless they fired again meanwhile.
  const std::lock_guard lock(mutex_);
  for (const auto& [name, a] : snapshot) {
    const auto it = alerts_.find(name);
    if (!a.ends_at.empty() && it != alerts_.end() && it->second.starts_at == a.starts_at &&
        !it->second.ends_at.empty())
      alerts_.erase(it);
  }
  return true;
}

void AlertForwarder::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, resend_every, [&] { return changed_ || stop_; });
    const bool last = stop_;
    lock.unlock();
    send_all();
    lock.lock();
    if (last) return;
  }
}

std::optional<std::string> AlertForwarder::finish() {
  {
    const std::lock_guard lock(mutex_);
    const std::string now = wall_time_now();
    for (auto& [name, a] : alerts_)
      if (a.ends_at.empty()) a.ends_at = now;  // the game is over: nothing fires any more
    changed_ = true;
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (failed_ == 0) return std::nullopt;
  return std::to_string(failed_) + " of " + std::to_string(posts_) +
         " posts to the Alertmanager failed; the last: " + last_error_;
}

}  // namespace gameday::cli

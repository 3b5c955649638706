// A game's alerts, sent to the team's own Alertmanager (`--alertmanager URL`) as Prometheus
// would send them: POST /api/v2/alerts with every alert firing, again every 30 s of wall time
// so Alertmanager keeps them, and each alert once more with its end time when it resolves, so
// the team's routing, grouping and receivers page for the game. Alerts still firing when the
// game ends are sent resolved. The network work runs on a thread of its own, so an Alertmanager
// that is slow or gone never slows the game; what went wrong is told at the end.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gameday/eventlog/sink.hpp"
#include "gameday/net/http.hpp"

namespace gameday::cli {

class AlertForwarder final : public eventlog::RecordSink {
 public:
  // Checks that the Alertmanager answers (an empty post) before the game starts; nothing, with
  // `error`, when it does not.
  static std::unique_ptr<AlertForwarder> start(const std::string& url, std::string& error);
  ~AlertForwarder() override;
  AlertForwarder(const AlertForwarder&) = delete;
  AlertForwarder& operator=(const AlertForwarder&) = delete;

  void on(const eventlog::Header& h) override;
  void on(const eventlog::Event& e) override;  // alert_firing, alert_resolved

  // Resolves the alerts still firing and sends them (waiting at most 5 s for the answer), then
  // stops. Returns what went wrong during the game, if anything ("3 of 40 posts ... failed").
  std::optional<std::string> finish();

 private:
  struct Alert {
    std::vector<std::pair<std::string, std::string>> labels;
    std::string summary;
    std::string starts_at;
    std::string ends_at;  // empty while firing
  };
  explicit AlertForwarder(net::HttpUrl url);
  void loop();
  bool send_all();  // one post of every alert; false when it failed

  net::HttpUrl url_;
  eventlog::Header header_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Alert> alerts_;  // by alert name; guarded by mutex_
  bool changed_ = false;                 // guarded by mutex_
  bool stop_ = false;                    // guarded by mutex_
  int posts_ = 0;
  int failed_ = 0;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace gameday::cli

// A run as Prometheus sees it: the record's samples as OpenMetrics series with timestamps (for
// `promtool tsdb create-blocks-from openmetrics`), and a scenario's SLOs and alert rules as a
// Prometheus rule file over those series, so a team's own Prometheus, Grafana and promtool can
// read a game. docs/prometheus.md names every series and says how each rule is written.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/sink.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::scoring {

// The two ways Prometheus reads a scrape: the text format 0.0.4 (`# TYPE x_total counter`) and
// OpenMetrics 1.0 (`# TYPE x counter`, samples `x_total`, then `# EOF`).
enum class ExpositionFormat : std::uint8_t { Text, OpenMetrics };

// The run's series, fed line by line: subscribed to a RecordWriter it follows a game as it is
// played, and serves the latest values (a live /metrics); fed a whole record with history kept,
// it gives every sample with its timestamp (the export). Safe to read from another thread
// while it is fed.
class MetricSeries final : public eventlog::RecordSink {
 public:
  explicit MetricSeries(bool keep_history);
  ~MetricSeries() override;
  MetricSeries(const MetricSeries&) = delete;
  MetricSeries& operator=(const MetricSeries&) = delete;

  void on(const eventlog::Header& h) override;
  void on(const eventlog::Event& e) override;  // fault starts and ends: the ground truth
  void on(const eventlog::ServiceSample& s) override;
  void on(const eventlog::DependencySample& s) override;
  void on(const eventlog::SourceSample& s) override;
  void on(const eventlog::SloSample& s) override;
  void on(const eventlog::InstanceSample& s) override;
  void on(const eventlog::ProbeSample& s) override;

  // The latest value of every series, as a scrape answers; `truth` adds the faults' states
  // (`gameday_fault_active`), for the facilitator only.
  std::string exposition(ExpositionFormat format, bool truth) const;
  // Every sample kept, timestamped `start_unix_ms` + its simulated time, without the truth.
  std::string openmetrics_history(std::int64_t start_unix_ms) const;

 private:
  struct State;
  mutable std::mutex mutex_;
  std::unique_ptr<State> state_;
};

// The record's samples as OpenMetrics text ending in "# EOF": one family per measure, each
// series' samples in time order, timestamped `start_unix_ms` + the sample's simulated time.
// Counters start with a 0 at the run's start, as a fresh process's would.
std::string openmetrics_of(const eventlog::Record& record, std::int64_t start_unix_ms);

// The labels an alert rule's alerts carry, besides alertname: its severity, and the SLO, service
// or journey it watches (`slo`, `service`, `journey`; a probe rule: `probe`).
std::vector<std::pair<std::string, std::string>> alert_labels(const model::Scenario& scenario,
                                                              const model::AlertRule& rule);

// The scenario's SLO error ratios as recording rules (`slo:sli_error:ratio_rate<window>`) and
// its alert rules, in one group evaluated every `alerting.evaluation_interval`: the rule file.
std::string prometheus_rules_of(const model::Scenario& scenario);

}  // namespace gameday::scoring

// A run as Prometheus sees it: the record's samples as OpenMetrics series with timestamps (for
// `promtool tsdb create-blocks-from openmetrics`), and a scenario's SLOs and alert rules as a
// Prometheus rule file over those series, so a team's own Prometheus, Grafana and promtool can
// read a game. docs/prometheus.md names every series and says how each rule is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gameday/eventlog/reader.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::scoring {

// The record's samples as OpenMetrics text ending in "# EOF": one family per measure, each
// series' samples in time order, timestamped `start_unix_ms` + the sample's simulated time.
// Counters start with a 0 at the run's start, as a fresh process's would.
std::string openmetrics_of(const eventlog::Record& record, std::int64_t start_unix_ms);

struct PrometheusRules {
  std::string yaml;                   // the rule file: one group, recording rules first
  std::vector<std::string> left_out;  // alert rules no exported series can express, with why
};

// The scenario's SLO error ratios as recording rules (`slo:sli_error:ratio_rate<window>`) and
// its alert rules, in one group evaluated every `alerting.evaluation_interval`.
PrometheusRules prometheus_rules_of(const model::Scenario& scenario);

}  // namespace gameday::scoring

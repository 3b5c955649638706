// The scenario's monitoring: alert rules, synthetic probes and alert routing, as plain data.
//
// The loader (sim/src/scenario_monitoring.cpp) fills these and checks them: after a successful
// load every id is in range, every window is at least the sample interval, a threshold rule's
// metric fits its subject, and a burn-rate rule's threshold factor x (1 - objective) is below
// 100 %. The runtime (sim/src/monitoring.hpp) evaluates the rules with Prometheus semantics and
// routes notifications like Alertmanager; docs/alerting.md describes both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"

namespace gameday::model {

// Pages go to the on-call; tickets never page.
enum class Severity : std::uint8_t { Page, Ticket };

enum class AlertMetric : std::uint8_t {
  ErrorRatio,  // failed / responded over the window
  LatencyP50,  // histogram_quantile over the window's latency buckets (successes)
  LatencyP90,
  LatencyP95,
  LatencyP99,
  RequestRate,        // arrivals per second over the window
  Saturation,         // average utilisation (0..1) over the window
  InstancesUp,        // the last sample's count in the window
  QueueDepth,         // average queued requests over the window
  ProbeFailureRatio,  // failed / attempted probes over the window
};

// The quantile (0..1) a latency metric asks for; 0 for the other metrics.
constexpr double latency_quantile(AlertMetric m) {
  switch (m) {
    case AlertMetric::LatencyP50: return 0.5;
    case AlertMetric::LatencyP90: return 0.9;
    case AlertMetric::LatencyP95: return 0.95;
    case AlertMetric::LatencyP99: return 0.99;
    default: return 0;
  }
}

// What a threshold rule measures: a service's responses, a traffic source end to end, or a
// synthetic probe. Only the id matching `kind` is valid.
enum class SubjectKind : std::uint8_t { Service, Journey, Probe };

enum class Comparison : std::uint8_t { Above, Below };

struct ThresholdRule {
  AlertMetric metric = AlertMetric::ErrorRatio;
  SubjectKind subject = SubjectKind::Service;
  ServiceId service;  // SubjectKind::Service
  SourceId journey;   // SubjectKind::Journey
  ProbeId probe;      // SubjectKind::Probe
  Duration window = minutes(5);
  Comparison comparison = Comparison::Above;
  // In the metric's base unit: a ratio (0..1), seconds for latency, per second for
  // request_rate, a plain count for instances_up and queue_depth. Strict comparison.
  double threshold = 0;
};

// Fires while the error ratio of the SLO (bad / valid) over BOTH windows exceeds
// factor x (1 - objective), i.e. both windows burn the error budget `factor` times too fast.
// A zero short window makes a single-window rule, as OpenSLO's burn-rate conditions are.
struct BurnRateRule {
  SloId slo;
  Duration long_window = hours(1);
  Duration short_window = minutes(5);
  double factor = 14.4;
};

struct AlertRule {
  enum class Kind : std::uint8_t { Threshold, BurnRate };
  std::string name;
  Severity severity = Severity::Page;
  std::string summary;
  Kind kind = Kind::Threshold;
  ThresholdRule threshold;   // Kind::Threshold
  BurnRateRule burn_rate;    // Kind::BurnRate
  Duration for_duration;     // how long the condition must hold before firing
  Duration keep_firing_for;  // how long a firing alert outlasts its condition
};

// A synthetic blackbox probe: one request to `service` every `interval`, failed when it errors
// or takes longer than `timeout`. The engine generates them; the monitor only counts results.
struct ProbeSpec {
  std::string name;
  ServiceId service;
  Duration interval = seconds(30);
  Duration timeout = seconds(5);
};

enum class GroupBy : std::uint8_t { AlertName, Service };

// While `source` fires, notifications for `target` are suppressed.
struct Inhibition {
  AlertId source;
  AlertId target;
};

// Alertmanager-like routing. Alerts are grouped by `group_by` (and severity, so pages and
// tickets never share a notification).
struct AlertingSpec {
  Duration evaluation_interval = minutes(1);
  Duration group_wait = seconds(30);
  Duration group_interval = minutes(5);
  Duration repeat_interval = hours(4);
  GroupBy group_by = GroupBy::AlertName;
  std::vector<Inhibition> inhibit;
};

struct MonitoringSpec {
  std::vector<AlertRule> alerts;  // indexed by AlertId
  std::vector<ProbeSpec> probes;  // indexed by ProbeId
  AlertingSpec alerting;
};

}  // namespace gameday::model

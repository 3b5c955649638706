// Monitoring inside real runs: a healthy baseline pages nobody for two simulated hours; a
// fault is detected by the alerts that should catch it; the burn-rate alert fires at exactly
// the evaluation the arithmetic over the record's own SLO samples says; probes see a hang.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/schema.hpp"
#include "gameday/eventlog/sink.hpp"
#include "run_support.hpp"

namespace gameday::sim {
namespace {

std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(GAMEDAY_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

eventlog::Record parse(const std::string& text) {
  Diagnostics diags;
  auto record = eventlog::parse_record(text, "events.jsonl", diags);
  EXPECT_TRUE(record.has_value());
  return record ? std::move(*record) : eventlog::Record{};
}

std::size_t count_events(const eventlog::Record& r, std::string_view kind) {
  std::size_t n = 0;
  for (const auto& e : r.events) n += eventlog::event_kind_name(e.kind) == kind;
  return n;
}

// When the first alert fired; Time::max() when none did.
Time first_firing(const eventlog::Record& r) {
  Time fired = Time::max();
  for (const auto& e : r.events)
    if (e.kind == eventlog::EventKind::AlertFiring) fired = std::min(fired, e.t);
  return fired;
}

// An api at 20 requests/s with a probe every 15 s, a page when half the probes of 2 minutes
// failed for a minute, and `fault` (a fault's YAML mapping) on the api.
std::string probed_api(const std::string& fault) {
  return R"(
scenario: probed
duration: 20m
services:
  - { name: api, workers: 4, queue: 10, service_time: 5ms }
traffic:
  - { name: users, to: api, rate: 20/s }
probes:
  - { name: ping, service: api, interval: 15s, timeout: 2s }
alerts:
  - { name: ApiDown, severity: page, probe: ping, metric: probe_failure_ratio, window: 2m,
      above: 50%, for: 1m }
faults:
  - )" + fault +
         "\n";
}

TEST(AlertingRun, AHealthyBaselinePagesNobodyForTwoHours) {
  Scenario s = testing::load_or_fail(read_file("scenarios/default.yaml"));
  ASSERT_FALSE(s.monitoring.alerts.empty());
  s.duration = hours(2);
  const auto r = testing::run_scenario(s, 7);
  const auto record = parse(r.record);
  EXPECT_EQ(count_events(record, "page"), 0u);
  EXPECT_EQ(count_events(record, "ticket"), 0u);
  EXPECT_EQ(count_events(record, "alert_firing"), 0u);
}

TEST(AlertingRun, ASlowDatabaseIsDetectedAndPaged) {
  const Scenario s = testing::load_or_fail(read_file("scenarios/orders-db-slow.yaml"));
  const auto r = testing::run_scenario(s, 7);
  const auto record = parse(r.record);
  for (const auto& v : eventlog::schema_violations(r.record)) ADD_FAILURE() << v;
  const auto starts = testing::events_of(record, "fault_start");
  ASSERT_EQ(starts.size(), 1u);
  const Time fault_start = starts[0]->t;
  // The impact: the first sample interval after the start in which an SLO missed its objective.
  Time impact = Time::max();
  for (const auto& smp : record.slo_samples) {
    const double allowed = (1 - record.header.scenario.slos[smp.slo.index()].objective) *
                           static_cast<double>(smp.valid);
    if (smp.t > fault_start && static_cast<double>(smp.valid - smp.good) > allowed)
      impact = std::min(impact, smp.t);
  }
  EXPECT_LT(impact, fault_start + minutes(5));
  Time first_page = Time::max();
  for (const auto& e : record.events)
    if (e.kind == eventlog::EventKind::Page) first_page = std::min(first_page, e.t);
  EXPECT_GT(first_page, impact);
  EXPECT_LT(first_page, fault_start + minutes(10));
  EXPECT_EQ(record.header.names.alerts.size(), s.monitoring.alerts.size());
}

// A subscriber to the writer sees the record a reader of the file gets: every line, typed, in
// order, with its sequence number; nothing is parsed back.
TEST(RecordSink, ACollectorHoldsWhatReadingTheFileBackGives) {
  Scenario s = testing::load_or_fail(read_file("scenarios/orders-db-slow.yaml"));
  s.duration = minutes(25);
  eventlog::RecordWriter out;
  eventlog::RecordCollector collected;
  out.subscribe(collected);
  Simulation sim(s, RunInfo{7, "test", "fnv1a64:0", "auto"}, out);
  sim.run_to_end();
  sim.finish("completed");
  Diagnostics diags;
  const auto read = eventlog::parse_record(out.buffer(), "events.jsonl", diags);
  ASSERT_TRUE(read.has_value());
  const eventlog::Record& live = collected.record();
  EXPECT_EQ(live.header.scenario_name, read->header.scenario_name);
  EXPECT_EQ(live.header.names.alerts, read->header.names.alerts);
  ASSERT_EQ(live.events.size(), read->events.size());
  EXPECT_GT(live.events.size(), 20u);  // faults, alerts, pages, the on-call's commands
  for (std::size_t i = 0; i < live.events.size(); ++i) {
    const eventlog::Event &a = live.events[i], &b = read->events[i];
    EXPECT_EQ(a.seq, b.seq);
    EXPECT_EQ(a.t, b.t);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.cause, b.cause);
    EXPECT_EQ(a.data, b.data) << eventlog::event_kind_name(a.kind) << " at line " << a.seq;
  }
  const auto same_lines = [](const auto& x, const auto& y, const char* what) {
    ASSERT_EQ(x.size(), y.size()) << what;
    for (std::size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].seq, y[i].seq) << what;
      EXPECT_EQ(x[i].t, y[i].t) << what;
    }
  };
  same_lines(live.service_samples, read->service_samples, "service samples");
  same_lines(live.dependency_samples, read->dependency_samples, "dependency samples");
  same_lines(live.source_samples, read->source_samples, "source samples");
  same_lines(live.slo_samples, read->slo_samples, "SLO samples");
  same_lines(live.traces, read->traces, "traces");
  for (std::size_t i = 0; i < live.slo_samples.size(); ++i)
    EXPECT_EQ(live.slo_samples[i].good, read->slo_samples[i].good);
  ASSERT_TRUE(live.end && read->end);
  EXPECT_EQ(live.end->seq, read->end->seq);
  EXPECT_EQ(live.end->kernel_events, read->end->kernel_events);
}

TEST(AlertingRun, RunsWithAlertsAreDeterministic) {
  Scenario s = testing::load_or_fail(read_file("scenarios/orders-db-slow.yaml"));
  s.duration = minutes(20);
  EXPECT_TRUE(testing::run_scenario(s, 3).record == testing::run_scenario(s, 3).record);
}

// 100 % errors from 2 h on, after two healthy hours: the 14.4x page (1 h and 5 m windows) must
// fire at the first evaluation at which both windows' error ratios, summed from the record's
// own SLO samples, exceed 14.4 x 0.1 %.
TEST(AlertingRun, TheBurnRatePageFiresAtTheEvaluationTheSamplesImply) {
  const std::string yaml = R"(
scenario: burn
duration: 2h20m
services:
  - { name: api, concurrency: async, workers: 1000, service_time: 1ms }
traffic:
  - { name: users, to: api, rate: 50/s }
slos:
  - { name: api-availability, service: api, objective: 99.9% }
alerts:
  - { name: ApiBudgetBurn, burn_rate: { slo: api-availability, preset: page_fast } }
faults:
  - { name: broken, kind: errors, target: api, at: 2h, share: 100% }
)";
  const auto r = testing::run_yaml(yaml, 5);
  const auto record = parse(r.record);
  const auto window_ratio = [&](Time t, Duration w) {
    double valid = 0, bad = 0;
    for (const auto& s : record.slo_samples)
      if (s.t > t - w && s.t <= t) {
        valid += static_cast<double>(s.valid);
        bad += static_cast<double>(s.valid - s.good);
      }
    return valid > 0 ? bad / valid : 0.0;
  };
  Time expected = Time::max();
  for (Time t = Time::zero() + minutes(1); t <= Time::zero() + minutes(140); t += minutes(1))
    if (window_ratio(t, hours(1)) > 0.0144 && window_ratio(t, minutes(5)) > 0.0144) {
      expected = t;
      break;
    }
  ASSERT_LT(expected, Time::max());
  EXPECT_GT(expected, Time::zero() + hours(2));
  EXPECT_LE(expected, Time::zero() + hours(2) + minutes(2));
  EXPECT_EQ(first_firing(record), expected);
}

TEST(AlertingRun, AProbeSeesAHangThatRequestMetricsMiss) {
  // A hung service answers nothing: no responses, so no error ratio; only the probe notices.
  const auto record =
      parse(testing::run_yaml(probed_api("{ name: frozen, kind: hang, target: api, at: 10m }"), 2)
                .record);
  const Time fired = first_firing(record);
  EXPECT_GT(fired, Time::zero() + minutes(10));
  EXPECT_LE(fired, Time::zero() + minutes(14));
  EXPECT_EQ(count_events(record, "page"), 1u);
}

TEST(AlertingRun, AProbeCannotConnectThroughADnsOrCertificateFailure) {
  // The name stops resolving (or the certificate expires) at 10m: the probe fails at once, like
  // the users' requests, and the alert fires after its window and `for`.
  for (const std::string kind : {"dns_failure", "certificate_expiry"}) {
    const auto yaml = probed_api("{ name: gone, kind: " + kind + ", target: api, at: 10m }");
    const Time fired = first_firing(parse(testing::run_yaml(yaml, 2).record));
    EXPECT_GT(fired, Time::zero() + minutes(10)) << kind;
    EXPECT_LE(fired, Time::zero() + minutes(13)) << kind;
  }
}

}  // namespace
}  // namespace gameday::sim

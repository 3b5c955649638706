// The Prometheus export on a hand-written record and scenario: counters cumulative from a 0 at
// the run's start, timestamps from --start, label values and annotations escaped, every kind of
// rule written in PromQL. Parity with Prometheus itself is the
// prometheus_parity test (real promtool over real runs).
#include "gameday/scoring/prometheus.hpp"

#include <gtest/gtest.h>

#include "record_builder.hpp"

namespace gameday::scoring {
namespace {

eventlog::Record hand_record() {
  fixture::Builder b;
  b.end_s = 30;
  b.bad = [](std::int64_t t) -> std::uint64_t { return t == 20 ? 7 : 0; };
  Diagnostics diags;
  auto record = eventlog::parse_record(b.text(), "hand.jsonl", diags);
  EXPECT_TRUE(record.has_value());
  return *record;
}

TEST(OpenMetrics, CountersAccumulateFromZeroAndTimestampsStartAtStart) {
  const std::string text = openmetrics_of(hand_record(), 1'700'000'000'000);
  EXPECT_NE(text.find("# TYPE gameday_slo_valid counter\n"), std::string::npos) << text;
  EXPECT_NE(text.find("gameday_slo_valid_total{slo=\"avail\"} 0 1700000000.000\n"
                      "gameday_slo_valid_total{slo=\"avail\"} 100 1700000010.000\n"
                      "gameday_slo_valid_total{slo=\"avail\"} 200 1700000020.000\n"
                      "gameday_slo_valid_total{slo=\"avail\"} 300 1700000030.000\n"),
            std::string::npos)
      << text;
  // 7 bad in the interval ending at 20 s: good is 100, 193, 293.
  EXPECT_NE(text.find("gameday_slo_good_total{slo=\"avail\"} 193 1700000020.000\n"),
            std::string::npos);
  EXPECT_NE(text.find("gameday_journey_responses_total{journey=\"users\",result=\"downstream\"} "
                      "7 1700000020.000\n"),
            std::string::npos);
  EXPECT_TRUE(text.ends_with("# EOF\n"));
}

TEST(MetricSeries, ExpositionShowsTheLatestValuesAndTheTruthOnlyWhenAsked) {
  fixture::Builder b;
  b.end_s = 30;
  b.fault(15, true);
  Diagnostics diags;
  const auto record = eventlog::parse_record(b.text(), "hand.jsonl", diags);
  ASSERT_TRUE(record.has_value());
  MetricSeries live(false);
  live.on(record->header);
  for (const eventlog::Event& e : record->events) live.on(e);
  for (const eventlog::SloSample& s : record->slo_samples) live.on(s);
  const std::string text = live.exposition(ExpositionFormat::Text, false);
  EXPECT_NE(text.find("# TYPE gameday_slo_valid_total counter\n"
                      "gameday_slo_valid_total{slo=\"avail\"} 300\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("gameday_fault_active"), std::string::npos);
  EXPECT_EQ(text.find("# EOF"), std::string::npos);
  const std::string open = live.exposition(ExpositionFormat::OpenMetrics, true);
  EXPECT_NE(open.find("# TYPE gameday_slo_valid counter\n"), std::string::npos) << open;
  EXPECT_NE(open.find("gameday_fault_active{fault=\"f0\",kind=\"latency\"} 1\n"), std::string::npos)
      << open;
  EXPECT_TRUE(open.ends_with("# EOF\n"));
}

TEST(PrometheusRules, EscapesNamesAndTemplatesAndNamesWhatIsLeftOut) {
  eventlog::NameTable names;
  names.services = {"we\"b"};
  names.slos = {"avail"};
  names.alerts = {"Burn", "Slow", "Busy", "Ping"};
  names.probes = {"ping"};
  model::Scenario s = gameday::testing::scenario_for(names);
  s.name = "hand";
  s.slos[0].objective = 0.999;
  model::AlertRule& burn = s.monitoring.alerts[0];
  burn.kind = model::AlertRule::Kind::BurnRate;
  burn.burn_rate = {SloId{0}, hours(1), minutes(5), 14.4};
  burn.for_duration = minutes(2);
  burn.summary = "budget {{ burning }}";
  s.monitoring.alerts[1].threshold.metric = model::AlertMetric::LatencyP99;
  model::AlertRule& busy = s.monitoring.alerts[2];
  busy.threshold.metric = model::AlertMetric::Saturation;
  busy.threshold.window = minutes(5);
  busy.threshold.threshold = 0.9;
  busy.keep_firing_for = minutes(10);
  model::AlertRule& ping = s.monitoring.alerts[3];
  ping.threshold.subject = model::SubjectKind::Probe;
  ping.threshold.probe = ProbeId{0};
  ping.threshold.metric = model::AlertMetric::ProbeFailureRatio;

  const std::string y = prometheus_rules_of(s);
  // A probe's failures, at most its attempts, over its attempts.
  EXPECT_NE(y.find("(sum(increase(gameday_probe_failures_total{probe=\\\"ping\\\"}[5m])) < "
                   "sum(increase(gameday_probe_attempts_total{probe=\\\"ping\\\"}[5m])) or "),
            std::string::npos)
      << y;
  // A latency quantile over the window's buckets, as the monitor computes it.
  EXPECT_NE(
      y.find("histogram_quantile(0.99, sum by (le) (increase("
             "gameday_service_request_duration_seconds_bucket{service=\\\"we\\\\\\\"b\\\"}[5m])))"),
      std::string::npos)
      << y;
  EXPECT_NE(y.find("      - record: slo:sli_error:ratio_rate1h\n"), std::string::npos) << y;
  // 14.4 x 0.001, the double the monitor compares with.
  EXPECT_NE(y.find("ratio_rate1h{slo=\\\"avail\\\"} > " + std::to_string(0.0144).substr(0, 6)),
            std::string::npos)
      << y;
  EXPECT_NE(y.find("        for: 2m\n"), std::string::npos);
  EXPECT_NE(y.find("summary: \"budget {{ \\\"{{\\\" }} burning }}\""), std::string::npos) << y;
  // A quote in a service name is escaped for PromQL, and that again for YAML.
  EXPECT_NE(y.find("gameday_service_utilisation_ratio{service=\\\"we\\\\\\\"b\\\"}[4m59s999ms]"),
            std::string::npos)
      << y;
  EXPECT_NE(y.find("        keep_firing_for: 10m\n"), std::string::npos);
  EXPECT_NE(y.find("          service: \"we\\\"b\"\n"), std::string::npos) << y;
}

}  // namespace
}  // namespace gameday::scoring

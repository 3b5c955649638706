// The monitoring runtime driven directly with synthetic sample intervals: burn-rate alerts fire
// at the evaluation their arithmetic says (computed here over 10 s samples and 1 min
// evaluations), threshold rules follow Prometheus's pending / firing / resolved states with
// `for` and `keep_firing_for`, quantiles interpolate like histogram_quantile, and notifications
// are grouped, delayed, repeated and inhibited like Alertmanager's. Times are asserted exactly.
//
// The harness plays the engine's part: a sample every 10 s (observe), an evaluation at every
// whole minute right after it, and notify_due() at each exact next_notification_due() time.
#include "monitoring.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {
namespace {

constexpr Duration sample = seconds(10);

const std::string base_yaml = R"(scenario: monitoring
duration: 4d
services:
  - name: api
  - name: db
traffic:
  - name: web
    to: api
    rate: 10/s
slos:
  - name: avail
    service: api
    objective: 99.9%
probes:
  - name: ping
    service: api
)";

struct Ev {
  Time t;
  std::string kind;
  nlohmann::json json;
  std::uint64_t seq = 0;
  std::int64_t alert() const { return json.at("alert").get<std::int64_t>(); }
};

// What the engine would report for one interval, filled per test.
struct Interval {
  std::vector<IntervalStats> services;
  std::vector<IntervalStats> sources;
  std::vector<SloCounts> slos;
  std::vector<ProbeCounts> probes;
};

// `n` requests of which `bad` failed (timeouts); successes take 5 ms.
IntervalStats traffic(std::uint64_t n, std::uint64_t bad) {
  IntervalStats s;
  s.requests = n;
  s.ok = n - bad;
  s.errors[static_cast<std::size_t>(eventlog::ErrorCause::Timeout)] = bad;
  add_latency(s, ms(5), n - bad);
  s.instances_up = 3;
  return s;
}

class Harness {
 public:
  explicit Harness(const std::string& monitoring_yaml) {
    Diagnostics diags;
    auto loaded = load_scenario_text(base_yaml + monitoring_yaml, "t.yaml", diags);
    std::string messages;
    for (const auto& d : diags.sorted()) messages += d.format() + "\n";
    if (!loaded) ADD_FAILURE() << messages;
    scenario_ = loaded ? loaded->scenario : Scenario{};
    eventlog::Header h;
    writer_.header(h);
    monitor_.emplace(scenario_, writer_);
  }

  // Feeds samples ending at now+10s, ... up to `end`; `fill(t, interval)` describes the
  // interval (t - 10s, t]. It starts with every count zero and three instances up.
  void run_until(Time end, const std::function<void(Time, Interval&)>& fill) {
    while (now_ < end) {
      const Time next = now_ + sample;
      deliver_before(next);
      now_ = next;
      Interval in;
      in.services.assign(scenario_.services.size(), traffic(0, 0));
      in.sources.assign(scenario_.traffic.size(), traffic(0, 0));
      in.slos.assign(scenario_.slos.size(), SloCounts{});
      in.probes.assign(scenario_.monitoring.probes.size(), ProbeCounts{});
      fill(now_, in);
      monitor_->observe(now_, sample, in.services, in.sources, in.slos, in.probes);
      if (now_.ns() % monitor_->evaluation_interval().ns() == 0) monitor_->evaluate(now_);
      deliver_before(now_ + nanoseconds(1));
    }
  }

  std::vector<Ev> events(std::string_view kind = "") const {
    std::vector<Ev> out;
    std::istringstream lines(writer_.buffer());
    std::string line;
    while (std::getline(lines, line)) {
      const auto j = nlohmann::json::parse(line);
      if (j.at("type") != "event") continue;
      if (!kind.empty() && j.at("kind") != kind) continue;
      out.push_back({Time::from_ns(j.at("t").get<std::int64_t>()), j.at("kind"), j,
                     j.at("seq").get<std::uint64_t>()});
    }
    return out;
  }
  // The times of `kind` events for alert `id`.
  std::vector<Time> times(std::string_view kind, std::int64_t id) const {
    std::vector<Time> out;
    for (const Ev& e : events(kind))
      if (e.alert() == id) out.push_back(e.t);
    return out;
  }
  Monitor& monitor() { return *monitor_; }

 private:
  void deliver_before(Time limit) {
    while (const auto due = monitor_->next_notification_due()) {
      if (*due >= limit) break;
      monitor_->notify_due(*due);
    }
  }

  Scenario scenario_;
  eventlog::RecordWriter writer_;
  std::optional<Monitor> monitor_;
  Time now_;
};

Time at(Duration d) {
  return Time::zero() + d;
}

using Times = std::vector<Time>;

// 100 % errors from t0 when `bad_per_sample` == n, for the SLO and the service alike.
std::function<void(Time, Interval&)> errors_from(Duration t0, std::uint64_t n,
                                                 std::uint64_t bad_per_sample,
                                                 Duration until = hours(1000)) {
  return [=](Time t, Interval& in) {
    const bool bad = t > at(t0) && t <= at(until);
    const std::uint64_t b = bad ? bad_per_sample : 0;
    in.services[0] = traffic(n, b);
    in.sources[0] = traffic(n, b);
    in.slos[0] = {n, n - b};
  };
}

// The first evaluation minute k after t0 at which bad / valid > limit holds over both windows,
// with exact integer arithmetic: 10 s samples, `n` valid and `b` bad per sample from t0 on,
// `history` samples of clean traffic before t0. limit = limit_num / limit_den.
int first_minute(int history, std::uint64_t n, std::uint64_t b, Duration long_w, Duration short_w,
                 std::uint64_t limit_num, std::uint64_t limit_den) {
  const auto holds = [&](int k, Duration w) {
    const std::int64_t in_window = w / sample;
    const std::int64_t bad_samples = std::min<std::int64_t>(6 * k, in_window);
    const std::int64_t samples = std::min<std::int64_t>(history + 6 * k, in_window);
    const std::uint64_t bad = b * static_cast<std::uint64_t>(bad_samples);
    const std::uint64_t valid = n * static_cast<std::uint64_t>(samples);
    return bad * limit_den > valid * limit_num;
  };
  for (int k = 1; k < 100000; ++k)
    if (holds(k, long_w) && holds(k, short_w)) return k;
  return -1;
}

TEST(BurnRate, FastPageFiresWhenTheHourWindowCrossesTheLimit) {
  Harness h(R"(alerts:
  - name: fast
    burn_rate: {slo: avail, preset: page_fast}
  - name: fast-for
    severity: page
    for: 2m
    burn_rate: {slo: avail, long: 1h, short: 5m, factor: 14.4}
)");
  h.run_until(at(hours(2) + minutes(10)), errors_from(hours(2), 100, 100));
  // limit 14.4 x 0.1 % = 1.44 % = 144 / 10000.
  const int k = first_minute(720, 100, 100, hours(1), minutes(5), 144, 10000);
  ASSERT_EQ(k, 1);  // 6 bad samples of 360: 1.67 % > 1.44 %
  const Time expected = at(hours(2) + minutes(k));
  EXPECT_EQ(h.times("alert_pending", 0), Times{expected});
  EXPECT_EQ(h.times("alert_firing", 0), Times{expected});
  EXPECT_EQ(h.times("alert_pending", 1), Times{expected});
  EXPECT_EQ(h.times("alert_firing", 1), Times{expected + minutes(2)});
  const Ev firing = h.events("alert_firing").front();
  EXPECT_EQ(firing.json.at("severity"), "page");
  EXPECT_NEAR(firing.json.at("value").get<double>(), 600.0 / 36000 / 0.001, 1e-9);
  EXPECT_NEAR(firing.json.at("short_value").get<double>(), 600.0 / 3000 / 0.001, 1e-9);
}

TEST(BurnRate, FastPageWithAPartialErrorRate) {
  Harness h(R"(alerts:
  - name: fast
    burn_rate: {slo: avail, preset: page_fast}
)");
  h.run_until(at(hours(3)), errors_from(hours(2), 100, 5));
  // 5 % errors: the hour window crosses 1.44 % after 0.05 x 6k / 360 > 0.0144, k > 17.28.
  const int k = first_minute(720, 100, 5, hours(1), minutes(5), 144, 10000);
  ASSERT_EQ(k, 18);
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(hours(2) + minutes(k))});
}

TEST(BurnRate, SlowPageFiresWhenTheSixHourWindowCrosses) {
  Harness h(R"(alerts:
  - name: fast
    burn_rate: {slo: avail, preset: page_fast}
  - name: slow
    burn_rate: {slo: avail, preset: page_slow}
)");
  h.run_until(at(hours(2) + minutes(110)), errors_from(hours(2), 1000, 13));
  // 1.3 % errors, limit 6 x 0.1 % = 0.6 %; the 6 h window holds only 2 h of clean history.
  const int k = first_minute(720, 1000, 13, hours(6), minutes(30), 6, 1000);
  ASSERT_EQ(k, 103);  // 13 x 6k > 6 x (720 + 6k)
  EXPECT_EQ(h.times("alert_firing", 1), Times{at(hours(2) + minutes(k))});
  EXPECT_TRUE(h.times("alert_pending", 0).empty());  // 1.3 % never burns 14.4x
}

TEST(BurnRate, TicketFiresOnTheThreeDayWindowWithTheHistoryThatExists) {
  Harness h(R"(alerts:
  - name: budget
    burn_rate: {slo: avail, preset: ticket}
)");
  h.run_until(at(hours(3)), errors_from(hours(2), 1000, 8));
  const int k = first_minute(720, 1000, 8, hours(72), hours(6), 1, 1000);
  ASSERT_EQ(k, 18);  // 8 x 6k > 720 + 6k
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(hours(2) + minutes(k))});
  EXPECT_EQ(h.events("alert_firing").front().json.at("severity"), "ticket");
  EXPECT_EQ(h.events("ticket").size(), 1u);
  EXPECT_EQ(h.events("ticket").front().t, at(hours(2) + minutes(k) + seconds(30)));
  EXPECT_TRUE(h.events("page").empty());
}

TEST(BurnRate, QuickTicketFiresOnTheDayWindowAtThreeTimesTheBudget) {
  Harness h(R"(alerts:
  - name: budget
    burn_rate: {slo: avail, preset: ticket_quick}
)");
  h.run_until(at(hours(6)), errors_from(hours(2), 1000, 5));
  // 0.5 % errors, limit 3 x 0.1 % = 0.3 %: the day window holds 2 h of clean history.
  const int k = first_minute(720, 1000, 5, hours(24), hours(2), 3, 1000);
  ASSERT_EQ(k, 181);  // 5 x 6k > 3 x (720 + 6k): 12k > 2160
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(hours(2) + minutes(k))});
  EXPECT_EQ(h.events("alert_firing").front().json.at("severity"), "ticket");
}

TEST(BurnRate, BothWindowsAreRequired) {
  Harness h(R"(alerts:
  - name: fast
    burn_rate: {slo: avail, preset: page_fast}
)");
  // 30 s of total failure: the 5 m window sees 10 %, the 1 h window 0.83 % (< 1.44 %).
  h.run_until(at(hours(3)), errors_from(hours(2), 100, 100, hours(2) + seconds(30)));
  EXPECT_TRUE(h.events().empty());
}

const std::string threshold_rules = R"(alerts:
  - name: errors
    severity: page
    service: api
    metric: error_ratio
    window: 1m
    above: 5%
    for: 2m
  - name: errors-sticky
    severity: page
    service: api
    metric: error_ratio
    window: 1m
    above: 5%
    for: 2m
    keep_firing_for: 5m
)";

TEST(Threshold, ForDelaysFiringAndResolutionIsImmediate) {
  Harness h(threshold_rules);
  h.run_until(at(minutes(30)), errors_from(minutes(10), 100, 50, minutes(20)));
  // The 11m evaluation is the first whose window (10m, 11m] holds the errors.
  EXPECT_EQ(h.times("alert_pending", 0), Times{at(minutes(11))});
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(minutes(13))});
  EXPECT_EQ(h.times("alert_resolved", 0), Times{at(minutes(21))});
  // keep_firing_for counts from the first false evaluation (21m).
  EXPECT_EQ(h.times("alert_firing", 1), Times{at(minutes(13))});
  EXPECT_EQ(h.times("alert_resolved", 1), Times{at(minutes(26))});
  const Ev firing = h.events("alert_firing").front();
  EXPECT_NEAR(firing.json.at("value").get<double>(), 0.5, 1e-12);
  EXPECT_FALSE(firing.json.contains("short_value"));
}

TEST(Threshold, ADipWhilePendingResetsIt) {
  Harness h(threshold_rules);
  h.run_until(at(minutes(20)), [](Time t, Interval& in) {
    const bool bad = t > at(minutes(10)) && !(t > at(minutes(12)) && t <= at(minutes(13)));
    in.services[0] = traffic(100, bad ? 50 : 0);
  });
  // Pending at 11m and 12m, clean window at 13m (silently inactive), pending again at 14m.
  EXPECT_EQ(h.times("alert_pending", 0), (Times{at(minutes(11)), at(minutes(14))}));
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(minutes(16))});
  EXPECT_TRUE(h.times("alert_resolved", 0).empty());
}

TEST(Threshold, LatencyQuantilesInterpolateInsideBuckets) {
  // 50 at 3 ms, 40 at 20 ms, 10 at 400 ms: cumulative 50 at 5 ms, 90 at 25 ms, 100 at 500 ms.
  IntervalStats s;
  add_latency(s, ms(3), 50);
  add_latency(s, ms(20), 40);
  add_latency(s, ms(400), 10);
  EXPECT_NEAR(*histogram_quantile(0.5, s.latency_le, s.latency_count), 0.005, 1e-12);
  EXPECT_NEAR(*histogram_quantile(0.9, s.latency_le, s.latency_count), 0.025, 1e-12);
  EXPECT_NEAR(*histogram_quantile(0.95, s.latency_le, s.latency_count), 0.375, 1e-12);
  EXPECT_NEAR(*histogram_quantile(0.99, s.latency_le, s.latency_count), 0.475, 1e-12);
  EXPECT_NEAR(*histogram_quantile(0.25, s.latency_le, s.latency_count), 0.00375, 1e-12);
  EXPECT_FALSE(histogram_quantile(0.5, s.latency_le, 0));
  IntervalStats slow;
  add_latency(slow, seconds(30), 4);  // only +Inf: the highest finite bound
  EXPECT_NEAR(*histogram_quantile(0.5, slow.latency_le, slow.latency_count), 10.0, 1e-12);

  Harness h(R"(alerts:
  - {name: p99, severity: page, service: api, metric: latency_p99, window: 1m, above: 400ms}
  - {name: p95, severity: page, service: api, metric: latency_p95, window: 1m, above: 400ms}
  - {name: p50, severity: page, service: api, metric: latency_p50, window: 1m, below: 6ms}
  - {name: p90, severity: page, service: api, metric: latency_p90, window: 1m, above: 25ms}
)");
  h.run_until(at(minutes(3)), [&](Time, Interval& in) { in.services[0] = s; });
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(minutes(1))});  // 475 ms > 400 ms
  EXPECT_TRUE(h.times("alert_firing", 1).empty());               // 375 ms
  EXPECT_EQ(h.times("alert_firing", 2), Times{at(minutes(1))});  // 5 ms < 6 ms
  EXPECT_TRUE(h.times("alert_firing", 3).empty());               // 25 ms is not above 25 ms
  EXPECT_NEAR(h.events("alert_firing").front().json.at("value").get<double>(), 0.475, 1e-12);
}

TEST(Threshold, RateInstancesSaturationQueueAndProbes) {
  Harness h(R"(alerts:
  - {name: rate-high, severity: page, service: api, metric: request_rate, window: 1m, above: 8/s}
  - {name: rate-low, severity: page, journey: web, metric: request_rate, window: 1m, below: 5/s}
  - {name: down, severity: page, service: api, metric: instances_up, window: 1m, below: 2}
  - {name: busy, severity: page, service: api, metric: saturation, window: 1m, above: 80%}
  - {name: queue, severity: page, service: api, metric: queue_depth, window: 2m, above: 10}
  - {name: probe, severity: page, probe: ping, metric: probe_failure_ratio, window: 1m,
     above: 50%}
)");
  h.run_until(at(minutes(10)), [](Time t, Interval& in) {
    const bool late = t > at(minutes(5));
    in.services[0] = traffic(100, 0);             // 10/s
    in.sources[0] = traffic(late ? 40 : 100, 0);  // 4/s after 5m
    if (late) {
      in.services[0].instances_up = 1;
      in.services[0].utilisation = 0.9;
      in.services[0].queued = 12;
      in.probes[0] = {3, 2};
    } else {
      in.services[0].utilisation = 0.5;
      in.probes[0] = {3, 1};
    }
  });
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(minutes(1))});
  EXPECT_EQ(h.times("alert_firing", 1), Times{at(minutes(6))});
  EXPECT_EQ(h.times("alert_firing", 2), Times{at(minutes(6))});
  EXPECT_EQ(h.times("alert_firing", 3), Times{at(minutes(6))});
  // The 2 m average of queue depth: 6 x 12 / 12 = 6 at 6m, 12 from 7m on.
  EXPECT_EQ(h.times("alert_firing", 4), Times{at(minutes(7))});
  EXPECT_EQ(h.times("alert_firing", 5), Times{at(minutes(6))});
  EXPECT_NEAR(h.events("alert_firing").front().json.at("value").get<double>(), 10.0, 1e-12);
}

TEST(Routing, GroupWaitBatchingRepeatAndResolve) {
  Harness h(R"(alerts:
  - {name: errors, severity: page, service: api, metric: error_ratio, window: 1m, above: 5%}
  - {name: slow, severity: page, service: api, metric: latency_p99, window: 1m, above: 400ms}
alerting:
  group_by: service
  repeat_interval: 30m
)");
  h.run_until(at(minutes(55)), [](Time t, Interval& in) {
    const bool errors = t > at(minutes(10)) && t <= at(minutes(50));
    const bool slow = t > at(minutes(12)) && t <= at(minutes(50));
    in.services[0] = traffic(100, errors ? 50 : 0);
    if (slow) add_latency(in.services[0], seconds(2), 10);
  });
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(minutes(11))});
  EXPECT_EQ(h.times("alert_firing", 1), Times{at(minutes(13))});
  const auto pages = h.events("page");
  ASSERT_EQ(pages.size(), 3u);
  // group_wait: the first page 30 s after the first alert fired.
  EXPECT_EQ(pages[0].t, at(minutes(11) + seconds(30)));
  EXPECT_EQ(pages[0].json.at("alerts"), 1);
  EXPECT_EQ(pages[0].json.at("group"), "api");
  EXPECT_EQ(pages[0].json.at("cause"), h.events("alert_firing")[0].seq);
  // The second alert waits for the next group_interval tick and goes out batched.
  EXPECT_EQ(pages[1].t, at(minutes(16) + seconds(30)));
  EXPECT_EQ(pages[1].json.at("alerts"), 2);
  EXPECT_EQ(pages[1].alert(), 0);
  // Unchanged: re-paged at the first tick at least repeat_interval after the last page.
  EXPECT_EQ(pages[2].t, at(minutes(46) + seconds(30)));
  // Both resolve at 51m; the resolved notification goes out at the next tick.
  const auto resolved = h.events("page_resolved");
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].t, at(minutes(51) + seconds(30)));
  EXPECT_EQ(h.monitor().next_notification_due(), std::nullopt);

  const auto summary = h.monitor().summary();
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0].name, "errors");
  EXPECT_EQ(summary[0].first_pending, at(minutes(11)));
  EXPECT_EQ(summary[0].first_firing, at(minutes(11)));
  EXPECT_EQ(summary[0].firings, 1);
  EXPECT_EQ(summary[0].notifications, 3);
  EXPECT_EQ(summary[1].notifications, 2);
}

TEST(Routing, ExactDueTimeIsExposed) {
  Harness h(R"(alerts:
  - {name: errors, severity: page, service: api, metric: error_ratio, window: 1m, above: 5%}
alerting: {group_wait: 45s}
)");
  h.run_until(at(minutes(11)), errors_from(minutes(10), 100, 50));
  EXPECT_EQ(h.monitor().next_notification_due(), at(minutes(11) + seconds(45)));
  EXPECT_TRUE(h.events("page").empty());
  h.run_until(at(minutes(12)), errors_from(minutes(10), 100, 50));
  EXPECT_EQ(h.events("page").at(0).t, at(minutes(11) + seconds(45)));
}

TEST(Routing, TicketsNeverPage) {
  Harness h(R"(alerts:
  - {name: errors, severity: ticket, service: api, metric: error_ratio, window: 1m, above: 5%}
)");
  h.run_until(at(minutes(20)), errors_from(minutes(10), 100, 50));
  EXPECT_TRUE(h.events("page").empty());
  ASSERT_EQ(h.events("ticket").size(), 1u);
  EXPECT_EQ(h.events("ticket")[0].t, at(minutes(11) + seconds(30)));
}

TEST(Routing, InhibitionSuppressesTheTargetWhileTheSourceFires) {
  Harness h(R"(alerts:
  - {name: down, severity: page, service: api, metric: instances_up, window: 1m, below: 1}
  - {name: errors, severity: page, service: api, metric: error_ratio, window: 1m, above: 5%}
alerting:
  inhibit: [{source: down, target: errors}]
)");
  h.run_until(at(minutes(30)), [](Time t, Interval& in) {
    in.services[0] = traffic(100, t > at(minutes(10)) ? 50 : 0);
    if (t > at(minutes(10)) && t <= at(minutes(20))) in.services[0].instances_up = 0;
  });
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(minutes(11))});
  EXPECT_EQ(h.times("alert_firing", 1), Times{at(minutes(11))});
  EXPECT_EQ(h.times("alert_resolved", 0), Times{at(minutes(21))});
  // `down` pages; `errors` is silent until `down` resolves, then pages at its group's tick.
  EXPECT_EQ(h.times("page", 0), Times{at(minutes(11) + seconds(30))});
  EXPECT_EQ(h.times("page", 1), Times{at(minutes(21) + seconds(30))});
}

TEST(Monitor, AHealthyStreamNeverFires) {
  Harness h(R"(alerts:
  - name: fast
    burn_rate: {slo: avail, preset: page_fast}
  - name: slow
    burn_rate: {slo: avail, preset: page_slow}
  - name: budget
    burn_rate: {slo: avail, preset: ticket}
  - {name: errors, severity: page, service: api, metric: error_ratio, window: 1m, above: 0%}
  - {name: p99, severity: page, journey: web, metric: latency_p99, above: 100ms}
  - {name: probe, severity: ticket, probe: ping, metric: probe_failure_ratio, above: 0%}
)");
  // More than the longest window, so the rings wrap and trim.
  h.run_until(at(hours(75)), [](Time, Interval& in) {
    in.services[0] = traffic(100, 0);
    in.sources[0] = traffic(100, 0);
    in.slos[0] = {100, 100};
    in.probes[0] = {3, 0};
  });
  EXPECT_TRUE(h.events().empty());
  for (const AlertSummary& a : h.monitor().summary()) EXPECT_FALSE(a.first_pending) << a.name;
}

TEST(Monitor, LongWindowsStayExactAfterTrimming) {
  Harness h(R"(alerts:
  - name: budget
    burn_rate: {slo: avail, preset: ticket}
)");
  // 73 clean hours, then 0.8 % errors: the 3 d window is full (25920 samples) and trimmed.
  const Duration t0 = hours(73);
  h.run_until(at(t0 + hours(10)), [&](Time t, Interval& in) {
    in.slos[0] = {1000, t > at(t0) ? 992u : 1000u};
  });
  // 8 x 6k > 25920: k > 540.
  const int k = first_minute(26280, 1000, 8, hours(72), hours(6), 1, 1000);
  ASSERT_EQ(k, 541);
  EXPECT_EQ(h.times("alert_firing", 0), Times{at(t0 + minutes(k))});
}

}  // namespace
}  // namespace gameday::sim

// Every fault kind at scenario level: its effect on the metrics it should move while active,
// the metrics restored when it ends, and the second-order effects that make game days
// realistic (cold restarts, retries multiplying calls across a partition, load balancers that
// notice a dead zone only through health checks). One topology serves them all: `a` calls
// `b`, which has three instances in three zones; faults start at 60 s and last 60 s.
#include <gtest/gtest.h>

#include <string>

#include "gameday/eventlog/reader.hpp"
#include "run_support.hpp"

namespace gameday::sim {
namespace {

using eventlog::ErrorCause;

using testing::Window;

struct FaultRun {
  std::string text;  // the record as written
  eventlog::Record record;
  // Sums over the samples of `service` whose intervals end in (from, to].
  Window window(std::uint32_t service, int from_s, int to_s) const {
    return testing::service_window(record, service, from_s, to_s);
  }
  std::vector<const eventlog::Event*> events(std::string_view kind) const {
    return testing::events_of(record, kind);
  }
  std::uint64_t attempts(int from_s, int to_s) const {
    std::uint64_t n = 0;
    for (const auto& s : record.dependency_samples)
      if (s.t > Time::zero() + seconds(from_s) && s.t <= Time::zero() + seconds(to_s))
        n += s.attempts;
    return n;
  }
};

constexpr std::uint32_t a = 0, b = 1;

// Percentiles come from a histogram that reports values within 0.4 %.
void expect_ms(Duration measured, double expected_ms) {
  EXPECT_NEAR(measured.to_ms(), expected_ms, expected_ms * 0.005);
}

FaultRun run_fault(const std::string& fault, const std::string& call_options = "",
                   std::uint64_t seed = 1) {
  const std::string yaml = R"(
scenario: faults
duration: 4m
zones: [z1, z2, z3]
services:
  - name: a
    concurrency: async
    workers: 1000
    queue: unbounded
    service_time: 1ms
    calls: [ { to: b, timeout: 500ms )" +
                           call_options + R"( } ]
  - name: b
    replicas: 3
    workers: 8
    queue: 100
    service_time: 10ms
    health_check: { interval: 5s, unhealthy_threshold: 2, healthy_threshold: 2 }
traffic:
  - { name: users, to: a, rate: 300/s }
faults:
  - )" + fault + "\n";
  const auto out = testing::run_yaml(yaml, seed);
  Diagnostics diags;
  auto record = eventlog::parse_record(out.record, "events.jsonl", diags);
  EXPECT_TRUE(record.has_value());
  return {out.record, record ? std::move(*record) : eventlog::Record{}};
}

TEST(Faults, CrashFailsRequestsUntilHealthChecksReactAndTheRestartIsCold) {
  const auto r = run_fault(
      "{ name: c, kind: crash, target: { service: b, instances: 1 }, at: 60s, "
      "restart_after: 60s, cold_start: { for: 60s, factor: 5x } }");
  ASSERT_EQ(r.events("instance_down").size(), 1u);
  EXPECT_EQ(r.events("instance_down")[0]->t, Time::zero() + seconds(60));
  const auto out = r.events("instance_out_of_rotation");
  ASSERT_EQ(out.size(), 1u);
  // Two failed checks, 5 s apart, after the crash.
  EXPECT_GT(out[0]->t, Time::zero() + seconds(65));
  EXPECT_LE(out[0]->t, Time::zero() + seconds(70));
  EXPECT_EQ(r.window(b, 0, 60).errors_total(), 0u);
  EXPECT_GT(r.window(b, 60, 70).of(ErrorCause::Unavailable), 0u);
  EXPECT_EQ(r.window(b, 70, 120).of(ErrorCause::Unavailable), 0u);  // out of rotation
  ASSERT_EQ(r.events("instance_up").size(), 1u);
  EXPECT_EQ(r.events("instance_up")[0]->t, Time::zero() + seconds(120));
  ASSERT_EQ(r.events("instance_in_rotation").size(), 1u);
  // While cold, the restarted instance is up to 5x slower; once warm, all are 10 ms again.
  expect_ms(r.window(b, 0, 60).p99_max, 10);
  EXPECT_GT(r.window(b, 120, 150).p99_max, ms(20));
  expect_ms(r.window(b, 190, 240).p99_max, 10);
  EXPECT_EQ(r.window(b, 190, 240).errors_total(), 0u);
}

TEST(Faults, ACrashLoopKillsTheInstanceAgainAfterEveryRestart) {
  const auto r = run_fault(
      "{ name: l, kind: crash_loop, target: { service: b, instances: 1 }, at: 60s, for: 60s, "
      "restart_after: 10s, uptime: 5s }");
  // Down at 60, 75, 90 and 105, up 10 s after each; the fault ends at 120, before the kill
  // that was due then.
  const auto down = r.events("instance_down"), up = r.events("instance_up");
  ASSERT_EQ(down.size(), 4u);
  EXPECT_EQ(down[1]->t, Time::zero() + seconds(75));
  EXPECT_EQ(down[3]->t, Time::zero() + seconds(105));
  ASSERT_EQ(up.size(), 4u);
  EXPECT_EQ(up.back()->t, Time::zero() + seconds(115));
  EXPECT_EQ(r.window(b, 190, 240).errors_total(), 0u);
}

TEST(Faults, AMemoryLeakSlowsTheInstanceUntilItIsKilledForMemoryAndRestarts) {
  // +100 % service time per minute, killed at 2x: one minute after each (re)start.
  const auto r = run_fault(
      "{ name: m, kind: memory_leak, target: { service: b, instances: 1 }, at: 0s, for: 150s, "
      "growth: 100%/min, oom_at: 2x, restart_after: 10s, cold_start: { for: 0s } }");
  const auto oom = r.events("out_of_memory");
  ASSERT_EQ(oom.size(), 2u);
  EXPECT_EQ(oom[0]->t, Time::zero() + seconds(60));
  EXPECT_EQ(oom[1]->t, Time::zero() + seconds(130));  // restarted at 70, a minute to grow
  EXPECT_EQ(r.events("instance_down")[0]->cause, oom[0]->seq);
  EXPECT_GT(r.window(b, 40, 60).p99_max, ms(16));  // the leaking instance, near 2x
  expect_ms(r.window(b, 200, 240).p99_max, 10);    // the leak ended at 150 s
}

TEST(Faults, RandomCrashesFollowTheirMtbfAndRepairTimes) {
  const auto r =
      run_fault("{ name: r, kind: crash, target: b, random: { mtbf: 30s, repair: 5s } }");
  const auto starts = r.events("fault_start"), ends = r.events("fault_end");
  // Three instances over four minutes with a 30 s MTBF: about 24 failures.
  EXPECT_GT(starts.size(), 12u);
  EXPECT_LT(starts.size(), 40u);
  EXPECT_GE(starts.size(), ends.size());
  for (const auto* e : starts) EXPECT_TRUE(e->get<eventlog::FaultChange>()->instance);
  EXPECT_EQ(r.events("instance_down").size(), starts.size());
}

TEST(Faults, HangPilesUpRequestsThatTimeOutUntilItEnds) {
  const auto r = run_fault(
      "{ name: h, kind: hang, target: { service: b, instances: 1 }, "
      "at: 60s, for: 60s }");
  ASSERT_EQ(r.events("instance_hung").size(), 1u);
  ASSERT_EQ(r.events("instance_resumed").size(), 1u);
  EXPECT_EQ(r.events("instance_resumed")[0]->t, Time::zero() + seconds(120));
  EXPECT_GT(r.window(a, 60, 75).of(ErrorCause::Downstream), 0u);
  EXPECT_EQ(r.window(a, 80, 120).of(ErrorCause::Downstream), 0u);  // out of rotation by then
  EXPECT_EQ(r.window(a, 140, 240).errors_total(), 0u);
}

TEST(Faults, LatencyOnAServiceSlowsItWhileActive) {
  const auto r = run_fault("{ name: l, kind: latency, target: b, at: 60s, for: 60s, add: 100ms }");
  expect_ms(r.window(b, 0, 60).p50_max, 10);
  EXPECT_GE(r.window(b, 70, 120).p50_max, ms(110));
  expect_ms(r.window(b, 130, 240).p50_max, 10);
}

TEST(Faults, LatencyOnAnEdgeSlowsTheCallerNotTheCallee) {
  const auto r = run_fault(
      "{ name: l, kind: latency, target: { from: a, to: b }, at: 60s, for: 60s, add: 50ms }");
  expect_ms(r.window(b, 70, 120).p50_max, 10);
  EXPECT_GE(r.window(a, 70, 120).p50_max, ms(60));
  EXPECT_LT(r.window(a, 130, 240).p50_max, ms(15));
}

TEST(Faults, ErrorsFailTheirShareOfRequests) {
  const auto r = run_fault("{ name: e, kind: errors, target: b, at: 60s, for: 60s, share: 40% }");
  const auto during = r.window(b, 60, 120);
  EXPECT_NEAR(during.share(ErrorCause::Injected), 0.4, 0.03);
  EXPECT_EQ(r.window(b, 130, 240).errors_total(), 0u);
}

TEST(Faults, CapacityLossMultipliesServiceTime) {
  const auto r =
      run_fault("{ name: n, kind: capacity_loss, target: b, at: 60s, for: 60s, factor: 3x }");
  expect_ms(r.window(b, 60, 120).p50_max, 30);
  expect_ms(r.window(b, 130, 240).p50_max, 10);
}

TEST(Faults, CapacityLossOnSomeInstancesSlowsOnlyThose) {
  // One of b's three instances at 3x: a third of the requests take 30 ms, the median stays.
  const auto r = run_fault(
      "{ name: n, kind: capacity_loss, target: { service: b, instances: 1 }, at: 60s, for: 60s, "
      "factor: 3x }");
  const auto during = r.window(b, 60, 120);
  expect_ms(during.p50_max, 10);
  expect_ms(during.p99_max, 30);
  expect_ms(r.window(b, 130, 240).p99_max, 10);
}

TEST(Faults, PacketLossTurnsItsShareOfCallsIntoTimeouts) {
  const auto r = run_fault(
      "{ name: p, kind: packet_loss, target: { from: a, to: b }, at: 60s, for: 60s, "
      "share: 30% }");
  const auto during = r.window(a, 60, 120);
  EXPECT_NEAR(during.share(ErrorCause::Downstream), 0.3, 0.03);
  EXPECT_NEAR(
      static_cast<double>(r.window(b, 60, 120).requests) / static_cast<double>(during.requests),
      0.7, 0.03);
  EXPECT_EQ(r.window(a, 130, 240).errors_total(), 0u);
}

TEST(Faults, APartitionWithRetriesMultipliesCalls) {
  const auto r =
      run_fault("{ name: p, kind: partition, target: { from: a, to: b }, at: 60s, for: 60s }",
                ", retries: 2");
  EXPECT_EQ(r.window(b, 62, 120).requests, 0u);
  // Each call now makes three attempts, all lost: three times the attempts of a healthy minute.
  const double ratio =
      static_cast<double>(r.attempts(70, 120)) / static_cast<double>(r.attempts(10, 60));
  EXPECT_NEAR(ratio, 3.0, 0.15);
  EXPECT_GT(r.window(b, 130, 240).ok, 0u);
}

TEST(Faults, AZonePartitionCutsOnlyCrossZoneCalls) {
  // `a` lives in z1 only; b has one instance per zone: two thirds of its calls cross zones,
  // and the partition separates z1 from z2.
  const auto r = run_fault(
      "{ name: z, kind: partition, target: { zones: [z1, z2] }, at: 60s, "
      "for: 60s }");
  const auto during = r.window(a, 60, 120);
  EXPECT_NEAR(during.share(ErrorCause::Downstream), 1.0 / 3, 0.03);
}

TEST(Faults, AZoneOutageIsNoticedOnlyAfterTheHealthCheckThresholds) {
  const auto r = run_fault("{ name: z, kind: zone_outage, target: z2, at: 60s, for: 60s }");
  const auto down = r.events("instance_down");
  ASSERT_EQ(down.size(), 1u);  // b's instance in z2 (a has none there)
  const auto out = r.events("instance_out_of_rotation");
  ASSERT_EQ(out.size(), 1u);
  const Duration noticed = out[0]->t - down[0]->t;
  EXPECT_GT(noticed, seconds(5));  // at least unhealthy_threshold - 1 check intervals later
  EXPECT_LE(noticed, seconds(10));
  EXPECT_GT(r.window(b, 60, 70).of(ErrorCause::Unavailable), 0u);
  EXPECT_EQ(r.window(b, 80, 120).of(ErrorCause::Unavailable), 0u);
  EXPECT_EQ(r.events("instance_up").size(), 1u);
  EXPECT_EQ(r.window(b, 140, 240).errors_total(), 0u);
}

TEST(Faults, ATrafficSurgeMultipliesTheSourcesRate) {
  const auto r =
      run_fault("{ name: s, kind: traffic_surge, target: users, at: 60s, for: 60s, factor: 3x }");
  const double before = static_cast<double>(r.window(a, 0, 60).requests);
  EXPECT_NEAR(static_cast<double>(r.window(a, 60, 120).requests) / before, 3.0, 0.15);
  EXPECT_NEAR(static_cast<double>(r.window(a, 180, 240).requests) / before, 1.0, 0.1);
}

TEST(Faults, ARampGrowsTheFaultLinearly) {
  const auto r =
      run_fault("{ name: e, kind: errors, target: b, at: 60s, for: 60s, share: 100%, ramp: 60s }");
  const auto first = r.window(b, 60, 90), second = r.window(b, 90, 120);
  EXPECT_NEAR(first.share(ErrorCause::Injected), 0.25, 0.04);
  EXPECT_NEAR(second.share(ErrorCause::Injected), 0.75, 0.04);
}

TEST(Faults, ABadDeployRollsOutInstanceByInstanceAndRollsBack) {
  const auto r = run_fault(
      "{ name: d, kind: bad_deploy, target: b, at: 60s, for: 60s, rollout: 30s, share: 30% }");
  const auto deployed = r.events("instance_deployed");
  ASSERT_EQ(deployed.size(), 3u);
  EXPECT_EQ(deployed[0]->t, Time::zero() + seconds(60));
  EXPECT_EQ(deployed[1]->t, Time::zero() + seconds(70));
  EXPECT_EQ(deployed[2]->t, Time::zero() + seconds(80));
  EXPECT_EQ(r.events("instance_reverted").size(), 3u);
  // One instance of three on the new version, then all three.
  EXPECT_NEAR(r.window(b, 60, 70).share(ErrorCause::Injected), 0.1, 0.03);
  EXPECT_NEAR(r.window(b, 80, 120).share(ErrorCause::Injected), 0.3, 0.03);
  EXPECT_EQ(r.window(b, 130, 240).errors_total(), 0u);
}

TEST(Faults, AConfigPushReachesEveryInstanceAtOnce) {
  const auto r =
      run_fault("{ name: c, kind: config_push, target: b, at: 60s, for: 60s, factor: 3x }");
  EXPECT_EQ(r.events("instance_deployed").size(), 3u);
  expect_ms(r.window(b, 60, 120).p50_max, 30);
  expect_ms(r.window(b, 130, 240).p50_max, 10);
}

TEST(Faults, DnsFailuresAndExpiredCertificatesFailConnectionsAtTheCaller) {
  for (const char* kind : {"dns_failure", "certificate_expiry"}) {
    const auto r =
        run_fault(std::string("{ name: n, kind: ") + kind + ", target: b, at: 60s, for: 60s }");
    EXPECT_EQ(r.window(b, 60, 120).requests, 0u) << kind;  // nothing reaches it
    const auto a_during = r.window(a, 60, 120);
    // Every call fails; a request or two straddle the window's edges.
    EXPECT_NEAR(static_cast<double>(a_during.of(ErrorCause::Downstream)),
                static_cast<double>(a_during.requests), 2)
        << kind;
    std::uint64_t refused = 0;
    for (const auto& d : r.record.dependency_samples)
      refused += d.errors[static_cast<std::size_t>(ErrorCause::Connection)];
    EXPECT_NEAR(static_cast<double>(refused), static_cast<double>(a_during.requests), 2) << kind;
    EXPECT_EQ(r.window(a, 130, 240).errors_total(), 0u) << kind;
  }
}

TEST(Faults, ADnsFailureOfTheEntryServiceFailsTheUsersRequests) {
  const auto r = run_fault("{ name: n, kind: dns_failure, target: a, at: 60s, for: 60s }");
  EXPECT_EQ(r.window(a, 60, 120).requests, 0u);
  std::uint64_t failed = 0;
  for (const auto& s : r.record.source_samples)
    if (s.t > Time::zero() + seconds(60) && s.t <= Time::zero() + seconds(120))
      failed += s.errors[static_cast<std::size_t>(ErrorCause::Connection)];
  EXPECT_NEAR(static_cast<double>(failed), 300.0 * 60, 300.0 * 60 * 0.05);
}

TEST(Faults, DiskFullFailsTheWrites) {
  const auto r = run_fault("{ name: d, kind: disk_full, target: b, at: 60s, for: 60s }");
  EXPECT_NEAR(r.window(b, 60, 120).share(ErrorCause::Injected), 0.3, 0.03);  // default writes
  EXPECT_EQ(r.window(b, 130, 240).errors_total(), 0u);
}

TEST(Faults, AFailoverMakesTheServiceUnavailableForItsDuration) {
  const auto r = run_fault("{ name: f, kind: failover, target: b, at: 60s, for: 30s }");
  ASSERT_EQ(r.events("instance_down").size(), 3u);
  ASSERT_EQ(r.events("instance_up").size(), 3u);
  EXPECT_EQ(r.events("instance_up")[0]->t, Time::zero() + seconds(90));
  EXPECT_GT(r.window(b, 60, 90).of(ErrorCause::Unavailable), 0u);
  EXPECT_EQ(r.window(b, 150, 240).errors_total(), 0u);
}

TEST(Faults, ACacheLossSendsEveryLookupToTheBackendUntilItWarms) {
  const auto r =
      run_fault("{ name: c, kind: cache_loss, target: { from: a, to: b }, at: 60s, warm_for: 60s }",
                ", probability: 10%");
  const auto ratio = [&](int from, int to) {
    return static_cast<double>(r.window(b, from, to).requests) /
           static_cast<double>(r.window(a, from, to).requests);
  };
  EXPECT_NEAR(ratio(0, 60), 0.1, 0.02);
  EXPECT_GT(ratio(60, 70), 0.85);  // almost every lookup misses at first
  EXPECT_NEAR(ratio(80, 90), 0.1 + 0.9 * (1 - 25.0 / 60), 0.05);
  EXPECT_NEAR(ratio(130, 240), 0.1, 0.02);
}

TEST(Faults, AThunderingHerdArrivesAllAtOnce) {
  const auto r = run_fault(
      "{ name: h, kind: thundering_herd, target: users, at: 60s, requests: 3000, spread: 2s }");
  const double normal = static_cast<double>(r.window(a, 0, 60).requests) / 6;
  EXPECT_NEAR(static_cast<double>(r.window(a, 60, 70).requests), normal + 3000, normal * 0.2);
  EXPECT_EQ(r.events("fault_end")[0]->t, Time::zero() + seconds(62));
}

TEST(Faults, AFaultCanLastUntilAnotherEnds) {
  const std::string faults =
      "{ name: slow, kind: latency, target: b, at: 60s, for: 30s, add: 100ms }\n"
      "  - { name: errs, kind: errors, target: b, at: 70s, share: 50%, until: { fault: slow } }";
  const auto r = run_fault(faults);
  const auto ends = r.events("fault_end");
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_EQ(ends[0]->t, Time::zero() + seconds(90));
  EXPECT_EQ(ends[1]->t, Time::zero() + seconds(90));
  EXPECT_EQ(r.window(b, 100, 240).errors_total(), 0u);
}

TEST(Faults, EveryStartAndEndIsInTheRecordWithItsCause) {
  const auto r = run_fault("{ name: z, kind: zone_outage, target: z2, at: 60s, for: 60s }");
  ASSERT_EQ(r.events("fault_start").size(), 1u);
  ASSERT_EQ(r.events("fault_end").size(), 1u);
  const auto start_seq = r.events("fault_start")[0]->seq;
  EXPECT_EQ(r.events("fault_end")[0]->cause, start_seq);
  EXPECT_EQ(r.events("instance_down")[0]->cause, start_seq);
  EXPECT_EQ(r.events("instance_out_of_rotation")[0]->cause, r.events("instance_down")[0]->seq);
  EXPECT_EQ(r.record.header.names.faults, std::vector<std::string>{"z"});
}

TEST(Faults, RunsWithFaultsAreDeterministic) {
  const std::string fault =
      "{ name: p, kind: packet_loss, target: { from: a, to: b }, at: 60s, "
      "for: 60s, share: 30% }";
  const std::string options = ", retries: { max: 2, backoff: 20ms, jitter: full }";
  const auto first = run_fault(fault, options, 9), second = run_fault(fault, options, 9);
  EXPECT_TRUE(first.text == second.text) << "records differ";
  EXPECT_NE(first.text, run_fault(fault, options, 10).text);
  const std::string random =
      "{ name: r, kind: crash, target: b, random: { mtbf: 40s, repair: 5s } }";
  EXPECT_TRUE(run_fault(random, "", 4).text == run_fault(random, "", 4).text)
      << "random faults must replay identically";
  EXPECT_NE(run_fault(random, "", 4).text, run_fault(random, "", 5).text);
}

}  // namespace
}  // namespace gameday::sim

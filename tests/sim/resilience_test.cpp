// Resilience mechanics at scenario level: timeouts, retries and their budget, circuit
// breakers, bounded queues, worker-pool exhaustion, and how calls are chosen. Each test builds
// a small topology where the expected outcome follows from the configuration by arithmetic.
#include <gtest/gtest.h>

#include <string>

#include "gameday/eventlog/reader.hpp"
#include "run_support.hpp"

namespace gameday::sim {
namespace {

using eventlog::ErrorCause;
using testing::errors;
using testing::run_yaml;
using testing::service;

eventlog::Record parse(const testing::RunOutput& r) {
  Diagnostics diags;
  auto record = eventlog::parse_record(r.record, "events.jsonl", diags);
  EXPECT_TRUE(record.has_value());
  return record ? *record : eventlog::Record{};
}

std::string caller_and_callee(const std::string& call, const std::string& callee_time,
                              const std::string& traffic = "rate: 100/s\n    requests: 5000") {
  return R"(
scenario: pair
duration: 10m
services:
  - name: a
    concurrency: async
    workers: 1000
    queue: unbounded
    service_time: 1ms
    calls: [ )" +
         call + R"( ]
  - name: b
    concurrency: async
    workers: 100000
    queue: unbounded
    service_time: )" +
         callee_time + R"(
traffic:
  - to: a
    )" + traffic +
         "\n";
}

TEST(Timeouts, CutTheCallersLatencyAndTurnSlowCallsIntoErrors) {
  const std::string slow = "{ p50: 20ms, p99: 2s }";
  const auto without = run_yaml(caller_and_callee("{ to: b }", slow));
  const auto with = run_yaml(caller_and_callee("{ to: b, timeout: 100ms }", slow));
  EXPECT_GT(service(without, "a").latency.p99, seconds(1));
  EXPECT_EQ(errors(service(without, "a"), ErrorCause::Downstream), 0u);
  // 1 ms of own work plus at most the 100 ms timeout.
  EXPECT_LE(service(with, "a").latency.max, ms(101));
  EXPECT_GT(errors(service(with, "a"), ErrorCause::Downstream), 0u);
  // The callee keeps working after the caller gives up: it still answers every request.
  EXPECT_EQ(service(with, "b").ok, 5000u);
}

TEST(Retries, MultiplyTheLoadOnAFailingCalleeByOnePlusTheMaximum) {
  // b always takes 50 ms, the timeout is 10 ms: every attempt fails.
  for (int max : {0, 1, 2, 4}) {
    const auto r = run_yaml(caller_and_callee(
        "{ to: b, timeout: 10ms, retries: " + std::to_string(max) + " }", "50ms"));
    EXPECT_EQ(service(r, "b").requests, 5000u * (1 + max)) << "retries: " << max;
    EXPECT_EQ(errors(service(r, "a"), ErrorCause::Downstream), 5000u);
  }
}

TEST(Retries, BackoffDoublesBetweenAttempts) {
  // Two retries with a 100 ms base backoff and no jitter: a request fails after 1 ms of own
  // work + 10 ms (timeout) + 100 ms + 10 ms + 200 ms + 10 ms = 331 ms, seen in its trace.
  const std::string yaml =
      "trace_sample: 100%" +
      caller_and_callee("{ to: b, timeout: 10ms, retries: { max: 2, backoff: 100ms } }", "50ms",
                        "rate: 10/s\n    requests: 100");
  const auto r = run_yaml(yaml);
  const auto record = parse(r);
  ASSERT_EQ(record.traces.size(), 100u);
  for (const auto& t : record.traces) {
    EXPECT_EQ(t.latency, ms(331));
    EXPECT_EQ(t.error, ErrorCause::Downstream);
  }
  EXPECT_EQ(service(r, "b").requests, 300u);
}

TEST(Retries, ABudgetCapsRetriesToAShareOfCalls) {
  const auto r = run_yaml(caller_and_callee(
      "{ to: b, timeout: 10ms, retries: 2, retry_budget: { ratio: 10%, min_per_second: 0 } }",
      "50ms"));
  // 5,000 calls over 50 s: the sliding 10 s window admits 10 % of its first attempts, give
  // or take one retry per window as the window slides.
  const auto b = service(r, "b").requests;
  EXPECT_GT(b, 5000u + 450u);
  EXPECT_LE(b, 5000u + 500u + 10u);
}

TEST(CircuitBreaker, OpensHalfOpensAndClosesAtItsThresholds) {
  // b has one worker and no queue: under the 20x spike most calls are rejected.
  const std::string yaml = R"(
scenario: breaker
duration: 3m
services:
  - name: a
    concurrency: async
    workers: 1000
    queue: unbounded
    service_time: 1ms
    calls:
      - to: b
        circuit_breaker: { failure_ratio: 50%, min_calls: 20, window: 10s, open_for: 5s, half_open_probes: 3 }
  - name: b
    workers: 1
    queue: 0
    service_time: 10ms
traffic:
  - to: a
    rate: 20/s
    profile: { shape: spike, at: 30s, for: 20s, factor: 20x }
)";
  const auto r = run_yaml(yaml, 3);
  const auto record = parse(r);
  std::vector<const eventlog::Event*> transitions;
  for (const auto& e : record.events)
    if (e.get<eventlog::CircuitChange>()) transitions.push_back(&e);
  ASSERT_GE(transitions.size(), 3u);
  EXPECT_EQ(transitions.front()->kind, eventlog::EventKind::CircuitOpen);
  EXPECT_GE(transitions.front()->t, Time::zero() + seconds(30));
  EXPECT_LT(transitions.front()->t, Time::zero() + seconds(32));
  for (std::size_t i = 0; i + 1 < transitions.size(); ++i) {
    if (transitions[i]->kind != eventlog::EventKind::CircuitOpen) continue;
    EXPECT_EQ(transitions[i + 1]->kind, eventlog::EventKind::CircuitHalfOpen);
    EXPECT_EQ(transitions[i + 1]->t - transitions[i]->t, seconds(5));  // exactly open_for
  }
  EXPECT_EQ(transitions.back()->kind, eventlog::EventKind::CircuitClosed);
  EXPECT_GT(transitions.back()->t, Time::zero() + seconds(50));  // after the spike
  std::uint64_t short_circuited = 0;
  for (const auto& s : record.dependency_samples)
    short_circuited += s.errors[static_cast<std::size_t>(ErrorCause::CircuitOpen)];
  EXPECT_GT(short_circuited, 0u);
  EXPECT_EQ(errors(service(r, "a"), ErrorCause::Downstream),
            errors(service(r, "b"), ErrorCause::Rejected) + short_circuited);
}

TEST(Queues, ABoundedQueueRejectsWhenFull) {
  const auto make = [](const std::string& queue) {
    return R"(
scenario: queue
duration: 2m
services:
  - name: b
    workers: 1
    queue: )" +
           queue + R"(
    service_time: 100ms
traffic:
  - to: b
    rate: 50/s
)";
  };
  const auto bounded = run_yaml(make("5"));
  EXPECT_GT(errors(service(bounded, "b"), ErrorCause::Rejected), 0u);
  std::int64_t deepest = 0;
  for (const auto& s : parse(bounded).service_samples) deepest = std::max(deepest, s.queued);
  EXPECT_EQ(deepest, 5);
  const auto unbounded = run_yaml(make("unbounded"));
  EXPECT_EQ(errors(service(unbounded, "b"), ErrorCause::Rejected), 0u);
}

TEST(Concurrency, ThreadPerRequestPoolsExhaustAndRejectUpstream) {
  const auto make = [](const std::string& model) {
    return R"(
scenario: pools
duration: 2m
services:
  - name: a
    concurrency: )" +
           model + R"(
    workers: 4
    queue: 10
    service_time: 1ms
    calls: [ { to: b } ]
  - name: b
    concurrency: async
    workers: 100000
    queue: unbounded
    service_time: 1s
traffic:
  - to: a
    rate: 20/s
)";
  };
  // Holding a worker for the whole 1 s call caps a at 4 requests/s: the rest is rejected.
  const auto threads = run_yaml(make("threads"));
  EXPECT_GT(errors(service(threads, "a"), ErrorCause::Rejected),
            service(threads, "a").requests / 2);
  const auto async = run_yaml(make("async"));
  EXPECT_EQ(errors(service(async, "a"), ErrorCause::Rejected), 0u);
}

TEST(Calls, SharesPickExactlyOneCalleeAndProbabilitiesAreIndependent) {
  const std::string yaml = R"(
scenario: shares
duration: 5m
services:
  - name: a
    concurrency: async
    workers: 1000
    service_time: 1ms
    fan_out: parallel
    calls:
      - { to: b, share: 30% }
      - { to: c, share: 70% }
      - { to: d, probability: 0.5 }
  - { name: b, concurrency: async, workers: 1000, service_time: 1ms }
  - { name: c, concurrency: async, workers: 1000, service_time: 1ms }
  - { name: d, concurrency: async, workers: 1000, service_time: 1ms }
traffic:
  - { to: a, rate: 200/s }
)";
  const auto r = run_yaml(yaml);
  const auto a = static_cast<double>(service(r, "a").requests);
  EXPECT_EQ(service(r, "b").requests + service(r, "c").requests, service(r, "a").requests);
  EXPECT_NEAR(static_cast<double>(service(r, "b").requests) / a, 0.3, 0.02);
  EXPECT_NEAR(static_cast<double>(service(r, "d").requests) / a, 0.5, 0.02);
}

// A service may have 64 calls (max_calls_per_service), one bit each in a request's call mask:
// in sequence, each request makes every one of them, the last as surely as the first.
TEST(Calls, TheMostCallsAServiceMayHaveAreAllMadeInSequence) {
  std::string yaml =
      "scenario: many-calls\nduration: 1m\nservices:\n"
      "  - name: a\n    concurrency: async\n    workers: 1000\n"
      "    service_time: 1ms\n    calls:\n";
  for (std::size_t i = 0; i < max_calls_per_service; ++i)
    yaml += "      - { to: b" + std::to_string(i) + " }\n";
  for (std::size_t i = 0; i < max_calls_per_service; ++i)
    yaml += "  - { name: b" + std::to_string(i) +
            ", concurrency: async, workers: 100, "
            "service_time: 1ms }\n";
  yaml += "traffic:\n  - { to: a, rate: 10/s }\n";
  const auto r = run_yaml(yaml);
  const auto requests = service(r, "a").requests;
  EXPECT_GT(requests, 0u);
  EXPECT_EQ(service(r, "a").ok, requests);
  EXPECT_EQ(service(r, "b0").requests, requests);
  EXPECT_EQ(service(r, "b63").requests, requests);
}

TEST(LoadBalancing, RoundRobinSpreadsEvenlyAndLeastOutstandingAvoidsTheBusy) {
  const auto make = [](const std::string& lb) {
    return R"(
scenario: lb
duration: 5m
services:
  - name: s
    replicas: 4
    workers: 2
    queue: unbounded
    load_balancing: )" +
           lb + R"(
    service_time: { mean: 10ms }
traffic:
  - { to: s, rate: 600/s }
)";
  };
  // At 75 % utilisation, joining the shortest queue beats blind rotation on latency.
  const auto rr = run_yaml(make("round_robin"));
  const auto lor = run_yaml(make("least_outstanding"));
  const auto random = run_yaml(make("random"));
  EXPECT_LT(service(lor, "s").latency.p99, service(rr, "s").latency.p99);
  EXPECT_LT(service(rr, "s").latency.p99, service(random, "s").latency.p99);
}

}  // namespace
}  // namespace gameday::sim

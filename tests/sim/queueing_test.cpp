// Fidelity against queueing theory: the simulated stations must match the analytic results
// for M/M/1, M/M/c (Erlang C) and a tandem of M/M/8 stations, over enough requests that the
// tolerances are tight. Seeds are fixed, so the outcomes are reproducible.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "run_support.hpp"

namespace gameday::sim {
namespace {

using testing::run_yaml;

// Mean response time of an M/M/c station (Erlang C), in seconds.
double mmc_mean_response(double lambda, double mean_service, int c) {
  const double a = lambda * mean_service;  // offered load in Erlangs
  const double rho = a / c;
  double sum = 0, term = 1;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const double last = term * a / c;  // a^c / c!
  const double erlang_c = last / (1 - rho) / (sum + last / (1 - rho));
  return erlang_c * mean_service / (c * (1 - rho)) + mean_service;
}

std::string station(const std::string& rate, int workers, const std::string& mean, int requests) {
  return "scenario: station\nduration: 2d\nsample_interval: 1h\nservices:\n"
         "  - name: s\n    concurrency: async\n    workers: " +
         std::to_string(workers) + "\n    queue: unbounded\n    service_time: { mean: " + mean +
         " }\ntraffic:\n  - to: s\n    rate: " + rate +
         "\n    requests: " + std::to_string(requests) + "\n";
}

TEST(Queueing, MM1MatchesTheAnalyticMeanWithin2Percent) {
  const auto r = run_yaml(station("500/s", 1, "1ms", 500'000), 11);
  const double expected = mmc_mean_response(500, 0.001, 1);  // 2 ms
  const double measured = r.summary.sources[0].latency.mean.to_seconds();
  EXPECT_NEAR(measured, expected, expected * 0.02);
  EXPECT_EQ(r.summary.sources[0].ok, 500'000u);
}

TEST(Queueing, MMcMatchesErlangCWithin2Percent) {
  const auto r = run_yaml(station("300/s", 4, "10ms", 300'000), 12);
  const double expected = mmc_mean_response(300, 0.010, 4);
  const double measured = r.summary.sources[0].latency.mean.to_seconds();
  EXPECT_NEAR(measured, expected, expected * 0.02) << "Erlang C gives " << expected * 1e3 << " ms";
}

// The chain of bench/workloads W3: three M/M/8 tiers with service means 1, 2 and 4 ms under
// 1,600 requests/s. Analytic mean sojourn 1.0000 + 2.0077 + 5.1441 = 8.152 ms.
TEST(Queueing, ThreeTierChainMatchesTheMeanAndP99) {
  const std::string yaml = R"(
scenario: mm8-chain
duration: 1h
sample_interval: 10m
services:
  - name: frontend
    concurrency: async
    workers: 8
    queue: unbounded
    service_time: { mean: 1ms }
    calls: [ { to: api } ]
  - name: api
    concurrency: async
    workers: 8
    queue: unbounded
    service_time: { mean: 2ms }
    calls: [ { to: db } ]
  - name: db
    concurrency: async
    workers: 8
    queue: unbounded
    service_time: { mean: 4ms }
traffic:
  - to: frontend
    rate: 1600/s
    requests: 1000000
)";
  const auto r = run_yaml(yaml, 42);
  const double analytic_ms =
      (mmc_mean_response(1600, 0.001, 8) + mmc_mean_response(1600, 0.002, 8) +
       mmc_mean_response(1600, 0.004, 8)) *
      1e3;
  EXPECT_NEAR(analytic_ms, 8.152, 0.001);
  const auto& lat = r.summary.sources[0].latency;
  EXPECT_NEAR(lat.mean.to_ms(), 8.152, 8.152 * 0.01);
  EXPECT_NEAR(lat.p99.to_ms(), 24.4, 24.4 * 0.03);
  EXPECT_EQ(r.summary.sources[0].ok, 1'000'000u);
  EXPECT_EQ(r.summary.requests, 1'000'000u);
}

}  // namespace
}  // namespace gameday::sim

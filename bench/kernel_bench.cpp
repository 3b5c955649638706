// Hold-model throughput of the pending-event set, swept over the population size.
//
// The classic hold model: fill the set with N events, then repeat "pop the earliest, push it
// back at now + increment", so the population stays at exactly N. One iteration is one
// pop + push, reported as items_per_second (events per second). The increments come from a
// precomputed table of exponential draws so that the random generator's cost is not in the
// figure; the same table drives every implementation. Compared: HeapEventQueue (the kernel),
// ReferenceEventQueue (the naive sorted list of the conformance suite; O(N) inserts, so small
// sizes only) and std::priority_queue over the same record with the same order, the ceiling.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <queue>
#include <vector>

#include "gameday/core/random.hpp"
#include "gameday/sim/event_queue.hpp"

namespace {

using gameday::Duration;
using gameday::Time;
using gameday::sim::HeapEventQueue;
using gameday::sim::PendingEvent;
using gameday::sim::Phase;
using gameday::sim::ReferenceEventQueue;

// A power of two, so the index wraps with a mask; large enough not to repeat a visible pattern.
constexpr std::size_t increment_count = 1 << 16;

const std::vector<Duration>& increments() {
  static const std::vector<Duration> table = [] {
    gameday::Rng rng(42);
    const auto hold = gameday::DurationDistribution::exponential(gameday::seconds(1));
    std::vector<Duration> v(increment_count);
    for (auto& d : v) d = hold.sample(rng);
    return v;
  }();
  return table;
}

// std::priority_queue is a max-heap: "less" here means "runs later".
struct RunsLater {
  bool operator()(const PendingEvent& a, const PendingEvent& b) const { return b.before(a); }
};

class StdPriorityQueue {
 public:
  void push(const PendingEvent& e) { q_.push(e); }
  PendingEvent pop() {
    const PendingEvent e = q_.top();
    q_.pop();
    return e;
  }

 private:
  std::priority_queue<PendingEvent, std::vector<PendingEvent>, RunsLater> q_;
};

template <class Queue>
void hold_model(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& inc = increments();
  Queue q;
  std::uint64_t seq = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i, k = (k + 1) & (increment_count - 1))
    q.push({Time::zero() + inc[k], PendingEvent::make_order(Phase::Normal, seq++),
            static_cast<std::uint32_t>(i), 0});
  for (auto _ : state) {
    const PendingEvent e = q.pop();
    q.push({e.t + inc[k], PendingEvent::make_order(Phase::Normal, seq++, e.kind()), e.target,
            e.token});
    k = (k + 1) & (increment_count - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["pending"] = static_cast<double>(n);
}

BENCHMARK(hold_model<HeapEventQueue>)->Name("hold/heap4")->RangeMultiplier(8)->Range(8, 1 << 21);
BENCHMARK(hold_model<StdPriorityQueue>)
    ->Name("hold/std_priority_queue")
    ->RangeMultiplier(8)
    ->Range(8, 1 << 21);
BENCHMARK(hold_model<ReferenceEventQueue>)
    ->Name("hold/reference_list")
    ->RangeMultiplier(8)
    ->Range(8, 512);

}  // namespace

BENCHMARK_MAIN();

// Fuzz target: a scenario through the whole pipeline. Loads it, runs up to two simulated
// minutes into an in-memory record, and reads the record back. Invariants: no crash or
// sanitizer report anywhere, and the reader accepts every line the writer wrote.
//
// Each input's cost stays bounded so the fuzzer explores instead of waiting: scenarios whose
// arrivals would be huge (rates, surges, bursts) are skipped, and a run stops early once it has
// executed a fixed number of kernel events. How the engine copes with huge loads is a
// performance question, not this target's.
#include <algorithm>

#include "fuzz_support.hpp"
#include "gameday/sim/simulation.hpp"

using namespace gameday;

namespace {

constexpr Duration simulated_max = minutes(2);
constexpr double arrivals_max = 50'000;  // over simulated_max
constexpr std::uint64_t kernel_events_max = 400'000;

// An upper bound of the arrivals per second at the run's busiest moment.
double peak_rate(const sim::Scenario& s) {
  double rate = 0;
  for (const sim::TrafficSource& t : s.traffic)
    rate += t.rate_per_second * std::max({1.0, t.profile.factor, t.profile.trough});
  double bursts = 0;
  for (const sim::FaultSpec& f : s.faults) {
    if (f.kind == sim::FaultKind::TrafficSurge) rate *= std::max(1.0, f.factor);
    if (f.kind == sim::FaultKind::ThunderingHerd) bursts += static_cast<double>(f.requests);
  }
  return rate + bursts / simulated_max.to_seconds();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Diagnostics diags;
  const auto loaded = sim::load_scenario_text(fuzz::as_text(data, size), "fuzz.yaml", diags);
  if (!loaded) return 0;
  if (!(peak_rate(loaded->scenario) * simulated_max.to_seconds() <= arrivals_max)) return 0;

  eventlog::RecordWriter writer;  // in memory
  sim::Simulation run(loaded->scenario,
                      sim::RunInfo{loaded->scenario.seed, "fuzz", "fnv1a64:0", "auto"}, writer);
  const Time end = std::min(run.end_time(), Time::zero() + simulated_max);
  while (run.now() < end && !run.done() && run.events_executed() < kernel_events_max)
    run.run_until(std::min(end, run.now() + ms(100)));
  run.finish(run.now() >= run.end_time() ? "completed" : "interrupted");
  fuzz::read_back(writer.buffer(), "a run's record");
  return 0;
}

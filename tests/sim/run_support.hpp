// Running a scenario from YAML text in memory, for scenario-level tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/scenario_loader.hpp"
#include "gameday/sim/simulation.hpp"

namespace gameday::sim::testing {

struct RunOutput {
  RunSummary summary;
  std::string record;  // the whole events.jsonl text
};

inline Scenario load_or_fail(std::string_view yaml) {
  Diagnostics diags;
  auto loaded = load_scenario_text(yaml, "test.yaml", diags);
  std::string all;
  for (const auto& d : diags.items()) all += d.format() + "\n";
  EXPECT_TRUE(loaded.has_value()) << all;
  return loaded ? loaded->scenario : Scenario{};
}

inline RunOutput run_scenario(const Scenario& scenario, std::uint64_t seed) {
  eventlog::RecordWriter out;  // in memory
  Simulation sim(scenario, RunInfo{seed, "test", "fnv1a64:0"}, out);
  sim.run_to_end();
  sim.finish("completed");
  return {sim.summary(), out.buffer()};
}

inline RunOutput run_yaml(std::string_view yaml, std::uint64_t seed = 1) {
  return run_scenario(load_or_fail(yaml), seed);
}

inline const ServiceSummary& service(const RunOutput& r, std::string_view name) {
  for (const auto& s : r.summary.services)
    if (s.name == name) return s;
  ADD_FAILURE() << "no service " << name;
  static ServiceSummary none;
  return none;
}

inline std::uint64_t errors(const ServiceSummary& s, eventlog::ErrorCause c) {
  return s.errors[static_cast<std::size_t>(c)];
}

}  // namespace gameday::sim::testing

// Running a scenario from YAML text in memory, for scenario-level tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/eventlog/reader.hpp"
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

// A record's events of one kind (its name in the record), in order.
inline std::vector<const eventlog::Event*> events_of(const eventlog::Record& record,
                                                     std::string_view kind_name) {
  const auto kind = eventlog::find_event_kind(kind_name);
  EXPECT_TRUE(kind) << "no event kind " << kind_name;
  std::vector<const eventlog::Event*> out;
  for (const auto& e : record.events)
    if (e.kind == kind) out.push_back(&e);
  return out;
}

// Sums of a record's samples over a window of time.
struct Window {
  std::uint64_t requests = 0, ok = 0, calls = 0, attempts = 0;
  eventlog::ErrorCounts errors{};
  Duration p50_max, p99_max;  // the largest per-interval percentile in the window
  std::int64_t up_min = 1 << 30, up_max = 0;
  std::uint64_t errors_total() const {
    std::uint64_t n = 0;
    for (auto e : errors) n += e;
    return n;
  }
  std::uint64_t of(eventlog::ErrorCause c) const { return errors[static_cast<std::size_t>(c)]; }
  double share(eventlog::ErrorCause c) const {
    return requests ? static_cast<double>(of(c)) / static_cast<double>(requests) : 0;
  }
};

// The samples of `service` whose intervals end in (from_s, to_s] seconds.
inline Window service_window(const eventlog::Record& record, std::uint32_t service, int from_s,
                             int to_s) {
  Window w;
  for (const auto& s : record.service_samples) {
    if (s.service != ServiceId{service} || s.t <= Time::zero() + seconds(from_s) ||
        s.t > Time::zero() + seconds(to_s))
      continue;
    w.requests += s.requests;
    w.ok += s.ok;
    for (std::size_t i = 0; i < w.errors.size(); ++i) w.errors[i] += s.errors[i];
    w.p50_max = std::max(w.p50_max, s.latency.p50);
    w.p99_max = std::max(w.p99_max, s.latency.p99);
    w.up_min = std::min(w.up_min, s.instances_up);
    w.up_max = std::max(w.up_max, s.instances_up);
  }
  return w;
}

}  // namespace gameday::sim::testing

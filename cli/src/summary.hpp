// The end-of-run summary `run` prints: one screen with the run's identity, a per-service
// table and a line per traffic source (the engine's measurements over every request), the
// scorecard's one-line form (scoring's, from the record, as `gameday score` prints it) and the
// run's own speed.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "gameday/core/time.hpp"
#include "gameday/sim/model.hpp"
#include "gameday/sim/simulation.hpp"

namespace gameday::cli {

// How a run stopped: at the scenario's end, by Ctrl-C, or by the facilitator's `!end`.
enum class RunOutcome : std::uint8_t { Completed, Interrupted, Ended };
// The record's end reason for each.
std::string_view end_reason(RunOutcome o);

struct RunReport {
  const model::Scenario* scenario = nullptr;  // never null when printing
  std::string scenario_label;                 // the file as given, or scenarios/default.yaml
  std::uint64_t seed = 0;
  std::string run_folder;
  RunOutcome outcome = RunOutcome::Completed;
  Duration planned;    // the duration the run was asked for
  Duration simulated;  // how far it got
  double wall_seconds = 0;
  sim::RunSummary summary;
  std::string scorecard_line;  // scoring::summary_line of the run's record
};

void print_summary(std::ostream& os, const RunReport& report);

// "1,234,567": grouped digits read faster in tables of request counts.
std::string group_digits(std::uint64_t n);

}  // namespace gameday::cli

// What scoring reads from the resolved scenario that the record's header carries as JSON: the
// SLO definitions (objective, window, SLI and what it measures) and the scenario's scoring
// targets. Private to scoring/: no public header exposes the JSON library.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/record.hpp"

namespace gameday::scoring {

struct SloSpec {
  std::string name;
  std::string sli = "availability";    // or "latency"
  std::string service;                 // the service whose responses it counts, when any
  std::optional<std::string> journey;  // the traffic source whose root requests it counts
  double objective = 0;
  Duration window;
};

// One entry per header SLO name, in the header's order. On JSON that cannot be read, or an SLO
// the scenario does not describe, adds a note and leaves that SLO's spec absent.
std::vector<std::optional<SloSpec>> read_slo_specs(const eventlog::Header& header,
                                                   std::vector<std::string>& notes);

// `scoring.targets` of the resolved scenario (docs/scoring.md, "Targets"): durations under keys
// ending in `_ns`, `error_budget` as a share. Every key is optional; absent keys are not checked.
struct ScoringTargets {
  std::vector<std::pair<std::string, Duration>> durations;  // "time_to_detect", ... in order
  std::optional<double> error_budget;
  std::optional<Duration> update_first;
  std::optional<Duration> update_every;
};

// The targets, or none when the scenario has no `scoring` object. A value of the wrong type is
// left out with a note.
ScoringTargets read_scoring_targets(const eventlog::Header& header,
                                    std::vector<std::string>& notes);

}  // namespace gameday::scoring

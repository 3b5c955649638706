// What an action changed: the figures of two runs that differ in one command, side by side.
// The simulation is deterministic, so re-running a game with one action left out (or one more
// added) and everything else identical measures that action's effect exactly; `gameday whatif`
// runs the two and this compares them (docs/scoring.md, "What if").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gameday/eventlog/reader.hpp"

namespace gameday::scoring {

// A run's consequences for its users over the whole run, incidents or not.
struct Outcome {
  std::uint64_t failed_requests = 0;  // journeys' root requests that failed
  double user_minutes = 0;            // failed share x minutes, summed over journeys
  int pages = 0;
  struct SloUse {
    std::string name;
    std::uint64_t bad = 0;
    std::uint64_t valid = 0;
    double budget = 0;  // share of the SLO's error budget used
  };
  std::vector<SloUse> slos;
  std::optional<Time> last_breach;  // the end of the last sample interval breaching an SLO
};

Outcome outcome_of(const eventlog::Record& record);

// The two outcomes as a table and a verdict on the difference. `change` says what differs
// ("without action 2, `restart web-1` (dave) at 10m"); `removed`: the second run lacks a
// command the first had (its effect is first minus second), else it adds one (second minus
// first).
std::string format_counterfactual(const Outcome& with, const Outcome& without,
                                  const std::string& change, bool removed);

}  // namespace gameday::scoring

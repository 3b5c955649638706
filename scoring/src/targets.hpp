// Checking the scenario's `scoring.targets` against a finished scorecard. Private to scoring/.
#pragma once

#include <vector>

#include "gameday/model/scenario.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring {

// One result per target the scenario sets, in the order of docs/scoring.md's table.
std::vector<TargetResult> check_targets(const model::ScoringTargets& targets,
                                        const Scorecard& card);

}  // namespace gameday::scoring

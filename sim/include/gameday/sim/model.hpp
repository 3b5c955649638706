// The simulator speaks the scenario model's vocabulary: inside sim, model's types and name
// tables are used unqualified (`Scenario`, `FaultKind`), as if they were sim's own.
#pragma once

#include "gameday/model/names.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::sim {
using namespace gameday::model;
using model::Severity;  // an alert's, not a diagnostic's (gameday::Severity)
}  // namespace gameday::sim

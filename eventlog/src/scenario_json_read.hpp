// Reading the record header's resolved scenario into the typed model. Private to eventlog/.
#pragma once

#include "gameday/model/scenario.hpp"
#include "json_read.hpp"

namespace gameday::eventlog {

// The scenario that scenario_to_json() wrote: every reference by name resolves, every enum
// name is known, every required field is present with its type. Throws json_read::LineError
// naming the path of the first problem.
model::Scenario read_scenario(const json_read::Json& j);

}  // namespace gameday::eventlog

// The resolved scenario as one canonical JSON object: the record header's `scenario`.
//
// Everything the run used is written, defaults included, so a replay needs no YAML file. Keys
// are the model's field names; durations are integer nanoseconds under keys ending in `_ns`;
// ids are written as the names they stand for; absent optionals are null. The field order is
// fixed, so equal scenarios give byte-identical JSON. Reading gives back the typed scenario:
// nothing outside this codec knows a key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gameday/model/scenario.hpp"

namespace gameday::eventlog {

std::string scenario_to_json(const model::Scenario& s);
// The scenario from its JSON text; nullopt with the path of the problem in `error`.
std::optional<model::Scenario> scenario_from_json(std::string_view text, std::string& error);

}  // namespace gameday::eventlog

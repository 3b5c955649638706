// Applying scenario overrides (`--set PATH=VALUE`, a sweep plan's grid) to a parsed document.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim::detail {

// Replaces the value `o.path` names in the document under `root` with `o.value`, adding the
// keys missing on the way. Returns the loader's path of the value ("faults[1].at"), or
// nullopt with what is wrong in `error` (an unknown list item, a step into a scalar, a value
// that is not YAML).
std::optional<std::string> apply_override(YAML::Node root, const ScenarioOverride& o,
                                          std::string& error);

}  // namespace gameday::sim::detail

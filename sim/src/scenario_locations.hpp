// Where things were written in a scenario file, kept after a successful load.
//
// The loader reports its own errors as it reads; passes that run over the loaded Scenario
// (warnings about likely authoring mistakes) have only typed structs, so the loader records
// each key's location by path in LoadedScenario::locations. Private to sim/src.
#pragma once

#include <yaml-cpp/yaml.h>

#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim::detail {

// Records the location of every mapping value and list item under `root`, by path:
// "services[1].calls[0].to", "faults[2]". A key with an empty value is located at the key
// (yaml-cpp marks an empty value at the next token).
void record_locations(const YAML::Node& root, LoadedScenario& out);

}  // namespace gameday::sim::detail

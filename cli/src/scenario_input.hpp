// Where `run` gets its scenario: a file named on the command line, or the built-in default
// embedded in the binary. Both go through the same loader and validation.
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "gameday/core/diagnostics.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::cli {

// Loads `path`, or the built-in default when there is none. Prints every diagnostic to `err`
// and, when the scenario is invalid, "gameday COMMAND: LABEL: invalid scenario, nothing was
// run" (returning nullopt).
// `overrides` (--set) are applied and checked with the file's values.
std::optional<sim::LoadedScenario> load_scenario_input(
    const std::optional<std::string>& path, std::string_view command, std::ostream& err,
    std::span<const sim::ScenarioOverride> overrides = {});

// "fnv1a64:<16 hex digits>", the form the record header carries.
std::string format_scenario_hash(std::uint64_t hash);

}  // namespace gameday::cli

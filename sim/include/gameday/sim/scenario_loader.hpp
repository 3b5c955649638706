// Loads a scenario from YAML and validates it, reporting every problem it finds.
//
// Each problem is a diagnostic with file, line and column: YAML syntax errors, unknown keys
// (with a "did you mean" suggestion), duplicate keys (which yaml-cpp would silently accept),
// missing required keys, wrong types, bad units, out-of-range values, and references to
// services, zones, traffic sources or SLOs that do not exist. The runtime never sees YAML.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gameday/core/diagnostics.hpp"
#include "gameday/sim/model.hpp"

namespace gameday::sim {

struct LoadedScenario {
  Scenario scenario;
  std::string file;                // as given, for messages
  std::uint64_t content_hash = 0;  // fnv1a64 of the file's bytes
  // Where each key's value and each list item was written, by path ("faults[2].target"), so
  // passes over the loaded scenario (scenario_warnings.hpp) can point into the file.
  std::map<std::string, SourceLocation, std::less<>> locations;

  // The location of `path`, or of its nearest recorded ancestor ("faults[2]", "faults"), or
  // of the file when none is recorded.
  SourceLocation where(std::string_view path) const;
};

// Limits on what is read (docs/scenario-reference.md, "Limits"): the file's size, and the
// number of values it holds with YAML aliases expanded.
inline constexpr std::uint64_t scenario_bytes_max = std::uint64_t{2} << 20;
inline constexpr std::size_t scenario_values_max = 1'000'000;

// Returns the scenario when there are no errors (warnings may still be in `diags`).
// A file that is not a regular file (a FIFO, a device) or is over the limit is an error.
std::optional<LoadedScenario> load_scenario_file(const std::string& path, Diagnostics& diags);
std::optional<LoadedScenario> load_scenario_text(std::string_view text, const std::string& file,
                                                 Diagnostics& diags);

}  // namespace gameday::sim

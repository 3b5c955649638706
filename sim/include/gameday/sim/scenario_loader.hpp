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
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  // The paths values were set at by overrides ("services[2].calls[0].retries.max") and where
  // each override was written: what is said about them points there, not into the file.
  std::vector<std::pair<std::string, SourceLocation>> overridden;

  // The location of `path`, or of its nearest recorded ancestor ("faults[2]", "faults"), or
  // of the file when none is recorded.
  SourceLocation where(std::string_view path) const;
};

// One value of the scenario replaced before it is read: `path` names it as the documentation
// does, with list items chosen by name (`services[checkout].calls[payments].retries.max`,
// `faults[orders-db-slow].at`) or by position (`traffic[0].rate`); `value` is YAML text
// ("5m", "0", "[a, b]"). Missing keys on the way are added, so a value the file left at its
// default can be set. `where` is what messages about it point to: `--set PATH=VALUE` on the
// command line, or the line of a sweep plan.
struct ScenarioOverride {
  std::string path;
  std::string value;
  SourceLocation where;
};

// "PATH=VALUE" as typed after --set; nullopt with the reason in `error` when it has no `=`
// or no path.
std::optional<ScenarioOverride> parse_override(std::string_view text, std::string& error);

// Limits on what is read (docs/scenario-reference.md, "Limits"): the file's size, and the
// number of values it holds with YAML aliases expanded.
inline constexpr std::uint64_t scenario_bytes_max = std::uint64_t{2} << 20;
inline constexpr std::size_t scenario_values_max = 1'000'000;

// Returns the scenario when there are no errors (warnings may still be in `diags`).
// A file that is not a regular file (a FIFO, a device) or is over the limit is an error.
// The overrides are applied in order and checked like the file's own values; they change
// the content hash, so a record says its scenario was not the file as written.
std::optional<LoadedScenario> load_scenario_file(const std::string& path, Diagnostics& diags,
                                                 std::span<const ScenarioOverride> overrides = {});
std::optional<LoadedScenario> load_scenario_text(std::string_view text, const std::string& file,
                                                 Diagnostics& diags,
                                                 std::span<const ScenarioOverride> overrides = {});

}  // namespace gameday::sim

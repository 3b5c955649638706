// Scenario input for the commands: a file, or the embedded default under its repository name
// (so messages and the record header read "scenarios/default.yaml" wherever gameday runs).
#include "scenario_input.hpp"

#include <cstdio>
#include <ostream>

#include "commands.hpp"
#include "default_scenario.hpp"

namespace gameday::cli {

std::optional<sim::LoadedScenario> load_scenario_input(
    const std::optional<std::string>& path, std::string_view command, std::ostream& err,
    std::span<const sim::ScenarioOverride> overrides) {
  Diagnostics diags;
  auto loaded =
      path ? sim::load_scenario_file(*path, diags, overrides)
           : sim::load_scenario_text(default_scenario_text(), std::string(default_scenario_label),
                                     diags, overrides);
  print_diagnostics(err, diags);
  if (loaded && !diags.has_errors()) return loaded;
  err << "gameday " << command << ": " << path.value_or(std::string(default_scenario_label))
      << ": invalid scenario, nothing was run\n";
  return std::nullopt;
}

std::string format_scenario_hash(std::uint64_t hash) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("fnv1a64:") + hex;
}

}  // namespace gameday::cli

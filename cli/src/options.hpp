// Option parsing shared by the subcommands: each declares its visible options, and its
// positional arguments are added here, so every command reports usage errors the same way.
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "gameday/core/time.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::cli {

enum class Positionals : std::uint8_t { One, Many };

// Parses `args` against `visible` plus the positional argument `name` (one value, or any
// number as a vector of strings). On a usage error prints it (exit code 2 follows) and
// returns nullopt.
std::optional<boost::program_options::variables_map> parse_options(
    const Args& args, const boost::program_options::options_description& visible,
    std::string_view name, Positionals count, std::string_view command, std::string_view usage,
    std::ostream& err);

// What `run` and `play` share: the scenario and where and how long to simulate it.
struct SimulationOptions {
  std::optional<std::string> scenario;  // none: the built-in default
  std::optional<std::uint64_t> seed;
  std::optional<std::string> out;
  std::optional<Duration> duration;
  bool force = false;  // --force: replace the record in an existing --out folder
  std::vector<sim::ScenarioOverride> overrides;  // --set PATH=VALUE, in order
};

// Adds --seed, --out, --force, --duration and --set.
void add_simulation_options(boost::program_options::options_description& visible);
// Reads them (and the positional "scenario"); prints a usage error and returns nullopt when a
// value is bad.
std::optional<SimulationOptions> read_simulation_options(
    const boost::program_options::variables_map& vm, std::string_view command,
    std::string_view usage, std::ostream& err);

}  // namespace gameday::cli

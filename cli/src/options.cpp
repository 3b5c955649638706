// The shared option parser: visible options plus named positionals, errors as usage errors.
#include "options.hpp"

#include <charconv>
#include <string>
#include <vector>

#include "gameday/core/units.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_options(const Args& args,
                                               const po::options_description& visible,
                                               std::string_view name, Positionals count,
                                               std::string_view command, std::string_view usage,
                                               std::ostream& err) {
  const std::string key(name);
  po::options_description all;
  all.add(visible);
  if (count == Positionals::One)
    all.add_options()(key.c_str(), po::value<std::string>());
  else
    all.add_options()(key.c_str(), po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add(key.c_str(), count == Positionals::One ? 1 : -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage_error(err, command, e.what(), usage);
    return std::nullopt;
  }
  return vm;
}

void add_simulation_options(po::options_description& visible) {
  visible.add_options()("seed", po::value<std::string>()->value_name("N"),
                        "master random seed (default: the scenario's seed)")(
      "out", po::value<std::string>()->value_name("RUN"),
      "run folder, created with its parents (default: runs/<scenario>-seed<N>, or that name "
      "with -2, -3, ... when it is taken)")(
      "force", "replace the record in an existing --out folder (refused without it)")(
      "duration", po::value<std::string>()->value_name("D"),
      "simulated duration, e.g. 2m or 1h30m (default: the scenario's duration)")(
      "set", po::value<std::vector<std::string>>()->value_name("PATH=VALUE"),
      "override a scenario value, e.g. faults[db-slow].at=5m or "
      "services[checkout].calls[payments].retries.max=0 (repeatable; docs/sweeps.md)");
}

std::optional<SimulationOptions> read_simulation_options(const po::variables_map& vm,
                                                         std::string_view command,
                                                         std::string_view usage,
                                                         std::ostream& err) {
  SimulationOptions opts;
  if (vm.count("scenario") != 0) opts.scenario = vm["scenario"].as<std::string>();
  if (vm.count("out") != 0) opts.out = vm["out"].as<std::string>();
  opts.force = vm.count("force") != 0;
  if (vm.count("set") != 0)
    for (const std::string& text : vm["set"].as<std::vector<std::string>>()) {
      std::string error;
      auto o = sim::parse_override(text, error);
      if (!o) {
        usage_error(err, command, "--set '" + text + "': " + error, usage);
        return std::nullopt;
      }
      opts.overrides.push_back(std::move(*o));
    }
  if (vm.count("seed") != 0) {
    const std::string& text = vm["seed"].as<std::string>();
    std::uint64_t seed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
      usage_error(err, command, "--seed '" + text + "': expected an integer 0..2^64-1", usage);
      return std::nullopt;
    }
    opts.seed = seed;
  }
  if (vm.count("duration") != 0) {
    const std::string& text = vm["duration"].as<std::string>();
    const auto d = parse_duration(text);
    // The same bounds the scenario loader applies to a scenario's own `duration`.
    if (!d || d->ns() <= 0 || *d > model::limits::duration) {
      usage_error(err, command,
                  "--duration '" + text +
                      "': expected a duration more than 0 and at most 30d, like 90s, 30m, 2h or "
                      "1h30m",
                  usage);
      return std::nullopt;
    }
    opts.duration = *d;
  }
  return opts;
}

}  // namespace gameday::cli

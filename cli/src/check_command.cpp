// `gameday check SCENARIO...`: loads and validates each scenario and reports every problem.
// Diagnostics are this command's output, so they go to stdout (pipe-friendly, like a linter);
// the exit code is 2 when any file has an error, warnings alone do not fail the check. Warnings
// about likely authoring mistakes (sim/scenario_warnings.hpp) come from a pass that runs only
// on a scenario without errors.
#include <boost/program_options.hpp>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/sim/scenario_loader.hpp"
#include "gameday/sim/scenario_warnings.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

std::string count_of(std::size_t n, std::string_view noun) {
  return std::to_string(n) + ' ' + std::string(noun) + (n == 1 ? "" : "s");
}

// Returns true when the file has no errors.
bool check_one(const std::string& path, std::ostream& out) {
  Diagnostics diags;
  const auto loaded = sim::load_scenario_file(path, diags);
  if (loaded && !diags.has_errors()) sim::warn_scenario(*loaded, diags);
  print_diagnostics(out, diags);
  if (!loaded || diags.has_errors()) {
    if (!diags.has_errors()) out << path << ": error: the scenario could not be loaded\n";
    return false;
  }
  const model::Scenario& s = loaded->scenario;
  out << path << ": ok (" << count_of(s.services.size(), "service") << ", "
      << count_of(s.traffic.size(), "traffic source");
  if (const std::size_t n = diags.items().size() - diags.error_count(); n > 0)
    out << ", " << count_of(n, "warning");
  out << ")\n";
  return true;
}

}  // namespace

int check_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "scenario", Positionals::Many, "check", check_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << check_usage << "\n\nValidates each scenario and prints every problem as\n"
        << "file:line:col: error|warning: path: message, or \"FILE: ok (...)\" when valid.\n"
        << "Exit code 2 when any scenario has an error.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  if (vm.count("scenario") == 0) return usage_error(err, "check", "no scenario given", check_usage);

  bool all_ok = true;
  for (const std::string& path : vm["scenario"].as<std::vector<std::string>>())
    all_ok = check_one(path, out) && all_ok;
  return to_int(all_ok ? ExitCode::Success : ExitCode::InvalidInput);
}

}  // namespace gameday::cli

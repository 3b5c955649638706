// `gameday compare RUN RUN...`: scores each run from its record and prints the key figures
// side by side, each run after the first with its difference from the first (scoring/). Any run
// that cannot be read stops the command with that run's exit code before anything is printed.
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/scoring/report.hpp"
#include "options.hpp"
#include "sweep_rows.hpp"

namespace gameday::cli {

int compare_command(const Args& args, std::ostream& out, std::ostream& err) {
  namespace po = boost::program_options;
  po::options_description visible("options", 100);
  visible.add_options()("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::Many, "compare", compare_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << compare_usage << "\n\nScores each run and prints the key figures side by side: "
        << "incidents, times to\ndetect, page, mitigate and recover, failed requests, error "
        << "budget used, pages.\nEach run after the first shows its difference from the "
        << "first.\n\nGiven sweep folders (gameday sweep --out DIR), compares each cell with the "
        << "first,\nfigure by figure, with the 95% interval of each difference: larger than "
        << "the noise\nwhen it leaves out 0 (docs/sweeps.md).\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  const auto runs =
      vm.count("run") != 0 ? vm["run"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const auto sweep = std::find_if(runs.begin(), runs.end(), is_sweep_folder);
  if (sweep != runs.end()) {
    if (!std::all_of(runs.begin(), runs.end(), is_sweep_folder))
      return usage_error(err, "compare",
                         "'" + *sweep +
                             "' is a sweep folder: compare runs with runs, sweeps "
                             "with sweeps",
                         compare_usage);
    return compare_sweeps(runs, out, err);
  }
  if (runs.size() < 2) return usage_error(err, "compare", "give at least two runs", compare_usage);

  std::vector<scoring::NamedScorecard> cards;
  for (const std::string& run : runs) {
    int code = 0;
    const auto record = read_run(run, "compare", err, code);
    if (!record) return code;
    cards.push_back({run, scoring::score(*record)});
  }
  const char* no_color = std::getenv("NO_COLOR");
  const bool colour = (no_color == nullptr || no_color[0] == '\0') && isatty(STDOUT_FILENO) != 0;
  out << scoring::format_comparison(
      cards, colour ? scoring::TextStyle::Colour : scoring::TextStyle::Plain);
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

// `gameday replay RUN [--view responders|truth] [--at TIME] [--speed X]`: the debrief window.
// It plays the run's record back (space pauses, drag the scrubber to seek, arrows step from
// event to event, `t` toggles the truth view; `h` lists the keys). Like `render`, it checks for
// an X display before any graphics call and exits with 4 without one.
#include <boost/program_options.hpp>
#include <charconv>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/units.hpp"
#include "gameday/viz/render.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

void print_replay_help(std::ostream& out, const po::options_description& visible) {
  out << replay_usage << "\n\nOpens the debrief window on a run's record. Keys: space play/pause,"
      << "\nleft/right previous/next event, +/- speed, t responders/truth view, h help,\n"
      << "f fullscreen, Esc or q quit; drag the timeline to seek. See docs/viewer.md.\n\n"
      << visible;
}

}  // namespace

int replay_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("view", po::value<std::string>()->default_value("responders"),
                        "responders or truth (toggle with t)")(
      "at", po::value<std::string>()->value_name("TIME"), "start at this simulated time")(
      "speed", po::value<double>()->default_value(60)->value_name("X"),
      "simulated seconds per wall-clock second")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, "replay", replay_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    print_replay_help(out, visible);
    return to_int(ExitCode::Success);
  }
  if (vm.count("run") == 0) return usage_error(err, "replay", "missing RUN", replay_usage);
  viz::ReplayOptions opts;
  const auto view = viz::parse_view(vm["view"].as<std::string>());
  if (!view)
    return usage_error(err, "replay", "--view: expected responders or truth", replay_usage);
  opts.view = *view;
  opts.speed = vm["speed"].as<double>();
  if (!(opts.speed > 0 && opts.speed <= 1e6))
    return usage_error(err, "replay", "--speed: expected a number above 0", replay_usage);
  if (vm.count("at") != 0) {
    const auto d = parse_duration(vm["at"].as<std::string>());
    if (!d) return usage_error(err, "replay", "--at: expected a time like 14m", replay_usage);
    opts.start = Time::zero() + *d;
  }
  int code = 0;
  auto record = read_run(vm["run"].as<std::string>(), "replay", err, code);
  if (!record) return code;
  const viz::ReplayModel model(std::move(*record));
  if (const viz::Result r = viz::run_replay_window(model, opts); r.outcome != viz::Outcome::Ok) {
    err << "gameday replay: " << r.message << '\n';
    if (r.outcome == viz::Outcome::NoDisplay)
      err << "gameday: no X display: run under 'xvfb-run -a gameday replay ...'\n";
    return to_int(ExitCode::NoDisplay);
  }
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

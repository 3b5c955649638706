// `gameday replay RUN [--view responders|truth] [--at TIME] [--speed X] [--follow]`: the debrief
// window. It plays the run's record back (space pauses, drag the scrubber to seek, arrows step
// from event to event, click for details, `t` toggles the truth view; `h` lists the keys); with
// `--follow` it is the live view of a game being played, reading the record as it grows. Like
// `render`, it checks for an X display before any graphics call and exits with 4 without one.
#include <boost/program_options.hpp>
#include <charconv>
#include <filesystem>
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
      << "f fullscreen, l back to live, Esc close details, q quit; drag the timeline to seek,\n"
      << "click a service or a timeline item for its details. With --follow, the live view of\n"
      << "a game in progress (gameday play opens it). See docs/viewer.md.\n\n"
      << visible;
}

}  // namespace

int replay_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("view", po::value<std::string>()->default_value("responders"),
                        "responders or truth (toggle with t)")(
      "at", po::value<std::string>()->value_name("TIME"), "start at this simulated time")(
      "speed", po::value<double>()->default_value(60)->value_name("X"),
      "simulated seconds per wall-clock second")(
      "follow", "follow the record as it is written (the live view of a game being played)")(
      "stalled-after", po::value<std::string>()->value_name("D"),
      "with --follow: how long the record may not grow before the view stops calling itself "
      "live (default 30s)")("help,h", "show this help");
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
  const std::string run = vm["run"].as<std::string>();
  if (vm.count("stalled-after") != 0) {
    const std::string& text = vm["stalled-after"].as<std::string>();
    const auto d = parse_duration(text);
    if (vm.count("follow") == 0)
      return usage_error(err, "replay", "--stalled-after is for --follow", replay_usage);
    if (!d || d->ns() <= 0)
      return usage_error(err, "replay",
                         "--stalled-after '" + text + "': expected a duration like 30s",
                         replay_usage);
    opts.stalled_after = *d;
  }
  if (vm.count("follow") != 0) {
    opts.notice = [&](const std::string& text) {
      err << "gameday replay: " << run << ": " << text << std::endl;  // viewer.log, as it happens
    };
    const std::string path = std::filesystem::is_directory(run)
                                 ? (std::filesystem::path(run) / "events.jsonl").string()
                                 : run;
    if (const viz::Result r = viz::run_live_window(path, opts, seconds(30));
        r.outcome != viz::Outcome::Ok)
      return viz_failure(err, "replay", r);
    return to_int(ExitCode::Success);
  }
  int code = 0;
  auto record = read_run(run, "replay", err, code);
  if (!record) return code;
  const viz::ReplayModel model(std::move(*record));
  if (const viz::Result r = viz::run_replay_window(model, opts); r.outcome != viz::Outcome::Ok)
    return viz_failure(err, "replay", r);
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

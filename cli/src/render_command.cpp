// `gameday render RUN --out FILE.png [--at TIME] [--view responders|truth] [--size WxH]`: one
// frame of the debrief viewer as a PNG, from the run's record alone. Without --at it shows the
// moment of peak impact. The viewer needs an X display (Xvfb will do); its absence is checked
// before any graphics call and reported with exit code 4, never as an abort inside SFML.
#include <boost/program_options.hpp>
#include <charconv>
#include <filesystem>
#include <ostream>
#include <variant>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/units.hpp"
#include "gameday/viz/render.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

struct RenderOptions {
  std::string run;
  std::string out;
  std::optional<std::string> at;  // a duration, or "peak"
  viz::View view = viz::View::Responders;
  unsigned width = 1920, height = 1080;
  std::optional<std::string> service;
};
using Parsed = std::variant<RenderOptions, int>;

bool parse_size(const std::string& text, unsigned& w, unsigned& h) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  const char* b = text.data();
  const auto r1 = std::from_chars(b, b + x, w);
  const auto r2 = std::from_chars(b + x + 1, b + text.size(), h);
  return r1.ec == std::errc{} && r1.ptr == b + x && r2.ec == std::errc{} &&
         r2.ptr == b + text.size() && w >= 320 && h >= 240 && w <= 7680 && h <= 4320;
}

Parsed check_render_values(const po::variables_map& vm, std::ostream& err) {
  RenderOptions o;
  o.run = vm["run"].as<std::string>();
  o.out = vm["out"].as<std::string>();
  if (std::filesystem::path(o.out).extension() != ".png")
    return usage_error(err, "render",
                       "--out '" + o.out +
                           "': only .png is supported (GIF and MP4 export are "
                           "not built yet)",
                       render_usage);
  if (vm.count("at") != 0) o.at = vm["at"].as<std::string>();
  const std::string view = vm["view"].as<std::string>();
  const auto v = viz::parse_view(view);
  if (!v)
    return usage_error(err, "render", "--view '" + view + "': expected responders or truth",
                       render_usage);
  o.view = *v;
  const std::string size = vm["size"].as<std::string>();
  if (!parse_size(size, o.width, o.height))
    return usage_error(err, "render",
                       "--size '" + size +
                           "': expected WIDTHxHEIGHT, e.g. 1920x1080 (320x240 "
                           "to 7680x4320)",
                       render_usage);
  if (vm.count("service") != 0) o.service = vm["service"].as<std::string>();
  return o;
}

Parsed parse_render_options(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("out,o", po::value<std::string>()->value_name("FILE.png"),
                        "the PNG to write (required)")(
      "at", po::value<std::string>()->value_name("TIME"),
      "simulated time to show, e.g. 14m or 1h5m30s (default: peak impact)")(
      "view", po::value<std::string>()->default_value("responders")->value_name("V"),
      "responders (what monitoring showed) or truth (faults shown too)")(
      "size", po::value<std::string>()->default_value("1920x1080")->value_name("WxH"),
      "image size in pixels")("service", po::value<std::string>()->value_name("NAME"),
                              "service to chart (default: the least healthy at TIME)")(
      "help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, "render", render_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << render_usage << "\n\nDraws one frame of the debrief viewer from a run's record: the\n"
        << "topology coloured by health, the chosen service's error ratio and p99, and the\n"
        << "timeline of alerts and pages (and faults, in the truth view). Needs an X display;\n"
        << "headless, run it under 'xvfb-run -a'. See docs/viewer.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  if (vm.count("run") == 0) return usage_error(err, "render", "missing RUN", render_usage);
  if (vm.count("out") == 0)
    return usage_error(err, "render", "missing --out FILE.png", render_usage);
  return check_render_values(vm, err);
}

// Exit code 4 for an environment that cannot draw; 3 when the file cannot be written.
int viz_failure(std::ostream& err, std::string_view command, const viz::Result& r) {
  err << "gameday " << command << ": " << r.message << '\n';
  if (r.outcome == viz::Outcome::NoDisplay)
    err << "gameday: no X display: run under 'xvfb-run -a gameday " << command << " ...'\n";
  return to_int(r.outcome == viz::Outcome::WriteFailed ? ExitCode::Io : ExitCode::NoDisplay);
}

}  // namespace

int render_command(const Args& args, std::ostream& out, std::ostream& err) {
  const Parsed parsed = parse_render_options(args, out, err);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const RenderOptions& o = std::get<RenderOptions>(parsed);
  int code = 0;
  auto record = read_run(o.run, "render", err, code);
  if (!record) return code;
  const viz::ReplayModel model(std::move(*record));
  viz::FrameOptions frame;
  frame.view = o.view;
  frame.width = o.width;
  frame.height = o.height;
  frame.at = model.peak_impact();
  if (o.at && *o.at != "peak") {
    const auto d = parse_duration(*o.at);
    if (!d || Time::zero() + *d > model.end())
      return usage_error(err, "render",
                         "--at '" + *o.at + "': expected a time from 0 to the run's end (" +
                             format_duration(model.end().since_start()) + "), like 14m",
                         render_usage);
    frame.at = Time::zero() + *d;
  }
  if (o.service) {
    frame.chart_service = model.find_service(*o.service);
    if (!frame.chart_service)
      return usage_error(err, "render",
                         "--service '" + *o.service + "': no such service in the run",
                         render_usage);
  }
  if (const viz::Result r = viz::render_png(model, frame, o.out); r.outcome != viz::Outcome::Ok)
    return viz_failure(err, "render", r);
  out << o.out << ": " << model.header().scenario_name << " at "
      << format_duration(frame.at.since_start()) << ", " << viz::view_name(o.view) << " view\n";
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

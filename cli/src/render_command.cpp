// `gameday render RUN --out FILE.png|FILE.mp4|FILE.gif ...`: the debrief viewer's pictures, from
// the run's record alone. A .png is one frame (default: the moment of peak impact), or with
// --summary the one-picture incident summary; a .mp4 or .gif is the replay as a video, encoded
// by ffmpeg. The viewer needs an X display (Xvfb will do); its absence is checked before any
// graphics call and reported with exit code 4, never as an abort inside SFML.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <charconv>
#include <filesystem>
#include <ostream>
#include <variant>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/units.hpp"
#include "gameday/viz/render.hpp"
#include "gameday/viz/video.hpp"
#include "interrupt.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

enum class Output : std::uint8_t { Frame, Summary, Video };

struct RenderOptions {
  std::string run;
  std::string out;
  Output output = Output::Frame;
  viz::VideoFormat format = viz::VideoFormat::Mp4;  // for Output::Video
  std::optional<std::string> at;                    // a duration, or "peak"
  std::optional<viz::View> view;                    // default: responders (summary: truth)
  unsigned width = 1920, height = 1080;
  std::optional<std::string> service;
  std::optional<std::string> from, to;  // video: durations
  std::optional<double> speed;          // video: simulated seconds per video second
  unsigned fps = 0;                     // video
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

int render_error(std::ostream& err, const std::string& message) {
  return usage_error(err, "render", message, render_usage);
}

// Which picture --out asks for, and the options that only make sense for another one.
std::optional<int> check_output_kind(const po::variables_map& vm, RenderOptions& o,
                                     std::ostream& err) {
  const std::string ext = std::filesystem::path(o.out).extension().string();
  const bool video_options =
      vm.count("from") + vm.count("to") + vm.count("speed") + vm.count("fps") != 0;
  if (const auto f = viz::video_format_for(o.out)) {
    o.output = Output::Video;
    o.format = *f;
    if (vm.count("at") != 0)
      return render_error(err, "--at is for a .png frame; a video takes --from and --to");
    if (vm.count("summary") != 0) return render_error(err, "--summary draws a .png");
    return std::nullopt;
  }
  if (ext != ".png")
    return render_error(err, "--out '" + o.out + "': expected a .png, .mp4 or .gif file");
  if (video_options)
    return render_error(err, "--from, --to, --speed and --fps are for a .mp4 or .gif video");
  if (vm.count("summary") != 0) {
    o.output = Output::Summary;
    if (vm.count("at") != 0)
      return render_error(err, "--at is for a frame; --summary shows the whole run");
  }
  return std::nullopt;
}

Parsed check_render_values(const po::variables_map& vm, std::ostream& err) {
  RenderOptions o;
  o.run = vm["run"].as<std::string>();
  o.out = vm["out"].as<std::string>();
  if (const auto code = check_output_kind(vm, o, err)) return *code;
  if (vm.count("at") != 0) o.at = vm["at"].as<std::string>();
  if (vm.count("view") != 0) {
    const std::string view = vm["view"].as<std::string>();
    o.view = viz::parse_view(view);
    if (!o.view) return render_error(err, "--view '" + view + "': expected responders or truth");
  }
  if (o.output == Output::Video) viz::default_video_size(o.format, o.width, o.height);
  if (vm.count("size") != 0) {
    const std::string size = vm["size"].as<std::string>();
    if (!parse_size(size, o.width, o.height))
      return render_error(err, "--size '" + size +
                                   "': expected WIDTHxHEIGHT, e.g. 1920x1080 (320x240 to "
                                   "7680x4320)");
    if (o.output == Output::Video && o.format == viz::VideoFormat::Mp4 &&
        (o.width % 2 != 0 || o.height % 2 != 0))
      return render_error(err, "--size '" + size + "': an MP4 needs an even width and height");
  }
  if (vm.count("service") != 0) o.service = vm["service"].as<std::string>();
  if (vm.count("from") != 0) o.from = vm["from"].as<std::string>();
  if (vm.count("to") != 0) o.to = vm["to"].as<std::string>();
  if (vm.count("speed") != 0) {
    o.speed = vm["speed"].as<double>();
    if (!(*o.speed > 0 && *o.speed <= 1e6))
      return render_error(err, "--speed: expected simulated seconds per second of video, above 0");
  }
  if (o.output == Output::Video) {
    o.fps = viz::default_fps(o.format);
    if (vm.count("fps") != 0) o.fps = vm["fps"].as<unsigned>();
    if (o.fps < 1 || o.fps > viz::max_fps(o.format))
      return render_error(err, "--fps " + std::to_string(o.fps) + ": expected 1 to " +
                                   std::to_string(viz::max_fps(o.format)) + " for this format");
  }
  return o;
}

void print_render_help(std::ostream& out, const po::options_description& visible) {
  out << render_usage << "\n\nDraws the debrief viewer from a run's record. FILE.png: one frame\n"
      << "(the topology coloured by health, the chosen service's error ratio and p99, the\n"
      << "timeline of alerts and pages, and faults in the truth view), or with --summary the\n"
      << "incident summary. FILE.mp4 or FILE.gif: the replay as a video, encoded by ffmpeg;\n"
      << "by default the whole run lasts about a minute (30 frames/s for MP4, 20 for GIF).\n"
      << "Needs an X display; headless, run it under 'xvfb-run -a'. See docs/viewer.md.\n\n"
      << visible;
}

Parsed parse_render_options(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("out,o", po::value<std::string>()->value_name("FILE"),
                        "the .png, .mp4 or .gif to write (required)")(
      "at", po::value<std::string>()->value_name("TIME"),
      "PNG: simulated time to show, e.g. 14m or 1h5m30s (default: peak impact)")(
      "summary", "PNG: the incident summary: timeline, SLI chart, key figures")(
      "view", po::value<std::string>()->value_name("V"),
      "responders (what monitoring showed; the default) or truth (faults shown too; the "
      "summary's default)")("size", po::value<std::string>()->value_name("WxH"),
                            "pixels (default: 1920x1080; MP4 1280x720; GIF 960x540)")(
      "service", po::value<std::string>()->value_name("NAME"),
      "service to chart (default: the least healthy at the time shown)")(
      "from", po::value<std::string>()->value_name("T"), "video: first simulated time (default 0)")(
      "to", po::value<std::string>()->value_name("T"),
      "video: last simulated time (default: the run's end)")(
      "speed", po::value<double>()->value_name("X"),
      "video: simulated seconds per second of video (default: FROM..TO lasts 60 s)")(
      "fps", po::value<unsigned>()->value_name("N"),
      "video: frames per second (default 30 for MP4, 20 for GIF)")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, "render", render_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    print_render_help(out, visible);
    return to_int(ExitCode::Success);
  }
  if (vm.count("run") == 0) return render_error(err, "missing RUN");
  if (vm.count("out") == 0) return render_error(err, "missing --out FILE");
  return check_render_values(vm, err);
}

// A simulated time option: a duration from 0 to the run's end.
std::optional<Time> run_time(const std::string& option, const std::string& text,
                             const viz::ReplayModel& model, std::ostream& err) {
  const auto d = parse_duration(text);
  if (!d || Time::zero() + *d > model.end()) {
    render_error(err, option + " '" + text + "': expected a time from 0 to the run's end (" +
                          format_duration(model.end().since_start()) + "), like 14m");
    return std::nullopt;
  }
  return Time::zero() + *d;
}

// A frame counter on a terminal, redrawn at most a hundred times, erased at the end.
class FrameProgress {
 public:
  explicit FrameProgress(std::ostream& err) : err_(err), on_(isatty(STDERR_FILENO) != 0) {}
  ~FrameProgress() {
    if (drawn_) err_ << "\r\033[K" << std::flush;
  }
  FrameProgress(const FrameProgress&) = delete;
  FrameProgress& operator=(const FrameProgress&) = delete;
  void update(std::size_t done, std::size_t total) {
    if (!on_ || (done % std::max<std::size_t>(1, total / 100) != 0 && done != total)) return;
    err_ << "\rframe " << done << " of " << total << " (" << done * 100 / total << "%)"
         << std::flush;
    drawn_ = true;
  }

 private:
  std::ostream& err_;
  bool on_;
  bool drawn_ = false;
};

int export_video(const RenderOptions& o, const viz::ReplayModel& model, viz::FrameOptions frame,
                 std::ostream& out, std::ostream& err) {
  viz::VideoOptions v;
  v.format = o.format;
  v.frame = std::move(frame);
  v.from = Time::zero();
  v.to = model.end();
  if (o.from) {
    const auto t = run_time("--from", *o.from, model, err);
    if (!t) return to_int(ExitCode::InvalidInput);
    v.from = *t;
  }
  if (o.to) {
    const auto t = run_time("--to", *o.to, model, err);
    if (!t) return to_int(ExitCode::InvalidInput);
    v.to = *t;
  }
  if (v.to <= v.from) return render_error(err, "--to must come after --from");
  v.speed = o.speed.value_or(viz::default_speed(v.from, v.to));
  v.fps = o.fps;
  const std::size_t frames = viz::video_frame_times(v.from, v.to, v.speed, v.fps).size();
  if (frames == 0)
    return render_error(err, "more than " + std::to_string(viz::max_video_frames) +
                                 " frames: raise --speed or lower --fps");
  const InterruptGuard interrupts;
  FrameProgress progress(err);
  v.should_stop = [&] { return interrupts.is_interrupted(); };
  v.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  std::size_t written = 0;
  const viz::Result r = viz::export_video(model, v, o.out, &written);
  if (r.outcome != viz::Outcome::Ok) return viz_failure(err, "render", r);
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(written) / v.fps);
  out << o.out << ": " << model.header().scenario_name << " from "
      << format_duration(v.from.since_start()) << " to " << format_duration(v.to.since_start())
      << ", " << viz::view_name(v.frame.view) << " view, " << written << " frames at " << v.fps
      << " frames/s (" << seconds << " s), " << v.frame.width << "x" << v.frame.height << "\n";
  return to_int(ExitCode::Success);
}

}  // namespace

// Exit code 4 for an environment that cannot draw or encode; 3 when the file cannot be written
// (ffmpeg failing included); 130 when interrupted.
int viz_failure(std::ostream& err, std::string_view command, const viz::Result& r) {
  err << "gameday " << command << ": " << r.message << '\n';
  if (r.outcome == viz::Outcome::NoDisplay)
    err << "gameday: no X display: run under 'xvfb-run -a gameday " << command << " ...'\n";
  switch (r.outcome) {
    case viz::Outcome::WriteFailed:
    case viz::Outcome::ReadFailed:
    case viz::Outcome::EncoderFailed: return to_int(ExitCode::Io);
    case viz::Outcome::Interrupted: return to_int(ExitCode::Interrupted);
    default: return to_int(ExitCode::NoDisplay);
  }
}

int render_command(const Args& args, std::ostream& out, std::ostream& err) {
  const Parsed parsed = parse_render_options(args, out, err);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const RenderOptions& o = std::get<RenderOptions>(parsed);
  int code = 0;
  auto record = read_run(o.run, "render", err, code);
  if (!record) return code;
  const viz::ReplayModel model(std::move(*record));
  // Drawn up to where it stops, as `score` scores it; but the pictures cannot show it is cut off.
  if (!model.is_complete())
    err << "gameday render: warning: " << o.run
        << ": the record has no end line (the run was killed, or is still being written); "
           "drawn up to its last line, at "
        << format_duration(model.end().since_start()) << '\n';
  viz::FrameOptions frame;
  frame.view = o.view.value_or(viz::View::Responders);
  frame.width = o.width;
  frame.height = o.height;
  if (o.service) {
    frame.chart_service = model.find_service(*o.service);
    if (!frame.chart_service)
      return render_error(err, "--service '" + *o.service + "': no such service in the run");
  }
  if (o.output == Output::Video) return export_video(o, model, std::move(frame), out, err);
  if (o.output == Output::Summary) {
    frame.view = o.view.value_or(viz::View::Truth);
    if (const viz::Result r = viz::render_summary_png(model, frame, o.out);
        r.outcome != viz::Outcome::Ok)
      return viz_failure(err, "render", r);
    out << o.out << ": " << model.header().scenario_name << ", incident summary, "
        << viz::view_name(frame.view) << " view\n";
    return to_int(ExitCode::Success);
  }
  frame.at = model.peak_impact();
  if (o.at && *o.at != "peak") {
    const auto t = run_time("--at", *o.at, model, err);
    if (!t) return to_int(ExitCode::InvalidInput);
    frame.at = *t;
  }
  if (const viz::Result r = viz::render_png(model, frame, o.out); r.outcome != viz::Outcome::Ok)
    return viz_failure(err, "render", r);
  out << o.out << ": " << model.header().scenario_name << " at "
      << format_duration(frame.at.since_start()) << ", " << viz::view_name(frame.view) << " view\n";
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

// `gameday play [SCENARIO]`: a live game day at a console. The simulation runs paced to the wall
// clock (`--speed` simulated seconds per real second); responders type commands, which go to the
// simulation at its current time; pages, answers and effects appear above the prompt.
//
// Facilitator commands start with '!'. `!pause`, `!resume` and `!speed X` change only the
// pacing and never reach the simulation (a replay of the record needs no clock); `!inject`,
// `!reveal` and `!end` are simulation commands and are recorded. Commands may come from a pipe:
// when it ends, the game runs on to the scenario's end without pacing. Ctrl-C, SIGTERM and a
// closed terminal end the game early with the record closed ("interrupted", exit 130).
//
// With a display, the game opens the live view: `gameday replay RUN --follow`, a separate
// process that reads the record as the game writes it, which is flushed a few times a second.
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>
#include <variant>

#include "commands.hpp"
#include "default_scenario.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/cli/version.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/core/units.hpp"
#include "gameday/core/utf8.hpp"
#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "gameday/sim/command.hpp"
#include "gameday/sim/simulation.hpp"
#include "gameday/viz/render.hpp"
#include "interrupt.hpp"
#include "line_editor.hpp"
#include "options.hpp"
#include "run_folder.hpp"
#include "scenario_input.hpp"
#include "summary.hpp"

extern char** environ;

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

constexpr double max_speed = 1000;

enum class Viewer : std::uint8_t { Auto, On, Off };

struct PlayOptions : SimulationOptions {
  double speed = 1;
  std::string name;  // the responder at this console
  bool paused = false;
  Viewer viewer = Viewer::Auto;
};

using Parsed = std::variant<PlayOptions, int>;

constexpr std::string_view facilitator_help =
    R"(Facilitator (console only, not recorded):
  !pause                              stop the clock
  !resume                             start it again
  !speed X                            simulated seconds per real second, 1 to 1000
)";

Parsed parse_play_options(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  add_simulation_options(visible);
  visible.add_options()("speed", po::value<std::string>()->value_name("X"),
                        "simulated seconds per real second, 1 to 1000 (default 1)")(
      "name", po::value<std::string>()->value_name("NAME"),
      "who is typing at this console (default: $USER)")("paused", "start with the clock stopped")(
      "viewer", po::value<std::string>()->value_name("WHEN"),
      "the live view window: auto (when there is a display and a terminal), on, off")(
      "help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "scenario", Positionals::One, "play", play_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << play_usage << "\n\n"
        << "A live game day: simulates SCENARIO (default: the built-in scenarios/default.yaml)\n"
        << "paced to the wall clock while responders type commands ('help' lists them).\n"
        << "Commands may also come from a pipe; when it ends the game runs on to the end.\n"
        << "The record is RUN/events.jsonl; the scorecard is printed when the game ends.\n\n"
        << visible << "\n"
        << facilitator_help;
    return to_int(ExitCode::Success);
  }
  const auto common = read_simulation_options(vm, "play", play_usage, err);
  if (!common) return to_int(ExitCode::InvalidInput);
  PlayOptions opts;
  static_cast<SimulationOptions&>(opts) = *common;
  if (vm.count("speed") != 0) {
    const std::string& text = vm["speed"].as<std::string>();
    const auto speed = parse_factor(text);
    if (!speed || *speed < 1 || *speed > max_speed)
      return usage_error(err, "play", "--speed '" + text + "': expected a number from 1 to 1000",
                         play_usage);
    opts.speed = *speed;
  }
  const char* user = std::getenv("USER");
  // As the record will keep it: a Latin-1 name's bad bytes become U+FFFD here already, so the
  // console greets the responder by the recorded name.
  opts.name = to_valid_utf8(vm.count("name") != 0              ? vm["name"].as<std::string>()
                            : user != nullptr && *user != '\0' ? user
                                                               : "responder");
  if (opts.name.find_first_of(" \t:") != std::string::npos || opts.name.empty())
    return usage_error(err, "play", "--name '" + opts.name + "': expected one word", play_usage);
  opts.paused = vm.count("paused") != 0;
  if (vm.count("viewer") != 0) {
    const std::string& when = vm["viewer"].as<std::string>();
    if (when == "on")
      opts.viewer = Viewer::On;
    else if (when == "off")
      opts.viewer = Viewer::Off;
    else if (when != "auto")
      return usage_error(err, "play", "--viewer '" + when + "': expected auto, on or off",
                         play_usage);
  }
  return opts;
}

std::string wall_time_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Simulated time as a function of the wall clock: anchored at the last pause, resume or
// speed change.
class Pacer {
 public:
  Pacer(Time start, double speed, bool paused)
      : sim_anchor_(start), speed_(speed), paused_(paused) {}
  Time target() const {
    if (paused_) return sim_anchor_;
    const double wall = std::chrono::duration<double>(Clock::now() - wall_anchor_).count();
    return sim_anchor_ + Duration::from_seconds(wall * speed_);
  }
  void set(Time now, double speed, bool paused) {
    sim_anchor_ = now;
    wall_anchor_ = Clock::now();
    speed_ = speed;
    paused_ = paused;
  }
  double speed() const { return speed_; }
  bool paused() const { return paused_; }

 private:
  Time sim_anchor_;
  Clock::time_point wall_anchor_ = Clock::now();
  double speed_;
  bool paused_;
};

// Simulated time to the second, as a clock on the wall would show it.
std::string clock_text(Time t) {
  return format_duration(seconds(t.since_start().ns() / seconds(1).ns()));
}

std::string prompt(const sim::Simulation& sim, const Pacer& pacer) {
  std::ostringstream o;
  o << "[" << clock_text(sim.now()) << " ";
  if (pacer.paused())
    o << "paused";
  else
    o << "x" << pacer.speed();
  o << "] > ";
  return o.str();
}

// Starts `gameday replay FOLDER --follow` in its own session, so Ctrl-C at the console does not
// close it: it stays open after the game for the debrief. Its output goes to FOLDER/viewer.log,
// never to the console. Returns what went wrong, or nothing.
std::optional<std::string> start_live_view(const std::string& folder) {
  if (const viz::Result r = viz::check_display(); r.outcome != viz::Outcome::Ok) return r.message;
  std::string exe(4096, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", exe.data(), exe.size() - 1);
  if (n <= 0) return std::string("cannot find the gameday executable");
  exe.resize(static_cast<std::size_t>(n));
  const std::string log_path = (std::filesystem::path(folder) / "viewer.log").string();
  FileResult opened;  // not through a link planted in the run folder
  const int log = open_output(log_path, OpenMode::Truncate, opened);
  if (log < 0) return opened.message;
  std::vector<std::string> args = {exe, "replay", folder, "--follow"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&files, log, 1);
  posix_spawn_file_actions_adddup2(&files, log, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, exe.c_str(), &files, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&files);
  ::close(log);
  if (rc != 0) return "cannot start the viewer: " + std::string(std::strerror(rc));
  return std::nullopt;
}

class Game {
 public:
  Game(sim::Simulation& sim, const PlayOptions& opts, LineEditor& editor)
      : sim_(sim), opts_(opts), editor_(editor), pacer_(sim.now(), opts.speed, opts.paused) {}

  // Alternates between taking every line typed so far (all at the same simulated time) and
  // running the simulation towards the pacer's target in chunks of about 20 ms of wall time,
  // so typing stays responsive even when the simulation cannot keep up with the speed asked.
  // A chunk runs in steps of a bounded number of events; lines typed while one is unfinished
  // wait for it, because a command goes in only once every event up to now() has run.
  // Without input (the pipe ended) nothing waits on the clock: it runs on to the end.
  RunOutcome play(const InterruptGuard& interrupts, eventlog::RecordWriter& writer) {
    constexpr double chunk_wall_seconds = 0.02;
    constexpr auto flush_every = std::chrono::milliseconds(250);  // the live view's lag
    Clock::time_point flushed = Clock::now();
    bool input_open = true;
    bool settled = true;  // every event at or before now() has run
    std::vector<std::string> typed;
    Duration chunk = seconds(1);
    while (!sim_.done() && writer.ok()) {
      if (interrupts.is_interrupted()) return RunOutcome::Interrupted;
      if (settled) {
        for (std::size_t i = 0; i < typed.size() && !sim_.done(); ++i) handle(typed[i]);
        typed.clear();
      }
      const Time target = input_open ? pacer_.target() : sim_.end_time();
      auto wait = std::chrono::milliseconds(target > sim_.now() || !settled ? 0 : 20);
      while (input_open && !sim_.done()) {
        const auto in = editor_.poll(wait);
        if (!in) break;
        wait = std::chrono::milliseconds(0);
        if (in->kind == InputKind::Interrupt) return RunOutcome::Interrupted;
        if (in->kind == InputKind::EndOfInput) {
          input_open = false;
          say("end of input: the game runs on to the end of the scenario");
        } else if (settled) {
          handle(in->line);
        } else {
          typed.push_back(in->line);
        }
      }
      const Time until =
          std::min(input_open ? pacer_.target() : sim_.end_time(), sim_.now() + chunk);
      if (until > sim_.now() || !settled) {
        const Clock::time_point before = Clock::now();
        settled = sim_.run_until(until, events_per_step);
        const double took = std::chrono::duration<double>(Clock::now() - before).count();
        if (settled && took < chunk_wall_seconds / 2 && chunk < hours(1)) chunk = chunk * 2;
        if (took > chunk_wall_seconds * 2 && chunk > ms(1)) chunk = chunk / 2;
      }
      show_messages();
      editor_.set_prompt(prompt(sim_, pacer_));
      if (input_open && Clock::now() - flushed >= flush_every) {
        writer.flush();
        flushed = Clock::now();
      }
    }
    show_messages();
    if (interrupts.is_interrupted()) return RunOutcome::Interrupted;
    return sim_.ended_early() ? RunOutcome::Ended : RunOutcome::Completed;
  }

 private:
  void say(const std::string& text) { editor_.print_above(text); }

  void show_messages() {
    for (const sim::ConsoleMessage& m : sim_.take_messages())
      say("[" + clock_text(m.t) + "] " + m.text);
  }

  void handle(const std::string& raw) {
    std::string line = raw;
    line.erase(0, line.find_first_not_of(" \t"));
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (line.empty()) return;
    std::istringstream words(line);
    std::string first, arg;
    words >> first >> arg;
    if (first == "!pause") {
      pacer_.set(sim_.now(), pacer_.speed(), true);
      say("paused at " + clock_text(sim_.now()));
      return;
    }
    if (first == "!resume") {
      pacer_.set(sim_.now(), pacer_.speed(), false);
      say("resumed");
      return;
    }
    if (first == "!speed") {
      const auto speed = parse_factor(arg);
      if (!speed || *speed < 1 || *speed > max_speed) {
        say("!speed: expected a number from 1 to 1000, e.g. '!speed 60'");
        return;
      }
      pacer_.set(sim_.now(), *speed, pacer_.paused());
      say("speed x" + arg);
      return;
    }
    const sim::CommandOutcome outcome =
        sim_.submit(sim::CommandInput{opts_.name, line, wall_time_now()});
    std::string reply = outcome.reply;
    while (!reply.empty() && reply.back() == '\n') reply.pop_back();
    if (first == "help" && arg.empty()) reply += "\n" + std::string(facilitator_help);
    say(outcome.accepted ? reply : "error: " + reply);
  }

  sim::Simulation& sim_;
  const PlayOptions& opts_;
  LineEditor& editor_;
  Pacer pacer_;
};

// "api, orders, orders-db (3 services); it is 18:00 there": what the players look after.
std::string system_line(const model::Scenario& s) {
  constexpr std::size_t named_max = 12;  // more would fill the screen; `services` lists them all
  std::string line;
  for (std::size_t i = 0; i < s.services.size() && i < named_max; ++i)
    line += (i == 0 ? "" : ", ") + s.services[i].name;
  if (s.services.size() > named_max) line += ", ...";
  const std::int64_t minute_of_day = s.start_time_of_day.ns() / minutes(1).ns() % (24 * 60);
  char time_of_day[8];
  std::snprintf(time_of_day, sizeof time_of_day, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return line + " (" + std::to_string(s.services.size()) + " services); it is " + time_of_day +
         " there";
}

std::vector<std::string> completions(const model::Scenario& s, std::string_view line) {
  std::vector<std::string> out = sim::complete_command(s, line);
  if (line.find(' ') == std::string_view::npos)
    for (const std::string_view local : {"!pause", "!resume", "!speed"})
      if (local.starts_with(line)) out.emplace_back(local);
  return out;
}

int play(const PlayOptions& opts, sim::LoadedScenario& loaded, std::ostream& out,
         std::ostream& err) {
  model::Scenario& scenario = loaded.scenario;
  RunTarget target = apply_simulation_options(opts, scenario);
  const InterruptGuard interrupts;
  auto opened = open_record(target, "play", err);
  if (const ExitCode* failed = std::get_if<ExitCode>(&opened)) return to_int(*failed);
  eventlog::RecordWriter& writer = std::get<eventlog::RecordWriter>(opened);
  const std::uint64_t seed = target.seed;
  const std::string& folder = target.folder;
  const std::string& record_path = target.record_path;
  sim::Simulation sim(scenario,
                      sim::RunInfo{seed, std::string(tool_version),
                                   format_scenario_hash(loaded.content_hash), "commands"},
                      writer);
  RunOutcome outcome = RunOutcome::Completed;
  bool live_view = false;
  {
    out.flush();
    LineEditor editor;
    if (opts.viewer == Viewer::On || (opts.viewer == Viewer::Auto && ::isatty(0) != 0)) {
      writer.flush();  // the header, for the viewer to start on
      const auto failed = start_live_view(folder);
      live_view = !failed;
      if (failed && opts.viewer == Viewer::On) editor.print_above("no live view: " + *failed);
    }
    editor.set_completer([&](std::string_view line) { return completions(scenario, line); });
    // What a player is told: the system, the clock and who is on call. Not the scenario's
    // description, which says what will go wrong.
    editor.print_above("gameday play: " + scenario.name + ", seed " + std::to_string(seed) + ", " +
                       format_duration(scenario.duration) + " at x" +
                       std::to_string(static_cast<int>(opts.speed)) + "; you are " + opts.name +
                       ", on call. Type 'help' for commands.");
    editor.print_above("the system: " + system_line(scenario));
    Game game(sim, opts, editor);
    outcome = game.play(interrupts, writer);
  }
  if (!close_record(sim, writer, outcome, record_path, "play", err)) return to_int(ExitCode::Io);
  out << "\nthe game is over (" << end_reason(outcome) << " at " << clock_text(sim.now())
      << "); record: " << record_path << "\n";
  if (live_view) out << "the live view stays open for the debrief; q closes it\n";
  out << "\n";
  int code = 0;
  const auto record = read_run(folder, "play", err, code);
  if (!record) return code;  // the game's record cannot be scored, replayed or re-run
  out << scoring::format_text(scoring::score(*record), scoring::TextStyle::Plain);
  return outcome_exit_code(outcome, "play", err);
}

}  // namespace

int play_command(const Args& args, std::ostream& out, std::ostream& err) {
  Parsed parsed = parse_play_options(args, out, err);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const PlayOptions& opts = std::get<PlayOptions>(parsed);
  auto loaded = load_scenario_input(opts.scenario, "play", err);
  if (!loaded) return to_int(ExitCode::InvalidInput);
  return play(opts, *loaded, out, err);
}

}  // namespace gameday::cli

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
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <tuple>
#include <variant>

#include "alert_forwarder.hpp"
#include "commands.hpp"
#include "console_page.hpp"
#include "default_scenario.hpp"
#include "game.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/cli/version.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/core/terminal_text.hpp"
#include "gameday/core/units.hpp"
#include "gameday/core/utf8.hpp"
#include "gameday/net/http.hpp"
#include "gameday/net/server.hpp"
#include "gameday/scoring/prometheus.hpp"
#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "gameday/sim/command.hpp"
#include "gameday/sim/simulation.hpp"
#include "gameday/viz/render.hpp"
#include "interrupt.hpp"
#include "line_editor.hpp"
#include "lobby.hpp"
#include "options.hpp"
#include "run_folder.hpp"
#include "scenario_input.hpp"
#include "summary.hpp"

extern char** environ;

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

enum class Viewer : std::uint8_t { Auto, On, Off };

// `play` and `host` are one game: `host` adds the consoles over the network.
struct PlayOptions : SimulationOptions {
  bool host = false;
  double speed = 1;
  std::string name;  // the responder at this console (host: the facilitator)
  bool paused = false;
  Viewer viewer = Viewer::Auto;
  std::string listen_address = "127.0.0.1";  // host
  std::uint16_t listen_port = 7333;          // host
  bool console = true;                       // host: --no-console
  // --metrics: where /metrics is served for the team's Prometheus, when asked for.
  std::optional<std::pair<std::string, std::uint16_t>> metrics;
  std::string alertmanager;  // --alertmanager: where the game's alerts are posted, when asked
};

using Parsed = std::variant<PlayOptions, int>;

// "127.0.0.1:7333", "[::1]:7333" -> address and port.
std::optional<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string address = text.substr(0, colon);
  if (address.front() == '[' && address.back() == ']')
    address = address.substr(1, address.size() - 2);
  unsigned port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(first, last, port);
  if (ec != std::errc{} || end != last || first == last || port > 65535) return std::nullopt;
  return std::pair{address, static_cast<std::uint16_t>(port)};
}

Parsed parse_play_options(const Args& args, bool host, std::ostream& out, std::ostream& err) {
  const std::string_view command = host ? "host" : "play";
  const std::string_view usage = host ? host_usage : play_usage;
  po::options_description visible("options", 100);
  add_simulation_options(visible);
  visible.add_options()("speed", po::value<std::string>()->value_name("X"),
                        "simulated seconds per real second, 1 to 1000 (default 1)")(
      "name", po::value<std::string>()->value_name("NAME"),
      host ? "the facilitator at this console (default: $USER)"
           : "who is typing at this console (default: $USER)")("paused",
                                                               "start with the clock stopped")(
      "viewer", po::value<std::string>()->value_name("WHEN"),
      "the live view window: auto (when there is a display and a terminal), on, off")(
      "metrics", po::value<std::string>()->value_name("ADDR:PORT"),
      "serve the game's series at /metrics for a Prometheus (e.g. 127.0.0.1:9464; port 0: any "
      "free); docs/prometheus.md")(
      "alertmanager", po::value<std::string>()->value_name("URL"),
      "post the game's alerts to the Alertmanager at URL (e.g. http://127.0.0.1:9093)");
  if (host)
    visible.add_options()("listen", po::value<std::string>()->value_name("ADDR:PORT"),
                          "where the consoles connect (default 127.0.0.1:7333; port 0: any free)")(
        "no-console", "no facilitator console here: the facilitator joins by their link");
  visible.add_options()("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "scenario", Positionals::One, command, usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << usage << "\n\n";
    if (host)
      out << "A team game day: simulates SCENARIO paced to the wall clock and prints two links,\n"
          << "one for the players (`gameday join LINK` or a browser) and one for the\n"
          << "facilitator. This console is the facilitator's. docs/facilitator-guide.md.\n";
    else
      out << "A live game day: simulates SCENARIO (default: the built-in scenarios/default.yaml)\n"
          << "paced to the wall clock while responders type commands ('help' lists them).\n"
          << "Commands may also come from a pipe; when it ends the game runs on to the end.\n";
    out << "The record is RUN/events.jsonl; the scorecard is printed when the game ends.\n\n"
        << visible << "\n"
        << pacing_help;
    return to_int(ExitCode::Success);
  }
  const auto common = read_simulation_options(vm, command, usage, err);
  if (!common) return to_int(ExitCode::InvalidInput);
  PlayOptions opts;
  static_cast<SimulationOptions&>(opts) = *common;
  opts.host = host;
  if (vm.count("speed") != 0) {
    const std::string& text = vm["speed"].as<std::string>();
    const auto speed = parse_factor(text);
    if (!speed || *speed < 1 || *speed > max_speed)
      return usage_error(err, command, "--speed '" + text + "': expected a number from 1 to 1000",
                         usage);
    opts.speed = *speed;
  }
  if (vm.count("listen") != 0) {
    const std::string& text = vm["listen"].as<std::string>();
    const auto listen = parse_listen(text);
    if (!listen)
      return usage_error(err, command,
                         "--listen '" + text + "': expected ADDRESS:PORT, e.g. 127.0.0.1:7333",
                         usage);
    std::tie(opts.listen_address, opts.listen_port) = *listen;
  }
  if (vm.count("metrics") != 0) {
    const std::string& text = vm["metrics"].as<std::string>();
    opts.metrics = parse_listen(text);
    if (!opts.metrics)
      return usage_error(err, command,
                         "--metrics '" + text + "': expected ADDRESS:PORT, e.g. 127.0.0.1:9464",
                         usage);
  }
  if (vm.count("alertmanager") != 0) {
    opts.alertmanager = vm["alertmanager"].as<std::string>();
    std::string error;
    if (!net::parse_http_url(opts.alertmanager, error))
      return usage_error(err, command, "--alertmanager " + error, usage);
  }
  opts.console = vm.count("no-console") == 0;
  const char* user = std::getenv("USER");
  // As the record will keep it: a Latin-1 name's bad bytes become U+FFFD here already, so the
  // console greets the responder by the recorded name.
  opts.name = to_valid_utf8(vm.count("name") != 0              ? vm["name"].as<std::string>()
                            : user != nullptr && *user != '\0' ? user
                                                               : "responder");
  if (const auto problem = name_problem(opts.name))
    return usage_error(err, command, "--name '" + terminal_text(opts.name) + "': " + *problem,
                       usage);
  opts.paused = vm.count("paused") != 0;
  if (vm.count("viewer") != 0) {
    const std::string& when = vm["viewer"].as<std::string>();
    if (when == "on")
      opts.viewer = Viewer::On;
    else if (when == "off")
      opts.viewer = Viewer::Off;
    else if (when != "auto")
      return usage_error(err, command, "--viewer '" + when + "': expected auto, on or off", usage);
  }
  return opts;
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

std::vector<std::string> completions(const model::Scenario& s, std::string_view line) {
  std::vector<std::string> out = sim::complete_command(s, line);
  if (line.find(' ') == std::string_view::npos)
    for (const std::string_view local : {"!pause", "!resume", "!speed"})
      if (local.starts_with(line)) out.emplace_back(local);
  return out;
}

// Whether the game can be reached only from this machine.
bool is_loopback(const std::string& address) {
  return address.starts_with("127.") || address == "::1" || address == "localhost";
}

std::string link(const std::string& address, std::uint16_t port, const std::string& token,
                 std::string_view path = "/") {
  const std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  return "http://" + host + ":" + std::to_string(port) + std::string(path) + "?token=" + token;
}

std::string not_loopback_warning(std::string_view command, const std::string& address,
                                 std::string_view who) {
  return "gameday " + std::string(command) + ": warning: listening on " + address +
         ", not only this machine: anyone who can reach it and has a link " + std::string(who) +
         ", and the traffic is not encrypted (use a VPN)\n";
}

int play(const PlayOptions& opts, sim::LoadedScenario& loaded, std::ostream& out,
         std::ostream& err) {
  const std::string_view command = opts.host ? "host" : "play";
  model::Scenario& scenario = loaded.scenario;
  RunTarget target = apply_simulation_options(opts, scenario);
  // The server starts first: a game nobody can join leaves no run folder behind.
  std::unique_ptr<net::Server> server;
  if (opts.host) {
    std::string error;
    server = net::Server::start(opts.listen_address, opts.listen_port, net::Limits{},
                                std::string(console_page_html()), error);
    if (!server) {
      err << "gameday host: --listen: " << error << '\n';
      return to_int(ExitCode::InvalidInput);
    }
    if (!is_loopback(opts.listen_address))
      err << not_loopback_warning(command, opts.listen_address, "can join");
  }
  // The series for the team's Prometheus: fed by the record as it is written, read by the
  // metrics server's thread at each scrape. Declared first, so it outlives the server.
  std::unique_ptr<scoring::MetricSeries> series;
  std::unique_ptr<net::Server> metrics_server;
  if (opts.metrics) {
    std::string error;
    net::Limits no_consoles;
    no_consoles.clients = 0;
    metrics_server =
        net::Server::start(opts.metrics->first, opts.metrics->second, no_consoles, "", error);
    if (!metrics_server) {
      err << "gameday " << command << ": --metrics: " << error << '\n';
      return to_int(ExitCode::InvalidInput);
    }
    if (!is_loopback(opts.metrics->first))
      err << not_loopback_warning(command, opts.metrics->first, "can read the game's series");
    series = std::make_unique<scoring::MetricSeries>(false);
    metrics_server->set_metrics([s = series.get()](const net::MetricsQuery& q) {
      return s->exposition(
          q.openmetrics ? scoring::ExpositionFormat::OpenMetrics : scoring::ExpositionFormat::Text,
          q.facilitator);
    });
  }
  std::unique_ptr<AlertForwarder> alerts;
  if (!opts.alertmanager.empty()) {
    std::string error;
    alerts = AlertForwarder::start(opts.alertmanager, error);
    if (!alerts) {
      err << "gameday " << command << ": --alertmanager: " << error << '\n';
      return to_int(ExitCode::Io);
    }
  }
  const InterruptGuard interrupts;
  auto opened = open_record(target, command, err);
  if (const ExitCode* failed = std::get_if<ExitCode>(&opened)) return to_int(*failed);
  eventlog::RecordWriter& writer = std::get<eventlog::RecordWriter>(opened);
  if (series) writer.subscribe(*series);
  if (alerts) writer.subscribe(*alerts);
  const std::uint64_t seed = target.seed;
  const std::string& folder = target.folder;
  const std::string& record_path = target.record_path;
  sim::Simulation sim(scenario,
                      sim::RunInfo{seed, std::string(tool_version),
                                   format_scenario_hash(loaded.content_hash), "commands"},
                      writer);
  if (server) {
    out << "players: " << link(opts.listen_address, server->port(), server->player_token())
        << "\nfacilitator: "
        << link(opts.listen_address, server->port(), server->facilitator_token()) << "\n"
        << "record: " << record_path << "\n";
  }
  if (metrics_server) {
    const std::uint16_t port = metrics_server->port();
    out << "metrics: "
        << link(opts.metrics->first, port, metrics_server->player_token(), "/metrics")
        << "\nmetrics with the ground truth (facilitator): "
        << link(opts.metrics->first, port, metrics_server->facilitator_token(), "/metrics") << "\n";
  }
  out.flush();
  RunOutcome outcome = RunOutcome::Completed;
  bool live_view = false;
  std::optional<Lobby> lobby;
  if (server) lobby.emplace(*server);
  {
    out.flush();
    std::optional<LineEditor> editor;
    if (opts.console) editor.emplace();
    const auto note = [&](const std::string& text) {
      if (editor) editor->print_above(text);
    };
    if (opts.viewer == Viewer::On || (opts.viewer == Viewer::Auto && ::isatty(0) != 0)) {
      writer.flush();  // the header, for the viewer to start on
      const auto failed = start_live_view(folder);
      live_view = !failed;
      if (failed && opts.viewer == Viewer::On) note("no live view: " + *failed);
    }
    if (editor) {
      editor->set_completer([&](std::string_view line) { return completions(scenario, line); });
      if (opts.host) {
        // The host's console is the facilitator's seat, in the record like everyone's.
        sim.submit({opts.name, "join facilitator", wall_time_now()});
        note("gameday host: " + scenario.name + ", seed " + std::to_string(seed) + ", " +
             format_duration(scenario.duration) + " at x" +
             std::to_string(static_cast<int>(opts.speed)) + "; you are " + opts.name +
             ", the facilitator. Type 'help' for commands.");
      } else {
        // What a player is told: the system, the clock and who is on call. Not the scenario's
        // description, which says what will go wrong.
        note("gameday play: " + scenario.name + ", seed " + std::to_string(seed) + ", " +
             format_duration(scenario.duration) + " at x" +
             std::to_string(static_cast<int>(opts.speed)) + "; you are " + opts.name +
             ", on call. Type 'help' for commands.");
      }
      note("the system: " + system_line(scenario));
    }
    Game game(sim, GameSettings{opts.speed, opts.paused, opts.console ? opts.name : ""},
              editor ? &*editor : nullptr, lobby ? &*lobby : nullptr);
    outcome = game.play(interrupts, writer);
  }
  if (lobby) lobby->end(sim.now(), end_reason(outcome));
  if (alerts)
    if (const auto problem = alerts->finish())
      err << "gameday " << command << ": --alertmanager: " << *problem << '\n';
  if (!close_record(sim, writer, outcome, record_path, command, err)) return to_int(ExitCode::Io);
  out << "\nthe game is over (" << end_reason(outcome) << " at " << clock_text(sim.now())
      << "); record: " << record_path << "\n";
  if (live_view) out << "the live view stays open for the debrief; q closes it\n";
  out << "\n";
  int code = 0;
  const auto record = read_run(folder, command, err, code);
  if (!record) return code;  // the game's record cannot be scored, replayed or re-run
  out << scoring::format_text(scoring::score(*record), scoring::TextStyle::Plain);
  return outcome_exit_code(outcome, command, err);
}

int game_command(const Args& args, bool host, std::ostream& out, std::ostream& err) {
  Parsed parsed = parse_play_options(args, host, out, err);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const PlayOptions& opts = std::get<PlayOptions>(parsed);
  auto loaded = load_scenario_input(opts.scenario, host ? "host" : "play", err, opts.overrides);
  if (!loaded) return to_int(ExitCode::InvalidInput);
  return play(opts, *loaded, out, err);
}

}  // namespace

int play_command(const Args& args, std::ostream& out, std::ostream& err) {
  return game_command(args, false, out, err);
}

int host_command(const Args& args, std::ostream& out, std::ostream& err) {
  return game_command(args, true, out, err);
}

}  // namespace gameday::cli

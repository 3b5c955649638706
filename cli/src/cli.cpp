// The command dispatcher and the exception boundary: picks the subcommand, answers --help and
// --version, suggests the nearest command for a typo, and maps anything thrown to exit code 1
// with a message, so no exception or abort reaches the user from here.
#include "gameday/cli/cli.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "gameday/cli/version.hpp"
#include "gameday/core/suggest.hpp"
#include "gameday/core/terminal_text.hpp"

namespace gameday::cli {
namespace {

constexpr std::array<std::string_view, 15> available_commands = {
    "check", "new",     "run",    "sweep",      "play",   "host",   "join",  "score",
    "lint",  "compare", "whatif", "postmortem", "export", "render", "replay"};
// In the design (docs/architecture.md) but not built yet; named so users get a straight answer.
constexpr std::array<std::string_view, 0> planned_commands = {};

constexpr std::string_view help_text = R"(usage: gameday <command> [options] [arguments]
       gameday --help | --version

A flight simulator for incident response: simulate a service topology under traffic from a
YAML scenario, deterministically, and write a run record.

commands:
  check SCENARIO...   validate scenarios; print every problem as file:line:col, and
                      warnings about likely authoring mistakes
  new NAME            scaffold a commented scenario in NAME.yaml (--from SCENARIO copies
                      one, --out FILE)
  run [SCENARIO]      simulate a scenario (default: the built-in scenarios/default.yaml),
                      write RUN/events.jsonl and print a summary
                      (--responders none|auto|FILE: who responds to the incident)
  sweep PLAN          many replicates of a plan's cells (-j N threads, --shard K/N);
                      'sweep report DIR...' gives each figure's mean and 95% interval
  play [SCENARIO]     a live game day at a console: the simulation runs paced to the
                      wall clock (--speed X) while responders type commands
  host [SCENARIO]     a team game day: prints a link for the players and one for the
                      facilitator (--listen ADDR:PORT, default 127.0.0.1:7333)
  join LINK           a player's console in a hosted game (--name NAME --role ROLE)
  score RUN           the run's scorecard: incidents, detection, impact, error budget
                      (--format text|json|markdown)
  lint FILE...        blameless-language check of postmortems and notes; exit 1 on findings
  compare RUN RUN...  key figures of several runs side by side, against the first
  whatif RUN          an action's exact effect: the game re-run without it (--without N)
                      or with one more command (--at T --do COMMAND)
  postmortem RUN      a postmortem draft in Markdown from the run and its notes
                      (--notes FILE, --out FILE)
  export openmetrics RUN   the run's series with timestamps, for a Prometheus backfill
  export rules SCENARIO    the scenario's SLO and alert rules as a Prometheus rule file
  render RUN          the debrief viewer as a picture (--out FILE): FILE.png one frame
                      (--at TIME, --view truth) or with --summary the incident summary;
                      FILE.mp4 or FILE.gif the replay as a video (--from T --to T --speed X)
  replay RUN          the debrief window: play, pause, seek, step through events, click
                      for details (--follow: the live view of a game being played)

'gameday <command> --help' shows a command's options.

exit codes:
  0    success
  1    internal error (a bug in gameday; the message says what went wrong);
       for lint: the files have findings
  2    invalid input or usage: bad scenario, unknown command or option, bad option value
  3    I/O error: the run folder, the record or an output file could not be created or
       written (render: ffmpeg failed to encode the video)
  4    render, replay: no X display to draw on (run under 'xvfb-run -a'), no font, or
       (video export) no ffmpeg
  130  interrupted by Ctrl-C, SIGTERM or a closed terminal; the record is closed and
       stays readable

Documentation: docs/cli.md
)";

// Optimal string alignment distance: a transposition ("rnu" for "run") counts as one edit.
int unknown_command(std::ostream& err, std::string_view typed) {
  if (std::find(planned_commands.begin(), planned_commands.end(), typed) !=
      planned_commands.end()) {
    err << "gameday: '" << typed << "' is planned but not available in this version (available:";
    for (std::size_t i = 0; i < available_commands.size(); ++i)
      err << (i == 0 ? " " : ", ") << available_commands[i];
    err << ")\n";
    return to_int(ExitCode::InvalidInput);
  }
  err << "gameday: unknown command '" << typed << "'";
  err << did_you_mean(typed, available_commands);
  err << "\nusage: gameday <command> [options] [arguments]; 'gameday --help' lists commands\n";
  return to_int(ExitCode::InvalidInput);
}

int dispatch(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  if (argv.size() < 2) {
    err << "usage: gameday <command> [options] [arguments]; 'gameday --help' lists commands\n";
    return to_int(ExitCode::InvalidInput);
  }
  const std::string& first = argv[1];
  Args rest(argv.begin() + 2, argv.end());
  if (first == "--help" || first == "-h") {
    out << help_text;
    return to_int(ExitCode::Success);
  }
  if (first == "--version") {
    out << "gameday " << tool_version << '\n';
    return to_int(ExitCode::Success);
  }
  if (first == "help") {  // "gameday help run" is "gameday run --help"
    if (rest.empty()) return dispatch({argv[0], "--help"}, out, err);
    return dispatch({argv[0], rest[0], "--help"}, out, err);
  }
  if (first == "check") return check_command(rest, out, err);
  if (first == "new") return new_command(rest, out, err);
  if (first == "run") return run_command(rest, out, err);
  if (first == "sweep") return sweep_command(rest, out, err);
  if (first == "play") return play_command(rest, out, err);
  if (first == "host") return host_command(rest, out, err);
  if (first == "join") return join_command(rest, out, err);
  if (first == "score") return score_command(rest, out, err);
  if (first == "lint") return lint_command(rest, out, err);
  if (first == "compare") return compare_command(rest, out, err);
  if (first == "postmortem") return postmortem_command(rest, out, err);
  if (first == "whatif") return whatif_command(rest, out, err);
  if (first == "export") return export_command(rest, out, err);
  if (first == "render") return render_command(rest, out, err);
  if (first == "replay") return replay_command(rest, out, err);
  if (!first.empty() && first[0] == '-') {
    err << "gameday: unknown option '" << first << "'\n"
        << "usage: gameday <command> [options] [arguments]; 'gameday --help' lists commands\n";
    return to_int(ExitCode::InvalidInput);
  }
  return unknown_command(err, first);
}

}  // namespace

int usage_error(std::ostream& err, std::string_view command, std::string_view message,
                std::string_view usage) {
  err << "gameday " << command << ": " << message << '\n'
      << usage << "\n'gameday " << command << " --help' shows the options.\n";
  return to_int(ExitCode::InvalidInput);
}

// A message quotes what it found: control characters in it are written out ('w\x1b[2Jeb'), so a
// hostile file cannot clear or retitle the terminal of whoever checks it, and its author sees why
// the name did not match.
void print_diagnostics(std::ostream& os, const Diagnostics& diags) {
  for (const Diagnostic& d : diags.sorted()) os << visible_text(d.format()) << '\n';
}

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  try {
    std::vector<std::string> args;
    for (int i = 0; i < argc; ++i) args.emplace_back(argv[i] != nullptr ? argv[i] : "");
    const int code = dispatch(args, out, err);
    out.flush();
    return code;
  } catch (const std::exception& e) {
    err << "gameday: internal error: " << e.what() << '\n';
  } catch (...) {
    err << "gameday: internal error: unknown exception\n";
  }
  return to_int(ExitCode::Internal);
}

}  // namespace gameday::cli

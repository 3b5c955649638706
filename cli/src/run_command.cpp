// `gameday run [SCENARIO]`: loads and validates a scenario (the built-in default when none is
// named), simulates it headless into RUN/events.jsonl and prints a summary. The simulation runs
// in steps of a bounded number of kernel events, which keeps the progress line and Ctrl-C
// responsive; the steps never change the record, because each continues exactly where the last
// stopped. Wall time is measured here, in cli/, since the simulator never reads a clock.
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <chrono>
#include <optional>
#include <ostream>
#include <variant>

#include "commands.hpp"
#include "default_scenario.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/cli/version.hpp"
#include "gameday/core/units.hpp"
#include "gameday/eventlog/sink.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "gameday/sim/responder_script.hpp"
#include "gameday/sim/simulation.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "program_responder.hpp"
#include "progress.hpp"
#include "run_folder.hpp"
#include "scenario_input.hpp"
#include "summary.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

struct RunOptions : SimulationOptions {
  std::string responders = "none";           // none, auto, exec:COMMAND, or a script or record
  Duration responder_timeout = seconds(10);  // exec: the wall time a program has to answer
  bool quiet = false;
};

// Either the options or the exit code to return at once (help printed, or a usage error).
using Parsed = std::variant<RunOptions, int>;

void print_run_help(std::ostream& out, const po::options_description& visible) {
  out << run_usage << "\n\n"
      << "Simulates SCENARIO (default: the built-in scenarios/default.yaml), writes the run\n"
      << "record RUN/events.jsonl and prints a summary. Ctrl-C stops the run early: the record\n"
      << "is closed with reason \"interrupted\" and the exit code is 130.\n\n"
      << visible;
}

Parsed parse_run_options(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  add_simulation_options(visible);
  visible.add_options()(
      "responders", po::value<std::string>()->value_name("WHO"),
      "none (default: nobody responds), auto (the scenario's on-call and runbooks), or a "
      "FILE: a script of 'TIME RESPONDER: COMMAND' lines, or a run folder or record whose "
      "commands are replayed at their recorded times, or exec:COMMAND: a program that plays "
      "(docs/responders.md)")(
      "responder-timeout", po::value<std::string>()->value_name("D"),
      "with exec:COMMAND, the wall time the program has to answer each observation before it "
      "is stopped (default 10s)")("quiet,q", po::bool_switch(), "no progress line")(
      "help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "scenario", Positionals::One, "run", run_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    print_run_help(out, visible);
    return to_int(ExitCode::Success);
  }
  const auto common = read_simulation_options(vm, "run", run_usage, err);
  if (!common) return to_int(ExitCode::InvalidInput);
  RunOptions opts;
  static_cast<SimulationOptions&>(opts) = *common;
  if (vm.count("responders") != 0) opts.responders = vm["responders"].as<std::string>();
  if (vm.count("responder-timeout") != 0) {
    const std::string& text = vm["responder-timeout"].as<std::string>();
    const auto d = parse_duration(text);
    if (!d || d->ns() <= 0) {
      usage_error(err, "run", "--responder-timeout '" + text + "': expected a duration like 10s",
                  run_usage);
      return to_int(ExitCode::InvalidInput);
    }
    opts.responder_timeout = *d;
  }
  opts.quiet = vm["quiet"].as<bool>();
  return opts;
}

struct DriveResult {
  RunOutcome outcome = RunOutcome::Completed;
  Time reached;
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Runs the simulation to its end, or until interrupted or the record fails to write, submitting
// the scripted commands at their times, each once every event at or before it has run. Each
// step runs a bounded number of kernel events, so the interrupt flag is looked at every few
// milliseconds however much happens in a stretch of simulated time.
DriveResult drive(sim::Simulation& sim, const eventlog::RecordWriter& writer,
                  const InterruptGuard& interrupts, ProgressLine& progress,
                  Clock::time_point started, const std::vector<sim::ScriptedCommand>& script,
                  ProgramResponder* program) {
  ScriptCursor cursor;
  while (!sim.done()) {
    if (interrupts.is_interrupted()) return {RunOutcome::Interrupted, sim.now()};
    if (!writer.ok()) break;
    step_responders(sim, script, program, cursor, events_per_step);
    progress.update(sim.now(), sim.events_executed(), seconds_since(started));
  }
  // A signal during the last step still counts: an interrupted run never reads "completed".
  if (interrupts.is_interrupted()) return {RunOutcome::Interrupted, sim.now()};
  return {sim.ended_early() ? RunOutcome::Ended : RunOutcome::Completed, sim.now()};
}

int simulate(const RunOptions& opts, RunTarget& target, sim::LoadedScenario& loaded,
             const std::string& label, const std::vector<sim::ScriptedCommand>& script,
             ProgramResponder* program, std::ostream& out, std::ostream& err) {
  model::Scenario& scenario = loaded.scenario;
  // Installed before the record exists: once the file is there, Ctrl-C closes it cleanly.
  const InterruptGuard interrupts;
  auto opened = open_record(target, "run", err);
  if (const ExitCode* failed = std::get_if<ExitCode>(&opened)) return to_int(*failed);
  eventlog::RecordWriter& writer = std::get<eventlog::RecordWriter>(opened);
  const std::uint64_t seed = target.seed;
  const std::string& folder = target.folder;
  const std::string& record_path = target.record_path;
  // The record as it is written, scored at the end without reading it back; scoring reads
  // the events, the SLO and source samples, so the rest is not kept.
  eventlog::RecordCollector collected(
      {.service_samples = false, .dependency_samples = false, .traces = false});
  writer.subscribe(collected);

  const Clock::time_point started = Clock::now();
  const std::string who = program != nullptr          ? "commands"
                          : opts.responders == "auto" ? "auto"
                          : script.empty()            ? "none"
                                                      : "commands";
  sim::Simulation sim(
      scenario,
      sim::RunInfo{seed, std::string(tool_version), format_scenario_hash(loaded.content_hash), who},
      writer);
  const ProgressMode mode =
      !opts.quiet && isatty(STDERR_FILENO) != 0 ? ProgressMode::Terminal : ProgressMode::Off;
  ProgressLine progress(err, mode, sim.end_time().since_start());
  const DriveResult result = drive(sim, writer, interrupts, progress, started, script, program);
  progress.clear();
  if (program != nullptr) {
    program->finish(sim.now(), end_reason(result.outcome));
    if (!program->stopped().empty())
      err << "gameday run: --responders " << opts.responders
          << ": the program was stopped: " << program->stopped() << '\n';
  }
  if (!close_record(sim, writer, result.outcome, record_path, "run", err))
    return to_int(ExitCode::Io);
  const RunReport report{&scenario,
                         label,
                         seed,
                         folder,
                         result.outcome,
                         scenario.duration,
                         result.reached.since_start(),
                         seconds_since(started),
                         sim.summary(),
                         scoring::summary_line(scoring::score(collected.record()))};
  print_summary(out, report);
  return outcome_exit_code(result.outcome, "run", err);
}

}  // namespace

int run_command(const Args& args, std::ostream& out, std::ostream& err) {
  Parsed parsed = parse_run_options(args, out, err);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const RunOptions& opts = std::get<RunOptions>(parsed);

  const std::string label = opts.scenario.value_or(std::string(default_scenario_label));
  auto loaded = load_scenario_input(opts.scenario, "run", err, opts.overrides);
  if (!loaded) return to_int(ExitCode::InvalidInput);
  // Before the script is read: it warns about commands after the end of the run.
  RunTarget target = apply_simulation_options(opts, loaded->scenario);
  std::vector<sim::ScriptedCommand> script;
  std::optional<ProgramResponder> program;
  if (auto settings = program_settings(opts.responders)) {
    settings->answer_limit = std::chrono::milliseconds(opts.responder_timeout.ns() / 1'000'000);
    program.emplace(std::move(*settings));
    std::string error;
    if (!program->start(error)) {
      err << "gameday run: --responders " << opts.responders << ": " << error << '\n';
      return to_int(ExitCode::InvalidInput);
    }
  } else if (opts.responders.starts_with(exec_prefix)) {
    return usage_error(err, "run", "--responders exec: needs a command, e.g. exec:./bot",
                       run_usage);
  } else if (opts.responders != "none" && opts.responders != "auto") {
    Diagnostics script_diags;
    auto commands = sim::load_responder_commands(opts.responders, loaded->scenario, script_diags);
    print_diagnostics(err, script_diags);
    if (!commands) {
      err << "gameday run: --responders " << opts.responders << ": cannot use these commands\n";
      return to_int(ExitCode::InvalidInput);
    }
    script = std::move(*commands);
  }
  return simulate(opts, target, *loaded, label, script, program ? &*program : nullptr, out, err);
}

}  // namespace gameday::cli

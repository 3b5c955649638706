// `gameday run [SCENARIO]`: loads and validates a scenario (the built-in default when none is
// named), simulates it headless into RUN/events.jsonl and prints a summary. The simulation runs
// in chunks of simulated time sized to about 50 ms of wall time each, which keeps the progress
// line and Ctrl-C responsive; chunking never changes the record, because the simulator's
// run_until runs exactly the events at or before its argument. Wall time is measured here, in
// cli/, since the simulator never reads a clock.
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>
#include <variant>

#include "commands.hpp"
#include "default_scenario.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/cli/version.hpp"
#include "gameday/core/units.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/simulation.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "scenario_input.hpp"
#include "summary.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

struct RunOptions {
  std::optional<std::string> scenario;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> out;
  std::optional<Duration> duration;
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

Parsed check_values(const po::variables_map& vm, RunOptions opts, std::ostream& err) {
  if (vm.count("seed") != 0) {
    const std::string& text = vm["seed"].as<std::string>();
    std::uint64_t seed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
      return usage_error(err, "run", "--seed '" + text + "': expected an integer 0..2^64-1",
                         run_usage);
    opts.seed = seed;
  }
  if (vm.count("duration") != 0) {
    const std::string& text = vm["duration"].as<std::string>();
    const auto d = parse_duration(text);
    // The same bounds the scenario loader applies to a scenario's own `duration`.
    if (!d || d->ns() <= 0 || *d > hours(24 * 30))
      return usage_error(err, "run",
                         "--duration '" + text +
                             "': expected a duration more than 0 and at "
                             "most 30d, like 90s, 30m, 2h or 1h30m",
                         run_usage);
    opts.duration = *d;
  }
  return opts;
}

Parsed parse_run_options(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("seed", po::value<std::string>()->value_name("N"),
                        "master random seed (default: the scenario's seed)")(
      "out", po::value<std::string>()->value_name("RUN"),
      "run folder, created with its parents (default: runs/<scenario>-seed<N>)")(
      "duration", po::value<std::string>()->value_name("D"),
      "simulated duration, e.g. 2m or 1h30m (default: the scenario's duration)")(
      "quiet,q", po::bool_switch(), "no progress line")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "scenario", Positionals::One, "run", run_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    print_run_help(out, visible);
    return to_int(ExitCode::Success);
  }
  RunOptions opts;
  if (vm.count("scenario") != 0) opts.scenario = vm["scenario"].as<std::string>();
  if (vm.count("out") != 0) opts.out = vm["out"].as<std::string>();
  opts.quiet = vm["quiet"].as<bool>();
  return check_values(vm, std::move(opts), err);
}

// runs/<scenario>-seed<N>, with characters that do not belong in a file name replaced.
std::string default_run_folder(const std::string& scenario_name, std::uint64_t seed) {
  std::string name = scenario_name.empty() ? "scenario" : scenario_name;
  for (char& c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    if (!plain) c = '-';
  }
  return "runs/" + name + "-seed" + std::to_string(seed);
}

struct DriveResult {
  RunOutcome outcome = RunOutcome::Completed;
  Time reached;
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Runs the simulation to its end, or until interrupted or the record fails to write.
DriveResult drive(sim::Simulation& sim, const eventlog::RecordWriter& writer,
                  const InterruptGuard& interrupts, ProgressLine& progress,
                  Clock::time_point started) {
  constexpr double target_chunk_seconds = 0.05;
  Duration chunk = seconds(1);
  Time cursor = sim.now();
  const Time end = sim.end_time();
  while (cursor < end && !sim.done()) {
    if (interrupts.is_interrupted()) return {RunOutcome::Interrupted, cursor};
    if (!writer.ok()) break;
    const Clock::time_point before = Clock::now();
    cursor = end - cursor < chunk ? end : cursor + chunk;
    sim.run_until(cursor);
    const double took = seconds_since(before);
    if (took < target_chunk_seconds / 2 && chunk < hours(1)) chunk = chunk * 2;
    if (took > target_chunk_seconds * 2 && chunk > ms(1)) chunk = chunk / 2;
    progress.update(cursor, sim.events_executed(), seconds_since(started));
  }
  return {RunOutcome::Completed, end};
}

// Creates the run folder and opens its record; on failure prints why and returns nullopt.
std::optional<eventlog::RecordWriter> open_record(const std::string& folder,
                                                  const std::string& record_path,
                                                  std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    err << "gameday run: cannot create run folder '" << folder << "': " << ec.message() << '\n';
    return std::nullopt;
  }
  std::string error;
  auto writer = eventlog::RecordWriter::open(record_path, error);
  if (!writer) err << "gameday run: cannot write the record: " << error << '\n';
  return writer;
}

int simulate(const RunOptions& opts, sim::LoadedScenario& loaded, const std::string& label,
             std::ostream& out, std::ostream& err) {
  sim::Scenario& scenario = loaded.scenario;
  if (opts.duration) scenario.duration = *opts.duration;
  const std::uint64_t seed = opts.seed.value_or(scenario.seed);
  const std::string folder = opts.out.value_or(default_run_folder(scenario.name, seed));
  const std::string record_path = (std::filesystem::path(folder) / "events.jsonl").string();

  // Installed before the record exists: once the file is there, Ctrl-C closes it cleanly.
  const InterruptGuard interrupts;
  auto writer = open_record(folder, record_path, err);
  if (!writer) return to_int(ExitCode::Io);

  const Clock::time_point started = Clock::now();
  sim::Simulation sim(
      scenario,
      sim::RunInfo{seed, std::string(tool_version), format_scenario_hash(loaded.content_hash)},
      *writer);
  const ProgressMode mode =
      !opts.quiet && isatty(STDERR_FILENO) != 0 ? ProgressMode::Terminal : ProgressMode::Off;
  ProgressLine progress(err, mode, sim.end_time().since_start());
  const DriveResult result = drive(sim, *writer, interrupts, progress, started);
  progress.clear();
  if (writer->ok())
    sim.finish(result.outcome == RunOutcome::Interrupted ? "interrupted" : "completed");
  if (!writer->close()) {
    err << "gameday run: cannot write record '" << record_path
        << "': a write failed (is the disk full?)\n";
    return to_int(ExitCode::Io);
  }
  const RunReport report{&scenario,
                         label,
                         seed,
                         folder,
                         result.outcome,
                         scenario.duration,
                         result.reached.since_start(),
                         seconds_since(started),
                         sim.summary()};
  print_summary(out, report);
  if (result.outcome == RunOutcome::Interrupted) {
    err << "gameday run: interrupted; the record is closed and readable\n";
    return to_int(ExitCode::Interrupted);
  }
  return to_int(ExitCode::Success);
}

}  // namespace

int run_command(const Args& args, std::ostream& out, std::ostream& err) {
  Parsed parsed = parse_run_options(args, out, err);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const RunOptions& opts = std::get<RunOptions>(parsed);

  const std::string label = opts.scenario.value_or(std::string(default_scenario_label));
  Diagnostics diags;
  auto loaded = load_scenario_input(opts.scenario, diags);
  print_diagnostics(err, diags);
  if (!loaded || diags.has_errors()) {
    err << "gameday run: " << label << ": invalid scenario, nothing was run\n";
    return to_int(ExitCode::InvalidInput);
  }
  return simulate(opts, *loaded, label, out, err);
}

}  // namespace gameday::cli

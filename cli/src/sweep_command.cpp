// `gameday sweep PLAN --out DIR`: runs every replicate of every cell of a plan in this process
// (threads with -j, a share of the work with --shard K/N), scores each in memory and writes one
// JSON row per replicate to DIR/rows.jsonl; `gameday sweep report DIR...` merges shard folders
// into a report of spreads and intervals per cell (docs/sweeps.md).
//
// Determinism: a replicate's row depends only on its cell and its seed (a pure function of the
// plan's root seed and the replicate's number), rows are written in the order of the work
// items whatever thread finished first, and the report sorts rows before summing, so its bytes
// do not depend on how the work was split.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/cli/version.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/core/random.hpp"
#include "gameday/core/terminal_text.hpp"
#include "gameday/eventlog/sink.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "gameday/scoring/statistics.hpp"
#include "gameday/sim/responder_script.hpp"
#include "gameday/sim/simulation.hpp"
#include "gameday/sim/sweep_plan.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "program_responder.hpp"
#include "run_folder.hpp"
#include "scenario_input.hpp"
#ifdef GAMEDAY_HAVE_MPI
#include "sweep_mpi.hpp"
#endif

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr std::string_view rows_file = "rows.jsonl";
constexpr std::string_view sweep_file = "sweep.json";

struct SweepOptions {
  std::string plan;
  std::string out;
  unsigned jobs = 1;
  std::size_t shard = 0, shards = 1;
  bool resume = false;
  bool keep_records = false;
  bool quiet = false;
  bool mpi = false;  // one shard per MPI rank, gathered at rank 0
};

// One cell, ready to run: its scenario with the cell's overrides applied, and the commands of
// the plan's responders checked against it.
struct Cell {
  std::string scenario_path;
  std::vector<std::string> set;  // "PATH=VALUE", the --set arguments that re-run it
  sim::LoadedScenario loaded;
  std::vector<sim::ScriptedCommand> script;
};

double seconds(Duration d) {
  return static_cast<double>(d.ns()) / 1e9;
}

// The worst (largest) of an incident figure, or null when no incident has it.
json worst(const scoring::Scorecard& card, std::optional<Duration> scoring::Incident::*figure) {
  std::optional<Duration> out;
  for (const scoring::Incident& i : card.incidents)
    if (const auto& d = i.*figure; d && (!out || *d > *out)) out = *d;
  return out ? json(seconds(*out)) : json(nullptr);
}

// Every figure of one replicate: the scorecard's per-run figures (times in seconds, the worst
// incident's), and each service's measurements over the run.
json figures_of(const scoring::Scorecard& card, const sim::RunSummary& summary) {
  json f;
  // Per task, as incident-response benchmarks score agents: each holds for every incident.
  const bool any = !card.incidents.empty();
  bool detected = any, acknowledged = any, localised = any, mitigated = any, resolved = any;
  std::optional<Duration> to_diagnose;
  std::uint64_t failed = 0;
  for (const scoring::Incident& i : card.incidents) {
    detected = detected && i.detection.has_value();
    acknowledged = acknowledged && i.acknowledged.has_value();
    localised = localised && i.diagnosis && i.diagnosis->right_service;
    mitigated = mitigated && i.time_to_mitigate.has_value();
    resolved = resolved && i.resolved.has_value();
    if (i.diagnosis)
      to_diagnose = std::max(to_diagnose.value_or(Duration{}), i.diagnosis->t - i.fault_start);
    failed += i.failed_requests;
  }
  f["incidents"] = card.incidents.size();
  const auto task = [&](bool done) { return any ? json(done) : json(nullptr); };
  f["detected"] = task(detected);
  f["acknowledged"] = task(acknowledged);
  f["localised"] = task(localised);
  f["mitigated"] = task(mitigated);
  f["resolved"] = task(resolved);
  f["time_to_diagnose_s"] = to_diagnose ? json(seconds(*to_diagnose)) : json(nullptr);
  f["time_to_detect_s"] = worst(card, &scoring::Incident::time_to_detect);
  f["time_to_acknowledge_s"] = worst(card, &scoring::Incident::time_to_acknowledge);
  f["time_to_mitigate_s"] = worst(card, &scoring::Incident::time_to_mitigate);
  f["time_to_recover_s"] = worst(card, &scoring::Incident::time_to_recover);
  f["failed_requests"] = failed;
  f["pages"] = card.pages;
  f["commands"] = card.commands;
  json budget = nullptr;
  for (const scoring::TargetResult& t : card.targets)
    if (t.name == "error_budget" && t.actual) budget = *t.actual;
  f["error_budget_used"] = budget;
  for (const sim::ServiceSummary& s : summary.services) {
    const std::string at = "service." + s.name + ".";
    f[at + "requests"] = s.requests;
    f[at + "error_ratio"] =
        s.requests == 0 ? 0.0
                        : static_cast<double>(s.requests - s.ok) / static_cast<double>(s.requests);
    f[at + "latency_mean_ms"] = static_cast<double>(s.latency.mean.ns()) / 1e6;
    f[at + "latency_p99_ms"] = static_cast<double>(s.latency.p99.ns()) / 1e6;
  }
  return f;
}

// Why a replicate could not run or keep its record, and the exit code that says so.
struct ReplicateFailure {
  std::string what;
  ExitCode code;
};

// Runs replicate `replicate` of cell `c` in memory and returns its row. With `keep` the
// record is also written to keep/events.jsonl.
std::string run_replicate(const Cell& cell, std::size_t c, int replicate, std::uint64_t seed,
                          const std::string& responders, const std::string& keep) {
  eventlog::RecordWriter writer;
  eventlog::RecordCollector collected(
      {.service_samples = false, .dependency_samples = false, .traces = false});
  writer.subscribe(collected);
  std::optional<ProgramResponder> program;
  if (auto settings = program_settings(responders)) {
    program.emplace(std::move(*settings));
    std::string error;
    if (!program->start(error))
      throw ReplicateFailure{"responders " + responders + ": " + error, ExitCode::InvalidInput};
  }
  const std::string who = responders == "none" || responders == "auto" ? responders : "commands";
  sim::Simulation sim(cell.loaded.scenario,
                      sim::RunInfo{seed, std::string(tool_version),
                                   format_scenario_hash(cell.loaded.content_hash), who},
                      writer);
  ScriptCursor cursor;
  while (!sim.done())
    step_responders(sim, cell.script, program ? &*program : nullptr, cursor, events_per_step);
  if (program) program->finish(sim.now(), "completed");
  sim.finish("completed");
  writer.close();
  const std::string& record = writer.buffer();
  const std::size_t body = record.find('\n');
  if (!keep.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(keep, ec);
    const FileResult kept =
        write_file((std::filesystem::path(keep) / "events.jsonl").string(), record);
    if (!kept.ok()) throw ReplicateFailure{"--keep-records: " + kept.message, ExitCode::Io};
  }
  json row;
  row["cell"] = c;
  row["replicate"] = replicate;
  row["seed"] = std::to_string(seed);  // a string: JSON readers lose integers past 2^53
  row["scenario"] = cell.scenario_path;
  row["set"] = cell.set;
  row["fingerprint"] = format_scenario_hash(
      fnv1a64(body == std::string::npos ? "" : std::string_view(record).substr(body + 1)));
  row["figures"] = figures_of(scoring::score(collected.record()), sim.summary());
  return row.dump();
}

// "K/N" with 0 <= K < N.
bool parse_shard(const std::string& text, SweepOptions& opts) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    std::size_t used = 0;
    opts.shard = std::stoul(text.substr(0, slash), &used);
    if (used != slash) return false;
    opts.shards = std::stoul(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) return false;
  } catch (const std::exception&) {
    return false;
  }
  return opts.shards >= 1 && opts.shard < opts.shards;
}

std::optional<SweepOptions> parse_sweep_options(const Args& args, std::ostream& out,
                                                std::ostream& err, int& code) {
  po::options_description visible("options", 100);
  visible.add_options()("out", po::value<std::string>()->value_name("DIR"),
                        "the sweep's folder: rows.jsonl, one JSON row per replicate (required)")(
      "jobs,j", po::value<unsigned>()->value_name("N"), "replicates run at once (default 1)")(
      "shard", po::value<std::string>()->value_name("K/N"),
      "run only share K of N (0 <= K < N): for many machines; merge with 'sweep report'")(
      "resume", "run only the replicates DIR/rows.jsonl does not have yet")(
      "keep-records", "also write each replicate's record, DIR/records/cC-rR/events.jsonl")(
      "quiet,q", "no progress line")(
      "mpi", "under mpirun: rank r runs shard r of the ranks, rank 0 gathers the rows into DIR")(
      "help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "plan", Positionals::One, "sweep", sweep_usage, err);
  code = to_int(ExitCode::InvalidInput);
  if (!parsed) return std::nullopt;
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << sweep_usage << "\n\n"
        << "Runs every replicate of every cell of PLAN (a YAML file: docs/sweeps.md) and writes\n"
        << "one JSON row per replicate: the cell's --set values, the seed, every figure of the\n"
        << "scorecard and the record's fingerprint. 'gameday sweep report DIR... --out REPORT'\n"
        << "summarises rows per cell: mean, sd, 95% interval and percentiles. Ctrl-C stops it;\n"
        << "the rows written so far stay and --resume finishes the rest.\n\n"
        << visible;
    code = to_int(ExitCode::Success);
    return std::nullopt;
  }
  SweepOptions opts;
  if (vm.count("plan") == 0 || vm.count("out") == 0) {
    usage_error(err, "sweep", "a PLAN and --out DIR are required", sweep_usage);
    return std::nullopt;
  }
  opts.plan = vm["plan"].as<std::string>();
  opts.out = vm["out"].as<std::string>();
  if (vm.count("jobs") != 0) opts.jobs = vm["jobs"].as<unsigned>();
  if (opts.jobs < 1 || opts.jobs > 256) {
    usage_error(err, "sweep", "--jobs must be between 1 and 256", sweep_usage);
    return std::nullopt;
  }
  if (vm.count("shard") != 0 && !parse_shard(vm["shard"].as<std::string>(), opts)) {
    usage_error(err, "sweep",
                "--shard '" + vm["shard"].as<std::string>() + "': expected K/N with 0 <= K < N",
                sweep_usage);
    return std::nullopt;
  }
  opts.resume = vm.count("resume") != 0;
  opts.keep_records = vm.count("keep-records") != 0;
  opts.quiet = vm.count("quiet") != 0;
  opts.mpi = vm.count("mpi") != 0;
  if (opts.mpi && vm.count("shard") != 0) {
    usage_error(err, "sweep", "--mpi and --shard: the ranks are the shards", sweep_usage);
    return std::nullopt;
  }
  return opts;
}

// Loads every cell's scenario (and script); a plan whose values make a scenario invalid is
// reported at those values, and nothing runs.
std::optional<std::vector<Cell>> load_cells(const sim::SweepPlan& plan, std::ostream& err) {
  std::vector<Cell> cells;
  bool ok = true;
  for (std::size_t c = 0; c < plan.cell_count(); ++c) {
    Cell cell;
    cell.scenario_path = plan.scenarios[plan.scenario_of(c)];
    const auto overrides = plan.overrides_of(c);
    for (const auto& o : overrides) cell.set.push_back(o.path + "=" + o.value);
    Diagnostics diags;
    auto loaded = sim::load_scenario_file(cell.scenario_path, diags, overrides);
    print_diagnostics(err, diags);
    if (!loaded) {
      ok = false;
      continue;
    }
    if (plan.duration) loaded->scenario.duration = *plan.duration;
    cell.loaded = std::move(*loaded);
    if (plan.responders != "none" && plan.responders != "auto" &&
        !program_settings(plan.responders)) {
      Diagnostics script_diags;
      auto commands =
          sim::load_responder_commands(plan.responders, cell.loaded.scenario, script_diags);
      if (c == 0) print_diagnostics(err, script_diags);
      if (!commands) {
        ok = false;
        break;
      }
      cell.script = std::move(*commands);
    }
    cells.push_back(std::move(cell));
  }
  if (ok) return cells;
  err << "gameday sweep: " << plan.file
      << ": the plan makes an invalid scenario; nothing was run\n";
  return std::nullopt;
}

// The work items already in DIR/rows.jsonl (for --resume); a torn last line (a killed
// sweep) is cut off so the file ends on a whole row.
std::optional<std::set<std::size_t>> rows_done(const std::filesystem::path& path,
                                               std::size_t replicates, std::ostream& err) {
  std::set<std::size_t> done;
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::size_t start = 0, whole = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    const json row = json::parse(text.substr(start, end - start), nullptr, false);
    if (row.is_discarded() || !row.contains("cell") || !row.contains("replicate")) {
      err << "gameday sweep: " << path.string() << ": line " << (done.size() + 1)
          << " is not a row; cannot resume\n";
      return std::nullopt;
    }
    done.insert(row["cell"].get<std::size_t>() * replicates + row["replicate"].get<std::size_t>());
    whole = end + 1;
  }
  if (whole < text.size()) std::filesystem::resize_file(path, whole);
  return done;
}

json describe_sweep(const sim::SweepPlan& plan, const std::vector<Cell>& cells,
                    const SweepOptions& opts) {
  json d;
  d["plan"] = plan.file;
  d["plan_hash"] = format_scenario_hash(plan.hash);
  d["replicates"] = plan.replicates;
  d["seed"] = std::to_string(plan.seed);
  d["responders"] = plan.responders;
  d["shard"] = std::to_string(opts.shard) + "/" + std::to_string(opts.shards);
  json list = json::array();
  for (const Cell& c : cells) list.push_back({{"scenario", c.scenario_path}, {"set", c.set}});
  d["cells"] = list;
  return d;
}

// "sweep: 37/200 replicates, 4.1/s, 40s left" on a terminal, redrawn at most 5 times a second.
class SweepProgress {
 public:
  SweepProgress(std::ostream& err, bool on, std::size_t total)
      : err_(err), on_(on), total_(total), started_(Clock::now()) {}
  void update(std::size_t done) {
    if (!on_) return;
    const double t = std::chrono::duration<double>(Clock::now() - started_).count();
    if (t - last_ < 0.2 && done != total_) return;
    last_ = t;
    const double rate = t > 0 ? static_cast<double>(done) / t : 0;
    char line[128];
    std::snprintf(line, sizeof line, "\rsweep: %zu/%zu replicates, %.1f/s, %.0fs left   ", done,
                  total_, rate, rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0);
    err_ << line << std::flush;
  }
  void clear() {
    if (on_) err_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream& err_;
  bool on_;
  std::size_t total_;
  Clock::time_point started_;
  double last_ = -1;
};

int run_sweep(const SweepOptions& opts, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  const auto plan = sim::load_sweep_plan(opts.plan, diags);
  print_diagnostics(err, diags);
  if (!plan) {
    err << "gameday sweep: " << opts.plan << ": invalid plan, nothing was run\n";
    return to_int(ExitCode::InvalidInput);
  }
  const auto cells = load_cells(*plan, err);
  if (!cells) return to_int(ExitCode::InvalidInput);

  const std::filesystem::path dir(opts.out);
  const auto rows_path = dir / rows_file;
  const auto replicates = static_cast<std::size_t>(plan->replicates);
  std::set<std::size_t> done;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    err << "gameday sweep: cannot create '" << opts.out << "': " << ec.message() << '\n';
    return to_int(ExitCode::Io);
  }
  const json description = describe_sweep(*plan, *cells, opts);
  if (std::filesystem::exists(rows_path)) {
    if (!opts.resume) {
      err << "gameday sweep: '" << opts.out
          << "' holds a sweep already (rows.jsonl); add --resume to finish it, or give another "
             "--out\n";
      return to_int(ExitCode::InvalidInput);
    }
    std::ifstream in(dir / sweep_file);
    const json before = json::parse(in, nullptr, false);
    if (before.is_discarded() || before.value("plan_hash", "") != description["plan_hash"] ||
        before.value("shard", "") != description["shard"]) {
      err << "gameday sweep: '" << opts.out
          << "' holds another plan's or shard's rows; --resume needs the same plan and --shard\n";
      return to_int(ExitCode::InvalidInput);
    }
    auto found = rows_done(rows_path, replicates, err);
    if (!found) return to_int(ExitCode::InvalidInput);
    done = std::move(*found);
  }
  if (const FileResult r = write_file((dir / sweep_file).string(), description.dump(2) + "\n");
      !r.ok()) {
    err << "gameday sweep: " << r.message << '\n';
    return to_int(ExitCode::Io);
  }

  // This shard's work items not done yet, in order: item = cell * replicates + replicate.
  std::vector<std::size_t> items;
  for (std::size_t item = opts.shard; item < cells->size() * replicates; item += opts.shards)
    if (!done.contains(item)) items.push_back(item);

  FileResult opened;
  std::FILE* rows = open_output_stream(rows_path.string(), OpenMode::Append, opened);
  if (rows == nullptr) {
    err << "gameday sweep: " << opened.message << '\n';
    return to_int(ExitCode::Io);
  }
  const InterruptGuard interrupts;
  std::atomic<std::size_t> next_item{0};
  std::mutex mutex;
  std::map<std::size_t, std::string> finished;  // by position in `items`, until written
  std::size_t written = 0;
  bool write_failed = false;
  std::string failure;  // a replicate that could not run or keep its record
  ExitCode failure_code = ExitCode::Success;
  SweepProgress progress(err, !opts.quiet && isatty(STDERR_FILENO) != 0, items.size());
  const auto work = [&] {
    for (std::size_t k; (k = next_item++) < items.size();) {
      if (interrupts.is_interrupted()) return;
      const std::size_t item = items[k];
      const std::size_t c = item / replicates;
      const int r = static_cast<int>(item % replicates);
      const std::string keep =
          opts.keep_records
              ? (dir / "records" / ("c" + std::to_string(c) + "-r" + std::to_string(r))).string()
              : std::string();
      std::string row;
      try {
        row = run_replicate((*cells)[c], c, r, sim::replicate_seed(plan->seed, r), plan->responders,
                            keep);
      } catch (const ReplicateFailure& e) {
        const std::lock_guard lock(mutex);
        if (failure.empty()) failure = e.what, failure_code = e.code;
        next_item = items.size();  // no more work: the rows so far stay
        return;
      } catch (const std::exception& e) {  // never out of a thread: that would end the process
        const std::lock_guard lock(mutex);
        if (failure.empty()) failure = e.what(), failure_code = ExitCode::Internal;
        next_item = items.size();
        return;
      }
      const std::lock_guard lock(mutex);
      finished.emplace(k, std::move(row));
      // Rows go out in item order, each flushed: a killed sweep leaves whole rows to resume.
      for (auto it = finished.begin(); it != finished.end() && it->first == written;
           it = finished.erase(it), ++written) {
        write_failed |= std::fputs((it->second + "\n").c_str(), rows) == EOF;
        write_failed |= std::fflush(rows) != 0;
      }
      progress.update(written);
    }
  };
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < opts.jobs; ++j) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  progress.clear();
  write_failed |= std::fclose(rows) != 0;
  if (write_failed) {
    err << "gameday sweep: cannot write '" << rows_path.string() << "' (is the disk full?)\n";
    return to_int(ExitCode::Io);
  }
  if (!failure.empty()) {
    err << "gameday sweep: " << failure << "; " << written << " rows are written\n";
    return to_int(failure_code);
  }
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  out << "sweep: " << written << " replicates of " << cells->size() << " cells in "
      << static_cast<int>(wall * 10) / 10.0 << " s; rows: " << rows_path.string() << '\n';
  if (interrupts.is_interrupted()) {
    err << "gameday sweep: interrupted; " << written
        << " rows are written, and --resume runs the rest\n";
    return to_int(ExitCode::Interrupted);
  }
  out << "the report: gameday sweep report " << opts.out << " --out REPORT\n";
  return to_int(ExitCode::Success);
}

#ifdef GAMEDAY_HAVE_MPI
// Rank r runs shard r of the ranks into DIR/rank-r (its rows written as they come, so a rank
// that fails leaves them, and --resume finishes them); then rank 0 writes every rank's rows, in
// work-item order, to DIR/rows.jsonl: the rows one process would have written.
int run_mpi_sweep(SweepOptions opts, std::ostream& out, std::ostream& err) {
  std::string error;
  const auto world = mpi_start(error);
  if (!world) {
    err << "gameday sweep: --mpi: " << error << '\n';
    return to_int(ExitCode::Io);
  }
  const std::filesystem::path dir(opts.out);
  opts.shard = static_cast<std::size_t>(world->rank);
  opts.shards = static_cast<std::size_t>(world->size);
  opts.out = (dir / ("rank-" + std::to_string(world->rank))).string();
  opts.quiet = opts.quiet || world->rank != 0;
  std::ostringstream rank_out;
  const int code = run_sweep(opts, rank_out, err);
  std::ifstream rows(std::filesystem::path(opts.out) / rows_file, std::ios::binary);
  const std::string mine = code == 0 ? std::string(std::istreambuf_iterator<char>(rows), {}) : "";
  int worst = 0;
  const std::vector<std::string> all = mpi_gather(mine, code, worst);
  mpi_finish();
  if (world->rank != 0 || worst != 0) return worst;
  std::map<std::pair<std::size_t, std::size_t>, std::string> ordered;
  for (const std::string& text : all) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      const json row = json::parse(line);
      ordered.emplace(
          std::pair(row["cell"].get<std::size_t>(), row["replicate"].get<std::size_t>()),
          line + "\n");
    }
  }
  std::string merged;
  for (const auto& [key, line] : ordered) merged += line;
  std::ifstream description(dir / "rank-0" / sweep_file);
  json d = json::parse(description, nullptr, false);
  d["shard"] = "mpi, " + std::to_string(world->size) + " ranks";
  for (const auto& [name, text] : {std::pair{std::string(rows_file), merged},
                                   std::pair{std::string(sweep_file), d.dump(2) + "\n"}})
    if (const FileResult r = write_file((dir / name).string(), text); !r.ok()) {
      err << "gameday sweep: " << r.message << '\n';
      return to_int(ExitCode::Io);
    }
  out << "sweep: " << ordered.size() << " replicates over " << world->size
      << " MPI ranks; rows: " << (dir / rows_file).string() << '\n'
      << "the report: gameday sweep report " << dir.string() << " --out REPORT\n";
  return to_int(ExitCode::Success);
}
#endif

}  // namespace

int sweep_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "report")
    return sweep_report_command(Args(args.begin() + 1, args.end()), out, err);
  int code = 0;
  const auto opts = parse_sweep_options(args, out, err, code);
  if (!opts) return code;
  if (opts->mpi) {
#ifdef GAMEDAY_HAVE_MPI
    return run_mpi_sweep(*opts, out, err);
#else
    err << "gameday sweep: --mpi: this gameday was built without MPI (install libopenmpi-dev "
           "and build again); --shard K/N runs a share without it\n";
    return to_int(ExitCode::InvalidInput);
#endif
  }
  return run_sweep(*opts, out, err);
}

}  // namespace gameday::cli

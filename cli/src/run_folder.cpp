#include "run_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>

#include "gameday/sim/responder_script.hpp"
#include "gameday/sim/simulation.hpp"
#include "options.hpp"
#include "program_responder.hpp"

namespace gameday::cli {

namespace fs = std::filesystem;

std::string default_run_folder(const std::string& scenario_name, std::uint64_t seed) {
  std::string name = scenario_name.empty() ? "scenario" : scenario_name;
  for (char& c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    if (!plain) c = '-';
  }
  return "runs/" + name + "-seed" + std::to_string(seed);
}

RunTarget apply_simulation_options(const SimulationOptions& opts, model::Scenario& scenario) {
  if (opts.duration) scenario.duration = *opts.duration;
  RunTarget t;
  t.seed = opts.seed.value_or(scenario.seed);
  t.fresh = !opts.out;
  t.force = opts.force;
  t.folder = opts.out.value_or(default_run_folder(scenario.name, t.seed));
  t.record_path = (fs::path(t.folder) / "events.jsonl").string();
  return t;
}

namespace {

// Creates the first of `base`, `base-2`, `base-3`, ... that does not exist; creating it is what
// claims it, so two runs started at once never share a folder.
std::optional<std::string> create_fresh_folder(const std::string& base, std::error_code& ec) {
  const fs::path parent = fs::path(base).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return std::nullopt;
  constexpr int tries = 10'000;
  for (int n = 1; n <= tries; ++n) {
    const std::string name = n == 1 ? base : base + "-" + std::to_string(n);
    if (fs::create_directory(name, ec)) return name;
    if (ec) return std::nullopt;
  }
  ec = std::make_error_code(std::errc::file_exists);
  return std::nullopt;
}

}  // namespace

std::variant<eventlog::RecordWriter, ExitCode> open_record(RunTarget& target,
                                                           std::string_view command,
                                                           std::ostream& err) {
  std::error_code ec;
  if (target.fresh) {
    const auto folder = create_fresh_folder(target.folder, ec);
    if (folder) {
      target.folder = *folder;
      target.record_path = (fs::path(*folder) / "events.jsonl").string();
    }
  } else {
    fs::create_directories(target.folder, ec);
  }
  if (ec) {
    err << "gameday " << command << ": cannot create run folder '" << target.folder
        << "': " << ec.message() << '\n';
    return ExitCode::Io;
  }
  // symlink_status: a dangling link named events.jsonl is something there too.
  if (!target.force &&
      fs::symlink_status(target.record_path, ec).type() != fs::file_type::not_found) {
    err << "gameday " << command << ": '" << target.folder
        << "' holds a record already (events.jsonl); give another --out, or add --force to "
           "replace it\n";
    return ExitCode::InvalidInput;
  }
  std::string error;
  auto writer = eventlog::RecordWriter::open(target.record_path, error);
  if (!writer) {
    err << "gameday " << command << ": " << error << '\n';
    return ExitCode::Io;
  }
  return std::move(*writer);
}

bool close_record(sim::Simulation& sim, eventlog::RecordWriter& writer, RunOutcome outcome,
                  const std::string& record_path, std::string_view command, std::ostream& err) {
  if (writer.ok()) sim.finish(end_reason(outcome));
  if (writer.close()) return true;
  err << "gameday " << command << ": cannot write record '" << record_path
      << "': a write failed (is the disk full?)\n";
  return false;
}

void step_responders(sim::Simulation& sim, const std::vector<sim::ScriptedCommand>& script,
                     ProgramResponder* program, ScriptCursor& cursor, std::uint64_t max_events) {
  if (cursor.settled) {
    while (cursor.next < script.size() && script[cursor.next].at <= sim.now() && !sim.done())
      sim.submit(script[cursor.next++].input);
    if (program != nullptr && sim.now() >= program->next_stop() && !sim.done())
      program->take_turn(sim);
  }
  if (sim.done()) return;
  Time until = cursor.next < script.size() ? script[cursor.next].at : sim.end_time();
  if (program != nullptr) until = std::min(until, program->next_stop());
  cursor.settled = sim.run_until(until, max_events);
}

int outcome_exit_code(RunOutcome outcome, std::string_view command, std::ostream& err) {
  if (outcome != RunOutcome::Interrupted) return to_int(ExitCode::Success);
  err << "gameday " << command << ": interrupted; the record is closed and readable\n";
  return to_int(ExitCode::Interrupted);
}

}  // namespace gameday::cli

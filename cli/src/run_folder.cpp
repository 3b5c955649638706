#include "run_folder.hpp"

#include <filesystem>
#include <ostream>

#include "gameday/cli/cli.hpp"
#include "gameday/sim/simulation.hpp"
#include "options.hpp"

namespace gameday::cli {

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
  t.folder = opts.out.value_or(default_run_folder(scenario.name, t.seed));
  t.record_path = (std::filesystem::path(t.folder) / "events.jsonl").string();
  return t;
}

std::optional<eventlog::RecordWriter> open_record(const std::string& folder,
                                                  const std::string& record_path,
                                                  std::string_view command, std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    err << "gameday " << command << ": cannot create run folder '" << folder
        << "': " << ec.message() << '\n';
    return std::nullopt;
  }
  std::string error;
  auto writer = eventlog::RecordWriter::open(record_path, error);
  if (!writer) err << "gameday " << command << ": " << error << '\n';
  return writer;
}

bool close_record(sim::Simulation& sim, eventlog::RecordWriter& writer, RunOutcome outcome,
                  const std::string& record_path, std::string_view command, std::ostream& err) {
  if (writer.ok()) sim.finish(end_reason(outcome));
  if (writer.close()) return true;
  err << "gameday " << command << ": cannot write record '" << record_path
      << "': a write failed (is the disk full?)\n";
  return false;
}

int outcome_exit_code(RunOutcome outcome, std::string_view command, std::ostream& err) {
  if (outcome != RunOutcome::Interrupted) return to_int(ExitCode::Success);
  err << "gameday " << command << ": interrupted; the record is closed and readable\n";
  return to_int(ExitCode::Interrupted);
}

}  // namespace gameday::cli

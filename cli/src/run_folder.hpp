// The run folder that `run` and `play` write: its default name and opening its record. A run
// never replaces another's record unasked: a default folder gets a fresh name, and an explicit
// one that holds a record needs --force.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gameday/cli/cli.hpp"
#include "gameday/eventlog/writer.hpp"
#include "summary.hpp"

namespace gameday::sim {
class Simulation;
struct ScriptedCommand;
}  // namespace gameday::sim

namespace gameday::cli {

struct SimulationOptions;  // options.hpp
class ProgramResponder;    // program_responder.hpp

// runs/<scenario>-seed<N>, with characters that do not belong in a file name replaced.
std::string default_run_folder(const std::string& scenario_name, std::uint64_t seed);

// Where a run or a game goes: `--duration` applied to the scenario, the seed it runs with, and
// its run folder and record. A default folder's name is settled when the record is opened.
struct RunTarget {
  std::uint64_t seed = 0;
  std::string folder;
  std::string record_path;  // folder/events.jsonl
  bool fresh = false;       // the default folder: take the first of folder, folder-2, ... not there
  bool force = false;       // an explicit folder's record may be replaced
};
RunTarget apply_simulation_options(const SimulationOptions& opts, model::Scenario& scenario);

// Creates the run folder (with its parents) and opens its record for writing, settling a fresh
// folder's name in `target`. On failure prints "gameday COMMAND: ..." and returns the exit code:
// InvalidInput for a record that is there already (without --force), Io otherwise.
std::variant<eventlog::RecordWriter, ExitCode> open_record(RunTarget& target,
                                                           std::string_view command,
                                                           std::ostream& err);

// Ends the record with its end line (unless a write already failed) and closes it; when a write
// failed, prints "gameday COMMAND: cannot write record ..." and returns false.
bool close_record(sim::Simulation& sim, eventlog::RecordWriter& writer, RunOutcome outcome,
                  const std::string& record_path, std::string_view command, std::ostream& err);

// Where a scripted run is between steps: the next command, and whether every event at or
// before now() has run (a command goes in only then, so it sees what came before it).
struct ScriptCursor {
  std::size_t next = 0;
  bool settled = true;
};
// One step of `run` or a sweep's replicate: submits the script's commands that are due and,
// when it is the program's turn, lets the program (when there is one) take it; then runs at
// most `max_events` events towards the next of these or the end. However the run is cut into
// steps, the record is the same.
void step_responders(sim::Simulation& sim, const std::vector<sim::ScriptedCommand>& script,
                     ProgramResponder* program, ScriptCursor& cursor, std::uint64_t max_events);

// The exit code of a run or game that ended with `outcome` and a closed record; an interrupted
// one says so.
int outcome_exit_code(RunOutcome outcome, std::string_view command, std::ostream& err);

}  // namespace gameday::cli

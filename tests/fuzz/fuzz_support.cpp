// The fuzz targets' fixture and helpers (fuzz_support.hpp).
#include "fuzz_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/simulation.hpp"

namespace gameday::fuzz {

void fail(std::string_view what, const Diagnostics& diags) {
  std::cerr << "fuzz invariant broken: " << what << "\n";
  for (const Diagnostic& d : diags.items()) std::cerr << "  " << d.format() << "\n";
  std::abort();
}

const sim::LoadedScenario& fixture() {
  static const sim::LoadedScenario loaded = [] {
    Diagnostics diags;
    auto s = sim::load_scenario_file(GAMEDAY_FUZZ_FIXTURE, diags);
    if (!s) fail("the fixture scenario does not load", diags);
    return std::move(*s);
  }();
  return loaded;
}

const std::vector<sim::ScriptedCommand>& fixture_commands() {
  static const std::vector<sim::ScriptedCommand> commands = [] {
    Diagnostics diags;
    auto c = sim::load_responder_commands(GAMEDAY_FUZZ_FIXTURE_SCRIPT, fixture().scenario, diags);
    if (!c) fail("the fixture script does not load", diags);
    return std::move(*c);
  }();
  return commands;
}

std::string run_record(const sim::Scenario& scenario,
                       const std::vector<sim::ScriptedCommand>& commands, Time until) {
  eventlog::RecordWriter writer;  // in memory
  sim::Simulation run(scenario, sim::RunInfo{scenario.seed, "fuzz", "fnv1a64:0", "commands"},
                      writer);
  const Time end = std::min(until, run.end_time());
  for (const sim::ScriptedCommand& c : commands) {
    if (c.at > end || run.done()) break;
    run.run_until(c.at);
    run.submit(c.input);
  }
  run.run_until(end);
  run.finish(run.ended_early()             ? "ended"
             : run.now() >= run.end_time() ? "completed"
                                           : "interrupted");
  return writer.buffer();
}

const std::string& fixture_record() {
  static const std::string text = [] {
    std::string t = run_record(fixture().scenario, fixture_commands(), Time::max());
    read_back(t, "the fixture's record");
    return t;
  }();
  return text;
}

eventlog::Record read_back(const std::string& text, std::string_view what) {
  Diagnostics diags;
  auto record = eventlog::parse_record(text, "written.jsonl", diags);
  if (!record || diags.has_errors())
    fail(std::string(what) + ": the reader refuses what the writer wrote", diags);
  return std::move(*record);
}

const std::string& scratch_file(std::string_view bytes) {
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   ("gameday-fuzz-" + std::to_string(getpid()) + ".txt"))
                                      .string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) fail("cannot write the scratch file " + path);
  return path;
}

}  // namespace gameday::fuzz

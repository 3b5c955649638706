// A simulation is a value: one scenario, one seed, one record writer, no ambient state.
// Many can run in one process (sweeps), each deterministic on its own.
//
// The caller drives it in steps of simulated time (`run_until`), which is how the command line
// shows progress and how live play paces it against a clock it owns; `finish` writes the end
// line. Everything the run does goes to the record; `summary()` condenses it for the terminal.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/eventlog/record.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/model.hpp"

namespace gameday::sim {

struct RunInfo {
  std::uint64_t seed = 0;
  std::string tool_version;
  std::string scenario_hash;  // "fnv1a64:..." of the scenario file
  // Who responds: "none", "auto" (the scenario's on-call model and its runbooks) or "commands"
  // (submitted from outside: people at a console, a script, or a record's commands, which is
  // why a replayed game's header equals the played one's). Only "auto" makes the simulation
  // act by itself. Written to the header.
  std::string responders = "none";
};

// One command line from a responder or the facilitator (a leading '!').
struct CommandInput {
  std::string responder = "responder";
  std::string text;
  std::optional<std::string> wall_time;  // when a person typed it (ISO 8601); not for replays
};

struct CommandOutcome {
  bool accepted = false;
  std::string reply;  // the answer, or what was wrong and a suggestion
};

// What the people at a game day are told as the run goes: pages and tickets, the answers to
// their look-only commands (which may take simulated time) and actions taking effect.
struct ConsoleMessage {
  enum class Kind : std::uint8_t { Page, Ticket, Resolved, Answer, Effect };
  Time t;
  Kind kind = Kind::Answer;
  std::string text;
  std::string to;  // an answer: the responder who asked; empty: for everyone
};

struct ServiceSummary {
  std::string name;
  std::uint64_t requests = 0;
  std::uint64_t ok = 0;
  eventlog::ErrorCounts errors{};
  eventlog::LatencySummary latency;  // of successful responses over the whole run
  double utilisation = 0;            // mean over the run
};

struct SourceSummary {
  std::string name;
  std::uint64_t requests = 0;
  std::uint64_t ok = 0;
  eventlog::ErrorCounts errors{};
  eventlog::LatencySummary latency;
};

// What the engine measured over the whole run, from every request (the record's samples are
// per interval). The scorecard of the run (incidents, detection, budgets, the response) is
// scoring's, read from the record.
struct RunSummary {
  Time end;
  std::uint64_t kernel_events = 0;
  std::uint64_t requests = 0;  // root requests from traffic sources
  std::vector<ServiceSummary> services;
  std::vector<SourceSummary> sources;
};

class Engine;  // the topology runtime; defined in engine.hpp, private to sim/

class Simulation {
 public:
  // Writes the header at once. `scenario.seed` is ignored in favour of `info.seed`.
  Simulation(const Scenario& scenario, const RunInfo& info, eventlog::RecordWriter& out);
  ~Simulation();
  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) = delete;

  // Runs every event at or before `t` (capped at the scenario's end).
  void run_until(Time t);
  // The same, in steps of bounded cost: runs at most `max_events` events and returns true when
  // none at or before `t` is left. Calling it again continues where it stopped, so the record
  // is the same however the run is cut; a step may stop between two events of one instant,
  // so submit commands only after a call that returned true.
  bool run_until(Time t, std::uint64_t max_events);
  void run_to_end() { run_until(end_time()); }
  bool done() const;
  Time now() const;
  Time end_time() const;
  // Writes the end line ("completed", "interrupted", or "ended" after `!end`); call once, last.
  void finish(std::string_view reason);

  // Runs a command at now(), after every event at or before now(). Accepted or not, it goes to
  // the record (a rejected line with its error), so a replay of the record submits the same.
  CommandOutcome submit(const CommandInput& command);
  // The role or seat `person` holds now (`role`, `join`); empty when none.
  std::string role_of(const std::string& person) const;
  // Messages produced since the last call, in time order.
  std::vector<ConsoleMessage> take_messages();
  // True once the facilitator has ended the game: run_until does nothing more.
  bool ended_early() const;
  const Scenario& scenario() const;

  std::uint64_t events_executed() const;
  RunSummary summary() const;

 private:
  std::unique_ptr<Engine> engine_;
};

}  // namespace gameday::sim

// A responder that is a program (`--responders exec:COMMAND`): it reads observations, the
// protocol's messages (docs/protocol.md: welcome, notice, answer, reply, clock, end), as JSON
// lines on its standard input, and answers each with one line on its standard output: a command
// line, an empty line for nothing, or a command message with a think time in simulated time
// (`{"type": "command", "line": "failover orders-db", "think": "2m"}`).
//
// Stepping is deterministic: the simulation stops at every turn (each `turn` of simulated time,
// and when a command's think time is up) and waits for the program's answer to each
// observation, so the same program gives the same record however fast it runs. A program that
// takes longer than `answer_limit` to answer, exits, or writes what is not a line of at most
// 1,000 characters of UTF-8 is stopped, and the stop is recorded as its note; the run goes on.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/process/child_process.hpp"
#include "gameday/sim/simulation.hpp"

namespace gameday::cli {

inline constexpr std::string_view exec_prefix = "exec:";

struct ProgramSettings {
  std::vector<std::string> argv;  // the command, split at spaces (no shell)
  std::string name = "program";   // who its commands are from, in the record
  Duration turn = seconds(10);
  std::chrono::milliseconds answer_limit{10'000};
  int commands_per_turn_max = 100;
};

// "exec:COMMAND ARGS" as settings; nullopt when there is no command.
std::optional<ProgramSettings> program_settings(std::string_view responders);

// The conversation with a program: one observation out, one line back, within the limit.
class ProgramLink {
 public:
  explicit ProgramLink(const ProgramSettings& settings) : settings_(settings) {}
  bool start(std::string& error);
  // Sends `observation` and reads the program's answer: a command line (empty: nothing) and
  // its think time. Nullopt with why the program must be stopped (it exited, took too long,
  // wrote what is not a line of UTF-8 text or not a command message).
  struct Answer {
    std::string line;
    Duration think;
  };
  std::optional<Answer> ask(const std::string& observation, std::string& why);
  // Lets the program exit by itself within `grace`, then kills it.
  void stop(std::chrono::milliseconds grace) { child_.stop(grace); }
  void tell(const std::string& message);  // a last message, no answer awaited

 private:
  const ProgramSettings& settings_;
  ChildProcess child_;
};

class ProgramResponder {
 public:
  explicit ProgramResponder(ProgramSettings settings)
      : settings_(std::move(settings)), link_(settings_) {}

  // Starts the program; false with the reason in `error`.
  bool start(std::string& error);
  // When the simulation must next stop for the program: its next turn, or a command's think
  // time; the end of time once the program has stopped.
  Time next_stop() const;
  // At next_stop(), with every event up to now run: submits the commands that are due, tells
  // the program what happened since its last turn and submits what it answers.
  void take_turn(sim::Simulation& sim);
  // Tells the program the run is over (`end`) and lets it exit.
  void finish(Time t, std::string_view reason);
  // Why the program was stopped early; empty while it plays.
  const std::string& stopped() const { return stopped_; }

 private:
  void stop(sim::Simulation& sim, const std::string& why);
  // Submits a command now; returns the reply to tell the program.
  std::string submit(sim::Simulation& sim, const std::string& line);

  struct Pending {
    Time at;
    std::string line;
  };
  ProgramSettings settings_;
  ProgramLink link_;
  bool welcomed_ = false;
  Time next_turn_ = Time::zero();
  std::vector<Pending> pending_;  // commands waiting for their think time, in time order
  std::string stopped_;
};

}  // namespace gameday::cli

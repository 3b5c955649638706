// A live game: the simulation paced to the wall clock while people type commands, at the
// host's console (`play`, `host`) and at consoles over the network (`host`, through a Lobby).
// Commands go to the simulation at its current time; what each person is shown goes to their
// console: their own answers, and to everyone the pages, effects and the team's channel.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/simulation.hpp"
#include "interrupt.hpp"
#include "messages.hpp"
#include "summary.hpp"

namespace gameday::cli {

class LineEditor;
class Lobby;
struct Request;

inline constexpr double max_speed = 1000;

inline constexpr std::string_view pacing_help =
    R"(Facilitator (not recorded):
  !pause                              stop the clock
  !resume                             start it again
  !speed X                            simulated seconds per real second, 1 to 1000
)";

// A typed line without the spaces around it.
std::string trimmed(std::string_view raw);
// Now, as the record's wall_time: "2026-12-07T15:04:05Z".
std::string wall_time_now();
// "api, orders, orders-db (3 services); it is 18:00 there": what the players look after. Never
// the scenario's description, which says what will go wrong.
std::string system_line(const model::Scenario& s);

// Simulated time as a function of the wall clock: anchored at the last pause, resume or
// speed change.
class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  Pacer(Time start, double speed, bool paused)
      : sim_anchor_(start), speed_(speed), paused_(paused) {}
  Time target() const;
  void set(Time now, double speed, bool paused);
  double speed() const { return speed_; }
  bool paused() const { return paused_; }

 private:
  Time sim_anchor_;
  Clock::time_point wall_anchor_ = Clock::now();
  double speed_;
  bool paused_;
};

struct GameSettings {
  double speed = 1;
  bool paused = false;
  std::string console_name;  // who types at the host's console
};

class Game {
 public:
  // `console` (the host's terminal, or nothing) and `lobby` (the network's consoles, or
  // nothing) must outlive the game.
  Game(sim::Simulation& sim, const GameSettings& settings, LineEditor* console, Lobby* lobby);

  // Alternates between taking every line typed so far (all at the same simulated time) and
  // running the simulation towards the pacer's target in chunks of about 20 ms of wall time,
  // so typing stays responsive even when the simulation cannot keep up with the speed asked.
  // A chunk runs in steps of a bounded number of events; lines typed while one is unfinished
  // wait for it, because a command goes in only once every event up to now() has run. When
  // nobody can type any more (the console's pipe ended, and no lobby), nothing waits on the
  // clock: it runs on to the end.
  RunOutcome play(const InterruptGuard& interrupts, eventlog::RecordWriter& writer);

  // The facilitator's pacing commands (`!pause`, `!resume`, `!speed X`): they change only the
  // wall clock, never reach the simulation and are not recorded. Nothing when `line` is not one.
  std::optional<sim::CommandOutcome> pace(std::string_view line);
  const Pacer& pacer() const { return pacer_; }

 private:
  void say(const std::string& text);
  // "[17:44:20 +14m20s]": the scenario's time of day and the run's.
  std::string stamp(Time t) const;
  void show_messages();
  void handle_console(const std::string& line);
  void serve(const Request& request);
  void announce(const ChannelLine& line);

  sim::Simulation& sim_;
  GameSettings settings_;
  LineEditor* console_;
  Lobby* lobby_;
  Pacer pacer_;
};

}  // namespace gameday::cli

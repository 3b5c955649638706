#include "game.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <thread>

#include "gameday/core/units.hpp"
#include "gameday/model/vocabulary.hpp"
#include "gameday/sim/command.hpp"
#include "line_editor.hpp"
#include "lobby.hpp"

namespace gameday::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string prompt(const sim::Simulation& sim, const Pacer& pacer) {
  std::ostringstream o;
  o << "[" << console_clock(sim.scenario().start_time_of_day, sim.now()) << " ";
  if (pacer.paused())
    o << "paused";
  else
    o << "x" << pacer.speed();
  o << "] > ";
  return o.str();
}

std::string first_word(std::string_view line) {
  return std::string(line.substr(0, line.find_first_of(" \t")));
}

// The team sees on its channel what changes the incident or the system: process commands and
// actions that were accepted. Looking is private, and facilitator commands are never shown.
bool on_channel(std::string_view line) {
  const auto verb = model::find_verb(first_word(line));
  if (!verb) return false;
  const model::VerbClass c = model::verb_class(*verb);
  return c == model::VerbClass::Process || c == model::VerbClass::Action;
}

}  // namespace

std::string trimmed(std::string_view raw) {
  std::string line(raw);
  line.erase(0, line.find_first_not_of(" \t"));
  line.erase(line.find_last_not_of(" \t\r") + 1);
  return line;
}

std::string wall_time_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string system_line(const model::Scenario& s) {
  constexpr std::size_t named_max = 12;  // more would fill the screen; `status` lists them all
  std::string line;
  for (std::size_t i = 0; i < s.services.size() && i < named_max; ++i)
    line += (i == 0 ? "" : ", ") + s.services[i].name;
  if (s.services.size() > named_max) line += ", ...";
  const std::int64_t minute_of_day = s.start_time_of_day.ns() / minutes(1).ns() % (24 * 60);
  char time_of_day[8];
  std::snprintf(time_of_day, sizeof time_of_day, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return line + " (" + std::to_string(s.services.size()) + " services); it is " + time_of_day +
         " there";
}

Time Pacer::target() const {
  if (paused_) return sim_anchor_;
  const double wall = std::chrono::duration<double>(Clock::now() - wall_anchor_).count();
  return sim_anchor_ + Duration::from_seconds(wall * speed_);
}

void Pacer::set(Time now, double speed, bool paused) {
  sim_anchor_ = now;
  wall_anchor_ = Clock::now();
  speed_ = speed;
  paused_ = paused;
}

Game::Game(sim::Simulation& sim, const GameSettings& settings, LineEditor* console, Lobby* lobby)
    : sim_(sim),
      settings_(settings),
      console_(console),
      lobby_(lobby),
      pacer_(sim.now(), settings.speed, settings.paused) {}

std::optional<sim::CommandOutcome> Game::pace(std::string_view raw) {
  const std::string line = trimmed(raw);
  std::istringstream words(line);
  std::string first, arg;
  words >> first >> arg;
  if (first == "!pause") {
    pacer_.set(sim_.now(), pacer_.speed(), true);
    return sim::CommandOutcome{true, "paused at " + clock_text(sim_.now())};
  }
  if (first == "!resume") {
    pacer_.set(sim_.now(), pacer_.speed(), false);
    return sim::CommandOutcome{true, "resumed"};
  }
  if (first == "!speed") {
    const auto speed = parse_factor(arg);
    if (!speed || *speed < 1 || *speed > max_speed)
      return sim::CommandOutcome{false,
                                 "!speed: expected a number from 1 to 1000, e.g. '!speed 60'"};
    pacer_.set(sim_.now(), *speed, pacer_.paused());
    return sim::CommandOutcome{true, "speed x" + arg};
  }
  return std::nullopt;
}

std::string Game::stamp(Time t) const {
  return console_stamp(sim_.scenario().start_time_of_day, t);
}

void Game::say(const std::string& text) {
  if (console_ != nullptr) console_->print_above(text);
}

void Game::show_messages() {
  for (const sim::ConsoleMessage& m : sim_.take_messages()) {
    if (m.to.empty() || m.to == settings_.console_name) say(stamp(m.t) + " " + m.text);
    if (lobby_ == nullptr) continue;
    lobby_->tell(m);
  }
}

// A command from the host's console: the facilitator's pacing, or the simulation's.
void Game::handle_console(const std::string& raw) {
  const std::string line = trimmed(raw);
  if (line.empty()) return;
  if (const auto paced = pace(line)) {
    say(paced->accepted ? paced->reply : "error: " + paced->reply);
    if (lobby_ != nullptr && paced->accepted)
      lobby_->clock(sim_.now(), pacer_.speed(), pacer_.paused());
    return;
  }
  const sim::CommandOutcome outcome =
      sim_.submit(sim::CommandInput{settings_.console_name, line, wall_time_now()});
  std::string reply = outcome.reply;
  while (!reply.empty() && reply.back() == '\n') reply.pop_back();
  if (line == "help") reply += "\n" + std::string(pacing_help);
  say(outcome.accepted ? reply : "error: " + reply);
  if (outcome.accepted && on_channel(line))
    announce(
        {sim_.now(), settings_.console_name, sim_.role_of(settings_.console_name), line, reply});
}

void Game::announce(const ChannelLine& line) {
  if (lobby_ != nullptr) lobby_->channel(line);
  if (line.from != settings_.console_name)
    say(stamp(line.t) + " " + line.from + (line.seat.empty() ? "" : " (" + line.seat + ")") + ": " +
        line.text + (line.reply.empty() ? "" : " -> " + line.reply));
}

// A request from a console over the network. Joins and leaves are the simulation's commands,
// so the record has them and a re-run seats the same people with the same rules.
void Game::serve(const Request& r) {
  const std::string* seated = lobby_->person(r.client);
  switch (r.kind) {
    case Request::Kind::Join: {
      if (lobby_->is_present(r.name) || r.name == settings_.console_name)
        return lobby_->refuse(r.client, "join: someone called " + r.name + " is in the game");
      const std::string line = "join " + r.seat;
      const auto outcome = sim_.submit({r.name, line, wall_time_now()});
      if (!outcome.accepted) return lobby_->refuse(r.client, outcome.reply);
      const std::string seat = sim_.role_of(r.name);
      lobby_->seat(r.client, r.name, seat, sim_.scenario(), sim_.now(), pacer_.speed(),
                   pacer_.paused());
      return announce({sim_.now(), r.name, seat, line, outcome.reply});
    }
    case Request::Kind::Gone: {
      if (seated == nullptr) return;
      const std::string name = *seated;
      const std::string seat = sim_.role_of(name);
      lobby_->forget(r.client);
      const auto outcome = sim_.submit({name, "leave", wall_time_now()});
      return announce({sim_.now(), name, seat, "leave", outcome.reply});
    }
    case Request::Kind::Complete: {
      std::vector<std::string> items = sim::complete_command(sim_.scenario(), r.line);
      // A player is offered nothing they may not use: no facilitator command.
      if (!r.facilitator)
        std::erase_if(items, [](const std::string& i) { return i.starts_with('!'); });
      if (r.facilitator && r.line.find(' ') == std::string::npos)
        for (const std::string_view pacing : {"!pause", "!resume", "!speed"})
          if (pacing.starts_with(r.line)) items.emplace_back(pacing);
      return lobby_->completions(r.client, r.line, items);
    }
    case Request::Kind::Line: {
      const std::string line = trimmed(r.line);
      if (line.empty() || seated == nullptr) return;
      const std::string name = *seated;
      if (r.facilitator) {
        if (const auto paced = pace(line)) {
          lobby_->reply(r.client, sim_.now(), line, paced->accepted, paced->reply);
          if (!paced->accepted) return;
          lobby_->clock(sim_.now(), pacer_.speed(), pacer_.paused());
          return say(name + ": " + paced->reply);
        }
      }
      const std::string verb = first_word(line);
      if (verb == "join" || verb == "leave")
        return lobby_->reply(r.client, sim_.now(), line, false,
                             verb + ": that happens as you connect and disconnect");
      const auto outcome = sim_.submit({name, line, wall_time_now()});
      std::string reply = outcome.reply;
      while (!reply.empty() && reply.back() == '\n') reply.pop_back();
      if (r.facilitator && line == "help") reply += "\n" + std::string(pacing_help);
      lobby_->reply(r.client, sim_.now(), line, outcome.accepted, reply);
      if (outcome.accepted && on_channel(line))
        announce({sim_.now(), name, sim_.role_of(name), line, reply});
      return;
    }
  }
}

RunOutcome Game::play(const InterruptGuard& interrupts, eventlog::RecordWriter& writer) {
  constexpr double chunk_wall_seconds = 0.02;
  constexpr auto flush_every = std::chrono::milliseconds(250);  // the live view's lag
  constexpr auto clock_every = std::chrono::seconds(1);         // the consoles' clocks
  Clock::time_point flushed = Clock::now();
  Clock::time_point clocked = Clock::now();
  bool console_open = console_ != nullptr;
  bool settled = true;  // every event at or before now() has run
  std::vector<std::string> typed;
  std::vector<Request> requests;
  Duration chunk = seconds(1);
  const auto paced = [&] { return console_open || lobby_ != nullptr; };
  while (!sim_.done() && writer.ok()) {
    if (interrupts.is_interrupted()) return RunOutcome::Interrupted;
    if (lobby_ != nullptr)
      for (Request& r : lobby_->take()) requests.push_back(std::move(r));
    if (settled) {
      for (std::size_t i = 0; i < typed.size() && !sim_.done(); ++i) handle_console(typed[i]);
      typed.clear();
      for (std::size_t i = 0; i < requests.size() && !sim_.done(); ++i) serve(requests[i]);
      requests.clear();
    }
    const Time target = paced() ? pacer_.target() : sim_.end_time();
    auto wait = std::chrono::milliseconds(target > sim_.now() || !settled ? 0 : 20);
    if (!console_open && paced() && wait.count() > 0) std::this_thread::sleep_for(wait);
    while (console_open && !sim_.done()) {
      const auto in = console_->poll(wait);
      if (!in) break;
      wait = std::chrono::milliseconds(0);
      if (in->kind == InputKind::Interrupt) return RunOutcome::Interrupted;
      if (in->kind == InputKind::EndOfInput) {
        console_open = false;
        say(lobby_ != nullptr ? "end of input: the game goes on for the others"
                              : "end of input: the game runs on to the end of the scenario");
      } else if (settled) {
        handle_console(in->line);
      } else {
        typed.push_back(in->line);
      }
    }
    const Time until = std::min(paced() ? pacer_.target() : sim_.end_time(), sim_.now() + chunk);
    if (until > sim_.now() || !settled) {
      const Clock::time_point before = Clock::now();
      settled = sim_.run_until(until, events_per_step);
      const double took = std::chrono::duration<double>(Clock::now() - before).count();
      if (settled && took < chunk_wall_seconds / 2 && chunk < hours(1)) chunk = chunk * 2;
      if (took > chunk_wall_seconds * 2 && chunk > ms(1)) chunk = chunk / 2;
    }
    show_messages();
    if (console_ != nullptr) console_->set_prompt(prompt(sim_, pacer_));
    if (paced() && Clock::now() - flushed >= flush_every) {
      writer.flush();
      flushed = Clock::now();
    }
    if (lobby_ != nullptr && Clock::now() - clocked >= clock_every) {
      lobby_->clock(sim_.now(), pacer_.speed(), pacer_.paused());
      clocked = Clock::now();
    }
  }
  show_messages();
  if (interrupts.is_interrupted()) return RunOutcome::Interrupted;
  return sim_.ended_early() ? RunOutcome::Ended : RunOutcome::Completed;
}

}  // namespace gameday::cli

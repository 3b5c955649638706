// A responder that is a program; see program_responder.hpp.
#include "program_responder.hpp"

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>

#include "game.hpp"
#include "gameday/core/units.hpp"
#include "gameday/core/utf8.hpp"
#include "messages.hpp"
#include "protocol.hpp"

namespace gameday::cli {

std::optional<ProgramSettings> program_settings(std::string_view responders) {
  if (!responders.starts_with(exec_prefix)) return std::nullopt;
  ProgramSettings s;
  std::string word;
  for (const char c : responders.substr(exec_prefix.size())) {
    if (c != ' ') {
      word += c;
    } else if (!word.empty()) {
      s.argv.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) s.argv.push_back(std::move(word));
  if (s.argv.empty()) return std::nullopt;
  return s;
}

bool ProgramLink::start(std::string& error) {
  return child_.start(settings_.argv, error, ChildProcess::Output::Read) ==
         ChildProcess::Started::Ok;
}

void ProgramLink::tell(const std::string& message) {
  const std::string sent = message + "\n";
  child_.write(sent.data(), sent.size());
}

std::optional<ProgramLink::Answer> ProgramLink::ask(const std::string& observation,
                                                    std::string& why) {
  const std::string sent = observation + "\n";
  std::string line;
  const auto got = child_.write(sent.data(), sent.size())
                       ? child_.read_line(line, settings_.answer_limit, line_max * 4)
                       : ChildProcess::Got::Closed;
  switch (got) {
    case ChildProcess::Got::Line: break;
    case ChildProcess::Got::Closed: why = "it exited, or closed its input or output"; return {};
    case ChildProcess::Got::TimedOut:
      why = "it took more than " + std::to_string(settings_.answer_limit.count() / 1000) +
            "s of wall time to answer";
      return {};
    case ChildProcess::Got::TooLong:
      why = "it wrote a line longer than " + std::to_string(line_max) + " characters";
      return {};
  }
  if (find_invalid_utf8(line)) {
    why = "it wrote a line that is not UTF-8 text";
    return {};
  }
  Answer a{trimmed(line), Duration{}};
  if (a.line.empty() || a.line.front() != '{') return a;
  const auto m = nlohmann::json::parse(a.line, nullptr, false);
  const std::string think = m.is_object() && m.contains("think") && m["think"].is_string()
                                ? m["think"].get<std::string>()
                                : "";
  const auto d = think.empty() ? std::optional<Duration>(Duration{}) : parse_duration(think);
  if (!m.is_object() || m.value("type", "") != "command" || !m.contains("line") ||
      !m["line"].is_string() || !d || d->ns() < 0) {
    why = "it wrote a message that is not a command: " + a.line.substr(0, 80);
    return {};
  }
  return Answer{trimmed(m["line"].get<std::string>()), *d};
}

bool ProgramResponder::start(std::string& error) {
  return link_.start(error);
}

Time ProgramResponder::next_stop() const {
  if (!stopped_.empty()) return Time::max();
  Time next = next_turn_;
  if (!pending_.empty()) next = std::min(next, pending_.front().at);
  return next;
}

void ProgramResponder::stop(sim::Simulation& sim, const std::string& why) {
  stopped_ = why;
  pending_.clear();
  link_.stop(std::chrono::milliseconds(500));
  sim.submit({settings_.name, "note the responder program stopped: " + why, std::nullopt});
}

std::string ProgramResponder::submit(sim::Simulation& sim, const std::string& line) {
  const sim::CommandOutcome outcome = sim.submit({settings_.name, line, std::nullopt});
  return reply_message(sim.now(), line, outcome.accepted, outcome.reply);
}

void ProgramResponder::take_turn(sim::Simulation& sim) {
  if (!stopped_.empty()) return;
  std::deque<std::string> observations;
  if (!welcomed_) {
    observations.push_back(welcome_message(settings_.name, "", system_line(sim.scenario()),
                                           sim.scenario().start_time_of_day, sim.now(), 0, false,
                                           {}));
    welcomed_ = true;
  }
  for (; !pending_.empty() && pending_.front().at <= sim.now(); pending_.erase(pending_.begin()))
    observations.push_back(submit(sim, pending_.front().line));
  for (const sim::ConsoleMessage& m : sim.take_messages())
    if (m.to.empty() || m.to == settings_.name) observations.push_back(console_message(m));
  const bool turn = sim.now() >= next_turn_;
  if (turn) {
    observations.push_back(clock_message(sim.now(), 0, false));
    next_turn_ = sim.now() + settings_.turn;
  }
  int commands = 0;
  while (!observations.empty()) {
    std::string why;
    const auto answer = link_.ask(observations.front(), why);
    if (!answer) return stop(sim, why);
    observations.pop_front();
    if (answer->line.empty()) continue;
    if (++commands > settings_.commands_per_turn_max)
      return stop(sim, "more than " + std::to_string(settings_.commands_per_turn_max) +
                           " commands in one turn");
    if (answer->think.ns() > 0) {
      const Pending p{sim.now() + answer->think, answer->line};
      pending_.insert(
          std::upper_bound(pending_.begin(), pending_.end(), p,
                           [](const Pending& a, const Pending& b) { return a.at < b.at; }),
          p);
      continue;
    }
    observations.push_back(submit(sim, answer->line));
  }
}

void ProgramResponder::finish(Time t, std::string_view reason) {
  if (!stopped_.empty()) return;
  link_.tell(end_message(t, reason));
  link_.stop(std::chrono::milliseconds(2000));
}

}  // namespace gameday::cli

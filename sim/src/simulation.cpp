// Simulation: the public, value-like face of the engine.
#include "gameday/sim/simulation.hpp"

#include <limits>

#include "engine.hpp"

namespace gameday::sim {

Simulation::Simulation(const Scenario& scenario, const RunInfo& info, eventlog::RecordWriter& out)
    : engine_(std::make_unique<Engine>(scenario, info, out)) {}
Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;

void Simulation::run_until(Time t) {
  engine_->run_until(t, std::numeric_limits<std::uint64_t>::max());
}
bool Simulation::run_until(Time t, std::uint64_t max_events) {
  return engine_->run_until(t, max_events);
}
bool Simulation::done() const {
  return engine_->done();
}
Time Simulation::now() const {
  return engine_->now();
}
Time Simulation::end_time() const {
  return engine_->end_time();
}
void Simulation::finish(std::string_view reason) {
  engine_->finish(reason);
}
std::uint64_t Simulation::events_executed() const {
  return engine_->events_executed();
}
CommandOutcome Simulation::submit(const CommandInput& command) {
  return engine_->submit(command);
}
std::string Simulation::role_of(const std::string& person) const {
  return engine_->role_of(person);
}

std::vector<ConsoleMessage> Simulation::take_messages() {
  return engine_->take_messages();
}
bool Simulation::ended_early() const {
  return engine_->ended_early();
}
const Scenario& Simulation::scenario() const {
  return engine_->scenario();
}
RunSummary Simulation::summary() const {
  return engine_->summary();
}

}  // namespace gameday::sim

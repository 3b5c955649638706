// The responders' vocabulary: the command verbs, the class each belongs to, and the incident
// roles. One table, below the simulator and the readers of a record: the parser, the help, the
// scoring of a response and the viewer's lanes all classify a command the same way.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace gameday::model {

enum class Verb : std::uint8_t {
  // Actions: change the system after the scenario's delay for them.
  Restart,   // an instance, or a service one instance at a time (`--all` at once)
  Rollback,  // a service's bad deploy
  Revert,    // a config push that reached a service
  Scale,     // a service to N instances
  Failover,  // a service (a database) to its replica
  Drain,     // a zone: load balancers stop sending to it
  Undrain,
  Shed,     // a share of a traffic source's requests, rejected at the entry point
  Limit,    // a traffic source to N requests per second
  Retries,  // on or off on a dependency (a feature flag)
  Breaker,  // a dependency's circuit breaker forced open, or back to automatic
  Flush,    // a cache in front of a dependency
  Warm,     // a cache in front of a dependency, back to its normal hit ratio
  // Investigation: only look, at what the monitoring shows.
  Status,
  Alerts,
  Metrics,
  Deps,
  Logs,
  Deploys,
  Describe,
  Help,
  // The incident process.
  Ack,
  Declare,
  Role,
  Update,
  Note,
  Diagnose,  // name the service at fault (and the kind of failure): scored against the truth
  Mitigated,
  Resolve,
  Say,    // a line on the team's incident channel
  Join,   // a person takes a seat in a hosted game (the host records it), with the rules of it
  Leave,  // and leaves it
  // Facilitator ('!inject'): never typed by responders.
  Inject,
  Reveal,
  End,
};

enum class VerbClass : std::uint8_t { Action, Investigation, Process, Facilitator };

struct VerbInfo {
  Verb verb;
  std::string_view name;  // as typed and as the record's `verb`: "restart", "!inject"
  VerbClass cls;
  std::string_view usage;  // arguments
  std::string_view what;   // one line of help
};
// Every verb, in the order `help` lists them within a class.
std::span<const VerbInfo> verbs();
const VerbInfo& verb_info(Verb v);
VerbClass verb_class(Verb v);
std::string_view verb_name(Verb v);
std::optional<Verb> find_verb(std::string_view name);

enum class Role : std::uint8_t { IncidentCommander, Operations, Communications, Scribe };
struct RoleInfo {
  Role role;
  std::array<std::string_view, 3> names;  // the canonical name first, then aliases
};
std::span<const RoleInfo> roles();
std::string_view role_name(Role r);
// A role by its canonical name or an alias ("ic", "ops", "comms").
std::optional<Role> find_role(std::string_view name);

// The seats a person can `join` a hosted game in besides the incident roles: watching only, and
// running the game. Neither is an incident role (`role` never gives one).
inline constexpr std::string_view observer_seat = "observer";
inline constexpr std::string_view facilitator_seat = "facilitator";

}  // namespace gameday::model

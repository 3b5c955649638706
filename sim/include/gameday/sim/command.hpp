// The responders' command language: what people type at a game day, what scripts and runbooks
// contain, and what the record keeps.
//
// One parser serves every way a command arrives (the console, a script, a record being
// replayed, a runbook step, `until: {action: ...}` in a fault), so a command means the same
// thing wherever it is written. Names are resolved against the scenario at parse time; a typo
// gets "did you mean" and changes nothing. Facilitator commands start with '!'.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/model/vocabulary.hpp"
#include "gameday/sim/model.hpp"

namespace gameday::sim {

// What a command acts on. Ids index the scenario's tables (instances: the record's instance
// table, services' instances in order, standby slots included).
struct Subject {
  enum class Kind : std::uint8_t {
    None,
    Service,
    Instance,
    Zone,
    Dependency,
    Source,
    Fault,
    Alert
  };
  Kind kind = Kind::None;
  std::uint32_t id = 0;
  bool operator==(const Subject&) const = default;
};

struct Command {
  Verb verb = Verb::Help;
  Subject subject;
  bool on = true;      // retries on/off; breaker open (true) or auto; shed/limit off (false);
                       // restart --all (true: every instance at once)
  double value = 0;    // scale: instances; shed: share; limit: requests per second
  std::string text;    // update/note text, declare severity, role name, help topic
  std::string person;  // role: who takes it
  // The command in one normal form: "restart orders", "shed web 30%". Equal for commands
  // with the same effect, whatever spacing or aliases were typed.
  std::string canonical(const Scenario& s) const;
  // Commands the parser made are equal when they have the same effect.
  bool operator==(const Command&) const = default;
};

struct ParsedCommand {
  std::optional<Command> command;
  std::string error;  // when there is no command: what is wrong, with a suggestion
};

// Parses one line. Instance names are SERVICE-N (1-based, as in the record).
ParsedCommand parse_command(const Scenario& s, std::string_view line);

// Candidates for the word being typed at the end of `line` (command names, then names of
// services, zones, sources, alerts...). For a player's Tab completion, so never a fault's name,
// which would give the answer away.
std::vector<std::string> complete_command(const Scenario& s, std::string_view line);

// The help text: every command with its arguments, or one command's when `topic` names it.
std::string command_help(std::string_view topic);

// The actions that end fault `f` when they take effect: its `until: {action}`, and the one that
// ends it by its nature whatever its schedule, when one does (a rollback its service's bad
// deploy, a revert its config push, warming a cache its cache loss, a failover to the replica
// the troubles of a failing primary: latency, errors, capacity loss, a full disk, a hang, a
// leak, a crash loop, a failover). As parsed commands, compared as values.
std::vector<Command> fault_enders(const Scenario& s, const FaultSpec& f);

// Instance name as the record writes it: "orders-3".
std::string instance_name(const Scenario& s, std::uint32_t instance);
std::uint32_t instance_count(const Scenario& s);
// The service an instance slot belongs to, and its 0-based position in the service.
std::pair<std::uint32_t, int> instance_slot(const Scenario& s, std::uint32_t instance);

}  // namespace gameday::sim

#include "gameday/model/vocabulary.hpp"

#include <algorithm>

#include "gameday/core/assert.hpp"

namespace gameday::model {
namespace {

constexpr VerbInfo verb_table[] = {
    {Verb::Restart, "restart", VerbClass::Action, "SERVICE|INSTANCE [--all]",
     "restart an instance, or a service one instance at a time (--all: every instance at once)"},
    {Verb::Rollback, "rollback", VerbClass::Action, "SERVICE", "roll back the service's deploy"},
    {Verb::Revert, "revert", VerbClass::Action, "SERVICE",
     "revert the config push that reached the service"},
    {Verb::Scale, "scale", VerbClass::Action, "SERVICE N",
     "scale the service to N instances (new ones start cold)"},
    {Verb::Failover, "failover", VerbClass::Action, "SERVICE",
     "fail the service (a database) over to its replica; down while it switches"},
    {Verb::Drain, "drain", VerbClass::Action, "ZONE", "stop sending traffic to a zone"},
    {Verb::Undrain, "undrain", VerbClass::Action, "ZONE", "send traffic to a drained zone again"},
    {Verb::Shed, "shed", VerbClass::Action, "SOURCE PERCENT|off",
     "reject a share of a traffic source's requests at the entry point"},
    {Verb::Limit, "limit", VerbClass::Action, "SOURCE N|off",
     "rate-limit a traffic source to N requests per second"},
    {Verb::Retries, "retries", VerbClass::Action, "off|on CALLER->CALLEE",
     "turn a dependency's retries off or back on"},
    {Verb::Breaker, "breaker", VerbClass::Action, "open|auto CALLER->CALLEE",
     "force a dependency's circuit breaker open, or give it back to its automatic rule"},
    {Verb::Flush, "flush", VerbClass::Action, "CALLER->CALLEE",
     "flush the cache in front of a dependency (every lookup misses until it warms)"},
    {Verb::Warm, "warm", VerbClass::Action, "CALLER->CALLEE",
     "warm the cache in front of a dependency back to its normal hit ratio"},
    {Verb::Status, "status", VerbClass::Investigation, "", "every service at a glance"},
    {Verb::Alerts, "alerts", VerbClass::Investigation, "", "alerts pending and firing"},
    {Verb::Metrics, "metrics", VerbClass::Investigation,
     "SERVICE [--by instance|version|zone] | INSTANCE",
     "the service's recent requests, errors, latency and saturation; or its errors, requests "
     "and latency split by instance, release or zone; or one instance's"},
    {Verb::Deps, "deps", VerbClass::Investigation, "SERVICE",
     "the service's dependencies and their calls, errors and breakers"},
    {Verb::Logs, "logs", VerbClass::Investigation, "SERVICE [--grep TEXT]",
     "the service's recent log lines; with --grep, those that contain TEXT (any case)"},
    {Verb::Deploys, "deploys", VerbClass::Investigation, "", "recent deploys and config pushes"},
    {Verb::Describe, "describe", VerbClass::Investigation, "SERVICE",
     "the service's configuration: instances, zones, calls, timeouts, retries"},
    {Verb::Help, "help", VerbClass::Investigation, "[COMMAND]", "this list, or one command"},
    {Verb::Ack, "ack", VerbClass::Process, "ALERT|all", "acknowledge a page"},
    {Verb::Declare, "declare", VerbClass::Process, "SEV1|SEV2|SEV3|SEV4", "declare an incident"},
    {Verb::Role, "role", VerbClass::Process, "ROLE NAME",
     "give a role (ic, ops, comms, scribe) to a person"},
    {Verb::Update, "update", VerbClass::Process, "TEXT", "post a status update to users"},
    {Verb::Note, "note", VerbClass::Process, "TEXT", "add a note to the incident timeline"},
    {Verb::Diagnose, "diagnose", VerbClass::Process, "SERVICE [KIND]",
     "name the service at fault, and the kind of failure if you know it (latency, crash, ...)"},
    {Verb::Mitigated, "mitigated", VerbClass::Process, "", "say the impact is mitigated"},
    {Verb::Resolve, "resolve", VerbClass::Process, "", "resolve the incident"},
    {Verb::Say, "say", VerbClass::Process, "TEXT", "say something on the incident channel"},
    {Verb::Join, "join", VerbClass::Process, "SEAT",
     "take a seat: a role (ic, ops, comms, scribe), observer or facilitator (the host does it)"},
    {Verb::Leave, "leave", VerbClass::Process, "", "leave the game (the host does it)"},
    {Verb::Inject, "!inject", VerbClass::Facilitator, "FAULT",
     "start one of the scenario's faults now"},
    {Verb::Reveal, "!reveal", VerbClass::Facilitator, "",
     "show the ground truth: the faults active now"},
    {Verb::End, "!end", VerbClass::Facilitator, "", "end the game now"},
    // The console's own facilitator commands (!pause, !resume, !speed) never reach the
    // simulation: they change only the wall clock.
};

constexpr std::array<RoleInfo, 4> role_table = {{
    {Role::IncidentCommander, {"incident_commander", "ic", "commander"}},
    {Role::Operations, {"operations", "ops", "operations_lead"}},
    {Role::Communications, {"communications", "comms", "communications_lead"}},
    {Role::Scribe, {"scribe", "scribe", "scribe"}},
}};

}  // namespace

std::span<const VerbInfo> verbs() {
  return verb_table;
}

const VerbInfo& verb_info(Verb v) {
  const auto* it = std::find_if(std::begin(verb_table), std::end(verb_table),
                                [&](const VerbInfo& i) { return i.verb == v; });
  GAMEDAY_ASSERT_MSG(it != std::end(verb_table), "a verb without a row in the verb table");
  return *it;
}

VerbClass verb_class(Verb v) {
  return verb_info(v).cls;
}

std::string_view verb_name(Verb v) {
  return verb_info(v).name;
}

std::optional<Verb> find_verb(std::string_view name) {
  for (const VerbInfo& i : verb_table)
    if (i.name == name) return i.verb;
  return std::nullopt;
}

std::span<const RoleInfo> roles() {
  return role_table;
}

std::string_view role_name(Role r) {
  return role_table[static_cast<std::size_t>(r)].names[0];
}

std::optional<Role> find_role(std::string_view name) {
  for (const RoleInfo& r : role_table)
    if (std::find(r.names.begin(), r.names.end(), name) != r.names.end()) return r.role;
  return std::nullopt;
}

}  // namespace gameday::model

// Names of the record's enumerations and lookups on its data types.
//
// The names returned here are the keys and values written to events.jsonl; changing one is a
// format change (bump format_version). Every enumerator has a name: the switches have no
// default, so -Wswitch flags a new enumerator that lacks one.
#include "gameday/eventlog/record.hpp"

#include "gameday/core/assert.hpp"

namespace gameday::eventlog {

std::string_view error_cause_name(ErrorCause c) {
  switch (c) {
    case ErrorCause::Rejected: return "rejected";
    case ErrorCause::Timeout: return "timeout";
    case ErrorCause::Downstream: return "downstream";
    case ErrorCause::CircuitOpen: return "circuit_open";
    case ErrorCause::Unavailable: return "unavailable";
    case ErrorCause::Injected: return "injected";
    case ErrorCause::Connection: return "connection";
    case ErrorCause::Count: break;
  }
  GAMEDAY_ASSERT_MSG(false, "not an error cause");
}

std::string_view circuit_state_name(CircuitState s) {
  switch (s) {
    case CircuitState::Closed: return "closed";
    case CircuitState::Open: return "open";
    case CircuitState::HalfOpen: return "half_open";
  }
  GAMEDAY_ASSERT_MSG(false, "not a circuit state");
}

namespace {

constexpr std::size_t kFault = event_data_index<FaultChange>;
constexpr std::size_t kInstance = event_data_index<InstanceChange>;
constexpr std::size_t kCircuit = event_data_index<CircuitChange>;
constexpr std::size_t kAlert = event_data_index<AlertChange>;
constexpr std::size_t kNotice = event_data_index<Notification>;
constexpr std::size_t kCommand = event_data_index<CommandIssued>;
constexpr std::size_t kAction = event_data_index<ActionTookEffect>;

// The one table of event kinds: the writer, the reader, the schema check and
// docs/record-format.md all read it. Rows are in EventKind order (asserted below).
const EventKindInfo kinds[] = {
    {EventKind::FaultStart, "fault_start", kFault, Visibility::GroundTruth,
     "`fault`, `fault_kind` (string), `instance` (random failures only)",
     "A fault began (ground truth, never shown to responders)."},
    {EventKind::FaultEnd, "fault_end", kFault, Visibility::GroundTruth,
     "the same as `fault_start`; `cause`: its `fault_start`", "A fault ended."},
    {EventKind::InstanceDown, "instance_down", kInstance, Visibility::Observable, "`instance`",
     "An instance's process stopped (crash, zone outage, OOM kill)."},
    {EventKind::InstanceUp, "instance_up", kInstance, Visibility::Observable, "`instance`",
     "An instance was restarted; it starts cold."},
    {EventKind::InstanceHung, "instance_hung", kInstance, Visibility::Observable, "`instance`",
     "An instance stopped answering."},
    {EventKind::InstanceResumed, "instance_resumed", kInstance, Visibility::Observable,
     "`instance`", "A hung instance answers again."},
    {EventKind::OutOfMemory, "out_of_memory", kInstance, Visibility::Observable, "`instance`",
     "A leaking instance was killed for running out of memory."},
    {EventKind::InstanceDeployed, "instance_deployed", kInstance, Visibility::Observable,
     "`instance`; `cause`: the deploy's `fault_start`",
     "A bad deploy or config push reached the instance."},
    {EventKind::InstanceReverted, "instance_reverted", kInstance, Visibility::Observable,
     "`instance`; `cause`: the deploy's `fault_end`",
     "The instance is back on the previous version (rollback, revert)."},
    {EventKind::InstanceOutOfRotation, "instance_out_of_rotation", kInstance,
     Visibility::Observable, "`instance`",
     "Health checks took the instance out of its load balancer's rotation."},
    {EventKind::InstanceInRotation, "instance_in_rotation", kInstance, Visibility::Observable,
     "`instance`", "Health checks put the instance back in rotation."},
    {EventKind::CircuitOpen, "circuit_open", kCircuit, Visibility::Observable,
     "`dependency`, `failure_ratio` (number)",
     "A caller's circuit breaker opened on that dependency."},
    {EventKind::CircuitHalfOpen, "circuit_half_open", kCircuit, Visibility::Observable,
     "`dependency`", "The breaker lets probe calls through."},
    {EventKind::CircuitClosed, "circuit_closed", kCircuit, Visibility::Observable, "`dependency`",
     "The breaker closed again."},
    {EventKind::AlertPending, "alert_pending", kAlert, Visibility::Observable,
     "`alert`, `severity` (string), `value` (number), `short_value` (burn rate)",
     "An alert rule's condition began to hold."},
    {EventKind::AlertFiring, "alert_firing", kAlert, Visibility::Observable,
     "the same as `alert_pending`; `cause`: its `alert_pending`",
     "The condition held for the rule's `for`."},
    {EventKind::AlertResolved, "alert_resolved", kAlert, Visibility::Observable,
     "`alert`, `severity`, `value`", "A firing alert's condition ended."},
    {EventKind::Page, "page", kNotice, Visibility::Observable,
     "`alert` (the group's first), `alerts` (count), `group` (string)",
     "The on-call was paged for a group of firing alerts."},
    {EventKind::Ticket, "ticket", kNotice, Visibility::Observable, "the same as `page`",
     "A ticket was filed (tickets never page)."},
    {EventKind::PageResolved, "page_resolved", kNotice, Visibility::Observable,
     "the same as `page`", "The paged group's alerts all resolved."},
    {EventKind::TicketResolved, "ticket_resolved", kNotice, Visibility::Observable,
     "the same as `page`", "The ticket's alerts all resolved."},
    {EventKind::Command, "command", kCommand, Visibility::Observable,
     "`responder` (string), `role` (string, once they have one), `text` (string: the command in "
     "its normal form, or as typed when rejected), `verb` (string), `error` (string, when "
     "rejected), `wall_time` (string, ISO 8601, typed by a person at a console)",
     "A command from a responder, or from the facilitator (`verb` starting with `!`). Rejected "
     "commands change nothing and are kept for the debrief."},
    {EventKind::ActionEffect, "action_effect", kAction, Visibility::Observable,
     "`action` (string: the command's normal form), `verb` (string); `cause`: "
     "its `command`",
     "A responder action took effect, after the scenario's delay for it. State changes it makes "
     "(instances restarted, faults ended) name this line as their cause."},
    {EventKind::InstanceProvisioned, "instance_provisioned", kInstance, Visibility::Observable,
     "`instance`; `cause`: the `action_effect` of a scale-out",
     "A standby slot became a running instance; it starts cold."},
    {EventKind::InstanceDecommissioned, "instance_decommissioned", kInstance,
     Visibility::Observable, "`instance`; `cause`: the `action_effect` of a scale-in",
     "An instance was removed from its service."},
};

}  // namespace

std::span<const EventKindInfo> event_kinds() {
  return kinds;
}

const EventKindInfo& event_kind_info(EventKind k) {
  const auto i = static_cast<std::size_t>(k);
  GAMEDAY_ASSERT_MSG(i < std::size(kinds) && kinds[i].kind == k, "event kind table out of order");
  return kinds[i];
}

std::string_view event_kind_name(EventKind k) {
  return event_kind_info(k).name;
}

std::optional<EventKind> find_event_kind(std::string_view name) {
  for (const EventKindInfo& info : kinds)
    if (info.name == name) return info.kind;
  return std::nullopt;
}

bool is_ground_truth(EventKind k) {
  return event_kind_info(k).visibility == Visibility::GroundTruth;
}

Event::Event(Time at, EventKind k, EventData d, std::optional<std::uint64_t> caused_by)
    : t(at), kind(k), cause(caused_by), data(std::move(d)) {
  GAMEDAY_ASSERT_MSG(data.index() == event_kind_info(k).data,
                     "an event's payload must be the one its kind carries");
}

}  // namespace gameday::eventlog

// The scorecard: what a run's record says about the incidents in it, as plain values computed
// by one pure function, score(). Every figure's definition and its source in the record are in
// docs/scoring.md; the field names here are the JSON schema's (scorecard_version 2).
//
// An optional that is empty means the record does not hold it (no responder acknowledged, no
// SLO breached) or "not reached before the run ended" (the run stopped, or was killed, first);
// nothing is inferred in its place. Responder figures describe roles and the process; people's
// names appear as the holders of roles, and in the credit each person gets for what they did
// (a team game's line per person), never in a judgement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/reader.hpp"

namespace gameday::scoring {

inline constexpr int scorecard_version = 2;

struct ScoreOptions {
  // How long the SLIs must stay within objective before an impact counts as over.
  Duration stabilisation = minutes(5);
  // Status-update cadence: the first update within `update_first` of the declaration, then one
  // at least every `update_every` until resolution. The scenario's `scoring.targets` overrides
  // these, and an explicit value here (from the command line) overrides the scenario.
  std::optional<Duration> update_first;
  std::optional<Duration> update_every;
  // An action is judged by the SLIs in `before_window` before its command against those while
  // it took effect and in `effect_window` after its (last) effect.
  Duration before_window = minutes(1);
  Duration effect_window = minutes(5);
};

inline constexpr Duration default_update_first = minutes(5);
inline constexpr Duration default_update_every = minutes(20);

// An alert's firing that detected a fault: when, and how long after the fault and its impact.
struct Detection {
  std::string alert;
  std::string severity;  // "page" or "ticket"
  Time fired;
  Duration after_fault_start;
  std::optional<Duration> after_impact_start;  // negative when it fired before the impact
};

// One occurrence of a fault (a random fault has one per failure).
struct FaultOccurrence {
  std::string name;
  std::string kind;
  std::optional<std::string> instance;  // random failures name the instance
  Time start;
  std::optional<Time> end;            // none: it lasted to the end of the record
  std::optional<Time> impact_start;   // first SLO breach caused (see Incident::impact_start)
  std::vector<Detection> detections;  // first firing of each alert, in time order
};

// An incident no fault explains that a responder's action caused (docs/scoring.md, Incidents)
// has that action as its occurrence: named by the action, of this kind.
inline constexpr std::string_view action_occurrence_kind = "action";
inline bool caused_by_action(const FaultOccurrence& f) {
  return f.kind == action_occurrence_kind;
}

// What one SLO lost during an incident's impact.
struct SloImpact {
  std::string name;
  std::string sli;      // "availability" or "latency"
  std::string subject;  // "service frontend" or "journey shoppers"
  double objective = 0;
  Duration window;
  std::uint64_t valid = 0;     // requests counted during the impact
  std::uint64_t bad = 0;       // of those, not good
  double budget_consumed = 0;  // bad / (1 − objective) / expected valid over the SLO window
  double peak_bad_ratio = 0;   // largest bad/valid of one sample interval in the impact
};

// One of the incident roles (incident_commander, operations, communications, scribe) during an
// incident: when someone first held it, and who (the role's holder, not a judgement).
struct RoleFilled {
  std::string role;
  std::optional<Time> filled;  // the incident's start when it was held from before
  std::optional<std::string> holder;
};

// A `role` command: a role taken, given, or handed over.
struct RoleChange {
  Time at;
  std::string role;
  std::string holder;                   // who holds it now
  std::optional<std::string> previous;  // who held it before: a handoff
  std::optional<std::string> given_by;  // the role of whoever typed it, when it was not the holder
  bool self = false;                    // the new holder typed it
  std::optional<Time> acknowledged;     // given by another: the new holder's next command
};

// Status updates (`update` commands) against the cadence.
struct StatusUpdates {
  int count = 0;
  std::optional<Time> first;
  std::optional<Duration> first_after_declaration;
  Duration first_within;  // the cadence checked
  Duration every;
  int late = 0;  // stretches (declaration to first, between updates, last to resolution) too long
  std::optional<Duration> longest_gap;
  std::optional<bool> on_cadence;  // absent: no declaration to measure from
};

struct Process {
  std::vector<RoleFilled> roles;  // the four roles, always, in the order above
  std::vector<RoleChange> role_changes;
  int handoffs = 0;               // a role passed from one holder to another
  int handoffs_acknowledged = 0;  // ... whose new holder then issued a command (or typed it)
  bool commander = false;         // the incident_commander role was held during the incident
  std::vector<std::string> commander_actions;  // actions issued from that role
  StatusUpdates updates;
};

// An SLO's bad share (bad / valid) around an action.
struct SloChange {
  std::string name;
  double objective = 0;
  std::optional<double> before;  // over the before window, up to the command
  std::optional<double> during;  // from the command to its (last) effect, when that spans intervals
  std::optional<double> after;   // over the effect window after the (last) effect
};

// A responder action (restart, failover, shed, ...) and what the system did after it.
struct ResponderAction {
  std::string action;  // the command's normal form
  std::string verb;
  std::optional<std::string> role;  // the role it was issued from
  Time command_at;
  std::optional<Time> first_effect_at;    // its first action_effect (a rolling restart has
  std::optional<Time> effect_at;          // several) and its last
  std::vector<std::string> ended_faults;  // faults whose end names its effect as the cause
  // "helped", "no visible effect", "made it worse", "not measured" (no samples on one side),
  // "not in effect" (the run ended first).
  std::string verdict;
  std::vector<SloChange> slos;
};

struct RejectedCommand {
  Time at;
  std::string verb;
  std::string text;
  std::string error;
  std::optional<std::string> role;
};

// An all-clear said while users were still failing: `mitigated`, `resolve`, or a status update
// that claims recovery ("working again", "resolved"...), when in the last sample interval
// before it an SLO was out of objective.
struct FalseAllClear {
  Time at;
  std::string responder;
  std::string text;  // the command
  std::string slo;   // the SLO furthest out of objective then
  double bad_share = 0;
};

// A responder's first `diagnose SERVICE [KIND]` during an incident, judged against the
// incident's faults: localisation, as incident-response benchmarks score it.
struct Diagnosis {
  Time t;
  std::string responder;
  std::string service;
  std::optional<std::string> kind;
  // A fault of the incident acts on that service: its target, either end of a targeted call,
  // the entry service of a targeted traffic source, or a service placed in a targeted zone.
  bool right_service = false;
  std::optional<bool> right_kind;  // with a kind: one of those faults is of that kind
};

struct Incident {
  int number = 0;  // 1, 2, ... in order of start
  std::vector<FaultOccurrence> faults;

  Time fault_start;                  // the earliest fault's start
  std::optional<Time> impact_start;  // end of the first sample interval breaching an SLO
  std::optional<Time> detection;     // first alert firing attributed to the incident
  std::optional<std::string> detected_by;
  std::optional<Time> first_page;
  // Responder milestones, from `command` and `action_effect` events in the response window.
  std::optional<Time> acknowledged;  // first accepted `ack` at or after the first page
  std::optional<Time> declared;      // first accepted `declare`
  std::optional<std::string> severity;
  std::optional<Time> mitigated_by_action;  // the last action effect before the impact ended
  std::optional<std::string> mitigating_action;
  std::optional<std::string> mitigating_role;
  std::optional<Time> marked_mitigated;  // a responder's `mitigated`
  std::optional<Time> resolved;          // first accepted `resolve`
  std::optional<Diagnosis> diagnosis;    // first accepted `diagnose`
  // Impact end ("mitigation"): end of the last breaching interval, once the SLIs then stayed
  // within objective for the stabilisation window.
  std::optional<Time> impact_end;
  std::optional<Time> recovery;  // every fault ended and the impact over

  std::optional<Duration> time_to_detect;       // impact start -> detection (negative: before)
  std::optional<Duration> time_to_page;         // impact start -> first page
  std::optional<Duration> time_to_acknowledge;  // first page -> acknowledgement
  std::optional<Duration> time_to_declare;      // impact start -> declaration (negative: before)
  std::optional<Duration> time_to_mitigate;     // impact start -> impact end
  std::optional<Duration> time_to_recover;      // fault start -> recovery

  std::uint64_t failed_requests = 0;  // journeys' root requests that failed, during impact
  std::uint64_t slow_requests = 0;    // succeeded but over a journey latency SLO's threshold
  double user_minutes = 0;            // sum over journeys and intervals of failed share x minutes
  double peak_error_ratio = 0;        // largest failed share of one journey in one interval
  std::optional<std::string> peak_source;
  std::optional<Time> peak_at;
  std::vector<SloImpact> slos;

  int pages = 0;    // page notifications from fault start to the end of the attribution window
  int tickets = 0;  // ticket notifications in the same span

  // The response: commands from the incident's start to the next incident's (or the end).
  int commands = 0;  // accepted commands
  Process process;
  std::vector<ResponderAction> actions;
  std::vector<RejectedCommand> rejected;
  std::vector<FalseAllClear> false_all_clears;
};

// A scenario target (`scoring.targets`) and whether the run met it.
struct TargetResult {
  std::string name;              // "time_to_detect", "error_budget", "status_updates", ...
  std::string unit;              // "ns", "share" or "count"
  double target = 0;             // the most allowed
  std::optional<double> actual;  // the worst across incidents; absent: not measurable
  std::optional<bool> met;
};

// What one responder did over the run, from their commands: credit where due.
struct PersonCredit {
  std::string name;
  std::vector<std::string> roles;    // the roles and seats they held, in the order taken
  std::vector<std::string> actions;  // accepted actions' normal forms, in order
  int acknowledgements = 0;          // accepted `ack`s
  int declarations = 0;              // `declare`, `mitigated`, `resolve`
  int updates = 0;                   // status updates
  int handoffs = 0;                  // roles they gave to someone else
  int notes = 0;
  int said = 0;    // lines on the incident channel
  int looked = 0;  // investigation commands
  int rejected = 0;
};

// An alert that fired while no incident was open: no fault active, no impact.
struct NoiseAlert {
  std::string alert;
  std::string severity;
  Time fired;
};

struct Scorecard {
  int version = scorecard_version;
  std::string scenario_name;
  std::string scenario_hash;
  std::string tool_version;
  std::uint64_t seed = 0;
  Duration planned_duration;
  Duration sample_interval;
  Duration stabilisation;
  Duration before_window;  // SLIs this long before a command ...
  Duration effect_window;  // ... against this long after its effect
  Time record_end;         // the end line's time, or the last line's when it is missing
  std::optional<std::string> end_reason;  // "completed", "interrupted"; none: killed
  std::string responders = "none";        // the header's: none, auto or commands
  std::vector<Incident> incidents;
  std::vector<NoiseAlert> noise;
  int pages = 0;              // every page in the record
  int tickets = 0;            // every ticket in the record
  int commands = 0;           // every accepted responder command in the record
  int rejected_commands = 0;  // every rejected one
  std::vector<TargetResult> targets;
  std::vector<std::string> notes;    // what limits the figures, e.g. "the record has no SLOs"
  std::vector<PersonCredit> people;  // everyone who issued a command, in order of their first
};

Scorecard score(const eventlog::Record& record, const ScoreOptions& options = {});

// The share of an SLO's error budget that `bad` events use, when `valid` events were counted
// over `counted_seconds`: the budget is the (1 - objective) share of the valid events its
// window would count at that rate. The one formula: the scorecard, the viewer and its live
// view all use it. 0 when nothing was counted.
double budget_used(std::uint64_t bad, std::uint64_t valid, double counted_seconds,
                   const model::SloSpec& slo);

}  // namespace gameday::scoring

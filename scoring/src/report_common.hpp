// Formatting helpers the scorecard's text, Markdown and comparison forms share: instants as
// offsets from the run's start, signed spans, percentages that keep small shares readable,
// grouped digits, and the words for figures the record does not support or did not reach.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring {

inline constexpr std::string_view not_reached = "not reached before the run ended";
inline constexpr std::string_view ended_on_its_own = "none: the impact ended on its own";
inline constexpr std::string_view no_mitigation =
    "no time to mitigate: the impact ended on its own";

// Whether the incident's impact ended before any responder's action took effect.
inline bool ended_unmitigated(const Incident& inc) {
  return inc.impact_end.has_value() && !inc.time_to_mitigate.has_value();
}

std::string group_digits(std::uint64_t n);
std::string fixed(double v, int decimals);
// "12.35%"; shares under 1% keep two significant digits ("0.0042%").
std::string percent(double share);
// "12m40s" from the start of the run.
std::string at(Time t);
// When an action took effect: "18m4s", or "18m4s to 19m34s" for one that took effect in steps
// (a rolling restart); empty when it never did.
std::string effect_span(const ResponderAction& a);
// "1m20s", or "40s before impact" for a negative time to detect or page.
std::string span_from_impact(Duration d);
// The instant, or `missing` when it is absent.
std::string instant_or(const std::optional<Time>& t, std::string_view missing);
// Faults no alert detected, across incidents.
int undetected_faults(const Scorecard& card);
// Budget consumed per SLO over every incident, in the order of the first incident's SLOs.
std::vector<std::pair<std::string, double>> budget_by_slo(const Scorecard& card);

}  // namespace gameday::scoring

namespace gameday::scoring {

// The longest value of a duration across incidents, and whether any incident with impact
// lacks it (so the worst is unknown or the figure was not reached).
struct Worst {
  std::optional<Duration> value;
  int missing = 0;     // incidents with impact where the figure is absent
  int on_its_own = 0;  // time to mitigate: impacts that ended with no action
};
Worst worst_of(const Scorecard& card, std::optional<Duration> Incident::*figure);
std::uint64_t total_failed(const Scorecard& card);

// The scorecard with every text in it (names and text from the record) put through
// terminal_text, for the forms printed on a terminal: the text scorecard and the comparison.
// Their own colour codes are added after, so they are the only escape sequences in the output.
Scorecard printable(Scorecard card);

}  // namespace gameday::scoring

// Sentences about the response, shared by the text and Markdown scorecards and the postmortem.
// They describe roles and what the system did, never a person.
namespace gameday::scoring {

// Whether the run had responders at all (the header says so, or commands are recorded).
bool has_response(const Scorecard& card);
// "operations", or "no role".
std::string role_label(const std::optional<std::string>& role);
// "incident_commander 15m30s (alice)" or "communications not filled".
std::string role_statement(const RoleFilled& r);
// "the incident_commander role issued no actions (it coordinated)" / "... issued 2 actions:
// failover orders-db, restart orders" / "no incident_commander role was held".
std::string commander_statement(const Process& p);
// "3 updates; the first 1m after the declaration (target 5m); longest stretch without one 12m;
// on cadence (first within 5m, then every 20m)".
std::string updates_statement(const StatusUpdates& u, bool declared);
// "incident_commander handed over from alice to bob at 40m, acknowledged at 40m20s".
std::string role_change_statement(const RoleChange& c);
// What the SLIs did around an action: "checkout-availability 42.10% bad in the 1m before the
// command, 0.05% in the 5m after its effect; it ended orders-db-slow".
std::string action_statement(const ResponderAction& a, const Scorecard& card);
// Totals across incidents: actions by verdict.
int actions_with(const Scorecard& card, std::string_view verdict);
int total_actions(const Scorecard& card);
// "time_to_detect: target 2m, worst 50s: met".
std::string target_statement(const TargetResult& t);
// "orders-db (latency), by alice: the service at fault, the right kind".
std::string diagnosis_statement(const Diagnosis& d);
// "alice (incident_commander): 1 action (failover db); 2 status updates; 3 looks".
std::string credit_statement(const PersonCredit& p);

}  // namespace gameday::scoring

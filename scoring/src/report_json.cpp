// The scorecard as JSON (scorecard_version 2; the schema is in docs/scoring.md). Keys keep the
// order written here (ordered_json), instants and spans are integer nanoseconds in fields
// ending in `_ns`, and a figure the record does not hold or the run did not reach is `null`,
// never left out, so consumers see the whole shape on every run.
#include <nlohmann/json.hpp>

#include "gameday/scoring/report.hpp"
#include "report_common.hpp"

namespace gameday::scoring {
namespace {

using Json = nlohmann::ordered_json;

Json ns(const std::optional<Time>& t) {
  return t ? Json(t->ns()) : Json(nullptr);
}
Json ns(const std::optional<Duration>& d) {
  return d ? Json(d->ns()) : Json(nullptr);
}
Json text(const std::optional<std::string>& s) {
  return s ? Json(*s) : Json(nullptr);
}

Json fault_json(const FaultOccurrence& f) {
  Json j;
  j["name"] = f.name;
  j["kind"] = f.kind;
  j["instance"] = text(f.instance);
  j["start_ns"] = f.start.ns();
  j["end_ns"] = ns(f.end);
  j["impact_start_ns"] = ns(f.impact_start);
  j["detections"] = Json::array();
  for (const Detection& d : f.detections) {
    Json dj;
    dj["alert"] = d.alert;
    dj["severity"] = d.severity;
    dj["fired_ns"] = d.fired.ns();
    dj["after_fault_start_ns"] = d.after_fault_start.ns();
    dj["after_impact_start_ns"] = ns(d.after_impact_start);
    j["detections"].push_back(std::move(dj));
  }
  return j;
}

Json slo_json(const SloImpact& s) {
  Json j;
  j["name"] = s.name;
  j["sli"] = s.sli;
  j["subject"] = s.subject;
  j["objective"] = s.objective;
  j["window_ns"] = s.window.ns();
  j["valid"] = s.valid;
  j["bad"] = s.bad;
  j["budget_consumed"] = s.budget_consumed;
  j["peak_bad_ratio"] = s.peak_bad_ratio;
  return j;
}

Json process_json(const Process& p) {
  Json j;
  j["roles"] = Json::array();
  for (const RoleFilled& r : p.roles)
    j["roles"].push_back(
        {{"role", r.role}, {"filled_ns", ns(r.filled)}, {"holder", text(r.holder)}});
  j["role_changes"] = Json::array();
  for (const RoleChange& c : p.role_changes)
    j["role_changes"].push_back({{"at_ns", c.at.ns()},
                                 {"role", c.role},
                                 {"holder", c.holder},
                                 {"previous", text(c.previous)},
                                 {"self", c.self},
                                 {"given_by", text(c.given_by)},
                                 {"acknowledged_ns", ns(c.acknowledged)}});
  j["handoffs"] = p.handoffs;
  j["handoffs_acknowledged"] = p.handoffs_acknowledged;
  j["incident_commander"] = {{"held", p.commander}, {"actions", p.commander_actions}};
  const StatusUpdates& u = p.updates;
  j["status_updates"] = {{"count", u.count},
                         {"first_ns", ns(u.first)},
                         {"first_after_declaration_ns", ns(u.first_after_declaration)},
                         {"first_within_ns", u.first_within.ns()},
                         {"every_ns", u.every.ns()},
                         {"late", u.late},
                         {"longest_gap_ns", ns(u.longest_gap)},
                         {"on_cadence", u.on_cadence ? Json(*u.on_cadence) : Json(nullptr)}};
  return j;
}

Json number_or_null(const std::optional<double>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json action_json(const ResponderAction& a) {
  Json j;
  j["action"] = a.action;
  j["verb"] = a.verb;
  j["role"] = text(a.role);
  j["command_ns"] = a.command_at.ns();
  j["first_effect_ns"] = ns(a.first_effect_at);
  j["effect_ns"] = ns(a.effect_at);
  j["verdict"] = a.verdict;
  j["ended_faults"] = a.ended_faults;
  j["slos"] = Json::array();
  for (const SloChange& c : a.slos)
    j["slos"].push_back({{"name", c.name},
                         {"objective", c.objective},
                         {"before", number_or_null(c.before)},
                         {"during", number_or_null(c.during)},
                         {"after", number_or_null(c.after)}});
  return j;
}

Json incident_json(const Incident& inc) {
  Json j;
  j["number"] = inc.number;
  j["faults"] = Json::array();
  for (const FaultOccurrence& f : inc.faults) j["faults"].push_back(fault_json(f));
  j["fault_start_ns"] = inc.fault_start.ns();
  j["impact_start_ns"] = ns(inc.impact_start);
  j["detection_ns"] = ns(inc.detection);
  j["detected_by"] = text(inc.detected_by);
  j["first_page_ns"] = ns(inc.first_page);
  j["acknowledged_ns"] = ns(inc.acknowledged);
  j["declared_ns"] = ns(inc.declared);
  j["severity"] = text(inc.severity);
  j["mitigated_by_action_ns"] = ns(inc.mitigated_by_action);
  j["mitigating_action"] = text(inc.mitigating_action);
  j["mitigating_role"] = text(inc.mitigating_role);
  j["marked_mitigated_ns"] = ns(inc.marked_mitigated);
  j["impact_end_ns"] = ns(inc.impact_end);
  j["recovery_ns"] = ns(inc.recovery);
  j["resolved_ns"] = ns(inc.resolved);
  if (inc.diagnosis) {  // only when there is one: older scorecards keep their bytes
    const Diagnosis& d = *inc.diagnosis;
    Json diagnosis = {{"t_ns", d.t.since_start().ns()},
                      {"responder", d.responder},
                      {"service", d.service},
                      {"right_service", d.right_service}};
    diagnosis["kind"] = text(d.kind);
    diagnosis["right_kind"] = d.right_kind ? Json(*d.right_kind) : Json(nullptr);
    j["diagnosis"] = std::move(diagnosis);
  }
  j["time_to_detect_ns"] = ns(inc.time_to_detect);
  j["time_to_page_ns"] = ns(inc.time_to_page);
  j["time_to_acknowledge_ns"] = ns(inc.time_to_acknowledge);
  j["time_to_declare_ns"] = ns(inc.time_to_declare);
  j["time_to_mitigate_ns"] = ns(inc.time_to_mitigate);
  j["time_to_recover_ns"] = ns(inc.time_to_recover);
  j["failed_requests"] = inc.failed_requests;
  j["slow_requests"] = inc.slow_requests;
  j["user_minutes"] = inc.user_minutes;
  j["peak_error_ratio"] = inc.peak_error_ratio;
  j["peak_source"] = text(inc.peak_source);
  j["peak_at_ns"] = ns(inc.peak_at);
  j["slos"] = Json::array();
  for (const SloImpact& s : inc.slos) j["slos"].push_back(slo_json(s));
  j["pages"] = inc.pages;
  j["tickets"] = inc.tickets;
  j["commands"] = inc.commands;
  j["process"] = process_json(inc.process);
  j["actions"] = Json::array();
  for (const ResponderAction& a : inc.actions) j["actions"].push_back(action_json(a));
  j["rejected_commands"] = Json::array();
  for (const RejectedCommand& r : inc.rejected)
    j["rejected_commands"].push_back({{"at_ns", r.at.ns()},
                                      {"verb", r.verb},
                                      {"text", r.text},
                                      {"error", r.error},
                                      {"role", text(r.role)}});
  if (!inc.false_all_clears.empty()) {  // only when there are any: older readers' keys stay
    j["false_all_clears"] = Json::array();
    for (const FalseAllClear& f : inc.false_all_clears)
      j["false_all_clears"].push_back({{"at_ns", f.at.ns()},
                                       {"responder", f.responder},
                                       {"text", f.text},
                                       {"slo", f.slo},
                                       {"bad_share", f.bad_share}});
  }
  return j;
}

}  // namespace

std::string format_json(const Scorecard& card) {
  Json j;
  j["scorecard_version"] = card.version;
  j["scenario"] = {{"name", card.scenario_name},
                   {"hash", card.scenario_hash},
                   {"seed", card.seed},
                   {"tool_version", card.tool_version}};
  j["run"] = {{"planned_duration_ns", card.planned_duration.ns()},
              {"record_end_ns", card.record_end.ns()},
              {"end_reason", text(card.end_reason)},
              {"sample_interval_ns", card.sample_interval.ns()},
              {"stabilisation_ns", card.stabilisation.ns()},
              {"before_window_ns", card.before_window.ns()},
              {"effect_window_ns", card.effect_window.ns()},
              {"responders", card.responders}};
  j["summary"] = {{"line", summary_line(card)},
                  {"incidents", card.incidents.size()},
                  {"pages", card.pages},
                  {"tickets", card.tickets},
                  {"noise_alerts", card.noise.size()},
                  {"undetected_faults", undetected_faults(card)},
                  {"failed_requests", total_failed(card)},
                  {"commands", card.commands},
                  {"rejected_commands", card.rejected_commands},
                  {"actions", total_actions(card)},
                  {"actions_helped", actions_with(card, "helped")},
                  {"actions_made_worse", actions_with(card, "made it worse")}};
  j["incidents"] = Json::array();
  for (const Incident& inc : card.incidents) j["incidents"].push_back(incident_json(inc));
  j["noise"] = Json::array();
  for (const NoiseAlert& a : card.noise)
    j["noise"].push_back(
        {{"alert", a.alert}, {"severity", a.severity}, {"fired_ns", a.fired.ns()}});
  j["targets"] = Json::array();
  for (const TargetResult& t : card.targets)
    j["targets"].push_back({{"name", t.name},
                            {"unit", t.unit},
                            {"target", t.target},
                            {"actual", number_or_null(t.actual)},
                            {"met", t.met ? Json(*t.met) : Json(nullptr)}});
  j["notes"] = card.notes;
  j["people"] = Json::array();
  for (const PersonCredit& p : card.people)
    j["people"].push_back({{"name", p.name},
                           {"roles", p.roles},
                           {"actions", p.actions},
                           {"acknowledgements", p.acknowledgements},
                           {"declarations", p.declarations},
                           {"updates", p.updates},
                           {"handoffs", p.handoffs},
                           {"notes", p.notes},
                           {"said", p.said},
                           {"looked", p.looked},
                           {"rejected", p.rejected}});
  return j.dump(2) + "\n";
}

}  // namespace gameday::scoring

// The scorecard as JSON (scorecard_version 1; the schema is in docs/scoring.md). Keys keep the
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
  j["mitigated_by_action_ns"] = ns(inc.mitigated_by_action);
  j["impact_end_ns"] = ns(inc.impact_end);
  j["recovery_ns"] = ns(inc.recovery);
  j["resolved_ns"] = ns(inc.resolved);
  j["time_to_detect_ns"] = ns(inc.time_to_detect);
  j["time_to_page_ns"] = ns(inc.time_to_page);
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
              {"stabilisation_ns", card.stabilisation.ns()}};
  j["summary"] = {{"line", summary_line(card)},
                  {"incidents", card.incidents.size()},
                  {"pages", card.pages},
                  {"tickets", card.tickets},
                  {"noise_alerts", card.noise.size()},
                  {"undetected_faults", undetected_faults(card)},
                  {"failed_requests", total_failed(card)}};
  j["incidents"] = Json::array();
  for (const Incident& inc : card.incidents) j["incidents"].push_back(incident_json(inc));
  j["noise"] = Json::array();
  for (const NoiseAlert& a : card.noise)
    j["noise"].push_back(
        {{"alert", a.alert}, {"severity", a.severity}, {"fired_ns", a.fired.ns()}});
  j["notes"] = card.notes;
  return j.dump(2) + "\n";
}

}  // namespace gameday::scoring

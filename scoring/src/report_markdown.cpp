// The scorecard as Markdown, to paste into a postmortem: a summary, then per incident a
// timeline table, durations, impact, detection and, for runs with responders, the response.
// Figures the record does not hold are written as such, so the postmortem's authors fill them
// in rather than trust a blank. Headings start at `heading` ("#" alone, deeper when embedded).
// Every name and text from the record goes through markdown.hpp, so that it shows literally.
#include <algorithm>
#include <sstream>

#include "gameday/core/units.hpp"
#include "gameday/scoring/markdown.hpp"
#include "gameday/scoring/report.hpp"
#include "report_common.hpp"

namespace gameday::scoring {
namespace {

void timeline(std::ostream& os, const Incident& inc) {
  const std::string nr = "*" + std::string(not_reached) + "*";
  os << "| milestone | at (from the run's start) | notes |\n|---|---|---|\n";
  os << "| fault start | " << at(inc.fault_start) << " | |\n";
  os << "| impact start | " << instant_or(inc.impact_start, "no SLO breached") << " | |\n";
  os << "| detection | " << instant_or(inc.detection, "*no alert fired*") << " | "
     << md_text(inc.detected_by.value_or("")) << " |\n";
  os << "| first page | " << instant_or(inc.first_page, "no page sent") << " | |\n";
  os << "| acknowledgement | " << instant_or(inc.acknowledged, "no acknowledgement recorded")
     << " | |\n";
  os << "| declaration | " << instant_or(inc.declared, "no incident declaration recorded") << " | "
     << md_text(inc.severity.value_or("")) << " |\n";
  if (inc.diagnosis)
    os << "| diagnosis | " << at(inc.diagnosis->t) << " | "
       << md_text(diagnosis_statement(*inc.diagnosis)) << " |\n";
  os << "| mitigating action | "
     << instant_or(inc.mitigated_by_action, "no mitigating action recorded") << " | "
     << (inc.mitigating_action ? md_code(*inc.mitigating_action, Where::Table) + " (" +
                                     md_text(role_label(inc.mitigating_role)) + ")"
                               : std::string())
     << " |\n";
  if (inc.marked_mitigated)
    os << "| marked mitigated | " << at(*inc.marked_mitigated)
       << " | a responder's `mitigated` |\n";
  if (inc.impact_start)
    os << "| impact end | " << (inc.impact_end ? at(*inc.impact_end) : nr) << " | |\n";
  os << "| recovery | " << (inc.recovery ? at(*inc.recovery) : nr) << " | |\n";
  os << "| resolution | " << instant_or(inc.resolved, "no resolution recorded") << " | |\n\n";
}

std::string span_or(const std::optional<Duration>& d, const std::string& missing) {
  return d ? span_from_impact(*d) : missing;
}

void durations(std::ostream& os, const Incident& inc, bool response) {
  const bool impact = inc.impact_start.has_value();
  const std::string nr = "*" + std::string(not_reached) + "*";
  os << "| figure | value | from → to |\n|---|---|---|\n";
  os << "| time to detect | "
     << span_or(inc.time_to_detect, impact && !inc.detection ? "*not detected*" : "-")
     << " | impact start → first alert firing |\n";
  os << "| time to page | "
     << span_or(inc.time_to_page, impact && !inc.first_page ? "no page" : "-")
     << " | impact start → first page |\n";
  if (response && inc.first_page)
    os << "| time to acknowledge | "
       << (inc.time_to_acknowledge ? duration_for_people(*inc.time_to_acknowledge)
                                   : std::string("*not acknowledged*"))
       << " | first page → acknowledgement |\n";
  if (response && impact)
    os << "| time to declare | " << span_or(inc.time_to_declare, "*not declared*")
       << " | impact start → declaration |\n";
  os << "| time to mitigate | "
     << (ended_unmitigated(inc) ? "*" + std::string(ended_on_its_own) + "*"
                                : span_or(inc.time_to_mitigate, impact ? nr : "-"))
     << " | impact start → impact end |\n";
  os << "| time to recover | " << span_or(inc.time_to_recover, nr)
     << " | fault start → recovery |\n\n";
}

void impact(std::ostream& os, const Incident& inc) {
  if (!inc.impact_start) {
    os << "No SLO breached during this incident.\n\n";
    return;
  }
  os << "Failed requests: " << group_digits(inc.failed_requests)
     << ". Slow requests: " << group_digits(inc.slow_requests)
     << ". User-minutes: " << fixed(inc.user_minutes, 2)
     << ". Peak error ratio: " << percent(inc.peak_error_ratio)
     << (inc.peak_source
             ? " (" + md_text(*inc.peak_source) + ", interval ending " + at(*inc.peak_at) + ")"
             : "")
     << ".\n\n";
  os << "| SLO | SLI | bad | valid | error budget used | peak bad ratio |\n"
     << "|---|---|---|---|---|---|\n";
  for (const SloImpact& s : inc.slos)
    os << "| " << md_text(s.name) << " | " << md_text(s.sli) << " (" << md_text(s.subject) << ") | "
       << group_digits(s.bad) << " | " << group_digits(s.valid) << " | "
       << percent(s.budget_consumed) << " of " << duration_for_people(s.window) << " | "
       << percent(s.peak_bad_ratio) << " |\n";
  os << '\n';
}

void detection(std::ostream& os, const Incident& inc) {
  os << "Notifications: " << inc.pages << (inc.pages == 1 ? " page, " : " pages, ") << inc.tickets
     << (inc.tickets == 1 ? " ticket" : " tickets") << ".\n\n";
  for (const FaultOccurrence& f : inc.faults) {
    os << "- **" << md_text(f.name) << "** (" << md_text(f.kind)
       << (f.instance ? ", " + md_text(*f.instance) : "") << "), " << at(f.start) << " → "
       << (f.end ? at(*f.end) : "end of record") << ": ";
    if (f.detections.empty()) os << "*no alert detected it*";
    for (std::size_t i = 0; i < f.detections.size(); ++i) {
      const Detection& d = f.detections[i];
      os << (i == 0 ? "" : "; ") << md_text(d.alert) << " (" << md_text(d.severity) << ") "
         << (d.after_impact_start ? span_from_impact(*d.after_impact_start) +
                                        (d.after_impact_start->ns() >= 0 ? " after impact" : "")
                                  : duration_for_people(d.after_fault_start) + " after the fault");
    }
    os << '\n';
  }
  os << '\n';
}

void response(std::ostream& os, const Incident& inc, const Scorecard& card) {
  os << "Commands: " << inc.commands << " accepted, " << inc.rejected.size()
     << " rejected (a rejected command changes nothing).\n\n";
  os << "| role | filled | holder |\n|---|---|---|\n";
  for (const RoleFilled& r : inc.process.roles)
    os << "| " << md_text(r.role) << " | "
       << (r.filled ? at(*r.filled) : std::string("*not filled*")) << " | "
       << md_text(r.holder.value_or("")) << " |\n";
  os << "\n- Incident commander: " << md_text(commander_statement(inc.process)) << ".\n";
  os << "- Status updates: "
     << md_text(updates_statement(inc.process.updates, inc.declared.has_value())) << ".\n";
  os << "- Handoffs: " << inc.process.handoffs << ", " << inc.process.handoffs_acknowledged
     << " acknowledged.\n";
  if (!inc.process.role_changes.empty()) os << "- Role changes:\n";
  for (const RoleChange& c : inc.process.role_changes)
    os << "  - " << md_text(role_change_statement(c)) << ".\n";
  os << '\n';
  if (!inc.actions.empty()) {
    os << "| command | action | role | in effect | what the SLIs did | verdict |\n"
       << "|---|---|---|---|---|---|\n";
    for (const ResponderAction& a : inc.actions)
      os << "| " << at(a.command_at) << " | " << md_code(a.action, Where::Table) << " | "
         << md_text(role_label(a.role)) << " | "
         << (a.effect_at ? effect_span(a) : std::string("-")) << " | "
         << md_text(action_statement(a, card)) << " | " << md_text(a.verdict) << " |\n";
    os << '\n';
  }
  if (!inc.false_all_clears.empty()) {
    os << "False all-clears (said while users were still failing):\n\n";
    for (const FalseAllClear& f : inc.false_all_clears)
      os << "- " << at(f.at) << " " << md_code(f.text) << " (" << md_text(f.responder)
         << "): " << md_text(f.slo) << " " << percent(f.bad_share)
         << " bad in the interval before\n";
    os << '\n';
  }
  if (!inc.rejected.empty()) {
    os << "Rejected commands:\n\n";
    for (const RejectedCommand& r : inc.rejected)
      os << "- " << at(r.at) << " " << md_code(r.text) << " (" << md_text(role_label(r.role))
         << "): " << md_text(r.error) << '\n';
    os << '\n';
  }
}

}  // namespace

std::string format_markdown(const Scorecard& card, int heading_level) {
  const std::string h1(static_cast<std::size_t>(std::max(heading_level, 1)), '#');
  const std::string h2 = h1 + "#";
  const std::string h3 = h2 + "#";
  std::ostringstream os;
  os << h1 << " Scorecard: " << md_text(card.scenario_name) << "\n\n";
  os << "Seed " << card.seed << ", scenario " << md_code(card.scenario_hash) << ", gameday "
     << md_text(card.tool_version) << ". Record: " << at(card.record_end) << " of "
     << duration_for_people(card.planned_duration) << ", "
     << md_text(card.end_reason ? *card.end_reason : std::string("no end line"))
     << ". Responders: " << md_text(card.responders) << ".\n\n";
  os << "**Summary:** " << md_text(summary_line(card)) << ".\n\n";
  for (const Incident& inc : card.incidents) {
    os << h2 << " Incident " << inc.number << "\n\n";
    timeline(os, inc);
    durations(os, inc, has_response(card));
    os << h3 << " Impact\n\n";
    impact(os, inc);
    os << h3 << " Detection\n\n";
    detection(os, inc);
    if (has_response(card)) {
      os << h3 << " Response\n\n";
      response(os, inc, card);
    }
  }
  if (!card.people.empty()) os << h2 << " People\n\n";
  for (const PersonCredit& p : card.people) os << "- " << md_text(credit_statement(p)) << '\n';
  if (!card.people.empty()) os << '\n';
  os << h2 << " Noise\n\n";
  if (card.noise.empty()) os << "No alert fired outside an incident.\n";
  for (const NoiseAlert& a : card.noise)
    os << "- " << md_text(a.alert) << " (" << md_text(a.severity) << ") fired at " << at(a.fired)
       << " with no fault active and no SLO breached\n";
  os << '\n' << h2 << " Targets\n\n";
  if (card.targets.empty()) os << "None set: the scenario has no `scoring.targets`.\n";
  for (const TargetResult& t : card.targets) os << "- " << md_text(target_statement(t)) << '\n';
  if (!card.notes.empty()) os << '\n' << h2 << " Notes\n\n";
  for (const std::string& note : card.notes) os << "- " << md_text(note) << '\n';
  os << "\nTimes are simulated, from the start of the run. Definitions: docs/scoring.md.\n";
  return os.str();
}

}  // namespace gameday::scoring

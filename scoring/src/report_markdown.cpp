// The scorecard as Markdown, to paste into a postmortem: a summary, then per incident a
// timeline table and an impact table. Figures the record does not hold (responder milestones)
// are written as such, so the postmortem's authors fill them in rather than trust a blank.
#include <sstream>

#include "gameday/core/units.hpp"
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
     << inc.detected_by.value_or("") << " |\n";
  os << "| first page | " << instant_or(inc.first_page, "no page sent") << " | |\n";
  os << "| acknowledgement | " << instant_or(inc.acknowledged, "no acknowledgement recorded")
     << " | |\n";
  os << "| declaration | " << instant_or(inc.declared, "no incident declaration recorded")
     << " | |\n";
  os << "| mitigating action | "
     << instant_or(inc.mitigated_by_action, "no mitigating action recorded") << " | |\n";
  if (inc.impact_start)
    os << "| impact end | " << (inc.impact_end ? at(*inc.impact_end) : nr) << " | |\n";
  os << "| recovery | " << (inc.recovery ? at(*inc.recovery) : nr) << " | |\n";
  os << "| resolution | " << instant_or(inc.resolved, "no resolution recorded") << " | |\n\n";
}

std::string span_or(const std::optional<Duration>& d, const std::string& missing) {
  return d ? span_from_impact(*d) : missing;
}

void durations(std::ostream& os, const Incident& inc) {
  const bool impact = inc.impact_start.has_value();
  const std::string nr = "*" + std::string(not_reached) + "*";
  os << "| figure | value | from → to |\n|---|---|---|\n";
  os << "| time to detect | "
     << span_or(inc.time_to_detect, impact && !inc.detection ? "*not detected*" : "-")
     << " | impact start → first alert firing |\n";
  os << "| time to page | "
     << span_or(inc.time_to_page, impact && !inc.first_page ? "no page" : "-")
     << " | impact start → first page |\n";
  os << "| time to mitigate | " << span_or(inc.time_to_mitigate, impact ? nr : "-")
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
     << (inc.peak_source ? " (" + *inc.peak_source + ", interval ending " + at(*inc.peak_at) + ")"
                         : "")
     << ".\n\n";
  os << "| SLO | SLI | bad | valid | error budget used | peak bad ratio |\n"
     << "|---|---|---|---|---|---|\n";
  for (const SloImpact& s : inc.slos)
    os << "| " << s.name << " | " << s.sli << " (" << s.subject << ") | " << group_digits(s.bad)
       << " | " << group_digits(s.valid) << " | " << percent(s.budget_consumed) << " of "
       << format_duration(s.window) << " | " << percent(s.peak_bad_ratio) << " |\n";
  os << '\n';
}

void detection(std::ostream& os, const Incident& inc) {
  os << "Notifications: " << inc.pages << (inc.pages == 1 ? " page, " : " pages, ") << inc.tickets
     << (inc.tickets == 1 ? " ticket" : " tickets") << ".\n\n";
  for (const FaultOccurrence& f : inc.faults) {
    os << "- **" << f.name << "** (" << f.kind << (f.instance ? ", " + *f.instance : "") << "), "
       << at(f.start) << " → " << (f.end ? at(*f.end) : "end of record") << ": ";
    if (f.detections.empty()) os << "*no alert detected it*";
    for (std::size_t i = 0; i < f.detections.size(); ++i) {
      const Detection& d = f.detections[i];
      os << (i == 0 ? "" : "; ") << d.alert << " (" << d.severity << ") "
         << (d.after_impact_start ? span_from_impact(*d.after_impact_start) +
                                        (d.after_impact_start->ns() >= 0 ? " after impact" : "")
                                  : format_duration(d.after_fault_start) + " after the fault");
    }
    os << '\n';
  }
  os << '\n';
}

}  // namespace

std::string format_markdown(const Scorecard& card) {
  std::ostringstream os;
  os << "# Scorecard: " << card.scenario_name << "\n\n";
  os << "Seed " << card.seed << ", scenario `" << card.scenario_hash << "`, gameday "
     << card.tool_version << ". Record: " << at(card.record_end) << " of "
     << format_duration(card.planned_duration) << ", "
     << (card.end_reason ? *card.end_reason : std::string("no end line")) << ".\n\n";
  os << "**Summary:** " << summary_line(card) << ".\n\n";
  for (const Incident& inc : card.incidents) {
    os << "## Incident " << inc.number << "\n\n";
    timeline(os, inc);
    durations(os, inc);
    os << "### Impact\n\n";
    impact(os, inc);
    os << "### Detection\n\n";
    detection(os, inc);
  }
  os << "## Noise\n\n";
  if (card.noise.empty()) os << "No alert fired outside an incident.\n";
  for (const NoiseAlert& a : card.noise)
    os << "- " << a.alert << " (" << a.severity << ") fired at " << at(a.fired)
       << " with no fault active and no SLO breached\n";
  if (!card.notes.empty()) os << "\n## Notes\n\n";
  for (const std::string& note : card.notes) os << "- " << note << '\n';
  os << "\nTimes are simulated, from the start of the run. Definitions: docs/scoring.md. "
     << "Scoring targets are not checked: the scenario format has no `scoring.targets` yet.\n";
  return os.str();
}

}  // namespace gameday::scoring

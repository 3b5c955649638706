// The scorecard as text for a terminal, and the one-line summary. Sections per incident:
// timeline (every milestone; one the record does not hold is stated as absent rather than
// invented), durations, impact, detection, and for runs with responders the response (roles,
// the incident commander, status updates, handoffs), the actions with what the system did after
// each, and rejected commands. Colour is optional and only ever marks up text that reads the
// same without it.
#include <algorithm>
#include <sstream>

#include "gameday/core/units.hpp"
#include "gameday/scoring/report.hpp"
#include "report_common.hpp"

namespace gameday::scoring {
namespace {

class Paint {
 public:
  explicit Paint(TextStyle style) : on_(style == TextStyle::Colour) {}
  std::string bold(const std::string& s) const { return wrap("1", s); }
  std::string warn(const std::string& s) const { return wrap("33", s); }
  std::string bad(const std::string& s) const { return wrap("31", s); }
  std::string good(const std::string& s) const { return wrap("32", s); }

 private:
  std::string wrap(const char* code, const std::string& s) const {
    return on_ ? "\x1b[" + std::string(code) + "m" + s + "\x1b[0m" : s;
  }
  bool on_;
};

std::string plural(std::uint64_t n, const std::string& one, const std::string& many) {
  return group_digits(n) + " " + (n == 1 ? one : many);
}

std::string duration_part(const std::string& label, const Worst& w, std::size_t incidents,
                          bool from_impact) {
  if (!w.value && w.missing == 0 && w.on_its_own == 0) return {};
  std::string s = label + " ";
  if (!w.value && w.missing == 0)
    return std::string(no_mitigation) +
           (incidents > 1 ? " for " + plural(w.on_its_own, "incident", "incidents") : "");
  // One incident that never got there makes the worst figure unknown.
  if (w.missing > 0)
    return s + std::string(not_reached) +
           (incidents > 1 ? " for " + plural(w.missing, "incident", "incidents") : "");
  if (incidents > 1) s += "worst ";
  return s + (from_impact ? span_from_impact(*w.value) : duration_for_people(*w.value));
}

void row(std::ostream& os, const std::string& label, const std::string& value) {
  std::string pad(label.size() < 25 ? 25 - label.size() : 1, ' ');
  os << "    " << label << pad << value << '\n';
}

void print_timeline(std::ostream& os, const Incident& inc, const Paint& p) {
  const std::string nr = p.warn(std::string(not_reached));
  os << "  " << p.bold("timeline") << " (from the start of the run)\n";
  row(os, "fault start", at(inc.fault_start));
  row(os, "impact start", inc.impact_start ? at(*inc.impact_start) : "no SLO breached");
  row(os, "detection",
      inc.detection ? at(*inc.detection) + "  " + *inc.detected_by : p.bad("no alert fired"));
  row(os, "first page", instant_or(inc.first_page, "no page sent"));
  row(os, "acknowledgement", instant_or(inc.acknowledged, "no acknowledgement recorded"));
  row(os, "declaration",
      instant_or(inc.declared, "no incident declaration recorded") +
          (inc.severity ? "  " + *inc.severity : ""));
  if (inc.diagnosis)
    row(os, "diagnosis", at(inc.diagnosis->t) + "  " + diagnosis_statement(*inc.diagnosis));
  row(os, "mitigating action",
      inc.mitigated_by_action ? at(*inc.mitigated_by_action) + "  " + *inc.mitigating_action +
                                    " (" + role_label(inc.mitigating_role) + ")"
                              : std::string("no mitigating action recorded"));
  if (inc.marked_mitigated) row(os, "marked mitigated", at(*inc.marked_mitigated));
  if (inc.impact_start) row(os, "impact end", inc.impact_end ? at(*inc.impact_end) : nr);
  row(os, "recovery", inc.recovery ? at(*inc.recovery) : nr);
  row(os, "resolution", instant_or(inc.resolved, "no resolution recorded"));
}

std::string duration_or(const std::optional<Duration>& d, bool applicable, const Paint& p,
                        bool from_impact) {
  if (d) return from_impact ? span_from_impact(*d) : duration_for_people(*d);
  return applicable ? p.warn(std::string(not_reached)) : "-";
}

void print_durations(std::ostream& os, const Incident& inc, bool response, const Paint& p) {
  os << "  " << p.bold("durations") << '\n';
  const bool impact = inc.impact_start.has_value();
  row(os, "time to detect",
      inc.detection || !impact ? duration_or(inc.time_to_detect, false, p, true)
                               : p.bad("not detected"));
  row(os, "time to page",
      inc.first_page || !impact ? duration_or(inc.time_to_page, false, p, true) : "no page");
  if (response && inc.first_page)
    row(os, "time to acknowledge",
        inc.time_to_acknowledge
            ? duration_for_people(*inc.time_to_acknowledge) + "  (first page -> acknowledgement)"
            : p.warn("not acknowledged"));
  if (response && impact)
    row(os, "time to declare",
        inc.time_to_declare
            ? span_from_impact(*inc.time_to_declare) + "  (impact start -> declaration)"
            : p.warn("not declared"));
  row(os, "time to mitigate",
      (ended_unmitigated(inc) ? p.warn(std::string(ended_on_its_own))
                              : duration_or(inc.time_to_mitigate, impact, p, false)) +
          (impact ? "  (impact start -> impact end)" : ""));
  row(os, "time to recover",
      duration_or(inc.time_to_recover, true, p, false) + "  (fault start -> recovery)");
}

void print_impact(std::ostream& os, const Incident& inc, const Paint& p) {
  if (!inc.impact_start) return;
  os << "  " << p.bold("impact") << " (sample intervals ending " << at(*inc.impact_start) << " to "
     << (inc.impact_end ? at(*inc.impact_end) : "the end of the record") << ")\n";
  row(os, "failed requests", group_digits(inc.failed_requests));
  row(os, "slow requests", group_digits(inc.slow_requests));
  row(os, "user-minutes", fixed(inc.user_minutes, 2));
  row(os, "peak error ratio",
      percent(inc.peak_error_ratio) +
          (inc.peak_source
               ? "  (" + *inc.peak_source + ", interval ending " + at(*inc.peak_at) + ")"
               : ""));
  std::size_t width = 3;
  for (const SloImpact& s : inc.slos) width = std::max(width, s.name.size());
  for (const SloImpact& s : inc.slos) {
    os << "    SLO " << s.name << std::string(width - s.name.size() + 2, ' ') << group_digits(s.bad)
       << " bad of " << group_digits(s.valid) << ", " << percent(s.budget_consumed) << " of the "
       << duration_for_people(s.window) << " error budget, peak " << percent(s.peak_bad_ratio)
       << " bad\n";
  }
}

void print_detection(std::ostream& os, const Incident& inc, const Paint& p) {
  os << "  " << p.bold("detection") << " (" << inc.pages
     << (inc.pages == 1 ? " page, " : " pages, ") << inc.tickets
     << (inc.tickets == 1 ? " ticket" : " tickets") << ")\n";
  for (const FaultOccurrence& f : inc.faults) {
    os << "    " << f.name << " (" << f.kind << (f.instance ? ", " + *f.instance : "") << ") "
       << at(f.start) << " -> " << (f.end ? at(*f.end) : "end of record") << '\n';
    if (f.detections.empty()) os << "      " << p.bad("no alert detected it") << '\n';
    for (const Detection& d : f.detections) {
      os << "      " << d.alert << " (" << d.severity << ") fired at " << at(d.fired) << ", "
         << (d.after_impact_start ? span_from_impact(*d.after_impact_start) +
                                        (d.after_impact_start->ns() >= 0 ? " after impact" : "")
                                  : duration_for_people(d.after_fault_start) + " after the fault")
         << '\n';
    }
  }
}

void print_response(std::ostream& os, const Incident& inc, const Scorecard& card, const Paint& p) {
  os << "  " << p.bold("response") << " (" << plural(inc.commands, "command", "commands") << ", "
     << plural(inc.rejected.size(), "rejected", "rejected") << ")\n";
  for (const RoleFilled& r : inc.process.roles)
    row(os, "role " + r.role,
        r.filled ? at(*r.filled) + (r.holder ? " (" + *r.holder + ")" : "") : "not filled");
  row(os, "incident commander", commander_statement(inc.process));
  row(os, "status updates", updates_statement(inc.process.updates, inc.declared.has_value()));
  row(os, "handoffs",
      std::to_string(inc.process.handoffs) + ", " +
          std::to_string(inc.process.handoffs_acknowledged) + " acknowledged");
  if (!inc.process.role_changes.empty()) os << "    role changes\n";
  for (const RoleChange& c : inc.process.role_changes)
    os << "      " << role_change_statement(c) << '\n';
  if (!inc.actions.empty())
    os << "  " << p.bold("actions") << " (what the system did after each)\n";
  for (const ResponderAction& a : inc.actions) {
    std::string verdict = a.verdict;
    if (verdict == "helped") verdict = p.good(verdict);
    if (verdict == "made it worse") verdict = p.bad(verdict);
    os << "    " << at(a.command_at) << "  " << a.action << " (" << role_label(a.role) << ")"
       << (a.effect_at ? ", in effect " + effect_span(a) : std::string()) << ": " << verdict << '\n'
       << "      " << action_statement(a, card) << '\n';
  }
  if (!inc.false_all_clears.empty())
    os << "  " << p.bold("false all-clears") << " (said while users were still failing)\n";
  for (const FalseAllClear& f : inc.false_all_clears)
    os << "    " << at(f.at) << "  " << f.text << " (" << f.responder
       << "): " << p.bad(f.slo + " " + percent(f.bad_share) + " bad")
       << " in the interval before\n";
  if (!inc.rejected.empty())
    os << "  " << p.bold("rejected commands") << " (they changed nothing)\n";
  for (const RejectedCommand& r : inc.rejected)
    os << "    " << at(r.at) << "  " << r.text << " (" << role_label(r.role) << "): " << r.error
       << '\n';
}

}  // namespace

std::string summary_line(const Scorecard& card) {
  const std::size_t n = card.incidents.size();
  std::string s = n == 0 ? std::string("no incidents") : plural(n, "incident", "incidents");
  std::vector<std::string> parts;
  const std::string detect =
      duration_part("time to detect", worst_of(card, &Incident::time_to_detect), n, true);
  if (!detect.empty()) parts.push_back(detect);
  const std::string mitigate =
      duration_part("time to mitigate", worst_of(card, &Incident::time_to_mitigate), n, false);
  if (!mitigate.empty()) parts.push_back(mitigate);
  if (has_response(card)) {
    const std::string ack = duration_part("time to acknowledge",
                                          worst_of(card, &Incident::time_to_acknowledge), n, false);
    if (!ack.empty()) parts.push_back(ack);
  }
  if (n > 0) parts.push_back(plural(total_failed(card), "failed request", "failed requests"));
  const auto budgets = budget_by_slo(card);
  const auto most =
      std::max_element(budgets.begin(), budgets.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  if (most != budgets.end() && most->second > 0)
    parts.push_back(percent(most->second) + " of " + most->first + "'s error budget");
  parts.push_back(plural(static_cast<std::uint64_t>(card.pages), "page", "pages") + ", " +
                  plural(static_cast<std::uint64_t>(card.tickets), "ticket", "tickets"));
  parts.push_back(card.noise.empty() ? "no noise alerts"
                                     : plural(card.noise.size(), "noise alert", "noise alerts"));
  const int undetected = undetected_faults(card);
  if (undetected > 0)
    parts.push_back(plural(static_cast<std::uint64_t>(undetected), "fault", "faults") +
                    " undetected");
  if (has_response(card)) {
    const int actions = total_actions(card);
    std::string a = plural(static_cast<std::uint64_t>(actions), "action", "actions");
    if (actions > 0) {
      a += " (" + std::to_string(actions_with(card, "helped")) + " helped";
      if (const int worse = actions_with(card, "made it worse"); worse > 0)
        a += ", " + std::to_string(worse) + " made it worse";
      a += ")";
    }
    parts.push_back(a);
    if (card.rejected_commands > 0)
      parts.push_back(plural(static_cast<std::uint64_t>(card.rejected_commands), "rejected command",
                             "rejected commands"));
  }
  if (!card.targets.empty()) {
    const auto met = std::count_if(card.targets.begin(), card.targets.end(),
                                   [](const TargetResult& t) { return t.met && *t.met; });
    parts.push_back("targets: " + std::to_string(met) + " of " +
                    std::to_string(card.targets.size()) + " met");
  }
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? ": " : "; ") + parts[i];
  return s;
}

std::string format_text(const Scorecard& raw, TextStyle style) {
  const Scorecard card = printable(raw);  // the record's text without control sequences
  const Paint p(style);
  std::ostringstream os;
  os << p.bold("scorecard: " + card.scenario_name) << ", seed " << card.seed << " ("
     << card.scenario_hash << ", gameday " << card.tool_version << ")\n";
  os << "record: " << at(card.record_end) << " of " << duration_for_people(card.planned_duration)
     << ", " << (card.end_reason ? *card.end_reason : p.warn("no end line")) << "; sample interval "
     << duration_for_people(card.sample_interval) << ", stabilisation window "
     << duration_for_people(card.stabilisation) << "; responders: " << card.responders << "\n\n";
  os << summary_line(card) << '\n';
  for (const Incident& inc : card.incidents) {
    std::string faults;
    for (const FaultOccurrence& f : inc.faults) faults += (faults.empty() ? "" : ", ") + f.name;
    os << '\n' << p.bold("incident " + std::to_string(inc.number) + ": " + faults) << '\n';
    print_timeline(os, inc, p);
    print_durations(os, inc, has_response(card), p);
    print_impact(os, inc, p);
    print_detection(os, inc, p);
    if (has_response(card)) print_response(os, inc, card, p);
  }
  if (!card.people.empty()) os << '\n' << p.bold("people") << '\n';
  for (const PersonCredit& person : card.people) os << "  " << credit_statement(person) << '\n';
  os << '\n' << p.bold("noise") << ": ";
  if (card.noise.empty()) os << "no alert fired outside an incident\n";
  if (!card.noise.empty()) os << '\n';
  for (const NoiseAlert& a : card.noise)
    os << "  " << a.alert << " (" << a.severity << ") fired at " << at(a.fired)
       << " with no fault active and no SLO breached\n";
  if (!card.notes.empty()) os << '\n' << p.bold("notes") << '\n';
  for (const std::string& note : card.notes) os << "  " << p.warn(note) << '\n';
  os << '\n' << p.bold("scoring targets") << ": ";
  if (card.targets.empty()) os << "none set (the scenario has no `scoring.targets`)\n";
  if (!card.targets.empty()) os << '\n';
  for (const TargetResult& t : card.targets) {
    const std::string line = target_statement(t);
    os << "  " << (t.met && !*t.met ? p.bad(line) : line) << '\n';
  }
  return os.str();
}

}  // namespace gameday::scoring

// The postmortem draft. Each section is written from the scorecard (figures), the record
// (timeline, error causes, retries, the ground truth) and the notes (what only people know),
// and says where each statement comes from. Generated sentences describe the system and the
// roles, never a person; the draft passes `gameday lint` when the notes do
// (tests/scoring/postmortem_test.cpp). Every name and text from the record, the scenario and
// the notes goes through markdown.hpp, so that it shows literally.
#include "gameday/scoring/postmortem.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "gameday/core/units.hpp"
#include "gameday/model/names.hpp"
#include "gameday/scoring/markdown.hpp"
#include "gameday/scoring/report.hpp"
#include "report_common.hpp"

namespace gameday::scoring {
namespace {

using eventlog::Event;
using eventlog::Record;

// What the resolved scenario says about a fault: kind, target, and how it was set to end.
struct FaultInfo {
  std::string kind;
  std::string target;
  std::optional<Duration> length;
  std::optional<std::string> until;
};

struct Context {
  const Record* record = nullptr;
  const Scorecard* card = nullptr;
  const PostmortemInput* input = nullptr;
  const PostmortemNotes* notes = nullptr;  // never null: empty notes when none were given
  std::string description;
  std::optional<Duration> start_of_day;
  std::map<std::string, FaultInfo> faults;
};

// The fault's target as the scenario names it: "service orders-db", "from web, to db".
std::string target_of(const model::Scenario& s, const model::FaultTarget& t) {
  const auto service = [&](ServiceId id) {
    return id.is_valid() ? s.services[id.index()].name : "";
  };
  using K = model::FaultTarget::Kind;
  switch (t.kind) {
    case K::Service: return t.service.is_valid() ? "service " + service(t.service) : "";
    case K::Edge: return "from " + service(t.service) + ", to " + service(t.to);
    case K::Zone: return t.zone.is_valid() ? "zone " + s.zones[t.zone.index()] : "";
    case K::ZonePair:
      return "zones " + s.zones[t.zone.index()] + ", " + s.zones[t.other_zone.index()];
    case K::Source: return t.source.is_valid() ? "source " + s.traffic[t.source.index()].name : "";
  }
  return "";
}

void read_scenario(Context& c) {
  const model::Scenario& s = c.record->header.scenario;
  c.description = s.description;
  // Midnight is the format's default: a scenario without `start_at` has no clock to show.
  if (s.start_time_of_day.ns() > 0) c.start_of_day = s.start_time_of_day;
  for (const model::FaultSpec& f : s.faults) {
    FaultInfo info;
    info.kind = model::fault_kind_name(f.kind);
    info.target = target_of(s, f.target);
    info.length = f.length;
    if (f.until_fault)
      info.until = md_code(s.faults[f.until_fault->index()].name) + " ends";
    else if (f.until_action)
      info.until = md_code(*f.until_action) + " takes effect";
    c.faults[f.name] = std::move(info);
  }
}

// "12m40s", with the simulated clock time when the scenario has one: "12m40s (17:42:40)".
std::string when(const Context& c, Time t) {
  if (!c.start_of_day) return at(t);
  const std::int64_t s = (*c.start_of_day + t.since_start()).ns() / 1'000'000'000 % 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return at(t) + " (" + buf + ")";
}

// "10:05", "10:05:30".
std::string clock_text(Duration time_of_day) {
  const std::int64_t s = time_of_day.ns() / 1'000'000'000;
  char buf[16];
  if (s % 60 == 0)
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(s / 3600),
                  static_cast<int>(s / 60 % 60));
  else
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(s / 3600),
                  static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return buf;
}

// When a note happened in the run: its `at`, or its clock time on the scenario's clock (the
// first such time at or after the start; nothing when the scenario has no clock).
std::optional<Time> note_time(const Context& c, const NoteItem& o) {
  if (o.at) return Time::zero() + *o.at;
  if (!o.clock || !c.start_of_day) return std::nullopt;
  Duration since = *o.clock - *c.start_of_day;
  if (since.ns() < 0) since = since + hours(24);
  return Time::zero() + since;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

std::string faults_of(const Incident& inc) {
  std::vector<std::string> names;
  for (const FaultOccurrence& f : inc.faults)
    names.push_back((caused_by_action(f) ? "the action " : "") + md_code(f.name));
  return joined(names);
}

std::optional<std::string> severity(const Scorecard& card) {
  std::optional<std::string> best;
  for (const Incident& inc : card.incidents)
    if (inc.severity && (!best || *inc.severity < *best)) best = inc.severity;  // SEV1 < SEV2
  return best;
}

void write_header(std::ostream& os, const Context& c) {
  const Scorecard& card = *c.card;
  os << "# Postmortem: "
     << md_text(c.notes->title.value_or(card.scenario_name + " game day, seed " +
                                        std::to_string(card.seed)))
     << "\n\n| | |\n|---|---|\n| Status | **Draft** |\n";
  std::string sev = "not declared";
  for (const Incident& inc : card.incidents)
    if (inc.declared && inc.severity && inc.severity == severity(card))
      sev = md_text(*inc.severity) + " (declared at " + at(*inc.declared) + ")";
  os << "| Severity | " << sev << " |\n";
  os << "| Scenario | " << md_text(card.scenario_name) << " ("
     << md_code(card.scenario_hash, Where::Table) << ") |\n";
  os << "| Seed | " << card.seed << " |\n";
  os << "| Run | " << md_code(c.input->run, Where::Table) << ": " << at(card.record_end) << " of "
     << duration_for_people(card.planned_duration) << ", "
     << md_text(card.end_reason.value_or("no end line (the record stops early)"))
     << "; responders: " << md_text(card.responders) << " |\n";
  os << "| Incidents | " << card.incidents.size() << " |\n";
  os << "| Notes | "
     << (c.input->notes ? md_code(c.input->notes_file, Where::Table)
                        : std::string("none given (`--notes FILE`)"))
     << " |\n\n";
  os << "Times are simulated, from the start of the run"
     << (c.start_of_day ? ", with the scenario's clock in brackets" : "")
     << ". This draft is generated by `gameday postmortem` from the run's record; sections say "
        "where their statements come from. Edit it, then run `gameday lint` on it.\n\n";
}

void write_summary(std::ostream& os, const Context& c) {
  const Scorecard& card = *c.card;
  os << "## Summary\n\n";
  if (c.notes->summary) os << md_lines(*c.notes->summary) << "\n\n";
  if (!c.description.empty()) os << "Scenario: " << md_lines(c.description) << "\n\n";
  if (card.incidents.empty()) os << "No fault occurred in this run: there was no incident.\n\n";
  for (const Incident& inc : card.incidents) {
    os << (card.incidents.size() > 1 ? "- Incident " + std::to_string(inc.number) + ": " : "");
    if (inc.faults.size() == 1 && caused_by_action(inc.faults[0]))
      os << "No fault: the responders' action " << md_code(inc.faults[0].name) << " took effect at "
         << at(inc.fault_start) << ". ";
    else
      os << faults_of(inc) << " began at " << at(inc.fault_start) << ". ";
    if (inc.impact_start)
      os << "Users were affected from " << at(*inc.impact_start) << " to "
         << (inc.impact_end ? at(*inc.impact_end) : "the end of the run") << ": "
         << group_digits(inc.failed_requests) << " requests failed and "
         << group_digits(inc.slow_requests) << " were slow. ";
    else
      os << "No SLO was breached. ";
    os << (inc.detection
               ? "It was detected at " + at(*inc.detection) + " (" + md_text(*inc.detected_by) + ")"
               : std::string("No alert detected it"));
    if (inc.mitigating_action)
      os << "; the last action to take effect before the impact ended was "
         << md_code(*inc.mitigating_action);
    os << (inc.recovery ? "; the system had recovered at " + at(*inc.recovery)
                        : std::string("; the system had not recovered when the run ended"))
       << ".\n";
  }
  os << "\nIn one line: " << md_text(summary_line(card)) << ".\n\n";
}

void write_impact(std::ostream& os, const Context& c) {
  os << "## Impact\n\n*From the record's SLO and traffic samples.*\n\n";
  for (const Incident& inc : c.card->incidents) {
    if (c.card->incidents.size() > 1) os << "Incident " << inc.number << ":\n\n";
    if (!inc.impact_start) {
      os << "- No SLO was breached while " << faults_of(inc) << " lasted.\n\n";
      continue;
    }
    os << "- Duration: from " << at(*inc.impact_start) << " to "
       << (inc.impact_end ? at(*inc.impact_end) + " (" +
                                duration_for_people(*inc.impact_end - *inc.impact_start) + ")"
                          : std::string("the end of the run (still affected)"))
       << ".\n";
    os << "- Failed requests: " << group_digits(inc.failed_requests)
       << "; slow requests: " << group_digits(inc.slow_requests)
       << "; user-minutes: " << fixed(inc.user_minutes, 2) << ".\n";
    if (inc.peak_source)
      os << "- Peak error ratio: " << percent(inc.peak_error_ratio) << " of the "
         << md_code(*inc.peak_source) << " journey's requests, in the interval ending "
         << at(*inc.peak_at) << ".\n";
    for (const SloImpact& s : inc.slos)
      os << "- " << md_text(s.name) << ": " << group_digits(s.bad) << " bad of "
         << group_digits(s.valid) << ", " << percent(s.budget_consumed) << " of its "
         << duration_for_people(s.window) << " error budget.\n";
    os << '\n';
  }
}

void write_trigger(std::ostream& os, const Context& c) {
  os << "## Trigger\n\n*From the ground truth: the scenario's faults, which responders did not "
        "see during the game.*\n\n";
  for (const Incident& inc : c.card->incidents) {
    for (const FaultOccurrence& f : inc.faults) {
      if (caused_by_action(f)) {
        os << "- No fault: the responders' action " << md_code(f.name) << " took effect at "
           << at(f.start) << " and the SLOs were breached from " << at(*f.impact_start)
           << (f.end ? " to " + at(*f.end) : std::string(" to the end of the run")) << ".\n";
        continue;
      }
      const auto info = c.faults.find(f.name);
      os << "- " << md_code(f.name) << " (" << md_text(f.kind) << ")";
      if (info != c.faults.end() && !info->second.target.empty())
        os << " on " << md_text(info->second.target);
      if (f.instance) os << ", instance " << md_text(*f.instance);
      os << ", from " << at(f.start);
      if (info != c.faults.end() && info->second.until)
        os << ", set to last until " << *info->second.until;
      else if (info != c.faults.end() && info->second.length)
        os << ", set to last " << duration_for_people(*info->second.length);
      os << "; "
         << (f.end ? "it ended at " + at(*f.end) : std::string("it had not ended when the run did"))
         << ".\n";
    }
  }
  if (c.card->incidents.empty()) os << "No fault occurred.\n";
  os << '\n';
}

// What an error cause means, for a reader who has not seen the record format.
std::string_view cause_meaning(std::string_view cause) {
  if (cause == "rejected") return "a queue was full";
  if (cause == "timeout") return "a caller's timeout fired first";
  if (cause == "downstream") return "a call they depended on failed";
  if (cause == "circuit_open") return "a circuit breaker short-circuited the call";
  if (cause == "unavailable") return "no instance could take them";
  if (cause == "injected") return "an injected error";
  if (cause == "connection") return "they could not connect";
  return "";
}

// The failed requests of the impact window by cause, largest first.
std::string error_causes(const Context& c, const Incident& inc) {
  eventlog::ErrorCounts totals{};
  std::uint64_t all = 0;
  const Time to = inc.impact_end.value_or(c.card->record_end);
  for (const eventlog::SourceSample& s : c.record->source_samples) {
    if (s.t < *inc.impact_start || s.t > to) continue;
    for (std::size_t i = 0; i < totals.size(); ++i) totals[i] += s.errors[i];
  }
  for (const std::uint64_t n : totals) all += n;
  if (all == 0) return {};
  std::vector<std::size_t> order(totals.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return totals[a] > totals[b]; });
  std::vector<std::string> parts;
  for (const std::size_t i : order) {
    if (totals[i] == 0) continue;
    const auto name = eventlog::error_cause_name(static_cast<eventlog::ErrorCause>(i));
    parts.push_back(percent(static_cast<double>(totals[i]) / static_cast<double>(all)) + " " +
                    md_code(name) + " (" + std::string(cause_meaning(name)) + ")");
  }
  return "Of the " + group_digits(all) + " requests that failed during the impact, " +
         joined(parts) + ".";
}

// The dependency whose retry rate grew the most during the impact, against before the faults.
std::string retries(const Context& c, const Incident& inc) {
  const Time to = inc.impact_end.value_or(c.card->record_end);
  std::map<std::size_t, std::pair<std::uint64_t, std::uint64_t>> by_dep;  // before, during
  for (const eventlog::DependencySample& s : c.record->dependency_samples) {
    if (s.t <= inc.fault_start) by_dep[s.dependency.index()].first += s.retries;
    if (s.t >= *inc.impact_start && s.t <= to) by_dep[s.dependency.index()].second += s.retries;
  }
  const double before_min = std::max(inc.fault_start.since_start().to_seconds() / 60, 1e-9);
  const double during_min =
      std::max((to - *inc.impact_start + c.card->sample_interval).to_seconds() / 60, 1e-9);
  std::optional<std::size_t> top;
  double top_rate = 0;
  for (const auto& [dep, counts] : by_dep) {
    const double rate = static_cast<double>(counts.second) / during_min;
    if (rate > top_rate) {
      top = dep;
      top_rate = rate;
    }
  }
  if (!top) return {};
  const double before = static_cast<double>(by_dep[*top].first) / before_min;
  if (top_rate < 2 * before || top_rate < 1) return {};
  const auto& names = c.record->header.names;
  std::string dep = "dependency #" + std::to_string(*top);
  if (*top < names.dependencies.size()) {
    const auto& d = names.dependencies[*top];
    dep = names.services.at(d.from.index()) + "->" + names.services.at(d.to.index());
  }
  const auto per_minute = [](double v) {
    return group_digits(static_cast<std::uint64_t>(v + 0.5));
  };
  return "Callers retried: " + md_code(dep) + " carried " + group_digits(by_dep[*top].second) +
         " retries during the impact (" + per_minute(top_rate) + " a minute, against " +
         per_minute(before) +
         " a minute before the fault); each retry is more load on the "
         "dependency it goes to.";
}

void write_contributing(std::ostream& os, const Context& c) {
  os << "## Contributing factors\n\n*From the ground truth and the record:*\n\n";
  bool any = false;
  for (const Incident& inc : c.card->incidents) {
    for (const FaultOccurrence& f : inc.faults)
      if (f.detections.empty()) {
        os << "- No alert rule detected " << md_code(f.name)
           << ": the monitoring had no rule that this fault's symptoms met.\n";
        any = true;
      }
    if (!inc.impact_start) continue;
    for (const std::string& line : {error_causes(c, inc), retries(c, inc)})
      if (!line.empty()) {
        os << "- " << line << '\n';
        any = true;
      }
  }
  if (!any) os << "- Nothing beyond the trigger stands out in the record.\n";
  os << "\n*From the notes:*\n\n";
  if (c.notes->contributing_factors.empty())
    os << "- None written yet: add them under `contributing_factors:` in the notes file. Name "
          "conditions and gaps in the system, never a person.\n";
  for (const NoteItem& n : c.notes->contributing_factors) os << "- " << md_text(n.text) << '\n';
  os << '\n';
}

void write_detection(std::ostream& os, const Context& c) {
  os << "## Detection\n\n*From the record's alerts, pages and commands.*\n\n";
  for (const Incident& inc : c.card->incidents) {
    if (c.card->incidents.size() > 1) os << "Incident " << inc.number << ":\n\n";
    if (inc.detection)
      os << "- Detected at " << at(*inc.detection) << " by " << md_text(*inc.detected_by)
         << (inc.time_to_detect
                 ? ", " + span_from_impact(*inc.time_to_detect) +
                       (inc.time_to_detect->ns() >= 0 ? " after the impact began" : "")
                 : std::string())
         << ".\n";
    else
      os << "- Nothing detected the incident: no alert fired and it was not declared.\n";
    os << "- Notifications: " << inc.pages << (inc.pages == 1 ? " page" : " pages") << ", "
       << inc.tickets << (inc.tickets == 1 ? " ticket" : " tickets")
       << (inc.first_page ? "; the first page at " + at(*inc.first_page) : std::string()) << ".\n";
    if (inc.first_page)
      os << "- "
         << (inc.acknowledged
                 ? "The page was acknowledged at " + at(*inc.acknowledged) + ", " +
                       duration_for_people(*inc.time_to_acknowledge) + " after it was sent"
                 : std::string("No acknowledgement of the page is recorded"))
         << ".\n";
    for (const FaultOccurrence& f : inc.faults) {
      os << "- " << md_code(f.name) << ": ";
      if (f.detections.empty()) os << "no alert detected it";
      for (std::size_t i = 0; i < f.detections.size(); ++i) {
        const Detection& d = f.detections[i];
        os << (i == 0 ? "" : "; ") << md_code(d.alert) << " (" << md_text(d.severity) << ") at "
           << at(d.fired);
      }
      os << ".\n";
    }
    os << '\n';
  }
  if (!c.card->noise.empty())
    os << "Alerts that fired with no fault active and no SLO breached (noise): "
       << c.card->noise.size() << ".\n\n";
}

void write_response(std::ostream& os, const Context& c) {
  os << "## Response\n\n*From the record's commands: roles, not people.*\n\n";
  if (!has_response(*c.card)) {
    os << "No responders took part in this run (responders: none).\n\n";
    return;
  }
  for (const Incident& inc : c.card->incidents) {
    if (c.card->incidents.size() > 1) os << "Incident " << inc.number << ":\n\n";
    os << "- Declaration: "
       << (inc.declared
               ? at(*inc.declared) + (inc.severity ? ", " + md_text(*inc.severity) : "") +
                     (inc.time_to_declare
                          ? ", " + span_from_impact(*inc.time_to_declare) +
                                (inc.time_to_declare->ns() >= 0 ? " after the impact began" : "")
                          : std::string())
               : std::string("the incident was not declared"))
       << ".\n";
    std::vector<std::string> roles;
    for (const RoleFilled& r : inc.process.roles)
      roles.push_back(md_text(r.role) +
                      (r.filled ? " from " + at(*r.filled) : std::string(" not filled")));
    os << "- Roles: " << joined(roles) << ".\n";
    os << "- Incident commander: " << md_text(commander_statement(inc.process)) << ".\n";
    os << "- Status updates: "
       << md_text(updates_statement(inc.process.updates, inc.declared.has_value())) << ".\n";
    for (const RoleChange& ch : inc.process.role_changes)
      if (ch.previous) os << "- Handoff: " << md_text(role_change_statement(ch)) << ".\n";
    for (const ResponderAction& a : inc.actions)
      os << "- Action " << md_code(a.action) << " (" << md_text(role_label(a.role)) << ") at "
         << at(a.command_at)
         << (!a.effect_at                       ? ""
             : a.first_effect_at == a.effect_at ? ", in effect at " + effect_span(a)
                                                : ", in effect from " + effect_span(a))
         << ": " << md_text(a.verdict) << ". " << md_text(action_statement(a, *c.card)) << ".\n";
    if (!inc.rejected.empty())
      os << "- " << inc.rejected.size()
         << (inc.rejected.size() == 1 ? " command was" : " commands were")
         << " rejected (they changed nothing); see the timeline.\n";
    os << '\n';
  }
}

void write_recovery(std::ostream& os, const Context& c) {
  os << "## Recovery\n\n*From the record's samples, fault ends and commands.*\n\n";
  for (const Incident& inc : c.card->incidents) {
    if (c.card->incidents.size() > 1) os << "Incident " << inc.number << ":\n\n";
    if (inc.impact_start)
      os << "- "
         << (inc.impact_end
                 ? "The SLIs were back within objective at " + at(*inc.impact_end) +
                       " and stayed there for " + duration_for_people(c.card->stabilisation)
                 : std::string("The SLIs were still out of objective when the run ended"))
         << ".\n";
    if (inc.mitigating_action)
      os << "- The last action to take effect before that was " << md_code(*inc.mitigating_action)
         << " (" << md_text(role_label(inc.mitigating_role)) << ") at "
         << at(*inc.mitigated_by_action) << ".\n";
    else if (inc.impact_end)
      os << "- No responder action took effect before the impact ended.\n";
    for (const FaultOccurrence& f : inc.faults) {
      const auto by = std::find_if(inc.actions.begin(), inc.actions.end(), [&](const auto& a) {
        return std::find(a.ended_faults.begin(), a.ended_faults.end(), f.name) !=
               a.ended_faults.end();
      });
      os << "- " << md_code(f.name) << " "
         << (!f.end ? std::string("had not ended when the run did")
             : by != inc.actions.end()
                 ? "ended at " + at(*f.end) + " when " + md_code(by->action) + " took effect"
                 : "ended at " + at(*f.end) + " on its own (the scenario's schedule)")
         << ".\n";
    }
    os << "- Recovery (every fault ended and the SLIs normal): "
       << (inc.recovery ? at(*inc.recovery) : std::string(not_reached)) << ".\n";
    if (inc.marked_mitigated)
      os << "- Marked mitigated by a responder at " << at(*inc.marked_mitigated) << ".\n";
    os << "- Resolution: "
       << (inc.resolved ? at(*inc.resolved) : std::string("no resolution recorded")) << ".\n";
    // Roles, not people: who said it is in the scorecard.
    for (const FalseAllClear& f : inc.false_all_clears)
      os << "- False all-clear at " << at(f.at) << ": " << md_code(f.text) << " while "
         << md_text(f.slo) << " was " << percent(f.bad_share)
         << " bad in the interval before; users were still failing.\n";
    os << '\n';
  }
}

struct Entry {
  Time t;
  int order = 0;  // record order, so equal times keep it
  std::string source;
  std::string text;
};

// One timeline entry for a record event, or none for the kinds the timeline leaves out.
// What the responder could see when they acted: the alerts firing then, and the last thing they
// looked at.
std::string situation_at(const Context& c, Time t, const std::string& responder) {
  const auto& n = c.record->header.names;
  std::vector<std::string> firing;
  std::string looked;
  for (const Event& e : c.record->events) {
    if (e.t > t) break;
    if (const auto* a = e.get<eventlog::AlertChange>()) {
      const std::string name = md_code(n.alerts[a->alert.index()], Where::Table);
      if (e.kind == eventlog::EventKind::AlertFiring)
        firing.push_back(name);
      else if (e.kind == eventlog::EventKind::AlertResolved)
        std::erase(firing, name);
    }
    if (const auto* command = e.get<eventlog::CommandIssued>();
        command != nullptr && command->accepted() && command->responder == responder) {
      const auto verb = model::find_verb(command->verb);
      if (verb && model::verb_class(*verb) == model::VerbClass::Investigation)
        looked = md_code(command->text, Where::Table) + " at " + at(e.t);
    }
  }
  std::string out = "; firing then: " + (firing.empty() ? std::string("no alert") : joined(firing));
  if (!looked.empty()) out += "; last looked at " + looked;
  return out;
}

std::optional<Entry> entry_of(const Context& c, const Event& e,
                              const std::map<std::uint64_t, std::string>& effects) {
  using eventlog::EventKind;
  const auto& n = c.record->header.names;
  const Entry base{e.t, 0, "", ""};
  const auto make = [&](std::string source, std::string text) {
    Entry x = base;
    x.source = std::move(source);
    x.text = std::move(text);
    return std::optional<Entry>(std::move(x));
  };
  // Entries are table cells.
  const auto code = [](const std::string& text) { return md_code(text, Where::Table); };
  switch (e.kind) {
    case EventKind::FaultStart:
      return make("fault", code(n.faults[e.get<eventlog::FaultChange>()->fault.index()]) +
                               " began (ground truth)");
    case EventKind::FaultEnd: {
      const auto by = e.cause ? effects.find(*e.cause) : effects.end();
      return make("fault",
                  code(n.faults[e.get<eventlog::FaultChange>()->fault.index()]) + " ended" +
                      (by != effects.end() ? " when " + code(by->second) + " took effect" : "") +
                      " (ground truth)");
    }
    case EventKind::AlertFiring: {
      const auto* a = e.get<eventlog::AlertChange>();
      return make("alert", code(n.alerts[a->alert.index()]) + " fired (" +
                               md_text(model::name_of(model::severity_names, a->severity)) + ")");
    }
    case EventKind::AlertResolved:
      return make("alert",
                  code(n.alerts[e.get<eventlog::AlertChange>()->alert.index()]) + " resolved");
    case EventKind::Page:
    case EventKind::Ticket: {
      const auto* p = e.get<eventlog::Notification>();
      const std::string more =
          p->alerts > 1 ? " and " + std::to_string(p->alerts - 1) + " more" : "";
      return make("page",
                  std::string(e.kind == EventKind::Page ? "page sent for " : "ticket filed for ") +
                      code(n.alerts[p->alert.index()]) + more);
    }
    case EventKind::ActionEffect:
      return make("command", code(e.get<eventlog::ActionTookEffect>()->action) + " took effect");
    case EventKind::Command: {
      const auto* command = e.get<eventlog::CommandIssued>();
      const auto verb = model::find_verb(command->verb);
      // Looks go to the appendix: the timeline keeps what changed the system or the incident.
      if (command->accepted() && verb &&
          model::verb_class(*verb) == model::VerbClass::Investigation)
        return std::nullopt;
      const std::string who = command->verb.starts_with('!') ? "facilitator"
                              : command->role.empty()        ? "no role"
                                                             : command->role;
      const std::string by = " (" + md_text(who) + ")";
      if (!command->accepted())
        return make("command", code(command->text) + by + ", rejected: " + md_text(command->error));
      const std::string argument = command->text.find(' ') == std::string::npos
                                       ? std::string()
                                       : command->text.substr(command->text.find(' ') + 1);
      if (verb == model::Verb::Declare)
        return make("command", "**incident declared**, " + md_text(argument) + by);
      if (verb == model::Verb::Update)
        return make("command", "**status update**" + by + ": " + md_text(argument));
      if (verb == model::Verb::Mitigated) return make("command", "**marked mitigated**" + by);
      if (verb == model::Verb::Resolve) return make("command", "**incident resolved**" + by);
      std::string text = code(command->text) + by;
      if (verb && model::verb_class(*verb) == model::VerbClass::Action)
        text += situation_at(c, e.t, command->responder);
      return make("command", std::move(text));
    }
    default: return std::nullopt;
  }
}

std::vector<Entry> timeline_entries(const Context& c) {
  std::vector<Entry> out;
  std::map<std::uint64_t, std::string> effects;  // action_effect seq -> action
  for (const Event& e : c.record->events)
    if (const auto* effect = e.get<eventlog::ActionTookEffect>()) effects[e.seq] = effect->action;
  for (const Event& e : c.record->events)
    if (auto x = entry_of(c, e, effects)) out.push_back(std::move(*x));
  for (const Incident& inc : c.card->incidents) {
    if (inc.impact_start)
      out.push_back({*inc.impact_start, 0, "metric", "SLOs out of objective: the impact begins"});
    if (inc.peak_at)
      out.push_back({*inc.peak_at, 0, "metric",
                     "peak error ratio: " + percent(inc.peak_error_ratio) + " of the " +
                         md_code(inc.peak_source.value_or(""), Where::Table) +
                         " journey's requests failed"});
    if (inc.impact_end)
      out.push_back({*inc.impact_end, 0, "metric",
                     "SLIs back within objective (they stayed there for " +
                         duration_for_people(c.card->stabilisation) + ")"});
  }
  for (const NoteItem& o : c.notes->observations)
    if (const auto t = note_time(c, o)) out.push_back({*t, 0, "note", md_text(o.text)});
  for (std::size_t i = 0; i < out.size(); ++i) out[i].order = static_cast<int>(i);
  std::stable_sort(out.begin(), out.end(),
                   [](const Entry& a, const Entry& b) { return a.t < b.t; });
  return out;
}

// What responders looked at: the investigation commands the timeline leaves out.
void write_looks(std::ostream& os, const Context& c) {
  std::vector<std::string> rows;
  for (const Event& e : c.record->events) {
    const auto* command = e.get<eventlog::CommandIssued>();
    if (command == nullptr || !command->accepted()) continue;
    const auto verb = model::find_verb(command->verb);
    if (!verb || model::verb_class(*verb) != model::VerbClass::Investigation) continue;
    rows.push_back("| " + when(c, e.t) + " | " +
                   md_text(command->role.empty() ? std::string("no role") : command->role) + " | " +
                   md_code(command->text, Where::Table) + " |");
  }
  if (rows.empty()) return;
  os << "## Appendix: what responders looked at\n\n*From the record's investigation commands, "
        "left out of the timeline.*\n\n| time | role | command |\n|---|---|---|\n";
  for (const std::string& r : rows) os << r << '\n';
  os << '\n';
}

void write_timeline(std::ostream& os, const Context& c) {
  os << "## Timeline\n\n*Every entry names its source: `fault` (the ground truth, hidden from "
        "responders during the game), `alert`, `page`, `command`, `metric` (from the SLO "
        "samples) or `note` (the notes file).*\n\n";
  os << "| time | source | what happened |\n|---|---|---|\n";
  for (const Entry& e : timeline_entries(c))
    os << "| " << when(c, e.t) << " | " << e.source << " | " << e.text << " |\n";
  std::vector<const NoteItem*> untimed;
  for (const NoteItem& o : c.notes->observations)
    if (!note_time(c, o)) untimed.push_back(&o);
  if (!untimed.empty()) os << "\nObservations from the notes without a time:\n\n";
  for (const NoteItem* o : untimed)
    os << "- " << md_text(o->text)
       << (o->clock
               ? " (noted at " + clock_text(*o->clock) + ", but the scenario sets no clock time)"
               : std::string())
       << '\n';
  os << '\n';
}

struct Lessons {
  std::vector<std::string> well, poorly, lucky;
};

// Lessons the scorecard supports on its own; the authors keep, edit or drop them.
Lessons scorecard_lessons(const Scorecard& card) {
  Lessons l;
  for (const Incident& inc : card.incidents) {
    const std::string tag =
        card.incidents.size() > 1 ? " (incident " + std::to_string(inc.number) + ")" : "";
    if (inc.time_to_detect && inc.time_to_detect->ns() <= minutes(5).ns())
      l.well.push_back("Detection came " + span_from_impact(*inc.time_to_detect) +
                       (inc.time_to_detect->ns() >= 0 ? " after the impact began" : "") + tag +
                       ".");
    if (inc.impact_start && !inc.impact_end)
      l.poorly.push_back("The impact had not ended when the run did" + tag + ".");
    if (inc.impact_start && !inc.detection)
      l.poorly.push_back("Nothing detected the impact" + tag + ": no alert fired.");
    for (const FaultOccurrence& f : inc.faults)
      if (f.detections.empty() && inc.detection)
        l.poorly.push_back("No alert rule detected " + md_code(f.name) + tag + ".");
    const auto helped = std::count_if(inc.actions.begin(), inc.actions.end(),
                                      [](const auto& a) { return a.verdict == "helped"; });
    const auto worse = std::count_if(inc.actions.begin(), inc.actions.end(),
                                     [](const auto& a) { return a.verdict == "made it worse"; });
    if (helped > 0)
      l.well.push_back(std::to_string(helped) + (helped == 1 ? " action was" : " actions were") +
                       " followed by SLIs returning toward objective" + tag + ".");
    if (worse > 0)
      l.poorly.push_back(std::to_string(worse) + (worse == 1 ? " action was" : " actions were") +
                         " followed by worse SLIs" + tag + ".");
    if (inc.process.commander && inc.process.commander_actions.empty() && !inc.actions.empty())
      l.well.push_back("The incident_commander role coordinated and left the actions to others" +
                       tag + ".");
    if (const auto& ops = inc.process.commander_actions; !ops.empty()) {
      std::vector<std::string> actions;
      for (const std::string& a : ops) actions.push_back(md_code(a));
      l.poorly.push_back("The incident_commander role also operated (" + joined(actions) + ")" +
                         tag +
                         ": commanding and operating at once leaves less attention for "
                         "coordination.");
    }
    const StatusUpdates& u = inc.process.updates;
    if (u.on_cadence && *u.on_cadence)
      l.well.push_back("Status updates kept their cadence" + tag + ".");
    if (u.on_cadence && !*u.on_cadence)
      l.poorly.push_back("Status updates did not keep their cadence: " +
                         md_text(updates_statement(u, true)) + tag + ".");
    if (has_response(card) && inc.impact_start && !inc.declared)
      l.poorly.push_back("The incident was not declared" + tag + ".");
    if (!inc.rejected.empty())
      l.poorly.push_back(std::to_string(inc.rejected.size()) +
                         (inc.rejected.size() == 1 ? " command was" : " commands were") +
                         " rejected; the command language or the runbooks may need a look at" +
                         tag + ".");
    const bool own_end =
        !inc.faults.empty() &&
        std::all_of(inc.faults.begin(), inc.faults.end(), [&](const auto& f) {
          return f.end && std::none_of(inc.actions.begin(), inc.actions.end(), [&](const auto& a) {
                   return std::find(a.ended_faults.begin(), a.ended_faults.end(), f.name) !=
                          a.ended_faults.end();
                 });
        });
    if (own_end && inc.impact_start && inc.impact_end && !inc.mitigating_action)
      l.lucky.push_back("The faults ended on their own schedule, not through a response" + tag +
                        ".");
  }
  return l;
}

void lesson_list(std::ostream& os, const std::string& title, const std::vector<NoteItem>& notes,
                 const std::vector<std::string>& generated) {
  os << "### " << title << "\n\n";
  for (const NoteItem& n : notes) os << "- " << md_text(n.text) << '\n';
  for (const std::string& g : generated) os << "- " << g << " *(from the scorecard)*\n";
  if (notes.empty() && generated.empty()) os << "- *Nothing yet: add it to the notes file.*\n";
  os << '\n';
}

void write_lessons(std::ostream& os, const Context& c) {
  const Lessons l = scorecard_lessons(*c.card);
  os << "## Lessons\n\n";
  lesson_list(os, "What went well", c.notes->went_well, l.well);
  lesson_list(os, "What went poorly", c.notes->went_poorly, l.poorly);
  lesson_list(os, "Where we got lucky", c.notes->lucky, l.lucky);
}

void write_action_items(std::ostream& os, const Context& c) {
  os << "## Action items\n\n";
  if (c.notes->action_items.empty()) {
    os << "None in the notes yet. Each one needs what changes, a type (prevent, detect, "
          "mitigate, process, repair), an owning role or team, a priority and how we know it is "
          "done (`action_items:` in the notes file).\n\n";
    return;
  }
  os << "| action item | type | owner | priority | done when | ticket "
        "|\n|---|---|---|---|---|---|\n";
  for (const ActionItem& a : c.notes->action_items)
    os << "| " << md_text(a.action) << " | " << md_text(a.type) << " | " << md_text(a.owner)
       << " | " << md_text(a.priority) << " | " << md_text(a.done_when) << " | "
       << md_text(a.ticket.value_or("")) << " |\n";
  os << '\n';
}

void write_supporting(std::ostream& os, const Context& c) {
  os << "## Supporting data\n\n";
  if (c.input->picture)
    os << "![The run's incident summary, drawn by gameday render]("
       << md_destination(*c.input->picture) << ")\n\n";
  else
    os << "No picture in the run folder yet: "
       << md_code("gameday render " + c.input->run + " --summary --out " + c.input->run +
                  "/summary.png")
       << " draws one.\n\n";
  os << format_markdown(*c.card, 3) << '\n';
}

// What the authors should look at before the draft leaves Draft.
void write_review(std::ostream& os, const Context& c) {
  std::vector<std::string> items;
  for (const LintFinding& f : c.input->notes_findings)
    items.push_back(md_text(c.input->notes_file + ":" + std::to_string(f.line) + ":" +
                            std::to_string(f.column) + ": " +
                            std::string(lint_category_name(f.category)) + ": ") +
                    md_code(f.text) + ": " + md_text(f.suggestion));
  const std::vector<std::string> people = responder_names(*c.record);
  for (const ActionItem& a : c.notes->action_items) {
    const std::string item = "action item " + md_code(a.action) + ": ";
    if (std::find(people.begin(), people.end(), a.owner) != people.end())
      items.push_back(item + "its owner " + md_code(a.owner) +
                      " is a responder's name; name the role or team that owns it");
    else if (names_a_person(a.owner, people))
      items.push_back(item + "its owner " + md_code(a.owner) +
                      " names a person who was not in the game; name the role or team that owns "
                      "it");
    if (vague_done_when(a.done_when))
      items.push_back(item + "its `done_when` " + md_code(a.done_when) +
                      " gives no way to check it; name a figure, a test, an alert or a change "
                      "that shows it is done");
  }
  if (items.empty()) return;
  os << "## Before publishing\n\n*The blameless-language check of the notes, and owners to "
        "review:*\n\n";
  for (const std::string& i : items) os << "- " << i << '\n';
  os << '\n';
}

}  // namespace

std::vector<std::string> responder_names(const Record& record) {
  std::vector<std::string> people;
  for (const Event& e : record.events)
    if (const auto* command = e.get<eventlog::CommandIssued>();
        command != nullptr &&
        std::find(people.begin(), people.end(), command->responder) == people.end())
      people.push_back(command->responder);
  return people;
}

std::string format_postmortem(const Record& record, const Scorecard& card,
                              const PostmortemInput& input) {
  static const PostmortemNotes no_notes;
  Context c;
  c.record = &record;
  c.card = &card;
  c.input = &input;
  c.notes = input.notes ? &*input.notes : &no_notes;
  read_scenario(c);
  std::ostringstream os;
  write_header(os, c);
  write_review(os, c);
  write_summary(os, c);
  write_impact(os, c);
  write_trigger(os, c);
  write_contributing(os, c);
  write_detection(os, c);
  write_response(os, c);
  write_recovery(os, c);
  write_timeline(os, c);
  write_lessons(os, c);
  write_action_items(os, c);
  write_supporting(os, c);
  write_looks(os, c);
  return os.str();
}

}  // namespace gameday::scoring

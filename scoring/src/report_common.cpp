// Shared report formatting; see report_common.hpp. Doubles are printed with snprintf in the
// "C" locale's form (the project never sets a locale), so reports are byte-stable.
#include "report_common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gameday/core/terminal_text.hpp"
#include "gameday/core/units.hpp"

namespace gameday::scoring {

std::string group_digits(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string percent(double share) {
  const double v = share * 100;
  char buf[64];
  if (v == 0 || std::abs(v) >= 1)
    std::snprintf(buf, sizeof buf, "%.2f%%", v);
  else
    std::snprintf(buf, sizeof buf, "%.2g%%", v);
  return buf;
}

std::string at(Time t) {
  return instant_for_people(t.since_start());
}

std::string effect_span(const ResponderAction& a) {
  if (!a.effect_at) return "";
  if (!a.first_effect_at || *a.first_effect_at == *a.effect_at) return at(*a.effect_at);
  return at(*a.first_effect_at) + " to " + at(*a.effect_at);
}

std::string span_from_impact(Duration d) {
  if (d.ns() < 0) return duration_for_people(Duration::from_ns(-d.ns())) + " before impact";
  return duration_for_people(d);
}

std::string instant_or(const std::optional<Time>& t, std::string_view missing) {
  return t ? at(*t) : std::string(missing);
}

int undetected_faults(const Scorecard& card) {
  int n = 0;
  for (const Incident& inc : card.incidents)
    for (const FaultOccurrence& f : inc.faults) n += f.detections.empty() ? 1 : 0;
  return n;
}

std::vector<std::pair<std::string, double>> budget_by_slo(const Scorecard& card) {
  std::vector<std::pair<std::string, double>> out;
  for (const Incident& inc : card.incidents) {
    for (const SloImpact& s : inc.slos) {
      auto it =
          std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == s.name; });
      if (it == out.end()) {
        out.emplace_back(s.name, s.budget_consumed);
      } else {
        it->second += s.budget_consumed;
      }
    }
  }
  return out;
}

}  // namespace gameday::scoring

namespace gameday::scoring {

Worst worst_of(const Scorecard& card, std::optional<Duration> Incident::*figure) {
  Worst w;
  for (const Incident& inc : card.incidents) {
    const std::optional<Duration>& d = inc.*figure;
    if (d) {
      if (!w.value || *d > *w.value) w.value = *d;
    } else if (figure == &Incident::time_to_mitigate && ended_unmitigated(inc)) {
      ++w.on_its_own;  // nothing to mitigate any more, and nobody did
    } else if (figure == &Incident::time_to_acknowledge
                   ? inc.first_page.has_value()
                   : inc.impact_start || figure == &Incident::time_to_recover) {
      ++w.missing;  // an acknowledgement is owed to a page; the other figures to an impact
    }
  }
  return w;
}

std::uint64_t total_failed(const Scorecard& card) {
  std::uint64_t n = 0;
  for (const Incident& inc : card.incidents) n += inc.failed_requests;
  return n;
}

}  // namespace gameday::scoring

namespace gameday::scoring {
namespace {

void clean(std::string& s) {
  s = terminal_text(s);
}

void clean(std::optional<std::string>& s) {
  if (s) clean(*s);
}

void clean(std::vector<std::string>& v) {
  for (std::string& s : v) clean(s);
}

void clean(Incident& inc) {
  for (FaultOccurrence& f : inc.faults) {
    clean(f.name);
    clean(f.kind);
    clean(f.instance);
    for (Detection& d : f.detections) {
      clean(d.alert);
      clean(d.severity);
    }
  }
  clean(inc.detected_by);
  clean(inc.severity);
  if (inc.diagnosis) {
    clean(inc.diagnosis->responder);
    clean(inc.diagnosis->service);
    clean(inc.diagnosis->kind);
  }
  clean(inc.mitigating_action);
  clean(inc.mitigating_role);
  clean(inc.peak_source);
  for (SloImpact& s : inc.slos) {
    clean(s.name);
    clean(s.sli);
    clean(s.subject);
  }
  for (RoleFilled& r : inc.process.roles) {
    clean(r.role);
    clean(r.holder);
  }
  for (RoleChange& c : inc.process.role_changes) {
    clean(c.role);
    clean(c.holder);
    clean(c.previous);
    clean(c.given_by);
  }
  clean(inc.process.commander_actions);
  for (ResponderAction& a : inc.actions) {
    clean(a.action);
    clean(a.verb);
    clean(a.role);
    clean(a.ended_faults);
    clean(a.verdict);
    for (SloChange& c : a.slos) clean(c.name);
  }
  for (RejectedCommand& r : inc.rejected) {
    clean(r.verb);
    clean(r.text);
    clean(r.error);
    clean(r.role);
  }
}

}  // namespace

Scorecard printable(Scorecard card) {
  clean(card.scenario_name);
  clean(card.scenario_hash);
  clean(card.tool_version);
  clean(card.end_reason);
  clean(card.responders);
  for (Incident& inc : card.incidents) clean(inc);
  for (NoiseAlert& a : card.noise) {
    clean(a.alert);
    clean(a.severity);
  }
  for (TargetResult& t : card.targets) {
    clean(t.name);
    clean(t.unit);
  }
  clean(card.notes);
  for (PersonCredit& person : card.people) {
    clean(person.name);
    clean(person.roles);
    clean(person.actions);
  }
  return card;
}

std::string diagnosis_statement(const Diagnosis& d) {
  std::string out = d.service + (d.kind ? " (" + *d.kind + ")" : "") + ", by " + d.responder +
                    ": " + (d.right_service ? "the service at fault" : "not a service at fault");
  if (d.right_kind) out += *d.right_kind ? ", the right kind" : ", not the kind of failure";
  return out;
}

std::string credit_statement(const PersonCredit& p) {
  std::vector<std::string> parts;
  const auto count = [&](int n, const char* one, const char* many) {
    if (n > 0) parts.push_back(n == 1 ? std::string("1 ") + one : std::to_string(n) + " " + many);
  };
  if (!p.actions.empty()) {
    std::string list;
    for (const std::string& a : p.actions) list += (list.empty() ? "" : ", ") + a;
    parts.push_back(
        (p.actions.size() == 1 ? "1 action (" : std::to_string(p.actions.size()) + " actions (") +
        list + ")");
  }
  count(p.acknowledgements, "acknowledgement", "acknowledgements");
  count(p.declarations, "incident call", "incident calls");
  count(p.updates, "status update", "status updates");
  count(p.handoffs, "role handed out", "roles handed out");
  count(p.notes, "note", "notes");
  count(p.said, "line on the channel", "lines on the channel");
  count(p.looked, "look", "looks");
  count(p.rejected, "refused command", "refused commands");
  std::string roles;
  for (const std::string& r : p.roles) roles += (roles.empty() ? "" : ", then ") + r;
  std::string s = p.name + (roles.empty() ? "" : " (" + roles + ")") + ": ";
  if (parts.empty()) return s + "no commands";
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? "" : "; ") + parts[i];
  return s;
}

bool has_response(const Scorecard& card) {
  return card.responders != "none" || card.commands > 0 || card.rejected_commands > 0;
}

std::string role_label(const std::optional<std::string>& role) {
  return role ? *role : std::string("no role");
}

std::string role_statement(const RoleFilled& r) {
  if (!r.filled) return r.role + " not filled";
  return r.role + " " + at(*r.filled) + (r.holder ? " (" + *r.holder + ")" : "");
}

std::string commander_statement(const Process& p) {
  if (!p.commander) return "no incident_commander role was held";
  if (p.commander_actions.empty())
    return "the incident_commander role issued no actions (it coordinated)";
  std::string s = "the incident_commander role issued " +
                  std::to_string(p.commander_actions.size()) +
                  (p.commander_actions.size() == 1 ? " action: " : " actions: ");
  for (std::size_t i = 0; i < p.commander_actions.size(); ++i)
    s += (i == 0 ? "" : ", ") + p.commander_actions[i];
  return s;
}

std::string updates_statement(const StatusUpdates& u, bool declared) {
  std::string s = std::to_string(u.count) + (u.count == 1 ? " update" : " updates");
  if (!declared) return s + "; no declaration to measure the cadence from";
  if (u.first_after_declaration && u.first_after_declaration->ns() == 0)
    s += "; the first with the declaration";
  else if (u.first_after_declaration)
    s +=
        "; the first " + duration_for_people(*u.first_after_declaration) + " after the declaration";
  else
    s += "; none after the declaration";
  if (u.longest_gap) s += "; longest stretch without one " + duration_for_people(*u.longest_gap);
  s += "; ";
  s += u.on_cadence && *u.on_cadence
           ? "on cadence"
           : std::to_string(u.late) + (u.late == 1 ? " stretch" : " stretches") +
                 " longer than the cadence";
  return s + " (first within " + duration_for_people(u.first_within) + ", then every " +
         duration_for_people(u.every) + ")";
}

std::string role_change_statement(const RoleChange& c) {
  const std::string by =
      c.given_by ? "the " + *c.given_by : std::string("a responder without a role");
  std::string s;
  if (c.previous)
    s = c.role + " handed over from " + *c.previous + " to " + c.holder + " at " + at(c.at) +
        (c.self ? ", taken by the new holder" : ", given by " + by);
  else if (c.self)
    return c.role + " taken by " + c.holder + " at " + at(c.at);
  else
    s = c.role + " given to " + c.holder + " at " + at(c.at) + " by " + by;
  if (c.self) return s;
  return s + (c.acknowledged ? "; acknowledged at " + at(*c.acknowledged)
                             : "; not acknowledged (no command from the new holder within 5m)");
}

std::string action_statement(const ResponderAction& a, const Scorecard& card) {
  std::string s;
  if (!a.effect_at) {
    s = "the run ended before it took effect";
  } else {
    // The SLO that moved the most, after the effect or while it took effect.
    const SloChange* most = nullptr;
    double change = -1;
    for (const SloChange& c : a.slos) {
      if (!c.before || !c.after) continue;
      double d = *c.after > *c.before ? *c.after - *c.before : *c.before - *c.after;
      if (c.during) d = std::max(d, *c.during - *c.before);
      if (d > change) {
        change = d;
        most = &c;
      }
    }
    if (most == nullptr) {
      s = "no SLO samples before the command or after its effect";
    } else {
      s = most->name + " " + percent(*most->before) + " bad in the " +
          duration_for_people(card.before_window) + " before the command, " +
          percent(*most->after) + " in the " + duration_for_people(card.effect_window) +
          " after its effect";
      if (most->during && *most->during > *most->before && *most->during > *most->after)
        s += " (" + percent(*most->during) + " while it took effect)";
    }
  }
  if (!a.ended_faults.empty()) {
    s += "; it ended ";
    for (std::size_t i = 0; i < a.ended_faults.size(); ++i)
      s += (i == 0 ? "" : ", ") + a.ended_faults[i];
  }
  return s;
}

int actions_with(const Scorecard& card, std::string_view verdict) {
  int n = 0;
  for (const Incident& inc : card.incidents)
    for (const ResponderAction& a : inc.actions) n += a.verdict == verdict ? 1 : 0;
  return n;
}

int total_actions(const Scorecard& card) {
  int n = 0;
  for (const Incident& inc : card.incidents) n += static_cast<int>(inc.actions.size());
  return n;
}

std::string target_statement(const TargetResult& t) {
  const auto value = [&](double v) {
    if (t.unit == "ns") return duration_for_people(Duration::from_ns(static_cast<std::int64_t>(v)));
    if (t.unit == "share") return percent(v);
    return group_digits(static_cast<std::uint64_t>(v));
  };
  std::string s = t.name + ": ";
  if (t.name == "status_updates")
    s += "on cadence in every declared incident";
  else
    s += "target " + value(t.target);
  if (t.name == "status_updates" && t.actual)
    s += ", " + value(*t.actual) + " stretches too long";
  else if (t.actual)
    s += ", worst " + value(*t.actual);
  if (!t.met) return s + ": not measurable (no incident needed it)";
  if (*t.met) return s + ": met";
  const bool unreached = !t.actual || (t.name != "status_updates" && *t.actual <= t.target);
  return s + (unreached ? ": missed (an incident never reached it)" : ": missed");
}

}  // namespace gameday::scoring

// The response figures, from `command`, `action_effect` and `fault_end` lines.
//
// Commands are read once into plain structs (facilitator commands, whose verb starts with '!',
// are not part of the response and are left out). Roles are replayed over the whole record in
// command order with the simulator's rule (one role per person, one person per role), so a role
// held before an incident counts as filled from its start. An action's effect on the SLIs
// compares each SLO's bad share in the minute before the command with the ones while it took
// effect and over the effect window after its last effect; the verdict rules are in
// docs/scoring.md and nothing here claims a cause.
#include "response.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "gameday/model/vocabulary.hpp"

namespace gameday::scoring {
namespace {

using eventlog::Event;
using eventlog::Record;

struct Cmd : eventlog::CommandIssued {
  Time t;
  std::uint64_t seq = 0;
  std::optional<model::Verb> known_verb;  // none: a verb this build does not know
  bool is(model::Verb v) const { return known_verb == v; }
  // Whether it changes the system (restart, failover, scale...), as opposed to looking
  // (status, logs) or running the incident (ack, declare, update).
  bool is_action() const {
    return known_verb && model::verb_class(*known_verb) == model::VerbClass::Action;
  }
};

struct Effect {
  Time t;
  std::uint64_t seq = 0;
  std::uint64_t command = 0;  // seq of its command
  std::string action;
  std::vector<std::string> ended_faults;
};

struct Lines {
  std::vector<Cmd> commands;  // responders' commands, in record order
  std::vector<Effect> effects;
};

Lines read_lines(const Record& r) {
  Lines out;
  std::map<std::uint64_t, std::size_t> effect_at_seq;
  for (const Event& e : r.events) {
    if (const auto* command = e.get<eventlog::CommandIssued>()) {
      if (!command->verb.starts_with('!'))
        out.commands.push_back({*command, e.t, e.seq, model::find_verb(command->verb)});
    } else if (const auto* effect = e.get<eventlog::ActionTookEffect>()) {
      effect_at_seq[e.seq] = out.effects.size();
      out.effects.push_back({e.t, e.seq, e.cause.value_or(0), effect->action, {}});
    } else if (e.kind == eventlog::EventKind::FaultEnd && e.cause) {
      const auto it = effect_at_seq.find(*e.cause);
      if (it == effect_at_seq.end()) continue;
      const std::string& name =
          r.header.names.faults[e.get<eventlog::FaultChange>()->fault.index()];
      auto& ended = out.effects[it->second].ended_faults;
      if (std::find(ended.begin(), ended.end(), name) == ended.end()) ended.push_back(name);
    }
  }
  return out;
}

// "role incident_commander alice" -> {"incident_commander", "alice"}.
std::pair<std::string, std::string> role_and_person(const std::string& text) {
  const std::size_t a = text.find(' ');
  if (a == std::string::npos) return {};
  const std::size_t b = text.find(' ', a + 1);
  if (b == std::string::npos) return {text.substr(a + 1), ""};
  return {text.substr(a + 1, b - a - 1), text.substr(b + 1)};
}

// The text after the verb: "declare SEV2" -> "SEV2".
std::string argument(const std::string& text) {
  const std::size_t a = text.find(' ');
  return a == std::string::npos ? std::string() : text.substr(a + 1);
}

// The incident role a command gives, and to whom: `role ROLE NAME`, or someone joining a hosted
// game in a role (`join ROLE`, not an observer's or the facilitator's seat).
std::optional<std::pair<std::string, std::string>> role_given(const Cmd& c) {
  if (!c.accepted()) return std::nullopt;
  if (c.is(model::Verb::Role)) return role_and_person(c.text);
  if (c.is(model::Verb::Join) && model::find_role(argument(c.text)))
    return std::pair{argument(c.text), c.responder};
  return std::nullopt;
}

using Holders = std::map<std::string, std::string>;  // role -> person

void apply_role(Holders& h, const std::string& role, const std::string& person) {
  std::erase_if(h, [&](const auto& kv) { return kv.first == role || kv.second == person; });
  h[role] = person;
}

struct Window {
  Time from;
  Time to;  // inclusive for the last incident, exclusive otherwise
  bool last = false;
  bool contains(Time t) const { return t >= from && (last ? t <= to : t < to); }
};

template <class Pred>
const Cmd* first_command(const Lines& l, const Window& w, Pred pred) {
  for (const Cmd& c : l.commands)
    if (w.contains(c.t) && c.accepted() && pred(c)) return &c;
  return nullptr;
}

// The services a fault acts on, for judging a diagnosis.
std::vector<ServiceId> services_of(const model::Scenario& s, const model::FaultSpec& f) {
  using K = model::FaultTarget::Kind;
  const model::FaultTarget& t = f.target;
  switch (t.kind) {
    case K::Service: return {t.service};
    case K::Edge: return {t.service, t.to};
    case K::Source: return {s.traffic[t.source.index()].to};
    case K::Zone:
    case K::ZonePair: {
      std::vector<ServiceId> out;
      for (std::size_t i = 0; i < s.services.size(); ++i)
        for (const ZoneId z : s.services[i].zones)
          if (z == t.zone || (t.kind == K::ZonePair && z == t.other_zone)) {
            out.push_back(ServiceId{static_cast<std::uint32_t>(i)});
            break;
          }
      return out;
    }
  }
  return {};
}

// "diagnose orders-db latency" judged against the incident's faults.
Diagnosis judge_diagnosis(const Cmd& c, const model::Scenario& s, const Incident& inc) {
  Diagnosis d{c.t, c.responder, "", std::nullopt, false, std::nullopt};
  const std::string args = argument(c.text);
  const std::size_t space = args.find(' ');
  d.service = args.substr(0, space);
  if (space != std::string::npos) d.kind = args.substr(space + 1);
  if (d.kind) d.right_kind = false;
  for (const FaultOccurrence& occurrence : inc.faults)
    for (const model::FaultSpec& f : s.faults) {
      if (f.name != occurrence.name) continue;
      for (const ServiceId id : services_of(s, f)) {
        if (id.index() >= s.services.size() || s.services[id.index()].name != d.service) continue;
        d.right_service = true;
        if (d.kind && *d.kind == occurrence.kind) d.right_kind = true;
      }
    }
  return d;
}

void set_milestones(const Lines& l, const Window& w, const model::Scenario& s, Incident& inc) {
  const Time ack_from = inc.first_page.value_or(w.from);
  const auto verb_is = [](model::Verb verb) { return [verb](const Cmd& c) { return c.is(verb); }; };
  if (const Cmd* ack = first_command(
          l, w, [&](const Cmd& c) { return c.is(model::Verb::Ack) && c.t >= ack_from; }))
    inc.acknowledged = ack->t;
  if (const Cmd* declare = first_command(l, w, verb_is(model::Verb::Declare))) {
    inc.declared = declare->t;
    if (const std::string sev = argument(declare->text); !sev.empty()) inc.severity = sev;
  }
  if (const Cmd* mitigated = first_command(l, w, verb_is(model::Verb::Mitigated)))
    inc.marked_mitigated = mitigated->t;
  if (const Cmd* resolve = first_command(l, w, verb_is(model::Verb::Resolve)))
    inc.resolved = resolve->t;
  if (const Cmd* diagnose = first_command(l, w, verb_is(model::Verb::Diagnose)))
    inc.diagnosis = judge_diagnosis(*diagnose, s, inc);
  // Detection: the first alert firing or the declaration, whichever came first.
  if (inc.declared && (!inc.detection || *inc.declared < *inc.detection)) {
    inc.detection = inc.declared;
    inc.detected_by = "incident declaration" + (inc.severity ? " (" + *inc.severity + ")" : "");
  }
  if (inc.impact_start) {
    if (inc.detection) inc.time_to_detect = *inc.detection - *inc.impact_start;
    if (inc.declared) inc.time_to_declare = *inc.declared - *inc.impact_start;
  }
  if (inc.first_page && inc.acknowledged)
    inc.time_to_acknowledge = *inc.acknowledged - *inc.first_page;
}

const Cmd* command_at_seq(const Lines& l, std::uint64_t seq) {
  for (const Cmd& c : l.commands)
    if (c.seq == seq) return &c;
  return nullptr;
}

// The action whose effect preceded the end of the impact (or, without impact, ended one of the
// incident's faults). An action after which the SLIs got worse is passed over: it did not
// mitigate, even when it was the last to take effect (a restart that caused a short breach);
// so is the action that caused the incident.
void set_mitigating_action(const Lines& l, const Window& w, Incident& inc) {
  const Effect* found = nullptr;
  for (const Effect& e : l.effects) {
    if (!w.contains(e.t)) continue;
    const bool cause = std::any_of(inc.faults.begin(), inc.faults.end(), [&](const auto& f) {
      return caused_by_action(f) && f.name == e.action && f.start == e.t;
    });
    if (cause) continue;
    const Cmd* c = command_at_seq(l, e.command);
    const bool worse =
        c != nullptr && std::any_of(inc.actions.begin(), inc.actions.end(), [&](const auto& a) {
          return a.command_at == c->t && a.action == c->text && a.verdict == "made it worse";
        });
    if (worse) continue;
    if (inc.impact_start) {
      if (inc.impact_end && e.t <= *inc.impact_end) found = &e;
      continue;
    }
    const bool ends_ours =
        std::any_of(e.ended_faults.begin(), e.ended_faults.end(), [&](const auto& n) {
          return std::any_of(inc.faults.begin(), inc.faults.end(),
                             [&](const FaultOccurrence& f) { return f.name == n; });
        });
    if (ends_ours) found = &e;
  }
  if (found == nullptr) return;
  // When the action began to take effect: a rolling restart's first instance, wherever in the
  // rollout the impact ended, so every report names one time for it.
  inc.mitigated_by_action = found->t;
  for (const Effect& e : l.effects)
    if (e.command == found->command) {
      inc.mitigated_by_action = e.t;
      break;
    }
  inc.mitigating_action = found->action;
  if (const Cmd* c = command_at_seq(l, found->command); c != nullptr && !c->role.empty())
    inc.mitigating_role = c->role;
}

void set_roles(const Lines& l, const Window& w, const ResponseSettings& s, Process& p) {
  Holders h;
  for (const Cmd& c : l.commands) {  // the roles as they stood when the incident began
    if (c.t >= w.from) break;
    if (const auto given = role_given(c)) apply_role(h, given->first, given->second);
  }
  for (const model::RoleInfo& info : model::roles()) {
    RoleFilled f{std::string(info.names[0]), std::nullopt, std::nullopt};
    if (const auto it = h.find(f.role); it != h.end()) {
      f.filled = w.from;
      f.holder = it->second;
    }
    p.roles.push_back(std::move(f));
  }
  for (std::size_t i = 0; i < l.commands.size(); ++i) {
    const Cmd& c = l.commands[i];
    const auto given = role_given(c);
    if (!w.contains(c.t) || !given) continue;
    const auto& [role, person] = *given;
    const auto held = h.find(role);
    if (held != h.end() && held->second == person) continue;  // no change
    RoleChange ch{c.t, role, person, std::nullopt, std::nullopt, c.responder == person, {}};
    if (held != h.end()) ch.previous = held->second;
    if (!ch.self && !c.role.empty()) ch.given_by = c.role;
    if (ch.self) ch.acknowledged = c.t;
    for (std::size_t k = i + 1; k < l.commands.size() && !ch.acknowledged; ++k) {
      const Cmd& next = l.commands[k];
      if (next.t > c.t + s.handoff_ack) break;
      if (next.responder == person) ch.acknowledged = next.t;
    }
    if (ch.previous) {
      ++p.handoffs;
      if (ch.acknowledged) ++p.handoffs_acknowledged;
    }
    apply_role(h, role, person);
    for (RoleFilled& f : p.roles) {
      if (f.role != role || f.filled) continue;
      f.filled = c.t;
      f.holder = person;
    }
    p.role_changes.push_back(std::move(ch));
  }
  p.commander = p.roles.front().filled.has_value();
  for (const Cmd& c : l.commands)
    if (w.contains(c.t) && c.accepted() && c.is_action() &&
        c.role == model::role_name(model::Role::IncidentCommander))
      p.commander_actions.push_back(c.text);
}

// Stretches without an update, from the declaration to the resolution (or the end of the
// window): the first may last `update_first`, the others `update_every`.
void set_updates(const Lines& l, const Window& w, const ResponseSettings& s, const Incident& inc,
                 StatusUpdates& u) {
  u.first_within = s.update_first;
  u.every = s.update_every;
  std::vector<Time> times;
  for (const Cmd& c : l.commands) {
    if (!w.contains(c.t) || !c.accepted() || !c.is(model::Verb::Update)) continue;
    ++u.count;
    if (!u.first) u.first = c.t;
    if (inc.declared && c.t >= *inc.declared) times.push_back(c.t);
  }
  if (!inc.declared) return;
  if (!times.empty()) u.first_after_declaration = times.front() - *inc.declared;
  Time until = w.to;
  if (inc.resolved) until = std::min(until, *inc.resolved);
  Time from = *inc.declared;
  Duration allowed = s.update_first;
  const auto stretch = [&](Time to) {
    const Duration d = to - from;
    if (d > allowed) ++u.late;
    if (!u.longest_gap || d > *u.longest_gap) u.longest_gap = d;
  };
  for (const Time t : times) {
    if (t > until) break;
    stretch(t);
    from = t;
    allowed = s.update_every;
  }
  if (until > from) stretch(until);
  u.on_cadence = u.late == 0;
}

struct SloSeries {
  std::vector<const eventlog::SloSample*> samples;
};

// Bad share of one SLO over the samples whose intervals end in [from, to].
std::optional<double> bad_share(const SloSeries& series, Time from, Time to) {
  std::uint64_t valid = 0;
  std::uint64_t bad = 0;
  for (const eventlog::SloSample* s : series.samples) {
    if (s->t < from || s->t > to) continue;
    valid += s->valid;
    bad += s->valid > s->good ? s->valid - s->good : 0;
  }
  if (valid == 0) return std::nullopt;
  return static_cast<double>(bad) / static_cast<double>(valid);
}

// Per SLO, against its bad share in the minute before the command: helped when it was out of
// objective and is within it after the effect, or at half its share or less; made it worse when
// it is out of objective after the effect, or while the action took effect, at 1.5 times its
// share before or more. Worse after the effect outweighs helped; helped outweighs worse while
// taking effect (a failover's planned downtime).
std::string verdict_of(const std::vector<SloChange>& slos) {
  bool measured = false;
  bool helped = false;
  bool worse = false;
  bool worse_during = false;
  const auto got_worse = [](const std::optional<double>& v, double before, double allowed) {
    return v && *v > allowed && *v >= 1.5 * before && *v > before;
  };
  for (const SloChange& c : slos) {
    if (!c.before || !c.after) continue;
    measured = true;
    const double allowed = 1 - c.objective;
    worse = worse || got_worse(c.after, *c.before, allowed);
    worse_during = worse_during || got_worse(c.during, *c.before, allowed);
    if (*c.before > allowed && (*c.after <= allowed || *c.after <= 0.5 * *c.before)) helped = true;
  }
  if (!measured) return "not measured";
  if (worse) return "made it worse";
  if (helped) return "helped";
  return worse_during ? "made it worse" : "no visible effect";
}

void set_actions(const Lines& l, const Window& w, const ResponseSettings& s,
                 const std::vector<model::SloSpec>& specs, const std::vector<SloSeries>& series,
                 std::vector<ResponderAction>& out) {
  for (const Cmd& c : l.commands) {
    if (!w.contains(c.t) || !c.accepted() || !c.is_action()) continue;
    ResponderAction a;
    a.action = c.text;
    a.verb = c.verb;
    if (!c.role.empty()) a.role = c.role;
    a.command_at = c.t;
    for (const Effect& e : l.effects) {
      if (e.command != c.seq) continue;
      if (!a.first_effect_at) a.first_effect_at = e.t;
      a.effect_at = e.t;
      for (const std::string& f : e.ended_faults)
        if (std::find(a.ended_faults.begin(), a.ended_faults.end(), f) == a.ended_faults.end())
          a.ended_faults.push_back(f);
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
      SloChange ch{specs[i].name, specs[i].objective, std::nullopt, std::nullopt, std::nullopt};
      // Intervals wholly before the command, wholly between it and the effect, wholly after.
      ch.before = bad_share(series[i], c.t - s.before_window + s.interval, c.t);
      if (a.effect_at) {
        ch.during = bad_share(series[i], c.t + s.interval, *a.effect_at);
        ch.after = bad_share(series[i], *a.effect_at + s.interval, *a.effect_at + s.effect_window);
      }
      a.slos.push_back(std::move(ch));
    }
    a.verdict = a.effect_at ? verdict_of(a.slos) : "not in effect";
    out.push_back(std::move(a));
  }
}

std::vector<Window> response_windows(const Scorecard& card, Time record_end) {
  std::vector<Window> out;
  for (std::size_t i = 0; i < card.incidents.size(); ++i) {
    const bool last = i + 1 == card.incidents.size();
    out.push_back({card.incidents[i].fault_start,
                   last ? record_end : card.incidents[i + 1].fault_start, last});
  }
  return out;
}

// Each person's commands over the whole run, counted by what they did.
std::vector<PersonCredit> credit(const Lines& l) {
  std::vector<PersonCredit> people;
  const auto person = [&](const std::string& name) -> PersonCredit& {
    for (PersonCredit& p : people)
      if (p.name == name) return p;
    return people.emplace_back(PersonCredit{name, {}, {}, 0, 0, 0, 0, 0, 0, 0, 0});
  };
  for (const Cmd& c : l.commands) {
    PersonCredit& p = person(c.responder);
    if (!c.accepted()) {
      ++p.rejected;
      continue;
    }
    if (!c.role.empty() && (p.roles.empty() || p.roles.back() != c.role)) p.roles.push_back(c.role);
    if (const auto given = role_given(c)) {
      if (given->second != c.responder) ++p.handoffs;
      PersonCredit& holder = person(given->second);
      if (holder.roles.empty() || holder.roles.back() != given->first)
        holder.roles.push_back(given->first);
      continue;
    }
    if (c.is_action()) p.actions.push_back(c.text);
    if (c.is(model::Verb::Ack)) ++p.acknowledgements;
    if (c.is(model::Verb::Declare) || c.is(model::Verb::Mitigated) || c.is(model::Verb::Resolve))
      ++p.declarations;
    if (c.is(model::Verb::Update)) ++p.updates;
    if (c.is(model::Verb::Note)) ++p.notes;
    if (c.is(model::Verb::Say)) ++p.said;
    if (c.known_verb && model::verb_class(*c.known_verb) == model::VerbClass::Investigation)
      ++p.looked;
  }
  return people;
}

}  // namespace

// Whether a status update tells people the problem is over: a recovery word, and no negation
// or hedge ("not yet resolved", "still failing").
bool claims_recovery(std::string_view update) {
  std::string text(update);
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto has = [&](std::string_view w) { return text.find(w) != std::string::npos; };
  for (std::string_view hedge : {"not ", "n't", "no longer", "still ", "partial", "investigat",
                                 "some ", "degraded", "except"})
    if (has(hedge)) return false;
  for (std::string_view claim :
       {"resolved", "recovered", "working again", "back to normal", "back up", "fixed", "restored",
        "all clear", "all-clear", "fully operational", "healthy again", "mitigated"})
    if (has(claim)) return true;
  return false;
}

// All-clears said while an SLO was out of objective in the last interval before them.
void set_false_all_clears(const Lines& l, const Window& w, const std::vector<model::SloSpec>& specs,
                          const std::vector<SloSeries>& series, Duration interval, Incident& inc) {
  for (const Cmd& c : l.commands) {
    if (!w.contains(c.t) || !c.accepted()) continue;
    const bool says_over = c.is(model::Verb::Mitigated) || c.is(model::Verb::Resolve) ||
                           (c.is(model::Verb::Update) && claims_recovery(argument(c.text)));
    if (!says_over) continue;
    std::optional<FalseAllClear> worst;
    for (std::size_t i = 0; i < specs.size() && i < series.size(); ++i) {
      const auto share = bad_share(series[i], c.t - interval + Duration::from_ns(1), c.t);
      if (!share || *share <= 1 - specs[i].objective) continue;
      if (!worst || *share > worst->bad_share)
        worst = FalseAllClear{c.t, c.responder, c.text, specs[i].name, *share};
    }
    if (worst) inc.false_all_clears.push_back(std::move(*worst));
  }
}

void score_response(const Record& record, const ResponseSettings& s, Scorecard& card) {
  const std::vector<model::SloSpec>& specs = record.header.scenario.slos;
  const Lines lines = read_lines(record);
  for (const Cmd& c : lines.commands) (c.accepted() ? card.commands : card.rejected_commands) += 1;
  card.people = credit(lines);
  std::vector<SloSeries> series(specs.size());
  for (const eventlog::SloSample& smp : record.slo_samples)
    if (smp.slo.index() < series.size()) series[smp.slo.index()].samples.push_back(&smp);
  const std::vector<Window> windows = response_windows(card, s.record_end);
  for (std::size_t i = 0; i < card.incidents.size(); ++i) {
    Incident& inc = card.incidents[i];
    const Window& w = windows[i];
    set_milestones(lines, w, record.header.scenario, inc);
    set_roles(lines, w, s, inc.process);
    set_updates(lines, w, s, inc, inc.process.updates);
    set_actions(lines, w, s, specs, series, inc.actions);
    set_mitigating_action(lines, w, inc);
    // Mitigation is something responders do: an impact that ended with no action before it
    // ended on its own, and has no time to mitigate.
    if (!inc.mitigated_by_action) inc.time_to_mitigate.reset();
    set_false_all_clears(lines, w, specs, series, record.header.sample_interval, inc);
    for (const Cmd& c : lines.commands) {
      if (!w.contains(c.t)) continue;
      if (c.accepted()) {
        ++inc.commands;
        continue;
      }
      inc.rejected.push_back(
          {c.t, c.verb, c.text, c.error, c.role.empty() ? std::nullopt : std::optional(c.role)});
    }
  }
}

}  // namespace gameday::scoring

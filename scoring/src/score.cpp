// score(): from a record to a scorecard, in four passes over plain vectors.
//
//  1. SLO samples become breach intervals (an interval breaches when any SLO's bad requests
//     exceed 1 − objective of its valid ones) and breach episodes (breaches closer together
//     than the stabilisation window are one episode; it is confirmed over once the SLIs stayed
//     clean for that window).
//  2. fault_start / fault_end events become occurrences; each is linked to the episodes that
//     overlap it, and its extent runs to its end or its impact's end, whichever is later.
//  3. Occurrences whose extents overlap form one incident (a sweep in order of start).
//  4. Alerts, pages and samples are attributed to incidents by time.
//  5. Responders' commands and their effects are attributed to incidents by time
//     (response.cpp), and the scenario's scoring targets are checked (targets.cpp).
// Nothing here reads anything but the record; the definitions are in docs/scoring.md.
#include <algorithm>
#include <map>

#include "gameday/core/units.hpp"
#include "gameday/model/names.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "response.hpp"
#include "targets.hpp"

namespace gameday::scoring {
namespace {

using eventlog::Event;
using eventlog::Record;
using model::SloSpec;

Time last_time(const Record& r) {
  if (r.end) return r.end->t;
  Time t;
  if (!r.events.empty()) t = std::max(t, r.events.back().t);
  if (!r.service_samples.empty()) t = std::max(t, r.service_samples.back().t);
  if (!r.source_samples.empty()) t = std::max(t, r.source_samples.back().t);
  if (!r.slo_samples.empty()) t = std::max(t, r.slo_samples.back().t);
  if (!r.dependency_samples.empty()) t = std::max(t, r.dependency_samples.back().t);
  return t;
}

std::uint64_t bad_of(const eventlog::SloSample& s) {
  return s.valid > s.good ? s.valid - s.good : 0;
}

bool breaches(const eventlog::SloSample& s, const SloSpec& spec) {
  return static_cast<double>(bad_of(s)) > (1 - spec.objective) * static_cast<double>(s.valid);
}

struct Interval {
  Time t;  // end of the sample interval
  bool breached = false;
};

struct Episode {
  Time start;        // end of its first breaching interval
  Time last_breach;  // end of its last breaching interval
  bool confirmed = false;
  bool linked = false;
};

std::vector<Interval> slo_intervals(const Record& r) {
  const std::vector<SloSpec>& specs = r.header.scenario.slos;
  std::map<std::int64_t, bool> by_time;
  for (const eventlog::SloSample& s : r.slo_samples) {
    bool& breached = by_time[s.t.ns()];
    const std::size_t i = s.slo.index();
    if (breaches(s, specs[i])) breached = true;
  }
  std::vector<Interval> out;
  for (const auto& [t, breached] : by_time) out.push_back({Time::from_ns(t), breached});
  return out;
}

std::vector<Episode> breach_episodes(const std::vector<Interval>& intervals, Duration stable) {
  std::vector<Episode> out;
  bool open = false;
  for (const Interval& i : intervals) {
    if (i.breached) {
      if (!open) out.push_back({i.t, i.t});
      out.back().last_breach = i.t;
      open = true;
    } else if (open && i.t - out.back().last_breach >= stable) {
      out.back().confirmed = true;
      open = false;
    }
  }
  return out;
}

struct Occurrence {
  FaultOccurrence fault;
  std::int64_t fault_id = -1;
  std::int64_t instance_id = -1;
  std::vector<std::size_t> episodes;  // indices of the linked episodes
  Time extent_end;                    // max(fault end, impact end); the record's end when open
};

std::vector<Occurrence> fault_occurrences(const Record& r) {
  std::vector<Occurrence> out;
  for (const Event& e : r.events) {
    const auto* change = e.get<eventlog::FaultChange>();
    if (change == nullptr) continue;
    const std::int64_t fault = change->fault.value();
    const std::int64_t instance = change->instance ? change->instance->value() : -1;
    if (e.kind == eventlog::EventKind::FaultStart) {
      Occurrence o;
      o.fault.name = r.header.names.faults[change->fault.index()];
      o.fault.kind = model::fault_kind_name(change->fault_kind);
      if (change->instance)
        o.fault.instance = r.header.names.instances[change->instance->index()].name;
      o.fault.start = e.t;
      o.fault_id = fault;
      o.instance_id = instance;
      out.push_back(std::move(o));
      continue;
    }
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
      if (it->fault_id == fault && it->instance_id == instance && !it->fault.end) {
        it->fault.end = e.t;
        break;
      }
    }
  }
  return out;
}

// Links each occurrence to the episodes it overlaps and sets its impact start and extent.
void link_impacts(std::vector<Occurrence>& occurrences, std::vector<Episode>& episodes,
                  const std::vector<Interval>& intervals, Duration interval, Time record_end) {
  for (Occurrence& o : occurrences) {
    const Time fault_end = o.fault.end.value_or(record_end);
    o.extent_end = fault_end;
    for (std::size_t k = 0; k < episodes.size(); ++k) {
      Episode& e = episodes[k];
      const Time e_end = e.confirmed ? e.last_breach : record_end;
      // The episode's intervals must overlap the fault: one ends after the fault started and
      // one began before the fault ended.
      if (e_end <= o.fault.start || (o.fault.end && e.start - interval >= *o.fault.end)) continue;
      e.linked = true;
      o.episodes.push_back(k);
      o.extent_end = std::max(o.extent_end, e_end);
    }
    // Impact start: the first breaching interval that ends after the fault began.
    for (const Interval& i : intervals) {
      if (!i.breached || i.t <= o.fault.start) continue;
      if (o.fault.end && i.t - interval >= *o.fault.end) break;
      o.fault.impact_start = i.t;
      break;
    }
  }
}

// A breach no fault explains that began within `window` after a responder's action took effect
// is that action's own impact (a cache flush that sends every read to the origin): the action is
// the occurrence of an incident of its own, from its effect to the end of that breach.
void add_action_occurrences(const Record& r, std::vector<Occurrence>& occurrences,
                            std::vector<Episode>& episodes, Duration window, Time record_end) {
  for (std::size_t k = 0; k < episodes.size(); ++k) {
    Episode& e = episodes[k];
    if (e.linked) continue;
    const Event* cause = nullptr;  // the last action to take effect before the breach
    for (const Event& event : r.events) {
      if (event.t > e.start) break;
      if (event.kind == eventlog::EventKind::ActionEffect && event.t + window >= e.start)
        cause = &event;
    }
    if (cause == nullptr) continue;
    Occurrence o;
    o.fault.name = cause->get<eventlog::ActionTookEffect>()->action;
    o.fault.kind = action_occurrence_kind;
    o.fault.start = cause->t;
    if (e.confirmed) o.fault.end = e.last_breach;
    o.fault.impact_start = e.start;
    o.episodes = {k};
    o.extent_end = e.confirmed ? e.last_breach : record_end;
    e.linked = true;
    occurrences.push_back(std::move(o));
  }
}

struct Group {
  std::vector<std::size_t> members;  // occurrence indices
  Time start;
  Time extent_end;
  Time attribution_end;  // alerts and notifications up to here (inclusive) belong to it
};

// Occurrences whose extents overlap are one incident. Each incident's attribution window runs
// a stabilisation window past its extent, but never into the next incident.
std::vector<Group> group_incidents(const std::vector<Occurrence>& occurrences, Duration stable) {
  std::vector<std::size_t> order(occurrences.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return occurrences[a].fault.start < occurrences[b].fault.start;
  });
  std::vector<Group> groups;
  for (std::size_t i : order) {
    const Occurrence& o = occurrences[i];
    if (groups.empty() || o.fault.start > groups.back().extent_end) {
      groups.push_back({{i}, o.fault.start, o.extent_end, {}});
      continue;
    }
    groups.back().members.push_back(i);
    groups.back().extent_end = std::max(groups.back().extent_end, o.extent_end);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    groups[g].attribution_end = groups[g].extent_end + stable;
    if (g + 1 < groups.size())
      groups[g].attribution_end =
          std::min(groups[g].attribution_end, groups[g + 1].start - Duration::from_ns(1));
  }
  return groups;
}

struct Firing {
  Time t;
  std::string alert;
  std::string severity;
};

struct Context {
  const Record* record = nullptr;
  Duration interval;
  Duration stable;
  Time record_end;
  std::vector<Firing> firings;                 // alert_firing events
  std::vector<std::pair<Time, bool>> notices;  // page (true) and ticket (false) events
  std::vector<Episode> episodes;
};

// Detections of one occurrence: the first firing of each alert from its start to the end of
// its extent plus the stabilisation window (within its incident's attribution window).
std::vector<Detection> detections_of(const Context& c, const Occurrence& o, Time until) {
  std::vector<Detection> out;
  until = std::min(until, o.extent_end + c.stable);
  for (const Firing& f : c.firings) {
    if (f.t < o.fault.start || f.t > until) continue;
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const Detection& d) { return d.alert == f.alert; });
    if (seen) continue;
    Detection d{f.alert, f.severity, f.t, f.t - o.fault.start, std::nullopt};
    if (o.fault.impact_start) d.after_impact_start = f.t - *o.fault.impact_start;
    out.push_back(std::move(d));
  }
  return out;
}

double error_total(const eventlog::ErrorCounts& errors, std::uint64_t& failed) {
  failed = 0;
  for (std::uint64_t e : errors) failed += e;
  return static_cast<double>(failed);
}

// The share of an SLO's budget `bad` uses, at the run's average rate of valid requests.
double budget_share(const Context& c, std::size_t slo, std::uint64_t bad) {
  std::uint64_t valid = 0;
  std::uint64_t samples = 0;
  for (const eventlog::SloSample& s : c.record->slo_samples) {
    if (s.slo.index() != slo) continue;
    valid += s.valid;
    ++samples;
  }
  const double sampled_seconds = static_cast<double>(samples) * c.interval.to_seconds();
  return budget_used(bad, valid, sampled_seconds, c.record->header.scenario.slos[slo]);
}

void measure_slos(const Context& c, Time from, Time to, Incident& inc,
                  const std::map<std::string, std::uint64_t>& failed_by_journey) {
  std::map<std::string, std::uint64_t> slow_by_journey;
  const eventlog::NameTable& names = c.record->header.names;
  const std::vector<SloSpec>& specs = c.record->header.scenario.slos;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const SloSpec& spec = specs[i];
    const std::optional<std::string> journey =
        spec.journey ? std::optional(names.sources[spec.journey->index()]) : std::nullopt;
    SloImpact imp;
    imp.name = spec.name;
    imp.sli = model::name_of(model::sli_names, spec.kind);
    imp.subject =
        journey ? "journey " + *journey : "service " + names.services[spec.service.index()];
    imp.objective = spec.objective;
    imp.window = spec.window;
    for (const eventlog::SloSample& s : c.record->slo_samples) {
      if (s.slo.index() != i || s.t < from || s.t > to) continue;
      imp.valid += s.valid;
      imp.bad += bad_of(s);
      if (s.valid > 0)
        imp.peak_bad_ratio = std::max(
            imp.peak_bad_ratio, static_cast<double>(bad_of(s)) / static_cast<double>(s.valid));
    }
    imp.budget_consumed = budget_share(c, i, imp.bad);
    if (spec.kind == SloSpec::Kind::Latency && journey) {
      const auto it = failed_by_journey.find(*journey);
      const std::uint64_t failed = it == failed_by_journey.end() ? 0 : it->second;
      std::uint64_t& slow = slow_by_journey[*journey];
      slow = std::max(slow, imp.bad > failed ? imp.bad - failed : 0);
    }
    inc.slos.push_back(std::move(imp));
  }
  for (const auto& [journey, slow] : slow_by_journey) inc.slow_requests += slow;
}

// Requests, user-minutes and the peak error ratio over the sample intervals ending in
// [from, to], from the traffic sources' samples (the users' view, end to end).
void measure_impact(const Context& c, Time from, Time to, Incident& inc) {
  std::map<std::string, std::uint64_t> failed_by_journey;
  const double interval_minutes = c.interval.to_seconds() / 60;
  for (const eventlog::SourceSample& s : c.record->source_samples) {
    if (s.t < from || s.t > to) continue;
    std::uint64_t failed = 0;
    error_total(s.errors, failed);
    const std::string& journey = c.record->header.names.sources[s.source.index()];
    inc.failed_requests += failed;
    failed_by_journey[journey] += failed;
    const std::uint64_t answered = s.ok + failed;
    if (answered == 0) continue;
    const double share = static_cast<double>(failed) / static_cast<double>(answered);
    inc.user_minutes += share * interval_minutes;
    if (share > inc.peak_error_ratio) {
      inc.peak_error_ratio = share;
      inc.peak_source = journey;
      inc.peak_at = s.t;
    }
  }
  measure_slos(c, from, to, inc, failed_by_journey);
}

void set_milestones(const Context& c, const Group& g, Incident& inc) {
  for (const Firing& f : c.firings) {
    if (f.t < g.start || f.t > g.attribution_end) continue;
    inc.detection = f.t;
    inc.detected_by = f.alert;
    break;
  }
  for (const auto& [t, is_page] : c.notices) {
    if (t < g.start || t > g.attribution_end) continue;
    (is_page ? inc.pages : inc.tickets) += 1;
    if (is_page && !inc.first_page) inc.first_page = t;
  }
  bool all_ended = true;
  Time last_end = inc.fault_start;
  for (const FaultOccurrence& f : inc.faults) {
    all_ended = all_ended && f.end.has_value();
    if (f.end) last_end = std::max(last_end, *f.end);
  }
  if (all_ended && (!inc.impact_start || inc.impact_end))
    inc.recovery = inc.impact_end ? std::max(last_end, *inc.impact_end) : last_end;
  if (inc.impact_start) {
    if (inc.detection) inc.time_to_detect = *inc.detection - *inc.impact_start;
    if (inc.first_page) inc.time_to_page = *inc.first_page - *inc.impact_start;
    if (inc.impact_end) inc.time_to_mitigate = *inc.impact_end - *inc.impact_start;
  }
  if (inc.recovery) inc.time_to_recover = *inc.recovery - inc.fault_start;
}

Incident build_incident(const Context& c, const std::vector<Occurrence>& occurrences,
                        const Group& g, int number) {
  Incident inc;
  inc.number = number;
  inc.fault_start = g.start;
  std::vector<std::size_t> episodes;
  for (std::size_t i : g.members) {
    const Occurrence& o = occurrences[i];
    FaultOccurrence f = o.fault;
    f.detections = detections_of(c, o, g.attribution_end);
    if (f.impact_start && (!inc.impact_start || *f.impact_start < *inc.impact_start))
      inc.impact_start = f.impact_start;
    episodes.insert(episodes.end(), o.episodes.begin(), o.episodes.end());
    inc.faults.push_back(std::move(f));
  }
  if (inc.impact_start && !episodes.empty()) {
    const Episode& last = c.episodes[*std::max_element(episodes.begin(), episodes.end())];
    if (last.confirmed) inc.impact_end = last.last_breach;
    measure_impact(c, *inc.impact_start, inc.impact_end.value_or(c.record_end), inc);
  }
  set_milestones(c, g, inc);
  return inc;
}

void collect_alerts(const Record& r, Context& c, Scorecard& card) {
  for (const Event& e : r.events) {
    if (e.kind == eventlog::EventKind::AlertFiring) {
      const auto* a = e.get<eventlog::AlertChange>();
      c.firings.push_back({e.t, r.header.names.alerts[a->alert.index()],
                           std::string(model::name_of(model::severity_names, a->severity))});
    } else if (const auto* notice = e.get<eventlog::Notification>()) {
      const bool page = e.kind == eventlog::EventKind::Page;
      if (!page && e.kind != eventlog::EventKind::Ticket) continue;
      c.notices.emplace_back(e.t, page);
      (page ? card.pages : card.tickets) += 1;
    }
  }
}

// Alerts that fired outside every incident and outside any SLO breach: nothing to detect.
void find_noise(const Context& c, const std::vector<Group>& groups, Scorecard& card) {
  for (const Firing& f : c.firings) {
    const bool in_incident = std::any_of(groups.begin(), groups.end(), [&](const Group& g) {
      return f.t >= g.start && f.t <= g.attribution_end;
    });
    const bool in_breach = std::any_of(c.episodes.begin(), c.episodes.end(), [&](const Episode& e) {
      const Time end = e.confirmed ? e.last_breach + c.stable : c.record_end;
      return f.t >= e.start - c.interval && f.t <= end;
    });
    if (!in_incident && !in_breach) card.noise.push_back({f.alert, f.severity, f.t});
  }
}

void add_record_notes(const Record& r, const Context& c, Scorecard& card) {
  if (!r.end) {
    card.notes.push_back(
        "the record has no end line (the run was killed or the file is "
        "truncated): figures stop at the last line, " +
        instant_for_people(c.record_end.since_start()));
  } else if (r.end->reason != "completed") {
    card.notes.push_back("the run ended early (" + r.end->reason + ") at " +
                         instant_for_people(c.record_end.since_start()));
  }
  if (r.header.names.slos.empty())
    card.notes.push_back(
        "the scenario has no SLOs: impact, mitigation and error budgets cannot "
        "be measured");
  for (const Episode& e : c.episodes) {
    if (e.linked) continue;
    card.notes.push_back("SLOs breached with no fault active from " +
                         instant_for_people(e.start.since_start()) + " to " +
                         (e.confirmed ? instant_for_people(e.last_breach.since_start())
                                      : std::string("the end of the record")));
  }
}

}  // namespace

double budget_used(std::uint64_t bad, std::uint64_t valid, double counted_seconds,
                   const model::SloSpec& slo) {
  if (counted_seconds <= 0) return 0;
  const double expected = static_cast<double>(valid) / counted_seconds * slo.window.to_seconds();
  const double allowed = (1 - slo.objective) * expected;
  return allowed > 0 ? static_cast<double>(bad) / allowed : 0;
}

Scorecard score(const Record& record, const ScoreOptions& options) {
  Scorecard card;
  const eventlog::Header& h = record.header;
  card.scenario_name = h.scenario_name;
  card.scenario_hash = h.scenario_hash;
  card.tool_version = h.tool_version;
  card.seed = h.seed;
  card.planned_duration = h.duration;
  card.sample_interval = h.sample_interval;
  card.stabilisation = options.stabilisation;
  card.before_window = options.before_window;
  card.effect_window = options.effect_window;
  if (record.end) card.end_reason = record.end->reason;
  card.responders = h.responders;

  Context c;
  c.record = &record;
  c.interval = h.sample_interval.ns() > 0 ? h.sample_interval : seconds(1);
  c.stable = options.stabilisation;
  c.record_end = last_time(record);
  card.record_end = c.record_end;
  const std::vector<Interval> intervals = slo_intervals(record);
  c.episodes = breach_episodes(intervals, c.stable);
  std::vector<Occurrence> occurrences = fault_occurrences(record);
  link_impacts(occurrences, c.episodes, intervals, c.interval, c.record_end);
  add_action_occurrences(record, occurrences, c.episodes, options.effect_window, c.record_end);
  collect_alerts(record, c, card);

  const std::vector<Group> groups = group_incidents(occurrences, c.stable);
  for (std::size_t g = 0; g < groups.size(); ++g)
    card.incidents.push_back(build_incident(c, occurrences, groups[g], static_cast<int>(g) + 1));
  find_noise(c, groups, card);

  const model::ScoringTargets& targets = h.scenario.targets;
  // A zero cadence is no cadence: the default applies.
  const auto every = targets.status_update_every && targets.status_update_every->ns() > 0
                         ? targets.status_update_every
                         : std::nullopt;
  ResponseSettings response;
  response.interval = c.interval;
  response.update_first =
      options.update_first.value_or(targets.status_update_first.value_or(default_update_first));
  response.update_every = options.update_every.value_or(every.value_or(default_update_every));
  response.before_window = options.before_window;
  response.effect_window = options.effect_window;
  response.handoff_ack = options.stabilisation;
  response.record_end = c.record_end;
  score_response(record, response, card);
  card.targets = check_targets(targets, card);
  add_record_notes(record, c, card);
  return card;
}

}  // namespace gameday::scoring

// The monitoring runtime: window sums over sample series, rule evaluation with Prometheus's
// pending / firing / resolved states, and Alertmanager-like notification of groups.
//
// Invariants: a series' points are in non-decreasing time and hold cumulative sums, so a
// window is `last - base` where base is the last point at or before t - window (zero when the
// run is younger than the window: a fresh series uses what exists). Trimming keeps that base
// point, so a rule's cursor never points before it. Notification state changes only at a
// group's due time; observe/evaluate/notify_due all flush due groups in (due, index) order.
#include "monitoring.hpp"

#include <algorithm>
#include <cmath>

#include "gameday/core/assert.hpp"

namespace gameday::sim {
namespace {

using Sums = Monitor::Sums;
using eventlog::EventKind;

Sums minus(const Sums& a, const Sums& b) {
  Sums d;
  d.samples = a.samples - b.samples;
  d.interval_ns = a.interval_ns - b.interval_ns;
  d.requests = a.requests - b.requests;
  d.responses = a.responses - b.responses;
  d.errors = a.errors - b.errors;
  d.latency_count = a.latency_count - b.latency_count;
  for (std::size_t i = 0; i < latency_bucket_count; ++i)
    d.latency_le[i] = a.latency_le[i] - b.latency_le[i];
  d.utilisation = a.utilisation - b.utilisation;
  d.queued = a.queued - b.queued;
  return d;
}

void add(Sums& a, const Sums& d) {
  a.samples += d.samples;
  a.interval_ns += d.interval_ns;
  a.requests += d.requests;
  a.responses += d.responses;
  a.errors += d.errors;
  a.latency_count += d.latency_count;
  for (std::size_t i = 0; i < latency_bucket_count; ++i) a.latency_le[i] += d.latency_le[i];
  a.utilisation += d.utilisation;
  a.queued += d.queued;
}

Sums traffic_delta(const IntervalStats& s) {
  Sums d;
  std::uint64_t errors = 0;
  for (const std::uint64_t e : s.errors) errors += e;
  d.requests = s.requests;
  d.responses = s.ok + errors;
  d.errors = errors;
  d.latency_count = s.latency_count;
  d.latency_le = s.latency_le;
  d.utilisation = s.utilisation;
  d.queued = s.queued;
  return d;
}

double ratio(std::uint64_t part, std::uint64_t whole) {
  // No valid requests in the window: no evidence of errors, so the ratio is 0 (never fires).
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

void add_latency(IntervalStats& s, Duration d, std::uint64_t n) {
  for (std::size_t i = 0; i < latency_bucket_count; ++i)
    if (d <= latency_bucket_bounds[i]) s.latency_le[i] += n;
  s.latency_count += n;
}

std::optional<double> histogram_quantile(double q, const LatencyBuckets& le, std::uint64_t count) {
  if (count == 0) return std::nullopt;
  const double rank = q * static_cast<double>(count);
  std::size_t i = 0;
  while (i < latency_bucket_count && static_cast<double>(le[i]) < rank) ++i;
  if (i == latency_bucket_count) return eventlog::latency_bucket_le(i - 1);  // in +Inf
  const double upper = eventlog::latency_bucket_le(i);
  const double lower = i == 0 ? 0.0 : eventlog::latency_bucket_le(i - 1);
  const double before = i == 0 ? 0.0 : static_cast<double>(le[i - 1]);
  const double in_bucket = static_cast<double>(le[i]) - before;
  if (in_bucket <= 0) return upper;
  // Prometheus's arithmetic, in its order, so the two agree to the last bit.
  return lower + (upper - lower) * ((rank - before) / in_bucket);
}

void Monitor::Series::push(Time t, Duration interval, const Sums& delta,
                           std::int64_t instances_up) {
  GAMEDAY_ASSERT(points_.empty() || points_.back().t <= t);
  Point p;
  p.t = t;
  if (!points_.empty()) p.cum = points_.back().cum;
  Sums d = delta;
  d.samples = 1;
  d.interval_ns = interval.ns();
  add(p.cum, d);
  p.instances_up = instances_up;
  points_.push_back(p);
}

void Monitor::Series::trim(Time t, Duration keep_for) {
  // points_[0] stays while it can still be the base of a window: the last point at or before
  // t - keep_for. Later evaluations only move that boundary forward.
  while (points_.size() >= 2 && points_[1].t <= t - keep_for) {
    points_.pop_front();
    ++popped_;
  }
}

Monitor::Monitor(const Scenario& s, eventlog::RecordWriter& out)
    : spec_(s.monitoring),
      out_(out),
      service_series_(s.services.size()),
      source_series_(s.traffic.size()),
      slo_series_(s.slos.size()),
      probe_series_(s.monitoring.probes.size()) {
  for (const SloSpec& slo : s.slos) slo_allowed_error_.push_back(allowed_error(slo));
  rules_.resize(spec_.alerts.size());
  for (std::uint32_t i = 0; i < spec_.alerts.size(); ++i) {
    const AlertRule& rule = spec_.alerts[i];
    RuleRt& r = rules_[i];
    r.summary.name = rule.name;
    r.summary.severity = rule.severity;
    ServiceId service;
    if (rule.kind == AlertRule::Kind::BurnRate) {
      r.series = series_for(slo_series_, rule.burn_rate.slo.index(), rule.burn_rate.long_window);
      service = s.slos[rule.burn_rate.slo.index()].service;
    } else {
      const ThresholdRule& t = rule.threshold;
      auto& table = t.subject == SubjectKind::Service   ? service_series_
                    : t.subject == SubjectKind::Journey ? source_series_
                                                        : probe_series_;
      const std::size_t index = t.subject == SubjectKind::Service   ? t.service.index()
                                : t.subject == SubjectKind::Journey ? t.journey.index()
                                                                    : t.probe.index();
      r.series = series_for(table, index, t.window);
      service = t.service;
    }
    // Groups per (group_by value, severity): pages and tickets never share a notification.
    const std::string key = spec_.alerting.group_by == GroupBy::Service && service.is_valid()
                                ? s.services[service.index()].name
                                : rule.name;
    const auto g = std::find_if(groups_.begin(), groups_.end(), [&](const Group& x) {
      return x.key == key && x.severity == rule.severity;
    });
    r.group = static_cast<std::uint32_t>(g - groups_.begin());
    if (g == groups_.end()) {
      Group& added = groups_.emplace_back();
      added.key = key;
      added.severity = rule.severity;
    }
  }
}

std::uint32_t Monitor::series_for(std::vector<std::optional<std::uint32_t>>& table,
                                  std::size_t index, Duration window) {
  GAMEDAY_ASSERT(index < table.size());
  if (!table[index]) {
    table[index] = static_cast<std::uint32_t>(series_.size());
    series_.emplace_back();
  }
  Series& s = series_[*table[index]];
  s.keep = std::max(s.keep, window);
  return *table[index];
}

void Monitor::observe(Time t, Duration interval, const std::vector<IntervalStats>& services,
                      const std::vector<IntervalStats>& sources, const std::vector<SloCounts>& slos,
                      const std::vector<ProbeCounts>& probes) {
  flush_due(t, Inclusive::No);
  const auto push_traffic = [&](const auto& table, const std::vector<IntervalStats>& stats) {
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (!table[i]) continue;
      GAMEDAY_ASSERT(i < stats.size());
      Series& s = series_[*table[i]];
      s.push(t, interval, traffic_delta(stats[i]), stats[i].instances_up);
      s.trim(t, s.keep);
    }
  };
  push_traffic(service_series_, services);
  push_traffic(source_series_, sources);
  for (std::size_t i = 0; i < slo_series_.size(); ++i) {
    if (!slo_series_[i]) continue;
    GAMEDAY_ASSERT(i < slos.size());
    Sums d;
    d.requests = d.responses = slos[i].valid;
    d.errors = slos[i].valid - std::min(slos[i].good, slos[i].valid);
    Series& s = series_[*slo_series_[i]];
    s.push(t, interval, d, 0);
    s.trim(t, s.keep);
  }
  for (std::size_t i = 0; i < probe_series_.size(); ++i) {
    if (!probe_series_[i]) continue;
    GAMEDAY_ASSERT(i < probes.size());
    Sums d;
    d.requests = d.responses = probes[i].attempts;
    // A probe fails after its attempt was counted (its timeout, a slow error), often in the
    // next interval: failures are summed as they come and the ratio is capped per window.
    d.errors = probes[i].failures;
    Series& s = series_[*probe_series_[i]];
    s.push(t, interval, d, 0);
    s.trim(t, s.keep);
  }
}

Monitor::Window Monitor::window(const Series& s, std::uint64_t& cursor, Time t, Duration w) const {
  const Time start = t - w;  // exclusive
  cursor = std::max(cursor, s.first_index());
  while (cursor < s.end_index() && s.at(cursor).t <= start) ++cursor;
  Window out;
  if (cursor == s.end_index()) return out;  // no sample in the window: no data
  // Trimming keeps the base point (see Series::trim), so it exists unless nothing was dropped.
  GAMEDAY_ASSERT(cursor > s.first_index() || s.first_index() == 0);
  const Point& last = s.at(s.end_index() - 1);
  out.last = &last;
  out.sums = cursor == 0 ? last.cum : minus(last.cum, s.at(cursor - 1).cum);
  return out;
}

Monitor::Evaluation Monitor::evaluate_threshold(RuleRt& r, const ThresholdRule& rule, Time t) {
  const Window w = window(series_[r.series], r.cursor_long, t, rule.window);
  Evaluation e;
  if (!w.last) return e;
  const Sums& s = w.sums;
  switch (rule.metric) {
    case AlertMetric::ErrorRatio: e.value = ratio(s.errors, s.responses); break;
    case AlertMetric::ProbeFailureRatio:
      e.value = ratio(std::min(s.errors, s.requests), s.requests);
      break;
    case AlertMetric::LatencyP50:
    case AlertMetric::LatencyP90:
    case AlertMetric::LatencyP95:
    case AlertMetric::LatencyP99:
      e.value = histogram_quantile(latency_quantile(rule.metric), s.latency_le, s.latency_count);
      break;
    case AlertMetric::RequestRate:
      e.value = static_cast<double>(s.requests) / Duration::from_ns(s.interval_ns).to_seconds();
      break;
    case AlertMetric::Saturation: e.value = s.utilisation / static_cast<double>(s.samples); break;
    case AlertMetric::InstancesUp: e.value = static_cast<double>(w.last->instances_up); break;
    case AlertMetric::QueueDepth:
      e.value = static_cast<double>(s.queued) / static_cast<double>(s.samples);
      break;
  }
  if (e.value)
    e.holds = rule.comparison == Comparison::Above ? *e.value > rule.threshold
                                                   : *e.value < rule.threshold;
  return e;
}

Monitor::Evaluation Monitor::evaluate_burn_rate(RuleRt& r, const BurnRateRule& rule, Time t) {
  const Series& s = series_[r.series];
  const Window lw = window(s, r.cursor_long, t, rule.long_window);
  const double allowed = slo_allowed_error_[rule.slo.index()];
  const double long_ratio = ratio(lw.sums.errors, lw.sums.requests);
  const double limit = rule.factor * allowed;
  Evaluation e;
  e.value = long_ratio / allowed;  // burn rate: how many times too fast the budget goes
  e.holds = long_ratio > limit;
  if (rule.short_window.ns() > 0) {
    const Window sw = window(s, r.cursor_short, t, rule.short_window);
    const double short_ratio = ratio(sw.sums.errors, sw.sums.requests);
    e.short_value = short_ratio / allowed;
    e.holds = e.holds && short_ratio > limit;
  }
  return e;
}

void Monitor::evaluate(Time t) {
  flush_due(t, Inclusive::No);
  for (std::uint32_t id = 0; id < rules_.size(); ++id) {
    const AlertRule& rule = spec_.alerts[id];
    RuleRt& r = rules_[id];
    const Evaluation e = rule.kind == AlertRule::Kind::BurnRate
                             ? evaluate_burn_rate(r, rule.burn_rate, t)
                             : evaluate_threshold(r, rule.threshold, t);
    step(id, e, t);
  }
  flush_due(t, Inclusive::Yes);
}

// Prometheus's rule state machine; `for: 0` fires at the evaluation that goes pending.
void Monitor::step(std::uint32_t id, const Evaluation& e, Time t) {
  const AlertRule& rule = spec_.alerts[id];
  RuleRt& r = rules_[id];
  if (r.state == State::Inactive) {
    if (!e.holds) return;
    r.state = State::Pending;
    r.active_since = t;
    if (!r.summary.first_pending) r.summary.first_pending = t;
    r.pending_seq = write_transition(id, EventKind::AlertPending, e, t, std::nullopt);
  } else if (r.state == State::Pending && !e.holds) {
    r.state = State::Inactive;  // silently, as Prometheus drops a pending alert
    return;
  }
  if (r.state == State::Pending) {
    if (t - r.active_since < rule.for_duration) return;
    r.state = State::Firing;
    r.false_since.reset();
    ++r.summary.firings;
    if (!r.summary.first_firing) r.summary.first_firing = t;
    r.summary.fired_at.push_back(t);
    r.firing_seq = write_transition(id, EventKind::AlertFiring, e, t, r.pending_seq);
    on_firing(id, t);
    return;
  }
  // Firing: keep_firing_for counts from the first evaluation that found the condition false.
  if (e.holds) {
    r.false_since.reset();
    return;
  }
  if (!r.false_since) r.false_since = t;
  if (t - *r.false_since < rule.keep_firing_for) return;
  r.state = State::Inactive;
  r.false_since.reset();
  const std::uint64_t seq = write_transition(id, EventKind::AlertResolved, e, t, std::nullopt);
  on_resolved(id, seq);
}

std::uint64_t Monitor::write_transition(std::uint32_t id, EventKind kind, const Evaluation& e,
                                        Time t, std::optional<std::uint64_t> cause) {
  const eventlog::AlertChange change{AlertId{id}, spec_.alerts[id].severity, e.value,
                                     e.short_value};
  return out_.event({t, kind, change, cause});
}

void Monitor::on_firing(std::uint32_t id, Time t) {
  Group& g = groups_[rules_[id].group];
  g.firing.push_back(id);
  if (!g.due) g.due = t + spec_.alerting.group_wait;  // a new group waits to batch its alerts
}

void Monitor::on_resolved(std::uint32_t id, std::uint64_t seq) {
  Group& g = groups_[rules_[id].group];
  std::erase(g.firing, id);
  std::erase(g.notified, id);  // firing again later is news
  g.last_resolved_seq = seq;
}

bool Monitor::is_inhibited(std::uint32_t id) const {
  return std::any_of(
      spec_.alerting.inhibit.begin(), spec_.alerting.inhibit.end(), [&](const Inhibition& in) {
        return in.target.index() == id && rules_[in.source.index()].state == State::Firing;
      });
}

void Monitor::write_notification(Group& g, const std::vector<std::uint32_t>& alerts, EventKind kind,
                                 std::optional<std::uint64_t> cause, Time t) {
  const eventlog::Notification notice{AlertId{alerts.front()},
                                      static_cast<std::int64_t>(alerts.size()), g.key};
  sent_.push_back({t, kind, alerts, out_.event({t, kind, notice, cause})});
}

std::vector<Monitor::ActiveAlert> Monitor::active_alerts() const {
  std::vector<ActiveAlert> out;
  for (std::uint32_t id = 0; id < rules_.size(); ++id) {
    const RuleRt& r = rules_[id];
    if (r.state == State::Pending) out.push_back({id, false, r.active_since});
    if (r.state == State::Firing) out.push_back({id, true, r.summary.fired_at.back()});
  }
  return out;
}

// One tick of a group: notify new alerts (or repeat after repeat_interval), or say resolved
// once every alert of a notified group has resolved; then schedule the next tick.
void Monitor::flush_group(Group& g, Time t) {
  const Time due = *g.due;
  std::vector<std::uint32_t> active;
  for (const std::uint32_t id : g.firing)
    if (!is_inhibited(id)) active.push_back(id);
  if (g.firing.empty()) {
    if (!g.last_sent.empty())
      write_notification(
          g, g.last_sent,
          g.severity == Severity::Page ? EventKind::PageResolved : EventKind::TicketResolved,
          g.last_resolved_seq, t);
    g.last_sent.clear();
    g.notified.clear();
    g.due.reset();
    g.last_notified.reset();
    return;
  }
  const bool has_new = std::any_of(active.begin(), active.end(), [&](std::uint32_t id) {
    return std::find(g.notified.begin(), g.notified.end(), id) == g.notified.end();
  });
  const bool repeat =
      !active.empty() && g.last_notified && t - *g.last_notified >= spec_.alerting.repeat_interval;
  if (has_new || repeat) {
    write_notification(g, active,
                       g.severity == Severity::Page ? EventKind::Page : EventKind::Ticket,
                       rules_[active.front()].firing_seq, t);
    for (const std::uint32_t id : active) ++rules_[id].summary.notifications;
    g.notified = active;
    g.last_sent = active;
    g.last_notified = t;
  }
  g.due = due + spec_.alerting.group_interval;
}

void Monitor::flush_due(Time t, Inclusive inclusive) {
  for (;;) {
    Group* next = nullptr;
    for (Group& g : groups_)
      if (g.due && (!next || *g.due < *next->due)) next = &g;
    if (!next) return;
    const bool due = *next->due < t || (inclusive == Inclusive::Yes && *next->due == t);
    if (!due) return;
    flush_group(*next, t);
  }
}

std::optional<Time> Monitor::next_notification_due() const {
  std::optional<Time> next;
  for (const Group& g : groups_)
    if (g.due && (!next || *g.due < *next)) next = g.due;
  return next;
}

void Monitor::notify_due(Time t) {
  flush_due(t, Inclusive::Yes);
}

std::vector<AlertSummary> Monitor::summary() const {
  std::vector<AlertSummary> out;
  out.reserve(rules_.size());
  for (const RuleRt& r : rules_) out.push_back(r.summary);
  return out;
}

}  // namespace gameday::sim

// The replay model's state queries: service health, instance marks, edge traffic and the peak
// of impact, from the record's samples and events.
//
// Samples are indexed per service and per dependency once, in time order, so `at(t)` is a
// binary search per entity plus one pass over the (few) discrete events. The SLO objectives
// come from the resolved scenario in the header; it is parsed here, privately, because the
// eventlog keeps it as opaque JSON text.
#include "gameday/viz/replay_model.hpp"

#include <algorithm>
#include <numeric>

#include "gameday/scoring/scorecard.hpp"
#include "gameday/viz/summary.hpp"

namespace gameday::viz {
namespace {

using eventlog::ServiceSample;

// An error ratio this many times the SLO's allowance is a fast burn: the SRE Workbook's
// page-fast threshold (2% of a 30-day budget in an hour), as docs/alerting.md uses it.
constexpr double critical_burn = 14.4;
// A service this much slower than its own median p99 is shown degraded even without errors.
constexpr std::int64_t slow_factor = 4;
constexpr Duration slow_margin = ms(50);

std::uint64_t sum(const eventlog::ErrorCounts& e) {
  return std::accumulate(e.begin(), e.end(), std::uint64_t{0});
}

double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

Time record_end(const eventlog::Record& r) {
  if (r.end) return r.end->t;
  Time t = Time::zero();
  if (!r.service_samples.empty()) t = std::max(t, r.service_samples.back().t);
  if (!r.events.empty()) t = std::max(t, r.events.back().t);
  if (t == Time::zero()) t = Time::zero() + r.header.duration;
  return t;
}

}  // namespace

std::string_view view_name(View v) {
  return v == View::Truth ? "truth" : "responders";
}

std::optional<View> parse_view(std::string_view text) {
  if (text == "responders") return View::Responders;
  if (text == "truth") return View::Truth;
  return std::nullopt;
}

std::string_view health_name(Health h) {
  switch (h) {
    case Health::Idle: return "idle";
    case Health::Ok: return "ok";
    case Health::Degraded: return "degraded";
    case Health::Critical: return "critical";
  }
  return "?";
}

ReplayModel::ReplayModel(eventlog::Record record) : record_(std::move(record)) {
  end_ = record_end(record_);
  cold_for_ = minutes(2);
  index_samples();
  read_objectives();
  compute_depth();
  compute_peak();
  timeline_ = build_timeline(record_, end_);
  summary_ = std::make_shared<const IncidentSummary>(summarize(*this));
}

Time ReplayModel::axis_end() const {
  const Time planned = Time::zero() + record_.header.duration;
  return std::max(is_complete() ? end_ : std::max(end_, planned), Time::zero() + seconds(1));
}

void ReplayModel::index_samples() {
  const auto& names = record_.header.names;
  service_samples_.assign(names.services.size(), {});
  dependency_samples_.assign(names.dependencies.size(), {});
  for (std::size_t i = 0; i < record_.service_samples.size(); ++i) {
    const std::size_t s = record_.service_samples[i].service.index();
    if (s < service_samples_.size()) service_samples_[s].push_back(i);
  }
  const double interval = std::max(record_.header.sample_interval.to_seconds(), 1e-9);
  for (std::size_t i = 0; i < record_.dependency_samples.size(); ++i) {
    const std::size_t d = record_.dependency_samples[i].dependency.index();
    max_call_rate_ = std::max(max_call_rate_,
                              static_cast<double>(record_.dependency_samples[i].calls) / interval);
    if (d < dependency_samples_.size()) dependency_samples_[d].push_back(i);
  }
}

// Availability and latency SLOs per service, and each service's own median p99. A service
// without an SLO keeps the default: 1% errors allowed.
void ReplayModel::read_objectives() {
  const auto& services = record_.header.names.services;
  objectives_.assign(services.size(), Objective{});
  const model::Scenario& scenario = record_.header.scenario;
  budgets_.assign(scenario.slos.size(), SloBudget{});
  std::vector<bool> has_availability(services.size(), false);
  for (std::size_t i = 0; i < scenario.slos.size(); ++i) {
    const model::SloSpec& slo = scenario.slos[i];
    if (!slo.service.is_valid()) continue;
    Objective& o = objectives_[slo.service.index()];
    const double allowed = std::clamp(1.0 - slo.objective, 1e-6, 1.0);
    const bool is_latency = slo.kind == model::SloSpec::Kind::Latency;
    budgets_[i].window = slo.window;
    if (!is_latency || !o.budget_slo) o.budget_slo = SloId::from_index(i);
    if (is_latency) {
      o.latency = slo.latency_threshold;
    } else {  // the strictest of its availability SLOs
      o.allowed_error =
          has_availability[slo.service.index()] ? std::min(o.allowed_error, allowed) : allowed;
      has_availability[slo.service.index()] = true;
    }
  }
  for (const eventlog::SloSample& smp : record_.slo_samples) {
    SloBudget& b = budgets_[smp.slo.index()];
    b.t.push_back(smp.t);
    b.bad_sum.push_back((b.bad_sum.empty() ? 0 : b.bad_sum.back()) + (smp.valid - smp.good));
    b.valid_sum.push_back((b.valid_sum.empty() ? 0 : b.valid_sum.back()) + smp.valid);
  }
  start_of_day_ = scenario.start_time_of_day;
  for (const model::FaultSpec& f : scenario.faults) cold_for_ = std::max(cold_for_, f.cold_for);
  for (std::size_t s = 0; s < services.size(); ++s) {
    std::vector<Duration> p99s;
    for (std::size_t i : service_samples_[s]) {
      const ServiceSample& smp = record_.service_samples[i];
      if (smp.ok > 0) p99s.push_back(smp.latency.p99);
    }
    if (p99s.empty()) continue;
    std::nth_element(p99s.begin(), p99s.begin() + static_cast<long>(p99s.size() / 2), p99s.end());
    objectives_[s].baseline_p99 = p99s[p99s.size() / 2];
  }
}

// Longest path from a service nothing calls. Relaxing at most n times bounds the work and
// keeps a (malformed) cycle from looping forever.
void ReplayModel::compute_depth() {
  const auto& names = record_.header.names;
  depth_.assign(names.services.size(), 0);
  for (std::size_t round = 0; round < names.services.size(); ++round) {
    bool changed = false;
    for (const auto& d : names.dependencies) {
      if (d.from.index() >= depth_.size() || d.to.index() >= depth_.size()) continue;
      if (depth_[d.to.index()] < depth_[d.from.index()] + 1 &&
          depth_[d.from.index()] + 1 < static_cast<int>(names.services.size())) {
        depth_[d.to.index()] = depth_[d.from.index()] + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
}

void ReplayModel::compute_peak() {
  // Source samples of one interval share their `t`; sum them per interval.
  double best = 0;
  std::optional<Time> best_t;
  const auto& ss = record_.source_samples;
  for (std::size_t i = 0; i < ss.size();) {
    std::uint64_t failed = 0, answered = 0;
    std::size_t j = i;
    for (; j < ss.size() && ss[j].t == ss[i].t; ++j) {
      failed += sum(ss[j].errors);
      answered += ss[j].ok + sum(ss[j].errors);
    }
    const double r = ratio(failed, answered);
    if (r > best) {
      best = r;
      best_t = ss[i].t;
    }
    i = j;
  }
  peak_impact_ = best_t ? *best_t : Time::zero() + (end_ - Time::zero()) / 2;
}

Health ReplayModel::health_of(const ServiceSample& s, std::size_t service) const {
  if (s.instances_up == 0) return Health::Critical;
  const std::uint64_t failed = sum(s.errors);
  const std::uint64_t answered = s.ok + failed;
  if (answered == 0) return Health::Idle;
  const Objective& o = objectives_[service];
  const double burn = ratio(failed, answered) / o.allowed_error;
  if (burn >= critical_burn) return Health::Critical;
  if (burn > 1.0) return Health::Degraded;
  if (s.ok > 0 && o.latency && s.latency.p99 > *o.latency) return Health::Degraded;
  const Duration base = o.baseline_p99;
  if (s.ok > 0 && s.latency.p99 > base * slow_factor && s.latency.p99 - base > slow_margin)
    return Health::Degraded;
  return Health::Ok;
}

Snapshot ReplayModel::at(Time t) const {
  const auto& names = record_.header.names;
  Snapshot snap;
  snap.t = t;
  snap.services.resize(names.services.size());
  snap.edges.resize(names.dependencies.size());
  const auto latest = [t](const auto& samples, const std::vector<std::size_t>& idx) {
    const auto it = std::upper_bound(idx.begin(), idx.end(), t,
                                     [&](Time v, std::size_t i) { return v < samples[i].t; });
    return it == idx.begin() ? std::optional<std::size_t>{} : std::optional{*(it - 1)};
  };
  const double interval = std::max(record_.header.sample_interval.to_seconds(), 1e-9);
  for (std::size_t s = 0; s < snap.services.size(); ++s) {
    ServiceState& st = snap.services[s];
    const auto i = latest(record_.service_samples, service_samples_[s]);
    if (!i) continue;
    const ServiceSample& smp = record_.service_samples[*i];
    const std::uint64_t failed = sum(smp.errors);
    st.health = health_of(smp, s);
    st.error_ratio = ratio(failed, smp.ok + failed);
    st.request_rate = static_cast<double>(smp.requests) / interval;
    st.p99 = smp.latency.p99;
    st.has_latency = smp.ok > 0;
    st.instances_up = smp.instances_up;
  }
  for (std::size_t d = 0; d < snap.edges.size(); ++d) {
    const auto i = latest(record_.dependency_samples, dependency_samples_[d]);
    if (!i) continue;
    const auto& smp = record_.dependency_samples[*i];
    const std::uint64_t failed = sum(smp.errors);
    snap.edges[d].call_rate = static_cast<double>(smp.calls) / interval;
    snap.edges[d].failure_share = ratio(failed, smp.ok + failed);
    snap.edges[d].is_circuit_open = smp.circuit == eventlog::CircuitState::Open;
    snap.edges[d].is_circuit_half_open = smp.circuit == eventlog::CircuitState::HalfOpen;
  }
  apply_instance_events(t, snap);
  return snap;
}

// Instances start up and in rotation; each instance event up to `t` moves its mark. Circuit
// events refine the sampled breaker state between samples.
void ReplayModel::apply_instance_events(Time t, Snapshot& snap) const {
  const auto& instances = record_.header.names.instances;
  std::vector<InstanceState> state(instances.size());
  std::vector<std::optional<Time>> started(instances.size());
  for (std::size_t i = 0; i < state.size(); ++i) state[i].id = InstanceId::from_index(i);
  using eventlog::EventKind;
  for (const eventlog::Event& e : record_.events) {
    if (e.t > t) break;
    if (const auto* circuit = e.get<eventlog::CircuitChange>()) {
      EdgeState& edge = snap.edges[circuit->dependency.index()];
      edge.is_circuit_open = e.kind == EventKind::CircuitOpen;
      edge.is_circuit_half_open = e.kind == EventKind::CircuitHalfOpen;
      continue;
    }
    const auto* change = e.get<eventlog::InstanceChange>();
    if (change == nullptr) continue;
    InstanceState& st = state[change->instance.index()];
    switch (e.kind) {
      case EventKind::InstanceDown:
      case EventKind::OutOfMemory: st.mark = InstanceMark::Down; break;
      case EventKind::InstanceHung: st.mark = InstanceMark::Hung; break;
      case EventKind::InstanceResumed: st.mark = InstanceMark::Up; break;
      case EventKind::InstanceUp:
        st.mark = InstanceMark::Up;
        started[change->instance.index()] = e.t;
        break;
      case EventKind::InstanceOutOfRotation: st.in_rotation = false; break;
      case EventKind::InstanceInRotation: st.in_rotation = true; break;
      default: break;
    }
  }
  for (std::size_t i = 0; i < state.size(); ++i) {
    if (state[i].mark == InstanceMark::Up && started[i] && t - *started[i] < cold_for_)
      state[i].mark = InstanceMark::Cold;
    const std::size_t s = instances[i].service.index();
    if (s < snap.services.size()) snap.services[s].instances.push_back(state[i]);
  }
}

std::vector<SeriesPoint> ReplayModel::series(ServiceId s) const {
  std::vector<SeriesPoint> out;
  if (s.index() >= service_samples_.size()) return out;
  for (std::size_t i : service_samples_[s.index()]) {
    const ServiceSample& smp = record_.service_samples[i];
    const std::uint64_t failed = sum(smp.errors);
    out.push_back(
        {smp.t, ratio(failed, smp.ok + failed), smp.latency.p50, smp.latency.p99, smp.ok > 0});
  }
  return out;
}

ServiceObjective ReplayModel::objective(ServiceId s) const {
  if (s.index() >= objectives_.size()) return {};
  return objectives_[s.index()];
}

std::optional<BudgetUse> ReplayModel::budget_at(ServiceId s, Time t) const {
  const auto slo = objective(s).budget_slo;
  if (!slo) return std::nullopt;
  const SloBudget& b = budgets_[slo->index()];
  if (b.t.empty() || b.window <= Duration{}) return std::nullopt;
  const auto upto =
      static_cast<std::size_t>(std::upper_bound(b.t.begin(), b.t.end(), t) - b.t.begin());
  BudgetUse use{record_.header.names.slos[slo->index()], 0, b.window};
  if (upto == 0) return use;
  // At the average valid rate over the samples so far.
  const double span = static_cast<double>(upto) * record_.header.sample_interval.to_seconds();
  use.consumed = scoring::budget_used(b.bad_sum[upto - 1], b.valid_sum[upto - 1], span,
                                      record_.header.scenario.slos[slo->index()]);
  return use;
}

ServiceId ReplayModel::worst_service(const Snapshot& snap) const {
  std::size_t best = 0;
  for (std::size_t s = 1; s < snap.services.size(); ++s) {
    const ServiceState& a = snap.services[s];
    const ServiceState& b = snap.services[best];
    if (a.health > b.health || (a.health == b.health && a.error_ratio > b.error_ratio)) best = s;
  }
  return ServiceId::from_index(best);
}

std::vector<Time> ReplayModel::event_times(View view) const {
  std::vector<Time> out;
  for (const eventlog::Event& e : record_.events) {
    if (view == View::Responders && eventlog::is_ground_truth(e.kind)) continue;
    if (out.empty() || out.back() != e.t) out.push_back(e.t);
  }
  return out;
}

std::optional<ServiceId> ReplayModel::find_service(std::string_view name) const {
  const auto& services = record_.header.names.services;
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (services[i] == name) return ServiceId::from_index(i);
  }
  return std::nullopt;
}

}  // namespace gameday::viz

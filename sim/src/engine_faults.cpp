// Faults and health checks: how the scenario's failures act on the runtime.
//
// Each fault starts and ends by events in the same queue as everything else. Faults that take
// instances down or hang them change instance state at those events; the others (latency,
// errors, capacity loss, packet loss, partitions, surges) are looked up where they act, on
// the request path, and only for the services, edges and sources they target, so runs without
// faults pay nothing. Every state change goes to the record with the line that caused it.
#include <algorithm>
#include <cmath>
#include <string>

#include "engine.hpp"
#include "gameday/core/assert.hpp"

namespace gameday::sim {
namespace {

bool takes_instances_down(FaultKind k) {
  return k == FaultKind::Crash || k == FaultKind::ZoneOutage || k == FaultKind::CrashLoop ||
         k == FaultKind::Failover;
}

// Kinds that act on chosen instances rather than on the service as a whole.
bool targets_instances(FaultKind k) {
  return k == FaultKind::Crash || k == FaultKind::CrashLoop || k == FaultKind::MemoryLeak ||
         k == FaultKind::Hang || k == FaultKind::BadDeploy || k == FaultKind::ConfigPush ||
         k == FaultKind::Failover;
}

// Kinds whose instances come back when the fault ends (a crash loop's through its restarts).
bool restores_instances(FaultKind k) {
  return k == FaultKind::Crash || k == FaultKind::ZoneOutage || k == FaultKind::Failover;
}

}  // namespace

void Engine::build_faults() {
  faults_.resize(scenario_.faults.size());
  for (std::uint32_t f = 0; f < faults_.size(); ++f) {
    FaultRt& rt = faults_[f];
    rt.spec = &scenario_.faults[f];
    rt.rng = Rng::stream(seed_, "faults/" + rt.spec->name);
    rt.enders = fault_enders(scenario_, *rt.spec);
    const FaultSpec& spec = *rt.spec;
    if (spec.kind == FaultKind::BadDeploy)
      for (std::uint32_t g = 0; g <= f; ++g)
        if (faults_[g].spec->kind == FaultKind::BadDeploy &&
            faults_[g].spec->target.service == spec.target.service)
          ++rt.release;
    const FaultTarget& t = spec.target;
    switch (t.kind) {
      case FaultTarget::Kind::Service: {
        ServiceRt& s = services_[t.service.index()];
        // The first N instances: a deterministic choice a facilitator can predict.
        const std::size_t n = s.instances.size();
        std::size_t count = n;
        if (t.count) count = std::min(n, static_cast<std::size_t>(*t.count));
        if (t.share) count = static_cast<std::size_t>(std::ceil(*t.share * static_cast<double>(n)));
        const auto first = [&] {
          rt.instances.assign(s.instances.begin(), s.instances.begin() + static_cast<long>(count));
        };
        if (targets_instances(spec.kind)) {
          first();
        } else {
          s.faults.push_back(f);
          // A capacity loss on some instances slows only those (work_time).
          if (spec.kind == FaultKind::CapacityLoss && (t.count || t.share)) first();
        }
        break;
      }
      case FaultTarget::Kind::Edge:
        for (std::uint32_t d : services_[t.service.index()].dependencies)
          if (dependencies_[d].to == t.to.index()) dependencies_[d].faults.push_back(f);
        break;
      case FaultTarget::Kind::Zone:
        for (std::uint32_t i = 0; i < instances_.size(); ++i)
          if (instances_[i].zone == t.zone.index()) rt.instances.push_back(i);
        break;
      case FaultTarget::Kind::ZonePair: zone_partitions_.push_back(f); break;
      case FaultTarget::Kind::Source: {
        if (spec.kind != FaultKind::TrafficSurge) break;  // a herd is scheduled at its start
        sources_[t.source.index()].faults.push_back(f);   // rate_max includes its factor
        break;
      }
    }
    if (spec.mtbf) {
      for (std::uint32_t i : rt.instances) schedule_next_kill(i, f);
    } else if (Time::zero() + spec.at <= end_) {
      sched_.schedule(Time::zero() + spec.at, FaultStart, f);
    }
  }
  for (std::uint32_t i = 0; i < instances_.size(); ++i) {
    // Checks are staggered across instances, as independent checkers' are.
    const Duration interval = services_[instances_[i].service].spec->health_check.interval;
    const Duration first = interval * static_cast<std::int64_t>(i % 10 + 1) / 11;
    if (Time::zero() + first <= end_) sched_.schedule(Time::zero() + first, HealthCheckDue, i);
  }
}

std::uint64_t Engine::fault_event(EventKind kind, std::uint32_t fault, std::uint32_t instance,
                                  std::optional<std::uint64_t> cause) {
  eventlog::FaultChange change{FaultId{fault}, faults_[fault].spec->kind, std::nullopt};
  if (instance != no_index) change.instance = InstanceId{instance};
  const eventlog::Event e(now(), kind, change, cause);
  return out_.event(e);
}

void Engine::on_fault_start(std::uint32_t fault) {
  FaultRt& f = faults_[fault];
  const FaultSpec& spec = *f.spec;
  if (f.active) return;  // the facilitator injected it before its scheduled start
  f.active = true;
  f.started = now();
  f.start_seq = fault_event(EventKind::FaultStart, fault, no_index, std::nullopt);
  for (std::uint32_t i : f.instances) {
    if (takes_instances_down(spec.kind)) take_down(i, f.start_seq);
    if (spec.kind == FaultKind::Hang) set_hung(i, true, f.start_seq);
    if (spec.kind == FaultKind::CrashLoop)
      sched_.schedule_in(spec.restart_after, InstanceRestart, i, fault);
    if (spec.kind == FaultKind::MemoryLeak) {
      instances_[i].leak = fault;
      instances_[i].leak_since = now();
      schedule_next_kill(i, fault);
    }
    if (spec.kind == FaultKind::ConfigPush) deploy_to(fault, i);
  }
  if (spec.kind == FaultKind::BadDeploy) {  // one instance after another, evenly over `rollout`
    const auto n = static_cast<std::int64_t>(f.instances.size());
    for (std::int64_t k = 0; k < n; ++k)
      sched_.schedule_in(spec.rollout * k / n, DeployStep, f.instances[static_cast<std::size_t>(k)],
                         fault);
  }
  if (spec.kind == FaultKind::ThunderingHerd) {
    for (std::uint64_t k = 0; k < spec.requests; ++k)
      sched_.schedule_in(Duration::from_seconds(f.rng.uniform() * spec.spread.to_seconds()),
                         HerdArrival, static_cast<std::uint32_t>(spec.target.source.index()));
    if (now() + spec.spread <= end_) sched_.schedule_in(spec.spread, FaultEnd, fault);
  }
  // A crash lasts until the supervisor restarts the instances; others last `for`, or to the end.
  std::optional<Duration> length = spec.length;
  if (spec.kind == FaultKind::Crash) length = spec.restart_after;
  if (length && now() + *length <= end_) sched_.schedule_in(*length, FaultEnd, fault);
}

void Engine::on_fault_end(std::uint32_t fault, std::optional<std::uint64_t> cause) {
  FaultRt& f = faults_[fault];
  if (!f.active) return;  // it already ended: with the fault it lasts `until`, or by an action
  f.active = false;
  const std::uint64_t seq =
      fault_event(EventKind::FaultEnd, fault, no_index, cause.value_or(f.start_seq));
  for (std::uint32_t i : f.instances) {
    InstanceRt& in = instances_[i];
    if (restores_instances(f.spec->kind)) bring_up(i, *f.spec, seq);
    if (f.spec->kind == FaultKind::Hang) set_hung(i, false, seq);
    if (f.spec->kind == FaultKind::MemoryLeak) in.leak = no_index;
    const auto v = std::find(in.versions.begin(), in.versions.end(), fault);
    if (v != in.versions.end()) {  // rolled back
      in.versions.erase(v);
      instance_event(EventKind::InstanceReverted, i, seq);
    }
  }
  for (std::uint32_t g = 0; g < faults_.size(); ++g)
    if (faults_[g].spec->until_fault && faults_[g].spec->until_fault->index() == fault)
      on_fault_end(g, seq);
}

double Engine::fault_level(const FaultRt& f) const {
  if (f.spec->ramp.is_zero()) return 1;
  const double ramped =
      static_cast<double>((now() - f.started).ns()) / static_cast<double>(f.spec->ramp.ns());
  return std::min(1.0, ramped);
}

std::uint64_t Engine::instance_event(EventKind kind, std::uint32_t instance, std::uint64_t cause) {
  const std::uint64_t seq =
      out_.event({now(), kind, eventlog::InstanceChange{InstanceId{instance}}, cause});
  instances_[instance].last_change_seq = seq;
  // What the process and its load balancer would log (a hung process logs nothing).
  const std::string name = instance_name(scenario_, instance);
  std::string_view what;
  switch (kind) {
    case EventKind::InstanceDown: what = ": process exited"; break;
    case EventKind::InstanceUp: what = ": started"; break;
    case EventKind::OutOfMemory: what = ": killed by the kernel: out of memory"; break;
    case EventKind::InstanceDeployed: what = ": new version running"; break;
    case EventKind::InstanceReverted: what = ": previous version running"; break;
    case EventKind::InstanceOutOfRotation: what = ": health check failing, out of rotation"; break;
    case EventKind::InstanceInRotation: what = ": health check passing, back in rotation"; break;
    case EventKind::InstanceProvisioned: what = ": provisioned"; break;
    case EventKind::InstanceDecommissioned: what = ": decommissioned"; break;
    default: break;
  }
  if (!what.empty()) log_line(instances_[instance].service, name + std::string(what));
  return seq;
}

// The process dies: everything it held is lost. Queued and frozen requests fail at once; those
// being worked on, or waiting on their calls, fail when they next act (their incarnation is
// stale). The load balancer keeps sending until health checks take the instance out.
void Engine::take_down(std::uint32_t instance, std::uint64_t cause) {
  InstanceRt& in = instances_[instance];
  if (!in.up) return;
  accumulate_busy(in);
  in.up = false;
  ++in.incarnation;
  in.busy = 0;
  in.in_flight = 0;
  in.hung = false;
  while (!in.queue.empty()) fail_span_at(in.queue.pop(), ErrorCause::Unavailable, Duration{});
  for (std::uint32_t span : in.frozen) fail_span_at(span, ErrorCause::Unavailable, Duration{});
  in.frozen.clear();
  instance_event(EventKind::InstanceDown, instance, cause);
}

void Engine::bring_up(std::uint32_t instance, const FaultSpec& spec, std::uint64_t cause) {
  InstanceRt& in = instances_[instance];
  if (in.up || !in.provisioned) return;
  in.up = true;
  in.busy_since = now();
  in.cold_for = spec.cold_for;
  in.cold_factor = spec.cold_factor;
  in.cold_until = now() + spec.cold_for;
  instance_event(EventKind::InstanceUp, instance, cause);
}

void Engine::set_hung(std::uint32_t instance, bool hung, std::uint64_t cause) {
  InstanceRt& in = instances_[instance];
  if (!in.up || in.hung == hung) return;
  in.hung = hung;
  instance_event(hung ? EventKind::InstanceHung : EventKind::InstanceResumed, instance, cause);
  if (hung) return;
  // Work that finished during the hang completes now; free workers take queued requests.
  for (std::uint32_t span : in.frozen) sched_.schedule(now(), WorkDone, span, spans_[span].gen);
  in.frozen.clear();
  const int workers = services_[in.service].spec->workers;
  while (in.busy < workers && !in.queue.empty()) start_work(instance, in.queue.pop());
}

// A check passes when the instance is up and answering. Consecutive results past the
// thresholds take it out of the load balancer's rotation or bring it back.
void Engine::on_health_check(std::uint32_t instance) {
  InstanceRt& in = instances_[instance];
  const HealthCheck& hc = services_[in.service].spec->health_check;
  const bool pass = in.up && !in.hung && in.provisioned;
  in.checks_passed = pass ? in.checks_passed + 1 : 0;
  in.checks_failed = pass ? 0 : in.checks_failed + 1;
  if (in.in_rotation && in.checks_failed >= hc.unhealthy_threshold) {
    in.in_rotation = false;
    instance_event(EventKind::InstanceOutOfRotation, instance, in.last_change_seq);
  } else if (!in.in_rotation && in.checks_passed >= hc.healthy_threshold) {
    in.in_rotation = true;
    instance_event(EventKind::InstanceInRotation, instance, in.last_change_seq);
  }
  if (now() + hc.interval <= end_) sched_.schedule_in(hc.interval, HealthCheckDue, instance);
}

// Crash loops, memory leaks and random crashes kill an instance again and again. A kill event
// names the fault and the instance's position in it; the fault remembers the incarnation the
// kill was meant for, so a kill meant for an earlier life of the instance is stale.
void Engine::schedule_next_kill(std::uint32_t instance, std::uint32_t fault) {
  FaultRt& f = faults_[fault];
  const auto k = static_cast<std::uint32_t>(
      std::find(f.instances.begin(), f.instances.end(), instance) - f.instances.begin());
  GAMEDAY_ASSERT(k < f.instances.size());
  f.kill_incarnation.resize(f.instances.size());
  f.kill_incarnation[k] = instances_[instance].incarnation;
  const FaultSpec& spec = *f.spec;
  Duration after = spec.uptime;
  if (spec.kind == FaultKind::MemoryLeak)
    after = Duration::from_seconds((spec.oom_factor - 1) / spec.growth_per_minute * 60);
  if (spec.mtbf) after = Duration::from_seconds(f.rng.exponential(spec.mtbf->to_seconds()));
  f.kill_due.resize(f.instances.size());
  f.kill_due[k] = now() + after;
  if (now() + after <= end_) sched_.schedule_in(after, InstanceKill, fault, k);
}

void Engine::on_instance_kill(std::uint32_t fault, std::uint32_t k) {
  FaultRt& f = faults_[fault];
  const std::uint32_t instance = f.instances[k];
  InstanceRt& in = instances_[instance];
  if (in.incarnation != f.kill_incarnation[k] || now() != f.kill_due[k] || !in.up ||
      (!f.spec->mtbf && !f.active))
    return;
  std::uint64_t cause = f.start_seq;
  Duration restart = f.spec->restart_after;
  if (f.spec->mtbf) {  // each random failure is an occurrence of its own in the record
    cause = fault_event(EventKind::FaultStart, fault, instance, std::nullopt);
    restart = Duration::from_seconds(f.rng.exponential(f.spec->repair.to_seconds()));
  } else if (f.spec->kind == FaultKind::MemoryLeak) {
    cause = instance_event(EventKind::OutOfMemory, instance, f.start_seq);
  }
  take_down(instance, cause);
  if (now() + restart <= end_) sched_.schedule_in(restart, InstanceRestart, instance, fault);
}

void Engine::on_instance_restart(std::uint32_t instance, std::uint32_t fault) {
  FaultRt& f = faults_[fault];
  InstanceRt& in = instances_[instance];
  std::uint64_t cause = in.last_change_seq;
  if (f.spec->mtbf) cause = fault_event(EventKind::FaultEnd, fault, instance, in.last_change_seq);
  bring_up(instance, *f.spec, cause);
  in.leak_since = now();  // a fresh process: the leak starts over
  if (f.spec->mtbf || f.active) schedule_next_kill(instance, fault);
}

Duration Engine::work_time(ServiceRt& s, std::uint32_t instance) {
  const InstanceRt& in = instances_[instance];
  const Duration base = s.spec->service_time.sample(s.work_rng);
  if (s.faults.empty() && now() >= in.cold_until && in.leak == no_index && in.versions.empty())
    return base;
  double factor = 1;
  if (in.leak != no_index)
    factor *=
        1 + faults_[in.leak].spec->growth_per_minute * (now() - in.leak_since).to_seconds() / 60;
  Duration added;
  for (std::uint32_t i : s.faults) {
    const FaultRt& f = faults_[i];
    if (!f.active) continue;
    const bool on_this = f.instances.empty() || std::find(f.instances.begin(), f.instances.end(),
                                                          instance) != f.instances.end();
    if (f.spec->kind == FaultKind::CapacityLoss && on_this)
      factor *= 1 + (f.spec->factor - 1) * fault_level(f);
    if (f.spec->kind == FaultKind::Latency)
      added += Duration::from_seconds(f.spec->add.to_seconds() * fault_level(f));
  }
  for (std::uint32_t i : in.versions) {  // a bad version's cost, in full on its instances
    factor *= faults_[i].spec->factor;
    added += faults_[i].spec->add;
  }
  if (now() < in.cold_until) {  // warming up: the extra cost fades linearly
    const double left = static_cast<double>((in.cold_until - now()).ns()) /
                        static_cast<double>(std::max<std::int64_t>(in.cold_for.ns(), 1));
    factor *= 1 + (in.cold_factor - 1) * left;
  }
  return Duration::from_seconds(base.to_seconds() * factor) + added;
}

void Engine::deploy_to(std::uint32_t fault, std::uint32_t instance) {
  const FaultRt& f = faults_[fault];
  if (!f.active) return;  // rolled back before the rollout reached it
  instances_[instance].versions.push_back(fault);
  instance_event(EventKind::InstanceDeployed, instance, f.start_seq);
}

bool Engine::cannot_connect(ServiceRt& s) {
  for (std::uint32_t i : s.faults) {
    const FaultRt& f = faults_[i];
    const bool refuses =
        f.spec->kind == FaultKind::DnsFailure || f.spec->kind == FaultKind::CertificateExpiry;
    if (f.active && refuses && s.fault_rng.uniform() < f.spec->share) return true;
  }
  return false;
}

// The share of lookups that miss: all of them when the cache is lost, back to normal as it
// warms up again.
double Engine::cache_miss_probability(const DependencyRt& d, double normal) const {
  double p = normal;
  for (std::uint32_t i : d.faults) {
    const FaultRt& f = faults_[i];
    if (!f.active || f.spec->kind != FaultKind::CacheLoss) continue;
    const double warmed =
        f.spec->warm_for.is_zero()
            ? 0.0
            : std::min(1.0, (now() - f.started).to_seconds() / f.spec->warm_for.to_seconds());
    p = std::max(p, f.spec->share - (f.spec->share - normal) * warmed);
  }
  if (d.flushed_at) {  // flushed by a responder: empty, then warming like a lost cache
    const Duration warm_for = scenario_.delays.cache_warm_for;
    const double warmed =
        warm_for.is_zero()
            ? 1.0
            : std::min(1.0, (now() - *d.flushed_at).to_seconds() / warm_for.to_seconds());
    p = std::max(p, 1 - (1 - normal) * warmed);
  }
  return p;
}

std::optional<Duration> Engine::injected_error(ServiceRt& s) {
  for (std::uint32_t i : s.faults) {
    const FaultRt& f = faults_[i];
    const bool fails = f.spec->kind == FaultKind::Errors || f.spec->kind == FaultKind::DiskFull;
    if (f.active && fails && s.fault_rng.uniform() < f.spec->share * fault_level(f))
      return f.spec->after;
  }
  return std::nullopt;
}

std::optional<Duration> Engine::injected_error(DependencyRt& d) {
  for (std::uint32_t i : d.faults) {
    const FaultRt& f = faults_[i];
    if (f.active && f.spec->kind == FaultKind::Errors &&
        d.rng.uniform() < f.spec->share * fault_level(f))
      return f.spec->after;
  }
  return std::nullopt;
}

bool Engine::edge_drops(DependencyRt& d) {
  for (std::uint32_t i : d.faults) {
    const FaultRt& f = faults_[i];
    if (!f.active) continue;
    if (f.spec->kind == FaultKind::Partition) return true;
    if (f.spec->kind == FaultKind::PacketLoss && d.rng.uniform() < f.spec->share * fault_level(f))
      return true;
  }
  return false;
}

Duration Engine::edge_delay(const DependencyRt& d) const {
  Duration delay;
  for (std::uint32_t i : d.faults) {
    const FaultRt& f = faults_[i];
    if (f.active && f.spec->kind == FaultKind::Latency)
      delay += Duration::from_seconds(f.spec->add.to_seconds() * fault_level(f));
  }
  return delay;
}

bool Engine::zones_partitioned(std::uint32_t a, std::uint32_t b) const {
  if (a == b) return false;
  for (std::uint32_t i : zone_partitions_) {
    const FaultRt& f = faults_[i];
    const auto x = f.spec->target.zone.index(), y = f.spec->target.other_zone.index();
    if (f.active && ((a == x && b == y) || (a == y && b == x))) return true;
  }
  return false;
}

// A surge multiplies the rate while it is active, so it follows its fault's actual start and end
// (an `!inject`, an `until`). The next arrival is drawn ahead of time, so a surge starts and
// stops at the first arrival drawn after its fault does.
double Engine::surge_factor(const SourceRt& src, Time t) const {
  double factor = 1;
  for (std::uint32_t i : src.faults) {  // surges only: herds are not listed on the source
    const FaultRt& f = faults_[i];
    const FaultSpec& spec = *f.spec;
    if (!f.active) continue;
    const Duration since = t - f.started;
    const double level =
        spec.ramp.is_zero() ? 1.0 : std::min(1.0, since.to_seconds() / spec.ramp.to_seconds());
    factor *= 1 + (spec.factor - 1) * level;
  }
  return factor;
}

}  // namespace gameday::sim

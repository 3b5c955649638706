// The topology runtime's behaviour. See engine.hpp for the model and its invariants.
#include "engine.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "gameday/core/assert.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {
namespace {

constexpr std::size_t breaker_buckets = 10;

std::size_t cause_index(ErrorCause c) {
  return static_cast<std::size_t>(c);
}

}  // namespace

void RingQueue::push(std::uint32_t v) {
  if (size_ == buf_.size()) {
    std::vector<std::uint32_t> bigger(buf_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) % buf_.size()];
    buf_ = std::move(bigger);
    head_ = 0;
  }
  buf_[(head_ + size_) % buf_.size()] = v;
  ++size_;
}

std::uint32_t RingQueue::pop() {
  GAMEDAY_ASSERT(size_ > 0);
  const std::uint32_t v = buf_[head_];
  head_ = (head_ + 1) % buf_.size();
  --size_;
  return v;
}

Engine::Engine(const Scenario& scenario, const RunInfo& info, eventlog::RecordWriter& out)
    : scenario_(scenario), seed_(info.seed), out_(out) {
  scenario_.seed = info.seed;
  end_ = Time::zero() + scenario_.duration;
  build_topology();
  build_faults();
  build_monitoring();
  acked_.assign(scenario_.monitoring.alerts.size(), 0);
  zone_drained_.assign(scenario_.zones.size(), 0);
  history_.resize(services_.size());
  instance_history_.resize(instances_.size());
  slo_history_.resize(slos_.size());
  logs_.resize(services_.size());
  oncall_.enabled = info.responders == "auto";
  oncall_.rng = Rng::stream(seed_, "oncall");
  oncall_.started.assign(scenario_.runbooks.size(), 0);
  write_header(info);
  for (std::uint32_t s = 0; s < sources_.size(); ++s) schedule_next_arrival(s);
  if (scenario_.sample_interval <= scenario_.duration)
    sched_.schedule(Time::zero() + scenario_.sample_interval, Sample, 0, 0, Phase::Late);
}

void Engine::build_topology() {
  services_.resize(scenario_.services.size());
  for (std::uint32_t s = 0; s < services_.size(); ++s) {
    ServiceRt& rt = services_[s];
    rt.spec = &scenario_.services[s];
    const std::string& name = rt.spec->name;
    rt.work_rng = Rng::stream(seed_, "service_time/" + name);
    rt.call_rng = Rng::stream(seed_, "calls/" + name);
    rt.lb_rng = Rng::stream(seed_, "load_balancing/" + name);
    rt.fault_rng = Rng::stream(seed_, "faults/" + name);
    for (int r = 0; r < rt.spec->max_replicas; ++r) {
      InstanceRt in;
      if (r < rt.spec->replicas) {
        rt.instances.push_back(static_cast<std::uint32_t>(instances_.size()));
      } else {  // a standby slot: not running, not in any rotation, until a scale-out
        rt.standby.push_back(static_cast<std::uint32_t>(instances_.size()));
        in.provisioned = in.up = in.in_rotation = false;
      }
      in.service = s;
      const std::vector<ZoneId>& zones = rt.spec->zones;
      in.zone = zones.empty() ? 0
                              : static_cast<std::uint32_t>(
                                    zones[static_cast<std::size_t>(r) % zones.size()].index());
      instances_.push_back(std::move(in));
    }
    GAMEDAY_ASSERT_MSG(rt.spec->calls.size() <= max_calls_per_service,
                       "more calls than a request's call set holds");
    for (const CallSpec& c : rt.spec->calls) {
      rt.dependencies.push_back(static_cast<std::uint32_t>(dependencies_.size()));
      rt.has_shares = rt.has_shares || c.share.has_value();
      DependencyRt d;
      d.from = s;
      d.to = static_cast<std::uint32_t>(c.to.index());
      d.spec = &c;
      d.rng = Rng::stream(seed_, "retry/" + name + "->" + scenario_.services[d.to].name);
      if (c.circuit_breaker) {
        d.breaker.calls.assign(breaker_buckets, 0);
        d.breaker.failures.assign(breaker_buckets, 0);
        d.breaker.bucket_epoch.assign(breaker_buckets, -1);
      }
      if (c.retry_budget) {
        const auto n = static_cast<std::size_t>(
            std::max<std::int64_t>(1, c.retry_budget->window.ns() / seconds(1).ns()));
        d.budget.firsts.assign(n, 0);
        d.budget.retries.assign(n, 0);
        d.budget.bucket_second.assign(n, -1);
      }
      dependencies_.push_back(std::move(d));
    }
  }
  sources_.resize(scenario_.traffic.size());
  for (std::uint32_t i = 0; i < sources_.size(); ++i) {
    SourceRt& src = sources_[i];
    src.spec = &scenario_.traffic[i];
    src.rng = Rng::stream(seed_, "traffic/" + src.spec->name);
    src.trace_rng = Rng::stream(seed_, "trace/" + src.spec->name);
    src.shed_rng = Rng::stream(seed_, "shed/" + src.spec->name);
    src.rate_max = peak_arrival_rate(scenario_, SourceId::from_index(i));
  }
  slos_.resize(scenario_.slos.size());
  for (std::uint32_t i = 0; i < slos_.size(); ++i) {
    const SloSpec& spec = scenario_.slos[i];
    slos_[i].spec = &spec;
    if (spec.journey)
      sources_[spec.journey->index()].slos.push_back(i);
    else
      services_[spec.service.index()].slos.push_back(i);
  }
}

void Engine::write_header(const RunInfo& info) {
  eventlog::Header h;
  h.tool_version = info.tool_version;
  h.scenario_name = scenario_.name;
  h.scenario_hash = info.scenario_hash;
  h.seed = seed_;
  h.duration = scenario_.duration;
  h.sample_interval = scenario_.sample_interval;
  h.names.zones = scenario_.zones;
  for (const ServiceSpec& s : scenario_.services) h.names.services.push_back(s.name);
  for (std::uint32_t i = 0; i < instances_.size(); ++i) {
    const InstanceRt& in = instances_[i];
    h.names.instances.push_back(
        {instance_name(scenario_, i), ServiceId{in.service}, ZoneId{in.zone}, !in.provisioned});
  }
  h.responders = info.responders;
  for (const DependencyRt& d : dependencies_)
    h.names.dependencies.push_back({ServiceId{d.from}, ServiceId{d.to}});
  for (const TrafficSource& t : scenario_.traffic) h.names.sources.push_back(t.name);
  for (const SloSpec& s : scenario_.slos) h.names.slos.push_back(s.name);
  for (const FaultSpec& f : scenario_.faults) h.names.faults.push_back(f.name);
  for (const AlertRule& a : scenario_.monitoring.alerts) h.names.alerts.push_back(a.name);
  for (const ProbeSpec& p : scenario_.monitoring.probes) h.names.probes.push_back(p.name);
  h.scenario = scenario_;
  out_.header(h);
}

bool Engine::run_until(Time t, std::uint64_t max_events) {
  const Time limit = std::min(t, end_);
  for (std::uint64_t n = 0; sched_.has_next_before(limit); ++n) {
    if (n == max_events) {
      // Stopped within the instant now(): done() must not claim the end yet.
      mid_instant_ = sched_.has_next_before(now());
      return false;
    }
    dispatch(sched_.next());
  }
  mid_instant_ = false;
  if (limit > sched_.now()) sched_.advance_to(limit);
  return true;
}

void Engine::dispatch(const PendingEvent& e) {
  switch (e.kind()) {
    case Arrival: on_arrival(e.target); break;
    case WorkDone: on_work_done(e.target, e.token); break;
    case CallTimeout: on_call_timeout(e.target, e.token); break;
    case RetryDue: on_retry_due(e.target, e.token); break;
    case RespondNow:
      GAMEDAY_ASSERT(spans_[e.target].gen == e.token);
      respond(e.target);
      break;
    case AttemptFailed:
      // A timeout may have abandoned the attempt first (an injected error after a delay).
      if (calls_[e.target].token == e.token)
        on_attempt_result(e.target, false, calls_[e.target].fail_cause);
      break;
    case DeliverAttempt:
      if (calls_[e.target].token == e.token) deliver_attempt(e.target);
      break;
    case FaultStart: on_fault_start(e.target); break;
    case FaultEnd: on_fault_end(e.target); break;
    case HealthCheckDue: on_health_check(e.target); break;
    case InstanceKill: on_instance_kill(e.target, e.token); break;
    case InstanceRestart: on_instance_restart(e.target, e.token); break;
    case Evaluate:
      monitor_->evaluate(now());
      if (now() + monitor_->evaluation_interval() <= end_)
        sched_.schedule_in(monitor_->evaluation_interval(), Evaluate, 0, 0, Phase::Monitoring);
      schedule_notification();
      deliver_notifications();
      break;
    case Notify:
      notify_scheduled_.reset();
      if (const auto due = monitor_->next_notification_due(); due && *due <= now())
        monitor_->notify_due(now());
      schedule_notification();
      deliver_notifications();
      break;
    case ActionDue: on_action_due(e.target, e.token); break;
    case AnswerDue:
      message(ConsoleMessage::Kind::Answer, answer(actions_[e.target].command),
              actions_[e.target].responder);
      break;
    case OnCallDue: on_oncall_due(e.token); break;
    case ProbeSend: on_probe_send(e.target); break;
    case HerdArrival: start_root_request(e.target, ArrivalKind::Burst); break;
    case DeployStep: deploy_to(e.token, e.target); break;
    case ProbeTimeout: probe_result(e.target, e.token, false); break;
    case BreakerHalfOpen: on_breaker_half_open(e.target, e.token); break;
    case Sample:
      write_samples();
      if (monitor_) deliver_notifications();
      if (now() + scenario_.sample_interval <= end_)
        sched_.schedule_in(scenario_.sample_interval, Sample, 0, 0, Phase::Late);
      break;
    default: GAMEDAY_ASSERT_MSG(false, "unknown event kind");
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic: Poisson arrivals whose rate follows a profile, by thinning (Lewis and Shedler):
// candidates at the profile's peak rate, each kept with probability rate(t) / peak rate.

double Engine::profile_factor(const TrafficProfile& p, Time t) const {
  const Duration since = t.since_start();
  switch (p.shape) {
    case TrafficProfile::Shape::Constant: return 1;
    case TrafficProfile::Shape::Diurnal: {
      const Duration day = hours(24);
      const Duration tod = (scenario_.start_time_of_day + since) % day;
      const double phase =
          static_cast<double>((tod - p.peak_at).ns()) / static_cast<double>(day.ns());
      const double wave = (1 + std::cos(2 * std::numbers::pi * phase)) / 2;  // 1 at the peak
      return p.trough + (p.factor - p.trough) * wave;
    }
    case TrafficProfile::Shape::Step: return since >= p.at ? p.factor : 1;
    case TrafficProfile::Shape::Spike:
      return since >= p.at && since < p.at + p.length ? p.factor : 1;
    case TrafficProfile::Shape::Ramp: {
      if (since <= p.at) return 1;
      if (since >= p.until) return p.factor;
      const double f =
          static_cast<double>((since - p.at).ns()) / static_cast<double>((p.until - p.at).ns());
      return 1 + (p.factor - 1) * f;
    }
  }
  return 1;
}

void Engine::schedule_next_arrival(std::uint32_t source) {
  SourceRt& src = sources_[source];
  if (src.rate_max <= 0) return;
  if (src.spec->max_requests && src.generated >= *src.spec->max_requests) return;
  const bool thinned =
      src.spec->profile.shape != TrafficProfile::Shape::Constant || !src.faults.empty();
  Time t = now();
  for (;;) {
    t += Duration::from_seconds(src.rng.exponential(1.0 / src.rate_max));
    if (t > end_) return;
    if (!thinned) break;
    const double rate =
        src.spec->rate_per_second * profile_factor(src.spec->profile, t) * surge_factor(src, t);
    const double keep = rate / src.rate_max;
    if (src.rng.uniform() < keep) break;
  }
  sched_.schedule(t, Arrival, source);
}

void Engine::on_arrival(std::uint32_t source) {
  ++sources_[source].generated;
  start_root_request(source, ArrivalKind::Scheduled);
}

void Engine::start_root_request(std::uint32_t source, ArrivalKind kind) {
  SourceRt& src = sources_[source];
  ++requests_;
  ServiceRt& entry = services_[src.spec->to.index()];
  if (!entry.faults.empty() && cannot_connect(entry)) {
    // The users' clients cannot reach the service at all: it never sees these requests.
    ++src.interval.requests;
    ++src.interval.errors[cause_index(ErrorCause::Connection)];
    count_unreachable_for_slos(src.slos);
    if (kind == ArrivalKind::Scheduled) schedule_next_arrival(source);
    return;
  }
  ++src.interval.requests;
  if ((src.shed > 0 || src.limit) && !source_admits(src)) {  // shed by the responders
    ++src.interval.errors[cause_index(ErrorCause::Rejected)];
    count_unreachable_for_slos(src.slos);
    if (kind == ArrivalKind::Scheduled) schedule_next_arrival(source);
    return;
  }
  const std::uint32_t id = spans_.allocate();
  Span& sp = spans_[id];
  sp.arrival = now();
  sp.parent_call = no_index;
  sp.source = source;
  sp.probe = no_index;
  sp.traced =
      scenario_.trace_sample_ratio > 0 && src.trace_rng.bernoulli(scenario_.trace_sample_ratio);
  if (kind == ArrivalKind::Scheduled) schedule_next_arrival(source);
  send_to_service(static_cast<std::uint32_t>(src.spec->to.index()), id);
}

// ---------------------------------------------------------------------------------------------
// Requests at instances.

void Engine::send_to_service(std::uint32_t service, std::uint32_t span) {
  ServiceRt& s = services_[service];
  const std::uint32_t instance = pick_instance(s);
  Span& sp = spans_[span];
  if (instance != no_index && !zone_partitions_.empty() && sp.parent_call != no_index) {
    const std::uint32_t caller = spans_[calls_[sp.parent_call].span].instance;
    if (zones_partitioned(instances_[caller].zone, instances_[instance].zone)) {
      ++sp.gen;  // lost on the way: the caller hears nothing and waits for its timeout
      spans_.release(span);
      return;
    }
  }
  sp.service = service;
  sp.instance = instance;
  sp.call_mask = 0;
  sp.next_call = 0;
  sp.pending_calls = 0;
  sp.holds_worker = false;
  sp.failed = false;
  ++s.interval.requests;
  if (instance == no_index)
    fail_span_at(span, ErrorCause::Unavailable, Duration{});  // nothing in rotation
  else
    deliver(instance, span);
}

std::uint32_t Engine::pick_instance(ServiceRt& s) {
  const auto n = static_cast<std::uint32_t>(s.instances.size());
  const auto usable = [&](std::uint32_t i) {
    return instances_[i].in_rotation && !zone_drained_[instances_[i].zone];
  };
  std::uint32_t start = 0;
  switch (s.spec->load_balancing) {
    case LoadBalancing::RoundRobin: start = s.rr++ % n; break;
    case LoadBalancing::Random: start = static_cast<std::uint32_t>(s.lb_rng.below(n)); break;
    case LoadBalancing::LeastOutstanding: {
      // Scan from a rotating start so ties spread instead of piling onto the first instance.
      start = s.rr++ % n;
      std::uint32_t best = no_index;
      for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t i = s.instances[(start + k) % n];
        if (usable(i) && (best == no_index || instances_[i].in_flight < instances_[best].in_flight))
          best = i;
      }
      return best;
    }
  }
  // Round robin and random skip instances out of rotation, to the next one in order.
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint32_t i = s.instances[(start + k) % n];
    if (usable(i)) return i;
  }
  return no_index;
}

// Answers a span with an error by an event, never synchronously: the caller may be in the
// middle of starting its other calls.
void Engine::fail_span_at(std::uint32_t span, ErrorCause cause, Duration after) {
  Span& sp = spans_[span];
  sp.failed = true;
  sp.cause = cause;
  sched_.schedule(now() + after, RespondNow, span, sp.gen);
}

void Engine::deliver(std::uint32_t instance, std::uint32_t span) {
  InstanceRt& in = instances_[instance];
  ServiceRt& s = services_[in.service];
  const ServiceSpec& spec = *s.spec;
  spans_[span].incarnation = in.incarnation;
  ++in.in_flight;
  ++in.interval_requests;
  if (!in.up) return fail_span_at(span, ErrorCause::Unavailable, Duration{});  // refused
  if (!s.faults.empty()) {
    if (const auto after = injected_error(s))
      return fail_span_at(span, ErrorCause::Injected, *after);
  }
  for (std::uint32_t v : in.versions)  // a bad deploy or config push on this instance
    if (s.fault_rng.uniform() < faults_[v].spec->share)
      return fail_span_at(span, ErrorCause::Injected, Duration{});
  const bool over_cap = spec.max_in_flight && in.in_flight > *spec.max_in_flight;
  const bool queue_full = (in.busy >= spec.workers || in.hung) && spec.queue &&
                          in.queue.size() >= static_cast<std::size_t>(*spec.queue);
  if (over_cap || queue_full) return fail_span_at(span, ErrorCause::Rejected, Duration{});
  if (in.busy < spec.workers && !in.hung)
    start_work(instance, span);
  else
    in.queue.push(span);
}

void Engine::accumulate_busy(InstanceRt& in) {
  in.busy_ns += in.busy * (now() - in.busy_since).ns();
  in.busy_since = now();
}

void Engine::start_work(std::uint32_t instance, std::uint32_t span) {
  InstanceRt& in = instances_[instance];
  ServiceRt& s = services_[in.service];
  accumulate_busy(in);
  ++in.busy;
  Span& sp = spans_[span];
  sp.holds_worker = true;
  sched_.schedule_in(work_time(s, instance), WorkDone, span, sp.gen);
}

void Engine::release_worker(std::uint32_t instance) {
  InstanceRt& in = instances_[instance];
  accumulate_busy(in);
  --in.busy;
  if (!in.queue.empty() && !in.hung) start_work(instance, in.queue.pop());
}

void Engine::on_work_done(std::uint32_t span, std::uint32_t gen) {
  Span& sp = spans_[span];
  GAMEDAY_ASSERT(sp.gen == gen);  // a span is never freed while its work is scheduled
  InstanceRt& in = instances_[sp.instance];
  if (sp.incarnation != in.incarnation) {  // the instance crashed under it
    sp.holds_worker = false;
    sp.failed = true;
    sp.cause = ErrorCause::Unavailable;
    return respond(span);
  }
  if (in.hung) return in.frozen.push_back(span);  // finishes when the hang ends
  ServiceRt& s = services_[sp.service];
  if (s.spec->concurrency == ConcurrencyModel::Async) {
    sp.holds_worker = false;
    release_worker(sp.instance);
  }
  choose_calls(spans_[span], s);
  continue_calls(span);
}

void Engine::choose_calls(Span& sp, ServiceRt& s) {
  const std::vector<CallSpec>& calls = s.spec->calls;
  const auto probability = [&](std::size_t i) {
    const double p = calls[i].probability.value_or(1.0);
    const DependencyRt& d = dependencies_[s.dependencies[i]];
    return d.faults.empty() && !d.flushed_at ? p : cache_miss_probability(d, p);
  };
  std::uint64_t mask = 0;
  const double pick = s.has_shares ? s.call_rng.uniform() : 2.0;
  double cumulative = 0;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const CallSpec& c = calls[i];
    bool take = false;
    if (c.share) {
      take = pick >= cumulative && pick < cumulative + *c.share;
      cumulative += *c.share;
    } else {
      const double p = probability(i);
      take = p >= 1.0 || s.call_rng.uniform() < p;
    }
    if (take) mask |= std::uint64_t{1} << i;
  }
  sp.call_mask = mask;
}

// Whether the span has calls left to start. A shift by 64 is undefined, and a service may have
// 64 calls, so the end of the mask is checked first.
static bool calls_left(const Span& sp) {
  return sp.next_call < 64 && sp.call_mask >> sp.next_call != 0;
}

// Starts the next call (sequential) or all calls (parallel); responds when none remain.
void Engine::continue_calls(std::uint32_t span) {
  Span& sp = spans_[span];
  const ServiceRt& s = services_[sp.service];
  if (sp.failed || !calls_left(sp)) {
    if (sp.pending_calls == 0) respond(span);
    return;
  }
  const bool parallel = s.spec->fan_out == FanOut::Parallel;
  // start_call may grow the span pool, so the span is looked up afresh on every turn. No call
  // completes synchronously (rejections and short circuits are events), so nothing re-enters.
  while (calls_left(spans_[span])) {
    Span& current = spans_[span];
    const std::uint16_t i = current.next_call++;
    if (!(current.call_mask >> i & 1)) continue;
    ++current.pending_calls;
    start_call(span, s.dependencies[i]);
    if (!parallel) return;
  }
}

void Engine::respond(std::uint32_t span) {
  Span& sp = spans_[span];
  ServiceRt& s = services_[sp.service];
  bool held = false;
  if (sp.instance != no_index) {
    InstanceRt& in = instances_[sp.instance];
    if (sp.incarnation == in.incarnation) {
      --in.in_flight;
      held = sp.holds_worker;
    } else if (!sp.failed) {  // the instance crashed meanwhile: the connection was reset
      sp.failed = true;
      sp.cause = ErrorCause::Unavailable;
    }
  }
  const Duration latency = now() - sp.arrival;
  record_response(s, sp, latency);
  const std::uint32_t parent = sp.parent_call;
  const std::uint32_t token = sp.parent_token;
  const bool ok = !sp.failed;
  const ErrorCause cause = sp.cause;
  if (parent == no_index) record_root_response(sp, latency);
  const std::uint32_t instance = sp.instance;
  ++sp.gen;
  spans_.release(span);
  if (held) release_worker(instance);
  if (parent != no_index && calls_[parent].token == token) on_attempt_result(parent, ok, cause);
}

void Engine::record_response(ServiceRt& s, const Span& sp, Duration latency) {
  s.interval.count(sp.failed, sp.cause, latency);
  if (sp.instance != no_index) {
    InstanceRt& in = instances_[sp.instance];
    if (sp.failed) {
      ++in.interval_errors;
    } else {
      ++in.interval_ok;
      in.interval_latency_ns += latency.ns();
    }
  }
  count_for_slos(s.slos, sp, latency);
}

void Engine::count_for_slos(const std::vector<std::uint32_t>& slos, const Span& sp,
                            Duration latency) {
  for (std::uint32_t i : slos) {
    SloRt& slo = slos_[i];
    ++slo.interval_valid;
    const bool fast =
        slo.spec->kind != SloSpec::Kind::Latency || latency <= slo.spec->latency_threshold;
    if (!sp.failed && fast) ++slo.interval_good;
  }
}

void Engine::count_unreachable_for_slos(const std::vector<std::uint32_t>& slos) {
  for (std::uint32_t i : slos) ++slos_[i].interval_valid;
}

void Engine::record_root_response(const Span& sp, Duration latency) {
  if (sp.probe != no_index) {
    const bool ok = !sp.failed && latency <= probes_[sp.probe].spec->timeout;
    return probe_result(sp.probe, sp.probe_request, ok);
  }
  SourceRt& src = sources_[sp.source];
  src.interval.count(sp.failed, sp.cause, latency);
  count_for_slos(src.slos, sp, latency);
  if (sp.traced) {
    eventlog::Trace t;
    t.t = now();
    t.source = SourceId{sp.source};
    t.arrival = sp.arrival;
    t.latency = latency;
    if (sp.failed) t.error = sp.cause;
    out_.trace(t);
  }
}

// ---------------------------------------------------------------------------------------------
// Dependency calls: attempts, timeouts, retries with backoff and a budget.

void Engine::start_call(std::uint32_t span, std::uint32_t dependency) {
  const std::uint32_t id = calls_.allocate();
  Call& c = calls_[id];
  c.span = span;
  c.dependency = dependency;
  c.attempt = 0;
  c.start = now();
  DependencyRt& d = dependencies_[dependency];
  ++d.calls;
  budget_note(d, false);
  send_attempt(id);
}

void Engine::send_attempt(std::uint32_t call) {
  const std::uint32_t dependency = calls_[call].dependency;
  if (!breaker_admits(dependency)) return fail_attempt(call, ErrorCause::CircuitOpen, Duration{});
  DependencyRt& d = dependencies_[dependency];
  ++d.attempts;
  const std::uint32_t token = calls_[call].token;
  if (d.spec->timeout) sched_.schedule_in(*d.spec->timeout, CallTimeout, call, token);
  ServiceRt& callee = services_[d.to];
  if (!callee.faults.empty() && cannot_connect(callee))
    return fail_attempt(call, ErrorCause::Connection, Duration{});
  if (!d.faults.empty()) {
    if (const auto after = injected_error(d))
      return fail_attempt(call, ErrorCause::Injected, *after);
    if (edge_drops(d)) return;  // lost: the caller waits for its timeout
    if (const Duration delay = edge_delay(d); delay > Duration{})
      return sched_.schedule_in(delay, DeliverAttempt, call, token);
  }
  deliver_attempt(call);
}

void Engine::deliver_attempt(std::uint32_t call) {
  const std::uint32_t child = spans_.allocate();
  Span& sp = spans_[child];
  sp.arrival = now();
  sp.parent_call = call;
  sp.parent_token = calls_[call].token;
  sp.source = no_index;
  sp.probe = no_index;
  sp.traced = false;
  send_to_service(dependencies_[calls_[call].dependency].to, child);
}

// An attempt that fails before reaching the callee is answered by an event, as rejections are.
void Engine::fail_attempt(std::uint32_t call, ErrorCause cause, Duration after) {
  calls_[call].fail_cause = cause;
  sched_.schedule(now() + after, AttemptFailed, call, calls_[call].token);
}

void Engine::on_attempt_result(std::uint32_t call, bool ok, ErrorCause cause) {
  Call& c = calls_[call];
  const std::uint32_t dependency = c.dependency;
  DependencyRt& d = dependencies_[dependency];
  if (cause != ErrorCause::CircuitOpen || ok) breaker_record(dependency, ok);
  const bool retryable = !ok && cause != ErrorCause::CircuitOpen;
  if (retryable && !d.retries_off && c.attempt < d.spec->retries.max && budget_allows_retry(d)) {
    ++c.token;  // abandons the attempt: its timeout and late response are now stale
    ++c.attempt;
    sched_.schedule_in(backoff(d, c.attempt), RetryDue, call, c.token);
    return;
  }
  end_call(call, ok, cause);
}

void Engine::on_call_timeout(std::uint32_t call, std::uint32_t token) {
  if (calls_[call].token != token) return;  // answered, retried or ended meanwhile
  on_attempt_result(call, false, ErrorCause::Timeout);
}

void Engine::on_retry_due(std::uint32_t call, std::uint32_t token) {
  GAMEDAY_ASSERT(calls_[call].token == token);  // nothing else touches a call in backoff
  DependencyRt& d = dependencies_[calls_[call].dependency];
  ++d.retries;
  ++services_[d.from].retries;
  budget_note(d, true);
  send_attempt(call);
}

void Engine::end_call(std::uint32_t call, bool ok, ErrorCause cause) {
  Call& c = calls_[call];
  DependencyRt& d = dependencies_[c.dependency];
  if (ok) {
    ++d.ok;
    d.latency.record(now() - c.start);
  } else {
    ++d.errors[cause_index(cause)];
  }
  const std::uint32_t span = c.span;
  ++c.token;
  calls_.release(call);
  Span& sp = spans_[span];
  GAMEDAY_ASSERT(sp.pending_calls > 0);
  --sp.pending_calls;
  if (!ok && !sp.failed) {
    sp.failed = true;
    sp.cause = ErrorCause::Downstream;
  }
  continue_calls(span);
}

Duration Engine::backoff(DependencyRt& d, int retry) {
  const RetryPolicy& r = d.spec->retries;
  Duration base = r.backoff;
  for (int k = 1; k < retry && base < r.backoff_max; ++k) base = base * 2;
  base = std::min(base, r.backoff_max);
  const auto base_ns = static_cast<double>(base.ns());
  switch (r.jitter) {
    case Jitter::None: return base;
    case Jitter::Full:
      return Duration::from_ns(static_cast<std::int64_t>(d.rng.uniform() * base_ns));
    case Jitter::Equal:
      return Duration::from_ns(
          static_cast<std::int64_t>(base_ns / 2 + d.rng.uniform() * base_ns / 2));
  }
  return base;
}

void Engine::budget_note(DependencyRt& d, bool is_retry) {
  RetryBudgetRt& b = d.budget;
  if (b.firsts.empty()) return;
  const std::int64_t second = now().ns() / seconds(1).ns();
  const std::size_t i = static_cast<std::size_t>(second) % b.firsts.size();
  if (b.bucket_second[i] != second) {
    b.bucket_second[i] = second;
    b.firsts[i] = b.retries[i] = 0;
  }
  ++(is_retry ? b.retries[i] : b.firsts[i]);
}

bool Engine::budget_allows_retry(DependencyRt& d) {
  const RetryBudgetRt& b = d.budget;
  if (b.firsts.empty()) return true;
  const std::int64_t second = now().ns() / seconds(1).ns();
  const auto n = static_cast<std::int64_t>(b.firsts.size());
  double firsts = 0, retries = 0;
  for (std::size_t i = 0; i < b.firsts.size(); ++i) {
    if (b.bucket_second[i] <= second - n) continue;
    firsts += b.firsts[i];
    retries += b.retries[i];
  }
  const RetryBudget& spec = *d.spec->retry_budget;
  return retries < spec.min_per_second * static_cast<double>(n) + spec.ratio * firsts;
}

// ---------------------------------------------------------------------------------------------
// Circuit breakers, one per dependency edge: closed -> open when the failure ratio over the
// window reaches the threshold; open -> half-open after open_for; half-open lets a few probe
// calls through and closes after enough successes, or opens again on a failure.

bool Engine::breaker_admits(std::uint32_t dependency) {
  DependencyRt& d = dependencies_[dependency];
  if (d.breaker_forced_open) return false;
  if (!d.spec->circuit_breaker) return true;
  CircuitBreakerRt& b = d.breaker;
  switch (b.state) {
    case CircuitState::Closed: return true;
    case CircuitState::Open: return false;
    case CircuitState::HalfOpen:
      if (b.probes_in_flight >= d.spec->circuit_breaker->half_open_probes) return false;
      ++b.probes_in_flight;
      return true;
  }
  return true;
}

void Engine::breaker_record(std::uint32_t dependency, bool ok) {
  DependencyRt& d = dependencies_[dependency];
  if (!d.spec->circuit_breaker) return;
  const CircuitBreaker& spec = *d.spec->circuit_breaker;
  CircuitBreakerRt& b = d.breaker;
  if (b.state == CircuitState::HalfOpen) {
    b.probes_in_flight = std::max(0, b.probes_in_flight - 1);
    if (!ok)
      breaker_transition(dependency, CircuitState::Open, 1.0);
    else if (++b.probe_successes >= spec.half_open_probes)
      breaker_transition(dependency, CircuitState::Closed, 0.0);
    return;
  }
  if (b.state == CircuitState::Open) return;  // late results of calls admitted before opening
  const std::int64_t width = std::max<std::int64_t>(1, spec.window.ns() / breaker_buckets);
  const std::int64_t epoch = now().ns() / width;
  const std::size_t i = static_cast<std::size_t>(epoch) % breaker_buckets;
  if (b.bucket_epoch[i] != epoch) {
    b.bucket_epoch[i] = epoch;
    b.calls[i] = b.failures[i] = 0;
  }
  ++b.calls[i];
  if (!ok) ++b.failures[i];
  std::uint64_t calls = 0, failures = 0;
  for (std::size_t k = 0; k < breaker_buckets; ++k) {
    if (b.bucket_epoch[k] <= epoch - static_cast<std::int64_t>(breaker_buckets)) continue;
    calls += b.calls[k];
    failures += b.failures[k];
  }
  const double ratio = calls ? static_cast<double>(failures) / static_cast<double>(calls) : 0;
  if (!ok && calls >= static_cast<std::uint64_t>(spec.min_calls) && ratio >= spec.failure_ratio)
    breaker_transition(dependency, CircuitState::Open, ratio);
}

void Engine::breaker_transition(std::uint32_t dependency, CircuitState to, double failure_ratio) {
  DependencyRt& d = dependencies_[dependency];
  CircuitBreakerRt& b = d.breaker;
  b.state = to;
  b.probes_in_flight = 0;
  b.probe_successes = 0;
  std::fill(b.bucket_epoch.begin(), b.bucket_epoch.end(), -1);
  ++b.epoch;
  if (to == CircuitState::Open)
    sched_.schedule_in(d.spec->circuit_breaker->open_for, BreakerHalfOpen, dependency, b.epoch);
  const EventKind kind = to == CircuitState::Open       ? EventKind::CircuitOpen
                         : to == CircuitState::HalfOpen ? EventKind::CircuitHalfOpen
                                                        : EventKind::CircuitClosed;
  eventlog::CircuitChange change{DependencyId{dependency}, std::nullopt};
  if (to == CircuitState::Open) change.failure_ratio = failure_ratio;
  out_.event({now(), kind, change});
}

void Engine::on_breaker_half_open(std::uint32_t dependency, std::uint32_t epoch) {
  const CircuitBreakerRt& b = dependencies_[dependency].breaker;
  if (b.epoch != epoch || b.state != CircuitState::Open) return;
  breaker_transition(dependency, CircuitState::HalfOpen, 0.0);
}

// ---------------------------------------------------------------------------------------------
// Metrics: one sample line per service, dependency and source per interval.

void Engine::write_samples() {
  const Duration interval = now() - last_sample_;
  last_sample_ = now();
  for (std::uint32_t i = 0; i < services_.size(); ++i) {
    ServiceRt& s = services_[i];
    eventlog::ServiceSample out;
    out.t = now();
    out.service = ServiceId{i};
    std::int64_t busy_ns = 0;
    instance_samples_.clear();
    for (std::uint32_t k : s.instances) {
      InstanceRt& in = instances_[k];
      accumulate_busy(in);
      busy_ns += in.busy_ns;
      add_instance_sample(k, interval);
      out.in_flight += in.in_flight;
      out.queued += static_cast<std::int64_t>(in.queue.size());
      out.instances_up += in.up ? 1 : 0;
    }
    const double capacity = static_cast<double>(s.spec->workers) *
                            static_cast<double>(out.instances_up) *
                            static_cast<double>(interval.ns());
    out.utilisation = capacity > 0 ? static_cast<double>(busy_ns) / capacity : 0;
    if (!instance_samples_.empty()) out_.sample(instance_samples_, ServiceId{i});
    out.requests = s.interval.requests;
    out.ok = s.interval.ok;
    out.errors = s.interval.errors;
    out.latency = s.interval.latency.summary();
    out.latency_le = s.interval.latency.buckets();
    out.retries = s.retries;
    out_.sample(out);
    {
      ServicePoint p{now(),           out.requests,     0,         std::nullopt,
                     out.utilisation, out.instances_up, out.queued};
      std::uint64_t errors = 0;
      for (const std::uint64_t e : out.errors) errors += e;
      if (out.ok + errors > 0)
        p.error_ratio = static_cast<double>(errors) / static_cast<double>(out.ok + errors);
      if (out.ok > 0) p.p99 = out.latency.p99;
      history_[i].push_back(p);
      if (history_[i].size() > history_points) history_[i].pop_front();
    }
    if (monitor_)
      service_stats_[i] = interval_stats(s.interval, *out.latency_le, out.utilisation,
                                         out.instances_up, out.queued, out.in_flight);
    s.total_busy_ns += busy_ns;
    s.retries = 0;
    s.total.add(s.interval);
    s.interval.clear();
  }
  for (std::uint32_t i = 0; i < dependencies_.size(); ++i) {
    DependencyRt& d = dependencies_[i];
    eventlog::DependencySample out;
    out.t = now();
    out.dependency = DependencyId{i};
    out.calls = d.calls;
    out.attempts = d.attempts;
    out.ok = d.ok;
    out.errors = d.errors;
    out.retries = d.retries;
    out.latency = d.latency.summary();
    out.circuit = d.breaker_forced_open ? CircuitState::Open : d.breaker.state;
    out_.sample(out);
    d.last_errors = d.errors;
    d.last_calls = d.calls;
    d.last_ok = d.ok;
    d.last_p99 = d.ok > 0 ? std::optional<Duration>(out.latency.p99) : std::nullopt;
    d.calls = d.attempts = d.ok = d.retries = 0;
    d.errors = {};
    d.latency.clear();
  }
  for (std::uint32_t i = 0; i < sources_.size(); ++i) {
    SourceRt& src = sources_[i];
    eventlog::SourceSample out;
    out.t = now();
    out.source = SourceId{i};
    out.requests = src.interval.requests;
    out.ok = src.interval.ok;
    out.errors = src.interval.errors;
    out.latency = src.interval.latency.summary();
    out.latency_le = src.interval.latency.buckets();
    out_.sample(out);
    if (monitor_) source_stats_[i] = interval_stats(src.interval, *out.latency_le, 0, 0, 0, 0);
    src.total.add(src.interval);
    src.interval.clear();
  }
  for (std::uint32_t i = 0; i < slos_.size(); ++i) {
    SloRt& slo = slos_[i];
    out_.sample(eventlog::SloSample{now(), 0, SloId{i}, slo.interval_valid, slo.interval_good});
    if (monitor_) slo_stats_[i] = {slo.interval_valid, slo.interval_good};
    slo_history_[i].push_back({slo.interval_valid, slo.interval_good});
    if (slo_history_[i].size() > history_points) slo_history_[i].pop_front();
    slo.interval_valid = slo.interval_good = 0;
  }
  for (std::uint32_t p = 0; p < probes_.size(); ++p)
    out_.sample(eventlog::ProbeSample{now(), 0, ProbeId{p}, probes_[p].interval.attempts,
                                      probes_[p].interval.failures});
  if (monitor_) observe_interval(interval);
  for (ProbeRt& p : probes_) p.interval = {};
}

void Engine::add_instance_sample(std::uint32_t instance, Duration interval) {
  InstanceRt& in = instances_[instance];
  if (in.provisioned) {
    eventlog::InstanceSample& out = instance_samples_.emplace_back();
    out.t = now();
    out.instance = InstanceId{instance};
    out.requests = in.interval_requests;
    out.ok = in.interval_ok;
    out.errors = in.interval_errors;
    if (in.interval_ok > 0)
      out.latency_mean =
          Duration::from_ns(in.interval_latency_ns / static_cast<std::int64_t>(in.interval_ok));
    out.in_flight = in.in_flight;
    out.queued = static_cast<std::int64_t>(in.queue.size());
    const double capacity = static_cast<double>(services_[in.service].spec->workers) *
                            static_cast<double>(interval.ns());
    out.utilisation = in.up && capacity > 0 ? static_cast<double>(in.busy_ns) / capacity : 0;
    out.up = in.up;
    for (const std::uint32_t f : in.versions)
      out.release = std::max(out.release, faults_[f].release);
    instance_history_[instance].push_back(out);
    if (instance_history_[instance].size() > history_points)
      instance_history_[instance].pop_front();
  }
  in.busy_ns = 0;
  in.interval_requests = in.interval_ok = in.interval_errors = 0;
  in.interval_latency_ns = 0;
}

void Engine::finish(std::string_view reason) {
  GAMEDAY_ASSERT_MSG(!finished_, "finish() called twice");
  finished_ = true;
  if (now() > last_sample_) write_samples();
  eventlog::End e;
  e.t = now();
  e.reason = std::string(reason);
  e.kernel_events = sched_.executed();
  e.requests = requests_;
  out_.end(e);
}

RunSummary Engine::summary() const {
  RunSummary r;
  r.end = now();
  r.kernel_events = sched_.executed();
  r.requests = requests_;
  const double elapsed_ns = static_cast<double>(last_sample_.ns());
  for (const ServiceRt& s : services_) {
    ServiceSummary out;
    out.name = s.spec->name;
    out.requests = s.total.requests;
    out.ok = s.total.ok;
    out.errors = s.total.errors;
    out.latency = s.total.latency.summary();
    const double capacity =
        static_cast<double>(s.spec->workers) * static_cast<double>(s.instances.size()) * elapsed_ns;
    out.utilisation = capacity > 0 ? static_cast<double>(s.total_busy_ns) / capacity : 0;
    r.services.push_back(std::move(out));
  }
  for (const SourceRt& src : sources_) {
    SourceSummary out;
    out.name = src.spec->name;
    out.requests = src.total.requests;
    out.ok = src.total.ok;
    out.errors = src.total.errors;
    out.latency = src.total.latency.summary();
    r.sources.push_back(std::move(out));
  }
  return r;
}

}  // namespace gameday::sim

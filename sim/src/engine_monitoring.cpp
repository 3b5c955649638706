// Monitoring inside the run: synthetic probes, and feeding the Monitor (alert rules, burn
// rates, routing) the metrics of every sample interval.
//
// The Monitor sees only what a metrics pipeline would: per-interval counts and gauges, never
// the faults behind them. Evaluations and notifications run in the Monitoring phase, after the
// samples of the same instant. A probe is a real request to its service; it fails when it errors
// or when its timeout passes first, whichever happens first counts, once.
#include "engine.hpp"

namespace gameday::sim {

void Engine::build_monitoring() {
  const MonitoringSpec& spec = scenario_.monitoring;
  probes_.resize(spec.probes.size());
  for (std::uint32_t p = 0; p < probes_.size(); ++p) {
    probes_[p].spec = &spec.probes[p];
    const Duration first = spec.probes[p].interval;
    if (Time::zero() + first <= end_) sched_.schedule(Time::zero() + first, ProbeSend, p);
  }
  if (spec.alerts.empty()) return;
  monitor_.emplace(scenario_, out_);
  service_stats_.resize(services_.size());
  source_stats_.resize(sources_.size());
  slo_stats_.resize(slos_.size());
  const Duration every = monitor_->evaluation_interval();
  if (Time::zero() + every <= end_)
    sched_.schedule(Time::zero() + every, Evaluate, 0, 0, Phase::Monitoring);
}

IntervalStats Engine::interval_stats(const Metrics& m, const LatencyBuckets& latency_le,
                                     double utilisation, std::int64_t up, std::int64_t queued,
                                     std::int64_t in_flight) {
  IntervalStats s;
  s.requests = m.requests;
  s.ok = m.ok;
  s.errors = m.errors;
  s.latency_le = latency_le;
  s.latency_count = m.latency.count();
  s.utilisation = utilisation;
  s.instances_up = up;
  s.queued = queued;
  s.in_flight = in_flight;
  return s;
}

void Engine::observe_interval(Duration interval) {
  std::vector<ProbeCounts> probes(probes_.size());
  for (std::size_t p = 0; p < probes_.size(); ++p) probes[p] = probes_[p].interval;
  monitor_->observe(now(), interval, service_stats_, source_stats_, slo_stats_, probes);
  schedule_notification();
}

void Engine::schedule_notification() {
  const auto due = monitor_->next_notification_due();
  if (!due || *due > end_ || (notify_scheduled_ && *notify_scheduled_ <= *due)) return;
  sched_.schedule(std::max(*due, now()), Notify, 0, 0, Phase::Monitoring);
  notify_scheduled_ = std::max(*due, now());
}

void Engine::on_probe_send(std::uint32_t probe) {
  ProbeRt& p = probes_[probe];
  const auto request = static_cast<std::uint32_t>(p.answered.size());
  p.answered.push_back(0);
  ++p.interval.attempts;
  sched_.schedule_in(p.spec->timeout, ProbeTimeout, probe, request);
  if (now() + p.spec->interval <= end_) sched_.schedule_in(p.spec->interval, ProbeSend, probe);
  ServiceRt& target = services_[p.spec->service.index()];
  if (!target.faults.empty() && cannot_connect(target)) {  // no name, no TLS: fails at once
    probe_result(probe, request, false);
    return;
  }
  const std::uint32_t id = spans_.allocate();
  Span& sp = spans_[id];
  sp.arrival = now();
  sp.parent_call = no_index;
  sp.source = no_index;
  sp.probe = probe;
  sp.probe_request = request;
  sp.traced = false;
  send_to_service(static_cast<std::uint32_t>(p.spec->service.index()), id);
}

void Engine::probe_result(std::uint32_t probe, std::uint32_t request, bool ok) {
  ProbeRt& p = probes_[probe];
  if (p.answered[request]) return;  // the answer or the timeout came first
  p.answered[request] = 1;
  if (!ok) ++p.interval.failures;
}

}  // namespace gameday::sim

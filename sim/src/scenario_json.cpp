// The resolved scenario as one canonical JSON object, for the record header.
//
// Everything the run used is written, defaults included, so a replay needs no YAML file. Keys
// are the model's field names; durations are integer nanoseconds under keys ending in `_ns`;
// ids are written as the names they stand for; absent optionals are null. The field order is
// fixed, so equal scenarios give byte-identical JSON.
#include <string>

#include "gameday/eventlog/json_writer.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {
namespace {

using eventlog::JsonWriter;

const char* name_of(ConcurrencyModel m) {
  return m == ConcurrencyModel::Async ? "async" : "threads";
}

const char* name_of(LoadBalancing lb) {
  switch (lb) {
    case LoadBalancing::RoundRobin: return "round_robin";
    case LoadBalancing::Random: return "random";
    case LoadBalancing::LeastOutstanding: return "least_outstanding";
  }
  return "?";
}

const char* name_of(FanOut f) {
  return f == FanOut::Parallel ? "parallel" : "sequential";
}

const char* name_of(Jitter j) {
  switch (j) {
    case Jitter::None: return "none";
    case Jitter::Full: return "full";
    case Jitter::Equal: return "equal";
  }
  return "?";
}

const char* name_of(DurationDistribution::Kind k) {
  switch (k) {
    case DurationDistribution::Kind::Constant: return "constant";
    case DurationDistribution::Kind::Exponential: return "exponential";
    case DurationDistribution::Kind::Lognormal: return "lognormal";
  }
  return "?";
}

const char* name_of(TrafficProfile::Shape s) {
  switch (s) {
    case TrafficProfile::Shape::Constant: return "constant";
    case TrafficProfile::Shape::Diurnal: return "diurnal";
    case TrafficProfile::Shape::Step: return "step";
    case TrafficProfile::Shape::Spike: return "spike";
    case TrafficProfile::Shape::Ramp: return "ramp";
  }
  return "?";
}

void duration_field(JsonWriter& w, std::string_view key, Duration d) {
  w.field(key, d.ns());
}

template <class T, class Write>
void optional_field(JsonWriter& w, std::string_view key, const std::optional<T>& v, Write write) {
  w.key(key);
  if (v)
    write(*v);
  else
    w.null();
}

template <class IdType, class Names>
void id_field(JsonWriter& w, std::string_view key, IdType id, const Names& name_of_index) {
  w.key(key);
  if (id.is_valid())
    w.value(name_of_index(id.index()));
  else
    w.null();
}

void write_distribution(JsonWriter& w, const DurationDistribution& d) {
  w.begin_object();
  w.field("kind", name_of(d.kind));
  w.field("mean_ns", d.kind == DurationDistribution::Kind::Lognormal ? d.mean() : d.mean_ns);
  w.field("mu", d.mu);
  w.field("sigma", d.sigma);
  w.end_object();
}

void write_call(JsonWriter& w, const Scenario& s, const CallSpec& c) {
  const auto service_name = [&](std::size_t i) { return s.services[i].name; };
  w.begin_object();
  id_field(w, "to", c.to, service_name);
  optional_field(w, "probability", c.probability, [&](double v) { w.value(v); });
  optional_field(w, "share", c.share, [&](double v) { w.value(v); });
  optional_field(w, "timeout_ns", c.timeout, [&](Duration d) { w.value(d.ns()); });
  w.key("retries");
  w.begin_object();
  w.field("max", c.retries.max);
  duration_field(w, "backoff_ns", c.retries.backoff);
  duration_field(w, "backoff_max_ns", c.retries.backoff_max);
  w.field("jitter", name_of(c.retries.jitter));
  w.end_object();
  optional_field(w, "retry_budget", c.retry_budget, [&](const RetryBudget& b) {
    w.begin_object();
    w.field("ratio", b.ratio);
    w.field("min_per_second", b.min_per_second);
    duration_field(w, "window_ns", b.window);
    w.end_object();
  });
  optional_field(w, "circuit_breaker", c.circuit_breaker, [&](const CircuitBreaker& cb) {
    w.begin_object();
    w.field("failure_ratio", cb.failure_ratio);
    w.field("min_calls", cb.min_calls);
    duration_field(w, "window_ns", cb.window);
    duration_field(w, "open_for_ns", cb.open_for);
    w.field("half_open_probes", cb.half_open_probes);
    w.end_object();
  });
  w.end_object();
}

void write_service(JsonWriter& w, const Scenario& s, const ServiceSpec& svc) {
  w.begin_object();
  w.field("name", svc.name);
  w.field("replicas", svc.replicas);
  w.field("max_replicas", svc.max_replicas);
  w.key("zones");
  w.begin_array();
  for (const ZoneId z : svc.zones) w.value(z.index() < s.zones.size() ? s.zones[z.index()] : "");
  w.end_array();
  w.field("concurrency", name_of(svc.concurrency));
  w.field("workers", svc.workers);
  optional_field(w, "queue", svc.queue, [&](int v) { w.value(v); });
  optional_field(w, "max_in_flight", svc.max_in_flight, [&](int v) { w.value(v); });
  w.key("service_time");
  write_distribution(w, svc.service_time);
  w.field("load_balancing", name_of(svc.load_balancing));
  w.field("fan_out", name_of(svc.fan_out));
  w.key("calls");
  w.begin_array();
  for (const CallSpec& c : svc.calls) write_call(w, s, c);
  w.end_array();
  w.key("health_check");
  w.begin_object();
  duration_field(w, "interval_ns", svc.health_check.interval);
  w.field("unhealthy_threshold", svc.health_check.unhealthy_threshold);
  w.field("healthy_threshold", svc.health_check.healthy_threshold);
  w.end_object();
  w.end_object();
}

void write_fault_target(JsonWriter& w, const Scenario& s, const FaultTarget& t) {
  const auto service = [&](std::size_t i) { return s.services[i].name; };
  const auto zone = [&](std::size_t i) { return s.zones[i]; };
  w.begin_object();
  switch (t.kind) {
    case FaultTarget::Kind::Service:
      id_field(w, "service", t.service, service);
      optional_field(w, "instances", t.count, [&](int v) { w.value(v); });
      optional_field(w, "instances_share", t.share, [&](double v) { w.value(v); });
      break;
    case FaultTarget::Kind::Edge:
      id_field(w, "from", t.service, service);
      id_field(w, "to", t.to, service);
      break;
    case FaultTarget::Kind::Zone: id_field(w, "zone", t.zone, zone); break;
    case FaultTarget::Kind::ZonePair:
      w.key("zones");
      w.begin_array();
      w.value(t.zone.is_valid() ? zone(t.zone.index()) : "");
      w.value(t.other_zone.is_valid() ? zone(t.other_zone.index()) : "");
      w.end_array();
      break;
    case FaultTarget::Kind::Source:
      id_field(w, "source", t.source, [&](std::size_t i) { return s.traffic[i].name; });
      break;
  }
  w.end_object();
}

// Every parameter, whether or not the kind uses it: the record is for machines.
void write_fault(JsonWriter& w, const Scenario& s, const FaultSpec& f) {
  w.begin_object();
  w.field("name", f.name);
  w.field("kind", fault_kind_name(f.kind));
  w.key("target");
  write_fault_target(w, s, f.target);
  duration_field(w, "at_ns", f.at);
  optional_field(w, "for_ns", f.length, [&](Duration d) { w.value(d.ns()); });
  duration_field(w, "ramp_ns", f.ramp);
  duration_field(w, "add_ns", f.add);
  w.field("share", f.share);
  duration_field(w, "after_ns", f.after);
  w.field("factor", f.factor);
  duration_field(w, "restart_after_ns", f.restart_after);
  duration_field(w, "cold_for_ns", f.cold_for);
  w.field("cold_factor", f.cold_factor);
  duration_field(w, "uptime_ns", f.uptime);
  w.field("growth_per_minute", f.growth_per_minute);
  w.field("oom_factor", f.oom_factor);
  optional_field(w, "mtbf_ns", f.mtbf, [&](Duration d) { w.value(d.ns()); });
  duration_field(w, "repair_ns", f.repair);
  if (f.until_fault) w.field("until_fault", s.faults[f.until_fault->index()].name);
  if (f.until_action) w.field("until_action", *f.until_action);
  w.end_object();
}

// Only the targets that are set: scoring treats a missing key as no target.
void write_targets(JsonWriter& w, const ScoringTargets& t) {
  w.key("scoring");
  w.begin_object();
  w.key("targets");
  w.begin_object();
  const std::pair<std::string_view, std::optional<Duration>> durations[] = {
      {"time_to_detect_ns", t.time_to_detect},
      {"time_to_acknowledge_ns", t.time_to_acknowledge},
      {"time_to_declare_ns", t.time_to_declare},
      {"time_to_mitigate_ns", t.time_to_mitigate},
      {"time_to_recover_ns", t.time_to_recover},
      {"status_update_first_ns", t.status_update_first},
      {"status_update_every_ns", t.status_update_every}};
  for (const auto& [key, value] : durations)
    if (value) duration_field(w, key, *value);
  if (t.error_budget) w.field("error_budget", *t.error_budget);
  w.end_object();
  w.end_object();
}

void write_responders(JsonWriter& w, const Scenario& s) {
  w.key("responders");
  w.begin_object();
  w.key("ack_after");
  write_distribution(w, s.oncall.ack_after);
  duration_field(w, "resolve_after_ns", s.oncall.resolve_after);
  const ActionDelays& d = s.delays;
  duration_field(w, "investigate_ns", d.investigate);
  w.key("delays");
  w.begin_object();
  const std::pair<std::string_view, Duration> delays[] = {{"restart_ns", d.restart},
                                                          {"rollback_ns", d.rollback},
                                                          {"revert_ns", d.revert},
                                                          {"scale_ns", d.scale},
                                                          {"failover_ns", d.failover},
                                                          {"drain_ns", d.drain},
                                                          {"shed_ns", d.shed},
                                                          {"limit_ns", d.limit},
                                                          {"retries_ns", d.retries},
                                                          {"breaker_ns", d.breaker},
                                                          {"flush_ns", d.flush},
                                                          {"warm_ns", d.warm},
                                                          {"cache_warm_for_ns", d.cache_warm_for}};
  for (const auto& [key, value] : delays) duration_field(w, key, value);
  w.end_object();
  w.end_object();
  w.key("runbooks");
  w.begin_array();
  for (const Runbook& b : s.runbooks) {
    w.begin_object();
    w.field("name", b.name);
    w.key("alerts");
    w.begin_array();
    for (const AlertId a : b.alerts) w.value(s.monitoring.alerts[a.index()].name);
    w.end_array();
    w.field("severity", b.severity);
    w.key("steps");
    w.begin_array();
    for (const RunbookStep& step : b.steps) {
      w.begin_object();
      w.field("do", step.command);
      if (step.when) {
        const RunbookCondition& c = *step.when;
        w.key("if");
        w.begin_object();
        using K = RunbookCondition::Kind;
        if (c.kind == K::AlertFiring) {
          w.field("alert", s.monitoring.alerts[c.alert.index()].name);
        } else {
          w.field("service", s.services[c.service.index()].name);
          const std::string_view test = c.kind == K::ErrorRatioAbove    ? "error_ratio_above"
                                        : c.kind == K::P99Above         ? "p99_above_seconds"
                                        : c.kind == K::UtilisationAbove ? "utilisation_above"
                                                                        : "instances_up_below";
          w.field(test, c.value);
        }
        w.end_object();
      }
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void write_source(JsonWriter& w, const Scenario& s, const TrafficSource& t) {
  w.begin_object();
  w.field("name", t.name);
  id_field(w, "to", t.to, [&](std::size_t i) { return s.services[i].name; });
  w.field("rate_per_second", t.rate_per_second);
  w.key("profile");
  w.begin_object();
  w.field("shape", name_of(t.profile.shape));
  w.field("factor", t.profile.factor);
  w.field("trough", t.profile.trough);
  duration_field(w, "peak_at_ns", t.profile.peak_at);
  duration_field(w, "at_ns", t.profile.at);
  duration_field(w, "length_ns", t.profile.length);
  duration_field(w, "until_ns", t.profile.until);
  w.end_object();
  optional_field(w, "max_requests", t.max_requests, [&](std::uint64_t v) { w.value(v); });
  w.end_object();
}

void write_slo(JsonWriter& w, const Scenario& s, const SloSpec& slo) {
  w.begin_object();
  w.field("name", slo.name);
  w.field("sli", slo.kind == SloSpec::Kind::Latency ? "latency" : "availability");
  id_field(w, "service", slo.service, [&](std::size_t i) { return s.services[i].name; });
  optional_field(w, "journey", slo.journey,
                 [&](SourceId id) { w.value(s.traffic[id.index()].name); });
  w.field("objective", slo.objective);
  duration_field(w, "window_ns", slo.window);
  duration_field(w, "latency_threshold_ns", slo.latency_threshold);
  w.end_object();
}

const char* name_of(AlertMetric m) {
  switch (m) {
    case AlertMetric::ErrorRatio: return "error_ratio";
    case AlertMetric::LatencyP50: return "latency_p50";
    case AlertMetric::LatencyP90: return "latency_p90";
    case AlertMetric::LatencyP95: return "latency_p95";
    case AlertMetric::LatencyP99: return "latency_p99";
    case AlertMetric::RequestRate: return "request_rate";
    case AlertMetric::Saturation: return "saturation";
    case AlertMetric::InstancesUp: return "instances_up";
    case AlertMetric::QueueDepth: return "queue_depth";
    case AlertMetric::ProbeFailureRatio: return "probe_failure_ratio";
  }
  return "?";
}

// Threshold rules: `threshold` holds the value in the metric's base unit (ratio, seconds,
// per second, count); burn-rate rules: `burn_rate`. The other kind's object is null.
void write_alert(JsonWriter& w, const Scenario& s, const AlertRule& a) {
  const auto service_name = [&](std::size_t i) { return s.services[i].name; };
  w.begin_object();
  w.field("name", a.name);
  w.field("severity", a.severity == Severity::Ticket ? "ticket" : "page");
  w.field("summary", a.summary);
  duration_field(w, "for_ns", a.for_duration);
  duration_field(w, "keep_firing_for_ns", a.keep_firing_for);
  w.key("threshold");
  if (a.kind == AlertRule::Kind::Threshold) {
    const ThresholdRule& t = a.threshold;
    w.begin_object();
    w.field("metric", name_of(t.metric));
    if (t.subject == SubjectKind::Service) id_field(w, "service", t.service, service_name);
    if (t.subject == SubjectKind::Journey) w.field("journey", s.traffic[t.journey.index()].name);
    if (t.subject == SubjectKind::Probe)
      w.field("probe", s.monitoring.probes[t.probe.index()].name);
    duration_field(w, "window_ns", t.window);
    w.field("comparison", t.comparison == Comparison::Below ? "below" : "above");
    w.field("value", t.threshold);
    w.end_object();
  } else {
    w.null();
  }
  w.key("burn_rate");
  if (a.kind == AlertRule::Kind::BurnRate) {
    const BurnRateRule& b = a.burn_rate;
    w.begin_object();
    w.field("slo", s.slos[b.slo.index()].name);
    duration_field(w, "long_window_ns", b.long_window);
    duration_field(w, "short_window_ns", b.short_window);
    w.field("factor", b.factor);
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
}

void write_monitoring(JsonWriter& w, const Scenario& s) {
  const MonitoringSpec& m = s.monitoring;
  w.key("probes");
  w.begin_array();
  for (const ProbeSpec& p : m.probes) {
    w.begin_object();
    w.field("name", p.name);
    id_field(w, "service", p.service, [&](std::size_t i) { return s.services[i].name; });
    duration_field(w, "interval_ns", p.interval);
    duration_field(w, "timeout_ns", p.timeout);
    w.end_object();
  }
  w.end_array();
  w.key("alerts");
  w.begin_array();
  for (const AlertRule& a : m.alerts) write_alert(w, s, a);
  w.end_array();
  const AlertingSpec& a = m.alerting;
  w.key("alerting");
  w.begin_object();
  duration_field(w, "evaluation_interval_ns", a.evaluation_interval);
  duration_field(w, "group_wait_ns", a.group_wait);
  duration_field(w, "group_interval_ns", a.group_interval);
  duration_field(w, "repeat_interval_ns", a.repeat_interval);
  w.field("group_by", a.group_by == GroupBy::Service ? "service" : "alertname");
  w.key("inhibit");
  w.begin_array();
  for (const Inhibition& in : a.inhibit) {
    w.begin_object();
    w.field("source", m.alerts[in.source.index()].name);
    w.field("target", m.alerts[in.target.index()].name);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string scenario_to_json(const Scenario& s) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("name", s.name);
  w.field("description", s.description);
  w.field("seed", s.seed);
  duration_field(w, "duration_ns", s.duration);
  duration_field(w, "start_time_of_day_ns", s.start_time_of_day);
  duration_field(w, "sample_interval_ns", s.sample_interval);
  w.field("trace_sample_ratio", s.trace_sample_ratio);
  w.key("zones");
  w.begin_array();
  for (const auto& z : s.zones) w.value(z);
  w.end_array();
  w.key("services");
  w.begin_array();
  for (const auto& svc : s.services) write_service(w, s, svc);
  w.end_array();
  w.key("traffic");
  w.begin_array();
  for (const auto& t : s.traffic) write_source(w, s, t);
  w.end_array();
  w.key("slos");
  w.begin_array();
  for (const auto& slo : s.slos) write_slo(w, s, slo);
  w.end_array();
  w.key("faults");
  w.begin_array();
  for (const auto& f : s.faults) write_fault(w, s, f);
  w.end_array();
  write_monitoring(w, s);
  write_responders(w, s);
  write_targets(w, s.targets);
  w.end_object();
  return out;
}

}  // namespace gameday::sim

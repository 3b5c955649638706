// The scenario codec: the record header's resolved scenario, written by scenario_to_json() and
// read back into the typed model by read_scenario(). Both walk the model in the same order with
// the same keys and the same name tables (gameday/model/names.hpp); a round-trip test over the
// scenario library keeps them equal.
#include "gameday/eventlog/scenario_json.hpp"

#include <algorithm>
#include <string>

#include "gameday/core/units.hpp"
#include "gameday/eventlog/json_writer.hpp"
#include "gameday/model/names.hpp"
#include "json_read.hpp"
#include "scenario_json_read.hpp"

namespace gameday::eventlog {
namespace {

using namespace model;

// A runbook condition's test under `if`, besides `alert`.
constexpr EnumName<RunbookCondition::Kind> runbook_test_names[] = {
    {"error_ratio_above", RunbookCondition::Kind::ErrorRatioAbove},
    {"p99_above_seconds", RunbookCondition::Kind::P99Above},
    {"utilisation_above", RunbookCondition::Kind::UtilisationAbove},
    {"instances_up_below", RunbookCondition::Kind::InstancesUpBelow}};

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
  w.field("kind", name_of(distribution_names, d.kind));
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
  w.field("jitter", name_of(jitter_names, c.retries.jitter));
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
  w.field("concurrency", name_of(concurrency_names, svc.concurrency));
  w.field("workers", svc.workers);
  optional_field(w, "queue", svc.queue, [&](int v) { w.value(v); });
  optional_field(w, "max_in_flight", svc.max_in_flight, [&](int v) { w.value(v); });
  w.key("service_time");
  write_distribution(w, svc.service_time);
  w.field("load_balancing", name_of(load_balancing_names, svc.load_balancing));
  w.field("fan_out", name_of(fan_out_names, svc.fan_out));
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
  w.field("kind", name_of(fault_kind_names, f.kind));
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
  // Only rules that differ from the default are written: records of scenarios without any
  // keep their bytes.
  if (s.rules != SeatRules{}) {
    w.key("rules");
    w.begin_object();
    for (const auto& [key, roles] :
         {std::pair{"act", &s.rules.act}, std::pair{"update", &s.rules.update},
          std::pair{"lead", &s.rules.lead}}) {
      w.key(key);
      w.begin_array();
      for (const Role r : *roles) w.value(role_name(r));
      w.end_array();
    }
    w.end_object();
  }
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
          w.field(name_of(runbook_test_names, c.kind), c.value);
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
  w.field("shape", name_of(shape_names, t.profile.shape));
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
  w.field("sli", name_of(sli_names, slo.kind));
  id_field(w, "service", slo.service, [&](std::size_t i) { return s.services[i].name; });
  optional_field(w, "journey", slo.journey,
                 [&](SourceId id) { w.value(s.traffic[id.index()].name); });
  w.field("objective", slo.objective);
  duration_field(w, "window_ns", slo.window);
  duration_field(w, "latency_threshold_ns", slo.latency_threshold);
  w.end_object();
}

// Threshold rules: `threshold` holds the value in the metric's base unit (ratio, seconds,
// per second, count); burn-rate rules: `burn_rate`. The other kind's object is null.
void write_alert(JsonWriter& w, const Scenario& s, const AlertRule& a) {
  const auto service_name = [&](std::size_t i) { return s.services[i].name; };
  w.begin_object();
  w.field("name", a.name);
  w.field("severity", name_of(severity_names, a.severity));
  w.field("summary", a.summary);
  duration_field(w, "for_ns", a.for_duration);
  duration_field(w, "keep_firing_for_ns", a.keep_firing_for);
  w.key("threshold");
  if (a.kind == AlertRule::Kind::Threshold) {
    const ThresholdRule& t = a.threshold;
    w.begin_object();
    w.field("metric", name_of(metric_names, t.metric));
    if (t.subject == SubjectKind::Service) id_field(w, "service", t.service, service_name);
    if (t.subject == SubjectKind::Journey) w.field("journey", s.traffic[t.journey.index()].name);
    if (t.subject == SubjectKind::Probe)
      w.field("probe", s.monitoring.probes[t.probe.index()].name);
    duration_field(w, "window_ns", t.window);
    w.field("comparison", name_of(comparison_names, t.comparison));
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
  w.field("group_by", name_of(group_by_names, a.group_by));
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

namespace {

using namespace json_read;

template <class E, std::size_t N>
E get_enum(const Json& j, std::string_view key, const EnumName<E> (&table)[N]) {
  const std::string& name = get_string(j, key);
  if (const auto v = value_of(table, name)) return *v;
  std::string choices;
  for (const auto& n : table) choices += (choices.empty() ? "" : ", ") + std::string(n.name);
  fail("field " + in_quotes(key) + ": unknown value " + in_quotes(name) + "; expected one of " +
       choices);
}

int get_int32(const Json& j, std::string_view key) {
  const std::int64_t v = get_int(j, key);
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
    fail("field " + in_quotes(key) + " is out of range");
  return static_cast<int>(v);
}

// A span of the scenario, within what the loader accepts (model::limits::span), so that whoever
// reads the record's scenario can add its spans to times without overflow.
Duration get_span(const Json& j, std::string_view key) {
  const Duration d = get_duration(j, key);
  if (d.ns() < 0 || d > model::limits::span)
    fail("field " + in_quotes(key) + ": " + std::to_string(d.ns()) + " ns is out of range (0 to " +
         format_duration(model::limits::span) + ")");
  return d;
}

std::optional<Duration> get_optional_duration(const Json& j, std::string_view key) {
  if (optional_value(j, key) == nullptr) return std::nullopt;
  return get_span(j, key);
}
std::optional<double> get_optional_number(const Json& j, std::string_view key) {
  if (optional_value(j, key) == nullptr) return std::nullopt;
  return get_number(j, key);
}
std::optional<int> get_optional_int32(const Json& j, std::string_view key) {
  if (optional_value(j, key) == nullptr) return std::nullopt;
  return get_int32(j, key);
}

// The scenario's names, read first, so that references by name become ids.
struct NameIndex {
  std::vector<std::string> zones, services, sources, slos, faults, alerts, probes;
};

// The `name` of each object in the array under `list`.
std::vector<std::string> names_in(const Json& scenario, const std::string& list) {
  const Json& items = get_array(scenario, list);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.push_back(at_path(list + "[" + std::to_string(i) + "]", [&]() -> std::string {
      if (!items[i].is_object()) fail("should be an object, found " + kind_of(items[i]));
      return get_string(items[i], "name");
    }));
  }
  return out;
}

template <class IdT>
IdT find_name(const std::string& name, std::string_view key, const std::vector<std::string>& names,
              std::string_view what) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    fail("field " + in_quotes(key) + ": no " + std::string(what) + " named " + in_quotes(name));
  return IdT::from_index(static_cast<std::size_t>(it - names.begin()));
}

template <class IdT>
IdT get_ref(const Json& j, std::string_view key, const std::vector<std::string>& names,
            std::string_view what) {
  return find_name<IdT>(get_string(j, key), key, names, what);
}

// An id written as a name, or null for an id that is not set.
template <class IdT>
IdT get_nullable_ref(const Json& j, std::string_view key, const std::vector<std::string>& names,
                     std::string_view what) {
  if (member(j, key).is_null()) return IdT{};
  return get_ref<IdT>(j, key, names, what);
}

// Each element of the array under `key`, read by `read(element)` at its own path.
template <class T, class Read>
std::vector<T> read_list(const Json& j, const std::string& key, Read read) {
  std::vector<T> out;
  const Json& items = get_array(j, key);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Json& item = items[i];
    out.push_back(at_path(key + "[" + std::to_string(i) + "]", [&] {
      if (!item.is_object()) fail("should be an object, found " + kind_of(item));
      return read(item);
    }));
  }
  return out;
}

DurationDistribution read_distribution(const Json& j) {
  DurationDistribution d;
  d.kind = get_enum(j, "kind", distribution_names);
  // A lognormal's `mean_ns` is its analytic mean, derived from mu and sigma.
  if (d.kind != DurationDistribution::Kind::Lognormal) d.mean_ns = get_number(j, "mean_ns");
  d.mu = get_number(j, "mu");
  d.sigma = get_number(j, "sigma");
  return d;
}

CallSpec read_call(const Json& j, const NameIndex& n) {
  CallSpec c;
  c.to = get_ref<ServiceId>(j, "to", n.services, "service");
  c.probability = get_optional_number(j, "probability");
  c.share = get_optional_number(j, "share");
  c.timeout = get_optional_duration(j, "timeout_ns");
  at_path("retries", [&] {
    const Json& r = get_object(j, "retries");
    c.retries.max = get_int32(r, "max");
    c.retries.backoff = get_span(r, "backoff_ns");
    c.retries.backoff_max = get_span(r, "backoff_max_ns");
    c.retries.jitter = get_enum(r, "jitter", jitter_names);
  });
  if (const Json* b = optional_value(j, "retry_budget")) {
    at_path("retry_budget", [&] {
      c.retry_budget = RetryBudget{get_number(*b, "ratio"), get_number(*b, "min_per_second"),
                                   get_span(*b, "window_ns")};
    });
  }
  if (const Json* b = optional_value(j, "circuit_breaker")) {
    at_path("circuit_breaker", [&] {
      c.circuit_breaker = CircuitBreaker{
          get_number(*b, "failure_ratio"), get_int32(*b, "min_calls"), get_span(*b, "window_ns"),
          get_span(*b, "open_for_ns"), get_int32(*b, "half_open_probes")};
    });
  }
  return c;
}

ServiceSpec read_service(const Json& j, const NameIndex& n) {
  ServiceSpec s;
  s.name = get_string(j, "name");
  s.replicas = get_int32(j, "replicas");
  s.max_replicas = get_int32(j, "max_replicas");
  for (const Json& z : get_array(j, "zones"))
    s.zones.push_back(find_name<ZoneId>(as_string("zones[]", z), "zones", n.zones, "zone"));
  s.concurrency = get_enum(j, "concurrency", concurrency_names);
  s.workers = get_int32(j, "workers");
  s.queue = get_optional_int32(j, "queue");
  s.max_in_flight = get_optional_int32(j, "max_in_flight");
  s.service_time =
      at_path("service_time", [&] { return read_distribution(get_object(j, "service_time")); });
  s.load_balancing = get_enum(j, "load_balancing", load_balancing_names);
  s.fan_out = get_enum(j, "fan_out", fan_out_names);
  s.calls = read_list<CallSpec>(j, "calls", [&](const Json& c) { return read_call(c, n); });
  at_path("health_check", [&] {
    const Json& h = get_object(j, "health_check");
    s.health_check = {get_span(h, "interval_ns"), get_int32(h, "unhealthy_threshold"),
                      get_int32(h, "healthy_threshold")};
  });
  return s;
}

TrafficSource read_source(const Json& j, const NameIndex& n) {
  TrafficSource t;
  t.name = get_string(j, "name");
  t.to = get_nullable_ref<ServiceId>(j, "to", n.services, "service");
  t.rate_per_second = get_number(j, "rate_per_second");
  at_path("profile", [&] {
    const Json& p = get_object(j, "profile");
    t.profile.shape = get_enum(p, "shape", shape_names);
    t.profile.factor = get_number(p, "factor");
    t.profile.trough = get_number(p, "trough");
    t.profile.peak_at = get_span(p, "peak_at_ns");
    t.profile.at = get_span(p, "at_ns");
    t.profile.length = get_span(p, "length_ns");
    t.profile.until = get_span(p, "until_ns");
  });
  if (optional_value(j, "max_requests") != nullptr) t.max_requests = get_uint(j, "max_requests");
  return t;
}

SloSpec read_slo(const Json& j, const NameIndex& n) {
  SloSpec s;
  s.name = get_string(j, "name");
  s.kind = get_enum(j, "sli", sli_names);
  s.service = get_nullable_ref<ServiceId>(j, "service", n.services, "service");
  if (optional_value(j, "journey") != nullptr)
    s.journey = get_ref<SourceId>(j, "journey", n.sources, "traffic source");
  s.objective = get_number(j, "objective");
  if (!(s.objective > 0 && s.objective < 1))
    fail("field 'objective' should be a share between 0 and 1");
  s.window = get_span(j, "window_ns");
  if (s.window.ns() <= 0) fail("field 'window_ns' should be positive");
  s.latency_threshold = get_span(j, "latency_threshold_ns");
  return s;
}

FaultTarget read_fault_target(const Json& t, const NameIndex& n) {
  FaultTarget out;
  using K = FaultTarget::Kind;
  if (optional_member(t, "from") != nullptr) {
    out.kind = K::Edge;
    out.service = get_nullable_ref<ServiceId>(t, "from", n.services, "service");
    out.to = get_nullable_ref<ServiceId>(t, "to", n.services, "service");
  } else if (optional_member(t, "zones") != nullptr) {
    out.kind = K::ZonePair;
    const Json& z = get_array(t, "zones");
    if (z.size() != 2) fail("field 'zones' should hold two zones");
    out.zone = find_name<ZoneId>(as_string("zones[0]", z[0]), "zones", n.zones, "zone");
    out.other_zone = find_name<ZoneId>(as_string("zones[1]", z[1]), "zones", n.zones, "zone");
  } else if (optional_member(t, "zone") != nullptr) {
    out.kind = K::Zone;
    out.zone = get_nullable_ref<ZoneId>(t, "zone", n.zones, "zone");
  } else if (optional_member(t, "source") != nullptr) {
    out.kind = K::Source;
    out.source = get_nullable_ref<SourceId>(t, "source", n.sources, "traffic source");
  } else {
    out.kind = K::Service;
    out.service = get_nullable_ref<ServiceId>(t, "service", n.services, "service");
    out.count = get_optional_int32(t, "instances");
    out.share = get_optional_number(t, "instances_share");
  }
  return out;
}

FaultSpec read_fault(const Json& j, const NameIndex& n) {
  FaultSpec f;
  f.name = get_string(j, "name");
  f.kind = get_enum(j, "kind", fault_kind_names);
  f.target = at_path("target", [&] { return read_fault_target(get_object(j, "target"), n); });
  f.at = get_span(j, "at_ns");
  f.length = get_optional_duration(j, "for_ns");
  f.ramp = get_span(j, "ramp_ns");
  f.add = get_span(j, "add_ns");
  f.share = get_number(j, "share");
  f.after = get_span(j, "after_ns");
  f.factor = get_number(j, "factor");
  f.restart_after = get_span(j, "restart_after_ns");
  f.cold_for = get_span(j, "cold_for_ns");
  f.cold_factor = get_number(j, "cold_factor");
  f.uptime = get_span(j, "uptime_ns");
  f.growth_per_minute = get_number(j, "growth_per_minute");
  f.oom_factor = get_number(j, "oom_factor");
  f.mtbf = get_optional_duration(j, "mtbf_ns");
  f.repair = get_span(j, "repair_ns");
  if (optional_value(j, "until_fault") != nullptr)
    f.until_fault = get_ref<FaultId>(j, "until_fault", n.faults, "fault");
  if (optional_value(j, "until_action") != nullptr) f.until_action = get_string(j, "until_action");
  return f;
}

ThresholdRule read_threshold(const Json& t, const NameIndex& n) {
  ThresholdRule r;
  r.metric = get_enum(t, "metric", metric_names);
  if (optional_member(t, "journey") != nullptr) {
    r.subject = SubjectKind::Journey;
    r.journey = get_ref<SourceId>(t, "journey", n.sources, "traffic source");
  } else if (optional_member(t, "probe") != nullptr) {
    r.subject = SubjectKind::Probe;
    r.probe = get_ref<ProbeId>(t, "probe", n.probes, "probe");
  } else {
    r.subject = SubjectKind::Service;
    r.service = get_nullable_ref<ServiceId>(t, "service", n.services, "service");
  }
  r.window = get_span(t, "window_ns");
  r.comparison = get_enum(t, "comparison", comparison_names);
  r.threshold = get_number(t, "value");
  return r;
}

AlertRule read_alert(const Json& j, const NameIndex& n) {
  AlertRule a;
  a.name = get_string(j, "name");
  a.severity = get_enum(j, "severity", severity_names);
  a.summary = get_string(j, "summary");
  a.for_duration = get_span(j, "for_ns");
  a.keep_firing_for = get_span(j, "keep_firing_for_ns");
  if (const Json* t = optional_value(j, "threshold")) {
    a.kind = AlertRule::Kind::Threshold;
    a.threshold = at_path("threshold", [&] {
      if (!t->is_object()) fail_type("threshold", "an object", *t);
      return read_threshold(*t, n);
    });
  } else if (const Json* b = optional_value(j, "burn_rate")) {
    a.kind = AlertRule::Kind::BurnRate;
    a.burn_rate = at_path("burn_rate", [&] {
      if (!b->is_object()) fail_type("burn_rate", "an object", *b);
      return BurnRateRule{get_ref<SloId>(*b, "slo", n.slos, "SLO"), get_span(*b, "long_window_ns"),
                          get_span(*b, "short_window_ns"), get_number(*b, "factor")};
    });
  } else {
    fail("neither 'threshold' nor 'burn_rate' is set");
  }
  return a;
}

MonitoringSpec read_monitoring(const Json& j, const NameIndex& n) {
  MonitoringSpec m;
  m.probes = read_list<ProbeSpec>(j, "probes", [&](const Json& p) {
    return ProbeSpec{get_string(p, "name"),
                     get_nullable_ref<ServiceId>(p, "service", n.services, "service"),
                     get_span(p, "interval_ns"), get_span(p, "timeout_ns")};
  });
  m.alerts = read_list<AlertRule>(j, "alerts", [&](const Json& a) { return read_alert(a, n); });
  at_path("alerting", [&] {
    const Json& a = get_object(j, "alerting");
    AlertingSpec& s = m.alerting;
    s.evaluation_interval = get_span(a, "evaluation_interval_ns");
    s.group_wait = get_span(a, "group_wait_ns");
    s.group_interval = get_span(a, "group_interval_ns");
    s.repeat_interval = get_span(a, "repeat_interval_ns");
    s.group_by = get_enum(a, "group_by", group_by_names);
    s.inhibit = read_list<Inhibition>(a, "inhibit", [&](const Json& i) {
      return Inhibition{get_ref<AlertId>(i, "source", n.alerts, "alert rule"),
                        get_ref<AlertId>(i, "target", n.alerts, "alert rule")};
    });
  });
  return m;
}

RunbookStep read_runbook_step(const Json& j, const NameIndex& n) {
  RunbookStep step;
  step.command = get_string(j, "do");
  const Json* when = optional_value(j, "if");
  if (when == nullptr) return step;
  at_path("if", [&] {
    if (!when->is_object()) fail_type("if", "an object", *when);
    RunbookCondition c;
    if (optional_member(*when, "alert") != nullptr) {
      c.kind = RunbookCondition::Kind::AlertFiring;
      c.alert = get_ref<AlertId>(*when, "alert", n.alerts, "alert rule");
    } else {
      c.service = get_ref<ServiceId>(*when, "service", n.services, "service");
      const auto test =
          std::find_if(std::begin(runbook_test_names), std::end(runbook_test_names),
                       [&](const auto& t) { return optional_member(*when, t.name) != nullptr; });
      if (test == std::end(runbook_test_names)) fail("no test ('error_ratio_above', ...)");
      c.kind = test->value;
      c.value = get_number(*when, test->name);
    }
    step.when = c;
  });
  return step;
}

void read_responders(const Json& j, const NameIndex& n, Scenario& s) {
  at_path("responders", [&] {
    const Json& r = get_object(j, "responders");
    s.oncall.ack_after =
        at_path("ack_after", [&] { return read_distribution(get_object(r, "ack_after")); });
    s.oncall.resolve_after = get_span(r, "resolve_after_ns");
    s.delays.investigate = get_span(r, "investigate_ns");
    if (optional_value(r, "rules") != nullptr)
      at_path("rules", [&] {
        const Json& rules = get_object(r, "rules");
        for (const auto& [key, roles] :
             {std::pair{"act", &s.rules.act}, std::pair{"update", &s.rules.update},
              std::pair{"lead", &s.rules.lead}}) {
          roles->clear();
          for (const std::string& name : get_strings(rules, key)) {
            const auto role = find_role(name);
            if (!role) fail("rules." + std::string(key) + ": unknown role " + in_quotes(name));
            roles->push_back(*role);
          }
        }
      });
    at_path("delays", [&] {
      const Json& d = get_object(r, "delays");
      ActionDelays& a = s.delays;
      for (auto [key, field] : {std::pair{"restart_ns", &a.restart},
                                {"rollback_ns", &a.rollback},
                                {"revert_ns", &a.revert},
                                {"scale_ns", &a.scale},
                                {"failover_ns", &a.failover},
                                {"drain_ns", &a.drain},
                                {"shed_ns", &a.shed},
                                {"limit_ns", &a.limit},
                                {"retries_ns", &a.retries},
                                {"breaker_ns", &a.breaker},
                                {"flush_ns", &a.flush},
                                {"warm_ns", &a.warm},
                                {"cache_warm_for_ns", &a.cache_warm_for}})
        *field = get_span(d, key);
    });
  });
  s.runbooks = read_list<Runbook>(j, "runbooks", [&](const Json& b) {
    Runbook book;
    book.name = get_string(b, "name");
    for (const Json& a : get_array(b, "alerts"))
      book.alerts.push_back(
          find_name<AlertId>(as_string("alerts[]", a), "alerts", n.alerts, "alert rule"));
    book.severity = get_string(b, "severity");
    book.steps = read_list<RunbookStep>(b, "steps",
                                        [&](const Json& st) { return read_runbook_step(st, n); });
    return book;
  });
}

ScoringTargets read_targets(const Json& j) {
  ScoringTargets t;
  at_path("scoring", [&] {
    const Json& targets = get_object(get_object(j, "scoring"), "targets");
    at_path("targets", [&] {
      for (auto [key, field] : {std::pair{"time_to_detect_ns", &t.time_to_detect},
                                {"time_to_acknowledge_ns", &t.time_to_acknowledge},
                                {"time_to_declare_ns", &t.time_to_declare},
                                {"time_to_mitigate_ns", &t.time_to_mitigate},
                                {"time_to_recover_ns", &t.time_to_recover},
                                {"status_update_first_ns", &t.status_update_first},
                                {"status_update_every_ns", &t.status_update_every}}) {
        *field = get_optional_duration(targets, key);
        if (*field && field->value().ns() < 0) fail("field " + in_quotes(key) + " is negative");
      }
      t.error_budget = get_optional_number(targets, "error_budget");
    });
  });
  return t;
}

}  // namespace

model::Scenario read_scenario(const Json& j) {
  if (!j.is_object()) fail("should be an object, found " + kind_of(j));
  NameIndex n;
  n.zones = get_strings(j, "zones");
  n.services = names_in(j, "services");
  n.sources = names_in(j, "traffic");
  n.slos = names_in(j, "slos");
  n.faults = names_in(j, "faults");
  n.probes = names_in(j, "probes");
  n.alerts = names_in(j, "alerts");

  Scenario s;
  s.name = get_string(j, "name");
  s.description = get_string(j, "description");
  s.seed = get_uint(j, "seed");
  s.duration = get_span(j, "duration_ns");
  if (s.duration.ns() <= 0 || s.duration > model::limits::duration)
    fail("field 'duration_ns': a run lasts more than 0 and at most " +
         format_duration(model::limits::duration));
  s.start_time_of_day = get_span(j, "start_time_of_day_ns");
  if (s.start_time_of_day >= hours(24)) fail("field 'start_time_of_day_ns': not a time of day");
  s.sample_interval = get_span(j, "sample_interval_ns");
  if (s.sample_interval < model::limits::sample_interval)
    fail("field 'sample_interval_ns': less than " +
         format_duration(model::limits::sample_interval));
  s.trace_sample_ratio = get_number(j, "trace_sample_ratio");
  s.zones = n.zones;
  s.services =
      read_list<ServiceSpec>(j, "services", [&](const Json& v) { return read_service(v, n); });
  s.traffic =
      read_list<TrafficSource>(j, "traffic", [&](const Json& v) { return read_source(v, n); });
  s.slos = read_list<SloSpec>(j, "slos", [&](const Json& v) { return read_slo(v, n); });
  s.faults = read_list<FaultSpec>(j, "faults", [&](const Json& v) { return read_fault(v, n); });
  s.monitoring = read_monitoring(j, n);
  read_responders(j, n, s);
  s.targets = read_targets(j);
  s.index_names();
  return s;
}

std::optional<model::Scenario> scenario_from_json(std::string_view text, std::string& error) {
  try {
    return at_path("scenario", [&] { return read_scenario(Json::parse(text)); });
  } catch (const LineError& e) {
    error = e.message;
  } catch (const Json::exception& e) {
    error = std::string("scenario: not JSON: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace gameday::eventlog

// Reading `services` (capacity, service time, calls and their resilience policies) and the
// check that the call graph is acyclic.
//
// Every item of the list yields one ServiceSpec, however broken, so service ids equal list
// positions (see scenario_parse.hpp). A call is kept only when its `to` resolved to another
// service; its CallSite then records where `to` was written, so a cycle is reported at the
// call that closes it.
#include <algorithm>
#include <cstdio>
#include <limits>

#include "gameday/core/units.hpp"
#include "scenario_keys.hpp"
#include "scenario_parse.hpp"

namespace gameday::sim::detail {
namespace {

using model::EnumName;
using yaml::Field;
using yaml::MapReader;

constexpr std::int64_t int_max = std::numeric_limits<int>::max();

constexpr EnumName<DurationDistribution::Kind> service_time_kinds[] = {
    {"exponential", DurationDistribution::Kind::Exponential},
    {"constant", DurationDistribution::Kind::Constant}};

template <class T>
void set_int(yaml::Reporter& r, const MapReader& m, std::string_view key, std::int64_t lo,
             std::int64_t hi, T& out) {
  if (const auto f = m.get(key))
    if (const auto v = yaml::read_int(r, *f, lo, hi)) out = static_cast<T>(*v);
}

void set_duration(yaml::Reporter& r, const MapReader& m, std::string_view key, Duration& out) {
  if (const auto f = m.get(key))
    if (const auto v = yaml::read_positive_duration(r, *f)) out = *v;
}

void set_ratio(yaml::Reporter& r, const MapReader& m, std::string_view key, double& out) {
  if (const auto f = m.get(key))
    if (const auto v = yaml::read_ratio(r, *f)) out = *v;
}

std::optional<DurationDistribution> read_lognormal(yaml::Reporter& r, const MapReader& m) {
  for (const std::string_view key : {"mean", "distribution"})
    if (m.has(key))
      m.error_at_key(
          key, std::string(key).append(" cannot be combined with p50/p99; write {mean: ...} or "
                                       "{p50: ..., p99: ...}"));
  const auto p50_field = m.required("p50");
  const auto p99_field = m.required("p99");
  const auto p50 = p50_field ? yaml::read_positive_duration(r, *p50_field) : std::nullopt;
  const auto p99 = p99_field ? yaml::read_duration(r, *p99_field) : std::nullopt;
  if (!p50 || !p99) return std::nullopt;
  if (*p99 < *p50) {
    r.error(*p99_field, "p99 must be at least p50 (" + format_duration(*p50) + "), got " +
                            p99_field->node().Scalar());
    return std::nullopt;
  }
  return DurationDistribution::lognormal_p50_p99(*p50, *p99);
}

std::optional<DurationDistribution> read_service_time(yaml::Reporter& r, const Field& f) {
  if (f.node().IsScalar()) {
    const auto d = yaml::read_positive_duration(r, f);
    if (!d) return std::nullopt;
    return DurationDistribution::constant(*d);
  }
  const MapReader m(r, f, keys::service_time);
  if (!m.ok()) return std::nullopt;
  if (m.has("p50") || m.has("p99")) return read_lognormal(r, m);
  auto kind = DurationDistribution::Kind::Exponential;
  if (const auto d = m.get("distribution"))
    if (const auto k = yaml::read_enum(r, *d, service_time_kinds)) kind = *k;
  const auto mean_field = m.required("mean");
  const auto mean = mean_field ? yaml::read_positive_duration(r, *mean_field) : std::nullopt;
  if (!mean) return std::nullopt;
  return kind == DurationDistribution::Kind::Constant ? DurationDistribution::constant(*mean)
                                                      : DurationDistribution::exponential(*mean);
}

RetryPolicy read_retries(yaml::Reporter& r, const Field& f) {
  RetryPolicy p;
  if (f.node().IsScalar()) {
    if (const auto v = yaml::read_int(r, f, 0, 100)) p.max = static_cast<int>(*v);
    return p;
  }
  const MapReader m(r, f, keys::retries);
  if (const auto max = m.required("max"))
    if (const auto v = yaml::read_int(r, *max, 0, 100)) p.max = static_cast<int>(*v);
  if (const auto b = m.get("backoff"))
    if (const auto v = yaml::read_duration(r, *b)) p.backoff = *v;
  set_duration(r, m, "backoff_max", p.backoff_max);
  if (const auto j = m.get("jitter"))
    if (const auto v = yaml::read_enum(r, *j, jitter_names)) p.jitter = *v;
  if (p.backoff_max < p.backoff)
    m.error_at_key("backoff_max",
                   "backoff_max must be at least backoff (" + format_duration(p.backoff) + ")");
  return p;
}

// `retry_budget:` or `circuit_breaker:` with nothing after it is most likely meant to enable
// the defaults; say how to write that instead of only "expected a mapping".
bool reject_empty_policy(yaml::Reporter& r, const Field& f) {
  if (!f.node().IsNull()) return false;
  r.error(f, "expected a mapping, got an empty value (write " + f.key() + ": {} for the defaults)");
  return true;
}

RetryBudget read_retry_budget(yaml::Reporter& r, const Field& f) {
  RetryBudget b;
  if (reject_empty_policy(r, f)) return b;
  const MapReader m(r, f, keys::retry_budget);
  set_ratio(r, m, "ratio", b.ratio);
  if (const auto v = m.get("min_per_second"))
    if (const auto n = yaml::read_number(r, *v)) b.min_per_second = *n;
  set_duration(r, m, "window", b.window);
  return b;
}

CircuitBreaker read_circuit_breaker(yaml::Reporter& r, const Field& f) {
  CircuitBreaker cb;
  if (reject_empty_policy(r, f)) return cb;
  const MapReader m(r, f, keys::circuit_breaker);
  if (const auto v = m.get("failure_ratio")) {
    const auto ratio = yaml::read_ratio(r, *v);
    if (ratio && *ratio <= 0) r.error(*v, "failure_ratio must be more than 0");
    if (ratio) cb.failure_ratio = *ratio;
  }
  set_int(r, m, "min_calls", 1, int_max, cb.min_calls);
  set_duration(r, m, "window", cb.window);
  set_duration(r, m, "open_for", cb.open_for);
  set_int(r, m, "half_open_probes", 1, int_max, cb.half_open_probes);
  return cb;
}

std::string percent(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g%%", ratio * 100);
  return buf;
}

// Probability or share; `share_sum` accumulates the service's share group.
void read_call_weight(yaml::Reporter& r, const MapReader& m, CallSpec& call, double& share_sum) {
  if (const auto f = m.get("probability"))
    if (const auto v = yaml::read_ratio(r, *f)) call.probability = *v;
  if (const auto f = m.get("share")) {
    if (m.has("probability"))
      m.error_at_key("share", "probability and share are exclusive; use one");
    if (const auto v = yaml::read_ratio(r, *f)) {
      call.share = *v;
      const bool was_within = share_sum <= 1 + 1e-9;
      share_sum += *v;
      if (was_within && share_sum > 1 + 1e-9)
        r.error(*f, "the shares of this service's calls add up to " + percent(share_sum) +
                        ", more than 100%");
    }
  }
  if (!m.has("probability") && !m.has("share")) call.probability = 1.0;
}

void read_call(LoadContext& c, const Field& item, std::size_t self, double& share_sum) {
  const MapReader m(c.r, item, keys::call);
  if (!m.ok()) return;
  CallSpec call;
  const auto to_field = m.required("to");
  // A plain index with a sentinel: GCC 12 warns about optional<size_t> here (a false positive).
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::size_t to = none;
  if (to_field) to = read_reference(c.r, *to_field, "service", c.services).value_or(none);
  if (to == self)
    c.r.error(*to_field, "a service cannot call itself ('" + c.services.names()[self] + "')");
  read_call_weight(c.r, m, call, share_sum);
  if (const auto f = m.get("timeout"))
    if (const auto d = yaml::read_positive_duration(c.r, *f)) call.timeout = *d;
  if (const auto f = m.get("retries")) call.retries = read_retries(c.r, *f);
  if (const auto f = m.get("retry_budget")) call.retry_budget = read_retry_budget(c.r, *f);
  if (const auto f = m.get("circuit_breaker")) call.circuit_breaker = read_circuit_breaker(c.r, *f);
  if (to == none || to == self) return;
  call.to = ServiceId::from_index(to);
  c.s.services[self].calls.push_back(call);
  c.call_sites[self].push_back({to_field->mark(), to_field->path()});
}

void read_zone_list(LoadContext& c, const MapReader& m, ServiceSpec& svc) {
  const auto f = m.get("zones");
  if (!f) {
    for (std::size_t z = 0; z < c.s.zones.size(); ++z) svc.zones.push_back(ZoneId::from_index(z));
    return;
  }
  const auto items = yaml::read_list(c.r, *f);
  if (!items) return;
  if (items->empty()) c.r.error(*f, "expected at least one zone");
  for (const Field& item : *items) {
    const auto z = read_reference(c.r, item, "zone", c.zones);
    if (!z) continue;
    const ZoneId id = ZoneId::from_index(*z);
    if (std::find(svc.zones.begin(), svc.zones.end(), id) != svc.zones.end())
      c.r.error(item, "zone '" + c.zones.names()[*z] + "' is listed twice");
    else
      svc.zones.push_back(id);
  }
}

void read_capacity(yaml::Reporter& r, const MapReader& m, ServiceSpec& svc) {
  set_int(r, m, "replicas", 1, 10000, svc.replicas);
  svc.max_replicas = svc.replicas;
  if (const auto f = m.get("max_replicas")) {
    set_int(r, m, "max_replicas", 1, 10000, svc.max_replicas);
    if (svc.max_replicas < svc.replicas)
      r.error(*f, "max_replicas must be at least replicas (" + std::to_string(svc.replicas) +
                      "), got " + std::to_string(svc.max_replicas));
  }
  if (const auto f = m.get("concurrency"))
    if (const auto v = yaml::read_enum(r, *f, concurrency_names)) svc.concurrency = *v;
  set_int(r, m, "workers", 1, 100000, svc.workers);
  svc.queue = 100;
  if (const auto f = m.get("queue")) {
    const std::string text = f->node().IsScalar() ? f->node().Scalar() : std::string();
    if (text == "unbounded")
      svc.queue.reset();
    else if (!text.empty() && text.find_first_not_of("-0123456789") != std::string::npos)
      r.error(*f, "expected a whole number or 'unbounded', got '" + text + "'");
    else if (const auto v = yaml::read_int(r, *f, 0, int_max))
      svc.queue = static_cast<int>(*v);
  }
  if (const auto f = m.get("max_in_flight")) {
    if (svc.concurrency != ConcurrencyModel::Async)
      m.error_at_key("max_in_flight", "max_in_flight is only allowed with concurrency: async");
    else if (const auto v = yaml::read_int(r, *f, 1, int_max))
      svc.max_in_flight = static_cast<int>(*v);
  }
}

void read_health_check(yaml::Reporter& r, const Field& f, HealthCheck& hc) {
  const MapReader m(r, f, keys::health_check);
  if (!m.ok()) return;
  if (const auto g = m.get("interval"))
    if (const auto d = yaml::read_duration_at_least(r, *g, limits::check_interval))
      hc.interval = *d;
  if (const auto g = m.get("unhealthy_threshold"))
    if (const auto v = yaml::read_int(r, *g, 1, 100)) hc.unhealthy_threshold = static_cast<int>(*v);
  if (const auto g = m.get("healthy_threshold"))
    if (const auto v = yaml::read_int(r, *g, 1, 100)) hc.healthy_threshold = static_cast<int>(*v);
}

void read_service(LoadContext& c, const Field& item, std::size_t index, NameTable& seen) {
  const MapReader m(c.r, item, keys::service);
  if (!m.ok()) return;
  ServiceSpec& svc = c.s.services[index];
  if (const auto f = m.required("name")) {
    if (auto name = read_name(c.r, *f)) {
      seen.add(c.r, *f, *name, "service");
      svc.name = std::move(*name);
    }
  }
  read_capacity(c.r, m, svc);
  read_zone_list(c, m, svc);
  if (const auto f = m.get("service_time"))
    if (const auto d = read_service_time(c.r, *f)) svc.service_time = *d;
  if (const auto f = m.get("load_balancing"))
    if (const auto v = yaml::read_enum(c.r, *f, load_balancing_names)) svc.load_balancing = *v;
  if (const auto f = m.get("fan_out"))
    if (const auto v = yaml::read_enum(c.r, *f, fan_out_names)) svc.fan_out = *v;
  if (const auto f = m.get("health_check")) read_health_check(c.r, *f, svc.health_check);
  if (const auto f = m.get("calls")) {
    double share_sum = 0;
    if (const auto calls = yaml::read_list(c.r, *f)) {
      if (calls->size() > max_calls_per_service)
        c.r.error((*calls)[max_calls_per_service],
                  "at most " + std::to_string(max_calls_per_service) + " calls per service, got " +
                      std::to_string(calls->size()));
      for (const Field& call : *calls) read_call(c, call, index, share_sum);
    }
  }
}

// Depth-first search; a call to a service on the current path closes a cycle.
void visit(LoadContext& c, std::size_t u, std::vector<int>& state, std::vector<std::size_t>& path) {
  state[u] = 1;
  path.push_back(u);
  const auto& calls = c.s.services[u].calls;
  for (std::size_t k = 0; k < calls.size(); ++k) {
    const std::size_t v = calls[k].to.index();
    if (state[v] == 0) {
      visit(c, v, state, path);
    } else if (state[v] == 1) {
      std::string cycle;
      const auto from = std::find(path.begin(), path.end(), v);
      for (auto it = from; it != path.end(); ++it) cycle += c.s.services[*it].name + " -> ";
      cycle += c.s.services[v].name;
      const CallSite& site = c.call_sites[u][k];
      c.r.error(site.mark, site.path, "calls form a cycle: " + cycle);
    }
  }
  path.pop_back();
  state[u] = 2;
}

}  // namespace

void collect_service_names(LoadContext& c, const Field& services) {
  if (!services.node().IsSequence()) {
    c.services.set_unreadable();
    return;
  }
  for (const auto& item : services.node()) {
    auto name = yaml::peek_scalar(item, "name");
    c.services.add_unchecked(name.value_or(""), item.Mark());
  }
}

void read_services(LoadContext& c, const Field& services) {
  const auto items = yaml::read_list(c.r, services);
  if (!items) return;
  if (items->empty()) c.r.error(services, "expected at least one service");
  if (items->size() > limits::services) {
    c.r.error(services, "at most " + std::to_string(limits::services) + " services, got " +
                            std::to_string(items->size()));
    c.services.set_unreadable();
    return;
  }
  c.s.services.resize(items->size());
  c.call_sites.resize(items->size());
  NameTable seen;
  std::int64_t instances = 0;
  for (std::size_t i = 0; i < items->size(); ++i) {
    read_service(c, (*items)[i], i, seen);
    const bool was_within = instances <= limits::instances;
    instances += c.s.services[i].max_replicas;
    if (was_within && instances > limits::instances)
      c.r.error((*items)[i], "the services' instances (max_replicas, or replicas) add up to " +
                                 std::to_string(instances) + " here, more than the limit of " +
                                 std::to_string(limits::instances));
  }
}

void check_call_graph(LoadContext& c) {
  std::vector<int> state(c.s.services.size(), 0);  // 0 unvisited, 1 on the path, 2 done
  std::vector<std::size_t> path;
  for (std::size_t u = 0; u < c.s.services.size(); ++u)
    if (state[u] == 0) visit(c, u, state, path);
}

}  // namespace gameday::sim::detail

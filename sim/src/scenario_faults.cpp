// Reading `faults`: each fault's kind decides which parameters and which target shapes it
// accepts, so the kind is peeked first and the matching key sets from scenario_keys.hpp check
// the rest (an unknown kind falls back to the union, so other keys are still checked).
// A target is a service name, or a mapping naming instances, an edge, a zone, two zones or a
// traffic source.
#include <algorithm>

#include "gameday/sim/command.hpp"
#include "scenario_keys.hpp"
#include "scenario_parse.hpp"

namespace gameday::sim::detail {
namespace {

using yaml::Field;
using yaml::KeySet;
using yaml::MapReader;
using Kind = FaultKind;
using TargetKind = FaultTarget::Kind;

KeySet fault_keys(std::optional<Kind> kind) {
  if (!kind) return keys::fault_any;
  switch (*kind) {
    case Kind::Crash: return keys::fault_crash;
    case Kind::CrashLoop: return keys::fault_crash_loop;
    case Kind::MemoryLeak: return keys::fault_memory_leak;
    case Kind::Hang: return keys::fault_hang;
    case Kind::Latency: return keys::fault_latency;
    case Kind::Errors: return keys::fault_errors;
    case Kind::CapacityLoss: return keys::fault_capacity_loss;
    case Kind::PacketLoss: return keys::fault_packet_loss;
    case Kind::Partition: return keys::fault_partition;
    case Kind::ZoneOutage: return keys::fault_zone_outage;
    case Kind::TrafficSurge: return keys::fault_traffic_surge;
    case Kind::ThunderingHerd: return keys::fault_thundering_herd;
    case Kind::DiskFull: return keys::fault_disk_full;
    case Kind::BadDeploy: return keys::fault_bad_deploy;
    case Kind::ConfigPush: return keys::fault_config_push;
    case Kind::DnsFailure:
    case Kind::CertificateExpiry: return keys::fault_connection;
    case Kind::Failover: return keys::fault_failover;
    case Kind::CacheLoss: return keys::fault_cache_loss;
  }
  return keys::fault_any;
}

// The target keys a kind accepts when its target is written as a mapping.
KeySet target_keys(Kind kind) {
  switch (kind) {
    case Kind::Crash:
    case Kind::CrashLoop:
    case Kind::MemoryLeak:
    case Kind::Hang: return keys::target_instances;
    case Kind::Latency:
    case Kind::Errors: return keys::target_service_or_edge;
    case Kind::CapacityLoss: return keys::target_instances;
    case Kind::PacketLoss: return keys::target_edge;
    case Kind::Partition: return keys::target_partition;
    case Kind::ZoneOutage: return keys::target_zone;
    case Kind::TrafficSurge:
    case Kind::ThunderingHerd: return keys::target_source;
    case Kind::DiskFull:
    case Kind::BadDeploy:
    case Kind::ConfigPush:
    case Kind::DnsFailure:
    case Kind::CertificateExpiry:
    case Kind::Failover: return keys::target_service;
    case Kind::CacheLoss: return keys::target_edge;
  }
  return keys::target_service;
}

std::optional<Kind> peek_kind(const YAML::Node& map) {
  const auto text = yaml::peek_scalar(map, "kind");
  for (const auto& k : fault_kind_names)
    if (text == k.name) return k.value;
  return std::nullopt;
}

void read_service_ref(LoadContext& c, const Field& f, ServiceId& out) {
  if (const auto i = read_reference(c.r, f, "service", c.services)) out = ServiceId::from_index(*i);
}

void read_zone_ref(LoadContext& c, const Field& f, ZoneId& out) {
  if (const auto i = read_reference(c.r, f, "zone", c.zones)) out = ZoneId::from_index(*i);
}

// `instances: 2` (the first two) or `instances: 50%` (that share, rounded up).
void read_instance_count(LoadContext& c, const Field& f, FaultTarget& t) {
  const std::string text = f.node().IsScalar() ? f.node().Scalar() : "";
  if (!text.empty() && text.back() == '%') {
    if (const auto v = yaml::read_ratio(c.r, f)) t.share = *v;
  } else if (const auto v = yaml::read_int(c.r, f, 1, 10000)) {
    t.count = static_cast<int>(*v);
  }
}

// A target key the kind does not take is reported by the MapReader and ends the reading: a shape
// the kind does not accept gets one error per unknown key, and only keys of the kind's key set
// are read (MapReader::get asserts that).
void read_target_map(LoadContext& c, const Field& f, Kind kind, FaultTarget& t) {
  const std::size_t errors_before = c.r.error_count();
  const MapReader m(c.r, f, target_keys(kind));
  if (!m.ok() || c.r.error_count() > errors_before) return;
  if (kind == Kind::ZoneOutage) {
    t.kind = TargetKind::Zone;
    if (const auto g = m.required("zone")) read_zone_ref(c, *g, t.zone);
  } else if (kind == Kind::TrafficSurge || kind == Kind::ThunderingHerd) {
    t.kind = TargetKind::Source;
    if (const auto g = m.required("source"))
      if (const auto i = read_reference(c.r, *g, "traffic source", c.sources))
        t.source = SourceId::from_index(*i);
  } else if (m.has("zones")) {
    t.kind = TargetKind::ZonePair;
    const auto g = m.get("zones");
    const auto items = yaml::read_list(c.r, *g);
    if (items && items->size() != 2) c.r.error(*g, "a partition separates exactly two zones");
    if (items && items->size() == 2) {
      read_zone_ref(c, (*items)[0], t.zone);
      read_zone_ref(c, (*items)[1], t.other_zone);
    }
    if (m.has("from") || m.has("to")) m.error_at_key("zones", "use either zones or from/to");
  } else if (m.has("from") || m.has("to") || kind == Kind::PacketLoss || kind == Kind::Partition ||
             kind == Kind::CacheLoss) {
    t.kind = TargetKind::Edge;
    if (const auto g = m.required("from")) read_service_ref(c, *g, t.service);
    if (const auto g = m.required("to")) read_service_ref(c, *g, t.to);
    if (m.has("service")) m.error_at_key("service", "use either service or from/to");
  } else {
    t.kind = TargetKind::Service;
    if (const auto g = m.required("service")) read_service_ref(c, *g, t.service);
    if (m.has("instances"))  // only kinds that take instances get this far with the key
      read_instance_count(c, *m.get("instances"), t);
  }
}

void read_target(LoadContext& c, const Field& f, Kind kind, FaultTarget& t) {
  if (f.node().IsScalar()) {
    const bool takes_service =
        kind != Kind::PacketLoss && kind != Kind::Partition && kind != Kind::CacheLoss;
    if (kind == Kind::ZoneOutage) {
      t.kind = TargetKind::Zone;
      read_zone_ref(c, f, t.zone);
    } else if (kind == Kind::TrafficSurge || kind == Kind::ThunderingHerd) {
      t.kind = TargetKind::Source;
      if (const auto i = read_reference(c.r, f, "traffic source", c.sources))
        t.source = SourceId::from_index(*i);
    } else if (takes_service) {
      t.kind = TargetKind::Service;
      read_service_ref(c, f, t.service);
    } else {
      c.r.error(f, "this kind of fault targets a dependency edge: write {from: A, to: B}");
    }
    return;
  }
  read_target_map(c, f, kind, t);
}

void read_cold_start(LoadContext& c, const Field& f, FaultSpec& spec) {
  const MapReader m(c.r, f, keys::cold_start);
  if (!m.ok()) return;
  if (const auto g = m.get("for"))
    if (const auto d = yaml::read_duration(c.r, *g)) spec.cold_for = *d;
  if (const auto g = m.get("factor"))
    if (const auto v = yaml::read_factor(c.r, *g)) {
      if (*v < 1) c.r.error(*g, "a cold start factor must be at least 1x");
      spec.cold_factor = *v;
    }
}

// `growth: 10%/min` (or a plain factor per minute, 0.1): how fast a leak slows an instance.
void read_growth(LoadContext& c, const Field& f, FaultSpec& spec) {
  std::string text = f.node().IsScalar() ? f.node().Scalar() : "";
  const std::string suffix = "/min";
  if (text.size() > suffix.size() &&
      text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
    text.resize(text.size() - suffix.size());
    const YAML::Node stripped(text);
    const Field g(stripped, f.path(), f.key(), f.mark());
    if (const auto v = yaml::read_ratio(c.r, g)) spec.growth_per_minute = *v;
    return;
  }
  c.r.error(f, "expected a growth like 10%/min, got " + yaml::describe(f.node()));
}

void read_random(LoadContext& c, const Field& f, FaultSpec& spec) {
  const MapReader m(c.r, f, keys::random_failures);
  if (!m.ok()) return;
  if (const auto g = m.required("mtbf"))
    if (const auto d = yaml::read_positive_duration(c.r, *g)) spec.mtbf = *d;
  if (const auto g = m.get("repair"))
    if (const auto d = yaml::read_positive_duration(c.r, *g)) spec.repair = *d;
}

// Reads only the parameters the fault's kind accepts; the MapReader already reported any other.
void read_parameters(LoadContext& c, const MapReader& m, FaultSpec& spec) {
  const KeySet allowed = fault_keys(spec.kind);
  const auto get = [&](std::string_view key) -> std::optional<Field> {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) return std::nullopt;
    return m.get(key);
  };
  if (spec.kind == Kind::DiskFull) spec.share = 0.3;  // the share of requests that write
  if (spec.kind == Kind::BadDeploy || spec.kind == Kind::ConfigPush) {
    spec.share = 0;  // a new version's effects are only what the scenario says
    if (!m.has("share") && !m.has("add") && !m.has("factor"))
      m.error_at_map("a " + std::string(fault_kind_name(spec.kind)) +
                     " needs an effect: share (errors), add (latency) or factor (CPU)");
  }
  if (const auto f = get("for"))
    if (const auto d = yaml::read_positive_duration(c.r, *f)) spec.length = *d;
  if (const auto f = get("ramp"))
    if (const auto d = yaml::read_duration(c.r, *f)) spec.ramp = *d;
  if (spec.kind == Kind::Latency)
    if (const auto f = m.required("add"))
      if (const auto d = yaml::read_positive_duration(c.r, *f)) spec.add = *d;
  if (const auto f = get("share"))
    if (const auto v = yaml::read_ratio(c.r, *f)) spec.share = *v;
  if (const auto f = get("after"))
    if (const auto d = yaml::read_duration(c.r, *f)) spec.after = *d;
  if (spec.kind == Kind::CapacityLoss || spec.kind == Kind::TrafficSurge)
    if (const auto f = m.required("factor"))
      if (const auto v = yaml::read_factor_at_most(c.r, *f, limits::rate_factor)) {
        if (spec.kind == Kind::CapacityLoss && *v < 1)
          c.r.error(*f, "capacity loss multiplies service time: the factor must be at least 1x");
        spec.factor = *v;
      }
  if (const auto f = get("restart_after"))
    if (const auto d = yaml::read_duration(c.r, *f)) spec.restart_after = *d;
  if (const auto f = get("cold_start")) read_cold_start(c, *f, spec);
  if (const auto f = get("uptime"))
    if (const auto d = yaml::read_positive_duration(c.r, *f)) spec.uptime = *d;
  if (const auto f = get("growth")) read_growth(c, *f, spec);
  if (const auto f = get("oom_at"))
    if (const auto v = yaml::read_factor(c.r, *f)) {
      if (*v <= 1) c.r.error(*f, "oom_at must be more than 1x");
      spec.oom_factor = *v;
    }
  if (const auto f = get("random")) read_random(c, *f, spec);
  if ((spec.kind == Kind::BadDeploy || spec.kind == Kind::ConfigPush) && m.has("factor"))
    if (const auto f = m.get("factor"))
      if (const auto v = yaml::read_factor(c.r, *f)) spec.factor = *v;
  if ((spec.kind == Kind::BadDeploy || spec.kind == Kind::ConfigPush) && m.has("add"))
    if (const auto f = m.get("add"))
      if (const auto d = yaml::read_duration(c.r, *f)) spec.add = *d;
  if (spec.kind == Kind::Failover && !m.has("for"))
    m.error_at_map("missing required key 'for' (how long the failover takes)");
  if (spec.kind == Kind::Failover && !m.has("cold_start")) spec.cold_for = Duration{};
  if (const auto f = get("rollout"))
    if (const auto d = yaml::read_positive_duration(c.r, *f)) spec.rollout = *d;
  if (const auto f = get("warm_for"))
    if (const auto d = yaml::read_duration(c.r, *f)) spec.warm_for = *d;
  if (const auto f = get("requests"))
    if (const auto v = yaml::read_int(c.r, *f, 1, limits::herd_requests))
      spec.requests = static_cast<std::uint64_t>(*v);
  if (const auto f = get("spread"))
    if (const auto d = yaml::read_duration(c.r, *f)) spec.spread = *d;
}

// `until: {fault: NAME}` names a fault that may be listed later: resolved after all are read.
// `until: {action: COMMAND}` is a responder action, checked by the command parser.
struct PendingUntil {
  std::size_t fault;
  Field value;
  bool action = false;
};

void read_fault(LoadContext& c, const Field& item, std::vector<PendingUntil>& pending) {
  FaultSpec& spec = c.s.faults.emplace_back();
  const std::optional<Kind> kind = item.node().IsMap() ? peek_kind(item.node()) : std::nullopt;
  const MapReader m(c.r, item, fault_keys(kind));
  if (!m.ok()) {
    c.faults.add_unchecked("", item.mark());
    return;
  }
  if (const auto f = m.required("name")) {
    if (auto name = read_name(c.r, *f)) spec.name = std::move(*name);
    c.faults.add(c.r, *f, spec.name, "fault");
  } else {
    c.faults.add_unchecked("", m.mark());
  }
  if (const auto f = m.required("kind"))
    if (const auto k = yaml::read_enum(c.r, *f, fault_kind_names)) spec.kind = *k;
  if (!kind) return;  // the kind was reported; its parameters cannot be checked
  if (const auto f = m.required("target")) read_target(c, *f, spec.kind, spec.target);
  // Random failures have no start of their own.
  if (const auto f = m.has("random") ? m.get("at") : m.required("at"))
    if (const auto d = yaml::read_duration(c.r, *f)) spec.at = *d;
  read_parameters(c, m, spec);
  const KeySet allowed = fault_keys(spec.kind);
  if (std::find(allowed.begin(), allowed.end(), "until") != allowed.end())
    if (const auto f = m.get("until")) {
      const MapReader u(c.r, *f, keys::fault_until);
      if (!u.ok()) return;
      const auto by_fault = u.get("fault"), by_action = u.get("action");
      if (by_fault.has_value() == by_action.has_value())
        c.r.error(*f,
                  "expected exactly one of 'fault' (a fault's name) and 'action' (a responder "
                  "command such as 'failover orders-db')");
      else if (by_fault)
        pending.push_back({c.s.faults.size() - 1, *by_fault});
      else
        pending.push_back({c.s.faults.size() - 1, *by_action, true});
    }
}

}  // namespace

void read_faults(LoadContext& c, const Field& faults) {
  const auto items = yaml::read_list(c.r, faults);
  if (!items) {
    c.faults.set_unreadable();
    return;
  }
  std::vector<PendingUntil> pending;
  for (const Field& item : *items) read_fault(c, item, pending);
  for (const PendingUntil& p : pending) {
    if (p.action) {
      const auto text = yaml::read_string(c.r, p.value);
      if (!text) continue;
      const ParsedCommand parsed = parse_command(c.s, *text);
      if (!parsed.command)
        c.r.error(p.value, parsed.error);
      else if (verb_class(parsed.command->verb) != VerbClass::Action)
        c.r.error(p.value, "'" + *text +
                               "' is not an action; a fault can last until an action "
                               "such as restart, rollback, failover or drain");
      else
        c.s.faults[p.fault].until_action = parsed.command->canonical(c.s);
      continue;
    }
    const auto i = read_reference(c.r, p.value, "fault", c.faults);
    if (!i) continue;
    if (*i == p.fault)
      c.r.error(p.value, "a fault cannot last until it ends itself");
    else
      c.s.faults[p.fault].until_fault = FaultId::from_index(*i);
  }
}

}  // namespace gameday::sim::detail

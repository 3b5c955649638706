// Reading `traffic` (sources and their profiles) and `slos`.
//
// A profile's valid keys depend on its `shape`, so the shape is peeked first and the matching
// key set from scenario_keys.hpp checks the rest; a missing or unknown shape falls back to the
// union of all shapes' keys. Every traffic and SLO item yields one element and one name, so
// journeys resolve to source ids by position (see scenario_parse.hpp).
#include <cstdio>

#include "gameday/core/units.hpp"
#include "scenario_keys.hpp"
#include "scenario_parse.hpp"

namespace gameday::sim::detail {
namespace {

using yaml::Field;
using yaml::KeySet;
using yaml::MapReader;
using Shape = TrafficProfile::Shape;

KeySet profile_keys(const std::optional<std::string>& shape) {
  if (shape == "constant") return keys::profile_constant;
  if (shape == "diurnal") return keys::profile_diurnal;
  if (shape == "step") return keys::profile_step;
  if (shape == "spike") return keys::profile_spike;
  if (shape == "ramp") return keys::profile_ramp;
  return keys::profile_any;
}

void set_factor(yaml::Reporter& r, const std::optional<Field>& f, double& out) {
  if (f)
    if (const auto v = yaml::read_factor_at_most(r, *f, limits::rate_factor)) out = *v;
}

void set_duration(yaml::Reporter& r, const std::optional<Field>& f, Duration& out) {
  if (f)
    if (const auto v = yaml::read_duration(r, *f)) out = *v;
}

void read_shape_keys(yaml::Reporter& r, const MapReader& m, TrafficProfile& p) {
  switch (p.shape) {
    case Shape::Constant: break;
    case Shape::Diurnal:
      p.factor = 2;
      p.peak_at = hours(12);
      set_factor(r, m.get("peak"), p.factor);
      set_factor(r, m.get("trough"), p.trough);
      if (const auto f = m.get("peak_at"))
        if (const auto t = yaml::read_time_of_day(r, *f)) p.peak_at = *t;
      break;
    case Shape::Step:
      set_duration(r, m.required("at"), p.at);
      set_factor(r, m.required("factor"), p.factor);
      break;
    case Shape::Spike:
      set_duration(r, m.required("at"), p.at);
      if (const auto f = m.required("for"))
        if (const auto d = yaml::read_positive_duration(r, *f)) p.length = *d;
      set_factor(r, m.required("factor"), p.factor);
      break;
    case Shape::Ramp: {
      set_duration(r, m.get("from"), p.at);
      const auto to = m.required("to");
      set_duration(r, to, p.until);
      if (to && p.until <= p.at)
        r.error(*to, "to must be after from (" + format_duration(p.at) + ")");
      set_factor(r, m.required("factor"), p.factor);
      break;
    }
  }
}

TrafficProfile read_profile(yaml::Reporter& r, const Field& f) {
  TrafficProfile p;
  if (f.node().IsScalar()) {
    if (f.node().Scalar() != "constant")
      r.error(f, "unknown value '" + f.node().Scalar() +
                     "' for profile; expected constant or a mapping with a shape (diurnal, "
                     "step, spike, ramp)");
    return p;
  }
  const MapReader m(r, f, profile_keys(yaml::peek_scalar(f.node(), "shape")));
  if (!m.ok()) return p;
  const auto shape_field = m.required("shape");
  if (!shape_field) return p;
  const auto shape = yaml::read_enum(r, *shape_field, shape_names);
  if (!shape) return p;
  p.shape = *shape;
  read_shape_keys(r, m, p);
  return p;
}

void read_source(LoadContext& c, const Field& item) {
  TrafficSource& src = c.s.traffic.emplace_back();
  const MapReader m(c.r, item, keys::traffic);
  std::optional<std::size_t> to;
  if (const auto f = m.required("to")) to = read_reference(c.r, *f, "service", c.services);
  if (to) src.to = ServiceId::from_index(*to);
  c.rate_sites.push_back({m.mark(), item.path()});
  if (const auto f = m.required("rate")) {
    c.rate_sites.back() = {f->mark(), f->path()};
    const auto rate = yaml::read_rate(c.r, *f);
    if (rate && *rate <= 0) c.r.error(*f, "rate must be more than 0, got " + f->node().Scalar());
    if (rate) src.rate_per_second = *rate;
  }
  if (const auto f = m.get("profile")) src.profile = read_profile(c.r, *f);
  if (const auto f = m.get("requests")) {
    if (const auto n = yaml::read_int(c.r, *f, 1, std::int64_t{1} << 53))
      src.max_requests = static_cast<std::uint64_t>(*n);
  }

  // The name defaults to the target service's, and must be unique either way.
  if (const auto f = m.get("name")) {
    if (auto name = read_name(c.r, *f)) src.name = std::move(*name);
    c.sources.add(c.r, *f, src.name, "traffic source");
  } else if (to) {
    src.name = c.services.names()[*to];
    const Field at(item.node(), item.path(), item.key(), m.mark());
    c.sources.add(c.r, at, src.name, "traffic source");
  } else {
    c.sources.add_unchecked("", m.mark());
  }
}

void read_slo(LoadContext& c, const Field& item) {
  SloSpec& slo = c.s.slos.emplace_back();
  const MapReader m(c.r, item, keys::slo);
  if (const auto f = m.required("name")) {
    if (auto name = read_name(c.r, *f)) slo.name = std::move(*name);
    c.slos.add(c.r, *f, slo.name, "SLO");
  } else {
    c.slos.add_unchecked("", m.mark());
  }
  read_slo_target(c, m, slo);
  if (const auto f = m.get("sli"))
    if (const auto k = yaml::read_enum(c.r, *f, sli_names)) slo.kind = *k;
  if (slo.kind == SloSpec::Kind::Latency) {
    if (const auto f = m.required("threshold"))
      if (const auto d = yaml::read_positive_duration(c.r, *f)) slo.latency_threshold = *d;
  } else if (m.has("threshold")) {
    m.error_at_key("threshold", "threshold is only allowed with sli: latency");
  }
  if (const auto f = m.required("objective")) {
    const auto v = yaml::read_ratio(c.r, *f);
    if (v && (*v <= 0 || *v >= 1))
      c.r.error(*f, "objective must be more than 0 and less than 100%, got " + f->node().Scalar());
    else if (v)
      slo.objective = *v;
  }
  if (const auto f = m.get("window"))
    if (const auto d = yaml::read_positive_duration(c.r, *f)) slo.window = *d;
}

}  // namespace

void read_slo_target(LoadContext& c, const MapReader& m, SloSpec& slo) {
  const auto service = m.get("service");
  const auto journey = m.get("journey");
  if (service && journey) {
    m.error_at_key("journey", "service and journey are exclusive; use one");
  } else if (!service && !journey) {
    m.error_at_map("missing required key 'service' or 'journey'");
  }
  if (service)
    if (const auto i = read_reference(c.r, *service, "service", c.services))
      slo.service = ServiceId::from_index(*i);
  if (journey) {
    if (const auto i = read_reference(c.r, *journey, "traffic source", c.sources)) {
      slo.journey = SourceId::from_index(*i);
      if (!service) slo.service = c.s.traffic[*i].to;  // a journey is measured at its entry
    }
  }
}

void read_traffic(LoadContext& c, const Field& traffic) {
  const auto items = yaml::read_list(c.r, traffic);
  if (!items) return;
  if (items->empty()) c.r.error(traffic, "expected at least one traffic source");
  for (const Field& item : *items) read_source(c, item);
}

void check_arrival_rates(LoadContext& c) {
  const auto per_second = [](double rate) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.0f/s", rate);
    return std::string(buf);
  };
  double total = 0;
  for (std::size_t i = 0; i < c.s.traffic.size() && i < c.rate_sites.size(); ++i) {
    const double peak = peak_arrival_rate(c.s, SourceId::from_index(i));
    total += peak;
    if (total <= limits::arrival_rate) continue;
    const CallSite& site = c.rate_sites[i];
    const std::string what =
        peak > limits::arrival_rate
            ? "this source's peak arrival rate is " + per_second(peak)
            : "the sources' peak arrival rates add up to " + per_second(total) + " here";
    c.r.error(site.mark, site.path,
              what +
                  " (rate x the profile's peak x its traffic_surge factors), more than the limit "
                  "of " +
                  per_second(limits::arrival_rate));
    return;
  }
}

void read_slos(LoadContext& c, const Field& slos) {
  const auto items = yaml::read_list(c.r, slos);
  if (!items) return;
  for (const Field& item : *items) {
    if (item.node().IsMap() && item.node()["import"])
      read_slo_import(c, item);
    else
      read_slo(c, item);
  }
}

}  // namespace gameday::sim::detail

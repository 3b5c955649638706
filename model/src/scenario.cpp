// Name lookups on the scenario model, through an index built once (scenarios may have tens of
// thousands of services), and the peak arrival rate shared by the loader and the engine.
#include "gameday/model/scenario.hpp"

#include <algorithm>
#include <cmath>

#include "gameday/core/assert.hpp"
#include "gameday/model/names.hpp"

namespace gameday::model {
namespace {

template <class IdType>
std::optional<IdType> find_in(const NameIndex& index, std::size_t indexed, std::size_t size,
                              std::string_view n) {
  GAMEDAY_ASSERT_MSG(indexed == size, "Scenario::index_names() was not called after a change");
  const auto i = index.find(n);
  if (!i) return std::nullopt;
  return IdType::from_index(*i);
}

}  // namespace

void Scenario::index_names() {
  index_ = {};
  for (std::size_t i = 0; i < services.size(); ++i)
    index_.services.add(services[i].name, static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < zones.size(); ++i)
    index_.zones.add(zones[i], static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < traffic.size(); ++i)
    index_.sources.add(traffic[i].name, static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < slos.size(); ++i)
    index_.slos.add(slos[i].name, static_cast<std::uint32_t>(i));
  index_.sizes[0] = services.size();
  index_.sizes[1] = zones.size();
  index_.sizes[2] = traffic.size();
  index_.sizes[3] = slos.size();
}

std::optional<ServiceId> Scenario::find_service(std::string_view n) const {
  return find_in<ServiceId>(index_.services, index_.sizes[0], services.size(), n);
}

std::optional<ZoneId> Scenario::find_zone(std::string_view n) const {
  return find_in<ZoneId>(index_.zones, index_.sizes[1], zones.size(), n);
}

std::optional<SourceId> Scenario::find_source(std::string_view n) const {
  return find_in<SourceId>(index_.sources, index_.sizes[2], traffic.size(), n);
}

std::optional<SloId> Scenario::find_slo(std::string_view n) const {
  return find_in<SloId>(index_.slos, index_.sizes[3], slos.size(), n);
}

double allowed_error(const SloSpec& slo) {
  return std::round((1 - slo.objective) * 1e12) / 1e12;
}

double peak_arrival_rate(const Scenario& s, SourceId source) {
  const TrafficSource& src = s.traffic[source.index()];
  const TrafficProfile& p = src.profile;
  double peak = 1;
  switch (p.shape) {
    case TrafficProfile::Shape::Constant: break;
    case TrafficProfile::Shape::Diurnal: peak = std::max(p.factor, p.trough); break;
    default: peak = std::max(1.0, p.factor); break;
  }
  double rate = src.rate_per_second * peak;
  for (const FaultSpec& f : s.faults)
    if (f.kind == FaultKind::TrafficSurge && f.target.kind == FaultTarget::Kind::Source &&
        f.target.source == source)
      rate *= std::max(1.0, f.factor);  // in the order the engine always multiplied them
  return rate;
}

std::string_view fault_kind_name(FaultKind k) {
  return name_of(fault_kind_names, k);
}

}  // namespace gameday::model

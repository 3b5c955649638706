// Name lookups on the scenario model. Linear searches: scenarios have tens of entities and
// lookups happen at load time and at the console, never per event.
#include "gameday/model/scenario.hpp"

#include "gameday/model/names.hpp"

namespace gameday::model {
namespace {

template <class IdType, class Range, class NameOf>
std::optional<IdType> find_by_name(const Range& items, std::string_view n, NameOf name_of) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (name_of(items[i]) == n) return IdType::from_index(i);
  return std::nullopt;
}

}  // namespace

std::optional<ServiceId> Scenario::find_service(std::string_view n) const {
  return find_by_name<ServiceId>(services, n, [](const ServiceSpec& s) { return s.name; });
}

std::optional<ZoneId> Scenario::find_zone(std::string_view n) const {
  return find_by_name<ZoneId>(zones, n, [](const std::string& z) { return z; });
}

std::optional<SourceId> Scenario::find_source(std::string_view n) const {
  return find_by_name<SourceId>(traffic, n, [](const TrafficSource& t) { return t.name; });
}

std::optional<SloId> Scenario::find_slo(std::string_view n) const {
  return find_by_name<SloId>(slos, n, [](const SloSpec& s) { return s.name; });
}

std::string_view fault_kind_name(FaultKind k) {
  return name_of(fault_kind_names, k);
}

}  // namespace gameday::model

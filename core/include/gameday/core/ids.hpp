// Strong ids: dense indices into the vectors that hold each kind of entity.
//
// `ServiceId{1} == InstanceId{1}` does not compile; names live at the boundary (the scenario
// loader interns them once, the record carries a name table in its header).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace gameday {

template <class Tag>
class Id {
 public:
  using Value = std::uint32_t;
  static constexpr Value invalid_value = std::numeric_limits<Value>::max();

  constexpr Id() = default;
  constexpr explicit Id(Value v) : value_(v) {}
  static constexpr Id from_index(std::size_t i) { return Id{static_cast<Value>(i)}; }

  constexpr Value value() const { return value_; }
  constexpr std::size_t index() const { return value_; }
  constexpr bool is_valid() const { return value_ != invalid_value; }
  constexpr auto operator<=>(const Id&) const = default;

 private:
  Value value_ = invalid_value;
};

using ServiceId = Id<struct ServiceTag>;
using InstanceId = Id<struct InstanceTag>;
using ZoneId = Id<struct ZoneTag>;
using SourceId = Id<struct SourceTag>;
using DependencyId = Id<struct DependencyTag>;
using SloId = Id<struct SloTag>;
using FaultId = Id<struct FaultTag>;
using AlertId = Id<struct AlertTag>;
using ProbeId = Id<struct ProbeTag>;

}  // namespace gameday

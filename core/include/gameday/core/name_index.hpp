// Names to their positions in a list, built once, for lookups in constant time: a scenario may
// name tens of thousands of services, and a linear search per reference made loading
// quadratic. Lookups only: the index is never iterated, so its hash order cannot leak into
// anything that is written or scheduled.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gameday {

class NameIndex {
 public:
  // Keeps the first position of a name given twice; empty names are not indexed.
  void add(std::string_view name, std::uint32_t position) {
    if (!name.empty()) map_.try_emplace(std::string(name), position);
  }
  std::optional<std::uint32_t> find(std::string_view name) const {
    const auto it = map_.find(name);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void clear() { map_.clear(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> map_;
};

}  // namespace gameday

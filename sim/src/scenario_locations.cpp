// Recording where each key of a scenario was written, and looking locations up by path.
//
// Paths are built exactly as the loader's diagnostics name keys ("faults[2].target"), so a
// later pass can say `faults[2].target` in its message and point at the same place.
#include "scenario_locations.hpp"

#include "yaml_reader.hpp"

namespace gameday::sim {
namespace detail {
namespace {

SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

void walk(const YAML::Node& node, const std::string& path, LoadedScenario& out) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) continue;
      const std::string key = path.empty() ? kv.first.Scalar() : path + "." + kv.first.Scalar();
      const YAML::Mark mark = kv.second.IsNull() ? kv.first.Mark() : kv.second.Mark();
      out.locations.try_emplace(key, location(out.file, mark));  // the first of duplicates
      walk(kv.second, key, out);
    }
  } else if (node.IsSequence()) {
    std::size_t i = 0;
    for (const auto& item : node) {
      const std::string key = path + "[" + std::to_string(i++) + "]";
      out.locations.try_emplace(key, location(out.file, item.Mark()));
      walk(item, key, out);
    }
  }
}

}  // namespace

void record_locations(const YAML::Node& root, LoadedScenario& out) {
  walk(root, "", out);
}

}  // namespace detail

SourceLocation LoadedScenario::where(std::string_view path) const {
  for (const auto& [prefix, location] : overridden)
    if (yaml::path_is_under(path, prefix)) return location;
  while (!path.empty()) {
    if (const auto it = locations.find(path); it != locations.end()) return it->second;
    const std::size_t cut = path.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    path = path.substr(0, cut);
  }
  return {file, 0, 0};
}

}  // namespace gameday::sim

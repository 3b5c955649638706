// Overrides: scenario values replaced by path in the parsed document, before the loader reads
// it, so an overridden value is checked exactly like one written in the file. Each override
// resolves to the path the loader's messages use ("services[2].calls[0].retries.max"); the
// reporter then points messages at or under that path to where the override was written.
#include "scenario_overrides.hpp"

#include <charconv>
#include <utility>

#include "gameday/core/suggest.hpp"

namespace gameday::sim {

std::optional<ScenarioOverride> parse_override(std::string_view text, std::string& error) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    error = "expected PATH=VALUE, e.g. faults[db-slow].at=5m";
    return std::nullopt;
  }
  if (eq == 0) {
    error = "the path before '=' is empty";
    return std::nullopt;
  }
  return ScenarioOverride{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)),
                          SourceLocation{"--set " + std::string(text), 0, 0}};
}

namespace detail {
namespace {

// One step of a path: a key, then any number of list selectors (`calls[payments][0]`).
struct Step {
  std::string key;
  std::vector<std::string> selectors;
};

std::optional<std::vector<Step>> split_path(std::string_view path, std::string& error) {
  std::vector<Step> steps;
  std::size_t i = 0;
  while (i <= path.size()) {
    Step step;
    while (i < path.size() && path[i] != '.' && path[i] != '[') step.key += path[i++];
    if (step.key.empty()) {
      error = "a key is missing at character " + std::to_string(i + 1);
      return std::nullopt;
    }
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) {
        error = "'[' at character " + std::to_string(i + 1) + " needs a name or index and ']'";
        return std::nullopt;
      }
      step.selectors.emplace_back(path.substr(i + 1, close - i - 1));
      i = close + 1;
    }
    steps.push_back(std::move(step));
    if (i == path.size()) break;
    if (path[i] != '.') {
      error = "expected '.' or '[' at character " + std::to_string(i + 1);
      return std::nullopt;
    }
    ++i;
  }
  return steps;
}

// The scalar text of `key` in a mapping, if it has one.
std::optional<std::string> scalar_at(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return std::nullopt;
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key && kv.second.IsScalar())
      return kv.second.Scalar();
  return std::nullopt;
}

// The position of the item `selector` names in a list: a number, or the item whose `name`
// (a call's `to`, a plain item's text) it is.
std::optional<std::size_t> find_item(const YAML::Node& list, const std::string& selector,
                                     const std::string& where, std::string& error) {
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(selector.data(), selector.data() + selector.size(), index);
  if (ec == std::errc{} && end == selector.data() + selector.size()) {
    if (index < list.size()) return index;
    error = where + " has " + std::to_string(list.size()) + " items; [" + selector +
            "] is past its end";
    return std::nullopt;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    auto name = item.IsScalar() ? std::optional(item.Scalar()) : scalar_at(item, "name");
    if (!name) name = scalar_at(item, "to");
    if (!name) continue;
    if (*name == selector) return i;
    names.push_back(std::move(*name));
  }
  error = "no item of " + where + " is named '" + selector + "'" + did_you_mean(selector, names);
  return std::nullopt;
}

}  // namespace

// Walks `o.path` through the document, adding missing keys on the way, and replaces the value
// there. Returns the loader's path of the value, or nullopt with the reason in `error`.
std::optional<std::string> apply_override(YAML::Node root, const ScenarioOverride& o,
                                          std::string& error) {
  const auto steps = split_path(o.path, error);
  if (!steps) return std::nullopt;
  YAML::Node value;
  try {
    value = YAML::Load(o.value);
  } catch (const YAML::Exception& e) {
    error = "'" + o.value + "' is not a YAML value: " + e.msg;
    return std::nullopt;
  }
  YAML::Node node = root;
  std::string path;
  for (std::size_t s = 0; s < steps->size(); ++s) {
    const Step& step = (*steps)[s];
    const std::string where = path.empty() ? "the scenario" : path;
    if (!node.IsMap() && !node.IsNull()) {
      error = where + " is not a mapping, so it has no '" + step.key + "'";
      return std::nullopt;
    }
    path += (path.empty() ? "" : ".") + step.key;
    const bool last = s + 1 == steps->size();
    const bool present = node.IsMap() && std::as_const(node)[step.key].IsDefined();
    if (!present && !step.selectors.empty()) {
      error = where + " has no '" + step.key + "' list";
      return std::nullopt;
    }
    if (!present) {
      // A key the file left out: added, with the value or an empty mapping to go on into.
      node[step.key] = last ? value : YAML::Node(YAML::NodeType::Map);
      if (last) return path;
    }
    YAML::Node next = node[step.key];
    for (const std::string& selector : step.selectors) {
      if (!next.IsSequence()) {
        error = path + " is not a list, so [" + selector + "] names nothing";
        return std::nullopt;
      }
      const auto index = find_item(next, selector, path, error);
      if (!index) return std::nullopt;
      path += "[" + std::to_string(*index) + "]";
      next.reset(next[*index]);
    }
    if (last) {
      next = value;  // replaces the value in the document (yaml-cpp assigns through the handle)
      return path;
    }
    node.reset(next);  // rebinds the handle; `=` would overwrite the node it holds
  }
  return path;
}

}  // namespace detail
}  // namespace gameday::sim

// Checked reading of YAML: the generic half of the scenario loader, private to sim/.
//
// Every read goes through a `Field` (a const node, the path that names it and the location to
// blame) and reports problems to a `Reporter` instead of throwing, so one pass finds every
// problem. A `MapReader` is built from the list of keys valid at its place (declared once per
// object in scenario_keys.hpp): it reports unknown keys with a "did you mean", duplicate keys
// (yaml-cpp 0.7 keeps both pairs) and missing required keys. Nodes are only ever used as
// `const YAML::Node`, because yaml-cpp's non-const operator[] inserts keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/core/suggest.hpp"
#include "gameday/core/time.hpp"
#include "gameday/model/names.hpp"

namespace gameday::sim::yaml {

using KeySet = std::span<const std::string_view>;

// A node with its path ("services[2].calls[0].timeout"), its key ("timeout", used in range
// messages) and the location to report: the value's own mark, or the key's when the value is
// empty (yaml-cpp marks an empty value at the next token, which misleads).
class Field {
 public:
  Field(const YAML::Node& node, std::string path, std::string key, YAML::Mark mark)
      : node_(node), path_(std::move(path)), key_(std::move(key)), mark_(mark) {}

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const std::string& key() const { return key_; }
  YAML::Mark mark() const { return mark_; }

 private:
  YAML::Node node_;  // only handed out as const
  std::string path_;
  std::string key_;
  YAML::Mark mark_;
};

class Reporter {
 public:
  Reporter(std::string file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  void error(YAML::Mark mark, std::string path, std::string message);
  void error(const Field& f, std::string message) { error(f.mark(), f.path(), std::move(message)); }
  // 1-based line of a mark, for "first defined at line N".
  static int line_of(YAML::Mark mark) { return mark.line + 1; }
  const std::string& file() const { return file_; }
  // A reporter for another file (one the scenario imports), into the same diagnostics.
  Reporter for_file(std::string file) const { return Reporter(std::move(file), diags_); }
  std::size_t error_count() const { return diags_.error_count(); }
  // Problems at or under one of these paths are reported at its location instead (values an
  // override put there).
  void redirect(std::vector<std::pair<std::string, SourceLocation>> paths) {
    redirected_ = std::move(paths);
  }

 private:
  std::string file_;
  Diagnostics& diags_;
  std::vector<std::pair<std::string, SourceLocation>> redirected_;
};

// True when `path` is `prefix` or names something inside it ("a.b[0]" is under "a.b").
bool path_is_under(std::string_view path, std::string_view prefix);

using gameday::did_you_mean;  // core/suggest.hpp: one rule for every suggestion

// "a mapping", "a list", "an empty value", "'text'": what a node is, for "got ..." messages.
std::string describe(const YAML::Node& node);

class MapReader {
 public:
  // Reports "expected a mapping" when `f` is not one; otherwise checks every key against
  // `keys` and reports unknown and duplicate keys at the key's node.
  MapReader(Reporter& r, const Field& f, KeySet keys);

  bool ok() const { return ok_; }
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // The value of `key` (first occurrence), or nullopt when absent.
  std::optional<Field> get(std::string_view key) const;
  // Like get(), but reports "missing required key" at the mapping when absent.
  std::optional<Field> required(std::string_view key) const;
  // For errors about a key itself (exclusive keys, keys not allowed in this combination).
  void error_at_key(std::string_view key, std::string message) const;
  void error_at_map(std::string message) const;
  const std::string& path() const { return path_; }
  YAML::Mark mark() const { return mark_; }

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  const Entry* find(std::string_view key) const;
  void check_keys(const YAML::Node& map);

  Reporter& r_;
  std::string path_;
  YAML::Mark mark_;
  KeySet keys_;
  std::vector<Entry> entries_;  // first occurrence of each key, in document order
  bool ok_ = false;
};

// The items of a list, with paths "key[i]"; reports "expected a list" otherwise.
std::optional<std::vector<Field>> read_list(Reporter& r, const Field& f);

// Scalar readers: each reports its own "expected ..., got ..." message and returns nullopt.
std::optional<std::string> read_string(Reporter& r, const Field& f);
// A whole number in [lo, hi]; "KEY must be between LO and HI, got V" when out of range.
std::optional<std::int64_t> read_int(Reporter& r, const Field& f, std::int64_t lo, std::int64_t hi);
std::optional<std::uint64_t> read_uint64(Reporter& r, const Field& f);
// A plain non-negative decimal number ("10", "2.5").
std::optional<double> read_number(Reporter& r, const Field& f);
std::optional<Duration> read_duration(Reporter& r, const Field& f);
std::optional<Duration> read_time_of_day(Reporter& r, const Field& f);
std::optional<double> read_rate(Reporter& r, const Field& f);
std::optional<double> read_ratio(Reporter& r, const Field& f);
std::optional<double> read_factor(Reporter& r, const Field& f);

// A duration that must be more than 0: "KEY must be more than 0" otherwise.
std::optional<Duration> read_positive_duration(Reporter& r, const Field& f);

// A duration of at least `min` ("KEY must be at least 100ms, got 1ms"), and a factor of at
// most `max` ("KEY must be at most 1000x, got 5000x"): the limits that bound a run's cost.
std::optional<Duration> read_duration_at_least(Reporter& r, const Field& f, Duration min);
std::optional<double> read_factor_at_most(Reporter& r, const Field& f, double max);

// The scalar text of `key` in `map` without reporting anything, to choose the key set of an
// object whose valid keys depend on one of its values (a traffic profile's `shape`).
std::optional<std::string> peek_scalar(const YAML::Node& map, std::string_view key);

// An enumeration spelled in YAML as one of `names`; the result is the index into `names`.
std::optional<std::size_t> read_choice(Reporter& r, const Field& f, KeySet names);

using model::EnumName;

// Reads one of the `table` names and returns its value. "unknown value 'robin' for
// load_balancing; expected one of round_robin, random, least_outstanding".
template <class E, std::size_t N>
std::optional<E> read_enum(Reporter& r, const Field& f, const EnumName<E> (&table)[N]) {
  std::string_view names[N];
  for (std::size_t i = 0; i < N; ++i) names[i] = table[i].name;
  const auto i = read_choice(r, f, names);
  if (!i) return std::nullopt;
  return table[*i].value;
}

}  // namespace gameday::sim::yaml

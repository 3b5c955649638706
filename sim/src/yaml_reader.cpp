// Checked YAML reading: key-set checks, suggestions and the scalar readers.
//
// Nothing here throws: yaml-cpp is only asked for types, scalars, marks and const iteration,
// none of which throw on a loaded document. Marks are 0-based in yaml-cpp and 1-based in
// diagnostics; the conversion happens in Reporter::error and nowhere else.
#include "yaml_reader.hpp"

#include <algorithm>
#include <charconv>

#include "gameday/core/assert.hpp"
#include "gameday/core/units.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::sim::yaml {
namespace {

// The text of a scalar node, or nullopt after reporting "expected WHAT, got ...".
std::optional<std::string> scalar_text(Reporter& r, const Field& f, std::string_view what) {
  if (f.node().IsScalar()) return f.node().Scalar();
  r.error(f, "expected " + std::string(what) + ", got " + describe(f.node()));
  return std::nullopt;
}

std::string join(KeySet names) {
  std::string out;
  for (const auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// Parses an optionally negative decimal integer; rejects signs, spaces and fractions.
std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty() || s.front() == '+') return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

bool path_is_under(std::string_view path, std::string_view prefix) {
  return path.starts_with(prefix) &&
         (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
}

void Reporter::error(YAML::Mark mark, std::string path, std::string message) {
  SourceLocation where{file_, 0, 0};
  if (!mark.is_null()) where = {file_, mark.line + 1, mark.column + 1};
  // A key an override added has no mark: a message about it names the mapping it is in.
  for (const auto& [prefix, location] : redirected_)
    if (path_is_under(path, prefix) || (mark.is_null() && path_is_under(prefix, path)))
      where = location;
  diags_.error(std::move(where), std::move(path), std::move(message));
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    default: return "an empty value";
  }
}

MapReader::MapReader(Reporter& r, const Field& f, KeySet keys)
    : r_(r), path_(f.path()), mark_(f.mark()), keys_(keys) {
  if (!f.node().IsMap()) {
    r_.error(f, "expected a mapping, got " + describe(f.node()));
    return;
  }
  ok_ = true;
  check_keys(f.node());
}

void MapReader::check_keys(const YAML::Node& map) {
  for (const auto& kv : map) {
    const YAML::Node key_node = kv.first;
    if (!key_node.IsScalar()) {
      r_.error(key_node.Mark(), path_, "expected a plain key, got " + describe(key_node));
      continue;
    }
    const std::string& key = key_node.Scalar();
    if (const Entry* first = find(key)) {
      r_.error(key_node.Mark(), path_,
               "duplicate key '" + key + "' (first defined at line " +
                   std::to_string(Reporter::line_of(first->key_node.Mark())) + ")");
      continue;
    }
    entries_.push_back({key, key_node, kv.second});
    if (std::find(keys_.begin(), keys_.end(), key) == keys_.end())
      r_.error(key_node.Mark(), path_, "unknown key '" + key + "'" + did_you_mean(key, keys_));
  }
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

std::optional<Field> MapReader::get(std::string_view key) const {
  GAMEDAY_ASSERT_MSG(std::find(keys_.begin(), keys_.end(), key) != keys_.end(),
                     "read a key that is not in the object's key set");
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  const std::string path = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  const YAML::Mark mark = e->value.IsNull() ? e->key_node.Mark() : e->value.Mark();
  return Field(e->value, path, std::string(key), mark);
}

std::optional<Field> MapReader::required(std::string_view key) const {
  if (!ok_) return std::nullopt;
  auto f = get(key);
  if (!f) error_at_map("missing required key '" + std::string(key) + "'");
  return f;
}

void MapReader::error_at_key(std::string_view key, std::string message) const {
  const Entry* e = find(key);
  r_.error(e ? e->key_node.Mark() : mark_, path_, std::move(message));
}

void MapReader::error_at_map(std::string message) const {
  r_.error(mark_, path_, std::move(message));
}

std::optional<std::vector<Field>> read_list(Reporter& r, const Field& f) {
  if (!f.node().IsSequence()) {
    r.error(f, "expected a list, got " + describe(f.node()));
    return std::nullopt;
  }
  std::vector<Field> items;
  std::size_t i = 0;
  for (const auto& item : f.node()) {
    const std::string index = "[" + std::to_string(i++) + "]";
    // An empty item's mark is the next token's; the list's own mark is the better guess.
    const YAML::Mark mark = item.IsNull() ? f.mark() : item.Mark();
    items.emplace_back(item, f.path() + index, f.key() + index, mark);
  }
  return items;
}

std::optional<std::string> read_string(Reporter& r, const Field& f) {
  return scalar_text(r, f, "a string");
}

std::optional<std::int64_t> read_int(Reporter& r, const Field& f, std::int64_t lo,
                                     std::int64_t hi) {
  const auto text = scalar_text(r, f, "a whole number");
  if (!text) return std::nullopt;
  const auto v = parse_int(*text);
  if (!v) {
    r.error(f, "expected a whole number, got '" + *text + "'");
    return std::nullopt;
  }
  if (*v < lo || *v > hi) {
    r.error(f, f.key() + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                   ", got " + *text);
    return std::nullopt;
  }
  return v;
}

std::optional<std::uint64_t> read_uint64(Reporter& r, const Field& f) {
  const auto text = scalar_text(r, f, "a whole number");
  if (!text) return std::nullopt;
  std::uint64_t v = 0;
  const char* end = text->data() + text->size();
  auto [stop, ec] = std::from_chars(text->data(), end, v);
  if (!text->empty() && text->front() == '-' && parse_int(*text)) {
    r.error(f, f.key() + " must not be negative, got " + *text);
    return std::nullopt;
  }
  if (text->empty() || ec != std::errc{} || stop != end) {
    r.error(f, "expected a whole number from 0 to 18446744073709551615, got '" + *text + "'");
    return std::nullopt;
  }
  return v;
}

std::optional<double> read_number(Reporter& r, const Field& f) {
  const auto text = scalar_text(r, f, "a number");
  if (!text) return std::nullopt;
  const auto v = parse_factor(*text);  // a bare non-negative decimal, or with an 'x'
  if (!v || text->back() == 'x') {
    r.error(f, "expected a number like 10 or 2.5, got '" + *text + "'");
    return std::nullopt;
  }
  return v;
}

std::optional<Duration> read_duration(Reporter& r, const Field& f) {
  const auto text = scalar_text(r, f, "a duration like 250ms or 1h30m");
  if (!text) return std::nullopt;
  const auto v = parse_duration(*text);
  if (!v) {
    r.error(f, "expected a duration like 250ms or 1h30m, got '" + *text + "'");
  } else if (*v > model::limits::span) {
    r.error(f, f.key() + " must be at most " + format_duration(model::limits::span) + ", got '" +
                   *text + "'");
    return std::nullopt;
  }
  return v;
}

std::optional<Duration> read_positive_duration(Reporter& r, const Field& f) {
  const auto v = read_duration(r, f);
  if (v && v->ns() <= 0) {
    r.error(f, f.key() + " must be more than 0");
    return std::nullopt;
  }
  return v;
}

std::optional<Duration> read_duration_at_least(Reporter& r, const Field& f, Duration min) {
  const auto v = read_duration(r, f);
  if (v && *v < min) {
    r.error(f,
            f.key() + " must be at least " + format_duration(min) + ", got " + f.node().Scalar());
    return std::nullopt;
  }
  return v;
}

std::optional<double> read_factor_at_most(Reporter& r, const Field& f, double max) {
  const auto v = read_factor(r, f);
  if (v && *v > max) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%gx", max);
    r.error(f, f.key() + " must be at most " + limit + ", got " + f.node().Scalar());
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> peek_scalar(const YAML::Node& map, std::string_view key) {
  if (!map.IsMap()) return std::nullopt;
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key && kv.second.IsScalar())
      return kv.second.Scalar();
  return std::nullopt;
}

std::optional<Duration> read_time_of_day(Reporter& r, const Field& f) {
  const auto text = scalar_text(r, f, "a time of day like 19:00 or 07:30:00");
  if (!text) return std::nullopt;
  const auto v = parse_time_of_day(*text);
  if (!v) r.error(f, "expected a time of day like 19:00 or 07:30:00, got '" + *text + "'");
  return v;
}

std::optional<double> read_rate(Reporter& r, const Field& f) {
  const auto text = scalar_text(r, f, "a rate like 400/s or 24k/min");
  if (!text) return std::nullopt;
  const auto v = parse_rate(*text);
  if (!v) r.error(f, "expected a rate like 400/s or 24k/min, got '" + *text + "'");
  return v;
}

std::optional<double> read_ratio(Reporter& r, const Field& f) {
  static constexpr std::string_view what = "a percentage like 99.9% or a ratio like 0.999";
  const auto text = scalar_text(r, f, what);
  if (!text) return std::nullopt;
  const auto v = parse_ratio(*text);
  if (!v) r.error(f, "expected " + std::string(what) + ", got '" + *text + "'");
  return v;
}

std::optional<double> read_factor(Reporter& r, const Field& f) {
  const auto text = scalar_text(r, f, "a factor like 2x or 0.5x");
  if (!text) return std::nullopt;
  const auto v = parse_factor(*text);
  if (!v) r.error(f, "expected a factor like 2x or 0.5x, got '" + *text + "'");
  return v;
}

std::optional<std::size_t> read_choice(Reporter& r, const Field& f, KeySet names) {
  const auto text = scalar_text(r, f, "one of " + join(names));
  if (!text) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == *text) return i;
  r.error(f, "unknown value '" + *text + "' for " + f.key() + "; expected one of " + join(names));
  return std::nullopt;
}

}  // namespace gameday::sim::yaml

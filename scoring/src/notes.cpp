// The postmortem notes file: YAML read through const nodes (yaml-cpp's non-const operator[]
// inserts keys), every problem reported with file:line:col and the key's path, as the scenario
// loader does: unknown keys with a "did you mean", duplicate keys (yaml-cpp keeps both pairs),
// missing required keys, wrong shapes and values. Nothing throws out of parse_notes().
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <span>

#include "gameday/core/suggest.hpp"
#include "gameday/core/units.hpp"
#include "gameday/scoring/postmortem.hpp"

namespace gameday::scoring {
namespace {

using Keys = std::span<const std::string_view>;

constexpr std::array<std::string_view, 6> top_keys = {
    "title", "summary", "observations", "contributing_factors", "action_items", "lessons"};
constexpr std::array<std::string_view, 2> item_keys = {"text", "at"};
constexpr std::array<std::string_view, 6> action_keys = {"action",   "type",      "owner",
                                                         "priority", "done_when", "ticket"};
constexpr std::array<std::string_view, 3> lesson_keys = {"went_well", "went_poorly", "lucky"};
constexpr std::array<std::string_view, 5> action_types = {"prevent", "detect", "mitigate",
                                                          "process", "repair"};
constexpr std::array<std::string_view, 4> priorities = {"P0", "P1", "P2", "P3"};

std::string join(Keys names) {
  std::string out;
  for (const std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    default: return "an empty value";
  }
}

// A value with its path and the place to report: its own mark, or its key's when it is empty
// (yaml-cpp marks an empty value at the next token).
struct Field {
  YAML::Node node;  // only used as const
  std::string path;
  YAML::Mark mark;
};

class Reader {
 public:
  Reader(std::string file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  void error(YAML::Mark mark, const std::string& path, std::string message) {
    diags_.error(where(mark), path, std::move(message));
  }
  void error(const Field& f, std::string message) { error(f.mark, f.path, std::move(message)); }

  // The entries of a mapping, first occurrence of each key; reports unknown and duplicate keys.
  std::optional<std::vector<std::pair<std::string, Field>>> map(const Field& f, Keys keys) {
    if (!f.node.IsMap()) {
      error(f, "expected a mapping, got " + describe(f.node));
      return std::nullopt;
    }
    std::vector<std::pair<std::string, Field>> out;
    std::vector<YAML::Mark> key_marks;
    for (const auto& kv : f.node) {
      const YAML::Node k = kv.first;
      if (!k.IsScalar()) {
        error(k.Mark(), f.path, "expected a plain key, got " + describe(k));
        continue;
      }
      const std::string key = k.Scalar();
      const auto seen =
          std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == key; });
      if (seen != out.end()) {
        error(k.Mark(), f.path,
              "duplicate key '" + key + "' (first defined at line " +
                  std::to_string(key_marks[static_cast<std::size_t>(seen - out.begin())].line + 1) +
                  ")");
        continue;
      }
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        error(k.Mark(), f.path, "unknown key '" + key + "'" + did_you_mean(key, keys));
      const YAML::Node v = kv.second;
      out.emplace_back(key, Field{v, f.path.empty() ? key : f.path + "." + key,
                                  v.IsNull() ? k.Mark() : v.Mark()});
      key_marks.push_back(k.Mark());
    }
    return out;
  }

  std::optional<std::string> text(const Field& f) {
    if (!f.node.IsScalar()) {
      error(f, "expected text, got " + describe(f.node));
      return std::nullopt;
    }
    std::string s = f.node.Scalar();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.pop_back();
    if (s.empty()) {
      error(f, "expected text, got an empty string");
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::vector<Field>> list(const Field& f) {
    if (!f.node.IsSequence()) {
      error(f, "expected a list, got " + describe(f.node));
      return std::nullopt;
    }
    std::vector<Field> out;
    std::size_t i = 0;
    for (const auto& item : f.node) {
      const YAML::Node n = item;
      out.push_back({n, f.path + "[" + std::to_string(i++) + "]", n.IsNull() ? f.mark : n.Mark()});
    }
    return out;
  }

 private:
  SourceLocation where(YAML::Mark mark) const {
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }
  std::string file_;
  Diagnostics& diags_;
};

const Field* find(const std::vector<std::pair<std::string, Field>>& entries, std::string_view key) {
  for (const auto& [k, f] : entries)
    if (k == key) return &f;
  return nullptr;
}

// A list of sentences: each a string, or {text, at}.
std::vector<NoteItem> read_items(Reader& r, const Field& f) {
  std::vector<NoteItem> out;
  if (f.node.IsNull()) return out;  // "observations:" with nothing under it
  const auto items = r.list(f);
  if (!items) return out;
  for (const Field& item : *items) {
    if (item.node.IsScalar()) {
      if (auto t = r.text(item)) out.push_back({std::move(*t), std::nullopt});
      continue;
    }
    const auto m = r.map(item, item_keys);
    if (!m) continue;
    NoteItem n;
    const Field* text = find(*m, "text");
    if (text == nullptr) {
      r.error(item, "missing required key 'text'");
      continue;
    }
    if (auto t = r.text(*text)) n.text = std::move(*t);
    if (const Field* at = find(*m, "at")) {
      const auto s = r.text(*at);
      n.at = s ? parse_duration(*s) : std::nullopt;
      if (s && !n.at) n.clock = parse_time_of_day(*s);
      if (s && !n.at && !n.clock)
        r.error(*at,
                "expected a time from the start of the run like 14m30s, or a clock time "
                "like 10:05, got '" +
                    *s + "'");
    }
    if (!n.text.empty()) out.push_back(std::move(n));
  }
  return out;
}

std::optional<std::string> read_choice(Reader& r, const Field& f, Keys names, bool upper) {
  auto t = r.text(f);
  if (!t) return std::nullopt;
  std::string v = *t;
  if (upper)
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::toupper(c); });
  if (std::find(names.begin(), names.end(), v) != names.end()) return v;
  r.error(f, "unknown value '" + *t + "'; expected one of " + join(names));
  return std::nullopt;
}

std::vector<ActionItem> read_actions(Reader& r, const Field& f) {
  std::vector<ActionItem> out;
  if (f.node.IsNull()) return out;
  const auto items = r.list(f);
  if (!items) return out;
  for (const Field& item : *items) {
    const auto m = r.map(item, action_keys);
    if (!m) continue;
    ActionItem a;
    bool ok = true;
    const auto required = [&](std::string_view key) -> const Field* {
      const Field* v = find(*m, key);
      if (v == nullptr) {
        r.error(item, "missing required key '" + std::string(key) + "'");
        ok = false;
      }
      return v;
    };
    const auto set = [&](std::optional<std::string> v, std::string& into) {
      if (v)
        into = std::move(*v);
      else
        ok = false;
    };
    if (const Field* v = required("action")) set(r.text(*v), a.action);
    if (const Field* v = required("type")) set(read_choice(r, *v, action_types, false), a.type);
    if (const Field* v = required("owner")) set(r.text(*v), a.owner);
    if (const Field* v = required("priority"))
      set(read_choice(r, *v, priorities, true), a.priority);
    if (const Field* v = required("done_when")) set(r.text(*v), a.done_when);
    if (const Field* v = find(*m, "ticket")) a.ticket = r.text(*v);
    if (ok) out.push_back(std::move(a));
  }
  return out;
}

void read_document(Reader& r, const YAML::Node& root, PostmortemNotes& notes) {
  if (root.IsNull()) return;  // an empty file: no notes yet
  const auto top = r.map(Field{root, "", root.Mark()}, top_keys);
  if (!top) return;
  if (const Field* f = find(*top, "title")) notes.title = r.text(*f);
  if (const Field* f = find(*top, "summary")) notes.summary = r.text(*f);
  if (const Field* f = find(*top, "observations")) notes.observations = read_items(r, *f);
  if (const Field* f = find(*top, "contributing_factors"))
    notes.contributing_factors = read_items(r, *f);
  if (const Field* f = find(*top, "action_items")) notes.action_items = read_actions(r, *f);
  if (const Field* f = find(*top, "lessons"); f != nullptr && !f->node.IsNull()) {
    if (const auto m = r.map(*f, lesson_keys)) {
      if (const Field* l = find(*m, "went_well")) notes.went_well = read_items(r, *l);
      if (const Field* l = find(*m, "went_poorly")) notes.went_poorly = read_items(r, *l);
      if (const Field* l = find(*m, "lucky")) notes.lucky = read_items(r, *l);
    }
  }
}

}  // namespace

std::optional<PostmortemNotes> parse_notes(std::string_view text, const std::string& file,
                                           Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  Reader r(file, diags);
  PostmortemNotes notes;
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    read_document(r, root, notes);
  } catch (const YAML::ParserException& e) {
    r.error(e.mark, "", "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "", "cannot read the YAML: " + e.msg);
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return notes;
}

}  // namespace gameday::scoring

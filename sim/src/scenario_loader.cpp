// The scenario loader's entry points and the scenario's top level (name, timing, zones).
//
// Nothing escapes as an exception: yaml-cpp's exceptions are caught here and become
// diagnostics, and a scenario is returned only when no error was reported during this load.
// The order of the steps matters for references: zones, then service names (pre-pass), then
// services, traffic and SLOs, then the call-graph check, which needs every call resolved.
#include "gameday/sim/scenario_loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "gameday/core/input_file.hpp"
#include "gameday/core/random.hpp"
#include "gameday/core/units.hpp"
#include "gameday/core/utf8.hpp"
#include "scenario_keys.hpp"
#include "scenario_locations.hpp"
#include "scenario_overrides.hpp"
#include "scenario_parse.hpp"

namespace gameday::sim {
namespace detail {

bool NameTable::add(yaml::Reporter& r, const yaml::Field& f, const std::string& name,
                    std::string_view what) {
  const auto first = find(name);
  add_unchecked(name, f.mark());
  if (!first) return true;
  r.error(f, "duplicate " + std::string(what) + " name '" + name + "' (first defined at line " +
                 std::to_string(yaml::Reporter::line_of(marks_[*first])) + ")");
  return false;
}

void NameTable::add_unchecked(std::string name, YAML::Mark mark) {
  index_.add(name, static_cast<std::uint32_t>(names_.size()));  // not the empty placeholder
  names_.push_back(std::move(name));
  marks_.push_back(mark);
}

std::optional<std::size_t> NameTable::find(std::string_view name) const {
  return index_.find(name);
}

std::optional<std::string> read_name(yaml::Reporter& r, const yaml::Field& f) {
  auto name = yaml::read_string(r, f);
  if (!name) return std::nullopt;
  const bool valid = !name->empty() && std::all_of(name->begin(), name->end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_';
  });
  if (!valid) {
    r.error(f, "expected a name of letters, digits, '-' and '_', got '" + *name + "'");
    return std::nullopt;
  }
  return name;
}

std::optional<std::size_t> read_reference(yaml::Reporter& r, const yaml::Field& f,
                                          std::string_view what, const NameTable& table) {
  const auto name = yaml::read_string(r, f);
  if (!name) return std::nullopt;
  if (const auto i = table.find(*name)) return i;
  if (table.is_unreadable()) return std::nullopt;
  // A suggestion compares the name with every name in the table. Aliases can repeat one wrong
  // reference many thousand times, so past the first errors the suggestion is left out: the
  // cost of a bad file stays linear.
  constexpr std::size_t suggested_errors_max = 100;
  r.error(f, "unknown " + std::string(what) + " '" + *name + "'" +
                 (r.error_count() < suggested_errors_max ? yaml::did_you_mean(*name, table.names())
                                                         : std::string()));
  return std::nullopt;
}

}  // namespace detail

namespace {

using detail::LoadContext;
using yaml::Field;
using yaml::MapReader;

// Counts the values of `node` with its aliases expanded, stopping past the limit: a few lines
// of anchors and aliases can stand for billions of values ("billion laughs"), and every later
// pass would walk all of them.
bool within_value_limit(const YAML::Node& node, std::size_t& count) {
  if (++count > scenario_values_max) return false;
  if (node.IsMap()) {
    for (const auto& kv : node)
      if (!within_value_limit(kv.second, count)) return false;
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      if (!within_value_limit(item, count)) return false;
  }
  return true;
}

// Reports the limit at the top-level key whose value crossed it (yaml-cpp keeps no marks for
// aliases, and the key is what the author can act on).
bool check_value_limit(yaml::Reporter& r, const YAML::Node& root) {
  std::size_t count = 1;
  const auto too_many = [&](YAML::Mark at, std::string path) {
    r.error(at, std::move(path),
            "the scenario holds more than " + std::to_string(scenario_values_max) +
                " values once its YAML aliases are expanded (is an anchored list repeated "
                "with '*' many times?)");
    return false;
  };
  if (!root.IsMap()) return within_value_limit(root, count) || too_many(root.Mark(), "");
  for (const auto& kv : root)
    if (!within_value_limit(kv.second, count))
      return too_many(kv.first.Mark(), kv.first.IsScalar() ? kv.first.Scalar() : "");
  return true;
}

// yaml-cpp's messages name the parser's state, not the usual mistake behind it.
std::string syntax_hint(std::string_view msg) {
  if (msg == "end of sequence flow not found") return " (an unclosed '['?)";
  if (msg == "end of map flow not found") return " (an unclosed '{'?)";
  if (msg == "illegal map value" || msg == "end of map not found")
    return " (check the indentation here and on the lines above)";
  return "";
}

// A scenario is a few levels deep; yaml-cpp's own guard (at several hundred) says only "bad
// file", at a place past the problem. Documented in docs/scenario-reference.md.
constexpr int max_nesting = 64;
const std::string too_deep = "nested more than " + std::to_string(max_nesting) +
                             " levels deep (lists and mappings inside each other)";

// Finds the first collection nested deeper than max_nesting, from the parser's events: aliases
// are not expanded, so a document's events are linear in its size.
class NestingCheck : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> too_deep_at;
  YAML::Mark furthest = YAML::Mark::null_mark();  // the furthest an event was at

  void OnDocumentStart(const YAML::Mark& mark) override { reach(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { reach(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { reach(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    reach(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void reach(const YAML::Mark& mark) {
    if (mark.pos > furthest.pos) furthest = mark;
  }
  void enter(const YAML::Mark& mark) {
    reach(mark);
    if (++depth_ > max_nesting && !too_deep_at) too_deep_at = mark;
  }
  int depth_ = 0;
};

struct DocumentScan {
  std::optional<YAML::Mark> too_deep_at;  // the first collection nested too deep
  std::optional<YAML::Mark> stuck_after;  // the parser stopped moving on past this point (it
                                          // would hand out empty documents forever)
};

// Scans the first document, or every one: yaml-cpp's guard against nesting fires later than
// ours, and its syntax errors propagate as they would from YAML::Load. After some malformed
// documents yaml-cpp's parser keeps handing out empty documents without reading on, and
// YAML::LoadAll would never return: a document that does not move the parser on ends the scan.
DocumentScan scan_documents(std::string_view text, bool all) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  NestingCheck nesting;
  DocumentScan scan;
  try {
    int before = -2;
    while (parser.HandleNextDocument(nesting) && !nesting.too_deep_at && all) {
      if (nesting.furthest.pos <= before) {
        scan.stuck_after = nesting.furthest;
        break;
      }
      before = nesting.furthest.pos;
    }
  } catch (const YAML::DeepRecursion& e) {
    nesting.too_deep_at = nesting.too_deep_at.value_or(e.mark);
  }
  scan.too_deep_at = nesting.too_deep_at;
  return scan;
}

// yaml-cpp reads a file as UTF-8 unless it starts with a UTF-16 or UTF-32 byte order mark or has
// a NUL among its first bytes (UTF-16 or UTF-32 without one); those it decodes itself, and what
// it makes of them is valid UTF-8.
bool is_read_as_utf8(std::string_view text) {
  return !text.starts_with("\xFE\xFF") && !text.starts_with("\xFF\xFE") &&
         text.substr(0, 4).find('\0') == std::string_view::npos;
}

// Text that is not UTF-8 would reach the record (names, descriptions) as bytes its reader
// refuses: it is an error in the file, at its first ill-formed byte (columns count bytes, as
// yaml-cpp's do).
bool check_utf8(yaml::Reporter& r, std::string_view text) {
  if (!is_read_as_utf8(text)) return true;
  const auto bad = find_invalid_utf8(text);
  if (!bad) return true;
  const std::size_t line_start = text.rfind('\n', *bad) + 1;  // npos + 1 == 0: the first line
  YAML::Mark mark;
  mark.pos = static_cast<int>(*bad);
  mark.line = static_cast<int>(std::count(text.begin(), text.begin() + line_start, '\n'));
  mark.column = static_cast<int>(*bad - line_start);
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
  r.error(mark, "", "not valid UTF-8 (byte " + std::string(byte) + "); save the file as UTF-8");
  return false;
}

void read_timing(LoadContext& c, const MapReader& m) {
  Scenario& s = c.s;
  if (const auto f = m.get("duration")) {
    const auto d = yaml::read_duration(c.r, *f);
    if (d && (d->ns() <= 0 || *d > limits::duration))
      c.r.error(*f, "duration must be more than 0 and at most 30d, got " + f->node().Scalar());
    else if (d)
      s.duration = *d;
  }
  if (const auto f = m.get("start_at"))
    if (const auto t = yaml::read_time_of_day(c.r, *f)) s.start_time_of_day = *t;
  if (const auto f = m.get("sample_interval")) {
    const auto d = yaml::read_duration(c.r, *f);
    if (d && (*d < limits::sample_interval || *d > s.duration))
      c.r.error(*f, "sample_interval must be at least 1s and at most the duration (" +
                        format_duration(s.duration) + "), got " + f->node().Scalar());
    else if (d)
      s.sample_interval = *d;
  }
  if (const auto f = m.get("trace_sample"))
    if (const auto v = yaml::read_ratio(c.r, *f)) s.trace_sample_ratio = *v;
}

void read_zones(LoadContext& c, const MapReader& m) {
  const auto f = m.get("zones");
  if (!f) {
    c.s.zones = {"default"};
    c.zones.add_unchecked("default", m.mark());
    return;
  }
  const auto items = yaml::read_list(c.r, *f);
  if (!items) {
    c.zones.set_unreadable();
    return;
  }
  if (items->empty()) c.r.error(*f, "expected at least one zone");
  for (const Field& item : *items) {
    const auto name = detail::read_name(c.r, item);
    if (name && c.zones.add(c.r, item, *name, "zone")) c.s.zones.push_back(*name);
  }
}

void read_scenario(LoadContext& c, const YAML::Node& root) {
  if (root.IsNull()) {
    c.r.error(YAML::Mark(), "",
              "the file is empty; expected a mapping with at least 'scenario', 'services' and "
              "'traffic'");
    return;
  }
  const MapReader m(c.r, Field(root, "", "", root.Mark()), keys::scenario);
  if (!m.ok()) return;
  if (const auto f = m.required("scenario"))
    if (auto name = detail::read_name(c.r, *f)) c.s.name = std::move(*name);
  if (const auto f = m.get("description"))
    if (auto text = yaml::read_string(c.r, *f)) c.s.description = std::move(*text);
  if (const auto f = m.get("seed"))
    if (const auto seed = yaml::read_uint64(c.r, *f)) c.s.seed = *seed;
  read_timing(c, m);
  read_zones(c, m);
  const auto services = m.required("services");
  if (services) {
    detail::collect_service_names(c, *services);
    detail::read_services(c, *services);
  } else {
    c.services.set_unreadable();
  }
  if (const auto f = m.required("traffic")) detail::read_traffic(c, *f);
  if (const auto f = m.get("slos")) detail::read_slos(c, *f);
  if (const auto f = m.get("faults")) detail::read_faults(c, *f);
  detail::check_arrival_rates(c);
  detail::read_monitoring(c, m);
  detail::read_responders(c, m);
  if (services) detail::check_call_graph(c);
}

}  // namespace

namespace detail {

std::optional<std::vector<YAML::Node>> read_yaml_documents(yaml::Reporter& r,
                                                           std::string_view text) {
  const std::size_t errors_before = r.error_count();
  if (!check_utf8(r, text)) return std::nullopt;
  std::vector<YAML::Node> documents;
  try {
    const DocumentScan scan = scan_documents(text, true);
    if (scan.too_deep_at) {
      r.error(*scan.too_deep_at, "", too_deep);
      return std::nullopt;
    }
    if (scan.stuck_after) {
      r.error(*scan.stuck_after, "",
              "cannot read the YAML past here: its documents do not end (a stray '---', '...' "
              "or directive?)");
      return std::nullopt;
    }
    documents = YAML::LoadAll(std::string(text));
    for (const YAML::Node& d : documents)
      if (!check_value_limit(r, d)) return std::nullopt;
  } catch (const YAML::ParserException& e) {
    r.error(e.mark, "", "YAML syntax error: " + e.msg + syntax_hint(e.msg));
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "", "cannot read the YAML: " + e.msg);
  }
  if (r.error_count() > errors_before) return std::nullopt;
  return documents;
}

}  // namespace detail

std::optional<LoadedScenario> load_scenario_text(std::string_view text, const std::string& file,
                                                 Diagnostics& diags,
                                                 std::span<const ScenarioOverride> overrides) {
  const std::size_t errors_before = diags.error_count();
  yaml::Reporter r(file, diags);
  LoadedScenario out;
  out.file = file;
  std::string hashed(text);
  for (const ScenarioOverride& o : overrides) hashed += '\0' + o.path + '=' + o.value;
  out.content_hash = fnv1a64(hashed);
  if (!check_utf8(r, text)) return std::nullopt;
  try {
    if (const auto mark = scan_documents(text, false).too_deep_at) {
      r.error(*mark, "", too_deep);
      return std::nullopt;
    }
    const YAML::Node root = YAML::Load(std::string(text));
    for (const ScenarioOverride& o : overrides) {
      std::string error;
      if (scan_documents(o.value, false).too_deep_at)
        diags.error(o.where, o.path, too_deep);
      else if (const auto path = detail::apply_override(root, o, error))
        out.overridden.emplace_back(*path, o.where);
      else
        diags.error(o.where, o.path, error);
    }
    if (diags.error_count() > errors_before) return std::nullopt;
    r.redirect(out.overridden);
    if (!check_value_limit(r, root)) return std::nullopt;
    LoadContext c{r, out.scenario};
    read_scenario(c, root);
    out.content_hash = fnv1a64(hashed + c.imported_bytes);
    if (diags.error_count() == errors_before) {
      detail::record_locations(root, out);
      out.scenario.index_names();
    }
  } catch (const YAML::ParserException& e) {
    r.error(e.mark, "", "YAML syntax error: " + e.msg + syntax_hint(e.msg));
  } catch (const YAML::Exception& e) {
    // Not expected from const reads; reported rather than thrown so bad input never crashes.
    r.error(e.mark, "", "cannot read the YAML: " + e.msg);
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return out;
}

std::optional<LoadedScenario> load_scenario_file(const std::string& path, Diagnostics& diags,
                                                 std::span<const ScenarioOverride> overrides) {
  InputFile file = read_input_file(path, scenario_bytes_max);
  if (!file.error.empty()) {
    diags.error({path, 0, 0}, "", "cannot read '" + path + "': " + file.error);
    return std::nullopt;
  }
  return load_scenario_text(file.text, path, diags, overrides);
}

}  // namespace gameday::sim

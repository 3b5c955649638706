// Reading sweep plans, with the scenario loader's checked YAML reader: every problem with
// file:line:col, and values kept with their locations so a scenario that a grid value makes
// invalid is reported at that value.
#include "gameday/sim/sweep_plan.hpp"

#include <filesystem>

#include "gameday/core/input_file.hpp"
#include "gameday/core/random.hpp"
#include "gameday/core/utf8.hpp"
#include "yaml_reader.hpp"

namespace gameday::sim {
namespace {

constexpr std::string_view plan_keys[] = {"scenario", "seed", "replicates", "responders",
                                          "duration", "set",  "grid"};
constexpr std::uint64_t plan_bytes_max = std::uint64_t{1} << 20;

// A plan's value as override text: a scalar as written, anything else in YAML's flow style.
std::string value_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  return {file, mark.line + 1, mark.column + 1};
}

// A path relative to the plan's folder (an absolute one as it is).
std::string beside(const std::string& plan, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(plan).parent_path() / p).lexically_normal().string();
}

// The keys of a `set` or `grid` mapping with their values, in order; duplicates reported.
std::vector<std::pair<yaml::Field, yaml::Field>> path_entries(yaml::Reporter& r,
                                                              const yaml::Field& f) {
  std::vector<std::pair<yaml::Field, yaml::Field>> out;
  if (!f.node().IsMap()) {
    r.error(f, "expected a mapping of scenario paths, got " + yaml::describe(f.node()));
    return out;
  }
  for (const auto& kv : f.node()) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    const yaml::Field k(kv.first, f.path() + "." + key, key, kv.first.Mark());
    if (key.empty()) {
      r.error(k, "expected a scenario path, like faults[db-slow].at");
      continue;
    }
    bool duplicate = false;
    for (const auto& [seen, value] : out)
      if (seen.key() == key) {
        r.error(k, "duplicate path '" + key + "' (first at line " +
                       std::to_string(yaml::Reporter::line_of(seen.mark())) + ")");
        duplicate = true;
      }
    if (duplicate) continue;
    const YAML::Mark mark = kv.second.IsNull() ? kv.first.Mark() : kv.second.Mark();
    out.emplace_back(k, yaml::Field(kv.second, k.path(), key, mark));
  }
  return out;
}

void read_scenarios(yaml::Reporter& r, const yaml::Field& f, SweepPlan& plan) {
  std::vector<yaml::Field> items;
  if (f.node().IsSequence()) {
    auto list = yaml::read_list(r, f);
    if (list) items = std::move(*list);
    if (items.empty()) r.error(f, "expected at least one scenario");
  } else {
    items.push_back(f);
  }
  for (const yaml::Field& item : items)
    if (auto path = yaml::read_string(r, item)) plan.scenarios.push_back(beside(plan.file, *path));
}

void read_grid(yaml::Reporter& r, const yaml::Field& f, SweepPlan& plan) {
  std::size_t cells = plan.scenarios.size();
  for (const auto& [key, value] : path_entries(r, f)) {
    const auto values = yaml::read_list(r, value);
    if (!values) continue;
    if (values->empty()) {
      r.error(value, "expected at least one value");
      continue;
    }
    SweepAxis axis{key.key(), {}};
    for (const yaml::Field& v : *values)
      axis.values.push_back({key.key(), value_text(v.node()), location(plan.file, v.mark())});
    cells *= axis.values.size();
    if (cells > sweep_cells_max) {
      r.error(value, "the grid makes more than " + std::to_string(sweep_cells_max) + " cells");
      return;
    }
    plan.grid.push_back(std::move(axis));
  }
}

}  // namespace

std::size_t SweepPlan::cell_count() const {
  std::size_t n = scenarios.size();
  for (const SweepAxis& axis : grid) n *= axis.values.size();
  return n;
}

std::size_t SweepPlan::scenario_of(std::size_t cell) const {
  std::size_t rest = cell;
  for (const SweepAxis& axis : grid) rest /= axis.values.size();
  return rest;
}

std::vector<ScenarioOverride> SweepPlan::overrides_of(std::size_t cell) const {
  std::vector<ScenarioOverride> out = set;
  std::vector<ScenarioOverride> chosen(grid.size());
  std::size_t rest = cell;
  for (std::size_t a = grid.size(); a-- > 0;) {
    chosen[a] = grid[a].values[rest % grid[a].values.size()];
    rest /= grid[a].values.size();
  }
  out.insert(out.end(), chosen.begin(), chosen.end());
  return out;
}

std::optional<SweepPlan> load_sweep_plan(const std::string& path, Diagnostics& diags) {
  const InputFile file = read_input_file(path, plan_bytes_max);
  if (!file.error.empty()) {
    diags.error({path, 0, 0}, "", "cannot read the plan: " + file.error);
    return std::nullopt;
  }
  return load_sweep_plan_text(file.text, path, diags);
}

std::optional<SweepPlan> load_sweep_plan_text(std::string_view text, const std::string& path,
                                              Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  SweepPlan plan;
  plan.file = path;
  plan.hash = fnv1a64(text);
  yaml::Reporter r(path, diags);
  if (const auto bad = find_invalid_utf8(text)) {
    diags.error({path, 0, 0}, "",
                "not valid UTF-8 (at byte " + std::to_string(*bad) + "); save the plan as UTF-8");
    return std::nullopt;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) {
      r.error(root.Mark(), "", "expected a mapping with 'scenario', 'seed' and 'replicates'");
      return std::nullopt;
    }
    const yaml::MapReader m(r, yaml::Field(root, "", "", root.Mark()), plan_keys);
    if (!m.ok()) return std::nullopt;
    if (const auto f = m.required("scenario")) read_scenarios(r, *f, plan);
    if (const auto f = m.required("seed"))
      if (const auto seed = yaml::read_uint64(r, *f)) plan.seed = *seed;
    if (const auto f = m.required("replicates"))
      if (const auto n = yaml::read_int(r, *f, 1, sweep_replicates_max))
        plan.replicates = static_cast<int>(*n);
    if (const auto f = m.get("responders"))
      if (auto who = yaml::read_string(r, *f))
        plan.responders = *who == "none" || *who == "auto" || who->starts_with("exec:")
                              ? *who
                              : beside(path, *who);
    if (const auto f = m.get("duration"))
      if (const auto d = yaml::read_positive_duration(r, *f)) plan.duration = *d;
    if (const auto f = m.get("set"))
      for (const auto& [key, value] : path_entries(r, *f))
        plan.set.push_back({key.key(), value_text(value.node()), location(path, value.mark())});
    if (const auto f = m.get("grid")) read_grid(r, *f, plan);
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "", "YAML syntax error: " + e.msg);
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return plan;
}

std::uint64_t replicate_seed(std::uint64_t root, std::uint64_t replicate) {
  std::uint64_t state = root ^ (0x9e3779b97f4a7c15ULL * (replicate + 1));
  return splitmix64(state);
}

}  // namespace gameday::sim

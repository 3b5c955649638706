// `gameday compare SWEEP...`: the cells of sweep folders, each against the first, figure by
// figure, saying whether each difference is larger than the noise. Replicates that share a seed
// (a sweep gives replicate i one seed in every cell) are compared pairwise, which cancels the
// noise the cells share; otherwise the samples are compared as independent (Welch).
#include <cstdio>
#include <map>
#include <ostream>
#include <set>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/scoring/statistics.hpp"
#include "sweep_rows.hpp"

namespace gameday::cli {
namespace {

using nlohmann::json;

// One cell of one sweep: what is compared.
struct Arm {
  std::string label;
  std::map<std::size_t, const json*> replicates;  // by replicate number
};

std::string cell_label(const std::string& folder, const json& description, std::size_t c) {
  std::string label = folder + " cell " + std::to_string(c);
  const json& set = description["cells"][c]["set"];
  if (!set.empty()) {
    label += " [";
    for (std::size_t i = 0; i < set.size(); ++i)
      label += (i > 0 ? ", " : "") + set[i].get<std::string>();
    label += "]";
  }
  return label;
}

// The figure's values in both arms, by replicate, where both have one; and whether every
// such pair of replicates ran on one seed.
struct Pairs {
  std::vector<double> a, b;
  bool same_seeds = true;
};

Pairs pairs_of(const Arm& base, const Arm& arm, const std::string& figure) {
  Pairs p;
  for (const auto& [replicate, row] : arm.replicates) {
    const auto other = base.replicates.find(replicate);
    if (other == base.replicates.end()) continue;
    const json& x = (*other->second)["figures"];
    const json& y = (*row)["figures"];
    if (!x.contains(figure) || !y.contains(figure) || !x[figure].is_number() ||
        !y[figure].is_number())
      continue;
    p.a.push_back(x[figure].get<double>());
    p.b.push_back(y[figure].get<double>());
    p.same_seeds = p.same_seeds && (*other->second)["seed"] == (*row)["seed"];
  }
  return p;
}

std::vector<double> values_of(const Arm& arm, const std::string& figure) {
  std::vector<double> v;
  for (const auto& [replicate, row] : arm.replicates) {
    const json& f = (*row)["figures"];
    if (f.contains(figure) && f[figure].is_number()) v.push_back(f[figure].get<double>());
  }
  return v;
}

scoring::Rate rate_in(const Arm& arm, const std::string& figure) {
  std::size_t yes = 0, n = 0;
  for (const auto& [replicate, row] : arm.replicates) {
    const json& f = (*row)["figures"];
    if (!f.contains(figure) || !f[figure].is_boolean()) continue;
    ++n;
    yes += f[figure].get<bool>() ? 1 : 0;
  }
  return scoring::rate_of(yes, n);
}

void compare_arm(const Arm& base, const Arm& arm, std::ostream& out) {
  std::set<std::string> numbers, rates;
  for (const Arm* a : {&base, &arm})
    for (const auto& [replicate, row] : a->replicates)
      for (const auto& [name, value] : (*row)["figures"].items())
        (value.is_boolean() ? rates : numbers).insert(name);
  out << "\n" << arm.label << " (" << arm.replicates.size() << " replicates):\n";
  for (const std::string& name : rates) {
    const scoring::Rate a = rate_in(base, name), b = rate_in(arm, name);
    if (a.n == 0 || b.n == 0) continue;
    const bool apart = a.ci_high < b.ci_low || b.ci_high < a.ci_low;
    out << "  " << name << ": " << a.successes << "/" << a.n << " -> " << b.successes << "/" << b.n
        << " (95%: " << figure_text(a.ci_low) << " to " << figure_text(a.ci_high) << " -> "
        << figure_text(b.ci_low) << " to " << figure_text(b.ci_high) << "), "
        << (apart ? "larger than the noise" : "within the noise") << '\n';
  }
  for (const std::string& name : numbers) {
    const Pairs p = pairs_of(base, arm, name);
    const std::vector<double> a = values_of(base, name), b = values_of(arm, name);
    if (a.empty() || b.empty()) continue;
    const bool paired = p.same_seeds && p.a.size() >= 2;
    const scoring::Difference d =
        paired ? scoring::paired_difference(p.a, p.b)
               : scoring::welch_difference(scoring::spread_of(a), scoring::spread_of(b));
    out << "  " << name << ": " << figure_text(scoring::spread_of(a).mean) << " -> "
        << figure_text(scoring::spread_of(b).mean) << ", " << (d.estimate >= 0 ? "+" : "")
        << figure_text(d.estimate) << " (95%: " << figure_text(d.ci_low) << " to "
        << figure_text(d.ci_high) << (paired ? ", paired" : "") << "), "
        << (d.larger_than_noise() ? "larger than the noise" : "within the noise") << '\n';
  }
}

}  // namespace

int compare_sweeps(const std::vector<std::string>& folders, std::ostream& out, std::ostream& err) {
  std::vector<SweepRows> sweeps(folders.size());
  std::vector<Arm> arms;
  for (std::size_t f = 0; f < folders.size(); ++f) {
    if (!read_sweep_folder(folders[f], sweeps[f], "compare", err))
      return to_int(ExitCode::InvalidInput);
    const json& d = sweeps[f].description;
    for (std::size_t c = 0; c < d["cells"].size(); ++c) {
      Arm arm{cell_label(folders[f], d, c), {}};
      for (auto it = sweeps[f].rows.lower_bound({c, 0});
           it != sweeps[f].rows.end() && it->first.first == c; ++it)
        arm.replicates.emplace(it->first.second, &it->second);
      arms.push_back(std::move(arm));
    }
  }
  if (arms.size() < 2) {
    err << "gameday compare: one cell in all: nothing to compare it with (give another sweep "
           "folder, or a sweep with a grid)\n";
    return to_int(ExitCode::InvalidInput);
  }
  out << "compare: each cell against " << arms[0].label << " (" << arms[0].replicates.size()
      << " replicates); the 95% interval of each difference says whether it is larger than "
         "the noise\n";
  for (std::size_t i = 1; i < arms.size(); ++i) compare_arm(arms[0], arms[i], out);
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

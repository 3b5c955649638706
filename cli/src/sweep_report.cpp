// `gameday sweep report DIR... --out REPORT`: merges the rows of any number of sweep folders
// (shards of one plan, in any order, duplicates allowed) and summarises each cell's figures:
// n, mean, sd, the mean's 95 % interval and percentiles; a yes/no figure as a rate with its
// Wilson interval. Rows are sorted by cell and replicate first, so the report's bytes are the
// same however the work was split.
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/scoring/markdown.hpp"
#include "gameday/scoring/statistics.hpp"
#include "options.hpp"
#include "sweep_figures.hpp"
#include "sweep_rows.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;

// One cell's rows: each number figure's values, and each yes/no figure's (yes, n).
struct CellRows {
  std::map<std::string, std::vector<double>> numbers;
  std::map<std::string, std::pair<std::size_t, std::size_t>> yes_no;
};

CellRows gather(const std::vector<const json*>& rows) {
  CellRows c;
  for (const json* row : rows)
    for (const auto& [name, value] : (*row)["figures"].items()) {
      if (value.is_boolean()) {
        auto& [yes, n] = c.yes_no[name];
        yes += value.get<bool>() ? 1 : 0;
        ++n;
      } else if (value.is_number()) {
        c.numbers[name].push_back(value.get<double>());
      }
    }
  return c;
}

// Every figure of one cell: spreads of numbers, rates of yes/no figures.
json summarise_cell(const CellRows& c) {
  const auto& numbers = c.numbers;
  const auto& yes_no = c.yes_no;
  json figures = json::object();
  for (const auto& [name, values] : numbers) {
    const scoring::Spread s = scoring::spread_of(values);
    figures[name] = {{"n", s.n},   {"mean", s.mean}, {"sd", s.sd},  {"ci95", {s.ci_low, s.ci_high}},
                     {"p5", s.p5}, {"p50", s.p50},   {"p95", s.p95}};
  }
  json rates = json::object();
  for (const auto& [name, counts] : yes_no) {
    const scoring::Rate r = scoring::rate_of(counts.first, counts.second);
    rates[name] = {
        {"yes", r.successes}, {"n", r.n}, {"share", r.share}, {"ci95", {r.ci_low, r.ci_high}}};
  }
  return {{"figures", figures}, {"rates", rates}};
}

std::string markdown(const json& report,
                     const std::vector<std::pair<std::string, std::string>>& figures) {
  using scoring::md_code;
  using scoring::md_text;
  std::string md = "# Sweep report: " + md_text(report["plan"].get<std::string>()) + "\n\n";
  md += "Root seed " + report["seed"].get<std::string>() + ", " +
        std::to_string(report["replicates"].get<int>()) + " replicates per cell, responders " +
        md_code(report["responders"].get<std::string>()) +
        ". Intervals are 95 %: a mean's from Student's t, a rate's Wilson's.\n";
  for (const json& cell : report["cells"]) {
    md += "\n## Cell " + std::to_string(cell["cell"].get<int>()) + ": " +
          md_text(cell["scenario"].get<std::string>()) + "\n\n";
    for (const json& s : cell["set"]) md += "- " + md_code("--set " + s.get<std::string>()) + "\n";
    md += "- replicates: " + std::to_string(cell["n"].get<int>()) + " of " +
          std::to_string(report["replicates"].get<int>()) + "\n\n";
    if (!cell["rates"].empty()) {
      md += "| rate | yes | n | share | 95 % interval |\n|---|---|---|---|---|\n";
      for (const auto& [name, r] : cell["rates"].items())
        md += "| " + name + " | " + std::to_string(r["yes"].get<int>()) + " | " +
              std::to_string(r["n"].get<int>()) + " | " + figure_text(r["share"]) + " | " +
              figure_text(r["ci95"][0]) + " to " + figure_text(r["ci95"][1]) + " |\n";
      md += "\n";
    }
    md +=
        "| figure | n | mean | sd | 95 % interval | p5 | p50 | p95 |\n"
        "|---|---|---|---|---|---|---|---|\n";
    for (const auto& [name, f] : cell["figures"].items())
      md += "| " + name + " | " + std::to_string(f["n"].get<int>()) + " | " +
            figure_text(f["mean"]) + " | " + figure_text(f["sd"]) + " | " +
            figure_text(f["ci95"][0]) + " to " + figure_text(f["ci95"][1]) + " | " +
            figure_text(f["p5"]) + " | " + figure_text(f["p50"]) + " | " + figure_text(f["p95"]) +
            " |\n";
  }
  if (!figures.empty()) md += "\n## Figures\n";
  for (const auto& [file, svg] : figures)
    md += "\n![" + file.substr(0, file.size() - 4) + "](figures/" + file + ")\n";
  return md;
}

}  // namespace

int sweep_report_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("out", po::value<std::string>()->value_name("REPORT"),
                        "the report's folder: report.md, report.json and figures/*.svg (required)")(
      "help,h", "show this help");
  const auto parsed = parse_options(args, visible, "folders", Positionals::Many, "sweep report",
                                    sweep_report_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << sweep_report_usage << "\n\n"
        << "Merges the rows of sweep folders (the shards of one plan, in any order) and\n"
        << "summarises each cell: n, mean, sd, 95% interval, p5/p50/p95 of every figure, and\n"
        << "rates (detected, mitigated) with Wilson intervals. docs/sweeps.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  if (vm.count("folders") == 0 || vm.count("out") == 0)
    return usage_error(err, "sweep report", "sweep folders and --out REPORT are required",
                       sweep_report_usage);
  SweepRows sweep;
  for (const std::string& folder : vm["folders"].as<std::vector<std::string>>())
    if (!read_sweep_folder(folder, sweep, "sweep report", err))
      return to_int(ExitCode::InvalidInput);

  const json& d = sweep.description;
  json report;
  for (const char* key : {"plan", "plan_hash", "seed", "replicates", "responders"})
    report[key] = d[key];
  json cells = json::array();
  CellValues values;
  for (std::size_t c = 0; c < d["cells"].size(); ++c) {
    std::vector<const json*> rows;
    for (auto it = sweep.rows.lower_bound({c, 0}); it != sweep.rows.end() && it->first.first == c;
         ++it)
      rows.push_back(&it->second);
    CellRows gathered = gather(rows);
    json cell = summarise_cell(gathered);
    cell["cell"] = c;
    cell["scenario"] = d["cells"][c]["scenario"];
    cell["set"] = d["cells"][c]["set"];
    cell["n"] = rows.size();
    cells.push_back(std::move(cell));
    values.push_back(std::move(gathered.numbers));
  }
  report["cells"] = cells;

  const auto figures = sweep_figures(report, values);
  const std::filesystem::path dir(vm["out"].as<std::string>());
  std::error_code ec;
  std::filesystem::create_directories(dir / "figures", ec);
  std::vector<std::pair<std::string, std::string>> files = {
      {"report.json", report.dump(2) + "\n"}, {"report.md", markdown(report, figures)}};
  for (const auto& [file, svg] : figures) files.emplace_back("figures/" + file, svg);
  for (const auto& [name, text] : files) {
    if (const FileResult r = write_file((dir / name).string(), text); !r.ok()) {
      err << "gameday sweep report: " << r.message << '\n';
      return to_int(ExitCode::Io);
    }
  }
  out << "report: " << (dir / "report.md").string() << " and " << (dir / "report.json").string()
      << " (" << sweep.rows.size() << " rows, " << cells.size() << " cells)\n";
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

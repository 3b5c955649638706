// The pictures of a sweep report: one SVG per headline figure, the cells side by side. Each
// cell shows its replicates as dots (the distribution), their p5 to p95 range as a band, and
// the mean with its 95 % interval as a whisker; the rates (detected, acknowledged, localised,
// mitigated, resolved) as bars with Wilson intervals. Plain text, no fonts or display needed,
// and the same bytes for the same rows.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gameday::cli {

// Per cell, each figure's values over its replicates (in replicate order).
using CellValues = std::vector<std::map<std::string, std::vector<double>>>;

// (file name, SVG) for each figure that has values; `report` as report.json holds it.
std::vector<std::pair<std::string, std::string>> sweep_figures(const nlohmann::json& report,
                                                               const CellValues& values);

}  // namespace gameday::cli

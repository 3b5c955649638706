// Reading a sweep's folder (`gameday sweep --out DIR`): its description (sweep.json) and its
// rows (rows.jsonl), checked, for `sweep report` and `compare`.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace gameday::cli {

struct SweepRows {
  nlohmann::json description;  // sweep.json of the first folder read
  std::map<std::pair<std::size_t, std::size_t>, nlohmann::json> rows;  // by (cell, replicate)
};

// A figure as reports and compare print it: four significant digits ("3.625e+04", "0.05312").
std::string figure_text(double v);

// True when `path` is a folder holding a sweep.json.
bool is_sweep_folder(const std::string& path);

// Adds a folder's rows to `sweep`: folders merged must be of one plan, and a replicate found
// twice must have one fingerprint. A torn last row (a killed sweep) is left out. False after
// printing "gameday COMMAND: ..." to `err` when the folder cannot be used.
bool read_sweep_folder(const std::string& folder, SweepRows& sweep, std::string_view command,
                       std::ostream& err);

}  // namespace gameday::cli

// Reading sweep folders; see sweep_rows.hpp. Everything read is checked for the types the
// report and compare use, so a damaged or foreign file is an error naming its line, never a
// crash.
#include "sweep_rows.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>

namespace gameday::cli {
namespace {

using nlohmann::json;

bool is_description(const json& d) {
  if (!d.is_object()) return false;
  for (const char* key : {"plan", "plan_hash", "seed", "responders"})
    if (!d.contains(key) || !d[key].is_string()) return false;
  if (!d.contains("replicates") || !d["replicates"].is_number_unsigned()) return false;
  if (!d.contains("cells") || !d["cells"].is_array()) return false;
  for (const json& cell : d["cells"]) {
    if (!cell.is_object() || !cell.contains("scenario") || !cell["scenario"].is_string() ||
        !cell.contains("set") || !cell["set"].is_array())
      return false;
    for (const json& s : cell["set"])
      if (!s.is_string()) return false;
  }
  return true;
}

bool is_row(const json& row, std::size_t cells) {
  if (!row.is_object()) return false;
  for (const char* key : {"cell", "replicate"})
    if (!row.contains(key) || !row[key].is_number_unsigned()) return false;
  if (row["cell"].get<std::size_t>() >= cells) return false;
  for (const char* key : {"seed", "fingerprint"})
    if (!row.contains(key) || !row[key].is_string()) return false;
  if (!row.contains("figures") || !row["figures"].is_object()) return false;
  for (const auto& [name, value] : row["figures"].items())
    if (!value.is_number() && !value.is_boolean() && !value.is_null()) return false;
  return true;
}

}  // namespace

std::string figure_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

bool is_sweep_folder(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path(path) / "sweep.json", ec);
}

bool read_sweep_folder(const std::string& folder, SweepRows& sweep, std::string_view command,
                       std::ostream& err) {
  const std::filesystem::path dir(folder);
  std::ifstream in(dir / "sweep.json");
  const json description = json::parse(in, nullptr, false);
  if (!in.is_open() || description.is_discarded() || !is_description(description)) {
    err << "gameday " << command << ": " << folder
        << ": not a sweep folder (no readable sweep.json)\n";
    return false;
  }
  if (sweep.description.is_null()) {
    sweep.description = description;
  } else if (description["plan_hash"] != sweep.description["plan_hash"]) {
    err << "gameday " << command << ": " << folder << ": a sweep of another plan ("
        << description["plan_hash"].get<std::string>() << ", not "
        << sweep.description["plan_hash"].get<std::string>() << ")\n";
    return false;
  }
  const std::string rows_path = (dir / "rows.jsonl").string();
  std::ifstream rows(rows_path, std::ios::binary);
  const std::size_t cells = sweep.description["cells"].size();
  int line_number = 0;
  for (std::string line; std::getline(rows, line);) {
    ++line_number;
    if (rows.eof()) break;  // a torn last line of a killed sweep: not a whole row
    const json row = json::parse(line, nullptr, false);
    if (row.is_discarded() || !is_row(row, cells)) {
      err << "gameday " << command << ": " << rows_path << ":" << line_number << ": not a row\n";
      return false;
    }
    const auto key = std::pair(row["cell"].get<std::size_t>(), row["replicate"].get<std::size_t>());
    const auto [at, fresh] = sweep.rows.emplace(key, row);
    if (!fresh && at->second["fingerprint"] != row["fingerprint"]) {
      err << "gameday " << command << ": " << rows_path << ":" << line_number << ": cell "
          << key.first << " replicate " << key.second
          << " has another fingerprint than in another folder: the sweeps differ\n";
      return false;
    }
  }
  return true;
}

}  // namespace gameday::cli

// Reading the SLOs out of the header's resolved scenario. The scenario JSON is the simulator's
// own output (sim/src/scenario_json.cpp), so a missing or mistyped key is a foreign or damaged
// record: it becomes a note on the scorecard, never an exception out of score().
#include "scenario_slos.hpp"

#include <nlohmann/json.hpp>

namespace gameday::scoring {
namespace {

using nlohmann::json;

std::optional<SloSpec> spec_from(const json& j) {
  if (!j.is_object() || !j.contains("objective") || !j["objective"].is_number() ||
      !j.contains("window_ns") || !j["window_ns"].is_number_integer())
    return std::nullopt;
  SloSpec s;
  s.name = j.value("name", std::string());
  if (j.contains("sli") && j["sli"].is_string()) s.sli = j["sli"].get<std::string>();
  if (j.contains("service") && j["service"].is_string())
    s.service = j["service"].get<std::string>();
  if (j.contains("journey") && j["journey"].is_string())
    s.journey = j["journey"].get<std::string>();
  s.objective = j["objective"].get<double>();
  s.window = Duration::from_ns(j["window_ns"].get<std::int64_t>());
  if (s.objective <= 0 || s.objective >= 1 || s.window.ns() <= 0) return std::nullopt;
  return s;
}

}  // namespace

std::vector<std::optional<SloSpec>> read_slo_specs(const eventlog::Header& header,
                                                   std::vector<std::string>& notes) {
  std::vector<std::optional<SloSpec>> out(header.names.slos.size());
  if (out.empty()) return out;
  const json scenario = json::parse(header.scenario_json, nullptr, /*allow_exceptions=*/false);
  if (!scenario.is_object() || !scenario.contains("slos") || !scenario["slos"].is_array()) {
    notes.push_back("the header's scenario has no readable 'slos': SLO figures are missing");
    return out;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const json& j : scenario["slos"]) {
      if (j.is_object() && j.value("name", std::string()) == header.names.slos[i]) {
        out[i] = spec_from(j);
        break;
      }
    }
    if (!out[i])
      notes.push_back("SLO '" + header.names.slos[i] +
                      "' has no usable objective and window in the header's scenario; it is "
                      "left out");
  }
  return out;
}

}  // namespace gameday::scoring

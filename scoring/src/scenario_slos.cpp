// Reading the SLOs and the scoring targets out of the header's resolved scenario. The scenario JSON
// is the simulator's own output (sim/src/scenario_json.cpp), so a missing or mistyped key is a
// foreign or damaged record: it becomes a note on the scorecard, never an exception out of score().
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

ScoringTargets read_scoring_targets(const eventlog::Header& header,
                                    std::vector<std::string>& notes) {
  ScoringTargets out;
  const json scenario = json::parse(header.scenario_json, nullptr, /*allow_exceptions=*/false);
  if (!scenario.is_object() || !scenario.contains("scoring")) return out;
  const json& scoring = scenario["scoring"];
  if (!scoring.is_object() || !scoring.contains("targets") || scoring["targets"].is_null())
    return out;
  const json& t = scoring["targets"];
  if (!t.is_object()) {
    notes.push_back(
        "the header's scenario has a 'scoring.targets' that is not an object; no "
        "targets are checked");
    return out;
  }
  const auto duration = [&](const char* key) -> std::optional<Duration> {
    if (!t.contains(key) || t[key].is_null()) return std::nullopt;
    if (!t[key].is_number_integer() || t[key].get<std::int64_t>() < 0) {
      notes.push_back(std::string("scoring.targets.") + key +
                      " is not a duration in nanoseconds; it is not checked");
      return std::nullopt;
    }
    return Duration::from_ns(t[key].get<std::int64_t>());
  };
  for (const char* name : {"time_to_detect", "time_to_acknowledge", "time_to_declare",
                           "time_to_mitigate", "time_to_recover"}) {
    if (const auto d = duration((std::string(name) + "_ns").c_str()))
      out.durations.emplace_back(name, *d);
  }
  if (t.contains("error_budget") && !t["error_budget"].is_null()) {
    if (t["error_budget"].is_number() && t["error_budget"].get<double>() >= 0)
      out.error_budget = t["error_budget"].get<double>();
    else
      notes.push_back("scoring.targets.error_budget is not a share; it is not checked");
  }
  out.update_first = duration("status_update_first_ns");
  out.update_every = duration("status_update_every_ns");
  if (out.update_every && out.update_every->ns() == 0) {
    notes.push_back("scoring.targets.status_update_every_ns is 0; the default is used");
    out.update_every.reset();
  }
  return out;
}

}  // namespace gameday::scoring

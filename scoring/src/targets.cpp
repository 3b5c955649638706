// The scenario's scoring targets checked against a scorecard. A duration target holds for the
// worst incident; an incident that needed the figure but never reached it (impact never
// detected, a page never acknowledged) misses it. Definitions: docs/scoring.md, "Targets".
#include "targets.hpp"

#include <algorithm>

#include "report_common.hpp"

namespace gameday::scoring {
namespace {

using Figure = std::optional<Duration> Incident::*;

Figure figure_of(const std::string& name) {
  if (name == "time_to_detect") return &Incident::time_to_detect;
  if (name == "time_to_acknowledge") return &Incident::time_to_acknowledge;
  if (name == "time_to_declare") return &Incident::time_to_declare;
  if (name == "time_to_mitigate") return &Incident::time_to_mitigate;
  return &Incident::time_to_recover;
}

// Whether an incident needed the figure: acknowledgement needs a page; recovery always; the
// others need an impact.
bool needs(const Incident& inc, const std::string& name) {
  if (name == "time_to_acknowledge") return inc.first_page.has_value();
  if (name == "time_to_recover") return true;
  return inc.impact_start.has_value();
}

TargetResult duration_target(const Scorecard& card, const std::string& name, Duration target) {
  TargetResult r{name, "ns", static_cast<double>(target.ns()), std::nullopt, std::nullopt};
  const Figure f = figure_of(name);
  bool missing = false;
  bool any = false;
  for (const Incident& inc : card.incidents) {
    const std::optional<Duration>& d = inc.*f;
    if (!d) {
      missing = missing || needs(inc, name);
      continue;
    }
    any = true;
    if (!r.actual || static_cast<double>(d->ns()) > *r.actual)
      r.actual = static_cast<double>(d->ns());
  }
  if (missing)
    r.met = false;
  else if (any)
    r.met = *r.actual <= r.target;
  return r;
}

}  // namespace

std::vector<TargetResult> check_targets(const model::ScoringTargets& targets,
                                        const Scorecard& card) {
  std::vector<TargetResult> out;
  for (const auto& [name, target] : {std::pair{"time_to_detect", targets.time_to_detect},
                                     {"time_to_acknowledge", targets.time_to_acknowledge},
                                     {"time_to_declare", targets.time_to_declare},
                                     {"time_to_mitigate", targets.time_to_mitigate},
                                     {"time_to_recover", targets.time_to_recover}})
    if (target) out.push_back(duration_target(card, name, *target));
  if (targets.error_budget) {
    TargetResult r{"error_budget", "share", *targets.error_budget, 0.0, true};
    for (const auto& [slo, used] : budget_by_slo(card)) r.actual = std::max(*r.actual, used);
    r.met = *r.actual <= r.target;
    out.push_back(r);
  }
  if (targets.status_update_first || targets.status_update_every) {
    TargetResult r{"status_updates", "count", 0, 0.0, std::nullopt};
    for (const Incident& inc : card.incidents) {
      if (!inc.process.updates.on_cadence) continue;
      *r.actual += inc.process.updates.late;
      r.met = *r.actual <= 0;
    }
    if (!r.met) r.actual.reset();  // no declared incident: nothing to measure
    out.push_back(r);
  }
  return out;
}

}  // namespace gameday::scoring

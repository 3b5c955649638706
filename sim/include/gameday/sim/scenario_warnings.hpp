// Likely authoring mistakes in a scenario that loads: valid, but probably not what was meant.
//
// A separate pass over the loaded Scenario, after the loader found no errors; `gameday check`
// prints what it finds as warnings (file:line:col: warning: path: message), which never fail
// the check. docs/cli.md lists the warnings and the rules behind them:
// - a fault whose target matches nothing (an edge that is not a call, a zone without
//   instances, two zones no call crosses, more instances than replicas, a cache loss where
//   there is no cache), or that starts after the run ends;
// - a fault that no alert could detect: no alert rule watches a service it affects, nor any
//   service that calls one, directly or not;
// - an SLO that no burn-rate alert watches;
// - a runbook that can never start, because every alert it names is a ticket;
// - a fault that lasts `until: {action: ...}` when no runbook step takes that action (or
//   another that ends the fault), so the automatic on-call can never fix it.
#pragma once

#include "gameday/core/diagnostics.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {

// Appends the warnings about `loaded` to `diags`, located with `loaded.where(path)`.
void warn_scenario(const LoadedScenario& loaded, Diagnostics& diags);

}  // namespace gameday::sim

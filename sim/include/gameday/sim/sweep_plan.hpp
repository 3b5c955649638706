// A sweep plan: which scenarios to run, how many replicates of each cell, and the grid of
// scenario overrides whose product makes the cells (docs/sweeps.md).
//
//   scenario: scenarios/orders-db-slow.yaml   # or a list; relative to the plan file
//   seed: 42                                  # the root seed
//   replicates: 50                            # per cell
//   responders: auto                          # none | auto | FILE (relative to the plan)
//   duration: 30m                             # optional: each run's simulated duration
//   set: { PATH: VALUE, ... }                 # optional: overrides for every cell
//   grid: { PATH: [VALUE, ...], ... }         # the cells: the product of these values
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/core/time.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {

// One grid dimension: a path and the values it takes, each with where the plan wrote it.
struct SweepAxis {
  std::string path;
  std::vector<ScenarioOverride> values;
};

struct SweepPlan {
  std::string file;
  std::uint64_t hash = 0;              // fnv1a64 of the plan's bytes: shards must agree on it
  std::vector<std::string> scenarios;  // paths, resolved against the plan's folder
  std::uint64_t seed = 0;
  int replicates = 0;
  std::string responders = "none";  // none, auto, or a script or record (a resolved path)
  std::optional<Duration> duration;
  std::vector<ScenarioOverride> set;
  std::vector<SweepAxis> grid;

  // Cells in order: scenario first, then the axes in the plan's order, the last fastest.
  std::size_t cell_count() const;
  // Cell `c`'s scenario index and its overrides (`set`, then one value per axis).
  std::size_t scenario_of(std::size_t cell) const;
  std::vector<ScenarioOverride> overrides_of(std::size_t cell) const;
};

inline constexpr int sweep_replicates_max = 1'000'000;
inline constexpr std::size_t sweep_cells_max = 10'000;

// Reads and checks a plan (file:line:col diagnostics; the scenarios themselves are loaded by
// the caller, with each cell's overrides).
std::optional<SweepPlan> load_sweep_plan(const std::string& path, Diagnostics& diags);
// The same for a plan's text; `file` names it in messages and anchors relative paths.
std::optional<SweepPlan> load_sweep_plan_text(std::string_view text, const std::string& file,
                                              Diagnostics& diags);

// Replicate i's seed: a pure function of the root seed and i, the same in every cell (so
// cells are compared on the same random streams) and however the work is split.
std::uint64_t replicate_seed(std::uint64_t root, std::uint64_t replicate);

}  // namespace gameday::sim

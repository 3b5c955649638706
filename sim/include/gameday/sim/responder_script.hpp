// Commands to submit at given simulated times: a responder script, or the commands of a
// recorded run, for dry runs, tests and what-if re-runs of a played game.
//
// A script is a text file, one command per line: `TIME RESPONDER: COMMAND`, e.g.
// `12m30s alice: failover orders-db`; `#` starts a comment. A record (a run folder or its
// events.jsonl) gives its `command` events, at their recorded times, in their recorded order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/core/time.hpp"
#include "gameday/sim/simulation.hpp"

namespace gameday::sim {

struct ScriptedCommand {
  Time at;
  CommandInput input;
};

// The largest responder script read (a record given instead has the record's limit).
inline constexpr std::uint64_t script_bytes_max = std::uint64_t{1} << 20;

// Reads either kind of file, in time order (a script's lines need not be sorted; equal times
// keep their order). A script's commands are checked against `scenario` (a record's are kept
// as they were, rejected ones included). Problems go to `diags` with file, line and column;
// nullopt on any error. A script's warnings: bytes that are not UTF-8 (read as U+FFFD) and
// commands at or after the end of `scenario.duration` (never submitted).
std::optional<std::vector<ScriptedCommand>> load_responder_commands(const std::string& path,
                                                                    const Scenario& scenario,
                                                                    Diagnostics& diags);

}  // namespace gameday::sim

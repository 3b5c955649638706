// What the fuzz targets share: the input as text, the fixture they run against
// (tests/fuzz/fixture.yaml and the scoring tests' responder script), short in-memory runs and
// how a broken invariant ends the run. The targets call public entry points only, so they keep
// working whatever the modules do inside.
//
// A broken invariant calls fail(), which prints what broke and aborts: libFuzzer then saves the
// input as a crash, like one the sanitizers found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/core/time.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/sim/responder_script.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] void fail(std::string_view what, const Diagnostics& diags = {});

// Loads tests/fuzz/fixture.yaml once.
const sim::LoadedScenario& fixture();
// The fixture's responder script (tests/data/scoring/small-response.script), loaded once.
const std::vector<sim::ScriptedCommand>& fixture_commands();

// Runs `scenario` from its start to `until` (at most its end), submitting `commands` at their
// times, and returns the record, ended as the command line ends it ("completed", "ended" after
// `!end`, "interrupted" when stopped before the end).
std::string run_record(const sim::Scenario& scenario,
                       const std::vector<sim::ScriptedCommand>& commands, Time until);
// The fixture run with its script, to its end; made once.
const std::string& fixture_record();

// Reads back a record the writer made: the writer must never produce a line its own reader
// refuses, so any error fails.
eventlog::Record read_back(const std::string& text, std::string_view what);

// Writes `bytes` to this process's scratch file (for entry points that read a path) and
// returns its path.
const std::string& scratch_file(std::string_view bytes);

}  // namespace gameday::fuzz

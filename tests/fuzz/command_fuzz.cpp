// Fuzz target: the responders' command language against the fixture scenario: parsing a line
// (the console, scripts, runbooks and replays all use this parser), Tab completion of it and
// the help for it as a topic. Invariants: no crash or sanitizer report; a refused line says
// why; a command's normal form parses back to a command with the same normal form (faults'
// `until: {action}` and the scorecard compare commands by it).
#include "fuzz_support.hpp"
#include "gameday/sim/command.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sim::Scenario& s = fuzz::fixture().scenario;
  const std::string_view line = fuzz::as_text(data, size);
  (void)sim::complete_command(s, line);
  (void)sim::command_help(line);
  const sim::ParsedCommand parsed = sim::parse_command(s, line);
  if (!parsed.command) {
    if (parsed.error.empty()) fuzz::fail("a refused command without an error");
    return 0;
  }
  const std::string canonical = parsed.command->canonical(s);
  const sim::ParsedCommand again = sim::parse_command(s, canonical);
  if (!again.command)
    fuzz::fail("the normal form '" + canonical + "' does not parse: " + again.error);
  if (again.command->canonical(s) != canonical)
    fuzz::fail("the normal form '" + canonical + "' parses to '" + again.command->canonical(s) +
               "'");
  return 0;
}

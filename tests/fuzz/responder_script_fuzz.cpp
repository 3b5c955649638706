// Fuzz target: a responder script (`run --responders FILE`) against the fixture scenario, and
// the run it drives: the script is read, its commands submitted at their times in a run of the
// fixture, and the record read back. Invariants: no crash or sanitizer report; a refused
// script has at least one error; the reader accepts every line the writer wrote (what people
// type ends up in the record).
#include "fuzz_support.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sim::LoadedScenario& fixture = fuzz::fixture();
  const std::string& path = fuzz::scratch_file(fuzz::as_text(data, size));
  Diagnostics diags;
  const auto commands = sim::load_responder_commands(path, fixture.scenario, diags);
  if (!commands) {
    if (!diags.has_errors()) fuzz::fail("a refused script without an error", diags);
    return 0;
  }
  fuzz::read_back(fuzz::run_record(fixture.scenario, *commands, Time::max()), "a scripted run");
  return 0;
}

// Fuzz target: the scenario loader (`gameday check`) and its warnings, on any bytes.
// Invariants: no crash, hang or sanitizer report; a refused scenario has at least one error.
#include "fuzz_support.hpp"
#include "gameday/sim/scenario_warnings.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Diagnostics diags;
  const auto loaded = sim::load_scenario_text(fuzz::as_text(data, size), "fuzz.yaml", diags);
  if (!loaded && !diags.has_errors())
    fuzz::fail("the loader refused a scenario without saying why", diags);
  if (loaded) sim::warn_scenario(*loaded, diags);
  for (const Diagnostic& d : diags.sorted()) (void)d.format();
  return 0;
}

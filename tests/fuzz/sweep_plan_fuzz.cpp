// Fuzz target: sweep plans (`gameday sweep PLAN`) and the scenario overrides they make, on any
// bytes. A plan that reads has its first cells' overrides applied to the fixture scenario, as
// the sweep does before anything runs. Invariants: no crash, hang or sanitizer report; a
// refused plan or scenario has at least one error.
#include "fuzz_support.hpp"
#include "gameday/core/input_file.hpp"
#include "gameday/sim/sweep_plan.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string fixture_text = read_input_file(GAMEDAY_FUZZ_FIXTURE, 1 << 20).text;
  Diagnostics diags;
  const auto plan = sim::load_sweep_plan_text(fuzz::as_text(data, size), "fuzz-plan.yaml", diags);
  if (!plan && !diags.has_errors()) fuzz::fail("the plan was refused without saying why", diags);
  if (plan)
    for (std::size_t c = 0; c < std::min<std::size_t>(plan->cell_count(), 4); ++c) {
      Diagnostics cell_diags;
      const auto overrides = plan->overrides_of(c);
      const auto loaded =
          sim::load_scenario_text(fixture_text, "fixture.yaml", cell_diags, overrides);
      if (!loaded && !cell_diags.has_errors())
        fuzz::fail("a cell's scenario was refused without saying why", cell_diags);
      for (const Diagnostic& d : cell_diags.sorted()) (void)d.format();
    }
  for (const Diagnostic& d : diags.sorted()) (void)d.format();
  return 0;
}

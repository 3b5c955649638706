// Fuzz target: an SLO file a scenario imports (a Sloth spec or OpenSLO documents), on any bytes.
// The input is written to a file the fixed scenario below imports, as `gameday check` reads it.
// Invariants: no crash, hang or sanitizer report; a refused scenario has at least one error.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz_support.hpp"

using namespace gameday;

namespace {

constexpr std::string_view scenario = R"(scenario: importing
services:
  - { name: storefront, calls: [{ to: checkout, timeout: 1s }] }
  - { name: checkout }
traffic:
  - { name: shoppers, to: storefront, rate: 50/s }
slos:
  - import: slos.yaml
)";

// A folder of this process's own, for the imported file.
const std::filesystem::path& folder() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("gameday-fuzz-slo-import-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::ofstream(folder() / "slos.yaml", std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  Diagnostics diags;
  const auto loaded =
      sim::load_scenario_text(scenario, (folder() / "scenario.yaml").string(), diags);
  if (!loaded && !diags.has_errors())
    fuzz::fail("the loader refused an import without saying why", diags);
  for (const Diagnostic& d : diags.sorted()) (void)d.format();
  return 0;
}

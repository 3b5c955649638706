// The warnings pass (sim/scenario_warnings.hpp) over the fixtures in tests/data/warnings: each
// fixture gives exactly the listed warnings, at the listed places, and nothing else; clean
// scenarios give none; a loaded scenario remembers where its keys were written.
#include "gameday/sim/scenario_warnings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {
namespace {

const std::string data = std::string(GAMEDAY_SOURCE_DIR) + "/tests/data/";

// "line:col: path: message" of each warning, in file order; fails on load errors.
std::vector<std::string> warnings_of(const std::string& relative) {
  Diagnostics diags;
  const auto loaded = load_scenario_file(data + relative, diags);
  EXPECT_TRUE(loaded.has_value());
  for (const Diagnostic& d : diags.items()) ADD_FAILURE() << d.format();
  if (!loaded) return {};
  Diagnostics warnings;
  warn_scenario(*loaded, warnings);
  std::vector<std::string> out;
  for (const Diagnostic& d : warnings.sorted()) {
    EXPECT_EQ(d.severity, gameday::Severity::Warning) << d.format();
    EXPECT_EQ(d.where.file, data + relative);
    out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                  d.path + ": " + d.message);
  }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(ScenarioWarnings, FaultTargetsThatMatchNothing) {
  EXPECT_EQ(join(warnings_of("warnings/target_matches_nothing.yaml")),
            "37:13: faults[0].target: web does not call db: fault 'not-a-call' matches no "
            "calls\n"
            "42:13: faults[1].target: no instance runs in zone 'c' (no service lists it in its "
            "zones, or has replicas enough to be placed there): the zone outage changes "
            "nothing\n"
            "47:40: faults[2].target.instances: instances: 5 is more than api's 2 replicas; the "
            "fault affects all 2\n"
            "51:13: faults[3].target: no call goes between an instance in zone 'b' and one in "
            "zone 'c': the partition changes nothing\n"
            "56:13: faults[4].target: there is no cache in front of web->api (a cache is a call "
            "with a probability below 100%, its miss ratio): the cache loss changes nothing\n"
            "61:9: faults[5].at: fault 'too-late' starts at 2h, when the run is over (duration "
            "1h): it never happens\n");
}

TEST(ScenarioWarnings, FaultsNoAlertCouldDetect) {
  EXPECT_EQ(join(warnings_of("warnings/undetectable_fault.yaml")),
            "47:13: faults[1].target: no alert could detect fault 'warehouse-slow': no alert "
            "rule watches warehouse or a service that calls it (add an SLO with a burn-rate "
            "alert, or a threshold rule, on one of them or on a service upstream)\n"
            "52:13: faults[2].target: no alert could detect fault 'jobs-surge': no alert rule "
            "watches batch, warehouse or a service that calls them (add an SLO with a burn-rate "
            "alert, or a threshold rule, on one of them or on a service upstream)\n"
            "58:13: faults[3].target: no alert could detect fault 'batch-to-warehouse': no "
            "alert rule watches batch or a service that calls it (add an SLO with a burn-rate "
            "alert, or a threshold rule, on one of them or on a service upstream)\n"
            // A DNS failure shows at the callers, not at the service whose name fails.
            "68:13: faults[5].target: no alert could detect fault 'warehouse-dns': no "
            "alert rule watches batch or a service that calls it (add an SLO with a burn-rate "
            "alert, or a threshold rule, on one of them or on a service upstream)\n");
}

TEST(ScenarioWarnings, SlosWithoutAlertsRunbooksThatNeverStartAndUnmitigatedFaults) {
  EXPECT_EQ(join(warnings_of("warnings/slos_and_runbooks.yaml")),
            "21:13: slos[1].name: no alert watches SLO 'web-latency': its error budget can run "
            "out without anyone being told (add an alert with burn_rate: {slo: web-latency, "
            "preset: page_fast})\n"
            "39:22: faults[0].until.action: no runbook step runs 'restart api' or another action "
            "that ends fault 'api-hang': with --responders auto nobody mitigates it, and it "
            "lasts to the end of the run\n"
            "56:13: runbooks[0].alerts: runbook 'quiet' can never start: every alert it names is "
            "a ticket, and only pages start a runbook\n");
}

// A library scenario is an example people copy: it has no likely mistakes either.
TEST(ScenarioWarnings, LibraryScenariosHaveNone) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(data + "../../scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 2U);
  for (const std::string& file : files)
    EXPECT_EQ(join(warnings_of("../../scenarios/" + file)), "") << file;
  EXPECT_EQ(join(warnings_of("good/minimal.yaml")), "");
}

TEST(ScenarioLocations, EveryKeyAndItemIsLocatedByPath) {
  Diagnostics diags;
  const auto loaded = load_scenario_text(
      "scenario: x\n"
      "services:\n"
      "  - name: a\n"
      "    calls: [{to: b}]\n"
      "  - name: b\n"
      "traffic: [{to: a, rate: 1/s}]\n"
      "slos:\n"
      "  - name: s\n"
      "    service: a\n"
      "    objective:\n",
      "x.yaml", diags);
  ASSERT_FALSE(loaded.has_value());  // objective is empty: no locations for a failed load
  Diagnostics ok;
  const auto good = load_scenario_text(
      "scenario: x\n"
      "services:\n"
      "  - name: a\n"
      "    calls: [{to: b}]\n"
      "  - name: b\n"
      "traffic: [{to: a, rate: 1/s}]\n",
      "x.yaml", ok);
  ASSERT_TRUE(good.has_value());
  const auto at = [&](std::string_view path) {
    const SourceLocation l = good->where(path);
    return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
  };
  EXPECT_EQ(at("scenario"), "x.yaml:1:11");
  EXPECT_EQ(at("services[0]"), "x.yaml:3:5");
  EXPECT_EQ(at("services[0].calls[0].to"), "x.yaml:4:18");
  EXPECT_EQ(at("services[1].name"), "x.yaml:5:11");
  // Unknown paths fall back to the nearest known ancestor, then to the file.
  EXPECT_EQ(at("services[1].calls[3].timeout"), "x.yaml:5:5");
  EXPECT_EQ(at("nothing.here"), "x.yaml:0:0");
}

}  // namespace
}  // namespace gameday::sim

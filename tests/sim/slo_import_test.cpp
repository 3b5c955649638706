// Importing SLOs: a Sloth spec and OpenSLO documents give exactly the SLOs and alert rules of the
// scenario that spells them out (tests/data/import), the imported files are part of the content
// hash, and what the subset cannot express is an error in the imported file, at its place.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gameday/eventlog/scenario_json.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {
namespace {

const std::string import_dir = std::string(GAMEDAY_SOURCE_DIR) + "/tests/data/import/";

std::string messages(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.sorted()) out += d.format() + "\n";
  return out;
}

LoadedScenario load(const std::string& path) {
  Diagnostics diags;
  auto loaded = load_scenario_file(path, diags);
  EXPECT_TRUE(loaded) << messages(diags);
  return loaded ? std::move(*loaded) : LoadedScenario{};
}

TEST(SloImport, SlothAndOpenSloGiveWhatTheScenarioSpellsOut) {
  const LoadedScenario imported = load(import_dir + "imports.yaml");
  const LoadedScenario spelled = load(import_dir + "spelled_out.yaml");
  ASSERT_EQ(imported.scenario.slos.size(), 3u);
  ASSERT_EQ(imported.scenario.monitoring.alerts.size(), 9u);
  EXPECT_EQ(eventlog::scenario_to_json(imported.scenario),
            eventlog::scenario_to_json(spelled.scenario));

  const SloSpec& latency = imported.scenario.slos[1];
  EXPECT_EQ(latency.kind, SloSpec::Kind::Latency);
  EXPECT_EQ(latency.latency_threshold, ms(250));
  const AlertRule& fast = imported.scenario.monitoring.alerts[7];
  EXPECT_EQ(fast.name, "storefront-availability-fast-burn");
  EXPECT_EQ(fast.burn_rate.short_window, Duration{});  // OpenSLO's single window
  EXPECT_EQ(fast.burn_rate.long_window, minutes(5));
  EXPECT_EQ(fast.for_duration, minutes(1));
}

class SloImportFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("gameday-slo-import-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  // A scenario importing `slos.yaml` (whose text is `slo_file`), loaded; the diagnostics.
  std::string load_importing(const std::string& slo_file,
                             const std::string& import_item = "{ import: slos.yaml }") {
    write("slos.yaml", slo_file);
    write("scenario.yaml",
          "scenario: t\n"
          "services:\n"
          "  - { name: checkout }\n"
          "traffic:\n"
          "  - { name: users, to: checkout, rate: 10/s }\n"
          "slos:\n"
          "  - " +
              import_item +
              "\n"
              "alerts:\n"
              "  - { name: taken-page_fast, severity: page, metric: error_ratio, service: "
              "checkout, window: 1m, above: 0.5 }\n");
    Diagnostics diags;
    loaded_ = load_scenario_file((dir_ / "scenario.yaml").string(), diags);
    return messages(diags);
  }

  std::filesystem::path dir_;
  std::optional<LoadedScenario> loaded_;
};

const std::string sloth_head =
    "version: prometheus/v1\n"
    "service: checkout\n"
    "slos:\n"
    "  - name: avail\n"
    "    objective: 99.9\n";

TEST_F(SloImportFiles, TheImportedFileIsPartOfTheContentHash) {
  const std::string sli = "    sli: { raw: { error_ratio_query: 'x' } }\n";
  EXPECT_EQ(load_importing(sloth_head + sli), "");
  ASSERT_TRUE(loaded_);
  const auto first = loaded_->content_hash;
  EXPECT_EQ(load_importing("version: prometheus/v1\nservice: checkout\nslos:\n  - name: avail\n"
                           "    objective: 99.5\n" +
                           sli),
            "");
  ASSERT_TRUE(loaded_);
  EXPECT_NE(loaded_->content_hash, first);
  EXPECT_DOUBLE_EQ(loaded_->scenario.slos[0].objective, 0.995);
}

TEST_F(SloImportFiles, TheImportSaysWhatTheSlosMeasure) {
  EXPECT_EQ(load_importing("version: prometheus/v1\nservice: shop\nslos:\n  - name: avail\n"
                           "    objective: 99.9\n    sli: { raw: { error_ratio_query: 'x' } }\n",
                           "{ import: slos.yaml, journey: users }"),
            "");
  ASSERT_TRUE(loaded_);
  ASSERT_TRUE(loaded_->scenario.slos[0].journey);
  EXPECT_EQ(loaded_->scenario.slos[0].journey->index(), 0u);
}

struct ImportError {
  const char* name;
  const char* slo_file;
  const char* expected;  // a whole diagnostic line, FILE replaced by the imported file's path
};

// clang-format off
const ImportError import_errors[] = {
  {"UnknownService",
   "version: prometheus/v1\nservice: checkot\nslos:\n  - name: avail\n    objective: 99.9\n"
   "    sli: { raw: { error_ratio_query: 'x' } }\n",
   "slos.yaml:2:10: error: service: unknown service 'checkot' (did you mean 'checkout'?)"},
  {"SlothPlugin",
   "version: prometheus/v1\nservice: checkout\nslos:\n  - name: avail\n    objective: 99.9\n"
   "    sli:\n      plugin: { id: sloth-common/availability }\n",
   "slos.yaml:7:7: error: slos[0].sli: Sloth SLI plugins are not imported; write the SLI as "
   "events or raw"},
  {"ObjectiveOutOfRange",
   "version: prometheus/v1\nservice: checkout\nslos:\n  - name: avail\n    objective: 100\n"
   "    sli: { raw: { error_ratio_query: 'x' } }\n",
   "slos.yaml:5:16: error: slos[0].objective: expected an objective more than 0 and less than "
   "100, got '100'"},
  {"TwoLatencyBuckets",
   "version: prometheus/v1\nservice: checkout\nslos:\n  - name: fast\n    objective: 99\n"
   "    sli:\n      events:\n        error_query: 'x{le=\"0.25\"}'\n"
   "        total_query: 'x{le=\"0.5\"}'\n",
   "slos.yaml:9:22: error: slos[0].sli.events.total_query: this SLI names two latency buckets "
   "(le=\"0.5\" here, 250ms at line 8); gameday imports a latency SLI with one threshold"},
  {"AlertNameTaken",
   "version: prometheus/v1\nservice: checkout\nslos:\n  - name: avail\n    objective: 99.9\n"
   "    sli: { raw: { error_ratio_query: 'x' } }\n    alerting: { name: taken }\n",
   "slos.yaml:7:23: error: slos[0].alerting.name: duplicate alert name 'taken-page_fast' (first "
   "defined at line 9)"},
  {"OpenSloThresholdMetric",
   "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: p99 }\nspec:\n  service: checkout\n"
   "  indicator:\n    metadata: { name: p99 }\n    spec:\n      thresholdMetric: { metricSource: {} }\n"
   "  objectives: [{ op: lt, value: 0.3, target: 0.99 }]\n",
   "slos.yaml:9:7: error: spec.indicator.spec: threshold metrics (a value compared with the "
   "objective's op and value) are not imported; gameday's SLOs count good and bad requests "
   "(ratioMetric)"},
  {"OpenSloUnknownCondition",
   "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: avail }\nspec:\n  service: checkout\n"
   "  indicator:\n    metadata: { name: ok }\n    spec: { ratioMetric: { counter: true } }\n"
   "  objectives: [{ target: 0.99 }]\n"
   "  alertPolicies:\n    - kind: AlertPolicy\n      metadata: { name: p }\n"
   "      spec: { conditions: [{ conditionRef: fast-brun }] }\n"
   "---\n"
   "apiVersion: openslo/v1\nkind: AlertCondition\nmetadata: { name: fast-burn }\n"
   "spec: { severity: page, condition: { kind: burnrate, threshold: 10, lookbackWindow: 5m } }\n",
   "slos.yaml:13:44: error: spec.alertPolicies[0].spec.conditions[0].conditionRef: no "
   "AlertCondition named 'fast-brun' in this file (did you mean 'fast-burn'?)"},
  {"OpenSloCalendarWindow",
   "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: avail }\nspec:\n  service: checkout\n"
   "  indicator:\n    metadata: { name: ok }\n    spec: { ratioMetric: { counter: true } }\n"
   "  timeWindow: [{ duration: 1M, calendar: { startTime: 2024-01-01, timeZone: UTC } }]\n"
   "  objectives: [{ target: 0.99 }]\n",
   "slos.yaml:9:16: error: spec.timeWindow[0]: calendar windows are not imported; gameday's SLO "
   "windows roll"},
  {"OpenSloSeverity",
   "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: avail }\nspec:\n  service: checkout\n"
   "  indicator:\n    metadata: { name: ok }\n    spec: { ratioMetric: { counter: true } }\n"
   "  objectives: [{ target: 0.99 }]\n"
   "  alertPolicies:\n    - kind: AlertPolicy\n      metadata: { name: p }\n"
   "      spec:\n        conditions:\n          - kind: AlertCondition\n"
   "            metadata: { name: c }\n"
   "            spec: { severity: critical, condition: { kind: burnrate, threshold: 10, "
   "lookbackWindow: 5m } }\n",
   "slos.yaml:17:31: error: spec.alertPolicies[0].spec.conditions[0].spec.severity: unknown "
   "value 'critical' for severity; expected one of page, ticket"},
  {"NotAnSloFile", "scenario: oops\nservices: []\n",
   "slos.yaml:1:1: error: not an SLO file gameday imports: expected a Sloth spec (version: "
   "prometheus/v1) or OpenSLO documents (apiVersion: openslo/v1)"},
};
// clang-format on

class SloImportError : public SloImportFiles, public ::testing::WithParamInterface<ImportError> {};

TEST_P(SloImportError, IsReportedInTheImportedFile) {
  const std::string got = load_importing(GetParam().slo_file);
  EXPECT_FALSE(loaded_);
  const std::string expected = (dir_ / "").string() + GetParam().expected;
  EXPECT_NE(got.find(expected), std::string::npos) << "expected: " << expected << "\ngot:\n" << got;
}

INSTANTIATE_TEST_SUITE_P(Cases, SloImportError, ::testing::ValuesIn(import_errors),
                         [](const auto& test) { return std::string(test.param.name); });

TEST_F(SloImportFiles, AMissingFileIsReportedAtTheImport) {
  write("scenario.yaml",
        "scenario: t\nservices:\n  - { name: checkout }\ntraffic:\n"
        "  - { name: users, to: checkout, rate: 10/s }\nslos:\n  - import: nowhere.yaml\n");
  Diagnostics diags;
  EXPECT_FALSE(load_scenario_file((dir_ / "scenario.yaml").string(), diags));
  const std::string expected = (dir_ / "scenario.yaml").string() +
                               ":7:13: error: slos[0].import: " + "cannot read '" +
                               (dir_ / "nowhere.yaml").string() + "'";
  EXPECT_NE(messages(diags).find(expected), std::string::npos) << messages(diags);
}

}  // namespace
}  // namespace gameday::sim

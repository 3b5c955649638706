// Loading `faults`: each broken fixture in tests/data/bad_faults is reported at the right
// place with the right words, and a valid list loads with exact values.
#include <gtest/gtest.h>

#include <string>

#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {
namespace {

struct BadFault {
  const char* file;
  const char* where;  // "line:col"
  const char* message;
};

// clang-format off
const BadFault bad_faults[] = {
  {"unknown_kind.yaml", "10:22", "faults[0].kind: unknown value 'crahs' for kind; expected one of crash,"},
  {"param_of_another_kind.yaml", "10:49", "faults[0]: unknown key 'add'"},
  {"missing_add.yaml", "10:5", "faults[0]: missing required key 'add'"},
  {"unknown_target_service.yaml", "10:39", "unknown service 'dbb' (did you mean 'db'?)"},
  {"edge_kind_with_service_target.yaml", "10:43", "targets a dependency edge: write {from: A, to: B}"},
  {"unknown_zone.yaml", "10:43", "faults[0].target: unknown zone 'c'"},
  {"partition_three_zones.yaml", "10:50", "a partition separates exactly two zones"},
  {"duplicate_fault_name.yaml", "11:13", "duplicate fault name 'x' (first defined at line 10)"},
  {"capacity_factor_below_one.yaml", "10:65", "the factor must be at least 1x"},
  {"bad_growth.yaml", "10:63", "expected a growth like 10%/min, got 'fast'"},
  {"random_without_mtbf.yaml", "10:49", "faults[0].random: missing required key 'mtbf'"},
  {"unknown_source.yaml", "10:45", "unknown traffic source 'userz' (did you mean 'users'?)"},
  {"target_instances_on_latency.yaml", "9:57", "faults[0].target: unknown key 'instances'"},
  {"target_zones_on_packet_loss.yaml", "10:45", "faults[0].target: unknown key 'zones'"},
};
// clang-format on

class BadFaultFile : public ::testing::TestWithParam<BadFault> {};

TEST_P(BadFaultFile, IsReportedWhereTheProblemIs) {
  const BadFault& c = GetParam();
  const std::string path = std::string(GAMEDAY_SOURCE_DIR) + "/tests/data/bad_faults/" + c.file;
  Diagnostics diags;
  EXPECT_FALSE(load_scenario_file(path, diags).has_value());
  ASSERT_EQ(diags.error_count(), 1u);
  const std::string text = diags.items()[0].format();
  EXPECT_EQ(text.rfind(path + ":" + c.where + ": error: ", 0), 0u) << text;
  EXPECT_NE(text.find(c.message), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(Table, BadFaultFile, ::testing::ValuesIn(bad_faults),
                         [](const auto& param_info) {
                           std::string name = param_info.param.file;
                           name.resize(name.find('.'));
                           return name;
                         });

TEST(FaultLoader, LoadsEveryKindWithItsParameters) {
  const std::string yaml = R"(
scenario: f
zones: [a, b]
services:
  - name: web
    calls: [ { to: db, timeout: 1s } ]
  - name: db
    replicas: 4
    health_check: { interval: 2s, unhealthy_threshold: 4, healthy_threshold: 1 }
traffic:
  - { name: users, to: web, rate: 10/s }
faults:
  - { name: c, kind: crash, target: { service: db, instances: 50% }, at: 1m, restart_after: 45s,
      cold_start: { for: 5m, factor: 2x } }
  - { name: r, kind: crash, target: db, random: { mtbf: 2h, repair: 3m } }
  - { name: l, kind: latency, target: { from: web, to: db }, at: 90s, for: 10m, ramp: 1m, add: 250ms }
  - { name: e, kind: errors, target: db, at: 2m, share: 5%, after: 100ms }
  - { name: m, kind: memory_leak, target: db, at: 0s, growth: 20%/min, oom_at: 3x }
  - { name: p, kind: partition, target: { zones: [a, b] }, at: 5m, for: 1m }
  - { name: s, kind: traffic_surge, target: users, at: 5m, factor: 4x }
)";
  Diagnostics diags;
  const auto loaded = load_scenario_text(yaml, "f.yaml", diags);
  ASSERT_TRUE(loaded.has_value()) << (diags.empty() ? "" : diags.items()[0].format());
  const auto& f = loaded->scenario.faults;
  ASSERT_EQ(f.size(), 7u);
  EXPECT_EQ(f[0].kind, FaultKind::Crash);
  EXPECT_EQ(f[0].target.share, 0.5);
  EXPECT_EQ(f[0].restart_after, seconds(45));
  EXPECT_EQ(f[0].cold_for, minutes(5));
  EXPECT_EQ(f[0].cold_factor, 2.0);
  EXPECT_EQ(f[1].mtbf, hours(2));
  EXPECT_EQ(f[1].repair, minutes(3));
  EXPECT_EQ(f[2].target.kind, FaultTarget::Kind::Edge);
  EXPECT_EQ(f[2].length, minutes(10));
  EXPECT_EQ(f[2].ramp, minutes(1));
  EXPECT_EQ(f[2].add, ms(250));
  EXPECT_EQ(f[3].after, ms(100));
  EXPECT_DOUBLE_EQ(f[3].share, 0.05);
  EXPECT_FALSE(f[3].length.has_value());
  EXPECT_DOUBLE_EQ(f[4].growth_per_minute, 0.2);
  EXPECT_DOUBLE_EQ(f[4].oom_factor, 3.0);
  EXPECT_EQ(f[5].target.kind, FaultTarget::Kind::ZonePair);
  EXPECT_EQ(f[6].target.kind, FaultTarget::Kind::Source);
  EXPECT_DOUBLE_EQ(f[6].factor, 4.0);
  const HealthCheck& hc = loaded->scenario.services[1].health_check;
  EXPECT_EQ(hc.interval, seconds(2));
  EXPECT_EQ(hc.unhealthy_threshold, 4);
  EXPECT_EQ(hc.healthy_threshold, 1);
}

// Every kind with the parameters it requires, to try target shapes on.
struct KindParams {
  const char* kind;
  const char* params;
  bool takes_service_mapping;  // `target: { service: db }`
};

const KindParams kinds[] = {
    {"crash", "", true},
    {"crash_loop", "", true},
    {"memory_leak", "", true},
    {"hang", "", true},
    {"latency", ", add: 100ms", true},
    {"errors", "", true},
    {"capacity_loss", ", factor: 2x", true},
    {"packet_loss", ", share: 5%", false},
    {"partition", "", false},
    {"zone_outage", "", false},
    {"traffic_surge", ", factor: 2x", false},
    {"thundering_herd", "", false},
    {"disk_full", "", true},
    {"bad_deploy", ", share: 5%", true},
    {"config_push", ", share: 5%", true},
    {"dns_failure", "", true},
    {"certificate_expiry", "", true},
    {"failover", ", for: 1m", true},
    {"cache_loss", "", false},
};

std::string with_fault(const KindParams& k, std::string_view target) {
  return R"(
scenario: f
zones: [a, b]
services:
  - name: web
    calls: [ { to: db, timeout: 1s } ]
  - name: db
traffic:
  - { name: users, to: web, rate: 10/s }
faults:
  - { name: x, kind: )" +
         std::string(k.kind) + ", target: " + std::string(target) + ", at: 1m" + k.params + " }\n";
}

// The mapping form of a service target, as in `target: { service: db }`, is a service target for
// every kind that takes one (it used to abort the loader for kinds without `instances`).
TEST(FaultLoader, ReadsAServiceTargetWrittenAsAMapping) {
  Diagnostics file_diags;
  const auto issue = load_scenario_file(
      std::string(GAMEDAY_SOURCE_DIR) + "/tests/data/good/service_target_mapping.yaml", file_diags);
  ASSERT_TRUE(issue.has_value()) << file_diags.items()[0].format();
  EXPECT_EQ(issue->scenario.faults[0].target.kind, FaultTarget::Kind::Service);
  EXPECT_EQ(issue->scenario.faults[0].add, ms(100));
  for (const KindParams& k : kinds) {
    if (!k.takes_service_mapping) continue;
    SCOPED_TRACE(k.kind);
    Diagnostics diags;
    const auto loaded = load_scenario_text(with_fault(k, "{ service: db }"), "f.yaml", diags);
    ASSERT_TRUE(loaded.has_value()) << diags.items()[0].format();
    const FaultTarget& t = loaded->scenario.faults[0].target;
    EXPECT_EQ(t.kind, FaultTarget::Kind::Service);
    EXPECT_EQ(t.service, ServiceId::from_index(1));
  }
}

// Whatever shape a target is written in, each kind either takes it or says where it is wrong.
TEST(FaultLoader, ReportsEveryTargetShapeAKindDoesNotTakeOnItsLine) {
  const char* shapes[] = {"db",
                          "{ service: db }",
                          "{ service: db, instances: 1 }",
                          "{ service: db, instances: 50% }",
                          "{ from: web, to: db }",
                          "{ from: web }",
                          "{ service: db, from: web, to: db }",
                          "{ zones: [a, b] }",
                          "{ zones: [a, b], from: web, to: db }",
                          "{ zone: a }",
                          "{ source: users }",
                          "{ instances: 2 }",
                          "{}",
                          "[db]",
                          "{ service: [db] }",
                          "{ service: db, service: db }"};
  int accepted = 0, refused = 0;
  for (const KindParams& k : kinds)
    for (const char* shape : shapes) {
      SCOPED_TRACE(std::string(k.kind) + " " + shape);
      Diagnostics diags;
      if (load_scenario_text(with_fault(k, shape), "f.yaml", diags)) {
        ++accepted;
        continue;
      }
      ++refused;
      ASSERT_FALSE(diags.items().empty());
      for (const Diagnostic& d : diags.items()) {
        EXPECT_EQ(d.where.line, 11) << d.format();
        EXPECT_GT(d.where.column, 0) << d.format();
      }
    }
  EXPECT_GT(accepted, 0);
  EXPECT_GT(refused, 0);
  // A key of another shape is reported as unknown, and nothing else is said about it.
  for (const KindParams& k : kinds) {
    if (!k.takes_service_mapping) continue;
    SCOPED_TRACE(k.kind);
    Diagnostics diags;
    EXPECT_FALSE(load_scenario_text(with_fault(k, "{ service: db, zone: a }"), "f.yaml", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_NE(diags.items()[0].message.find("unknown key 'zone'"), std::string::npos)
        << diags.items()[0].format();
  }
}

}  // namespace
}  // namespace gameday::sim

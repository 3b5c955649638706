// Determinism: the same scenario and seed give a byte-identical record; another seed gives
// another record; adding an unrelated service and source leaves the existing sources' arrival
// times unchanged (named random streams). A real run's record also conforms to the schema.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/schema.hpp"
#include "run_support.hpp"

namespace gameday::sim {
namespace {

using testing::load_or_fail;
using testing::run_scenario;
using testing::run_yaml;

Scenario default_scenario(Duration duration) {
  std::ifstream in(std::string(GAMEDAY_SOURCE_DIR) + "/scenarios/default.yaml");
  std::stringstream text;
  text << in.rdbuf();
  Scenario s = load_or_fail(text.str());
  s.duration = duration;
  return s;
}

TEST(Determinism, SameSeedGivesAByteIdenticalRecord) {
  const Scenario s = default_scenario(minutes(3));
  const auto first = run_scenario(s, 7);
  const auto second = run_scenario(s, 7);
  ASSERT_GT(first.record.size(), 10'000u);
  EXPECT_TRUE(first.record == second.record) << "records differ";
}

TEST(Determinism, AnotherSeedGivesAnotherRecord) {
  const Scenario s = default_scenario(minutes(1));
  EXPECT_NE(run_scenario(s, 7).record, run_scenario(s, 8).record);
}

std::vector<Time> arrivals_of_source_zero(const std::string& yaml) {
  const auto r = run_yaml(yaml, 5);
  Diagnostics diags;
  const auto record = eventlog::parse_record(r.record, "events.jsonl", diags);
  EXPECT_TRUE(record.has_value());
  std::vector<Time> out;
  for (const auto& t : record->traces)
    if (t.source == SourceId{0}) out.push_back(t.arrival);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Determinism, AnUnrelatedServiceLeavesExistingArrivalsUnchanged) {
  const std::string head = R"(
scenario: base
duration: 2m
trace_sample: 100%
services:
  - name: web
    service_time: { mean: 2ms }
    calls: [ { to: db, probability: 50% } ]
  - name: db
    service_time: { mean: 1ms }
)";
  const std::string extra_service = "  - { name: reports, service_time: { mean: 5ms } }\n";
  const std::string traffic = R"(traffic:
  - { name: users, to: web, rate: 50/s, profile: { shape: ramp, from: 0, to: 2m, factor: 3x } }
)";
  const std::string extra_source = "  - { name: batch, to: reports, rate: 80/s }\n";
  const auto before = arrivals_of_source_zero(head + traffic);
  const auto after = arrivals_of_source_zero(head + extra_service + traffic + extra_source);
  ASSERT_GT(before.size(), 1000u);
  EXPECT_EQ(before, after);
}

TEST(Record, ARealRunConformsToTheSchema) {
  const auto r = run_scenario(default_scenario(minutes(2)), 7);
  const auto violations = eventlog::schema_violations(r.record);
  for (const auto& v : violations) ADD_FAILURE() << v;
  Diagnostics diags;
  const auto record = eventlog::parse_record(r.record, "events.jsonl", diags);
  ASSERT_TRUE(record.has_value());
  ASSERT_TRUE(record->end.has_value());
  EXPECT_EQ(record->end->reason, "completed");
  EXPECT_EQ(record->header.names.services.size(), 7u);
  // One sample per service per 10 s interval over 2 minutes.
  EXPECT_EQ(record->service_samples.size(), 7u * 12u);
}

}  // namespace
}  // namespace gameday::sim

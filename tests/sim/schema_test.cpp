// Keeps scenarios/schema/scenario.schema.json and the loader's key sets in agreement.
//
// The loader's keys (sim/src/scenario_keys.hpp) are the source of truth. Each keys:: array is
// mapped here, explicitly, to the schema object that describes the same YAML object: its
// `properties` (objects closed with additionalProperties: false) or its `propertyNames` enum
// (the per-kind and per-shape key sets, which narrow a union). The key sets must be equal both
// ways, every closed object in the schema must be one of the mapped ones (so a new object in
// either place cannot be forgotten), every property has a description (the editor's hover
// text), and each fault kind and profile shape dispatches to the key set the loader uses for it.
// Whether real scenarios validate is tests/sim/validate_scenarios.py's job.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "gameday/sim/model.hpp"
#include "scenario_keys.hpp"

namespace gameday::sim {
namespace {

using nlohmann::json;
using KeyList = std::span<const std::string_view>;

json load_schema() {
  std::ifstream in(std::string(GAMEDAY_SOURCE_DIR) + "/scenarios/schema/scenario.schema.json");
  EXPECT_TRUE(in.good()) << "cannot open scenarios/schema/scenario.schema.json";
  return json::parse(in);
}

struct Mapping {
  std::string_view keys_name;  // the keys:: array, for messages
  KeyList keys;
  std::string pointer;  // the schema object describing the same YAML object
};

// Every keys:: array and where the schema describes it.
std::vector<Mapping> mappings() {
  return {
      {"scenario", keys::scenario, ""},
      {"scoring", keys::scoring, "/definitions/scoring"},
      {"targets", keys::targets, "/definitions/targets"},
      {"responders", keys::responders, "/definitions/responders"},
      {"delays", keys::delays, "/definitions/delays"},
      {"rules", keys::rules, "/definitions/rules"},
      {"ack_after", keys::ack_after, "/definitions/ack_after"},
      {"runbook", keys::runbook, "/definitions/runbook"},
      {"runbook_step", keys::runbook_step, "/definitions/runbook_step"},
      {"runbook_condition", keys::runbook_condition, "/definitions/runbook_condition"},
      {"service", keys::service, "/definitions/service"},
      {"service_time", keys::service_time, "/definitions/service_time"},
      {"call", keys::call, "/definitions/call"},
      {"retries", keys::retries, "/definitions/retries"},
      {"retry_budget", keys::retry_budget, "/definitions/retry_budget"},
      {"circuit_breaker", keys::circuit_breaker, "/definitions/circuit_breaker"},
      {"traffic", keys::traffic, "/definitions/traffic"},
      {"profile_constant", keys::profile_constant, "/definitions/profile_constant"},
      {"profile_diurnal", keys::profile_diurnal, "/definitions/profile_diurnal"},
      {"profile_step", keys::profile_step, "/definitions/profile_step"},
      {"profile_spike", keys::profile_spike, "/definitions/profile_spike"},
      {"profile_ramp", keys::profile_ramp, "/definitions/profile_ramp"},
      {"profile_any", keys::profile_any, "/definitions/profile"},
      {"slo", keys::slo, "/definitions/slo"},
      {"slo_import", keys::slo_import, "/definitions/slo_import"},
      {"fault_crash", keys::fault_crash, "/definitions/fault_crash"},
      {"fault_crash_loop", keys::fault_crash_loop, "/definitions/fault_crash_loop"},
      {"fault_memory_leak", keys::fault_memory_leak, "/definitions/fault_memory_leak"},
      {"random_failures", keys::random_failures, "/definitions/random_failures"},
      {"fault_hang", keys::fault_hang, "/definitions/fault_hang"},
      {"fault_latency", keys::fault_latency, "/definitions/fault_latency"},
      {"fault_errors", keys::fault_errors, "/definitions/fault_errors"},
      {"fault_capacity_loss", keys::fault_capacity_loss, "/definitions/fault_capacity_loss"},
      {"fault_packet_loss", keys::fault_packet_loss, "/definitions/fault_packet_loss"},
      {"fault_partition", keys::fault_partition, "/definitions/fault_partition"},
      {"fault_zone_outage", keys::fault_zone_outage, "/definitions/fault_zone_outage"},
      {"fault_traffic_surge", keys::fault_traffic_surge, "/definitions/fault_traffic_surge"},
      {"fault_thundering_herd", keys::fault_thundering_herd, "/definitions/fault_thundering_herd"},
      {"fault_disk_full", keys::fault_disk_full, "/definitions/fault_disk_full"},
      {"fault_bad_deploy", keys::fault_bad_deploy, "/definitions/fault_bad_deploy"},
      {"fault_config_push", keys::fault_config_push, "/definitions/fault_config_push"},
      {"fault_connection", keys::fault_connection, "/definitions/fault_connection"},
      {"fault_failover", keys::fault_failover, "/definitions/fault_failover"},
      {"fault_cache_loss", keys::fault_cache_loss, "/definitions/fault_cache_loss"},
      {"fault_any", keys::fault_any, "/definitions/fault"},
      {"fault_until", keys::fault_until, "/definitions/fault_until"},
      {"cold_start", keys::cold_start, "/definitions/cold_start"},
      {"target_instances", keys::target_instances, "/definitions/target_instances"},
      {"target_service", keys::target_service, "/definitions/target_service"},
      {"target_edge", keys::target_edge, "/definitions/target_edge"},
      {"target_service_or_edge", keys::target_service_or_edge,
       "/definitions/target_service_or_edge"},
      {"target_zone", keys::target_zone, "/definitions/target_zone"},
      {"target_partition", keys::target_partition, "/definitions/target_partition"},
      {"target_source", keys::target_source, "/definitions/target_source"},
      {"health_check", keys::health_check, "/definitions/health_check"},
      {"alert", keys::alert, "/definitions/alert"},
      {"burn_rate", keys::burn_rate, "/definitions/burn_rate"},
      {"probe", keys::probe, "/definitions/probe"},
      {"alerting", keys::alerting, "/definitions/alerting"},
      {"inhibit", keys::inhibit, "/definitions/inhibit"},
  };
}

// The key set a schema object declares: a propertyNames enum when it has one (a narrowing),
// else its properties.
std::set<std::string> schema_keys(const json& object) {
  std::set<std::string> out;
  if (object.contains("propertyNames")) {
    for (const json& k : object["propertyNames"]["enum"]) out.insert(k.get<std::string>());
  } else if (object.contains("properties")) {
    for (const auto& [k, v] : object["properties"].items()) out.insert(k);
  }
  return out;
}

std::string join(const std::set<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "(none)" : out;
}

// Objects that declare a key set: closed ones, and narrowings by propertyNames.
bool declares_keys(const json& object) {
  return object.is_object() &&
         (object.contains("propertyNames") ||
          (object.contains("additionalProperties") && object["additionalProperties"] == false));
}

void collect_key_sets(const json& node, const std::string& pointer, std::set<std::string>& out) {
  if (node.is_object()) {
    if (declares_keys(node)) out.insert(pointer);
    for (const auto& [k, v] : node.items()) {
      if (k == "properties" || k == "definitions") {
        // Names here are keys, not keywords: walk into their values.
        for (const auto& [name, sub] : v.items())
          collect_key_sets(sub, pointer + "/" + k + "/" + name, out);
      } else {
        collect_key_sets(v, pointer + "/" + k, out);
      }
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      collect_key_sets(node[i], pointer + "/" + std::to_string(i), out);
  }
}

TEST(ScenarioSchema, IsDraft07WithDefinitions) {
  const json schema = load_schema();
  EXPECT_EQ(schema.value("$schema", ""), "http://json-schema.org/draft-07/schema#");
  EXPECT_TRUE(schema.contains("definitions"));
}

TEST(ScenarioSchema, EveryLoaderKeySetEqualsItsSchemaObject) {
  const json schema = load_schema();
  for (const Mapping& m : mappings()) {
    SCOPED_TRACE("keys::" + std::string(m.keys_name) + " <-> " +
                 (m.pointer.empty() ? "(root)" : m.pointer));
    const json::json_pointer ptr(m.pointer);
    ASSERT_TRUE(schema.contains(ptr)) << "no schema object at " << m.pointer;
    const json& object = schema[ptr];
    ASSERT_TRUE(declares_keys(object))
        << "the schema object neither is closed (additionalProperties: false) nor narrows its "
           "keys with propertyNames";
    const std::set<std::string> loader(m.keys.begin(), m.keys.end());
    const std::set<std::string> in_schema = schema_keys(object);
    std::set<std::string> missing, extra;
    for (const std::string& k : loader)
      if (in_schema.count(k) == 0) missing.insert(k);
    for (const std::string& k : in_schema)
      if (loader.count(k) == 0) extra.insert(k);
    EXPECT_TRUE(missing.empty()) << "keys the loader accepts but the schema lacks: "
                                 << join(missing);
    EXPECT_TRUE(extra.empty()) << "keys the schema allows but the loader rejects: " << join(extra);
  }
}

TEST(ScenarioSchema, EveryClosedSchemaObjectIsMappedToALoaderKeySet) {
  const json schema = load_schema();
  std::set<std::string> found;
  collect_key_sets(schema, "", found);
  std::set<std::string> mapped;
  for (const Mapping& m : mappings()) mapped.insert(m.pointer);
  for (const std::string& p : found)
    EXPECT_EQ(mapped.count(p), 1U)
        << (p.empty() ? "(root)" : p)
        << " declares a key set but no keys:: array is mapped to it (inline objects cannot be "
           "checked: move it to /definitions and add it to mappings())";
  for (const std::string& p : mapped) EXPECT_EQ(found.count(p), 1U) << p << " not found";
}

TEST(ScenarioSchema, EveryPropertyHasADescription) {
  const json schema = load_schema();
  std::vector<std::string> objects = {""};
  for (const auto& [name, def] : schema["definitions"].items())
    objects.push_back("/definitions/" + name);
  for (const std::string& p : objects) {
    const json& object = schema[json::json_pointer(p)];
    if (!object.contains("properties") || !declares_keys(object)) continue;
    for (const auto& [key, sub] : object["properties"].items())
      EXPECT_TRUE(sub.contains("description"))
          << (p.empty() ? "(root)" : p) << "/properties/" << key << " has no description";
  }
}

// The if/then dispatch on `kind`: each kind's keys are the ones the loader picks for it
// (scenario_faults.cpp, fault_keys()).
TEST(ScenarioSchema, FaultKindsDispatchToTheirKeySets) {
  const json schema = load_schema();
  const json& fault = schema["definitions"]["fault"];
  const std::map<std::string, std::string> kind_to_keys = {
      {"crash", "fault_crash"},
      {"crash_loop", "fault_crash_loop"},
      {"memory_leak", "fault_memory_leak"},
      {"hang", "fault_hang"},
      {"latency", "fault_latency"},
      {"errors", "fault_errors"},
      {"capacity_loss", "fault_capacity_loss"},
      {"packet_loss", "fault_packet_loss"},
      {"partition", "fault_partition"},
      {"zone_outage", "fault_zone_outage"},
      {"traffic_surge", "fault_traffic_surge"},
      {"thundering_herd", "fault_thundering_herd"},
      {"disk_full", "fault_disk_full"},
      {"bad_deploy", "fault_bad_deploy"},
      {"config_push", "fault_config_push"},
      {"dns_failure", "fault_connection"},
      {"certificate_expiry", "fault_connection"},
      {"failover", "fault_failover"},
      {"cache_loss", "fault_cache_loss"},
  };
  // The kinds the loader knows, by their names in scenarios.
  std::set<std::string> loader_kinds;
  for (int k = 0; k <= static_cast<int>(FaultKind::CacheLoss); ++k)
    loader_kinds.insert(std::string(fault_kind_name(static_cast<FaultKind>(k))));
  std::set<std::string> schema_kinds;
  for (const json& k : fault["properties"]["kind"]["enum"]) schema_kinds.insert(k);
  EXPECT_EQ(schema_kinds, loader_kinds);
  std::set<std::string> table_kinds;
  for (const auto& [kind, keys] : kind_to_keys) table_kinds.insert(kind);
  EXPECT_EQ(table_kinds, loader_kinds) << "update kind_to_keys in this test";

  std::map<std::string, std::string> dispatched;
  for (const json& branch : fault["allOf"]) {
    if (!branch.contains("if") || !branch["if"].contains("properties")) continue;
    const json& cond = branch["if"]["properties"];
    if (!cond.contains("kind")) continue;
    dispatched[cond["kind"]["const"]] = branch["then"]["$ref"];
  }
  for (const auto& [kind, keys] : kind_to_keys)
    EXPECT_EQ(dispatched[kind], "#/definitions/" + keys) << "kind " << kind;
}

TEST(ScenarioSchema, ProfileShapesDispatchToTheirKeySets) {
  const json schema = load_schema();
  const json& profile = schema["definitions"]["profile"];
  std::map<std::string, std::string> dispatched;
  for (const json& branch : profile["allOf"])
    dispatched[branch["if"]["properties"]["shape"]["const"]] = branch["then"]["$ref"];
  std::set<std::string> shapes;
  for (const json& s : profile["properties"]["shape"]["enum"]) shapes.insert(s);
  EXPECT_EQ(shapes, (std::set<std::string>{"constant", "diurnal", "step", "spike", "ramp"}));
  for (const std::string& shape : shapes)
    EXPECT_EQ(dispatched[shape], "#/definitions/profile_" + shape) << "shape " << shape;
}

}  // namespace
}  // namespace gameday::sim

// The scenario loader: every bad-scenario fixture is reported at the right place with the right
// words, a file with several independent problems reports each of them, valid scenarios load
// with exact values and filled defaults, and the resolved scenario serializes to valid JSON.
//
// Fixtures live in tests/data/bad (one problem per file unless the row says otherwise) and
// tests/data/good. Locations are checked on the formatted diagnostic, exactly as `gameday
// check` prints it: "FILE:LINE:COL: error: ...".
#include "gameday/sim/scenario_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "gameday/eventlog/scenario_json.hpp"

namespace gameday::sim {
namespace {

using eventlog::scenario_from_json;
using eventlog::scenario_to_json;

const std::string data_dir = std::string(GAMEDAY_SOURCE_DIR) + "/tests/data/";

std::string all_messages(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.sorted()) out += "  " + d.format() + "\n";
  return out;
}

struct BadCase {
  const char* file;        // under tests/data/bad
  const char* where;       // "line:col" of the diagnostic
  const char* message;     // a substring of its message
  std::size_t errors = 1;  // how many errors the file yields in all
};

// clang-format off
const BadCase bad_cases[] = {
  {"syntax_unclosed_bracket.yaml", "3:9", "YAML syntax error: end of sequence flow not found"},
  {"syntax_bad_indentation.yaml", "4:14", "YAML syntax error: illegal map value"},
  {"unknown_top_level_key.yaml", "7:1", "unknown key 'escalation'"},
  {"unknown_top_level_key_suggestion.yaml", "2:1",
   "unknown key 'servics' (did you mean 'services'?)", 2},
  {"unknown_nested_key.yaml", "6:9",
   "services[0].calls[0]: unknown key 'timout' (did you mean 'timeout'?)"},
  {"duplicate_key.yaml", "5:5", "duplicate key 'name' (first defined at line 3)"},
  {"rules_unknown_role.yaml", "8:15",
   "responders.rules.act[1]: unknown role 'opps' (did you mean 'ops'?) (ic, ops, comms, scribe, "
   "or anyone)"},
  {"missing_required_key.yaml", "5:9", "services[0].calls[0]: missing required key 'to'"},
  {"missing_services.yaml", "1:1", "missing required key 'services'"},
  {"wrong_type_list_for_mapping.yaml", "6:23",
   "services[0].calls[0].retry_budget: expected a mapping, got a list"},
  {"wrong_type_string_for_number.yaml", "4:15",
   "services[0].replicas: expected a whole number, got 'three'"},
  {"bad_duration_unit.yaml", "6:18",
   "services[0].calls[0].timeout: expected a duration like 250ms or 1h30m, got '800'"},
  {"bad_rate.yaml", "6:11", "expected a rate like 400/s or 24k/min, got '400 per second'"},
  {"bad_percentage.yaml", "10:16",
   "expected a percentage like 99.9% or a ratio like 0.999, got '99.9'"},
  {"replicas_out_of_range.yaml", "4:15", "replicas must be between 1 and 10000, got 0"},
  {"objective_100_percent.yaml", "10:16",
   "objective must be more than 0 and less than 100%, got 100%"},
  {"negative_workers.yaml", "4:14", "workers must be between 1 and 100000, got -4"},
  {"negative_seed.yaml", "2:7", "seed must not be negative, got -7"},
  {"bad_queue.yaml", "4:12", "expected a whole number or 'unbounded', got 'lots'"},
  {"bad_enum.yaml", "4:21",
   "unknown value 'robin' for load_balancing; expected one of round_robin, random, "
   "least_outstanding"},
  {"bad_scenario_name.yaml", "1:11", "expected a name of letters, digits, '-' and '_'"},
  {"unknown_service_reference.yaml", "5:13",
   "services[0].calls[0].to: unknown service 'paymnts' (did you mean 'payments'?)"},
  {"unknown_zone.yaml", "5:19", "unknown zone 'wset' (did you mean 'west'?)"},
  {"unknown_slo_journey.yaml", "10:14", "unknown traffic source 'wbe' (did you mean 'web'?)"},
  {"share_sum_over_one.yaml", "8:16", "shares of this service's calls add up to 110%"},
  {"probability_and_share.yaml", "7:9", "probability and share are exclusive"},
  {"max_in_flight_with_threads.yaml", "5:5",
   "max_in_flight is only allowed with concurrency: async"},
  {"latency_slo_without_threshold.yaml", "8:5", "slos[0]: missing required key 'threshold'"},
  {"availability_slo_with_threshold.yaml", "10:5", "threshold is only allowed with sli: latency"},
  {"call_cycle.yaml", "11:13", "services[2].calls[0].to: calls form a cycle: a -> b -> c -> a"},
  {"self_call.yaml", "5:13", "a service cannot call itself ('frontend')"},
  {"duplicate_service_name.yaml", "4:11",
   "duplicate service name 'frontend' (first defined at line 3)"},
  {"duplicate_implicit_source_name.yaml", "7:5",
   "duplicate traffic source name 'frontend' (first defined at line 5)"},
  {"profile_key_of_other_shape.yaml", "7:37", "traffic[0].profile: unknown key 'for'"},
  {"ramp_backwards.yaml", "7:43", "to must be after from (30m)"},
  {"p99_below_p50.yaml", "4:36", "p99 must be at least p50 (30ms), got 4ms"},
  {"sample_interval_too_short.yaml", "2:18", "sample_interval must be at least 1s"},
  {"duration_beyond_ten_years.yaml", "4:32", "timeout must be at most 3650d, got '5000d'"},
  {"empty.yaml", "1:1", "the file is empty"},
  {"comments_only.yaml", "1:1", "the file is empty"},
  {"top_level_list.yaml", "1:1", "expected a mapping, got a list"},
  {"alert_unknown_key.yaml", "17:5",
   "alerts[0]: unknown key 'keep_firing' (did you mean 'keep_firing_for'?)"},
  {"alert_unknown_slo.yaml", "13:22",
   "alerts[0].burn_rate.slo: unknown SLO 'avial' (did you mean 'avail'?)"},
  {"alert_unknown_probe.yaml", "17:12",
   "alerts[0].probe: unknown probe 'pnig' (did you mean 'ping'?)"},
  {"alert_above_and_below.yaml", "17:5", "alerts[0]: above and below are exclusive"},
  {"alert_duplicate_name.yaml", "14:11",
   "alerts[1].name: duplicate alert name 'budget' (first defined at line 12)"},
  {"alert_burn_rate_with_metric.yaml", "13:5", "metric is not allowed with burn_rate"},
  {"alert_preset_with_factor.yaml", "13:48", "factor cannot be combined with preset"},
  {"alert_short_window_not_shorter.yaml", "14:46",
   "alerts[0].burn_rate.short: short must be shorter than long (1h), got 2h"},
  {"alert_window_below_sample_interval.yaml", "16:13",
   "window must be at least the sample_interval (10s), got 5s"},
  {"alert_missing_severity.yaml", "12:5", "alerts[0]: missing required key 'severity'"},
  {"alert_probe_metric_on_service.yaml", "15:5",
   "metric probe_failure_ratio needs a probe subject"},
  {"alert_latency_without_unit.yaml", "16:12",
   "alerts[0].above: expected a duration like 250ms or 1h30m, got '400'"},
  {"alert_burn_factor_too_high.yaml", "14:16",
   "factor x (1 - objective) must be below 100% or the alert can never fire; got 1000 x "
   "(1 - 99.9%) = 100%"},
  {"alert_bad_severity.yaml", "13:15",
   "unknown value 'pager' for severity; expected one of page, ticket"},
  {"inhibit_unknown_alert.yaml", "21:32",
   "alerting.inhibit[0].target: unknown alert 'erors' (did you mean 'errors'?)"},
  {"evaluation_interval_not_multiple.yaml", "12:24",
   "evaluation_interval must be a multiple of the sample_interval (10s), got 45s"},
  {"probe_timeout_over_interval.yaml", "15:14",
   "probes[0].timeout: timeout must be at most the probe's interval (10s), got 30s"},
  {"too_many_calls.yaml", "69:9", "services[0].calls[64]: at most 64 calls per service, got 65"},
  {"not_utf8.yaml", "2:22", "not valid UTF-8 (byte 0xE9); save the file as UTF-8"},
  {"too_deeply_nested.yaml", "4:73", "nested more than 64 levels deep"},
};
// clang-format on

class BadScenario : public testing::TestWithParam<BadCase> {};

TEST_P(BadScenario, IsReportedAtItsLocation) {
  const BadCase& c = GetParam();
  const std::string path = data_dir + "bad/" + c.file;
  Diagnostics diags;
  const auto loaded = load_scenario_file(path, diags);
  EXPECT_FALSE(loaded.has_value());
  EXPECT_EQ(diags.error_count(), c.errors) << all_messages(diags);
  const std::string prefix = path + ":" + c.where + ": error: ";
  bool found = false;
  for (const auto& d : diags.items()) {
    const std::string text = d.format();
    if (text.rfind(prefix, 0) == 0 && text.find(c.message) != std::string::npos) found = true;
  }
  EXPECT_TRUE(found) << "expected " << prefix << "..." << c.message << "\ngot:\n"
                     << all_messages(diags);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadScenario, testing::ValuesIn(bad_cases),
                         [](const testing::TestParamInfo<BadCase>& param_info) {
                           std::string name = param_info.param.file;
                           name = name.substr(0, name.find('.'));
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

TEST(ScenarioLoader, ReportsEveryIndependentProblem) {
  const std::string path = data_dir + "bad/several_problems.yaml";
  Diagnostics diags;
  EXPECT_FALSE(load_scenario_file(path, diags));
  const std::vector<std::string> expected = {
      ":2:11: error: duration: expected a duration",
      ":5:15: error: services[0].replicas: replicas must be between 1 and 10000, got 0",
      ":6:21: error: services[0].load_balancing: unknown value 'robin'",
      ":8:13: error: services[0].calls[0].to: unknown service 'paymnts'",
      ":9:9: error: services[0].calls[0]: unknown key 'timout' (did you mean 'timeout'?)",
      ":11:5: error: services[1]: duplicate key 'name' (first defined at line 10)",
      ":14:11: error: traffic[0].rate: expected a rate",
      ":16:5: error: slos[0]: missing required key 'threshold'",
      ":19:16: error: slos[0].objective: objective must be more than 0",
  };
  const auto sorted = diags.sorted();
  ASSERT_EQ(sorted.size(), expected.size()) << all_messages(diags);
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(sorted[i].format().rfind(path + expected[i], 0), 0u) << sorted[i].format();
}

TEST(ScenarioLoader, MissingFileIsADiagnostic) {
  Diagnostics diags;
  const std::string path = data_dir + "bad/no-such-file.yaml";
  EXPECT_FALSE(load_scenario_file(path, diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].format(),
            path + ": error: cannot read '" + path + "': No such file or directory");
}

TEST(ScenarioLoader, NoSuggestionWhenNothingIsClose) {
  Diagnostics diags;
  load_scenario_text(
      "scenario: x\nservices: [{name: a, xyzzy: 1}]\ntraffic: [{to: a, rate: 1/s}]\n", "t.yaml",
      diags);
  ASSERT_EQ(diags.error_count(), 1u) << all_messages(diags);
  EXPECT_EQ(diags.items()[0].format(), "t.yaml:2:22: error: services[0]: unknown key 'xyzzy'");
}

TEST(ScenarioLoader, ContentHashIsOfTheBytes) {
  const std::string text = "scenario: x\nservices: [{name: a}]\ntraffic: [{to: a, rate: 1/s}]\n";
  Diagnostics diags;
  const auto loaded = load_scenario_text(text, "t.yaml", diags);
  ASSERT_TRUE(loaded) << all_messages(diags);
  EXPECT_EQ(loaded->content_hash, fnv1a64(text));
  EXPECT_EQ(loaded->file, "t.yaml");
}

LoadedScenario load_good(const std::string& name) {
  Diagnostics diags;
  auto loaded = load_scenario_file(data_dir + "good/" + name, diags);
  EXPECT_TRUE(loaded) << all_messages(diags);
  EXPECT_TRUE(diags.empty()) << all_messages(diags);
  return loaded ? std::move(*loaded) : LoadedScenario{};
}

TEST(ScenarioLoader, MinimalScenarioGetsTheDefaults) {
  const Scenario s = load_good("minimal.yaml").scenario;
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.duration, hours(1));
  EXPECT_EQ(s.start_time_of_day, Duration{});
  EXPECT_EQ(s.sample_interval, seconds(10));
  EXPECT_EQ(s.trace_sample_ratio, 0.0);
  EXPECT_EQ(s.zones, std::vector<std::string>{"default"});
  ASSERT_EQ(s.services.size(), 1u);
  const ServiceSpec& api = s.services[0];
  EXPECT_EQ(api.replicas, 1);
  EXPECT_EQ(api.zones, std::vector<ZoneId>{ZoneId{0}});
  EXPECT_EQ(api.concurrency, ConcurrencyModel::ThreadPerRequest);
  EXPECT_EQ(api.workers, 16);
  EXPECT_EQ(api.queue, 100);
  EXPECT_FALSE(api.max_in_flight);
  EXPECT_EQ(api.service_time.kind, DurationDistribution::Kind::Constant);
  EXPECT_EQ(api.service_time.mean_ns, 1e6);
  EXPECT_EQ(api.load_balancing, LoadBalancing::RoundRobin);
  EXPECT_EQ(api.fan_out, FanOut::Sequential);
  ASSERT_EQ(s.traffic.size(), 1u);
  EXPECT_EQ(s.traffic[0].name, "api");  // defaults to the target's name
  EXPECT_EQ(s.traffic[0].to, ServiceId{0});
  EXPECT_EQ(s.traffic[0].profile.shape, TrafficProfile::Shape::Constant);
  EXPECT_TRUE(s.slos.empty());
}

TEST(ScenarioLoader, FullScenarioTopLevelAndServices) {
  const Scenario s = load_good("full.yaml").scenario;
  EXPECT_EQ(s.name, "checkout-db-latency");
  EXPECT_EQ(s.description, "The orders database slows down during the evening peak.");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.duration, minutes(90));
  EXPECT_EQ(s.start_time_of_day, hours(17) + minutes(30));
  EXPECT_EQ(s.sample_interval, seconds(15));
  EXPECT_DOUBLE_EQ(s.trace_sample_ratio, 0.01);
  EXPECT_EQ(s.zones, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(s.services.size(), 5u);
  EXPECT_EQ(s.find_service("orders-db"), ServiceId{4});
  EXPECT_FALSE(s.find_service("nope"));
  EXPECT_EQ(s.find_zone("c"), ZoneId{2});

  const ServiceSpec& fe = s.services[0];
  EXPECT_EQ(fe.replicas, 3);
  EXPECT_EQ(fe.workers, 64);
  EXPECT_EQ(fe.service_time.kind, DurationDistribution::Kind::Lognormal);
  const auto lognormal = DurationDistribution::lognormal_p50_p99(ms(4), ms(30));
  EXPECT_DOUBLE_EQ(fe.service_time.mu, lognormal.mu);
  EXPECT_DOUBLE_EQ(fe.service_time.sigma, lognormal.sigma);
  EXPECT_EQ(fe.load_balancing, LoadBalancing::LeastOutstanding);

  const ServiceSpec& co = s.services[1];
  EXPECT_EQ(co.zones, (std::vector<ZoneId>{ZoneId{0}, ZoneId{1}}));
  EXPECT_EQ(co.concurrency, ConcurrencyModel::Async);
  EXPECT_FALSE(co.queue);  // unbounded
  EXPECT_EQ(co.max_in_flight, 500);
  EXPECT_EQ(co.service_time.kind, DurationDistribution::Kind::Exponential);
  EXPECT_EQ(co.service_time.mean_ns, 12e6);
  EXPECT_EQ(co.load_balancing, LoadBalancing::Random);
  EXPECT_EQ(co.fan_out, FanOut::Parallel);

  EXPECT_EQ(s.services[2].service_time.kind, DurationDistribution::Kind::Constant);
  EXPECT_EQ(s.services[2].service_time.mean_ns, 3e6);
  EXPECT_EQ(s.services[2].zones.size(), 3u);  // all zones by default
  EXPECT_EQ(s.services[3].service_time.kind, DurationDistribution::Kind::Constant);
  EXPECT_EQ(s.services[3].service_time.mean_ns, 20e6);
  EXPECT_EQ(s.services[3].queue, 0);
  EXPECT_EQ(s.services[4].service_time.kind, DurationDistribution::Kind::Exponential);
  EXPECT_EQ(s.services[4].zones, std::vector<ZoneId>{ZoneId{2}});
}

TEST(ScenarioLoader, FullScenarioCalls) {
  const Scenario s = load_good("full.yaml").scenario;
  const auto& calls = s.services[0].calls;
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].to, ServiceId{1});
  EXPECT_FALSE(calls[0].probability);
  EXPECT_DOUBLE_EQ(*calls[0].share, 0.3);
  EXPECT_EQ(calls[0].timeout, ms(800));
  EXPECT_EQ(calls[0].retries.max, 2);
  EXPECT_EQ(calls[0].retries.backoff, ms(50));
  EXPECT_EQ(calls[0].retries.backoff_max, seconds(1));
  EXPECT_EQ(calls[0].retries.jitter, Jitter::Full);
  ASSERT_TRUE(calls[0].retry_budget);
  EXPECT_DOUBLE_EQ(calls[0].retry_budget->ratio, 0.2);
  EXPECT_EQ(calls[0].retry_budget->min_per_second, 10);
  EXPECT_EQ(calls[0].retry_budget->window, seconds(10));
  ASSERT_TRUE(calls[0].circuit_breaker);
  EXPECT_EQ(calls[0].circuit_breaker->min_calls, 20);
  EXPECT_EQ(calls[0].circuit_breaker->open_for, seconds(30));
  EXPECT_EQ(calls[0].circuit_breaker->half_open_probes, 5);

  EXPECT_DOUBLE_EQ(*calls[1].share, 0.6);
  EXPECT_EQ(calls[1].timeout, ms(1500));
  EXPECT_EQ(calls[1].retries.max, 1);  // the whole-number shorthand
  EXPECT_EQ(calls[1].retries.backoff, Duration{});
  EXPECT_EQ(calls[1].retries.backoff_max, seconds(10));
  EXPECT_FALSE(calls[1].retry_budget);
  EXPECT_FALSE(calls[1].circuit_breaker);

  EXPECT_DOUBLE_EQ(*calls[2].probability, 0.25);
  EXPECT_FALSE(calls[2].timeout);
  ASSERT_TRUE(calls[2].circuit_breaker);  // `{}` enables the defaults
  EXPECT_EQ(calls[2].circuit_breaker->window, seconds(10));
  EXPECT_DOUBLE_EQ(calls[2].circuit_breaker->failure_ratio, 0.5);

  const auto& db_call = s.services[1].calls.at(0);
  EXPECT_EQ(db_call.probability, 1.0);  // neither probability nor share: always called
  ASSERT_TRUE(db_call.retry_budget);
  EXPECT_DOUBLE_EQ(db_call.retry_budget->ratio, 0.2);
}

TEST(ScenarioLoader, FullScenarioTrafficAndSlos) {
  const Scenario s = load_good("full.yaml").scenario;
  ASSERT_EQ(s.traffic.size(), 6u);
  using Shape = TrafficProfile::Shape;
  const auto& web = s.traffic[0];
  EXPECT_EQ(web.rate_per_second, 400);
  EXPECT_EQ(web.profile.shape, Shape::Diurnal);
  EXPECT_EQ(web.profile.factor, 2.5);
  EXPECT_EQ(web.profile.trough, 0.5);
  EXPECT_EQ(web.profile.peak_at, hours(19));
  EXPECT_DOUBLE_EQ(s.traffic[1].rate_per_second, 400);  // 24k/min
  EXPECT_EQ(s.traffic[1].profile.shape, Shape::Step);
  EXPECT_EQ(s.traffic[1].profile.at, minutes(10));
  EXPECT_EQ(s.traffic[1].profile.factor, 3);
  EXPECT_EQ(s.traffic[2].profile.shape, Shape::Spike);
  EXPECT_EQ(s.traffic[2].profile.at, minutes(20));
  EXPECT_EQ(s.traffic[2].profile.length, minutes(2));
  EXPECT_EQ(s.traffic[2].profile.factor, 5);
  EXPECT_EQ(s.traffic[3].profile.shape, Shape::Ramp);
  EXPECT_EQ(s.traffic[3].profile.at, Duration{});
  EXPECT_EQ(s.traffic[3].profile.until, minutes(30));
  EXPECT_DOUBLE_EQ(s.traffic[3].rate_per_second, 0.5);  // 1.8k/h
  EXPECT_EQ(s.traffic[4].name, "recommendations");
  EXPECT_EQ(s.traffic[4].profile.shape, Shape::Constant);
  EXPECT_EQ(s.traffic[5].profile.shape, Shape::Constant);
  EXPECT_EQ(s.find_source("crawler"), SourceId{3});

  ASSERT_EQ(s.slos.size(), 2u);
  EXPECT_EQ(s.slos[0].kind, SloSpec::Kind::Availability);
  EXPECT_EQ(s.slos[0].service, ServiceId{0});
  EXPECT_FALSE(s.slos[0].journey);
  EXPECT_DOUBLE_EQ(s.slos[0].objective, 0.999);
  EXPECT_EQ(s.slos[0].window, hours(24 * 30));
  EXPECT_EQ(s.slos[1].kind, SloSpec::Kind::Latency);
  EXPECT_EQ(s.slos[1].journey, SourceId{0});
  EXPECT_EQ(s.slos[1].service, ServiceId{0});  // the journey's entry service
  EXPECT_EQ(s.slos[1].latency_threshold, ms(300));
  EXPECT_EQ(s.slos[1].window, hours(24 * 7));
  EXPECT_EQ(s.find_slo("web-latency"), SloId{1});
}

// Examples are tests: the reference's complete example must load without a diagnostic.
TEST(ScenarioLoader, ReferenceExampleIsValid) {
  std::ifstream in(std::string(GAMEDAY_SOURCE_DIR) + "/docs/scenario-reference.md");
  ASSERT_TRUE(in) << "docs/scenario-reference.md not found";
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string doc = buf.str();
  const auto section = doc.find("## Complete example");
  ASSERT_NE(section, std::string::npos);
  const auto begin = doc.find("```yaml\n", section);
  ASSERT_NE(begin, std::string::npos);
  const auto end = doc.find("```", begin + 8);
  ASSERT_NE(end, std::string::npos);
  Diagnostics diags;
  const auto loaded =
      load_scenario_text(doc.substr(begin + 8, end - begin - 8), "scenario-reference.md", diags);
  ASSERT_TRUE(loaded) << all_messages(diags);
  EXPECT_TRUE(diags.empty()) << all_messages(diags);
  EXPECT_EQ(loaded->scenario.services.size(), 5u);
  EXPECT_EQ(loaded->scenario.slos.size(), 2u);
}

TEST(ScenarioLoader, DiurnalDefaults) {
  Diagnostics diags;
  const auto loaded = load_scenario_text(
      "scenario: x\nservices: [{name: a}]\n"
      "traffic: [{to: a, rate: 1/s, profile: {shape: diurnal}}]\n",
      "t.yaml", diags);
  ASSERT_TRUE(loaded) << all_messages(diags);
  const TrafficProfile& p = loaded->scenario.traffic[0].profile;
  EXPECT_EQ(p.factor, 2);
  EXPECT_EQ(p.trough, 1);
  EXPECT_EQ(p.peak_at, hours(12));
}

TEST(ScenarioLoader, JsonHasTheResolvedValues) {
  const Scenario s = load_good("full.yaml").scenario;
  const std::string text = scenario_to_json(s);
  const auto j = nlohmann::json::parse(text);  // throws, failing the test, when invalid
  EXPECT_EQ(j["name"], "checkout-db-latency");
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["duration_ns"], minutes(90).ns());
  EXPECT_EQ(j["start_time_of_day_ns"], (hours(17) + minutes(30)).ns());
  EXPECT_EQ(j["zones"], nlohmann::json({"a", "b", "c"}));
  const auto& fe = j["services"][0];
  EXPECT_EQ(fe["name"], "frontend");
  EXPECT_EQ(fe["service_time"]["kind"], "lognormal");
  EXPECT_EQ(fe["calls"][0]["to"], "checkout");
  EXPECT_EQ(fe["calls"][0]["timeout_ns"], ms(800).ns());
  EXPECT_EQ(fe["calls"][0]["retries"]["jitter"], "full");
  EXPECT_EQ(fe["calls"][2]["timeout_ns"], nullptr);
  EXPECT_EQ(fe["calls"][2]["circuit_breaker"]["open_for_ns"], seconds(30).ns());
  EXPECT_EQ(j["services"][1]["queue"], nullptr);
  EXPECT_EQ(j["services"][1]["max_in_flight"], 500);
  EXPECT_EQ(j["services"][4]["zones"], nlohmann::json({"c"}));
  EXPECT_EQ(j["traffic"][0]["profile"]["peak_at_ns"], hours(19).ns());
  EXPECT_EQ(j["slos"][1]["journey"], "web");
  EXPECT_EQ(j["slos"][1]["sli"], "latency");
  EXPECT_EQ(j["slos"][1]["latency_threshold_ns"], ms(300).ns());
  EXPECT_EQ(scenario_to_json(s), text);  // deterministic
}

// The record's scenario codec reads back exactly what it wrote, for every scenario of the
// library and the loader's own fixtures: the typed scenario a reader gets is the one that ran.
TEST(ScenarioJson, ReadsBackWhatItWroteForEveryScenario) {
  std::vector<std::string> files;
  for (const char* dir : {"/scenarios", "/tests/data/good"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(GAMEDAY_SOURCE_DIR) + dir))
      if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  ASSERT_GE(files.size(), 15u);
  for (const std::string& file : files) {
    Diagnostics diags;
    const auto loaded = load_scenario_file(file, diags);
    ASSERT_TRUE(loaded) << file;
    const std::string text = scenario_to_json(loaded->scenario);
    std::string error;
    const auto back = scenario_from_json(text, error);
    ASSERT_TRUE(back) << file << ": " << error;
    EXPECT_EQ(scenario_to_json(*back), text) << file;
  }
}

TEST(ScenarioJson, NamesThePathOfAProblem) {
  std::string text = scenario_to_json(load_good("full.yaml").scenario);
  const std::string to = R"("to":"checkout")";
  text.replace(text.find(to), to.size(), R"("to":"nowhere")");
  std::string error;
  EXPECT_FALSE(scenario_from_json(text, error));
  EXPECT_EQ(error, "scenario: services[0]: calls[0]: field 'to': no service named 'nowhere'");
  EXPECT_FALSE(scenario_from_json(R"({"zones":7})", error));
  EXPECT_EQ(error, "scenario: field 'zones' should be an array, found an integer");
}

TEST(ScenarioLoader, JsonOfMinimalScenarioHasEveryDefault) {
  const auto j = nlohmann::json::parse(scenario_to_json(load_good("minimal.yaml").scenario));
  EXPECT_EQ(j["description"], "");
  EXPECT_EQ(j["sample_interval_ns"], seconds(10).ns());
  EXPECT_EQ(j["trace_sample_ratio"], 0);
  const auto& api = j["services"][0];
  EXPECT_EQ(api["workers"], 16);
  EXPECT_EQ(api["queue"], 100);
  EXPECT_EQ(api["concurrency"], "threads");
  EXPECT_EQ(api["load_balancing"], "round_robin");
  EXPECT_EQ(api["service_time"]["mean_ns"], 1e6);
  EXPECT_EQ(j["traffic"][0]["profile"]["shape"], "constant");
  EXPECT_TRUE(j["slos"].is_array());
}

TEST(ScenarioLoader, MonitoringDefaultsPresetsAndJson) {
  const std::string text = R"(scenario: mon
services: [{name: api}]
traffic: [{name: web, to: api, rate: 10/s}]
slos: [{name: avail, service: api, objective: 99.9%}]
probes: [{name: ping, service: api}]
alerts:
  - {name: fast, burn_rate: {slo: avail, preset: page_fast}}
  - {name: budget, burn_rate: {slo: avail, preset: ticket}}
  - {name: slow, severity: page, journey: web, metric: latency_p99, above: 300ms, for: 2m}
  - {name: probe, severity: ticket, probe: ping, metric: probe_failure_ratio, above: 50%,
     keep_firing_for: 5m}
alerting: {group_by: service, inhibit: [{source: fast, target: slow}]}
)";
  Diagnostics diags;
  const auto loaded = load_scenario_text(text, "t.yaml", diags);
  ASSERT_TRUE(loaded) << all_messages(diags);
  const MonitoringSpec& m = loaded->scenario.monitoring;
  ASSERT_EQ(m.alerts.size(), 4u);
  EXPECT_EQ(m.alerts[0].kind, AlertRule::Kind::BurnRate);
  EXPECT_EQ(m.alerts[0].severity, Severity::Page);
  EXPECT_EQ(m.alerts[0].burn_rate.long_window, hours(1));
  EXPECT_EQ(m.alerts[0].burn_rate.short_window, minutes(5));
  EXPECT_EQ(m.alerts[0].burn_rate.factor, 14.4);
  EXPECT_EQ(m.alerts[1].severity, Severity::Ticket);  // from the preset
  EXPECT_EQ(m.alerts[1].burn_rate.long_window, hours(72));
  const ThresholdRule& slow = m.alerts[2].threshold;
  EXPECT_EQ(slow.subject, SubjectKind::Journey);
  EXPECT_EQ(slow.journey, SourceId{0});
  EXPECT_EQ(slow.service, ServiceId{0});
  EXPECT_EQ(slow.window, minutes(5));
  EXPECT_DOUBLE_EQ(slow.threshold, 0.3);
  EXPECT_EQ(m.alerts[2].for_duration, minutes(2));
  EXPECT_EQ(m.alerts[3].threshold.probe, ProbeId{0});
  EXPECT_EQ(m.alerts[3].keep_firing_for, minutes(5));
  ASSERT_EQ(m.probes.size(), 1u);
  EXPECT_EQ(m.probes[0].interval, seconds(30));
  EXPECT_EQ(m.probes[0].timeout, seconds(5));
  EXPECT_EQ(m.alerting.evaluation_interval, minutes(1));
  EXPECT_EQ(m.alerting.group_wait, seconds(30));
  EXPECT_EQ(m.alerting.group_interval, minutes(5));
  EXPECT_EQ(m.alerting.repeat_interval, hours(4));
  EXPECT_EQ(m.alerting.group_by, GroupBy::Service);
  ASSERT_EQ(m.alerting.inhibit.size(), 1u);
  EXPECT_EQ(m.alerting.inhibit[0].target, AlertId{2});

  const auto j = nlohmann::json::parse(scenario_to_json(loaded->scenario));
  EXPECT_EQ(j["alerts"][0]["burn_rate"]["factor"], 14.4);
  EXPECT_TRUE(j["alerts"][0]["threshold"].is_null());
  EXPECT_EQ(j["alerts"][2]["threshold"]["journey"], "web");
  EXPECT_EQ(j["alerts"][2]["threshold"]["metric"], "latency_p99");
  EXPECT_EQ(j["probes"][0]["timeout_ns"], seconds(5).ns());
  EXPECT_EQ(j["alerting"]["inhibit"][0]["source"], "fast");
  EXPECT_EQ(j["alerting"]["group_by"], "service");
}

}  // namespace
}  // namespace gameday::sim

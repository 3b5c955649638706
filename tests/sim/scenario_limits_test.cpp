// The limits that bound what loading a scenario, and one simulated second of its run, can cost
// (docs/scenario-reference.md, "Limits"): each is reported at the value that crosses it, and
// what stays within them still loads, with name lookups that do not slow down with size.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gameday/core/input_file.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/sim/responder_script.hpp"
#include "gameday/sim/scenario_loader.hpp"

namespace gameday::sim {
namespace {

namespace fs = std::filesystem;

std::string all_messages(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.sorted()) out += "  " + d.format() + "\n";
  return out;
}

// Loads `yaml` expecting exactly one error, at `where` ("line:col"), containing `message`.
void expect_one_error(const std::string& yaml, const std::string& where,
                      const std::string& message) {
  Diagnostics diags;
  EXPECT_FALSE(load_scenario_text(yaml, "t.yaml", diags).has_value());
  ASSERT_EQ(diags.error_count(), 1u) << all_messages(diags);
  const std::string text = diags.items().front().format();
  EXPECT_EQ(text.rfind("t.yaml:" + where + ": error: ", 0), 0u) << text;
  EXPECT_NE(text.find(message), std::string::npos) << text;
}

const std::string one_service = "scenario: t\nservices:\n  - name: web\n";

TEST(ScenarioLimits, AnArrivalRateBeyondTheLimitIsRefusedAtTheRate) {
  expect_one_error(one_service + "traffic:\n  - { to: web, rate: 1000M/s }\n", "5:22",
                   "traffic[0].rate: this source's peak arrival rate is 1000000000/s");
  // Together: the source that takes the sum over the limit.
  expect_one_error(one_service +
                       "traffic:\n  - { name: a, to: web, rate: 600k/s }\n"
                       "  - { name: b, to: web, rate: 500k/s }\n",
                   "6:31", "traffic[1].rate: the sources' peak arrival rates add up to 1100000/s");
  // A profile's peak and a surge count as the engine counts them.
  expect_one_error(one_service +
                       "traffic:\n  - { to: web, rate: 2000/s }\n"
                       "faults:\n  - { name: s, kind: traffic_surge, target: { source: web }, at: "
                       "1m, factor: 1000x }\n",
                   "5:22", "peak arrival rate is 2000000/s");
  Diagnostics diags;
  EXPECT_TRUE(load_scenario_text(one_service +
                                     "traffic:\n  - { to: web, rate: 1000/s, profile: { shape: "
                                     "spike, at: 1m, for: 1m, factor: 1000x } }\n",
                                 "t.yaml", diags))
      << all_messages(diags);
}

TEST(ScenarioLimits, FactorsHerdsAndCheckIntervalsHaveUpperBounds) {
  expect_one_error(one_service +
                       "traffic:\n  - { to: web, rate: 1/s, profile: { shape: step, at: 1m, "
                       "factor: 5000x } }\n",
                   "5:67", "traffic[0].profile.factor: factor must be at most 1000x, got 5000x");
  const std::string traffic = "traffic:\n  - { to: web, rate: 1/s }\n";
  expect_one_error(one_service + traffic +
                       "faults:\n  - { name: s, kind: traffic_surge, target: { source: web }, at: "
                       "1m, factor: 100000x }\n",
                   "7:78", "faults[0].factor: factor must be at most 1000x, got 100000x");
  expect_one_error(one_service + traffic +
                       "faults:\n  - { name: h, kind: thundering_herd, target: { source: web }, "
                       "at: 1m, requests: 10000000 }\n",
                   "7:82", "requests must be between 1 and 500000, got 10000000");
  expect_one_error(one_service + "    health_check: { interval: 1ms }\n" + traffic, "4:31",
                   "interval must be at least 100ms, got 1ms");
  expect_one_error(one_service + traffic +
                       "probes:\n  - { name: p, service: web, interval: 10ms, timeout: 5ms }\n",
                   "7:40", "probes[0].interval: interval must be at least 100ms, got 10ms");
}

TEST(ScenarioLimits, ServicesAndInstancesAreCounted) {
  std::string many = "scenario: t\nservices:\n";
  for (std::size_t i = 0; i <= limits::services; ++i)
    many += "  - name: s" + std::to_string(i) + "\n";
  expect_one_error(many + "traffic:\n  - { to: s0, rate: 1/s }\n", "3:3",
                   "services: at most 10000 services, got 10001");
  std::string big = "scenario: t\nservices:\n";
  for (int i = 0; i < 11; ++i) big += "  - { name: s" + std::to_string(i) + ", replicas: 10000 }\n";
  expect_one_error(big + "traffic:\n  - { to: s0, rate: 1/s }\n", "13:5",
                   "services[10]: the services' instances (max_replicas, or replicas) add up to "
                   "110000 here, more than the limit of 100000");
}

// 10,000 services, each calling the next by name: loads, and every name resolves.
TEST(ScenarioLimits, TheLargestServiceListLoadsAndResolvesNames) {
  const std::size_t n = limits::services;
  std::string yaml = "scenario: t\nservices:\n";
  for (std::size_t i = 0; i < n; ++i) {
    yaml += "  - name: s" + std::to_string(i) + "\n";
    if (i + 1 < n) yaml += "    calls: [{ to: s" + std::to_string(i + 1) + " }]\n";
  }
  yaml += "traffic:\n  - { to: s0, rate: 1/s }\n";
  Diagnostics diags;
  const auto loaded = load_scenario_text(yaml, "t.yaml", diags);
  ASSERT_TRUE(loaded.has_value()) << all_messages(diags);
  const Scenario& s = loaded->scenario;
  EXPECT_EQ(s.find_service("s9999"), ServiceId::from_index(9999));
  EXPECT_EQ(s.services[4321].calls.at(0).to, ServiceId::from_index(4322));
  EXPECT_FALSE(s.find_service("s10000"));
  EXPECT_EQ(s.find_source("s0"), SourceId::from_index(0));
}

TEST(ScenarioLimits, AliasesCannotMultiplyTheDocument) {
  // "Billion laughs": nine lines of aliases stand for 10^10 values.
  std::string laughs = one_service + "traffic:\n  - { to: web, rate: 1/s }\n" +
                       "description: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (int i = 0; i < 9; ++i) {
    const std::string name = "b" + std::to_string(i);
    laughs += name + ": &" + name + " [";
    for (int k = 0; k < 10; ++k) laughs += (k ? ", *" : "*") + prev;
    laughs += "]\n";
    prev = name;
  }
  expect_one_error(laughs, "11:1", "b4: the scenario holds more than 1000000 values");
  // A valid-looking shape: one anchored list of 1,000 calls reused by 1,000 services.
  std::string reuse = "scenario: t\nservices:\n  - name: root\n    calls: &c [";
  for (int i = 0; i < 1000; ++i) reuse += (i ? ", { to: s" : "{ to: s") + std::to_string(i) + " }";
  reuse += "]\n";
  for (int i = 0; i < 1000; ++i) reuse += "  - name: s" + std::to_string(i) + "\n";
  for (int i = 0; i < 1000; ++i) reuse += "  - name: t" + std::to_string(i) + "\n    calls: *c\n";
  expect_one_error(reuse + "traffic:\n  - { to: root, rate: 1/s }\n", "2:1",
                   "services: the scenario holds more than 1000000 values once its YAML aliases "
                   "are expanded");
}

class InputFiles : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gameday-limits-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string fifo() {
    const fs::path p = dir_ / "fifo";
    EXPECT_EQ(::mkfifo(p.c_str(), 0600), 0);
    return p.string();
  }
  fs::path dir_;
};

// Nothing here may block: a FIFO with no writer would hang a reader that opened it plainly.
TEST_F(InputFiles, AFifoOrADeviceIsRefusedWithoutReading) {
  const std::string path = fifo();
  Diagnostics diags;
  EXPECT_FALSE(load_scenario_file(path, diags));
  EXPECT_FALSE(load_scenario_file("/dev/zero", diags));
  EXPECT_FALSE(eventlog::read_record(path, diags));
  EXPECT_FALSE(eventlog::read_record("/dev/zero", diags));
  EXPECT_FALSE(load_responder_commands(path, Scenario{}, diags));
  ASSERT_EQ(diags.error_count(), 5u) << all_messages(diags);
  EXPECT_EQ(diags.items()[0].format(),
            path + ": error: cannot read '" + path + "': not a regular file (a FIFO)");
  EXPECT_EQ(diags.items()[1].format(),
            "/dev/zero: error: cannot read '/dev/zero': not a regular file (a device)");
  EXPECT_EQ(diags.items()[2].format(),
            path + ": error: cannot read the record: not a regular file (a FIFO)");
  EXPECT_EQ(diags.items()[4].format(),
            path + ": error: cannot read the commands: not a regular file (a FIFO)");
}

TEST_F(InputFiles, AFileOverTheLimitIsRefusedBeforeItIsRead) {
  const fs::path big = dir_ / "big.yaml";
  std::ofstream(big) << "scenario: t\n";
  fs::resize_file(big, scenario_bytes_max + 1);  // sparse: costs no disk
  Diagnostics diags;
  EXPECT_FALSE(load_scenario_file(big.string(), diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_NE(diags.items()[0].message.find("too large: 2 MiB, more than the limit of 2 MiB"),
            std::string::npos)
      << diags.items()[0].message;

  const fs::path script = dir_ / "script.txt";
  std::ofstream(script) << "1m alice: status\n";
  fs::resize_file(script, script_bytes_max + 1);
  EXPECT_FALSE(load_responder_commands(script.string(), Scenario{}, diags));
  EXPECT_NE(all_messages(diags).find("cannot read the responder script: too large"),
            std::string::npos)
      << all_messages(diags);

  const InputFile ok = read_input_file(big.string(), scenario_bytes_max + 1);
  EXPECT_TRUE(ok.error.empty()) << ok.error;
  EXPECT_EQ(ok.text.size(), scenario_bytes_max + 1);
}

}  // namespace
}  // namespace gameday::sim

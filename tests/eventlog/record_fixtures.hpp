// Shared fixtures for the eventlog tests: a header with a full name table, a record with every
// line type and every optional field set, and a temporary directory removed at scope exit.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include "../support/scenario_fixture.hpp"
#include "gameday/eventlog/writer.hpp"

namespace gameday::eventlog::testing {

using gameday::testing::scenario_for;

inline Header full_header() {
  Header h;
  h.tool_version = "0.1.0-test";
  h.scenario_name = "checkout-db-latency";
  h.scenario_hash = "fnv1a64:0123456789abcdef";
  h.seed = 18446744073709551615ULL;  // the largest seed must survive the trip
  h.duration = minutes(90);
  h.sample_interval = seconds(10);
  h.names.zones = {"a", "b"};
  h.names.services = {"frontend", "checkout", "orders-db"};
  h.names.instances = {{"frontend-0", ServiceId{0}, ZoneId{0}},
                       {"checkout-0", ServiceId{1}, ZoneId{1}},
                       {"orders-db-0", ServiceId{2}, ZoneId{0}}};
  h.names.dependencies = {{ServiceId{0}, ServiceId{1}}, {ServiceId{1}, ServiceId{2}}};
  h.names.sources = {"browse", "buy"};
  h.names.slos = {"checkout-availability"};
  h.names.faults = {"orders-db-slow"};
  h.names.alerts = {"CheckoutErrorBudgetBurn", "CheckoutLatency"};
  h.names.probes = {"storefront"};
  h.scenario = scenario_for(h.names);
  h.scenario.name = "checkout-db-latency";
  h.scenario.seed = 7;
  return h;
}

inline LatencySummary latency(std::int64_t base_ms) {
  return {ms(base_ms), ms(base_ms * 2), ms(base_ms * 5), ms(base_ms * 9), ms(base_ms + 1)};
}

// Writes one line of every type, with every optional field present somewhere.
inline void write_full_record(RecordWriter& w) {
  w.header(full_header());
  const std::uint64_t fault_seq =
      w.event({Time::zero() + minutes(25), EventKind::FaultStart,
               FaultChange{FaultId{0}, model::FaultKind::CrashLoop, InstanceId{2}}});
  w.event({Time::zero() + minutes(27), EventKind::AlertFiring,
           AlertChange{AlertId{0}, model::Severity::Page, 2.0, 0.1}, fault_seq});
  ServiceSample ss;
  ss.t = Time::zero() + minutes(27) + seconds(10);
  ss.service = ServiceId{2};
  ss.requests = 4000;
  ss.ok = 3900;
  ss.errors = {10, 60, 20, 10};
  ss.latency = latency(3);
  ss.latency_le =
      LatencyBuckets{100, 2000, 3500, 3900, 3900, 3900, 3900, 3900, 3900, 3900, 3900, 3900, 3900};
  ss.in_flight = 12;
  ss.queued = 3;
  ss.utilisation = 0.875;
  ss.instances_up = 2;
  ss.retries = 44;
  w.sample(ss);
  DependencySample ds;
  ds.t = ss.t;
  ds.dependency = DependencyId{1};
  ds.calls = 1000;
  ds.attempts = 1100;
  ds.ok = 950;
  ds.errors = {1, 2, 3, 44};
  ds.retries = 100;
  ds.latency = latency(7);
  ds.circuit = CircuitState::HalfOpen;
  w.sample(ds);
  SourceSample src;
  src.t = ss.t;
  src.source = SourceId{1};
  src.requests = 300;
  src.ok = 290;
  src.errors = {0, 10, 0, 0};
  src.latency = latency(11);
  w.sample(src);
  InstanceSample is;
  is.t = ss.t;
  is.instance = InstanceId{2};
  is.requests = 4000;
  is.ok = 3900;
  is.errors = 100;
  is.latency_mean = ms(4);
  is.in_flight = 12;
  is.queued = 3;
  is.utilisation = 0.875;
  is.up = false;
  is.release = 1;
  w.sample(std::span(&is, 1), ServiceId{2});
  w.sample(ProbeSample{ss.t, 0, ProbeId{0}, 1, 2});
  w.trace({ss.t, 0, SourceId{0}, ss.t - ms(120), ms(120), std::nullopt});
  w.trace({ss.t + ms(1), 0, SourceId{1}, ss.t - ms(800), ms(801), ErrorCause::Timeout});
  w.end({Time::zero() + minutes(90), 0, "completed", 123456789, 987654});
}

// A fresh directory under the system temp directory, removed with its contents at scope exit.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("gameday-eventlog-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Lines of a hand-made record, each followed by a newline.
inline std::string jsonl(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (std::string_view l : lines) {
    out += l;
    out += '\n';
  }
  return out;
}

inline std::string slurp(const std::string& path) {
  std::string out;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
  }
  return out;
}

inline void spit(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(std::fwrite(text.data(), 1, text.size(), f), text.size());
  std::fclose(f);
}

}  // namespace gameday::eventlog::testing

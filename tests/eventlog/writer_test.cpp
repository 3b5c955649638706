// RecordWriter: the exact line format, the round trip through a real file and read_record,
// the flush policy (what is on disk while the writer is still open), and failure tracking.
#include "gameday/eventlog/writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "gameday/core/utf8.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/scenario_json.hpp"
#include "gameday/eventlog/schema.hpp"
#include "record_fixtures.hpp"

namespace gameday::eventlog {
namespace {

using testing::full_header;
using testing::scenario_for;
using testing::slurp;
using testing::TempDir;
using testing::write_full_record;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      out.push_back(text.substr(pos));
      break;
    }
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

TEST(RecordWriter, WritesTheDocumentedLineFormat) {
  RecordWriter w;
  Header h;
  h.tool_version = "1.2.3";
  h.scenario_name = "s";
  h.scenario_hash = "fnv1a64:00000000000000ff";
  h.seed = 7;
  h.duration = seconds(60);
  h.sample_interval = seconds(10);
  h.names.zones = {"a"};
  h.names.services = {"svc"};
  h.names.instances = {{"svc-0", ServiceId{0}, ZoneId{0}}};
  h.scenario = scenario_for(h.names);
  w.header(h);
  w.event({Time::from_ns(5), EventKind::InstanceDown, InstanceChange{InstanceId{0}}, 0});
  ServiceSample s;
  s.t = Time::from_ns(10'000'000'000);
  s.service = ServiceId{0};
  s.requests = 5;
  s.ok = 4;
  s.errors[static_cast<std::size_t>(ErrorCause::Timeout)] = 1;
  s.latency = {ms(1), ms(2), ms(3), ms(4), ms(2)};
  s.utilisation = 0.5;
  s.instances_up = 1;
  w.sample(s);
  EXPECT_EQ(w.lines(), 3u);
  const auto lines = split_lines(w.buffer());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            R"({"type":"header","seq":0,"format":1,"tool_version":"1.2.3","scenario_name":"s",)"
            R"("scenario_hash":"fnv1a64:00000000000000ff","seed":7,"duration_ns":60000000000,)"
            R"("sample_interval_ns":10000000000,"zones":["a"],"services":["svc"],)"
            R"("instances":[{"name":"svc-0","service":0,"zone":0}],"dependencies":[],)"
            R"("sources":[],"slos":[],"faults":[],"alerts":[],"probes":[],"responders":"none",)"
            R"("scenario":)" +
                scenario_to_json(h.scenario) + "}");
  EXPECT_EQ(lines[1],
            R"({"type":"event","seq":1,"t":5,"kind":"instance_down","cause":0,"instance":0})");
  EXPECT_EQ(lines[2],
            R"({"type":"service_sample","seq":2,"t":10000000000,"service":0,"requests":5,"ok":4,)"
            R"("errors":{"rejected":0,"timeout":1,"downstream":0,"circuit_open":0,"unavailable":0,)"
            R"("injected":0,"connection":0},)"
            R"("p50_ns":1000000,"p90_ns":2000000,"p99_ns":3000000,"max_ns":4000000,)"
            R"("mean_ns":2000000,"in_flight":0,"queued":0,"utilisation":0.5,"instances_up":1,)"
            R"("retries":0})");
  EXPECT_EQ(w.buffer().back(), '\n');
}

TEST(RecordWriter, RoundTripsEveryLineTypeThroughAFile) {
  TempDir dir;
  std::string error;
  auto w = RecordWriter::open(dir.file("events.jsonl"), error);
  ASSERT_TRUE(w) << error;
  write_full_record(*w);
  EXPECT_EQ(w->lines(), 11u);
  ASSERT_TRUE(w->close());

  Diagnostics diags;
  const auto rec = read_record(dir.path().string(), diags);  // the run folder form
  ASSERT_TRUE(rec);
  EXPECT_TRUE(diags.empty()) << diags.items().front().format();

  const Header want = full_header();
  EXPECT_EQ(rec->header.format, format_version);
  EXPECT_EQ(rec->header.tool_version, want.tool_version);
  EXPECT_EQ(rec->header.scenario_name, want.scenario_name);
  EXPECT_EQ(rec->header.scenario_hash, want.scenario_hash);
  EXPECT_EQ(rec->header.seed, want.seed);
  EXPECT_EQ(rec->header.duration, want.duration);
  EXPECT_EQ(rec->header.sample_interval, want.sample_interval);
  EXPECT_EQ(rec->header.names.zones, want.names.zones);
  EXPECT_EQ(rec->header.names.services, want.names.services);
  ASSERT_EQ(rec->header.names.instances.size(), 3u);
  EXPECT_EQ(rec->header.names.instances[2].name, "orders-db-0");
  EXPECT_EQ(rec->header.names.instances[2].service, ServiceId{2});
  EXPECT_EQ(rec->header.names.instances[1].zone, ZoneId{1});
  ASSERT_EQ(rec->header.names.dependencies.size(), 2u);
  EXPECT_EQ(rec->header.names.dependencies[1].from, ServiceId{1});
  EXPECT_EQ(rec->header.names.dependencies[1].to, ServiceId{2});
  EXPECT_EQ(rec->header.names.sources, want.names.sources);
  EXPECT_EQ(rec->header.names.slos, want.names.slos);
  EXPECT_EQ(rec->header.names.faults, want.names.faults);
  EXPECT_EQ(rec->header.names.alerts, want.names.alerts);
  EXPECT_EQ(rec->header.names.probes, want.names.probes);
  EXPECT_EQ(scenario_to_json(rec->header.scenario), scenario_to_json(want.scenario));

  ASSERT_EQ(rec->events.size(), 2u);
  const Event& fault = rec->events[0];
  EXPECT_EQ(fault.seq, 1u);
  EXPECT_EQ(fault.t, Time::zero() + minutes(25));
  EXPECT_EQ(fault.kind, EventKind::FaultStart);
  EXPECT_FALSE(fault.cause);
  EXPECT_EQ(fault.data,
            EventData(FaultChange{FaultId{0}, model::FaultKind::CrashLoop, InstanceId{2}}));
  EXPECT_EQ(rec->events[1].cause, std::optional<std::uint64_t>(1));
  EXPECT_EQ(rec->events[1].kind, EventKind::AlertFiring);
  // 2.0 stays a double: the writer marks it as one.
  EXPECT_EQ(rec->events[1].data,
            EventData(AlertChange{AlertId{0}, model::Severity::Page, 2.0, 0.1}));

  ASSERT_EQ(rec->service_samples.size(), 1u);
  const ServiceSample& ss = rec->service_samples[0];
  EXPECT_EQ(ss.seq, 3u);
  EXPECT_EQ(ss.t, Time::zero() + minutes(27) + seconds(10));
  EXPECT_EQ(ss.service, ServiceId{2});
  EXPECT_EQ(ss.requests, 4000u);
  EXPECT_EQ(ss.ok, 3900u);
  EXPECT_EQ(ss.errors, (ErrorCounts{10, 60, 20, 10}));
  EXPECT_EQ(ss.latency.p50, ms(3));
  EXPECT_EQ(ss.latency.p90, ms(6));
  EXPECT_EQ(ss.latency.p99, ms(15));
  EXPECT_EQ(ss.latency.max, ms(27));
  EXPECT_EQ(ss.latency.mean, ms(4));
  EXPECT_EQ(ss.in_flight, 12);
  EXPECT_EQ(ss.queued, 3);
  EXPECT_EQ(ss.utilisation, 0.875);
  EXPECT_EQ(ss.instances_up, 2);
  EXPECT_EQ(ss.retries, 44u);

  ASSERT_EQ(rec->dependency_samples.size(), 1u);
  const DependencySample& ds = rec->dependency_samples[0];
  EXPECT_EQ(ds.seq, 4u);
  EXPECT_EQ(ds.dependency, DependencyId{1});
  EXPECT_EQ(ds.calls, 1000u);
  EXPECT_EQ(ds.attempts, 1100u);
  EXPECT_EQ(ds.ok, 950u);
  EXPECT_EQ(ds.errors, (ErrorCounts{1, 2, 3, 44}));
  EXPECT_EQ(ds.retries, 100u);
  EXPECT_EQ(ds.latency.p99, ms(35));
  EXPECT_EQ(ds.circuit, CircuitState::HalfOpen);

  ASSERT_EQ(rec->source_samples.size(), 1u);
  const SourceSample& src = rec->source_samples[0];
  EXPECT_EQ(src.seq, 5u);
  EXPECT_EQ(src.source, SourceId{1});
  EXPECT_EQ(src.requests, 300u);
  EXPECT_EQ(src.ok, 290u);
  EXPECT_EQ(src.errors, (ErrorCounts{0, 10, 0, 0}));
  EXPECT_EQ(src.latency.max, ms(99));
  EXPECT_FALSE(src.latency_le);
  ASSERT_TRUE(rec->service_samples[0].latency_le);
  EXPECT_EQ((*rec->service_samples[0].latency_le)[1], 2000u);
  EXPECT_EQ(rec->service_samples[0].latency_le->back(), 3900u);

  ASSERT_EQ(rec->instance_samples.size(), 1u);
  const InstanceSample& is = rec->instance_samples[0];
  EXPECT_EQ(is.seq, 6u);
  EXPECT_EQ(is.instance, InstanceId{2});
  EXPECT_EQ(is.requests, 4000u);
  EXPECT_EQ(is.errors, 100u);
  EXPECT_EQ(is.latency_mean, ms(4));
  EXPECT_EQ(is.queued, 3);
  EXPECT_DOUBLE_EQ(is.utilisation, 0.875);
  EXPECT_FALSE(is.up);
  EXPECT_EQ(is.release, 1u);
  ASSERT_EQ(rec->probe_samples.size(), 1u);
  EXPECT_EQ(rec->probe_samples[0].attempts, 1u);
  EXPECT_EQ(rec->probe_samples[0].failures, 2u);  // a timeout from the interval before

  ASSERT_EQ(rec->traces.size(), 2u);
  EXPECT_EQ(rec->traces[0].seq, 8u);
  EXPECT_EQ(rec->traces[0].source, SourceId{0});
  EXPECT_EQ(rec->traces[0].arrival, ss.t - ms(120));
  EXPECT_EQ(rec->traces[0].latency, ms(120));
  EXPECT_FALSE(rec->traces[0].error);
  EXPECT_EQ(rec->traces[1].error, std::optional<ErrorCause>(ErrorCause::Timeout));

  ASSERT_TRUE(rec->end);
  EXPECT_EQ(rec->end->seq, 10u);
  EXPECT_EQ(rec->end->t, Time::zero() + minutes(90));
  EXPECT_EQ(rec->end->reason, "completed");
  EXPECT_EQ(rec->end->kernel_events, 123456789u);
  EXPECT_EQ(rec->end->requests, 987654u);
}

TEST(RecordWriter, NonFiniteNumbersComeBackAsNaN) {
  RecordWriter w;
  w.header(full_header());
  ServiceSample s;
  s.service = ServiceId{0};
  s.utilisation = std::numeric_limits<double>::infinity();
  w.sample(s);
  w.event({Time::zero(), EventKind::AlertPending,
           AlertChange{AlertId{1}, model::Severity::Ticket, std::nan(""), 1e300}});
  Diagnostics diags;
  const auto rec = parse_record(w.buffer(), "mem", diags);
  ASSERT_TRUE(rec);
  EXPECT_TRUE(std::isnan(rec->service_samples.at(0).utilisation));
  const auto* alert = rec->events.at(0).get<AlertChange>();
  ASSERT_NE(alert, nullptr);
  EXPECT_TRUE(std::isnan(alert->value.value()));
  EXPECT_EQ(alert->short_value, 1e300);
}

// The writer never produces a line its own reader refuses: ill-formed UTF-8 anywhere in a
// string (a name table, the scenario, an event's text, a key) is written as U+FFFD.
TEST(RecordWriter, WritesIllFormedUtf8AsReplacementCharactersTheReaderAccepts) {
  const std::string_view ill_formed[] = {
      "caf\xE9",                    // Latin-1
      "\x80\xBF",                   // lone continuation bytes
      "\xE2\x80",                   // truncated at the end
      "\xF0\x9F\x94 !",             // truncated before ASCII
      "\xC0\xAF \xE0\x80\xAF",      // overlong
      "\xED\xA0\x80\xED\xBF\xBF",   // surrogates encoded in UTF-8
      "\xF4\x90\x80\x80 \xF5\xFF",  // above U+10FFFF, bytes UTF-8 never uses
      "ok \xE2\x86\x92 \xE9\x9B",   // a well-formed arrow then a truncated character
  };
  for (const std::string_view bad : ill_formed) {
    SCOPED_TRACE(::testing::PrintToString(std::string(bad)));
    const std::string text(bad);
    Header h = full_header();
    h.scenario_name = text;
    h.names.services[0] = text;
    h.scenario.services[0].name = text;
    RecordWriter w;
    w.header(h);
    w.event({Time::zero() + minutes(1), EventKind::Command,
             CommandIssued{text, text, "note " + text, "note", "", text}});
    Diagnostics diags;
    const auto rec = parse_record(w.buffer(), "mem", diags);
    ASSERT_TRUE(rec) << (diags.empty() ? w.buffer() : diags.items().front().format());
    const std::string replaced = to_valid_utf8(text);
    EXPECT_NE(replaced, text);
    EXPECT_EQ(rec->header.scenario_name, replaced);
    EXPECT_EQ(rec->header.names.services[0], replaced);
    const auto* command = rec->events.at(0).get<CommandIssued>();
    ASSERT_NE(command, nullptr);
    EXPECT_EQ(command->responder, replaced);
    EXPECT_EQ(command->role, replaced);
    EXPECT_EQ(command->text, "note " + replaced);
    EXPECT_EQ(command->wall_time, replaced);
  }
}

TEST(RecordWriter, KeepsEverythingInMemoryWithoutAFile) {
  RecordWriter w;
  write_full_record(w);
  EXPECT_EQ(w.lines(), 11u);
  EXPECT_EQ(std::count(w.buffer().begin(), w.buffer().end(), '\n'), 11);
  EXPECT_TRUE(w.close());
  EXPECT_EQ(std::count(w.buffer().begin(), w.buffer().end(), '\n'), 11);
}

Event event_at(Duration t) {
  return {Time::zero() + t, EventKind::InstanceUp, InstanceChange{InstanceId{0}}};
}

TEST(RecordWriterFlush, WritesEarlierLinesOnceAMinuteHasPassed) {
  TempDir dir;
  const std::string path = dir.file("events.jsonl");
  std::string error;
  auto w = RecordWriter::open(path, error);
  ASSERT_TRUE(w) << error;
  w->header(full_header());
  w->event(event_at(seconds(1)));
  w->event(event_at(seconds(59)));
  EXPECT_EQ(slurp(path), "") << "minute 0 is still buffered";

  w->event(event_at(seconds(61)));  // a new simulated minute
  const std::string on_disk = slurp(path);
  EXPECT_GE(std::count(on_disk.begin(), on_disk.end(), '\n'), 3) << on_disk;
  EXPECT_EQ(on_disk.back(), '\n');
  EXPECT_NE(on_disk.find(R"("seq":2,"t":59000000000)"), std::string::npos);

  w->event(event_at(seconds(62)));
  w->event(event_at(seconds(119)));
  EXPECT_EQ(slurp(path), on_disk) << "the rest of minute 1 is still buffered";
  w->flush();
  EXPECT_NE(slurp(path).find(R"("t":119000000000)"), std::string::npos);
  EXPECT_TRUE(w->close());
}

TEST(RecordWriterFlush, WritesOutPastOneMebibyteWithinAMinute) {
  TempDir dir;
  const std::string path = dir.file("events.jsonl");
  std::string error;
  auto w = RecordWriter::open(path, error);
  ASSERT_TRUE(w) << error;
  w->header(full_header());
  const std::string filler(1000, 'x');
  for (int i = 0; i < 1100; ++i) {
    w->event({Time::zero() + seconds(1), EventKind::Command,
              CommandIssued{"alice", "", "note " + filler, "note", "", std::nullopt}});
  }
  const std::string on_disk = slurp(path);
  EXPECT_GT(on_disk.size(), std::size_t{1} << 20);
  EXPECT_EQ(on_disk.back(), '\n');
  EXPECT_TRUE(w->close());
}

TEST(RecordWriterFlush, AKilledRunLeavesAReadablePrefix) {
  TempDir dir;
  const std::string path = dir.file("events.jsonl");
  std::string error;
  auto w = RecordWriter::open(path, error);
  ASSERT_TRUE(w) << error;
  w->header(full_header());
  for (int s = 0; s < 200; s += 10) w->event(event_at(seconds(s)));
  const std::string prefix = slurp(path);  // what a kill at this moment would leave
  ASSERT_FALSE(prefix.empty());
  const auto complete = std::count(prefix.begin(), prefix.end(), '\n');
  // The kill also interrupted a write: half a line more.
  const std::string killed = prefix + R"({"type":"event","seq":99,"t":2000)";
  testing::spit(path, killed);

  Diagnostics diags;
  const auto rec = read_record(path, diags);
  ASSERT_TRUE(rec);
  EXPECT_FALSE(rec->end);
  EXPECT_EQ(static_cast<long>(rec->events.size()), complete - 1);  // all but the header
  ASSERT_EQ(diags.items().size(), 1u);
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.where.line, complete + 1);
  EXPECT_NE(d.message.find("truncated last line " + std::to_string(complete + 1) + " dropped"),
            std::string::npos)
      << d.message;
}

TEST(RecordWriter, ReportsWriteFailures) {
  std::FILE* full = std::fopen("/dev/full", "wb");
  if (full == nullptr) GTEST_SKIP() << "no /dev/full here";
  RecordWriter w(full);
  write_full_record(w);
  w.flush();
  EXPECT_FALSE(w.ok());
  EXPECT_FALSE(w.close());
}

TEST(RecordWriter, OpenNamesThePathItCannotOpen) {
  std::string error;
  EXPECT_FALSE(RecordWriter::open("/nonexistent-dir-for-gameday/events.jsonl", error));
  EXPECT_NE(error.find("/nonexistent-dir-for-gameday/events.jsonl"), std::string::npos);
}

TEST(RecordWriter, MovesKeepTheFileAndTheCount) {
  TempDir dir;
  std::string error;
  auto w = RecordWriter::open(dir.file("events.jsonl"), error);
  ASSERT_TRUE(w);
  w->header(full_header());
  RecordWriter moved(std::move(*w));
  moved.event(event_at(seconds(1)));
  EXPECT_EQ(moved.lines(), 2u);
  EXPECT_TRUE(moved.close());
  const std::string text = slurp(dir.file("events.jsonl"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST(RecordWriterDeathTest, TimeMustNotGoBackwards) {
  RecordWriter w;
  w.header(full_header());
  w.event(event_at(seconds(5)));
  EXPECT_DEATH(w.event(event_at(seconds(4))), "backwards");
}

TEST(RecordWriterDeathTest, AnEventCarriesThePayloadOfItsKind) {
  EXPECT_DEATH(Event(Time::zero(), EventKind::Command, InstanceChange{InstanceId{0}}), "payload");
}

// One event of every kind, with every optional field it has, survives the trip.
TEST(RecordWriter, RoundTripsAnEventOfEveryKind) {
  const auto sample = [](std::size_t data) -> EventData {
    switch (data) {
      case event_data_index<FaultChange>:
        return FaultChange{FaultId{0}, model::FaultKind::Hang, InstanceId{1}};
      case event_data_index<InstanceChange>: return InstanceChange{InstanceId{2}};
      case event_data_index<CircuitChange>: return CircuitChange{DependencyId{1}, 0.5};
      case event_data_index<AlertChange>:
        return AlertChange{AlertId{1}, model::Severity::Ticket, 14.4, 6.0};
      case event_data_index<Notification>: return Notification{AlertId{1}, 2, "checkout"};
      case event_data_index<CommandIssued>:
        return CommandIssued{"alice",
                             "operations",
                             "restart checkout",
                             "restart",
                             "checkout is not a service",
                             "2026-01-02T03:04:05Z"};
      default: return ActionTookEffect{"restart checkout", "restart"};
    }
  };
  RecordWriter w;
  w.header(full_header());
  std::vector<Event> written;
  for (const EventKindInfo& info : event_kinds()) {
    written.emplace_back(Time::zero() + seconds(1), info.kind, sample(info.data));
    w.event(written.back());
  }
  Diagnostics diags;
  const auto rec = parse_record(w.buffer(), "mem", diags);
  ASSERT_TRUE(rec) << diags.items().front().format();
  EXPECT_TRUE(diags.empty());
  ASSERT_EQ(rec->events.size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    EXPECT_EQ(rec->events[i].kind, written[i].kind) << i;
    EXPECT_EQ(rec->events[i].data, written[i].data) << event_kind_name(written[i].kind);
  }
}

}  // namespace
}  // namespace gameday::eventlog

namespace gameday::eventlog {
namespace {

TEST(RecordWriter, RoundTripsSloSamplesAndTheNewNameTables) {
  RecordWriter w;
  w.header(full_header());
  w.sample(SloSample{Time::zero() + seconds(10), 0, SloId{0}, 4000, 3990});
  w.end({Time::zero() + seconds(10), 0, "completed", 1, 1});
  Diagnostics diags;
  const auto rec = parse_record(w.buffer(), "mem", diags);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->header.names.faults, full_header().names.faults);
  EXPECT_EQ(rec->header.names.alerts, full_header().names.alerts);
  EXPECT_EQ(rec->header.names.probes, full_header().names.probes);
  ASSERT_EQ(rec->slo_samples.size(), 1u);
  EXPECT_EQ(rec->slo_samples[0].seq, 1u);
  EXPECT_EQ(rec->slo_samples[0].slo, SloId{0});
  EXPECT_EQ(rec->slo_samples[0].valid, 4000u);
  EXPECT_EQ(rec->slo_samples[0].good, 3990u);
  EXPECT_TRUE(schema_violations(w.buffer()).empty());
}

TEST(RecordReader, RefusesAnSloSampleWithMoreGoodThanValid) {
  RecordWriter w;
  w.header(full_header());
  w.sample(SloSample{Time::zero() + seconds(10), 0, SloId{0}, 10, 11});
  Diagnostics diags;
  EXPECT_FALSE(parse_record(w.buffer(), "mem", diags).has_value());
  ASSERT_TRUE(diags.has_errors());
  EXPECT_NE(diags.items()[0].message.find("good 11 exceeds valid"), std::string::npos);
}

}  // namespace
}  // namespace gameday::eventlog

// read_record / parse_record on broken input: every problem becomes a diagnostic naming the
// file and line, a foreign or newer record is refused with a clear message, and no input,
// however garbled, crashes the reader.
#include "gameday/eventlog/reader.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "gameday/core/random.hpp"
#include "record_fixtures.hpp"

namespace gameday::eventlog {
namespace {

using testing::full_header;
using testing::jsonl;
using testing::TempDir;
using testing::write_full_record;

std::string full_record_text() {
  RecordWriter w;
  write_full_record(w);
  return w.buffer();
}

std::string header_line() {
  RecordWriter w;
  w.header(full_header());
  return w.buffer();
}

// The first error's diagnostic; fails the test when there is none.
Diagnostic first_error(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::Error) return d;
  }
  ADD_FAILURE() << "no error reported";
  return {};
}

std::string all_messages(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.items()) out += d.format() + "\n";
  return out;
}

TEST(RecordReader, ReadsARecordWithoutAnEndLine) {
  RecordWriter w;
  w.header(full_header());
  w.event({Time::zero() + seconds(1), EventKind::InstanceUp, InstanceChange{InstanceId{0}}});
  Diagnostics diags;
  const auto rec = parse_record(w.buffer(), "run", diags);
  ASSERT_TRUE(rec);
  EXPECT_TRUE(diags.empty()) << all_messages(diags);
  EXPECT_FALSE(rec->end);
  EXPECT_EQ(rec->events.size(), 1u);
}

TEST(RecordReader, BadJsonIsReportedWithItsLine) {
  const std::string text = header_line() + jsonl({
                                               R"({"type":"event","seq":1,"t":0,"kind":"a"})",
                                               R"({"type":"event","seq":2,"t":0,"kind":"b",})",
                                               R"({"type":"event","seq":3,"t":0,"kind":"c"})",
                                           });
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "run/events.jsonl", diags));
  const Diagnostic d = first_error(diags);
  EXPECT_EQ(d.where.file, "run/events.jsonl");
  EXPECT_EQ(d.where.line, 3);
  EXPECT_GT(d.where.column, 0);
  EXPECT_EQ(d.format().rfind("run/events.jsonl:3:", 0), 0u) << d.format();
  EXPECT_EQ(diags.error_count(), 1u) << "lines after a bad one are still read";
}

TEST(RecordReader, MissingRequiredFieldNamesLineAndField) {
  const std::string text =
      header_line() + jsonl({R"({"type":"service_sample","seq":1,"t":0,"service":0})"});
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  const Diagnostic d = first_error(diags);
  EXPECT_EQ(d.where.line, 2);
  EXPECT_NE(d.message.find("'requests'"), std::string::npos) << d.message;
}

// Latency buckets: cumulative, at most `ok`, the bounds left out hold all; records written
// before buckets were kept have none.
TEST(RecordReader, LatencyBucketsRiseToOkAndMayStopEarly) {
  const std::string sample =
      R"({"type":"service_sample","seq":1,"t":0,"service":0,"requests":9,"ok":9,)"
      R"("errors":{},"p50_ns":0,"p90_ns":0,"p99_ns":0,"max_ns":0,"mean_ns":0,)"
      R"("in_flight":0,"queued":0,"utilisation":0,"instances_up":1,"retries":0)";
  const auto read = [&](const std::string& buckets, Diagnostics& diags) {
    std::string errors;
    for (std::size_t c = 0; c < error_cause_count; ++c)
      errors +=
          (c ? ",\"" : "\"") + std::string(error_cause_name(static_cast<ErrorCause>(c))) + "\":0";
    std::string line = sample + buckets + "}";
    line.replace(line.find("{}"), 2, "{" + errors + "}");
    return parse_record(header_line() + jsonl({line}), "r", diags);
  };
  Diagnostics ok;
  const auto record = read(R"(,"latency_le":[2,5,9])", ok);
  ASSERT_TRUE(record) << all_messages(ok);
  ASSERT_TRUE(record->service_samples[0].latency_le);
  const LatencyBuckets& le = *record->service_samples[0].latency_le;
  EXPECT_EQ(le[0], 2u);
  EXPECT_EQ(le[2], 9u);
  EXPECT_EQ(le.back(), 9u);
  Diagnostics old;
  const auto before = read("", old);
  ASSERT_TRUE(before) << all_messages(old);
  EXPECT_FALSE(before->service_samples[0].latency_le);
  for (const std::string bad :
       {R"(,"latency_le":[5,2])", R"(,"latency_le":[10])",
        R"(,"latency_le":[0,0,0,0,0,0,0,0,0,0,0,0,0,9])", R"(,"latency_le":3)"}) {
    Diagnostics diags;
    EXPECT_FALSE(read(bad, diags)) << bad;
    EXPECT_NE(all_messages(diags).find("latency_le"), std::string::npos) << all_messages(diags);
  }
}

TEST(RecordReader, InstanceSamplesAreParallelArraysOfTheServicesInstances) {
  const std::string head = R"({"type":"instance_samples","seq":1,"t":0,"service":1,)";
  const std::string columns =
      R"("requests":[5],"ok":[4],"errors":[1],"latency_mean_ns":[7],"in_flight":[0],)"
      R"("queued":[0],"utilisation":[0.5],"up":[true])";
  Diagnostics ok;
  const auto record =
      parse_record(header_line() + jsonl({head + R"("instances":[1],)" + columns + "}"}), "r", ok);
  ASSERT_TRUE(record) << all_messages(ok);
  ASSERT_EQ(record->instance_samples.size(), 1u);
  EXPECT_EQ(record->instance_samples[0].instance, InstanceId{1});
  EXPECT_EQ(record->instance_samples[0].release, 0u);
  for (const std::string& bad : {head + R"("instances":[0],)" + columns + "}",
                                 head + R"("instances":[1,1],)" + columns + "}",
                                 head + R"("instances":[1],)" + columns + R"(,"release":[99]})"}) {
    Diagnostics diags;
    EXPECT_FALSE(parse_record(header_line() + jsonl({bad}), "r", diags)) << bad;
    EXPECT_EQ(first_error(diags).where.line, 2) << all_messages(diags);
  }
}

TEST(RecordReader, WrongTypesAndOutOfRangeIdsAreErrors) {
  const std::string text =
      header_line() +
      jsonl({
          R"({"type":"event","seq":1,"t":"soon","kind":"instance_up","instance":0})",
          R"({"type":"trace","seq":2,"t":0,"source":99,"arrival":0,"latency_ns":1})",
          R"({"type":"event","seq":3,"t":0,"kind":"instance_up","instance":[1]})",
          R"({"type":"event","seq":4,"t":0,"kind":"instance_up","instance":0,"cause":"line 1"})",
          R"({"type":"event","seq":5,"t":0,"kind":"instance_up","instance":7})",
          R"({"type":"event","seq":6,"t":0,"kind":"alert_firing","alert":0,"severity":"loud"})",
      });
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  ASSERT_EQ(diags.error_count(), 6u) << all_messages(diags);
  EXPECT_EQ(diags.items()[0].where.line, 2);
  EXPECT_NE(diags.items()[0].message.find("'t'"), std::string::npos);
  EXPECT_EQ(diags.items()[1].where.line, 3);
  EXPECT_NE(diags.items()[1].message.find("99 is not in the header's sources"), std::string::npos)
      << diags.items()[1].message;
  EXPECT_EQ(diags.items()[2].where.line, 4);
  EXPECT_NE(diags.items()[2].message.find("'instance'"), std::string::npos)
      << diags.items()[2].message;
  EXPECT_EQ(diags.items()[3].where.line, 5);
  EXPECT_NE(diags.items()[4].message.find("7 is not in the header's instances"), std::string::npos)
      << diags.items()[4].message;
  EXPECT_NE(diags.items()[5].message.find("'loud'"), std::string::npos) << diags.items()[5].message;
}

TEST(RecordReader, RefusesAnotherFormatVersionNamingBoth) {
  std::string text = header_line();
  const std::string from = "\"format\":1,";
  text.replace(text.find(from), from.size(), "\"format\":7,");
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text + full_record_text().substr(header_line().size()), "r", diags));
  ASSERT_EQ(diags.items().size(), 1u) << all_messages(diags);
  const std::string& m = diags.items()[0].message;
  EXPECT_NE(m.find("record format 7 is not supported"), std::string::npos) << m;
  EXPECT_NE(m.find("reads format 1"), std::string::npos) << m;
  EXPECT_EQ(diags.items()[0].where.line, 1);
}

TEST(RecordReader, FirstLineMustBeAHeader) {
  Diagnostics diags;
  EXPECT_FALSE(parse_record(jsonl({R"({"type":"event","seq":0,"t":0,"kind":"a"})"}), "r", diags));
  EXPECT_NE(first_error(diags).message.find("not a gameday record"), std::string::npos);
  Diagnostics diags2;
  EXPECT_FALSE(parse_record("name,value\nx,1\n", "data.csv", diags2));
  EXPECT_NE(first_error(diags2).message.find("not a gameday record"), std::string::npos);
  EXPECT_EQ(diags2.items().size(), 1u) << "stops at the first line of a foreign file";
}

TEST(RecordReader, SeqMustIncreaseStrictly) {
  const std::string text = header_line() + jsonl({
                                               R"({"type":"event","seq":1,"t":0,"kind":"a"})",
                                               R"({"type":"event","seq":1,"t":0,"kind":"b"})",
                                           });
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  const Diagnostic d = first_error(diags);
  EXPECT_EQ(d.where.line, 3);
  EXPECT_NE(d.message.find("seq 1 does not increase"), std::string::npos) << d.message;
}

TEST(RecordReader, TimeMustNotGoBackwards) {
  const std::string text = header_line() + jsonl({
                                               R"({"type":"event","seq":1,"t":500,"kind":"a"})",
                                               R"({"type":"event","seq":2,"t":499,"kind":"b"})",
                                           });
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  const Diagnostic d = first_error(diags);
  EXPECT_EQ(d.where.line, 3);
  EXPECT_NE(d.message.find("backwards"), std::string::npos) << d.message;
}

TEST(RecordReader, CauseMustNameAnEarlierLine) {
  const std::string text =
      header_line() + jsonl({R"({"type":"event","seq":1,"t":0,"kind":"a","cause":1})"});
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  EXPECT_EQ(first_error(diags).where.line, 2);
}

TEST(RecordReader, LinesAfterTheEndAreErrors) {
  const std::string text =
      full_record_text() +
      jsonl({R"({"type":"event","seq":100,"t":999999999999999,"kind":"late"})"});
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  EXPECT_EQ(first_error(diags).where.line, 12);
}

TEST(RecordReader, UnknownLineTypesAreSkippedWithOneWarning) {
  std::string text = full_record_text();
  const std::size_t end_line = text.rfind("{\"type\":\"end\"");
  text.insert(end_line, jsonl({R"({"type":"hologram","seq":10,"t":0})",
                               R"({"type":"hologram","seq":11,"t":0})"}));
  // Renumber the end line so seq still increases.
  text.replace(text.find("\"seq\":10,\"t\":5400000000000"), 8, "\"seq\":12");
  Diagnostics diags;
  const auto rec = parse_record(text, "r", diags);
  ASSERT_TRUE(rec) << all_messages(diags);
  ASSERT_EQ(diags.items().size(), 1u) << all_messages(diags);
  EXPECT_EQ(diags.items()[0].severity, Severity::Warning);
  EXPECT_EQ(diags.items()[0].where.line, 11);
  EXPECT_NE(diags.items()[0].message.find("'hologram'"), std::string::npos);
  EXPECT_TRUE(rec->end);
}

TEST(RecordReader, UnknownFieldsAreIgnored) {
  std::string text = full_record_text();
  text.insert(text.find("\"reason\""), "\"added_in_a_later_version\":[1,2],");
  Diagnostics diags;
  ASSERT_TRUE(parse_record(text, "r", diags)) << all_messages(diags);
  EXPECT_TRUE(diags.empty());
}

TEST(RecordReader, EmptyFileIsNotARecord) {
  TempDir dir;
  testing::spit(dir.file("events.jsonl"), "");
  Diagnostics diags;
  EXPECT_FALSE(read_record(dir.file("events.jsonl"), diags));
  EXPECT_NE(first_error(diags).message.find("empty"), std::string::npos);
}

TEST(RecordReader, MissingFileIsNamed) {
  TempDir dir;
  Diagnostics diags;
  EXPECT_FALSE(read_record(dir.file("nope.jsonl"), diags));
  const Diagnostic d = first_error(diags);
  EXPECT_NE(d.format().find("nope.jsonl"), std::string::npos) << d.format();
}

TEST(RecordReader, FolderWithoutARecordIsNamed) {
  TempDir dir;
  Diagnostics diags;
  EXPECT_FALSE(read_record(dir.path().string(), diags));
  const Diagnostic d = first_error(diags);
  EXPECT_NE(d.format().find(dir.path().string()), std::string::npos) << d.format();
  EXPECT_NE(d.message.find("events.jsonl"), std::string::npos) << d.message;
}

TEST(RecordReader, HeaderWithDanglingIdsIsRefused) {
  std::string text = header_line();
  const std::string from = R"("service":2,"zone":0)";
  text.replace(text.find(from), from.size(), R"("service":3,"zone":0)");
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  EXPECT_NE(first_error(diags).message.find("services"), std::string::npos) << all_messages(diags);
}

// A header field of the wrong type is an error at line 1 naming the field, never an exception
// that escapes the reader.
TEST(RecordReader, HeaderFieldsOfTheWrongTypeNameTheField) {
  for (const auto& [from, to, field] : std::vector<std::array<std::string, 3>>{
           {R"("scenario_name":")", R"("scenario_name":5,"x":")", "'scenario_name'"},
           {R"("services":[)", R"("services":[7,)", "'services[]'"},
           {R"("duration_ns":)", R"("duration_ns":"long","x":)", "'duration_ns'"},
       }) {
    std::string text = header_line();
    text.replace(text.find(from), from.size(), to);
    Diagnostics diags;
    EXPECT_FALSE(parse_record(text, "r", diags)) << to;
    const Diagnostic d = first_error(diags);
    EXPECT_EQ(d.where.line, 1);
    EXPECT_NE(d.message.find(field), std::string::npos) << d.message;
  }
}

// Times no run can have are refused where they are, so no reader's arithmetic overflows.
TEST(RecordReader, TimesAndSpansBeyondTheRunAreRefused) {
  const std::string duration = R"("duration_ns":5400000000000,)";
  const std::string interval = R"("sample_interval_ns":10000000000,)";
  for (const std::string& bad : {R"("duration_ns":9223372036854775807,)", R"("duration_ns":0,)",
                                 R"("duration_ns":2592000000000001,)"}) {
    std::string text = header_line();
    text.replace(text.find(duration), duration.size(), bad);
    Diagnostics diags;
    EXPECT_FALSE(parse_record(text, "r", diags)) << bad;
    EXPECT_NE(first_error(diags).message.find("'duration_ns'"), std::string::npos)
        << all_messages(diags);
  }
  std::string text = header_line();
  text.replace(text.find(interval), interval.size(), R"("sample_interval_ns":1,)");
  Diagnostics diags;
  EXPECT_FALSE(parse_record(text, "r", diags));
  EXPECT_NE(first_error(diags).message.find("at least 1s"), std::string::npos)
      << all_messages(diags);

  // The scenario's own spans: within the loader's limits, and a time of day within a day.
  for (const auto& [from, to] : std::vector<std::array<std::string, 2>>{
           {R"("start_time_of_day_ns":0,)", R"("start_time_of_day_ns":9223372036854775807,)"},
           {R"("start_time_of_day_ns":0,)", R"("start_time_of_day_ns":86400000000000,)"},
           {R"("window_ns":)", R"("window_ns":-1,"x":)"},
       }) {
    text = header_line();
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
    diags = {};
    EXPECT_FALSE(parse_record(text, "r", diags)) << to;
    const std::string key = to.substr(0, to.find(':'));  // "start_time_of_day_ns" with quotes
    EXPECT_NE(first_error(diags).message.find(key.substr(1, key.size() - 2)), std::string::npos)
        << all_messages(diags);
  }

  text =
      header_line() +
      jsonl({
          R"({"type":"event","seq":1,"t":5400000000000,"kind":"instance_up","instance":0})",
          R"({"type":"event","seq":2,"t":9223372036854775807,"kind":"instance_up","instance":0})",
          R"({"type":"trace","seq":3,"t":5400000000000,"source":0,"arrival":0,"latency_ns":-1})",
          R"({"type":"trace","seq":4,"t":5400000000000,"source":0,"arrival":9000000000000,"latency_ns":1})",
      });
  diags = {};
  EXPECT_FALSE(parse_record(text, "r", diags));
  ASSERT_EQ(diags.error_count(), 3u) << all_messages(diags);
  EXPECT_EQ(diags.items()[0].where.line, 3);
  EXPECT_NE(diags.items()[0].message.find("after the end of the run"), std::string::npos);
  EXPECT_EQ(diags.items()[1].where.line, 4);
  EXPECT_NE(diags.items()[1].message.find("'latency_ns'"), std::string::npos);
  EXPECT_EQ(diags.items()[2].where.line, 5);
  EXPECT_NE(diags.items()[2].message.find("'arrival'"), std::string::npos);
}

TEST(RecordReader, HostileInputNeverCrashes) {
  const std::string header = header_line();
  const std::vector<std::string> bodies = {
      std::string(200000, '['),
      header + std::string(200000, '[') + "\n",
      header + "{\"type\":\"event\",\"seq\":1,\"t\":1e400,\"kind\":\"a\"}\n",
      header + "{\"type\":\"event\",\"seq\":18446744073709551616,\"t\":0,\"kind\":\"a\"}\n",
      header + "{\"type\":\"event\",\"seq\":-1,\"t\":-5,\"kind\":7}\n",
      header + "[1,2,3]\n\"text\"\nnull\n{}\n{\"type\":5}\n",
      header + "{\"type\":\"event\",\"seq\":1,\"t\":0,\"kind\":\"\xff\xfe\"}\n",
      header.substr(0, header.size() / 2),
      std::string("\0\0\0{", 4),
  };
  for (const std::string& body : bodies) {
    Diagnostics diags;
    EXPECT_FALSE(parse_record(body, "r", diags)) << body.substr(0, 80);
    EXPECT_TRUE(diags.has_errors());
  }
}

TEST(RecordReader, RandomBytesNeverCrash) {
  Rng rng(20240601);
  const std::string header = header_line();
  for (int round = 0; round < 300; ++round) {
    std::string text = round % 2 == 0 ? std::string() : header;
    const std::uint64_t n = rng.below(2000);
    for (std::uint64_t i = 0; i < n; ++i) text += static_cast<char>(rng.below(256));
    Diagnostics diags;
    const auto rec = parse_record(text, "garbage", diags);
    EXPECT_TRUE(rec || diags.has_errors()) << "round " << round;
  }
  // Mutations of a valid record: flip bytes, cut it short. Any outcome is fine but a crash.
  const std::string good = full_record_text();
  for (int round = 0; round < 500; ++round) {
    std::string text = good;
    for (int k = 0; k < 3; ++k) {
      text[rng.below(text.size())] = static_cast<char>(rng.below(256));
    }
    text.resize(rng.below(text.size() + 1));
    Diagnostics diags;
    const auto rec = parse_record(text, "mutant", diags);
    EXPECT_TRUE(rec || diags.has_errors()) << "round " << round;
  }
}

}  // namespace
}  // namespace gameday::eventlog

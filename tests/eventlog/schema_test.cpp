// The schema table: docs/record-format.md is generated from it, the writer emits exactly the
// fields it declares (in its order), and schema_violations() catches lines that stray from it.
#include "gameday/eventlog/schema.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "record_fixtures.hpp"

namespace gameday::eventlog {
namespace {

using testing::write_full_record;

const std::string doc_path = std::string(GAMEDAY_SOURCE_DIR) + "/docs/record-format.md";

std::string full_record_text() {
  RecordWriter w;
  write_full_record(w);
  return w.buffer();
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

TEST(RecordSchema, DocsPageIsGeneratedFromTheTable) {
  const std::string want = record_schema_markdown();
  if (const char* update = std::getenv("UPDATE_GOLDEN"); update && std::string(update) == "1") {
    testing::spit(doc_path, want);  // then the comparison below passes; review the diff
  }
  EXPECT_EQ(testing::slurp(doc_path), want)
      << doc_path << " is stale: rerun this test with UPDATE_GOLDEN=1 and review the diff";
}

TEST(RecordSchema, MarkdownHasASectionPerLineTypeAndARowPerField) {
  const std::string md = record_schema_markdown();
  for (const LineDoc& line : record_schema()) {
    EXPECT_NE(md.find("## `" + std::string(line.type) + "`"), std::string::npos) << line.type;
    for (const FieldDoc& f : line.fields) {
      EXPECT_EQ(f.description.find('|'), std::string_view::npos) << f.name;
      EXPECT_FALSE(f.description.empty()) << f.name;
    }
  }
  EXPECT_NE(md.find("format " + std::to_string(format_version)), std::string::npos);
}

TEST(RecordSchema, EveryLineStartsWithTypeAndSeq) {
  for (const LineDoc& line : record_schema()) {
    ASSERT_GE(line.fields.size(), 2u);
    EXPECT_EQ(line.fields[0].name, "type");
    EXPECT_EQ(line.fields[1].name, "seq");
    EXPECT_EQ(find_line_doc(line.type), &line);
  }
  EXPECT_EQ(find_line_doc("nonsense"), nullptr);
}

TEST(RecordSchema, WriterEmitsTheDeclaredFieldsInTheirOrder) {
  const std::string text = full_record_text();
  std::size_t pos = 0;
  int checked = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const auto j = nlohmann::ordered_json::parse(text.substr(pos, nl - pos));
    pos = nl + 1;
    const LineDoc* doc = find_line_doc(j.at("type").get<std::string>());
    ASSERT_NE(doc, nullptr);
    std::size_t next_doc = 0;
    for (const auto& [key, value] : j.items()) {
      std::size_t k = next_doc;
      while (k < doc->fields.size() && doc->fields[k].name != key) ++k;
      if (k == doc->fields.size()) {
        EXPECT_EQ(doc->type, "event") << key << " is undeclared or out of order";
        continue;
      }
      next_doc = k + 1;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 11);
}

TEST(SchemaViolations, AFullRecordConforms) {
  const auto v = schema_violations(full_record_text());
  EXPECT_TRUE(v.empty()) << joined(v);
}

TEST(SchemaViolations, ReportsEachProblemWithItsLine) {
  std::string text = full_record_text();
  // Lines 1-11 are the full record; each line below breaks one rule.
  text += testing::jsonl({
      R"({"type":"source_sample","seq":20,"t":0,"source":0,"requests":1,"errors":{},)"  // no ok
      R"("p50_ns":0,"p90_ns":0,"p99_ns":0,"max_ns":0,"mean_ns":0})",
      R"({"type":"end","seq":21,"t":0,"reason":"x","kernel_events":1,"requests":2,"bonus":true})",
      R"({"type":"trace","seq":22,"t":0,"source":"browse","arrival":0,"latency_ns":1})",
      R"({"type":"teleport","seq":23})",
      R"({"type":"event","seq":24,"t":0,"kind":"instance_up","instance":0,"extra":1})",
      R"({"type":"event","seq":25,"t":-1.5,"kind":"instance_up","instance":0})",
      R"({"type":"event","seq":26,"t":0,"kind":"k"})",
      R"({"type":"event","seq":27,"t":0,"kind":"circuit_open","failure_ratio":"high"})",
      "not json",
  });
  const auto v = schema_violations(text);
  const std::string all = joined(v);
  ASSERT_EQ(v.size(), 10u) << all;
  EXPECT_EQ(v[0], "line 12: required field 'ok' is missing");
  EXPECT_EQ(v[1], "line 13: field 'bonus' is not declared for end lines");
  EXPECT_EQ(v[2], "line 14: field 'source' should be uint, found string");
  EXPECT_EQ(v[3], "line 15: unknown line type 'teleport'");
  EXPECT_EQ(v[4], "line 16: field 'extra' is not declared for event lines");
  EXPECT_EQ(v[5], "line 17: field 't' should be int, found number");
  EXPECT_EQ(v[6], "line 18: unknown event kind \"k\"");
  EXPECT_EQ(v[7], "line 19: required field 'dependency' is missing");
  EXPECT_EQ(v[8], "line 19: field 'failure_ratio' should be number, found string");
  EXPECT_EQ(v[9], "line 20: not valid JSON");
}

TEST(SchemaViolations, NegativeCountsAreNotUints) {
  std::string text = full_record_text();
  text.replace(text.find("\"requests\":4000"), 15, "\"requests\":-4");
  const auto v = schema_violations(text);
  ASSERT_EQ(v.size(), 1u) << joined(v);
  EXPECT_EQ(v[0], "line 4: field 'requests' should be uint, found int");
}

TEST(SchemaViolations, AMissingFinalNewlineIsReported) {
  std::string text = full_record_text();
  text.pop_back();
  const auto v = schema_violations(text);
  ASSERT_EQ(v.size(), 1u) << joined(v);
  EXPECT_EQ(v[0].rfind("line 11: ", 0), 0u) << v[0];
}

}  // namespace
}  // namespace gameday::eventlog

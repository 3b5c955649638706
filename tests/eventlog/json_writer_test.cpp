// JsonWriter: separators in nested containers, string escapes, shortest round-trip doubles,
// null for non-finite doubles, and integers at the limits of their types.
#include "gameday/eventlog/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

namespace gameday::eventlog {
namespace {

std::string one_value(double v) {
  std::string out;
  JsonWriter w(out);
  w.value(v);
  return out;
}

TEST(JsonWriter, NestsContainersWithCommasAndNoSpaces) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("a", 1);
  w.key("b");
  w.begin_array();
  w.value(true);
  w.null();
  w.begin_object();
  w.end_object();
  w.begin_array();
  w.end_array();
  w.value("x");
  w.end_array();
  w.key("c");
  w.begin_object();
  w.field("d", false);
  w.key("e");
  w.raw(R"({"pre":[1,2]})");
  w.end_object();
  w.end_object();
  EXPECT_EQ(out, R"({"a":1,"b":[true,null,{},[],"x"],"c":{"d":false,"e":{"pre":[1,2]}}})");
}

TEST(JsonWriter, RawValuesTakeTheirPlaceInArrays) {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.raw("{}");
  w.raw("[1]");
  w.value(2);
  w.end_array();
  EXPECT_EQ(out, "[{},[1],2]");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  append_json_string(out, std::string_view("a\"b\\c\nd\te\x01\x1f\x7f", 12));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\u000ad\\u0009e\\u0001\\u001f\x7f\"");
  out.clear();
  append_json_string(out, std::string_view("nul\0!", 5));
  EXPECT_EQ(out, "\"nul\\u0000!\"");
}

TEST(JsonWriter, PassesUtf8Through) {
  std::string out;
  JsonWriter w(out);
  w.value("zürich → 東京 🚀");
  EXPECT_EQ(out, "\"zürich → 東京 🚀\"");
}

TEST(JsonWriter, ReplacesIllFormedUtf8AndKeepsTheRestOfTheString) {
  std::string out;
  append_json_string(out, "caf\xE9 \xC3\xA9\x80 \"\xF0\x9F\x9A\x80\xF0\x9F\n");
  EXPECT_EQ(out,
            "\"caf\xEF\xBF\xBD \xC3\xA9\xEF\xBF\xBD \\\"\xF0\x9F\x9A\x80\xEF\xBF\xBD\\u000a\"");
}

TEST(JsonWriter, KeysAreEscapedToo) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("we\"ird", "v");
  w.end_object();
  EXPECT_EQ(out, R"({"we\"ird":"v"})");
}

TEST(JsonWriter, DoublesUseTheShortestRoundTripForm) {
  EXPECT_EQ(one_value(0.1), "0.1");
  EXPECT_EQ(one_value(2.0), "2");
  EXPECT_EQ(one_value(-1.5), "-1.5");
  EXPECT_EQ(one_value(1e300), "1e+300");
  EXPECT_EQ(one_value(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(std::strtod(one_value(5e-324).c_str(), nullptr), 5e-324);
  EXPECT_EQ(std::strtod(one_value(std::numeric_limits<double>::max()).c_str(), nullptr),
            std::numeric_limits<double>::max());
}

TEST(JsonWriter, NegativeZeroKeepsItsSign) {
  const std::string s = one_value(-0.0);
  EXPECT_EQ(s, "-0");
  EXPECT_TRUE(std::signbit(std::strtod(s.c_str(), nullptr)));
}

TEST(JsonWriter, NonFiniteDoublesBecomeNull) {
  EXPECT_EQ(one_value(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(one_value(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(one_value(-std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonWriter, IntegersAtTheirLimits) {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.value(std::numeric_limits<std::int64_t>::min());
  w.value(std::numeric_limits<std::int64_t>::max());
  w.value(std::numeric_limits<std::uint64_t>::max());
  w.value(std::uint64_t{0});
  w.value(-1);
  w.value(4000000000u);
  w.end_array();
  EXPECT_EQ(out, "[-9223372036854775808,9223372036854775807,18446744073709551615,0,-1,4000000000]");
}

TEST(JsonWriter, AppendsToExistingText) {
  std::string out = "prefix ";
  JsonWriter w(out);
  w.begin_object();
  w.end_object();
  EXPECT_EQ(out, "prefix {}");
}

TEST(JsonWriterDeathTest, KeyOutsideAnObjectIsAProgrammerError) {
  std::string out;
  JsonWriter w(out);
  EXPECT_DEATH(w.key("k"), "outside");
}

}  // namespace
}  // namespace gameday::eventlog

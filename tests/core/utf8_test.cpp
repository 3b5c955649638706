// UTF-8 well-formedness: the ranges of the standard's Table 3-7 at their edges, and replacement
// by maximal subparts (the standard's own example in section 3.9, "U+FFFD Substitution of
// Maximal Subparts").
#include "gameday/core/utf8.hpp"

#include <gtest/gtest.h>

namespace gameday {
namespace {

constexpr std::string_view fffd = utf8_replacement;

std::string r(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += fffd;
  return out;
}

TEST(Utf8, KeepsWellFormedTextAtTheEdgesOfEveryRange) {
  const std::string_view valid[] = {
      "",
      "plain ASCII \x7f",
      "caf\xC3\xA9",                        // U+00E9
      "\xC2\x80 \xDF\xBF",                  // U+0080, U+07FF
      "\xE0\xA0\x80 \xEF\xBF\xBF",          // U+0800, U+FFFF
      "\xED\x9F\xBF \xEE\x80\x80",          // U+D7FF, U+E000: either side of the surrogates
      "\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF",  // U+10000, U+10FFFF
      "\xE2\x80\x99\xF0\x9F\x94\xA5",       // ’ and an emoji
  };
  for (const std::string_view s : valid) {
    EXPECT_FALSE(find_invalid_utf8(s).has_value()) << s;
    EXPECT_EQ(to_valid_utf8(s), s);
  }
}

TEST(Utf8, ReplacesEachMaximalSubpartOfAnIllFormedSequence) {
  struct Case {
    std::string_view in;
    std::string out;
    std::size_t first_invalid;
  };
  const Case cases[] = {
      {"caf\xE9", "caf" + r(1), 3},                // Latin-1
      {"\x80", r(1), 0},                           // a lone continuation byte
      {"a\x80\xBF z", "a" + r(2) + " z", 1},       // two of them
      {"\xC3", r(1), 0},                           // truncated at the end
      {"\xE2\x80", r(1), 0},                       // truncated after two of three
      {"\xF0\x9F\x94", r(1), 0},                   // truncated after three of four
      {"\xE2\x80x", r(1) + "x", 0},                // cut short by ASCII
      {"\xC0\xAF", r(2), 0},                       // overlong '/' (C0 is never valid)
      {"\xC1\xBF", r(2), 0},                       // overlong U+007F
      {"\xE0\x80\xAF", r(3), 0},                   // overlong, three bytes
      {"\xF0\x80\x80\xAF", r(4), 0},               // overlong, four bytes
      {"\xED\xA0\x80", r(3), 0},                   // surrogate U+D800
      {"\xED\xBF\xBF", r(3), 0},                   // surrogate U+DFFF
      {"\xED\xA0\xBD\xED\xB2\xA9", r(6), 0},       // a CESU-8 surrogate pair
      {"\xF4\x90\x80\x80", r(4), 0},               // U+110000
      {"\xF5\x80\x80\x80", r(4), 0},               // beyond any lead byte
      {"\xFE\xFF", r(2), 0},                       // bytes UTF-8 never uses
      {"ok\xF8\x88\x80\x80\x80", "ok" + r(5), 2},  // a five-byte form
      // The standard's example: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
      {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
       "a" + r(3) + "b" + r(1) + "c" + r(2) + "d", 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::PrintToString(std::string(c.in)));
    EXPECT_EQ(to_valid_utf8(c.in), c.out);
    EXPECT_EQ(find_invalid_utf8(c.in), c.first_invalid);
    EXPECT_FALSE(find_invalid_utf8(to_valid_utf8(c.in)).has_value());
  }
}

TEST(Utf8, MeasuresOneSequenceAtATime) {
  EXPECT_EQ(utf8_sequence("a").length, 1u);
  EXPECT_EQ(utf8_sequence("\xF0\x9F\x94\xA5!").length, 4u);
  EXPECT_TRUE(utf8_sequence("\xF0\x9F\x94\xA5!").is_valid);
  EXPECT_EQ(utf8_sequence("\xF0\x9F\x94!").length, 3u);
  EXPECT_FALSE(utf8_sequence("\xF0\x9F\x94!").is_valid);
}

}  // namespace
}  // namespace gameday

// Hostile text in the scorecard's and the postmortem's Markdown and on the terminal: names, roles,
// commands and notes with pipes, backticks, HTML, links, headings and escape sequences show
// literally. The Markdown gets no raw HTML, no link, no extra table cell and no heading of
// theirs; the text scorecard and the comparison get no control sequence but their own colours.
#include "gameday/scoring/markdown.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "gameday/scoring/postmortem.hpp"
#include "gameday/scoring/report.hpp"
#include "record_builder.hpp"

namespace gameday::scoring {
namespace {

TEST(Markdown, TextShowsLiterally) {
  EXPECT_EQ(md_text("a|b"), "a\\|b");
  EXPECT_EQ(md_text("<script>x</script>"), "\\<script\\>x\\</script\\>");
  EXPECT_EQ(md_text("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
  EXPECT_EQ(md_text("*b* `c` ~s~ &amp; \\"), "\\*b\\* \\`c\\` \\~s\\~ \\&amp; \\\\");
  EXPECT_EQ(md_text("# h"), "\\# h");
  EXPECT_EQ(md_text("a\nb\r\tc"), "a b c");
  EXPECT_EQ(md_text("\x1b[31mred\x1b[0m"), "red");
}

// Only what would start a block at the beginning of a line, and only emphasis that could open.
TEST(Markdown, OrdinaryTextIsLeftAlone) {
  for (const char* s : {"incident_commander", "web-db", "0.1.0", "SEV2 (declared at 5m)",
                        "fnv1a64:0096cce2e99b5573", "9.77% of web-availability's error budget"})
    EXPECT_EQ(md_text(s), s);
  EXPECT_EQ(md_text("_u_ a_"), "\\_u\\_ a\\_");
  EXPECT_EQ(md_text("- item"), "\\- item");
  EXPECT_EQ(md_text("+ item"), "\\+ item");
  EXPECT_EQ(md_text("12. item"), "12\\. item");
  EXPECT_EQ(md_text("1) item"), "1\\) item");
}

TEST(Markdown, LinesKeepTheirBreaks) {
  EXPECT_EQ(md_lines("first line\n- not a list\n\n# not a heading"),
            "first line\n\\- not a list\n\n\\# not a heading");
}

TEST(Markdown, CodeSpansHoldAnyText) {
  EXPECT_EQ(md_code("failover db"), "`failover db`");
  EXPECT_EQ(md_code("a`b"), "``a`b``");
  EXPECT_EQ(md_code("a``b`"), "``` a``b` ```");
  EXPECT_EQ(md_code(" x "), "`  x  `");
  EXPECT_EQ(md_code("a|b"), "`a|b`");
  EXPECT_EQ(md_code("a|b", Where::Table), "`a\\|b`");
  EXPECT_EQ(md_code("x\ny\x1b[2J"), "`x y`");
}

TEST(Markdown, DestinationsCannotEndEarly) {
  EXPECT_EQ(md_destination("runs/drill/summary.png"), "runs/drill/summary.png");
  EXPECT_EQ(md_destination("a b)(x.png"), "<a b)(x.png>");
  EXPECT_EQ(md_destination("a<b>\\.png"), "<a\\<b\\>\\\\.png>");
}

const std::string hostile =
    "eve|x `tick` *bold* _u_ <script>alert(1)</script> [x](javascript:alert(1)) "
    "<img src=x onerror=alert(1)> &lt;b&gt; \x1b[31mred\x1b]0;title\x07\n# injected\r\n| 1 | 2 |";

// The by-the-book response with `hostile` in every name and text a record carries.
fixture::Builder hostile_record() {
  fixture::Builder b;
  b.responders = "commands";
  b.end_s = 900;
  b.bad = fixture::half_bad(120, 200);
  b.scenario_name = hostile;
  b.faults = {hostile, "f1", "f2"};
  b.alerts = {hostile, "A1"};
  b.fault(60, true);
  b.firing(90, 0, hostile);
  b.notice(100, "page");
  b.command(130, hostile, "ack all");
  b.command(140, hostile, "declare SEV2 " + hostile);
  b.command(150, hostile, "role incident_commander " + hostile, hostile);
  b.command(160, hostile, "role operations " + hostile, "incident_commander");
  const int failover = b.command(170, "bob", "failover " + hostile, hostile);
  b.command(180, "carol", "update " + hostile);
  b.command(190, "bob", "restart " + hostile, hostile, "unknown service '" + hostile + "'");
  const int effect = b.effect(200, failover, "failover " + hostile);
  b.fault(200, false, 0, effect);
  b.command(260, hostile, "mitigated", "incident_commander");
  return b;
}

PostmortemNotes hostile_notes() {
  PostmortemNotes n;
  n.title = hostile;
  n.summary = hostile + "\n" + hostile;
  n.observations = {{hostile, minutes(3)}, {hostile, std::nullopt}};
  n.contributing_factors = {{hostile, std::nullopt}};
  n.action_items = {{hostile, hostile, hostile, hostile, hostile, hostile}};
  n.went_well = n.went_poorly = n.lucky = {{hostile, std::nullopt}};
  return n;
}

// `line` with its code spans blanked: a run of n backticks opens a span that the next run of
// exactly n closes; an escaped backtick opens nothing.
std::string outside_code(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      out += line.substr(i, 2);
      i += 2;
      continue;
    }
    if (line[i] != '`') {
      out += line[i++];
      continue;
    }
    const std::size_t n = line.find_first_not_of('`', i) == std::string::npos
                              ? line.size() - i
                              : line.find_first_not_of('`', i) - i;
    std::size_t close = i + n;
    for (;;) {
      close = line.find('`', close);
      if (close == std::string::npos) break;
      const std::size_t run = line.find_first_not_of('`', close) == std::string::npos
                                  ? line.size() - close
                                  : line.find_first_not_of('`', close) - close;
      if (run == n) break;
      close += run;
    }
    if (close == std::string::npos) {  // no closing run: the backticks are text
      out += line.substr(i, n);
      i += n;
      continue;
    }
    out += std::string(close + n - i, ' ');
    i = close + n;
  }
  return out;
}

bool escaped(const std::string& s, std::size_t i) {
  std::size_t backslashes = 0;
  while (i > backslashes && s[i - backslashes - 1] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

// The cell delimiters of a table row: every '|' not escaped, code spans included (GFM splits
// the row before it reads them).
std::size_t pipes(const std::string& row) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < row.size(); ++i) n += row[i] == '|' && !escaped(row, i) ? 1 : 0;
  return n;
}

void expect_literal_markdown(const std::string& md) {
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
  EXPECT_EQ(md.find('\x07'), std::string::npos);
  EXPECT_EQ(md.find('\r'), std::string::npos);
  EXPECT_NE(md.find("\\<script\\>alert(1)\\</script\\>"), std::string::npos)
      << "the text is shown, escaped";
  std::vector<std::string> lines;
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const auto is_delimiter = [](const std::string& l) { return l.starts_with("|---"); };
  std::size_t columns = 0;  // of the table being read; 0 outside tables
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const std::string text = outside_code(line);
    for (const char* raw : {"<script", "<img", "[x]", "<b", "*bold*", "_u_"}) {
      for (std::size_t at = text.find(raw); at != std::string::npos; at = text.find(raw, at + 1))
        EXPECT_TRUE(escaped(text, at)) << i + 1 << ": raw " << raw << " in: " << line;
    }
    EXPECT_FALSE(line.starts_with("# injected")) << i + 1 << ": " << line;
    if (i + 1 < lines.size() && is_delimiter(lines[i + 1])) {  // a table's header row
      columns = pipes(line);
      EXPECT_EQ(pipes(lines[i + 1]), columns) << i + 2 << ": " << lines[i + 1];
      ++i;
    } else if (columns > 0 && line.starts_with('|')) {
      EXPECT_EQ(pipes(line), columns) << i + 1 << ": a row with other cells: " << line;
    } else {
      columns = 0;
      EXPECT_FALSE(line.starts_with('|')) << i + 1 << ": a table row outside a table: " << line;
    }
  }
}

TEST(HostileText, ScorecardMarkdownShowsItLiterally) {
  const Scorecard card = hostile_record().score_it();
  ASSERT_EQ(card.incidents.size(), 1u);
  ASSERT_FALSE(card.incidents[0].actions.empty());
  ASSERT_FALSE(card.incidents[0].rejected.empty());
  expect_literal_markdown(format_markdown(card));
}

TEST(HostileText, PostmortemShowsItLiterally) {
  fixture::Builder b = hostile_record();
  Diagnostics diags;
  const auto record = eventlog::parse_record(b.text(), "hand.jsonl", diags);
  ASSERT_TRUE(record.has_value());
  PostmortemInput input;
  input.run = "runs/a|b `c`";
  input.notes = hostile_notes();
  input.notes_file = "notes|x.yaml";
  input.picture = "runs/a (b)/summary.png";
  const std::string md = format_postmortem(*record, score(*record), input);
  expect_literal_markdown(md);
  EXPECT_NE(md.find("](<runs/a (b)/summary.png>)"), std::string::npos);
}

// Plain text has no control characters; with colour, only the scorecard's own SGR codes.
TEST(HostileText, TerminalFormsCarryNoControlSequences) {
  const Scorecard card = hostile_record().score_it();
  for (const std::string& text :
       {format_text(card, TextStyle::Plain),
        format_comparison({{"a", card}, {"b\x1b[2J", card}}, TextStyle::Plain)}) {
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\x07'), std::string::npos);
    EXPECT_EQ(text.find('\r'), std::string::npos);
    EXPECT_NE(text.find("<script>"), std::string::npos) << "the text is shown as it is";
  }
  for (const std::string& text : {format_text(card, TextStyle::Colour),
                                  format_comparison({{"a", card}}, TextStyle::Colour)}) {
    const std::string rest = std::regex_replace(text, std::regex("\x1b\\[[0-9]+m"), "");
    EXPECT_EQ(rest.find('\x1b'), std::string::npos);
    EXPECT_NE(rest.size(), text.size());
  }
}

}  // namespace
}  // namespace gameday::scoring

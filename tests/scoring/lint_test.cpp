// The blameless-language check: a table of sentences that must and must not be flagged, the
// skipped regions (code, quotes, logs), action-item context, and exact line:column positions.
#include "gameday/scoring/lint.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gameday::scoring {
namespace {

struct Case {
  const char* text;
  const char* category;  // nullptr: must not be flagged
  const char* match;     // the matched text, when flagged
};

// One sentence per row; action-item rows are written as "TODO: ..." to give the context.
const Case cases[] = {
    {"The outage was caused by human error.", "human-error", "human error"},
    {"Root cause: operator error during the failover.", "human-error", "operator error"},
    {"A careless config push took the site down.", "human-error", "careless"},
    {"The change was negligent.", "human-error", "negligent"},
    {"It was a mistake by the on-call engineer.", "human-error", "mistake by"},
    {"The on-call should have noticed the alert.", "counterfactual", "should have"},
    {"We could have caught this in staging.", "counterfactual", "could have"},
    {"Bob should've been paged earlier.", "counterfactual", "should've"},
    {"The engineer failed to escalate.", "counterfactual", "failed to"},
    {"She forgot to drain the node.", "counterfactual", "forgot to"},
    {"They neglected to check the dashboard.", "counterfactual", "neglected to"},
    {"Nobody didn't bother to read the runbook.", "counterfactual", "didn't bother"},
    {"Obviously the database was overloaded.", "judgemental", "Obviously"},
    {"We simply restarted the pods.", "judgemental", "simply"},
    {"Someone just pushed to main.", "judgemental", "just"},
    {"The fix was clearly wrong.", "judgemental", "clearly"},
    {"Of course the cache was cold.", "judgemental", "Of course"},
    {"Rolling back is trivial.", "judgemental", "trivial"},
    {"Alice broke checkout on Friday.", "person", "Alice broke"},
    {"It was Dave's fault.", "person", "Dave's fault"},
    {"Engineers need to be more careful.", "person", "be more careful"},
    {"We will remind people to check dashboards.", "person", "remind people"},
    {"On-call must pay more attention to tickets.", "person", "pay more attention"},
    {"TODO: look into the timeouts.", "vague-action", "look into"},
    {"TODO: investigate further.", "vague-action", "investigate further"},
    {"TODO: improve alerting for checkout.", "vague-action", "improve"},
    {"We need better monitoring.", "vague-action", "better monitoring"},
    {"The team will be more vigilant.", "vague-action", "be more vigilant"},
    // Must not be flagged.
    {"We use just-in-time compilation.", nullptr, nullptr},
    {"We could not justify the extra replicas.", nullptr, nullptr},
    {"The alert fired just after 14:02.", nullptr, nullptr},
    {"Latency stayed just under 300 ms.", nullptr, nullptr},
    {"Keep a spare node just in case.", nullptr, nullptr},
    {"The service should have a timeout of 800 ms.", nullptr, nullptr},
    {"Checkout should have alerts on its error budget.", nullptr, nullptr},
    {"The request failed to connect to orders-db.", nullptr, nullptr},
    {"The runbook is clearly documented.", nullptr, nullptr},
    {"This is a non-trivial migration.", nullptr, nullptr},
    {"The config change broke checkout.", nullptr, nullptr},
    {"It broke at 14:00.", nullptr, nullptr},
    {"It was nobody's fault.", nullptr, nullptr},
    {"We looked into the logs and found the cause.", nullptr, nullptr},
    {"Latency improved after the failover.", nullptr, nullptr},
    {"TODO: improve the p99 of orders-db to below 100 ms (OPS-123).", nullptr, nullptr},
    {"Run `kubectl just restart` to reproduce.", nullptr, nullptr},
    {"See https://example.com/just-do-it/obviously for details.", nullptr, nullptr},
    {"2024-05-01T12:00:03Z ERROR operator error: should have retried", nullptr, nullptr},
    {"> Bob: I just restarted it, obviously.", nullptr, nullptr},
    {"Of the courses offered, none covered failover.", nullptr, nullptr},
    {"Simplify the retry policy.", nullptr, nullptr},
};

TEST(LintTable, EachSentenceIsFlaggedOrNotAsExpected) {
  for (const Case& c : cases) {
    const auto found = lint_text(c.text);
    if (c.category == nullptr) {
      EXPECT_TRUE(found.empty()) << "flagged: \"" << c.text
                                 << "\": " << (found.empty() ? "" : found[0].text);
      continue;
    }
    ASSERT_EQ(found.size(), 1u) << "\"" << c.text << "\"";
    EXPECT_EQ(lint_category_name(found[0].category), c.category) << c.text;
    EXPECT_EQ(found[0].text, c.match) << c.text;
    EXPECT_FALSE(found[0].suggestion.empty());
  }
}

TEST(Lint, PositionsAreLineAndByteColumn) {
  const auto found = lint_text(
      "# Summary\n\nThe DB was slow.\n  We obviously missed it, and Carol "
      "should have paged.\n");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].line, 4);
  EXPECT_EQ(found[0].column, 6);
  EXPECT_EQ(found[0].text, "obviously");
  EXPECT_EQ(found[1].line, 4);
  EXPECT_EQ(found[1].column, 37);
  EXPECT_EQ(found[1].text, "should have");
}

TEST(Lint, FencedCodeIsSkippedUntilItsClosingFence) {
  const auto found = lint_text("```\njust obviously\n~~~\nsimply\n```\nsimply\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].line, 6);
}

TEST(Lint, ActionItemSectionsInMarkdownAndYaml) {
  const auto md = lint_text(
      "## What happened\nWe had to look into the logs.\n\n## Action items\n- Look into "
      "retries\n- Improve dashboards\n\n## Timeline\n- look into it later\n");
  ASSERT_EQ(md.size(), 2u);
  EXPECT_EQ(md[0].line, 5);
  EXPECT_EQ(md[0].column, 3);
  EXPECT_EQ(md[1].line, 6);
  EXPECT_EQ(md[1].text, "Improve");

  const auto yaml = lint_text(
      "summary: we will look into it\naction_items:\n  - look into retries\n  - owner: ops\n"
      "    what: revisit the timeout\nnotes: improve things\n");
  ASSERT_EQ(yaml.size(), 2u);
  EXPECT_EQ(yaml[0].line, 3);
  EXPECT_EQ(yaml[1].line, 5);
  EXPECT_EQ(yaml[1].text, "revisit");
}

TEST(Lint, IgnoreMarkerAndCrLfAndCurlyApostrophes) {
  EXPECT_TRUE(lint_text("Obviously. <!-- gameday-lint: ignore -->\r\n").empty());
  const auto found = lint_text("Dave\xE2\x80\x99s fault\r\nshould\xE2\x80\x99ve seen it\r\n");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(lint_category_name(found[0].category), "person");
  EXPECT_EQ(lint_category_name(found[1].category), "counterfactual");
}

TEST(Lint, OverlappingMatchesKeepTheLongest) {
  const auto found = lint_text("They should be more careful.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, "be more careful");
}

}  // namespace
}  // namespace gameday::scoring

// The blameless-language check: a table of sentences that must and must not be flagged, the
// skipped regions (code, quotes, logs), action-item context, and exact line:column positions.
#include "gameday/scoring/lint.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
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
    {"She forgot to drain the node.", "counterfactual", "forgot"},
    {"They neglected to check the dashboard.", "counterfactual", "neglected"},
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
    // Who does it: people blame, software does not.
    {"Dave ignored the expiry warning.", "counterfactual", "ignored"},
    {"The warnings were ignored for weeks.", "counterfactual", "ignored"},
    {"The client ignored the Retry-After header.", nullptr, nullptr},
    {"The TTL was ignored by the cache.", nullptr, nullptr},
    {"The on-call engineer missed the page.", "counterfactual", "missed"},
    {"The load balancer missed two health checks.", nullptr, nullptr},
    {"The alerting pipeline failed to notify the on-call.", nullptr, nullptr},
    {"It was Carol's responsibility.", "person", "Carol's responsibility"},
    {"Responsibility for the certificate was not assigned to any team.", nullptr, nullptr},
    {"The outage was caused by operator oversight.", "human-error", "operator oversight"},
    {"Deploys run without human oversight.", nullptr, nullptr},
    {"This wouldn't have happened if Alice had followed the runbook.", "counterfactual",
     "if Alice had"},
    {"Had the on-call checked the expiry, we would have renewed it.", "counterfactual",
     "Had the on-call"},
    {"The database team dropped the ball.", "human-error", "dropped the ball"},
    {"Engineers must be more diligent.", "person", "be more diligent"},
    {"The alert should have fired at 14:03 but the rule was renamed.", nullptr, nullptr},
    {"The change should have been reviewed.", "counterfactual", "should have"},
    {"User error rates rose to 28 %.", nullptr, nullptr},
    {"Envoy's error log showed connection resets.", nullptr, nullptr},
    {"We had just deployed the fix.", nullptr, nullptr},
    {"Human review was skipped because the pipeline allowed self-approval.", nullptr, nullptr},
    {"The \"human error\" category was removed from the template.", nullptr, nullptr},
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

TEST(Lint, OwnersThatNamePeopleAndDoneWhenThatNobodyCanCheck) {
  const std::vector<std::string> responders = {"alice", "zed"};
  EXPECT_TRUE(names_a_person("Dave", responders));
  EXPECT_TRUE(names_a_person("Priya (payments)", responders));
  EXPECT_TRUE(names_a_person("zed", responders));
  EXPECT_FALSE(names_a_person("payments team", responders));
  EXPECT_FALSE(names_a_person("the on-call", responders));
  EXPECT_FALSE(names_a_person("operations", responders));
  EXPECT_FALSE(names_a_person("SRE", responders));
  for (const char* vague : {"it is better", "fixed", "done", "when things improve"})
    EXPECT_TRUE(vague_done_when(vague)) << vague;
  for (const char* checkable : {"p99 below 250 ms for a week", "the alert fires in staging",
                                "OPS-123 merged", "every edge proxy renews automatically",
                                "the next game day ends without a manual failover"})
    EXPECT_FALSE(vague_done_when(checkable)) << checkable;
}

// The labelled corpora (tests/data/scoring/lint_corpus.tsv and lint_heldout.tsv): sentences
// paraphrased from public postmortems and written for the project, each labelled `blame` when a
// blameless review would ask for a rewrite. Precision and recall of "flagged" against `blame`
// must both reach 0.9 on each; docs/scoring.md quotes the figures this test prints.
struct Tally {
  int sentences = 0;
  int true_pos = 0;
  int false_pos = 0;
  int false_neg = 0;
  double precision() const { return true_pos / static_cast<double>(true_pos + false_pos); }
  double recall() const { return true_pos / static_cast<double>(true_pos + false_neg); }
};

Tally tally_corpus(const std::string& name) {
  std::ifstream in(std::string(GAMEDAY_SOURCE_DIR "/tests/data/scoring/") + name);
  EXPECT_TRUE(in) << "cannot read " << name;
  Tally t;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string label = line.substr(0, tab);
    EXPECT_TRUE(tab != std::string::npos && (label == "blame" || label == "clean")) << line;
    const std::string sentence = line.substr(tab + 1);
    const bool flagged = !lint_text(sentence).empty();
    const bool blame = label == "blame";
    ++t.sentences;
    t.true_pos += static_cast<int>(flagged && blame);
    t.false_pos += static_cast<int>(flagged && !blame);
    t.false_neg += static_cast<int>(!flagged && blame);
    if (flagged != blame)
      std::cout << name << (blame ? ": missed: " : ": flagged: ") << sentence << '\n';
  }
  std::cout << name << ": " << t.sentences << " sentences, precision " << t.precision()
            << ", recall " << t.recall() << '\n';
  return t;
}

TEST(LintCorpus, PrecisionAndRecallAreAtLeastNinetyPercent) {
  const Tally corpus = tally_corpus("lint_corpus.tsv");
  const Tally second = tally_corpus("lint_heldout.tsv");
  EXPECT_GE(corpus.sentences + second.sentences, 300);
  for (const Tally& t : {corpus, second}) {
    EXPECT_GE(t.precision(), 0.9);
    EXPECT_GE(t.recall(), 0.9);
  }
}

}  // namespace
}  // namespace gameday::scoring

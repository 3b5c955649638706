// The postmortem draft and its notes file: the draft's sections and sources on a hand-written
// record with a scripted response, the blameless-language check run on the draft itself (a
// generated draft must never blame), and the notes file's validation with file:line:col.
#include "gameday/scoring/postmortem.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "gameday/scoring/lint.hpp"
#include "gameday/scoring/report.hpp"
#include "record_builder.hpp"

namespace gameday::scoring {
namespace {

using fixture::by_the_book;

constexpr const char* good_notes = R"(title: Checkout errors while the database was slow
summary: |
  The web service's database slowed down; a failover ended it.
observations:
  - at: 2m50s
    text: The database dashboard showed p99 above two seconds before the page.
  - The runbook named the failover step.
contributing_factors:
  - The database has no automatic failover.
  - text: Retries on the web service doubled the load on the database.
action_items:
  - action: Add automatic failover for the web database
    type: prevent
    owner: operations
    priority: p1
    done_when: a game day with this scenario ends without a manual failover
    ticket: OPS-1234
lessons:
  went_well:
    - The page reached the on-call within a minute.
  went_poorly:
    - The status page was updated by hand, which took time.
  lucky:
    - Traffic was low at the time.
)";

std::string draft(const std::optional<PostmortemNotes>& notes,
                  std::vector<LintFinding> findings = {}, Duration start_of_day = {}) {
  fixture::Builder b = by_the_book();
  b.start_of_day = start_of_day;
  Diagnostics diags;
  const auto record = eventlog::parse_record(b.text(), "hand.jsonl", diags);
  EXPECT_TRUE(record.has_value());
  PostmortemInput input;
  input.run = "runs/hand";
  input.notes = notes;
  input.notes_file = "notes.yaml";
  input.notes_findings = std::move(findings);
  return format_postmortem(*record, score(*record), input);
}

PostmortemNotes parse_ok(const std::string& text) {
  Diagnostics diags;
  const auto notes = parse_notes(text, "notes.yaml", diags);
  EXPECT_TRUE(notes.has_value());
  for (const Diagnostic& d : diags.items()) ADD_FAILURE() << d.format();
  return notes.value_or(PostmortemNotes{});
}

std::string lint_report(const std::string& text) {
  std::string out;
  for (const LintFinding& f : lint_text(text))
    out += std::to_string(f.line) + ":" + std::to_string(f.column) + " " +
           std::string(lint_category_name(f.category)) + " \"" + f.text + "\"\n";
  return out;
}

TEST(Postmortem, HasEverySectionAndTheHeader) {
  const std::string md = draft(parse_ok(good_notes));
  for (const char* heading :
       {"# Postmortem: Checkout errors while the database was slow", "| Status | **Draft** |",
        "| Severity | SEV2 (declared at 2m20s) |", "| Seed | 0 |", "## Summary", "## Impact",
        "## Trigger", "## Contributing factors", "## Detection", "## Response", "## Recovery",
        "## Timeline", "## Lessons", "### What went well", "### What went poorly",
        "### Where we got lucky", "## Action items", "## Supporting data", "### Scorecard: hand"})
    EXPECT_NE(md.find(heading), std::string::npos) << heading << "\n" << md;
}

TEST(Postmortem, TheDraftPassesTheBlamelessCheck) {
  EXPECT_EQ(lint_report(draft(parse_ok(good_notes))), "");
  EXPECT_EQ(lint_report(draft(std::nullopt)), "");
}

TEST(Postmortem, TimelineEntriesNameTheirSource) {
  const std::string md = draft(parse_ok(good_notes));
  for (const char* row :
       {"| 1m | fault | `f0` began (ground truth) |", "| 1m30s | alert | `A0` fired (page) |",
        "| 1m40s | page | page sent for `A0` |", "| 2m10s | command | `ack all` (no role) |",
        "| 2m | metric | SLOs out of objective: the impact begins |",
        "| 2m50s | note | The database dashboard showed p99 above two seconds",
        "| 3m20s | command | `failover web` took effect |",
        "| 3m20s | fault | `f0` ended when `failover web` took effect (ground truth) |"})
    EXPECT_NE(md.find(row), std::string::npos) << row << "\n" << md;
}

TEST(Postmortem, NotesFillTheirSections) {
  const std::string md = draft(parse_ok(good_notes));
  EXPECT_NE(md.find("| Add automatic failover for the web database | prevent | operations | P1 | "
                    "a game day with this scenario ends without a manual failover | OPS-1234 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- The database has no automatic failover."), std::string::npos);
  EXPECT_NE(md.find("- Traffic was low at the time."), std::string::npos);
  EXPECT_NE(md.find("The web service's database slowed down; a failover ended it."),
            std::string::npos);
  EXPECT_NE(md.find("Observations from the notes without a time:\n\n- The runbook named the "
                    "failover step."),
            std::string::npos);
  // The response is about roles: the failover came from the operations role.
  EXPECT_NE(md.find("- Action `failover web` (operations) at 2m50s, in effect at 3m20s: helped."),
            std::string::npos)
      << md;
}

TEST(Postmortem, NotesFindingsAndPeopleAsOwnersAreListedForReview) {
  PostmortemNotes notes = parse_ok(good_notes);
  notes.action_items[0].owner = "bob";  // a responder in the record
  const std::string text = "lessons:\n  went_poorly:\n    - The on-call should have noticed.\n";
  const std::string md = draft(notes, lint_text(text));
  EXPECT_NE(md.find("## Before publishing"), std::string::npos);
  EXPECT_NE(md.find("notes.yaml:3:19: counterfactual: `should have`"), std::string::npos) << md;
  EXPECT_NE(md.find("its owner `bob` is a responder's name"), std::string::npos) << md;
}

TEST(Postmortem, NotesMayGiveClockTimesOnTheScenariosClock) {
  const PostmortemNotes notes =
      parse_ok("observations:\n  - text: The graphs froze.\n    at: 09:02\n");
  ASSERT_EQ(notes.observations.size(), 1u);
  EXPECT_EQ(notes.observations[0].clock, hours(9) + minutes(2));
  const std::string clocked = draft(notes, {}, hours(9));
  EXPECT_NE(clocked.find("| 2m (09:02:00) | note | The graphs froze. |"), std::string::npos)
      << clocked;
  // Without a clock in the scenario the note cannot be placed, and says why.
  const std::string unclocked = draft(notes);
  EXPECT_NE(unclocked.find("- The graphs froze. (noted at 09:02, but the scenario sets no clock "
                           "time)"),
            std::string::npos)
      << unclocked;
}

TEST(Postmortem, OwnersWhoWereNotInTheGameAndVagueDoneWhenAreListedForReview) {
  PostmortemNotes notes = parse_ok(good_notes);
  notes.action_items[0].owner = "Dave";  // a person, and not a responder in the record
  notes.action_items[0].done_when = "it is better";
  const std::string md = draft(notes, {});
  EXPECT_NE(md.find("its owner `Dave` names a person who was not in the game"), std::string::npos)
      << md;
  EXPECT_NE(md.find("its `done_when` `it is better` gives no way to check it"), std::string::npos)
      << md;
  // A role or team as owner and a checkable condition are fine.
  const std::string clean = draft(parse_ok(good_notes), {});
  EXPECT_EQ(clean.find("## Before publishing"), std::string::npos) << clean;
}

std::string errors_of(const std::string& text) {
  Diagnostics diags;
  EXPECT_FALSE(parse_notes(text, "notes.yaml", diags).has_value());
  std::string out;
  for (const Diagnostic& d : diags.sorted()) out += d.format() + "\n";
  return out;
}

TEST(Notes, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(errors_of("observation:\n  - x\n"),
            "notes.yaml:1:1: error: unknown key 'observation' (did you mean 'observations'?)\n");
  EXPECT_EQ(errors_of("title: a\ntitle: b\n"),
            "notes.yaml:2:1: error: duplicate key 'title' (first defined at line 1)\n");
  EXPECT_EQ(errors_of("action_items:\n  - action: Add a runbook step\n    type: fix\n"
                      "    owner: operations\n    priority: P5\n    done_when: reviewed\n"),
            "notes.yaml:3:11: error: action_items[0].type: unknown value 'fix'; expected one of "
            "prevent, detect, mitigate, process, repair\n"
            "notes.yaml:5:15: error: action_items[0].priority: unknown value 'P5'; expected one "
            "of P0, P1, P2, P3\n");
  EXPECT_EQ(errors_of("action_items:\n  - action: Add a runbook step\n"),
            "notes.yaml:2:5: error: action_items[0]: missing required key 'type'\n"
            "notes.yaml:2:5: error: action_items[0]: missing required key 'owner'\n"
            "notes.yaml:2:5: error: action_items[0]: missing required key 'priority'\n"
            "notes.yaml:2:5: error: action_items[0]: missing required key 'done_when'\n");
  EXPECT_EQ(errors_of("observations:\n  - at: soon\n    text: x\n"),
            "notes.yaml:2:9: error: observations[0].at: expected a time from the start of the "
            "run like 14m30s, or a clock time like 10:05, got 'soon'\n");
  EXPECT_EQ(errors_of("lessons: [a, b]\n"),
            "notes.yaml:1:10: error: lessons: expected a mapping, got a list\n");
  const std::string syntax = errors_of("observations:\n  - [unclosed\n");
  EXPECT_EQ(syntax.rfind("notes.yaml:", 0), 0u) << syntax;
  EXPECT_NE(syntax.find("YAML syntax error"), std::string::npos) << syntax;
}

TEST(Notes, AnEmptyFileIsNoNotes) {
  const PostmortemNotes n = parse_ok("");
  EXPECT_TRUE(n.observations.empty());
  EXPECT_FALSE(n.title.has_value());
}

TEST(Notes, TheExampleInTheDocsIsValidAndBlameless) {
  std::ifstream in(std::string(GAMEDAY_SOURCE_DIR) + "/docs/scoring.md");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string doc = buf.str();
  const std::size_t from = doc.find("```yaml\ntitle:");
  ASSERT_NE(from, std::string::npos) << "docs/scoring.md has no notes example";
  const std::size_t begin = doc.find('\n', from) + 1;
  const std::string example = doc.substr(begin, doc.find("```", begin) - begin);
  const PostmortemNotes n = parse_ok(example);
  EXPECT_EQ(n.action_items.size(), 1u);
  EXPECT_EQ(n.observations.at(0).at, minutes(16));
  EXPECT_EQ(lint_report(example), "");
}

}  // namespace
}  // namespace gameday::scoring

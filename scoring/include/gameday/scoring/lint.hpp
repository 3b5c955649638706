// The blameless-language check for postmortems and notes (`gameday lint`): finds phrasing that
// blames people, argues with what already happened, judges, or promises vague fixes, and says
// how to put it instead. Fault-finding words ("ignored", "missed", "failed to check") count
// only when a person does them. It works on plain text, Markdown and YAML alike: fenced code
// blocks, `code spans`, block quotes, log lines and URLs are skipped, matching is case-insensitive
// on whole words ("just-in-time" and "justify" are not "just"), and a line containing
// "gameday-lint: ignore" is skipped. The categories and every phrase are in docs/scoring.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gameday::scoring {

enum class LintCategory : std::uint8_t {
  HumanError,      // "human error", "careless": the person is the cause
  Counterfactual,  // "should have", "forgot to": what did not happen instead of what did
  Judgemental,     // "obviously", "just", "simply": hindsight that minimises or judges
  PersonAsCause,   // "<Name> broke it", "be more careful": a person named as cause or fix
  VagueAction,     // "look into", "improve", "better monitoring": an action nobody can finish
};
// "human-error", "counterfactual", "judgemental", "person", "vague-action".
std::string_view lint_category_name(LintCategory c);

struct LintFinding {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
  LintCategory category = LintCategory::HumanError;
  std::string text;        // the matched text as written
  std::string suggestion;  // a concrete rewording
};

// Every finding in `text`, in order of position; overlapping matches keep the longest. `names`
// are the people the text is about (a record's responders), known as people besides the
// common first names and roles.
std::vector<LintFinding> lint_text(std::string_view text,
                                   const std::vector<std::string>& names = {});

// Whether an action item's owner is a person rather than a role or team: one of `names` (the
// record's responders) or a common first name ("Dave", "Priya (payments)"), and no role or
// team word ("payments team", "the on-call").
bool names_a_person(std::string_view owner, const std::vector<std::string>& names);

// Whether an action item's `done_when` gives nobody a way to check it: five words or fewer with
// no figure (a number, date or ticket) and nothing observable ("a test", "an alert", "merged",
// "deployed", "below", "every"...), like "it is better" or "fixed".
bool vague_done_when(std::string_view done_when);

}  // namespace gameday::scoring

// The blameless-language check for postmortems and notes (`gameday lint`): finds phrasing that
// blames people, argues with what already happened, judges, or promises vague fixes, and says
// how to put it instead. It works on plain text, Markdown and YAML alike: fenced code blocks,
// `code spans`, block quotes, log lines and URLs are skipped, matching is case-insensitive on
// whole words ("just-in-time" and "justify" are not "just"), and a line containing
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

// Every finding in `text`, in order of position; overlapping matches keep the longest.
std::vector<LintFinding> lint_text(std::string_view text);

}  // namespace gameday::scoring

// The scorecard's three forms and the comparison of runs: a readable text table for the
// terminal, versioned JSON for tools (the schema is in docs/scoring.md), Markdown for the
// postmortem, and the side-by-side table `gameday compare` prints. All are pure functions of
// scorecards, so the same record always gives the same bytes.
#pragma once

#include <string>
#include <vector>

#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring {

enum class TextStyle : std::uint8_t { Plain, Colour };  // ANSI colour for a terminal

// One line: incidents, detection, impact, budget, notifications, noise, undetected faults.
std::string summary_line(const Scorecard& card);

std::string format_text(const Scorecard& card, TextStyle style = TextStyle::Plain);
std::string format_json(const Scorecard& card);
// `heading_level` 1 starts at "#"; the postmortem embeds the scorecard one level deeper.
std::string format_markdown(const Scorecard& card, int heading_level = 1);

struct NamedScorecard {
  std::string label;  // how the run was named on the command line
  Scorecard card;
};
// One column per run, one row per key figure; every run after the first shows its difference
// against the first.
std::string format_comparison(const std::vector<NamedScorecard>& runs,
                              TextStyle style = TextStyle::Plain);

}  // namespace gameday::scoring

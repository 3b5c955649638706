// What the command line does with a record that reads: score it in every form, compare it with
// itself and draft its postmortem. Shared by the record targets, so a record that gets past the
// reader is also fuzzed through everything that trusts it.
#pragma once

#include "gameday/eventlog/reader.hpp"
#include "gameday/scoring/postmortem.hpp"
#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::fuzz {

inline void consume_record(const eventlog::Record& record) {
  const scoring::Scorecard card = scoring::score(record);
  (void)scoring::summary_line(card);
  (void)scoring::format_text(card, scoring::TextStyle::Colour);
  (void)scoring::format_json(card);
  (void)scoring::format_markdown(card);
  (void)scoring::format_comparison({{"a", card}, {"b", card}});
  (void)scoring::format_postmortem(record, card, scoring::PostmortemInput{"fuzz"});
}

}  // namespace gameday::fuzz

// What the command line does with a record that reads: score it in every form, compare it with
// itself, draft its postmortem, and build the viewer's model of it (state at its start, peak and
// end, the series and budgets, the frame and summary layouts; no graphics). Shared by the record
// targets, so a record that gets past the reader is also fuzzed through everything that trusts it.
#pragma once

#include "gameday/eventlog/reader.hpp"
#include "gameday/scoring/postmortem.hpp"
#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "gameday/viz/layout.hpp"
#include "gameday/viz/replay_model.hpp"

namespace gameday::fuzz {

inline void consume_record(const eventlog::Record& record) {
  const scoring::Scorecard card = scoring::score(record);
  (void)scoring::summary_line(card);
  (void)scoring::format_text(card, scoring::TextStyle::Colour);
  (void)scoring::format_json(card);
  (void)scoring::format_markdown(card);
  (void)scoring::format_comparison({{"a", card}, {"b", card}});
  scoring::PostmortemInput input;
  input.run = "fuzz";
  (void)scoring::format_postmortem(record, card, input);

  const viz::ReplayModel model(record);
  for (const Time t : {Time::zero(), model.peak_impact(), model.end(), model.axis_end()}) {
    const viz::Snapshot snap = model.at(t);
    (void)model.worst_service(snap);
    for (std::size_t s = 0; s < record.header.names.services.size(); ++s)
      (void)model.budget_at(ServiceId::from_index(s), t);
  }
  for (std::size_t s = 0; s < record.header.names.services.size(); ++s)
    (void)model.series(ServiceId::from_index(s));
  for (const viz::View view : {viz::View::Responders, viz::View::Truth}) {
    (void)model.event_times(view);
    (void)viz::layout_frame(model, view, 1280, 720);
    (void)viz::layout_summary(model, view, 1280, 720);
  }
}

}  // namespace gameday::fuzz

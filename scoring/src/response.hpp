// The response half of the scorecard: what the record's `command` and `action_effect` lines say
// about how an incident was handled (acknowledgement, declaration, roles, status updates,
// handoffs, actions and what the system did after each, rejected commands). Private to
// scoring/; score() calls it once the incidents are built. Definitions: docs/scoring.md.
#pragma once

#include <optional>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/record.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring {

struct ResponseSettings {
  Duration interval;      // the record's sample interval
  Duration update_first;  // status-update cadence
  Duration update_every;
  Duration before_window;  // the SLIs before a command: this long before it
  Duration effect_window;  // ... against this long after its effect
  Duration handoff_ack;    // a handoff is acknowledged by a command this soon after it
  Time record_end;
};

// Sets every incident's responder milestones, durations, process, actions and rejected
// commands, moves its detection to the declaration when that came first, and counts the card's
// commands. An incident's response window runs from its first fault's start to the next
// incident's (exclusive), the last one's to the record end.
void score_response(const eventlog::Record& record, const ResponseSettings& s, Scorecard& card);

}  // namespace gameday::scoring

// Names of the record's enumerations and lookups on its data types.
//
// The names returned here are the keys and values written to events.jsonl; changing one is a
// format change (bump format_version). Every enumerator has a name: the switches have no
// default, so -Wswitch flags a new enumerator that lacks one.
#include "gameday/eventlog/record.hpp"

#include "gameday/core/assert.hpp"

namespace gameday::eventlog {

std::string_view error_cause_name(ErrorCause c) {
  switch (c) {
    case ErrorCause::Rejected: return "rejected";
    case ErrorCause::Timeout: return "timeout";
    case ErrorCause::Downstream: return "downstream";
    case ErrorCause::CircuitOpen: return "circuit_open";
    case ErrorCause::Unavailable: return "unavailable";
    case ErrorCause::Injected: return "injected";
    case ErrorCause::Connection: return "connection";
    case ErrorCause::Count: break;
  }
  GAMEDAY_ASSERT_MSG(false, "not an error cause");
}

std::string_view circuit_state_name(CircuitState s) {
  switch (s) {
    case CircuitState::Closed: return "closed";
    case CircuitState::Open: return "open";
    case CircuitState::HalfOpen: return "half_open";
  }
  GAMEDAY_ASSERT_MSG(false, "not a circuit state");
}

const Field* Event::find(std::string_view key) const {
  for (const Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace gameday::eventlog

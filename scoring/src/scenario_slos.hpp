// The SLO definitions scoring needs (objective, window, SLI and what it measures), read from
// the resolved scenario that the record's header carries as JSON. Private to scoring/: no
// public header exposes the JSON library.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/record.hpp"

namespace gameday::scoring {

struct SloSpec {
  std::string name;
  std::string sli = "availability";    // or "latency"
  std::string service;                 // the service whose responses it counts, when any
  std::optional<std::string> journey;  // the traffic source whose root requests it counts
  double objective = 0;
  Duration window;
};

// One entry per header SLO name, in the header's order. On JSON that cannot be read, or an SLO
// the scenario does not describe, adds a note and leaves that SLO's spec absent.
std::vector<std::optional<SloSpec>> read_slo_specs(const eventlog::Header& header,
                                                   std::vector<std::string>& notes);

}  // namespace gameday::scoring

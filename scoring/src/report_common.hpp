// Formatting helpers the scorecard's text, Markdown and comparison forms share: instants as
// offsets from the run's start, signed spans, percentages that keep small shares readable,
// grouped digits, and the words for figures the record does not support or did not reach.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring {

inline constexpr std::string_view not_reached = "not reached before the run ended";

std::string group_digits(std::uint64_t n);
std::string fixed(double v, int decimals);
// "12.35%"; shares under 1% keep two significant digits ("0.0042%").
std::string percent(double share);
// "12m40s" from the start of the run.
std::string at(Time t);
// "1m20s", or "40s before impact" for a negative time to detect or page.
std::string span_from_impact(Duration d);
// The instant, or `missing` when it is absent.
std::string instant_or(const std::optional<Time>& t, std::string_view missing);
// Faults no alert detected, across incidents.
int undetected_faults(const Scorecard& card);
// Budget consumed per SLO over every incident, in the order of the first incident's SLOs.
std::vector<std::pair<std::string, double>> budget_by_slo(const Scorecard& card);

}  // namespace gameday::scoring

namespace gameday::scoring {

// The longest value of a duration across incidents, and whether any incident with impact
// lacks it (so the worst is unknown or the figure was not reached).
struct Worst {
  std::optional<Duration> value;
  int missing = 0;  // incidents with impact where the figure is absent
};
Worst worst_of(const Scorecard& card, std::optional<Duration> Incident::*figure);
std::uint64_t total_failed(const Scorecard& card);

}  // namespace gameday::scoring

// Parsing and printing of the units people write in scenarios and on the command line:
// durations ("250ms", "1h30m", "1.5s"), rates ("400/s", "24k/min"), percentages and ratios
// ("99.9%", "0.999"), factors ("2x") and times of day ("19:00").
//
// Parsers return nullopt on anything they do not fully understand; callers turn that into a
// diagnostic that shows the expected form. Results are exact integers where time is involved.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gameday/core/time.hpp"

namespace gameday {

// "0", "250ms", "1.5s", "1h30m", "2d", "750us", "10ns". Negative durations are rejected.
std::optional<Duration> parse_duration(std::string_view text);
// Events per second: "400/s", "24k/min", "1.5M/h", "0.5/s".
std::optional<double> parse_rate(std::string_view text);
// A share in [0, 1] written as "99.9%" or "0.999".
std::optional<double> parse_ratio(std::string_view text);
// A multiplier written as "2x", "0.5x" or a bare number.
std::optional<double> parse_factor(std::string_view text);
// A time of day "HH:MM" or "HH:MM:SS", as the span since midnight.
std::optional<Duration> parse_time_of_day(std::string_view text);
// An instant of a run that started at the time of day `start_at`, written from the start
// ("14m30s") or as the time of day there ("17:44:30", the next such time at or after the start).
std::optional<Duration> parse_run_instant(std::string_view text, Duration start_at);

// The shortest exact form: "1h30m", "250ms", "1.5s" is printed as "1s500ms".
std::string format_duration(Duration d);
// A duration as a person reads it, rounded to what matters at its size: "2m42s" (whole
// seconds from a minute up), "7.4s" (tenths below a minute), "350ms", "380us"; "0" for zero.
// For consoles, scorecards, postmortems and logs; records and JSON keep exact nanoseconds.
std::string duration_for_people(Duration d);
// An instant of a run (time since its start) as a clock shows it: whole seconds, cut, not
// rounded, so it agrees with the time of day beside it ("16m41s" at 17:46:41).
std::string instant_for_people(Duration since_start);
// The time of day an instant of a run falls on, for a run that started at `start_at` (a span
// since midnight): "17:46:41", whole seconds cut as instant_for_people cuts them.
std::string time_of_day_for_people(Duration start_at, Duration since_start);
// Human-oriented, rounded: "1.52 s", "250 ms", "12.3 µs" style without the micro sign.
std::string format_duration_short(Duration d);

}  // namespace gameday

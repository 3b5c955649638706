// Progress line rendering. Times are shown rounded down to whole simulated seconds so the line
// does not flicker with sub-second digits.
#include "progress.hpp"

#include <cstdio>
#include <ostream>

#include "gameday/core/units.hpp"

namespace gameday::cli {
namespace {

constexpr double redraw_interval_seconds = 0.2;

std::string whole_seconds(Duration d) {
  return format_duration(seconds(d.ns() / 1'000'000'000));
}

}  // namespace

ProgressLine::ProgressLine(std::ostream& os, ProgressMode mode, Duration total)
    : os_(os), mode_(mode), total_(total) {}

void ProgressLine::update(Time now, std::uint64_t events, double wall_seconds) {
  if (mode_ == ProgressMode::Off) return;
  if (last_draw_ >= 0 && wall_seconds - last_draw_ < redraw_interval_seconds) return;
  last_draw_ = wall_seconds;
  const double share =
      total_.ns() > 0 ? static_cast<double>(now.ns()) / static_cast<double>(total_.ns()) : 1.0;
  const double rate = wall_seconds > 0 ? static_cast<double>(events) / wall_seconds : 0.0;
  char figures[96];
  std::snprintf(figures, sizeof figures, "%5.1f%%  %.2fM events/s", share * 100, rate / 1e6);
  // "\033[K" erases what a longer previous line left behind.
  os_ << "\rsimulated " << whole_seconds(now.since_start()) << " / " << whole_seconds(total_)
      << "  " << figures << "\033[K" << std::flush;
  drawn_ = true;
}

void ProgressLine::clear() {
  if (!drawn_) return;
  os_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace gameday::cli

// The one-line progress display of `run` on a terminal: simulated time of total, percent and
// kernel events per second, redrawn in place with '\r' at most five times a second and erased
// at the end, so the summary that follows starts on a clean line. Disabled, it does nothing.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "gameday/core/time.hpp"

namespace gameday::cli {

enum class ProgressMode : std::uint8_t { Off, Terminal };

class ProgressLine {
 public:
  ProgressLine(std::ostream& os, ProgressMode mode, Duration total);
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // `wall_seconds` since the run started; redraws only when 0.2 s passed since the last draw.
  void update(Time now, std::uint64_t events, double wall_seconds);
  void clear();

 private:
  std::ostream& os_;
  ProgressMode mode_;
  Duration total_;
  double last_draw_ = -1;
  bool drawn_ = false;
};

}  // namespace gameday::cli

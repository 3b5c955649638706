// The one place where simulated time is built from a double.
#include "gameday/core/time.hpp"

#include <cmath>

namespace gameday {

Duration Duration::from_seconds(double s) {
  return Duration{std::llround(s * 1e9)};
}

}  // namespace gameday

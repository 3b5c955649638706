// Ctrl-C, SIGTERM and SIGHUP (a closed terminal) during a run or a game: while an InterruptGuard
// lives, those signals only set a flag, which the run loop checks between steps of the simulation,
// so the record is closed properly ("interrupted") instead of being cut mid-line. A second signal
// gets the default action (SA_RESETHAND), so a stuck run can still be killed from the keyboard.
#pragma once

#include <signal.h>

#include <cstdint>

namespace gameday::cli {

// Kernel events per step between two looks at the flag: a few milliseconds of work. The
// scenario's limits (docs/scenario-reference.md) keep each single event's cost small too.
inline constexpr std::uint64_t events_per_step = 20000;

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool is_interrupted() const;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
  struct sigaction old_hup_ {};
};

}  // namespace gameday::cli

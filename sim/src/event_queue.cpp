// The reference pending-event set (the heap is inline in the header: it is the hot path).
#include "gameday/sim/event_queue.hpp"

namespace gameday::sim {

void ReferenceEventQueue::push(const PendingEvent& e) {
  auto it = list_.begin();
  while (it != list_.end() && !e.before(*it)) ++it;
  list_.insert(it, e);
}

PendingEvent ReferenceEventQueue::pop() {
  GAMEDAY_ASSERT(!list_.empty());
  PendingEvent e = list_.front();
  list_.pop_front();
  return e;
}

}  // namespace gameday::sim

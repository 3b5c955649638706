// The pending-event set: small value records in a total, documented order.
//
// Order key: (time, phase, seq). `seq` comes from a counter bumped on every schedule, so
// same-instant events of one phase run in scheduling order; `phase` settles the few places
// where same-instant order matters (metric samples run after everything else at their
// instant). Nothing is ordered by pointer. Cancellation is lazy: an event carries a token
// (a generation number in its payload) and its handler skips it when the token is stale, as
// ns-3 does by flagging a cancelled event instead of removing it.
//
// Two implementations share one interface and one conformance suite: a 4-ary heap for runs,
// and a deliberately naive sorted list kept as the reference the heap is tested against.
#pragma once

#include <cstdint>
#include <list>
#include <vector>

#include "gameday/core/assert.hpp"
#include "gameday/core/time.hpp"

namespace gameday::sim {

// Late: metric samples, after everything else at their instant; Monitoring: alert evaluation
// and notifications, after the samples they read.
enum class Phase : std::uint8_t { Early = 0, Normal = 1, Late = 2, Monitoring = 3 };

// 24 bytes, so that large pending sets stay cache-friendly: the event's kind rides in the low
// bits of the order word, below the sequence number, where it can never decide the order
// (sequence numbers are unique).
struct PendingEvent {
  Time t;
  std::uint64_t order = 0;   // phase (top 8 bits), sequence number (48 bits), kind (low 8 bits)
  std::uint32_t target = 0;  // whom it concerns (an index: instance, source, call...)
  std::uint32_t token = 0;   // payload: usually a generation number for lazy cancellation

  static constexpr std::uint64_t max_seq = (std::uint64_t{1} << 48) - 1;
  static constexpr std::uint64_t make_order(Phase p, std::uint64_t seq, std::uint32_t kind = 0) {
    return (static_cast<std::uint64_t>(p) << 56) | (seq << 8) | (kind & 0xffu);
  }
  Phase phase() const { return static_cast<Phase>(order >> 56); }
  std::uint64_t seq() const { return (order >> 8) & max_seq; }
  std::uint32_t kind() const { return static_cast<std::uint32_t>(order & 0xffu); }
  // True when this event runs before `o`.
  bool before(const PendingEvent& o) const { return t < o.t || (t == o.t && order < o.order); }
};

// A 4-ary min-heap: half the depth of a binary heap, and a node's four children are adjacent
// (128 bytes, two or three cache lines), so a level costs one burst of memory traffic.
class HeapEventQueue {
 public:
  // By value: `e` may refer into heap_ (push(top())), which push_back can reallocate.
  void push(PendingEvent e) {
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!e.before(heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  const PendingEvent& top() const {
    GAMEDAY_ASSERT(!heap_.empty());
    return heap_.front();
  }
  PendingEvent pop();
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

 private:
  std::vector<PendingEvent> heap_;
};

// The reference: a list kept sorted by linear insertion. Slow and obviously right.
class ReferenceEventQueue {
 public:
  void push(const PendingEvent& e);
  const PendingEvent& top() const {
    GAMEDAY_ASSERT(!list_.empty());
    return list_.front();
  }
  PendingEvent pop();
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  void reserve(std::size_t) {}
  void clear() { list_.clear(); }

 private:
  std::list<PendingEvent> list_;
};

// Time, sequence numbers and the pending set: what model code needs to schedule events.
// `next()` hands out events in order and asserts that time never runs backwards.
template <class Queue>
class BasicScheduler {
 public:
  Time now() const { return now_; }
  void schedule(Time t, std::uint32_t kind, std::uint32_t target, std::uint32_t token = 0,
                Phase phase = Phase::Normal) {
    GAMEDAY_ASSERT_MSG(t >= now_, "an event was scheduled in the past");
    GAMEDAY_ASSERT(kind < 256 && next_seq_ <= PendingEvent::max_seq);
    queue_.push({t, PendingEvent::make_order(phase, next_seq_++, kind), target, token});
  }
  void schedule_in(Duration d, std::uint32_t kind, std::uint32_t target, std::uint32_t token = 0,
                   Phase phase = Phase::Normal) {
    schedule(now_ + d, kind, target, token, phase);
  }
  bool has_next_before(Time limit) const { return !queue_.empty() && queue_.top().t <= limit; }
  bool empty() const { return queue_.empty(); }
  PendingEvent next() {
    PendingEvent e = queue_.pop();
    GAMEDAY_ASSERT_MSG(e.t >= now_, "simulated time ran backwards");
    now_ = e.t;
    ++executed_;
    return e;
  }
  // Moves the clock forward without an event (to the end of a run).
  void advance_to(Time t) {
    GAMEDAY_ASSERT(t >= now_);
    now_ = t;
  }
  std::uint64_t executed() const { return executed_; }
  std::size_t pending() const { return queue_.size(); }
  void reserve(std::size_t n) { queue_.reserve(n); }

 private:
  Queue queue_;
  Time now_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t executed_ = 0;
};

inline PendingEvent HeapEventQueue::pop() {
  GAMEDAY_ASSERT(!heap_.empty());
  const PendingEvent result = heap_.front();
  const PendingEvent last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return result;
  std::size_t i = 0;
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + 4 < n ? first + 4 : n;
    for (std::size_t c = first + 1; c < end; ++c)
      if (heap_[c].before(heap_[best])) best = c;
    if (!heap_[best].before(last)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = last;
  return result;
}

using Scheduler = BasicScheduler<HeapEventQueue>;

}  // namespace gameday::sim

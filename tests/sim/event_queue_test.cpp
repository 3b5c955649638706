// The conformance suite of the pending-event set: one typed suite, run unchanged over every
// queue implementation and over BasicScheduler on top of each. It pins the documented total
// order (time, phase, seq): same-instant events keep scheduling order within a phase, phases
// order same-instant events whatever the scheduling order, and a randomized interleaving of
// pushes and pops matches both the naive reference queue and a brute-force minimum scan. The
// scheduler's two assertions (no scheduling in the past, time never runs backwards) are death
// tests, because they must stay on in release builds. Randomized cases print their seed and
// how to rerun them; GAMEDAY_TEST_SEED=<n> replaces the fixed seeds.
#include "gameday/sim/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "gameday/core/random.hpp"

namespace gameday::sim {
namespace {

PendingEvent make_event(std::int64_t t_ns, Phase phase, std::uint64_t seq, std::uint32_t kind = 0) {
  return {Time::from_ns(t_ns), PendingEvent::make_order(phase, seq, kind), 0,
          static_cast<std::uint32_t>(seq)};
}

// Fixed seeds keep CI reproducible; an explicit seed from the environment reruns one failure.
std::vector<std::uint64_t> test_seeds() {
  if (const char* s = std::getenv("GAMEDAY_TEST_SEED")) return {std::strtoull(s, nullptr, 10)};
  return {1, 2, 3, 42, 20261125};
}

std::string reproduce_hint(std::uint64_t seed) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return "seed " + std::to_string(seed) + "; reproduce from the build directory with: " +
         "GAMEDAY_TEST_SEED=" + std::to_string(seed) +
         " ./tests/sim/event_queue_test --gtest_filter='" + info->test_suite_name() + "." +
         info->name() + "'";
}

template <class Queue>
class EventQueueTest : public ::testing::Test {};

class QueueNames {
 public:
  template <class T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, HeapEventQueue>) return "Heap";
    if constexpr (std::is_same_v<T, ReferenceEventQueue>) return "Reference";
    return "Unknown";
  }
};

using QueueTypes = ::testing::Types<HeapEventQueue, ReferenceEventQueue>;
TYPED_TEST_SUITE(EventQueueTest, QueueTypes, QueueNames);

TYPED_TEST(EventQueueTest, StartsEmptyAndCountsSize) {
  TypeParam q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  q.push(make_event(5, Phase::Normal, 0));
  q.push(make_event(3, Phase::Normal, 1));
  EXPECT_FALSE(q.empty());
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.top().t, Time::from_ns(3));
  EXPECT_EQ(q.size(), 2u) << "top() must not remove";
  q.pop();
  EXPECT_EQ(q.size(), 1u);
  q.pop();
  EXPECT_TRUE(q.empty());
  q.push(make_event(1, Phase::Normal, 2));
  q.clear();
  EXPECT_TRUE(q.empty());
}

TYPED_TEST(EventQueueTest, PopsInTimeOrder) {
  TypeParam q;
  const std::int64_t times[] = {50, 10, 40, 20, 30, 0, 60, 5, 45, 15};
  std::uint64_t seq = 0;
  for (auto t : times) q.push(make_event(t, Phase::Normal, seq++));
  std::vector<std::int64_t> sorted(std::begin(times), std::end(times));
  std::sort(sorted.begin(), sorted.end());
  for (auto t : sorted) EXPECT_EQ(q.pop().t, Time::from_ns(t));
  EXPECT_TRUE(q.empty());
}

TYPED_TEST(EventQueueTest, SameInstantKeepsSchedulingOrder) {
  // More than one heap level of equal keys, so sift-down has to break ties by seq.
  TypeParam q;
  for (std::uint64_t seq = 0; seq < 100; ++seq) q.push(make_event(7, Phase::Normal, seq));
  for (std::uint64_t seq = 0; seq < 100; ++seq) {
    const PendingEvent e = q.pop();
    ASSERT_EQ(e.seq(), seq);
    ASSERT_EQ(e.token, seq) << "payload must travel with its key";
  }
}

TYPED_TEST(EventQueueTest, PhasesOrderSameInstantRegardlessOfSchedulingOrder) {
  TypeParam q;
  // Scheduled Late first and Early last; they must come out Early, Normal, Late.
  q.push(make_event(10, Phase::Late, 0));
  q.push(make_event(10, Phase::Normal, 1));
  q.push(make_event(10, Phase::Late, 2));
  q.push(make_event(10, Phase::Early, 3));
  q.push(make_event(9, Phase::Late, 4));  // an earlier instant beats every phase
  q.push(make_event(10, Phase::Normal, 5));
  q.push(make_event(10, Phase::Early, 6));
  const std::uint64_t expected[] = {4, 3, 6, 1, 5, 0, 2};
  for (auto seq : expected) ASSERT_EQ(q.pop().seq(), seq);
}

TYPED_TEST(EventQueueTest, KeyPacksPhaseAboveSequenceAboveKind) {
  const PendingEvent e = make_event(1, Phase::Late, PendingEvent::max_seq, 255);
  EXPECT_EQ(e.phase(), Phase::Late);
  EXPECT_EQ(e.seq(), PendingEvent::max_seq);
  EXPECT_EQ(e.kind(), 255u);
  EXPECT_TRUE(make_event(1, Phase::Normal, e.seq()).before(e));
  // The kind never decides the order: sequence numbers do.
  EXPECT_TRUE(make_event(1, Phase::Normal, 5, 200).before(make_event(1, Phase::Normal, 6, 0)));
  static_assert(sizeof(PendingEvent) == 24, "pending events stay small for the heap's sake");
}

TYPED_TEST(EventQueueTest, PushingACopyOfTheTopIsSafe) {
  // push() takes a reference; it must not read it after the storage may have moved.
  TypeParam q;
  q.push(make_event(1, Phase::Normal, 0, 77));
  for (int i = 0; i < 64; ++i) q.push(q.top());
  EXPECT_EQ(q.size(), 65u);
  while (!q.empty()) ASSERT_EQ(q.pop().kind(), 77u);
}

TYPED_TEST(EventQueueTest, RandomInterleavingMatchesReference) {
  for (const std::uint64_t seed : test_seeds()) {
    SCOPED_TRACE(reproduce_hint(seed));
    Rng rng(seed);
    TypeParam q;
    ReferenceEventQueue ref;
    std::vector<PendingEvent> oracle;  // brute-force minimum scan: checks the reference too
    std::uint64_t seq = 0;
    std::int64_t now = 0;
    for (int step = 0; step < 4000; ++step) {
      // Bias towards pushes early and pops late, so the set grows, churns and drains.
      const bool push = q.empty() || rng.uniform() < (step < 3000 ? 0.6 : 0.2);
      if (push) {
        // A small time range makes equal instants common; the phase is random.
        const auto t = now + static_cast<std::int64_t>(rng.below(20));
        const auto phase = static_cast<Phase>(rng.below(3));
        const PendingEvent e = make_event(t, phase, seq++, static_cast<std::uint32_t>(step));
        q.push(e);
        ref.push(e);
        oracle.push_back(e);
      } else {
        const auto it = std::min_element(oracle.begin(), oracle.end(),
                                         [](const auto& a, const auto& b) { return a.before(b); });
        const PendingEvent want = *it;
        oracle.erase(it);
        ASSERT_EQ(ref.top().order, want.order) << "reference disagrees at step " << step;
        const PendingEvent got = q.pop();
        ref.pop();
        ASSERT_EQ(got.t, want.t) << "step " << step;
        ASSERT_EQ(got.order, want.order) << "step " << step;
        ASSERT_EQ(got.kind(), want.kind()) << "step " << step;
        now = got.t.ns();
      }
      ASSERT_EQ(q.size(), oracle.size());
      ASSERT_EQ(q.empty(), oracle.empty());
    }
  }
}

TYPED_TEST(EventQueueTest, SchedulerHandsOutEventsInOrderAndTracksNow) {
  BasicScheduler<TypeParam> s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.now(), Time::zero());
  s.schedule(Time::from_ns(20), 1, 0, 0, Phase::Late);
  s.schedule(Time::from_ns(20), 2, 0);
  s.schedule(Time::from_ns(20), 3, 0, 0, Phase::Early);
  s.schedule(Time::from_ns(10), 4, 0);
  s.schedule(Time::from_ns(20), 5, 0);
  EXPECT_EQ(s.pending(), 5u);
  EXPECT_TRUE(s.has_next_before(Time::from_ns(10)));
  EXPECT_FALSE(s.has_next_before(Time::from_ns(9)));
  const std::uint32_t expected[] = {4, 3, 2, 5, 1};
  for (auto kind : expected) {
    const PendingEvent e = s.next();
    ASSERT_EQ(e.kind(), kind);
    ASSERT_EQ(s.now(), e.t);
  }
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.executed(), 5u);
  EXPECT_FALSE(s.has_next_before(Time::max()));
}

TYPED_TEST(EventQueueTest, SchedulerTimeNeverRunsBackwards) {
  for (const std::uint64_t seed : test_seeds()) {
    SCOPED_TRACE(reproduce_hint(seed));
    Rng rng(seed);
    BasicScheduler<TypeParam> s;
    for (std::uint32_t i = 0; i < 50; ++i)
      s.schedule_in(nanoseconds(static_cast<std::int64_t>(rng.below(100))), 0, i);
    Time last = s.now();
    std::uint64_t seen = 0;
    std::uint64_t last_seq = 0;
    while (!s.empty() && seen < 20'000) {
      const PendingEvent e = s.next();
      ++seen;
      ASSERT_GE(e.t, last) << "event " << seen;
      if (e.t == last && seen > 1) {
        ASSERT_GT(e.seq(), last_seq) << "same instant out of scheduling order, event " << seen;
      }
      ASSERT_EQ(s.now(), e.t);
      last = e.t;
      last_seq = e.seq();
      // Each event schedules 0-2 successors, some at the same instant (zero delay).
      const auto children = rng.below(3) + (s.pending() < 10 ? 1 : 0);
      for (std::uint64_t c = 0; c < children; ++c)
        s.schedule_in(nanoseconds(static_cast<std::int64_t>(rng.below(4) * rng.below(50))), 0,
                      e.target);
    }
    EXPECT_EQ(s.executed(), seen);
  }
}

TYPED_TEST(EventQueueTest, SchedulingInThePastDies) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  BasicScheduler<TypeParam> s;
  s.schedule(Time::from_ns(100), 0, 0);
  s.next();
  ASSERT_EQ(s.now(), Time::from_ns(100));
  s.schedule(Time::from_ns(100), 0, 0);  // now itself is fine
  EXPECT_DEATH(s.schedule(Time::from_ns(99), 0, 0), "scheduled in the past");
  EXPECT_DEATH(s.schedule_in(nanoseconds(-1), 0, 0), "scheduled in the past");
}

TYPED_TEST(EventQueueTest, ClockMovedPastAPendingEventDies) {
  // advance_to() is for the end of a run; moving past a pending event would run time backwards.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  BasicScheduler<TypeParam> s;
  s.schedule(Time::from_ns(50), 0, 0);
  s.advance_to(Time::from_ns(60));
  EXPECT_DEATH(s.next(), "time ran backwards");
  EXPECT_DEATH(s.advance_to(Time::from_ns(59)), "failed");
}

}  // namespace
}  // namespace gameday::sim

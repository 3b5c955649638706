// Time and Duration: exact integer arithmetic, and only the meaningful operations compile.
#include "gameday/core/time.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "gameday/core/ids.hpp"

namespace gameday {
namespace {

template <class A, class B>
concept Addable = requires(A a, B b) {
  a + b;
};
template <class A, class B>
concept EqualityComparable = requires(A a, B b) {
  a == b;
};

static_assert(Addable<Time, Duration>);
static_assert(Addable<Duration, Duration>);
static_assert(!Addable<Time, Time>, "adding two instants must not compile");
static_assert(!EqualityComparable<ServiceId, InstanceId>, "ids of different kinds must not mix");
static_assert(!std::is_convertible_v<std::int64_t, Duration>, "no implicit durations");

TEST(Time, ArithmeticIsExactIntegerNanoseconds) {
  const Time t = Time::zero() + ms(250) + seconds(1);
  EXPECT_EQ(t.ns(), 1'250'000'000);
  EXPECT_EQ((t - Time::zero()), ms(1250));
  EXPECT_EQ(hours(1) + minutes(30), minutes(90));
  EXPECT_EQ(Duration::from_seconds(0.1).ns(), 100'000'000);
}

TEST(Time, OrdersInstantsAndSpans) {
  EXPECT_LT(Time::zero() + ms(1), Time::zero() + ms(2));
  EXPECT_GT(seconds(1), ms(999));
}

}  // namespace
}  // namespace gameday

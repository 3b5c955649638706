// Unit parsing accepts what people write and rejects what it cannot read exactly.
#include "gameday/core/units.hpp"

#include <gtest/gtest.h>

namespace gameday {
namespace {

TEST(Units, Durations) {
  EXPECT_EQ(parse_duration("250ms"), ms(250));
  EXPECT_EQ(parse_duration("1h30m"), minutes(90));
  EXPECT_EQ(parse_duration("1.5s"), ms(1500));
  EXPECT_EQ(parse_duration("0"), Duration{});
  EXPECT_EQ(parse_duration("2d"), hours(48));
  EXPECT_EQ(parse_duration("750us"), microseconds(750));
  for (const char* bad : {"", "10", "ms", "10 parsecs", "-5s", "1h30", "5sec", "1..5s"})
    EXPECT_FALSE(parse_duration(bad)) << bad;
}

TEST(Units, Rates) {
  EXPECT_DOUBLE_EQ(*parse_rate("400/s"), 400);
  EXPECT_DOUBLE_EQ(*parse_rate("24k/min"), 400);
  EXPECT_DOUBLE_EQ(*parse_rate("1.8M/h"), 500);
  EXPECT_DOUBLE_EQ(*parse_rate("5/10s"), 0.5);
  for (const char* bad : {"400", "/s", "400/parsec", "x/s", "400/0s"})
    EXPECT_FALSE(parse_rate(bad)) << bad;
}

TEST(Units, RatiosFactorsAndTimesOfDay) {
  EXPECT_DOUBLE_EQ(*parse_ratio("99.9%"), 0.999);
  EXPECT_DOUBLE_EQ(*parse_ratio("0.25"), 0.25);
  EXPECT_FALSE(parse_ratio("120%"));
  EXPECT_FALSE(parse_ratio("1.5"));
  EXPECT_DOUBLE_EQ(*parse_factor("2x"), 2);
  EXPECT_DOUBLE_EQ(*parse_factor("0.5"), 0.5);
  EXPECT_EQ(parse_time_of_day("19:00"), hours(19));
  EXPECT_EQ(parse_time_of_day("07:30:15"), hours(7) + minutes(30) + seconds(15));
  EXPECT_FALSE(parse_time_of_day("24:00"));
  EXPECT_FALSE(parse_time_of_day("7pm"));
}

// A run's instants: from the start, or as the time of day there (the next one at or after the
// start, across midnight); and the time of day an instant falls on.
TEST(Units, RunInstantsReadAsDurationsOrTimesOfDay) {
  const Duration start = hours(17) + minutes(30);
  EXPECT_EQ(parse_run_instant("14m30s", start), minutes(14) + seconds(30));
  EXPECT_EQ(parse_run_instant("17:44:30", start), minutes(14) + seconds(30));
  EXPECT_EQ(parse_run_instant("17:30", start), Duration{});
  EXPECT_EQ(parse_run_instant("00:10", start), hours(6) + minutes(40));  // after midnight
  EXPECT_FALSE(parse_run_instant("25:00", start));
  EXPECT_FALSE(parse_run_instant("soon", start));
  EXPECT_EQ(time_of_day_for_people(start, minutes(14) + seconds(30) + ms(999)), "17:44:30");
  EXPECT_EQ(time_of_day_for_people(start, hours(7)), "00:30:00");
}

TEST(Units, DurationsForPeopleAreRoundedToWhatMattersAtTheirSize) {
  EXPECT_EQ(duration_for_people(Duration{}), "0");
  EXPECT_EQ(duration_for_people(Duration::from_ns(162'378'941'190)), "2m42s");
  EXPECT_EQ(duration_for_people(Duration::from_ns(7'398'941'000)), "7.4s");
  EXPECT_EQ(duration_for_people(seconds(7)), "7s");
  EXPECT_EQ(duration_for_people(Duration::from_ns(59'960'000'000)), "1m");  // not "60.0s"
  EXPECT_EQ(duration_for_people(Duration::from_ns(999'600'000)), "1s");     // not "1000ms"
  EXPECT_EQ(duration_for_people(Duration::from_ns(350'400'000)), "350ms");
  EXPECT_EQ(duration_for_people(Duration::from_ns(380'400)), "380us");
  EXPECT_EQ(duration_for_people(Duration::from_ns(-1'200'000'000)), "-1.2s");
  EXPECT_EQ(duration_for_people(hours(26) + minutes(3)), "1d2h3m");
  // Instants are cut to the second, like the clock beside them.
  EXPECT_EQ(instant_for_people(Duration::from_ns(1'001'668'993'200)), "16m41s");
  EXPECT_EQ(instant_for_people(Duration::from_ns(400'000'000)), "0");
}

TEST(Units, FormatRoundTrips) {
  for (Duration d : {minutes(90), ms(250), ms(1500), Duration{}, microseconds(3)})
    EXPECT_EQ(parse_duration(format_duration(d)), d) << format_duration(d);
  EXPECT_EQ(format_duration(minutes(90)), "1h30m");
}

}  // namespace
}  // namespace gameday

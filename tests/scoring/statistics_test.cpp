// Spreads and rates over replicates against values worked by hand and published tables.
#include "gameday/scoring/statistics.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gameday::scoring {
namespace {

TEST(Statistics, ASpreadHasTheMeanSdStudentsIntervalAndPercentiles) {
  const std::vector<double> v = {5, 1, 4, 2, 3};  // any order
  const Spread s = spread_of(v);
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_NEAR(s.sd, 1.5811388, 1e-6);  // sqrt(10 / 4)
  // t(0.975, 4) = 2.776445: half width 2.776445 * 1.5811388 / sqrt(5) = 1.963243
  EXPECT_NEAR(s.ci_low, 3.0 - 1.963243, 1e-5);
  EXPECT_NEAR(s.ci_high, 3.0 + 1.963243, 1e-5);
  EXPECT_DOUBLE_EQ(s.p50, 3.0);
  EXPECT_DOUBLE_EQ(s.p5, 1.2);  // (5 - 1) * 0.05 = 0.2 of the way from 1 to 2
  EXPECT_DOUBLE_EQ(s.p95, 4.8);
}

TEST(Statistics, OneValueHasNoSpreadAndNoneIsEmpty) {
  const std::vector<double> one = {7};
  const Spread s = spread_of(one);
  EXPECT_EQ(s.n, 1u);
  EXPECT_DOUBLE_EQ(s.sd, 0);
  EXPECT_DOUBLE_EQ(s.ci_low, 7);
  EXPECT_DOUBLE_EQ(s.ci_high, 7);
  EXPECT_EQ(spread_of({}).n, 0u);
}

TEST(Statistics, ARateHasWilsonsInterval) {
  // Wilson's score interval at 95 %: 5 of 10 is 0.2366 to 0.7634; 0 of 10 is 0 to 0.2775;
  // 10 of 10 is 0.7225 to 1 (Newcombe 1998, and any statistics package).
  const Rate half = rate_of(5, 10);
  EXPECT_NEAR(half.ci_low, 0.2366, 1e-4);
  EXPECT_NEAR(half.ci_high, 0.7634, 1e-4);
  const Rate none = rate_of(0, 10);
  EXPECT_DOUBLE_EQ(none.ci_low, 0);
  EXPECT_NEAR(none.ci_high, 0.2775, 1e-4);
  const Rate all = rate_of(10, 10);
  EXPECT_NEAR(all.ci_low, 0.7225, 1e-4);
  EXPECT_DOUBLE_EQ(all.ci_high, 1);
  EXPECT_EQ(rate_of(0, 0).n, 0u);
}

TEST(Statistics, APairedDifferenceIsStudentsIntervalOfTheDifferences) {
  const std::vector<double> a = {10, 20, 30, 40};
  const std::vector<double> b = {11, 22, 31, 42};  // differences 1, 2, 1, 2
  const Difference d = paired_difference(a, b);
  EXPECT_DOUBLE_EQ(d.estimate, 1.5);
  // sd 0.57735, t(0.975, 3) = 3.182446: half width 0.918693
  EXPECT_NEAR(d.ci_low, 1.5 - 0.918693, 1e-5);
  EXPECT_NEAR(d.ci_high, 1.5 + 0.918693, 1e-5);
  EXPECT_TRUE(d.larger_than_noise());
  // The same values unpaired: the spread between replicates swamps the difference.
  EXPECT_FALSE(welch_difference(spread_of(a), spread_of(b)).larger_than_noise());
}

TEST(Statistics, WelchsIntervalMatchesAWorkedExample) {
  // a: n 10, mean 20, sd 2; b: n 12, mean 23, sd 3. se = sqrt(0.4 + 0.75) = 1.072381,
  // df = 1.15^2 / (0.4^2 / 9 + 0.75^2 / 11) = 19.19, t(0.975, 19.19) = 2.0917.
  Spread a, b;
  a.n = 10, a.mean = 20, a.sd = 2;
  b.n = 12, b.mean = 23, b.sd = 3;
  const Difference d = welch_difference(a, b);
  EXPECT_DOUBLE_EQ(d.estimate, 3);
  EXPECT_NEAR(d.ci_low, 3 - 2.0917 * 1.072381, 2e-3);
  EXPECT_NEAR(d.ci_high, 3 + 2.0917 * 1.072381, 2e-3);
}

}  // namespace
}  // namespace gameday::scoring

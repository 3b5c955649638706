// Named streams are independent and reproducible; distributions have the right moments.
#include "gameday/core/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace gameday {
namespace {

TEST(Rng, SameSeedAndNameGiveTheSameStream) {
  Rng a = Rng::stream(7, "traffic/web");
  Rng b = Rng::stream(7, "traffic/web");
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a.next(), b.next());
}

TEST(Rng, OtherNameOrSeedGivesAnotherStream) {
  Rng a = Rng::stream(7, "traffic/web");
  Rng b = Rng::stream(7, "traffic/api");
  Rng c = Rng::stream(8, "traffic/web");
  const auto x = a.next();
  EXPECT_NE(x, b.next());
  EXPECT_NE(x, c.next());
}

TEST(Rng, KnownFirstDrawsPinTheGenerator) {
  // Pinned so that a change to the generator or the seeding cannot go unnoticed: records
  // written by earlier versions must replay identically.
  Rng r(42);
  EXPECT_EQ(r.next(), 15021278609987233951ULL);
}

TEST(Rng, BelowIsUniformAndInRange) {
  Rng r(1);
  std::vector<int> counts(10);
  const int n = 200'000;
  for (int i = 0; i < n; ++i) {
    const auto v = r.below(10);
    ASSERT_LT(v, 10u);
    ++counts[v];
  }
  for (int c : counts) EXPECT_NEAR(c, n / 10, n / 10 * 0.03);
}

TEST(Distributions, ExponentialMeanMatches) {
  Rng r(3);
  const auto d = DurationDistribution::exponential(ms(4));
  double sum = 0;
  const int n = 400'000;
  for (int i = 0; i < n; ++i) sum += static_cast<double>(d.sample(r).ns());
  EXPECT_NEAR(sum / n / 1e6, 4.0, 4.0 * 0.01);
}

TEST(Distributions, LognormalHitsItsPercentiles) {
  Rng r(5);
  const auto d = DurationDistribution::lognormal_p50_p99(ms(4), ms(30));
  std::vector<std::int64_t> v(200'000);
  for (auto& x : v) x = d.sample(r).ns();
  std::sort(v.begin(), v.end());
  EXPECT_NEAR(static_cast<double>(v[v.size() / 2]) / 1e6, 4.0, 4.0 * 0.02);
  EXPECT_NEAR(static_cast<double>(v[v.size() * 99 / 100]) / 1e6, 30.0, 30.0 * 0.04);
  EXPECT_NEAR(d.mean() / 1e6, std::exp(std::log(4.0) + d.sigma * d.sigma / 2), 1e-9);
}

TEST(Distributions, ConstantIsConstant) {
  Rng r(1);
  EXPECT_EQ(DurationDistribution::constant(ms(7)).sample(r), ms(7));
}

}  // namespace
}  // namespace gameday

// Summaries of a figure over replicates: what a sweep reports per cell. A mean comes with its
// 95 % confidence interval from Student's t (the replicates are independent runs); a rate (a
// share of replicates where something happened) with Wilson's score interval, which stays
// inside [0, 1] and is honest at 0 and n successes.
#pragma once

#include <cstddef>
#include <span>

namespace gameday::scoring {

struct Spread {
  std::size_t n = 0;
  double mean = 0;
  double sd = 0;                    // sample standard deviation (n - 1); 0 when n < 2
  double ci_low = 0, ci_high = 0;   // 95 % interval of the mean; the mean itself when n < 2
  double p5 = 0, p50 = 0, p95 = 0;  // percentiles, linear between order statistics
};

// `values` in any order; n == 0 gives a zero Spread.
Spread spread_of(std::span<const double> values);

struct Rate {
  std::size_t successes = 0, n = 0;
  double share = 0;
  double ci_low = 0, ci_high = 0;  // Wilson's 95 % interval
};

Rate rate_of(std::size_t successes, std::size_t n);

// The difference of two means (b - a) with its 95 % interval, to tell a difference from noise:
// it is larger than the noise when the interval leaves out 0.
struct Difference {
  double estimate = 0;
  double ci_low = 0, ci_high = 0;
  bool larger_than_noise() const { return ci_low > 0 || ci_high < 0; }
};
// Paired: a[i] and b[i] come from the same random streams (a sweep's replicate i has the same
// seed in every cell), so the interval is Student's t of the differences, much narrower than
// comparing two independent samples. Equal lengths; n < 2 gives an interval of the estimate.
Difference paired_difference(std::span<const double> a, std::span<const double> b);
// Independent samples: Welch's t interval.
Difference welch_difference(const Spread& a, const Spread& b);

}  // namespace gameday::scoring

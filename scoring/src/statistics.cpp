// Spreads, rates and differences over replicates (statistics.hpp). Quantiles of Student's t
// come from Boost.Math; sums run in the order given, so equal inputs give equal bytes.
#include "gameday/scoring/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <vector>

namespace gameday::scoring {
namespace {

constexpr double z95 = 1.959963984540054;  // the normal distribution's 97.5th percentile

double t95(double degrees_of_freedom) {
  const boost::math::students_t t(degrees_of_freedom);
  return boost::math::quantile(t, 0.975);
}

// Hyndman and Fan's type 7 (R's and NumPy's default): linear between order statistics.
double percentile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

Spread spread_of(std::span<const double> values) {
  Spread s;
  s.n = values.size();
  if (s.n == 0) return s;
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double sum = 0;
  for (const double v : sorted) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  s.ci_low = s.ci_high = s.mean;
  if (s.n >= 2) {
    double squares = 0;
    for (const double v : sorted) squares += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(squares / static_cast<double>(s.n - 1));
    const double half =
        t95(static_cast<double>(s.n - 1)) * s.sd / std::sqrt(static_cast<double>(s.n));
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
  }
  s.p5 = percentile(sorted, 0.05);
  s.p50 = percentile(sorted, 0.50);
  s.p95 = percentile(sorted, 0.95);
  return s;
}

Rate rate_of(std::size_t successes, std::size_t n) {
  Rate r{successes, n, 0, 0, 0};
  if (n == 0) return r;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  r.share = p;
  const double z2 = z95 * z95;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z95 * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  // At 0 or n successes the bound is exactly 0 or 1; the formula's rounding would miss it.
  r.ci_low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  r.ci_high = successes == n ? 1.0 : std::min(1.0, centre + half);
  return r;
}

Difference paired_difference(std::span<const double> a, std::span<const double> b) {
  std::vector<double> d;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) d.push_back(b[i] - a[i]);
  const Spread s = spread_of(d);
  return {s.mean, s.ci_low, s.ci_high};
}

Difference welch_difference(const Spread& a, const Spread& b) {
  const double estimate = b.mean - a.mean;
  if (a.n < 2 || b.n < 2) return {estimate, estimate, estimate};
  const double va = a.sd * a.sd / static_cast<double>(a.n);
  const double vb = b.sd * b.sd / static_cast<double>(b.n);
  if (va + vb == 0) return {estimate, estimate, estimate};
  // Welch-Satterthwaite degrees of freedom.
  const double df =
      (va + vb) * (va + vb) /
      (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  const double half = t95(df) * std::sqrt(va + vb);
  return {estimate, estimate - half, estimate + half};
}

}  // namespace gameday::scoring

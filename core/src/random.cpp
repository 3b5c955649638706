// Stream derivation and the non-inline distributions.
#include "gameday/core/random.hpp"

#include <numbers>

#include "gameday/core/assert.hpp"

namespace gameday {

Rng::Rng(std::uint64_t seed) {
  std::uint64_t sm = seed;
  for (auto& s : s_) s = splitmix64(sm);
}

Rng Rng::stream(std::uint64_t seed, std::string_view name) {
  std::uint64_t sm = seed;
  const std::uint64_t mixed = splitmix64(sm) ^ fnv1a64(name);
  return Rng{mixed};
}

std::uint64_t Rng::below(std::uint64_t n) {
  GAMEDAY_ASSERT(n > 0);
  __uint128_t m = static_cast<__uint128_t>(next()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = -n % n;
    while (low < threshold) {
      m = static_cast<__uint128_t>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

// Box-Muller, one variate per call: simple and stateless, so a stream's draws do not depend
// on whether an earlier caller consumed a cached second variate.
double Rng::standard_normal() {
  const double u1 = uniform_open0();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

DurationDistribution DurationDistribution::constant(Duration d) {
  return {Kind::Constant, static_cast<double>(d.ns()), 0, 0};
}

DurationDistribution DurationDistribution::exponential(Duration mean) {
  return {Kind::Exponential, static_cast<double>(mean.ns()), 0, 0};
}

DurationDistribution DurationDistribution::lognormal_p50_p99(Duration p50, Duration p99) {
  GAMEDAY_ASSERT(p50.ns() > 0 && p99 >= p50);
  constexpr double z99 = 2.3263478740408408;  // standard normal quantile at 0.99
  const double mu = std::log(static_cast<double>(p50.ns()));
  const double sigma = (std::log(static_cast<double>(p99.ns())) - mu) / z99;
  return {Kind::Lognormal, 0, mu, sigma};
}

double DurationDistribution::mean() const {
  if (kind == Kind::Lognormal) return std::exp(mu + sigma * sigma / 2);
  return mean_ns;
}

}  // namespace gameday

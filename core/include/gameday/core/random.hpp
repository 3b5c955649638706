// Seeded random streams and the project's own distributions.
//
// Every draw in a simulation comes from a named stream whose seed derives from
// (master seed, stable stream name), so adding a stream never shifts another's draws.
// The generator is xoshiro256++ seeded through SplitMix64. Distributions are our own code:
// <random>'s distributions are implementation-defined and would make records differ between
// standard libraries.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "gameday/core/time.hpp"

namespace gameday {

constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a, 64 bits: a stable hash of names and contents (not for security).
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

class Rng {
 public:
  // A stream for `name` under `seed`; equal arguments give equal streams everywhere.
  static Rng stream(std::uint64_t seed, std::string_view name);
  explicit Rng(std::uint64_t seed);

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1), 53 bits of precision.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe to take the logarithm of.
  double uniform_open0() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  // Uniform integer in [0, n), unbiased (Lemire's method); n > 0.
  std::uint64_t below(std::uint64_t n);
  bool bernoulli(double p) { return uniform() < p; }

  double exponential(double mean) { return -mean * std::log(uniform_open0()); }
  double standard_normal();
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * standard_normal()); }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// A duration distribution, resolved from the scenario (constant, exponential, lognormal).
struct DurationDistribution {
  enum class Kind : std::uint8_t { Constant, Exponential, Lognormal };
  Kind kind = Kind::Constant;
  double mean_ns = 0;  // Constant and Exponential
  double mu = 0;       // Lognormal: parameters of the underlying normal, in ln(ns)
  double sigma = 0;

  static DurationDistribution constant(Duration d);
  static DurationDistribution exponential(Duration mean);
  // The lognormal whose median is p50 and whose 99th percentile is p99 (p99 >= p50).
  static DurationDistribution lognormal_p50_p99(Duration p50, Duration p99);

  Duration sample(Rng& rng) const {
    double ns = mean_ns;
    switch (kind) {
      case Kind::Constant: break;
      case Kind::Exponential: ns = rng.exponential(mean_ns); break;
      case Kind::Lognormal: ns = rng.lognormal(mu, sigma); break;
    }
    return Duration::from_ns(static_cast<std::int64_t>(ns + 0.5));
  }
  double mean() const;  // analytic mean, in nanoseconds
};

}  // namespace gameday

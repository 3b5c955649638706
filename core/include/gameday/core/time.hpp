// Simulated time: `Time` is an instant, `Duration` a span, both integer nanoseconds.
//
// Only meaningful arithmetic compiles: Time + Duration -> Time, Time - Time -> Duration,
// Time + Time does not. Doubles appear only at the edges (parsing, reports, the viewer),
// through the explicit `*_seconds()` conversions. Integer time keeps "simultaneous" events
// simultaneous however the sums that produced them were ordered.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace gameday {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration from_ns(std::int64_t ns) { return Duration{ns}; }
  // Rounds to the nearest nanosecond; for parsed input and drawn variates only.
  static Duration from_seconds(double s);
  static constexpr Duration max() { return Duration{std::numeric_limits<std::int64_t>::max()}; }

  constexpr std::int64_t ns() const { return ns_; }
  constexpr double to_seconds() const { return static_cast<double>(ns_) * 1e-9; }
  constexpr double to_ms() const { return static_cast<double>(ns_) * 1e-6; }
  constexpr bool is_zero() const { return ns_ == 0; }

  constexpr Duration operator+(Duration o) const { return Duration{ns_ + o.ns_}; }
  constexpr Duration operator-(Duration o) const { return Duration{ns_ - o.ns_}; }
  constexpr Duration operator*(std::int64_t k) const { return Duration{ns_ * k}; }
  constexpr Duration operator/(std::int64_t k) const { return Duration{ns_ / k}; }
  constexpr std::int64_t operator/(Duration o) const { return ns_ / o.ns_; }
  constexpr Duration operator%(Duration o) const { return Duration{ns_ % o.ns_}; }
  constexpr Duration& operator+=(Duration o) {
    ns_ += o.ns_;
    return *this;
  }
  constexpr Duration& operator-=(Duration o) {
    ns_ -= o.ns_;
    return *this;
  }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

constexpr Duration nanoseconds(std::int64_t n) {
  return Duration::from_ns(n);
}
constexpr Duration microseconds(std::int64_t n) {
  return Duration::from_ns(n * 1'000);
}
constexpr Duration ms(std::int64_t n) {
  return Duration::from_ns(n * 1'000'000);
}
constexpr Duration seconds(std::int64_t n) {
  return Duration::from_ns(n * 1'000'000'000);
}
constexpr Duration minutes(std::int64_t n) {
  return seconds(n * 60);
}
constexpr Duration hours(std::int64_t n) {
  return seconds(n * 3600);
}

// An instant of simulated time, measured from the start of the run.
class Time {
 public:
  constexpr Time() = default;
  static constexpr Time from_ns(std::int64_t ns) { return Time{ns}; }
  static constexpr Time zero() { return Time{0}; }
  static constexpr Time max() { return Time{std::numeric_limits<std::int64_t>::max()}; }

  constexpr std::int64_t ns() const { return ns_; }
  constexpr double to_seconds() const { return static_cast<double>(ns_) * 1e-9; }
  constexpr Duration since_start() const { return Duration::from_ns(ns_); }

  constexpr Time operator+(Duration d) const { return Time{ns_ + d.ns()}; }
  constexpr Time operator-(Duration d) const { return Time{ns_ - d.ns()}; }
  constexpr Duration operator-(Time o) const { return Duration::from_ns(ns_ - o.ns_); }
  constexpr Time& operator+=(Duration d) {
    ns_ += d.ns();
    return *this;
  }
  constexpr auto operator<=>(const Time&) const = default;

 private:
  constexpr explicit Time(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

constexpr Time operator+(Duration d, Time t) {
  return t + d;
}

}  // namespace gameday

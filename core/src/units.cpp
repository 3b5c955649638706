// Unit parsing. Numbers go through std::from_chars (locale-independent); durations are summed
// as integers per component so "1h30m" is exact.
#include "gameday/core/units.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace gameday {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses a non-negative decimal number at the start of `s` and advances past it.
std::optional<double> take_number(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || s[n] == '.')) ++n;
  if (n == 0) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + n, v);
  if (ec != std::errc{} || end != s.data() + n || !std::isfinite(v)) return std::nullopt;
  s.remove_prefix(n);
  return v;
}

std::optional<double> whole_number(std::string_view s) {
  s = trim(s);
  const auto v = take_number(s);
  if (!v || !s.empty()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> unit_ns(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us") return 1'000;
  if (unit == "ms") return 1'000'000;
  if (unit == "s") return 1'000'000'000;
  if (unit == "m") return 60'000'000'000;
  if (unit == "h") return 3'600'000'000'000;
  if (unit == "d") return 86'400'000'000'000;
  return std::nullopt;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  std::string_view s = trim(text);
  if (s == "0") return Duration{};
  if (s.empty()) return std::nullopt;
  double total = 0;
  while (!s.empty()) {
    const auto v = take_number(s);
    if (!v) return std::nullopt;
    std::size_t n = 0;
    while (n < s.size() && s[n] >= 'a' && s[n] <= 'z') ++n;
    const auto scale = unit_ns(s.substr(0, n));
    if (!scale) return std::nullopt;
    s.remove_prefix(n);
    total += *v * static_cast<double>(*scale);
  }
  if (total > 9.0e18) return std::nullopt;
  return Duration::from_ns(static_cast<std::int64_t>(std::llround(total)));
}

std::optional<double> parse_rate(std::string_view text) {
  std::string_view s = trim(text);
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view count = trim(s.substr(0, slash));
  const std::string_view per = trim(s.substr(slash + 1));
  double multiplier = 1;
  if (!count.empty()) {
    switch (count.back()) {
      case 'k': multiplier = 1e3; break;
      case 'M': multiplier = 1e6; break;
      default: break;
    }
    if (multiplier != 1) count.remove_suffix(1);
  }
  const auto n = whole_number(count);
  double per_seconds = 0;
  if (per == "s")
    per_seconds = 1;
  else if (per == "min")
    per_seconds = 60;
  else if (per == "h")
    per_seconds = 3600;
  else if (const auto d = parse_duration(per); d && d->ns() > 0)
    per_seconds = d->to_seconds();
  if (!n || per_seconds == 0) return std::nullopt;
  return *n * multiplier / per_seconds;
}

std::optional<double> parse_ratio(std::string_view text) {
  std::string_view s = trim(text);
  double divisor = 1;  // dividing by 100, not multiplying by 0.01, keeps 99.9% == 0.999
  if (!s.empty() && s.back() == '%') {
    s.remove_suffix(1);
    divisor = 100;
  }
  const auto v = whole_number(s);
  if (!v || *v / divisor > 1.0) return std::nullopt;
  return *v / divisor;
}

std::optional<Duration> parse_run_instant(std::string_view text, Duration start_at) {
  if (text.find(':') == std::string_view::npos) return parse_duration(text);
  const auto time_of_day = parse_time_of_day(text);
  if (!time_of_day) return std::nullopt;
  const Duration day = hours(24);
  return ((*time_of_day - start_at) % day + day) % day;
}

std::optional<double> parse_factor(std::string_view text) {
  std::string_view s = trim(text);
  if (!s.empty() && s.back() == 'x') s.remove_suffix(1);
  return whole_number(s);
}

std::optional<Duration> parse_time_of_day(std::string_view text) {
  const std::string_view s = trim(text);
  int h = 0, m = 0, sec = 0;
  auto field = [&](std::size_t pos, int& out, int max) {
    if (pos + 2 > s.size()) return false;
    auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + 2, out);
    return ec == std::errc{} && end == s.data() + pos + 2 && out >= 0 && out <= max;
  };
  if (s.size() != 5 && s.size() != 8) return std::nullopt;
  if (!field(0, h, 23) || s[2] != ':' || !field(3, m, 59)) return std::nullopt;
  if (s.size() == 8 && (s[5] != ':' || !field(6, sec, 59))) return std::nullopt;
  return hours(h) + minutes(m) + seconds(sec);
}

std::string format_duration(Duration d) {
  if (d.is_zero()) return "0";
  std::string out;
  std::int64_t ns = d.ns();
  if (ns < 0) {
    out += '-';
    ns = -ns;
  }
  static constexpr struct {
    std::int64_t ns;
    const char* unit;
  } units[] = {{86'400'000'000'000, "d"},
               {3'600'000'000'000, "h"},
               {60'000'000'000, "m"},
               {1'000'000'000, "s"},
               {1'000'000, "ms"},
               {1'000, "us"},
               {1, "ns"}};
  for (const auto& u : units) {
    if (ns >= u.ns) {
      out += std::to_string(ns / u.ns) + u.unit;
      ns %= u.ns;
    }
  }
  return out;
}

std::string duration_for_people(Duration d) {
  if (d.is_zero()) return "0";
  if (d.ns() < 0) return "-" + duration_for_people(Duration::from_ns(-d.ns()));
  const std::int64_t ns = d.ns();
  const auto rounded = [ns](std::int64_t unit) { return (ns + unit / 2) / unit; };
  if (ns >= 59'950'000'000) return format_duration(seconds(rounded(1'000'000'000)));
  if (ns >= 999'500'000) {
    const std::int64_t tenths = rounded(100'000'000);
    return std::to_string(tenths / 10) +
           (tenths % 10 != 0 ? "." + std::to_string(tenths % 10) : "") + "s";
  }
  if (ns >= 999'500) return std::to_string(rounded(1'000'000)) + "ms";
  if (ns >= 500) return std::to_string(rounded(1'000)) + "us";
  return std::to_string(ns) + "ns";
}

std::string instant_for_people(Duration since_start) {
  return format_duration(seconds(since_start.ns() / 1'000'000'000));
}

std::string time_of_day_for_people(Duration start_at, Duration since_start) {
  const std::int64_t second =
      (start_at.ns() / 1'000'000'000 + since_start.ns() / 1'000'000'000) % (24 * 3600);
  char text[12];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", static_cast<int>(second / 3600),
                static_cast<int>(second / 60 % 60), static_cast<int>(second % 60));
  return text;
}

std::string format_duration_short(Duration d) {
  const double s = d.to_seconds();
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%.2f h", s / 3600);
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%.1f min", s / 60);
  else if (s >= 1)
    std::snprintf(buf, sizeof buf, "%.2f s", s);
  else if (s >= 1e-3)
    std::snprintf(buf, sizeof buf, "%.1f ms", s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.1f us", s * 1e6);
  return buf;
}

}  // namespace gameday

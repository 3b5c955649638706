// Shared report formatting; see report_common.hpp. Doubles are printed with snprintf in the
// "C" locale's form (the project never sets a locale), so reports are byte-stable.
#include "report_common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gameday/core/units.hpp"

namespace gameday::scoring {

std::string group_digits(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string percent(double share) {
  const double v = share * 100;
  char buf[64];
  if (v == 0 || std::abs(v) >= 1)
    std::snprintf(buf, sizeof buf, "%.2f%%", v);
  else
    std::snprintf(buf, sizeof buf, "%.2g%%", v);
  return buf;
}

std::string at(Time t) {
  return format_duration(t.since_start());
}

std::string span_from_impact(Duration d) {
  if (d.ns() < 0) return format_duration(Duration::from_ns(-d.ns())) + " before impact";
  return format_duration(d);
}

std::string instant_or(const std::optional<Time>& t, std::string_view missing) {
  return t ? at(*t) : std::string(missing);
}

int undetected_faults(const Scorecard& card) {
  int n = 0;
  for (const Incident& inc : card.incidents)
    for (const FaultOccurrence& f : inc.faults) n += f.detections.empty() ? 1 : 0;
  return n;
}

std::vector<std::pair<std::string, double>> budget_by_slo(const Scorecard& card) {
  std::vector<std::pair<std::string, double>> out;
  for (const Incident& inc : card.incidents) {
    for (const SloImpact& s : inc.slos) {
      auto it =
          std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == s.name; });
      if (it == out.end()) {
        out.emplace_back(s.name, s.budget_consumed);
      } else {
        it->second += s.budget_consumed;
      }
    }
  }
  return out;
}

}  // namespace gameday::scoring

namespace gameday::scoring {

Worst worst_of(const Scorecard& card, std::optional<Duration> Incident::*figure) {
  Worst w;
  for (const Incident& inc : card.incidents) {
    const std::optional<Duration>& d = inc.*figure;
    if (d) {
      if (!w.value || *d > *w.value) w.value = *d;
    } else if (inc.impact_start || figure == &Incident::time_to_recover) {
      ++w.missing;
    }
  }
  return w;
}

std::uint64_t total_failed(const Scorecard& card) {
  std::uint64_t n = 0;
  for (const Incident& inc : card.incidents) n += inc.failed_requests;
  return n;
}

}  // namespace gameday::scoring

// The incident summary's content, from the scorecard of the record (see summary.hpp). Only the
// wording and the choice of what to show live here; every figure is computed by scoring.
#include "gameday/viz/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gameday/scoring/scorecard.hpp"

namespace gameday::viz {
namespace {

using scoring::Incident;

const char* const arrow = " \xE2\x86\x92 ";  // " → "

std::string clock(Time t) {
  return format_span(t.since_start());
}

std::string percent(double fraction) {
  const double p = fraction * 100;
  char buf[32];
  std::snprintf(buf, sizeof buf,
                p == 0 ? "%.0f%%" : (p < 0.1 ? "%.3f%%" : (p < 10 ? "%.2f%%" : "%.1f%%")), p);
  return buf;
}

std::string window_text(Duration w) {
  if (w.ns() > 0 && w.ns() % hours(24).ns() == 0) return std::to_string(w / hours(24)) + "d";
  return format_span(w);
}

// The incident with the most failed requests; the first on a tie.
std::size_t pick_incident(const std::vector<Incident>& incidents) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < incidents.size(); ++i) {
    if (incidents[i].failed_requests > incidents[best].failed_requests) best = i;
  }
  return best;
}

const scoring::SloImpact* most_consumed(const Incident& inc) {
  const scoring::SloImpact* best = nullptr;
  for (const auto& s : inc.slos) {
    if (best == nullptr || s.budget_consumed > best->budget_consumed) best = &s;
  }
  return best;
}

// "12m40s impact → 14m alert": two instants, each named; "-" for one that never came.
std::string from_to(std::optional<Time> a, const char* what_a, std::optional<Time> b,
                    const char* what_b) {
  const auto one = [](std::optional<Time> t, const char* what) {
    return (t ? clock(*t) : std::string("no")) + " " + what;
  };
  return one(a, what_a) + arrow + one(b, what_b);
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::vector<SummaryFigure> figures_of(const Incident& i, Time record_end) {
  std::vector<SummaryFigure> f;
  const auto duration_or = [](std::optional<Duration> d, const char* missing) {
    return d ? format_span(*d) : std::string(missing);
  };
  const char* no_impact = i.impact_start ? "not reached" : "no impact";
  f.push_back({"time to detect", duration_or(i.time_to_detect, i.detection ? no_impact : "never"),
               from_to(i.impact_start, "impact", i.detection, "alert") + "\n" +
                   i.detected_by.value_or("no alert fired")});
  f.push_back({"time to page", duration_or(i.time_to_page, i.first_page ? no_impact : "never"),
               from_to(i.impact_start, "impact", i.first_page, "page") + "\n" +
                   plural(i.pages, "page", "pages") + ", " +
                   plural(i.tickets, "ticket", "tickets")});
  // The impact's length; "time to mitigate" only when a responder's action ended it.
  std::string impact = "none";
  if (i.impact_start && i.impact_end) impact = format_span(*i.impact_end - *i.impact_start);
  if (i.impact_start && !i.impact_end) impact = format_span(record_end - *i.impact_start) + "+";
  f.push_back({i.time_to_mitigate || !i.impact_end ? "impact (time to mitigate)"
                                                   : "impact (ended on its own)",
               impact,
               (i.impact_start ? clock(*i.impact_start) : std::string("no impact")) + arrow +
                   (i.impact_end ? clock(*i.impact_end) : std::string("not over at the end")) +
                   "\n" +
                   plural(static_cast<int>(i.slos.size()), "SLO breached", "SLOs breached")});
  std::string peak = "no failed request";
  if (i.peak_at && i.peak_error_ratio > 0)
    peak = "peak " + percent(i.peak_error_ratio) + " at " + clock(*i.peak_at) +
           (i.peak_source ? " (" + *i.peak_source + ")" : "");
  f.push_back({"failed requests", format_count(i.failed_requests), "during the impact\n" + peak});
  if (const auto* s = most_consumed(i)) {
    f.push_back({"error budget consumed", percent(s->budget_consumed),
                 s->name + " (" + window_text(s->window) + ")\n" + format_count(s->bad) +
                     " bad of " + format_count(s->valid)});
  } else {
    f.push_back({"error budget consumed", "-", "no SLO counted requests\nduring the impact"});
  }
  f.push_back({"time to recover", duration_or(i.time_to_recover, "not reached"),
               from_to(i.fault_start, "fault", i.recovery, "recovered") + "\n" +
                   plural(static_cast<int>(i.faults.size()), "fault", "faults")});
  return f;
}

std::vector<Milestone> milestones_of(const Incident& i) {
  std::vector<Milestone> m;
  if (i.impact_start)
    m.push_back(
        {MilestoneKind::ImpactStart, *i.impact_start, "impact from " + clock(*i.impact_start)});
  if (i.detection)
    m.push_back({MilestoneKind::Detection, *i.detection, "detected " + clock(*i.detection)});
  if (i.first_page)
    m.push_back({MilestoneKind::FirstPage, *i.first_page, "paged " + clock(*i.first_page)});
  if (i.acknowledged)
    m.push_back(
        {MilestoneKind::Acknowledged, *i.acknowledged, "acknowledged " + clock(*i.acknowledged)});
  if (i.mitigated_by_action)
    m.push_back({MilestoneKind::Mitigated, *i.mitigated_by_action,
                 "mitigated " + clock(*i.mitigated_by_action)});
  if (i.impact_end)
    m.push_back({MilestoneKind::ImpactEnd, *i.impact_end, "impact over " + clock(*i.impact_end)});
  if (i.recovery && i.recovery != i.impact_end)
    m.push_back({MilestoneKind::Recovery, *i.recovery, "recovered " + clock(*i.recovery)});
  std::stable_sort(m.begin(), m.end(),
                   [](const Milestone& a, const Milestone& b) { return a.t < b.t; });
  return m;
}

std::string caption_of(const scoring::Scorecard& card, std::size_t shown) {
  const Incident& inc = card.incidents[shown];
  std::string text = "incident " + std::to_string(inc.number) + " of " +
                     std::to_string(card.incidents.size()) + ": ";
  for (std::size_t k = 0; k < inc.faults.size() && k < 2; ++k) {
    const auto& f = inc.faults[k];
    if (k > 0) text += ", ";
    text += f.name + (f.kind.empty() ? "" : " (" + f.kind + ")") + " " + clock(f.start) + arrow +
            (f.end ? clock(*f.end) : std::string("end"));
  }
  if (inc.faults.size() > 2) text += " and " + std::to_string(inc.faults.size() - 2) + " more";
  text += card.noise.empty() ? "; no noise alerts"
                             : "; " + std::to_string(card.noise.size()) + " noise alert" +
                                   (card.noise.size() == 1 ? "" : "s");
  return text;
}

std::optional<SloId> find_slo(const eventlog::Header& h, const std::string& name) {
  for (std::size_t i = 0; i < h.names.slos.size(); ++i) {
    if (h.names.slos[i] == name) return SloId::from_index(i);
  }
  return std::nullopt;
}

// Without an incident: the SLO with the lowest good share in any interval.
std::optional<SloId> lowest_slo(const eventlog::Record& r) {
  std::optional<SloId> best;
  double lowest = 2;
  for (const auto& s : r.slo_samples) {
    if (s.valid == 0) continue;
    const double g = static_cast<double>(s.good) / static_cast<double>(s.valid);
    if (g < lowest || (g == lowest && best && s.slo.index() < best->index())) {
      lowest = g;
      best = s.slo;
    }
  }
  return best;
}

// 1, 2 or 5 times a power of ten, at least `v`.
double nice_ceil(double v) {
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= v * 0.999) return m * p;
  }
  return 10 * p;
}

void fill_chart(const eventlog::Record& r, IncidentSummary& out) {
  if (!out.slo) return;
  out.slo_name = r.header.names.slos[out.slo->index()];
  double lowest = out.objective > 0 ? out.objective : 1;
  for (const auto& s : r.slo_samples) {
    if (s.slo != *out.slo || s.valid == 0) continue;
    const double g = static_cast<double>(s.good) / static_cast<double>(s.valid);
    out.sli.push_back({s.t, g});
    lowest = std::min(lowest, g);
  }
  const double span = std::max(1 - lowest, 0.001);
  out.sli_floor = std::max(0.0, 1 - nice_ceil(span * 1.15));
}

}  // namespace

std::string format_span(Duration d) {
  std::int64_t s = d.ns() / 1'000'000'000;
  const bool negative = s < 0;
  s = negative ? -s : s;
  const std::int64_t h = s / 3600, m = (s / 60) % 60, sec = s % 60;
  std::string out = negative ? "-" : "";
  if (h > 0) out += std::to_string(h) + "h";
  if (m > 0 || (h > 0 && sec > 0)) out += std::to_string(m) + "m";
  if (sec > 0 || h + m == 0) out += std::to_string(sec) + "s";
  return out;
}

std::string format_count(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

IncidentSummary summarize(const ReplayModel& model) {
  const eventlog::Record& r = model.record();
  const scoring::Scorecard card = scoring::score(r);
  IncidentSummary out;
  out.incidents = static_cast<int>(card.incidents.size());
  for (const Incident& inc : card.incidents) {
    if (inc.impact_start)
      out.impacts.push_back({*inc.impact_start, inc.impact_end.value_or(card.record_end),
                             !inc.impact_end.has_value()});
  }
  if (card.incidents.empty()) {
    out.caption = "no incident: no fault started in this run";
    for (const char* label : {"time to detect", "time to page", "impact duration",
                              "failed requests", "error budget consumed", "time to recover"})
      out.figures.push_back({label, "-", "no incident"});
    out.slo = lowest_slo(r);
    if (out.slo) out.objective = r.header.scenario.slos[out.slo->index()].objective;
  } else {
    const std::size_t shown = pick_incident(card.incidents);
    const Incident& inc = card.incidents[shown];
    out.shown = inc.number;
    out.caption = caption_of(card, shown);
    out.figures = figures_of(inc, card.record_end);
    out.milestones = milestones_of(inc);
    if (const auto* s = most_consumed(inc)) {
      out.slo = find_slo(r.header, s->name);
      out.objective = s->objective;
    }
    if (!out.slo) {
      out.slo = lowest_slo(r);
      if (out.slo) out.objective = r.header.scenario.slos[out.slo->index()].objective;
    }
  }
  fill_chart(r, out);
  return out;
}

}  // namespace gameday::viz

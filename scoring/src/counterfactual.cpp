#include "gameday/scoring/counterfactual.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "gameday/scoring/scorecard.hpp"
#include "report_common.hpp"

namespace gameday::scoring {

Outcome outcome_of(const eventlog::Record& record) {
  Outcome o;
  const eventlog::Header& h = record.header;
  const double interval_minutes = h.sample_interval.to_seconds() / 60;
  for (const eventlog::SourceSample& s : record.source_samples) {
    std::uint64_t failed = 0;
    for (const std::uint64_t e : s.errors) failed += e;
    o.failed_requests += failed;
    if (s.ok + failed > 0)
      o.user_minutes +=
          static_cast<double>(failed) / static_cast<double>(s.ok + failed) * interval_minutes;
  }
  for (const eventlog::Event& e : record.events)
    if (e.kind == eventlog::EventKind::Page) ++o.pages;
  o.slos.resize(h.names.slos.size());
  std::vector<std::uint64_t> samples(h.names.slos.size());
  for (std::size_t i = 0; i < o.slos.size(); ++i) o.slos[i].name = h.names.slos[i];
  for (const eventlog::SloSample& s : record.slo_samples) {
    Outcome::SloUse& u = o.slos[s.slo.index()];
    const std::uint64_t bad = s.valid - std::min(s.good, s.valid);
    u.bad += bad;
    u.valid += s.valid;
    ++samples[s.slo.index()];
    const model::SloSpec& spec = h.scenario.slos[s.slo.index()];
    if (static_cast<double>(bad) > (1 - spec.objective) * static_cast<double>(s.valid))
      o.last_breach = s.t;
  }
  for (std::size_t i = 0; i < o.slos.size(); ++i)
    o.slos[i].budget = budget_used(o.slos[i].bad, o.slos[i].valid,
                                   static_cast<double>(samples[i]) * h.sample_interval.to_seconds(),
                                   h.scenario.slos[i]);
  return o;
}

namespace {

// "cost 1,203", "saved 1,203", "±0": what the change did, from the count with it and without.
std::string effect_count(std::uint64_t with, std::uint64_t without, bool removed) {
  const std::uint64_t a = removed ? with : without;  // the run that has the command
  const std::uint64_t b = removed ? without : with;
  if (a == b) return "±0";
  return a > b ? "cost " + group_digits(a - b) : "saved " + group_digits(b - a);
}

std::string effect_share(double with, double without, bool removed) {
  const double d = (removed ? with - without : without - with) * 100;
  if (std::abs(d) < 0.005) return "±0";
  return (d > 0 ? "cost " : "saved ") + fixed(std::abs(d), 2) + " pp";
}

std::string effect_minutes(double with, double without, bool removed) {
  const double d = removed ? with - without : without - with;
  if (std::abs(d) < 0.005) return "±0";
  return (d > 0 ? "cost " : "saved ") + fixed(std::abs(d), 2);
}

}  // namespace

std::string format_counterfactual(const Outcome& with, const Outcome& without,
                                  const std::string& change, bool removed) {
  std::ostringstream os;
  const std::string second = removed ? "without it" : "with it added";
  os << "What if: " << change << "\n\n";
  std::size_t width = std::string("SLOs last breached").size();
  for (const Outcome::SloUse& u : with.slos) width = std::max(width, u.name.size() + 7);
  const auto row = [&](const std::string& figure, const std::string& a, const std::string& b,
                       const std::string& effect) {
    std::string line = "  " + figure + std::string(width + 2 - figure.size(), ' ') + a +
                       std::string(a.size() < 14 ? 14 - a.size() : 1, ' ') + b +
                       std::string(b.size() < 14 ? 14 - b.size() : 1, ' ') + effect;
    while (line.ends_with(' ')) line.pop_back();
    os << line << '\n';
  };
  row("", "as played", removed ? "without it" : "with it added",
      removed ? "the action's effect" : "the added command's effect");
  row("failed requests", group_digits(with.failed_requests), group_digits(without.failed_requests),
      effect_count(with.failed_requests, without.failed_requests, removed));
  row("user-minutes", fixed(with.user_minutes, 2), fixed(without.user_minutes, 2),
      effect_minutes(with.user_minutes, without.user_minutes, removed));
  for (std::size_t i = 0; i < with.slos.size() && i < without.slos.size(); ++i)
    row(with.slos[i].name + " budget", percent(with.slos[i].budget),
        percent(without.slos[i].budget),
        effect_share(with.slos[i].budget, without.slos[i].budget, removed));
  row("pages", std::to_string(with.pages), std::to_string(without.pages),
      effect_count(static_cast<std::uint64_t>(with.pages),
                   static_cast<std::uint64_t>(without.pages), removed));
  row("SLOs last breached", instant_or(with.last_breach, "never"),
      instant_or(without.last_breach, "never"), "");
  // The verdict, on failed requests: what users felt. A difference under 1 % of them is real
  // (the runs are exact) but not what decided the incident.
  const std::uint64_t has = removed ? with.failed_requests : without.failed_requests;
  const std::uint64_t lacks = removed ? without.failed_requests : with.failed_requests;
  const std::uint64_t diff = has > lacks ? has - lacks : lacks - has;
  const std::string subject = removed ? "The action" : "The added command";
  const std::string amount = group_digits(diff) + " failed request" + (diff == 1 ? "" : "s");
  os << '\n';
  if (diff == 0)
    os << subject << " changed no request's outcome.\n";
  else if (static_cast<double>(diff) < 0.01 * static_cast<double>(std::max(has, lacks)))
    os << subject << " made little difference: it " << (has < lacks ? "saved " : "cost ") << amount
       << ", under 1 % of the " << group_digits(std::max(has, lacks)) << ".\n";
  else if (has < lacks)
    os << subject << " helped: it saved " << amount << ".\n";
  else
    os << subject << " made it worse: it cost " << amount << ".\n";
  return os.str();
}

}  // namespace gameday::scoring

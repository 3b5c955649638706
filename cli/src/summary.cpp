// Summary formatting. Columns are aligned by padding each cell to the widest entry; error
// ratios list only the causes that occurred. Figures are rounded for reading; the record has
// the exact numbers.
#include "summary.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <vector>

#include "gameday/core/units.hpp"
#include "gameday/eventlog/record.hpp"

namespace gameday::cli {
namespace {

using Row = std::vector<std::string>;

std::string printf_string(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string percent(double share, const char* format = "%.2f%%") {
  return printf_string(format, share * 100);
}

// Small shares keep two significant digits ("0.0042%"), so a short run's use of a 30-day
// error budget does not print as a flat zero.
std::string small_percent(double share) {
  const double v = share * 100;
  if (v == 0 || v >= 10) return printf_string("%.0f%%", v);
  if (v >= 1) return printf_string("%.1f%%", v);
  return printf_string("%.2g%%", v);
}

std::string latency_ms(Duration d) {
  const double v = d.to_ms();
  return printf_string(v < 10 ? "%.2f" : "%.1f", v);
}

std::uint64_t error_total(const eventlog::ErrorCounts& errors) {
  std::uint64_t n = 0;
  for (std::uint64_t e : errors) n += e;
  return n;
}

// "timeout 1.20%, rejected 0.30%", or "-" when nothing failed.
std::string error_breakdown(const eventlog::ErrorCounts& errors, std::uint64_t requests) {
  std::string out;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (errors[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(eventlog::error_cause_name(static_cast<eventlog::ErrorCause>(i))) + ' ' +
           percent(ratio(errors[i], requests));
  }
  return out.empty() ? "-" : out;
}

// Prints rows with each column padded to its widest cell; column 0 left-aligned, the rest
// right-aligned except the last, which is free text.
void print_table(std::ostream& os, const std::vector<Row>& rows) {
  std::vector<std::size_t> width;
  for (const Row& r : rows) {
    width.resize(std::max(width.size(), r.size()));
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  for (const Row& r : rows) {
    std::string line = "  ";
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(width[c] - r[c].size(), ' ');
      const bool left = c == 0 || c + 1 == r.size();
      line += left ? r[c] + (c + 1 == r.size() ? "" : pad) : pad + r[c];
      if (c + 1 != r.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    os << line << '\n';
  }
}

void print_header(std::ostream& os, const RunReport& r) {
  os << r.scenario->name << " (" << r.scenario_label << "), seed " << r.seed << ", ";
  if (r.outcome == RunOutcome::Interrupted) {
    os << "interrupted at " << duration_for_people(r.simulated) << " of "
       << duration_for_people(r.planned);
  } else if (r.outcome == RunOutcome::Ended) {
    os << "ended by the facilitator at " << duration_for_people(r.simulated) << " of "
       << duration_for_people(r.planned);
  } else {
    os << duration_for_people(r.simulated) << " simulated";
  }
  os << "\nrecord: " << r.run_folder << "/events.jsonl\n\n";
}

void print_services(std::ostream& os, const sim::RunSummary& s) {
  std::vector<Row> rows = {{"service", "requests", "ok", "p50 ms", "p99 ms", "util", "errors"}};
  for (const sim::ServiceSummary& svc : s.services) {
    // Shares are of the requests answered; those still in flight at the end count in neither.
    const std::uint64_t answered = svc.ok + error_total(svc.errors);
    rows.push_back({svc.name, group_digits(svc.requests),
                    answered == 0 ? "-" : percent(ratio(svc.ok, answered)),
                    latency_ms(svc.latency.p50), latency_ms(svc.latency.p99),
                    percent(svc.utilisation, "%.1f%%"), error_breakdown(svc.errors, answered)});
  }
  print_table(os, rows);
}

void print_sources(std::ostream& os, const sim::RunSummary& s) {
  if (s.sources.empty()) return;
  os << "\ntraffic\n";
  std::vector<Row> rows;
  for (const sim::SourceSummary& src : s.sources) {
    rows.push_back(
        {src.name, group_digits(src.requests) + " requests",
         percent(ratio(error_total(src.errors), src.ok + error_total(src.errors))) + " errors",
         "p50 " + latency_ms(src.latency.p50) + " ms",
         "p99 " + latency_ms(src.latency.p99) + " ms"});
  }
  print_table(os, rows);
}

void print_run_figures(std::ostream& os, const RunReport& r) {
  const double rate =
      r.wall_seconds > 0 ? static_cast<double>(r.summary.kernel_events) / r.wall_seconds : 0;
  os << "\nrun: " << duration_for_people(r.simulated) << " simulated in "
     << printf_string("%.2f", r.wall_seconds) << " s, " << group_digits(r.summary.requests)
     << " root requests, " << group_digits(r.summary.kernel_events) << " kernel events ("
     << printf_string("%.2f", rate / 1e6) << "M events/s)\n";
}

}  // namespace

std::string group_digits(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string_view end_reason(RunOutcome o) {
  switch (o) {
    case RunOutcome::Completed: return "completed";
    case RunOutcome::Interrupted: return "interrupted";
    case RunOutcome::Ended: return "ended";
  }
  return "completed";
}

void print_summary(std::ostream& os, const RunReport& report) {
  print_header(os, report);
  print_services(os, report.summary);
  print_sources(os, report.summary);
  os << "\nscorecard: " << report.scorecard_line << "\n  the whole scorecard: gameday score "
     << report.run_folder << "\n";
  print_run_figures(os, report);
}

}  // namespace gameday::cli

// `gameday compare`'s table: one column per run, one row per key figure, each run after the
// first followed by its difference from the first ("+40s", "-1,204", "+0.52 pp"). Durations are
// the worst (longest) across a run's incidents and counts are totals, so runs with different
// numbers of incidents still compare; docs/scoring.md says so.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "gameday/core/terminal_text.hpp"
#include "gameday/core/units.hpp"
#include "gameday/scoring/report.hpp"
#include "report_common.hpp"

namespace gameday::scoring {
namespace {

enum class Kind : std::uint8_t { Text, Span, Count, Share, Decimal };

struct Cell {
  std::string text;
  std::optional<double> value;  // in ns for spans; absent: nothing to subtract
};

struct Row {
  std::string label;
  Kind kind = Kind::Text;
  std::vector<Cell> cells;
};

Cell span_cell(const Worst& w) {
  if (w.missing > 0) return {"not reached", std::nullopt};
  if (!w.value) return {"-", std::nullopt};
  return {span_from_impact(*w.value), static_cast<double>(w.value->ns())};
}

Cell count_cell(std::uint64_t n) {
  return {group_digits(n), static_cast<double>(n)};
}

std::string signed_span(double ns) {
  const auto d = static_cast<std::int64_t>(std::llround(ns));
  if (d == 0)
    return "\xC2\xB1"
           "0";
  return (d > 0 ? "+" : "-") + duration_for_people(Duration::from_ns(d > 0 ? d : -d));
}

std::string difference(Kind kind, double delta) {
  switch (kind) {
    case Kind::Span: return signed_span(delta);
    case Kind::Count:
      if (delta == 0)
        return "\xC2\xB1"
               "0";
      return (delta > 0 ? "+" : "-") + group_digits(static_cast<std::uint64_t>(std::fabs(delta)));
    case Kind::Share: return (delta >= 0 ? "+" : "") + fixed(delta * 100, 2) + " pp";
    case Kind::Decimal: return (delta >= 0 ? "+" : "") + fixed(delta, 2);
    case Kind::Text: break;
  }
  return {};
}

std::vector<std::string> slo_names(const std::vector<NamedScorecard>& runs) {
  std::vector<std::string> names;
  for (const NamedScorecard& r : runs)
    for (const auto& [name, budget] : budget_by_slo(r.card))
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  return names;
}

template <class F>
Row make_row(const std::vector<NamedScorecard>& runs, std::string label, Kind kind, F cell_of) {
  Row row{std::move(label), kind, {}};
  for (const NamedScorecard& r : runs) row.cells.push_back(cell_of(r.card));
  return row;
}

std::uint64_t sum_of(const Scorecard& c, std::uint64_t Incident::*field) {
  std::uint64_t n = 0;
  for (const Incident& inc : c.incidents) n += inc.*field;
  return n;
}

std::vector<Row> build_rows(const std::vector<NamedScorecard>& runs) {
  std::vector<Row> rows;
  rows.push_back(make_row(runs, "scenario", Kind::Text, [](const Scorecard& c) {
    return Cell{c.scenario_name, std::nullopt};
  }));
  rows.push_back(make_row(runs, "seed", Kind::Text, [](const Scorecard& c) {
    return Cell{std::to_string(c.seed), std::nullopt};
  }));
  rows.push_back(make_row(runs, "record", Kind::Text, [](const Scorecard& c) {
    return Cell{at(c.record_end) + ", " + c.end_reason.value_or("no end line"), std::nullopt};
  }));
  rows.push_back(make_row(runs, "incidents", Kind::Count,
                          [](const Scorecard& c) { return count_cell(c.incidents.size()); }));
  const std::pair<const char*, std::optional<Duration> Incident::*> spans[] = {
      {"time to detect", &Incident::time_to_detect},
      {"time to page", &Incident::time_to_page},
      {"time to acknowledge", &Incident::time_to_acknowledge},
      {"time to declare", &Incident::time_to_declare},
      {"time to mitigate", &Incident::time_to_mitigate},
      {"time to recover", &Incident::time_to_recover}};
  for (const auto& [label, field] : spans)
    rows.push_back(make_row(runs, label, Kind::Span, [f = field](const Scorecard& c) {
      const bool needs_responders =
          f == &Incident::time_to_acknowledge || f == &Incident::time_to_declare;
      if (needs_responders && !has_response(c)) return Cell{"-", std::nullopt};
      return span_cell(worst_of(c, f));
    }));
  rows.push_back(make_row(runs, "failed requests", Kind::Count, [](const Scorecard& c) {
    return count_cell(sum_of(c, &Incident::failed_requests));
  }));
  rows.push_back(make_row(runs, "slow requests", Kind::Count, [](const Scorecard& c) {
    return count_cell(sum_of(c, &Incident::slow_requests));
  }));
  rows.push_back(make_row(runs, "user-minutes", Kind::Decimal, [](const Scorecard& c) {
    double m = 0;
    for (const Incident& inc : c.incidents) m += inc.user_minutes;
    return Cell{fixed(m, 2), m};
  }));
  for (const std::string& slo : slo_names(runs))
    rows.push_back(make_row(runs, "budget " + slo, Kind::Share, [&slo](const Scorecard& c) {
      for (const auto& [name, budget] : budget_by_slo(c))
        if (name == slo) return Cell{percent(budget), budget};
      return Cell{"-", std::nullopt};
    }));
  rows.push_back(
      make_row(runs, "pages", Kind::Count, [](const Scorecard& c) { return count_cell(c.pages); }));
  rows.push_back(make_row(runs, "tickets", Kind::Count,
                          [](const Scorecard& c) { return count_cell(c.tickets); }));
  rows.push_back(make_row(runs, "noise alerts", Kind::Count,
                          [](const Scorecard& c) { return count_cell(c.noise.size()); }));
  rows.push_back(make_row(runs, "undetected faults", Kind::Count, [](const Scorecard& c) {
    return count_cell(static_cast<std::uint64_t>(undetected_faults(c)));
  }));
  rows.push_back(make_row(runs, "actions", Kind::Count, [](const Scorecard& c) {
    return count_cell(static_cast<std::uint64_t>(total_actions(c)));
  }));
  rows.push_back(make_row(runs, "actions that helped", Kind::Count, [](const Scorecard& c) {
    return count_cell(static_cast<std::uint64_t>(actions_with(c, "helped")));
  }));
  rows.push_back(make_row(runs, "rejected commands", Kind::Count, [](const Scorecard& c) {
    return count_cell(static_cast<std::uint64_t>(c.rejected_commands));
  }));
  return rows;
}

// Columns line up by what the terminal shows: UTF-8 continuation bytes take no column.
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

std::string format_comparison(const std::vector<NamedScorecard>& raw, TextStyle style) {
  std::vector<NamedScorecard> runs;  // the records' text without control sequences
  for (const NamedScorecard& r : raw) runs.push_back({terminal_text(r.label), printable(r.card)});
  std::vector<Row> rows = build_rows(runs);
  std::vector<std::vector<std::string>> table;
  table.push_back({""});
  for (const NamedScorecard& r : runs) table[0].push_back(r.label);
  for (const Row& row : rows) {
    std::vector<std::string> line = {row.label};
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      std::string text = row.cells[i].text;
      const auto& base = row.cells[0].value;
      if (i > 0 && row.kind != Kind::Text && base && row.cells[i].value)
        text += " (" + difference(row.kind, *row.cells[i].value - *base) + ")";
      line.push_back(std::move(text));
    }
    table.push_back(std::move(line));
  }
  std::vector<std::size_t> width(runs.size() + 1, 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c)
      width[c] = std::max(width[c], display_width(line[c]));
  std::ostringstream os;
  for (std::size_t r = 0; r < table.size(); ++r) {
    std::string out;
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      out += table[r][c];
      if (c + 1 < table[r].size())
        out += std::string(width[c] - display_width(table[r][c]) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    const bool bold = r == 0 && style == TextStyle::Colour;
    os << (bold ? "\x1b[1m" + out + "\x1b[0m" : out) << '\n';
  }
  os << "\ndurations: the worst across a run's incidents; counts: totals; (differences against "
     << runs.front().label << ")\n";
  return os.str();
}

}  // namespace gameday::scoring

// SVG pictures of a sweep report; see sweep_figures.hpp.
#include "sweep_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gameday::cli {
namespace {

using nlohmann::json;

// The figures drawn, in this order; the per-service figures stay in the tables.
constexpr const char* drawn[] = {
    "time_to_detect_s",  "time_to_acknowledge_s", "time_to_diagnose_s", "time_to_mitigate_s",
    "time_to_recover_s", "failed_requests",       "error_budget_used",  "pages"};
constexpr const char* rates[] = {"detected", "acknowledged", "localised", "mitigated", "resolved"};

constexpr double cell_width = 170, left = 70, top = 40, plot_height = 220, bottom = 80;

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fixed(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

std::string label(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

// The frame: title, axis with five ticks from `low` to `high`, and each cell's labels.
std::string frame(const std::string& title, const json& report, double low, double high,
                  double width, double height) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fixed(width) +
                    "\" height=\"" + fixed(height) +
                    "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg +=
      "<text x=\"" + fixed(left) + "\" y=\"20\" font-size=\"14\">" + escaped(title) + "</text>\n";
  for (int i = 0; i <= 4; ++i) {
    const double v = low + (high - low) * i / 4;
    const double y = top + plot_height * (1 - static_cast<double>(i) / 4);
    svg += "<line x1=\"" + fixed(left) + "\" x2=\"" + fixed(width - 10) + "\" y1=\"" + fixed(y) +
           "\" y2=\"" + fixed(y) + "\" stroke=\"#e0e0e0\"/>\n";
    svg += "<text x=\"" + fixed(left - 6) + "\" y=\"" + fixed(y + 4) + "\" text-anchor=\"end\">" +
           label(v) + "</text>\n";
  }
  const json& cells = report["cells"];
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const double x = left + cell_width * (static_cast<double>(c) + 0.5);
    double y = top + plot_height + 18;
    svg += "<text x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\" text-anchor=\"middle\">cell " +
           std::to_string(c) + "</text>\n";
    for (const json& s : cells[c]["set"]) {
      y += 13;
      std::string text = s.get<std::string>();
      const std::size_t dot = text.rfind('.', text.find('='));  // the last key and its value
      if (dot != std::string::npos && text.size() > 26) text = "…" + text.substr(dot + 1);
      svg += "<text x=\"" + fixed(x) + "\" y=\"" + fixed(y) +
             "\" text-anchor=\"middle\" font-size=\"9\">" + escaped(text) + "</text>\n";
    }
  }
  return svg;
}

std::string figure(const std::string& name, const json& report, const CellValues& values) {
  const json& cells = report["cells"];
  double low = 0, high = 0;
  bool any = false;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto it = values[c].find(name);
    if (it == values[c].end()) continue;
    for (const double v : it->second) low = std::min(low, v), high = std::max(high, v), any = true;
    const json& f = cells[c]["figures"][name];
    high = std::max(high, f["ci95"][1].get<double>());
    low = std::min(low, f["ci95"][0].get<double>());
  }
  if (!any) return {};
  if (high <= low) high = low + 1;
  high += (high - low) * 0.05;
  const double width = left + cell_width * static_cast<double>(cells.size()) + 10;
  std::string svg = frame(name + " (mean and 95 % interval; dots: replicates; band: p5 to p95)",
                          report, low, high, width, top + plot_height + bottom);
  const auto y_of = [&](double v) { return top + plot_height * (1 - (v - low) / (high - low)); };
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto it = values[c].find(name);
    if (it == values[c].end()) continue;
    const json& f = cells[c]["figures"][name];
    const double x = left + cell_width * (static_cast<double>(c) + 0.5);
    svg += "<rect x=\"" + fixed(x - 18) + "\" y=\"" + fixed(y_of(f["p95"])) +
           "\" width=\"36\" height=\"" + fixed(std::max(1.0, y_of(f["p5"]) - y_of(f["p95"]))) +
           "\" fill=\"#dbe8f6\"/>\n";
    for (std::size_t i = 0; i < it->second.size(); ++i) {
      const double jitter = static_cast<double>(static_cast<int>(i * 37 % 41) - 20);
      svg += "<circle cx=\"" + fixed(x + jitter) + "\" cy=\"" + fixed(y_of(it->second[i])) +
             "\" r=\"2.5\" fill=\"#4a7fb5\" fill-opacity=\"0.6\"/>\n";
    }
    const double lo = y_of(f["ci95"][0]), hi = y_of(f["ci95"][1]), mean = y_of(f["mean"]);
    svg += "<line x1=\"" + fixed(x + 30) + "\" x2=\"" + fixed(x + 30) + "\" y1=\"" + fixed(lo) +
           "\" y2=\"" + fixed(hi) + "\" stroke=\"black\" stroke-width=\"2\"/>\n";
    for (const double y : {lo, hi})
      svg += "<line x1=\"" + fixed(x + 25) + "\" x2=\"" + fixed(x + 35) + "\" y1=\"" + fixed(y) +
             "\" y2=\"" + fixed(y) + "\" stroke=\"black\" stroke-width=\"2\"/>\n";
    svg += "<circle cx=\"" + fixed(x + 30) + "\" cy=\"" + fixed(mean) +
           "\" r=\"4\" fill=\"black\"/>\n";
    svg += "<text x=\"" + fixed(x + 38) + "\" y=\"" + fixed(mean + 4) + "\">" + label(f["mean"]) +
           "</text>\n";
  }
  return svg + "</svg>\n";
}

std::string rate_figure(const json& report) {
  const json& cells = report["cells"];
  bool any = false;
  for (const json& cell : cells) any = any || !cell["rates"].empty();
  if (!any) return {};
  const double width = left + cell_width * static_cast<double>(cells.size()) + 10;
  std::string svg = frame(
      "rates (95 % Wilson interval): d detected, a acknowledged, l localised, "
      "m mitigated, r resolved",
      report, 0, 1, width, top + plot_height + bottom);
  const auto y_of = [&](double v) { return top + plot_height * (1 - v); };
  const char* colours[] = {"#4a7fb5", "#6aa84f", "#e69138", "#a64d79", "#666666"};
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const double x0 = left + cell_width * static_cast<double>(c) + 20;
    for (std::size_t k = 0; k < std::size(rates); ++k) {
      if (!cells[c]["rates"].contains(rates[k])) continue;
      const json& r = cells[c]["rates"][rates[k]];
      const double x = x0 + 26 * static_cast<double>(k);
      svg += "<rect x=\"" + fixed(x) + "\" y=\"" + fixed(y_of(r["share"])) +
             "\" width=\"20\" height=\"" + fixed(plot_height * r["share"].get<double>()) +
             "\" fill=\"" + colours[k] + "\"><title>" + rates[k] + "</title></rect>\n";
      svg += "<line x1=\"" + fixed(x + 10) + "\" x2=\"" + fixed(x + 10) + "\" y1=\"" +
             fixed(y_of(r["ci95"][0])) + "\" y2=\"" + fixed(y_of(r["ci95"][1])) +
             "\" stroke=\"black\"/>\n";
      svg += "<text x=\"" + fixed(x + 10) + "\" y=\"" + fixed(top + plot_height - 3) +
             "\" text-anchor=\"middle\" font-size=\"8\" fill=\"white\">" +
             std::string(1, rates[k][0]) + "</text>\n";
    }
  }
  return svg + "</svg>\n";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> sweep_figures(const json& report,
                                                               const CellValues& values) {
  std::vector<std::pair<std::string, std::string>> out;
  if (std::string svg = rate_figure(report); !svg.empty()) out.emplace_back("rates.svg", svg);
  for (const char* name : drawn)
    if (std::string svg = figure(name, report, values); !svg.empty())
      out.emplace_back(std::string(name) + ".svg", svg);
  return out;
}

}  // namespace gameday::cli

// The chart panel: one service's error ratio (vermillion, filled, left axis) against its SLO's
// allowance (a dashed black line), and its p99 (blue, dashed) and p50 (blue, thin) latency
// against a latency SLO's threshold (a dotted blue line) on the right axis, over the whole run,
// with a cursor at the frame's time and the error budget its SLO has used by then. In the truth
// view the fault periods are shaded behind the curves. Line style and fill tell the series
// apart without their colours.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "draw.hpp"
#include "palette.hpp"

namespace gameday::viz {
namespace {

// 1, 2 or 5 times a power of ten, at least `v`.
double nice_ceil(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= v * 0.999) return m * p;
  }
  return 10 * p;
}

std::string axis_percent(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, r * 100 >= 1 || r == 0 ? "%.0f%%" : "%.1f%%", r * 100);
  return buf;
}

std::string axis_latency(double ms_value) {
  char buf[32];
  if (ms_value >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f s", ms_value / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.0f ms", ms_value);
  return buf;
}

struct Plot {
  Rect r;
  Time t0, t1;
  float x(Time t) const {
    const double span = static_cast<double>(std::max<std::int64_t>((t1 - t0).ns(), 1));
    return r.x + static_cast<float>(static_cast<double>((t - t0).ns()) / span) * r.w;
  }
  float y(double v, double top) const {
    return r.bottom() - static_cast<float>(std::clamp(v / top, 0.0, 1.0)) * r.h;
  }
};

void draw_axes(const DrawContext& ctx, const Plot& p, double err_top, double lat_top) {
  const float k = ctx.layout.scale;
  for (int i = 0; i <= 4; ++i) {
    const float y = p.r.bottom() - p.r.h * static_cast<float>(i) / 4;
    ctx.canvas.fill_rect({p.r.x, y, p.r.w, k}, palette::grid);
    ctx.canvas.text(axis_percent(err_top * i / 4), p.r.x - 8 * k, y - 10 * k, ctx.px(16),
                    palette::vermillion, Align::Right);
    ctx.canvas.text(axis_latency(lat_top * i / 4), p.r.right() + 8 * k, y - 10 * k, ctx.px(16),
                    palette::blue);
  }
}

// A horizontal line of dashes `on` long every `every` pixels.
void dashed(const DrawContext& ctx, const Plot& p, float y, float on, float every, float width,
            sf::Color colour) {
  for (float x = p.r.x; x < p.r.right(); x += every)
    ctx.canvas.fill_rect({x, y - width / 2, std::min(on, p.r.right() - x), width}, colour);
}

void draw_objectives(const DrawContext& ctx, const Plot& p, const ServiceObjective& o,
                     double err_top, double lat_top) {
  const float k = ctx.layout.scale;
  const float y = p.y(o.allowed_error, err_top);
  dashed(ctx, p, y, 12 * k, 20 * k, 2 * k, palette::ink);
  ctx.canvas.text("SLO allows " + axis_percent(o.allowed_error), p.r.x + 6 * k, y - 22 * k,
                  ctx.px(15), palette::ink);
  if (o.latency) {
    const float ly = p.y(o.latency->to_ms(), lat_top);
    dashed(ctx, p, ly, 3 * k, 9 * k, 2.5f * k, palette::blue);
    ctx.canvas.text("latency SLO " + axis_latency(o.latency->to_ms()), p.r.right() - 6 * k,
                    ly - 22 * k, ctx.px(15), palette::blue, Align::Right);
  }
}

void draw_series(const DrawContext& ctx, const Plot& p, const std::vector<SeriesPoint>& pts,
                 double err_top, double lat_top) {
  const float k = ctx.layout.scale;
  std::vector<sf::Vector2f> top;
  top.reserve(pts.size());
  for (const SeriesPoint& s : pts) top.push_back({p.x(s.t), p.y(s.error_ratio, err_top)});
  ctx.canvas.area(top, p.r.bottom(), palette::with_alpha(palette::vermillion, 70));
  for (std::size_t i = 1; i < pts.size(); ++i) {
    ctx.canvas.thick_line({p.x(pts[i - 1].t), p.y(pts[i - 1].error_ratio, err_top)},
                          {p.x(pts[i].t), p.y(pts[i].error_ratio, err_top)}, 3.5f * k,
                          palette::vermillion);
  }
  // Dashes by length along the curve, so the pattern holds however dense the samples are.
  float run = 0;
  for (std::size_t i = 1; i < pts.size(); ++i) {
    // No successes, no latency: a gap, not a drop to zero.
    if (!pts[i - 1].has_latency || !pts[i].has_latency) continue;
    const sf::Vector2f a50{p.x(pts[i - 1].t), p.y(pts[i - 1].p50.to_ms(), lat_top)};
    const sf::Vector2f b50{p.x(pts[i].t), p.y(pts[i].p50.to_ms(), lat_top)};
    ctx.canvas.thick_line(a50, b50, 1.5f * k, palette::blue);
    const sf::Vector2f a{p.x(pts[i - 1].t), p.y(pts[i - 1].p99.to_ms(), lat_top)};
    const sf::Vector2f b{p.x(pts[i].t), p.y(pts[i].p99.to_ms(), lat_top)};
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    if (std::fmod(run, 18 * k) < 11 * k) ctx.canvas.thick_line(a, b, 3 * k, palette::blue);
    run += std::max(len, 1.0f);
  }
}

std::string budget_text(const BudgetUse& b) {
  const std::int64_t days = b.window / hours(24);
  const std::string window = days > 0 && b.window == hours(24) * days
                                 ? std::to_string(days) + "-day"
                                 : format_clock(Time::zero() + b.window);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s: %.1f%% of its %s error budget used", b.slo.c_str(),
                b.consumed * 100, window.c_str());
  return buf;
}

}  // namespace

void draw_chart(const DrawContext& ctx, ServiceId service) {
  const FrameLayout& l = ctx.layout;
  const float k = l.scale;
  const Rect& c = l.chart;
  ctx.canvas.fill_rect({c.x, c.y, 2 * k, c.h}, palette::grid);
  const std::string& name = ctx.model.header().names.services[service.index()];
  const float pad = 20 * k;
  const bool chosen = ctx.state.chart_service.has_value();
  ctx.canvas.text(name + (chosen ? "" : "  (least healthy now)"), c.x + pad, c.y + 14 * k,
                  ctx.px(26), palette::ink, Align::Left, c.w - 2 * pad);
  float x = c.x + pad;
  const float ly = c.y + 52 * k;
  ctx.canvas.thick_line({x, ly + 11 * k}, {x + 30 * k, ly + 11 * k}, 4 * k, palette::vermillion);
  x += 38 * k;
  x += ctx.canvas.text("error ratio", x, ly, ctx.px(18), palette::ink) + 24 * k;
  ctx.canvas.thick_line({x, ly + 11 * k}, {x + 10 * k, ly + 11 * k}, 3 * k, palette::blue);
  ctx.canvas.thick_line({x + 18 * k, ly + 11 * k}, {x + 28 * k, ly + 11 * k}, 3 * k, palette::blue);
  x += 36 * k;
  x += ctx.canvas.text("p99", x, ly, ctx.px(18), palette::ink) + 24 * k;
  ctx.canvas.thick_line({x, ly + 11 * k}, {x + 30 * k, ly + 11 * k}, 1.5f * k, palette::blue);
  ctx.canvas.text("p50 latency", x + 38 * k, ly, ctx.px(18), palette::ink);

  const Plot p{l.chart_plot, l.t0, l.t1};
  const auto pts = ctx.model.series(service);
  double err_max = 0, lat_max = 0;
  for (const SeriesPoint& s : pts) {
    err_max = std::max(err_max, s.error_ratio);
    lat_max = std::max(lat_max, s.p99.to_ms());
  }
  const ServiceObjective objective = ctx.model.objective(service);
  // The objectives stay on the chart, a little below its top.
  const double err_top = nice_ceil(std::max({err_max, 0.01, objective.allowed_error * 1.25}));
  const double lat_top = nice_ceil(
      std::max({lat_max, 1.0, objective.latency ? objective.latency->to_ms() * 1.25 : 0.0}));
  if (ctx.state.view == View::Truth) {
    for (const Span& s : ctx.model.timeline().faults)
      ctx.canvas.fill_rect({p.x(s.start), p.r.y, p.x(s.end) - p.x(s.start), p.r.h},
                           palette::with_alpha(palette::purple, 60));
  }
  draw_axes(ctx, p, err_top, lat_top);
  draw_objectives(ctx, p, objective, err_top, lat_top);
  draw_series(ctx, p, pts, err_top, lat_top);
  ctx.canvas.fill_rect({p.r.x, p.r.bottom(), p.r.w, 2 * k}, palette::ink);
  ctx.canvas.text(format_clock(l.t0), p.r.x, p.r.bottom() + 8 * k, ctx.px(16), palette::muted);
  ctx.canvas.text(format_clock(l.t1), p.r.right(), p.r.bottom() + 8 * k, ctx.px(16), palette::muted,
                  Align::Right);
}

void draw_chart_cursor(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Plot p{l.chart_plot, l.t0, l.t1};
  ctx.canvas.fill_rect({p.x(ctx.state.t) - 1.5f * l.scale, p.r.y, 3 * l.scale, p.r.h},
                       palette::ink);
  const ServiceId service = ctx.state.chart_service.value_or(ctx.model.worst_service(ctx.snap));
  if (const auto budget = ctx.model.budget_at(service, ctx.state.t)) {
    const float y = p.r.bottom() + 30 * l.scale;
    ctx.canvas.text(budget_text(*budget), p.r.x, y, ctx.px(17),
                    budget->consumed >= 1 ? palette::vermillion : palette::ink, Align::Left,
                    l.chart.right() - p.r.x - 20 * l.scale);
  }
}

}  // namespace gameday::viz

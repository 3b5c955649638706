// The chart panel: one service's error ratio (vermillion, filled, left axis) and p99 latency
// (blue, dashed, right axis) over the whole run, with a cursor at the frame's time. In the
// truth view the fault periods are shaded behind the curves. Line style and fill tell the two
// series apart without their colours.
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
    const sf::Vector2f a{p.x(pts[i - 1].t), p.y(pts[i - 1].p99.to_ms(), lat_top)};
    const sf::Vector2f b{p.x(pts[i].t), p.y(pts[i].p99.to_ms(), lat_top)};
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    // No successes, no latency: a gap, not a drop to zero.
    const bool both = pts[i - 1].has_latency && pts[i].has_latency;
    if (both && std::fmod(run, 18 * k) < 11 * k) ctx.canvas.thick_line(a, b, 3 * k, palette::blue);
    run += std::max(len, 1.0f);
  }
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
  ctx.canvas.text("p99 latency", x + 36 * k, ly, ctx.px(18), palette::ink);

  const Plot p{l.chart_plot, l.t0, l.t1};
  const auto pts = ctx.model.series(service);
  double err_max = 0, lat_max = 0;
  for (const SeriesPoint& s : pts) {
    err_max = std::max(err_max, s.error_ratio);
    lat_max = std::max(lat_max, s.p99.to_ms());
  }
  const double err_top = nice_ceil(std::max(err_max, 0.01));
  const double lat_top = nice_ceil(std::max(lat_max, 1.0));
  if (ctx.state.view == View::Truth) {
    for (const Span& s : ctx.model.timeline().faults)
      ctx.canvas.fill_rect({p.x(s.start), p.r.y, p.x(s.end) - p.x(s.start), p.r.h},
                           palette::with_alpha(palette::purple, 60));
  }
  draw_axes(ctx, p, err_top, lat_top);
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
}

}  // namespace gameday::viz

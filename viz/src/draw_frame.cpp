// One whole frame: the header line, then each panel in its layout rectangle, and the legend
// that explains every colour and shape on screen (a debrief audience sees the picture once, on
// a projector, and should not need this project's docs to read it).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "draw.hpp"
#include "gameday/viz/summary.hpp"
#include "palette.hpp"

namespace gameday::viz {
namespace {

std::string time_of_day(Duration since_midnight) {
  const std::int64_t s = (since_midnight.ns() / 1'000'000'000) % 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>((s / 60) % 60), static_cast<long long>(s % 60));
  return buf;
}

void legend_swatch(const DrawContext& ctx, float x, float y, Health h, const std::string& label) {
  const float s = 26 * ctx.layout.scale;
  const Rect box{x, y, s * 1.4f, s};
  const float outline = h == Health::Critical ? 5.f : (h == Health::Degraded ? 3.f : 1.5f);
  ctx.canvas.rounded_box(box, 5 * ctx.layout.scale, palette::health(h), palette::ink,
                         outline * ctx.layout.scale);
  if (h == Health::Critical)
    ctx.canvas.hatch(box, 9 * ctx.layout.scale, 2.5f * ctx.layout.scale,
                     palette::with_alpha(sf::Color::White, 110));
  ctx.canvas.text(label, box.right() + 8 * ctx.layout.scale, y, ctx.px(18), palette::ink);
}

}  // namespace

unsigned DrawContext::px(float size_at_1080) const {
  return static_cast<unsigned>(std::max(8.0f, std::round(size_at_1080 * layout.scale)));
}

std::string format_clock(Time t) {
  return format_span(t.since_start());
}

void draw_header(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Rect& r = l.header;
  ctx.canvas.fill_rect(r, palette::ink);
  const auto& h = ctx.model.header();
  std::string text = h.scenario_name + "    seed " + std::to_string(h.seed) +
                     "    t = " + format_clock(ctx.state.t) + " of " +
                     format_clock(ctx.model.axis_end());
  if (const auto start = ctx.model.start_time_of_day())
    text += "  (" + time_of_day(*start + ctx.state.t.since_start()) + ")";
  const float pad = 20 * l.scale;
  ctx.canvas.text(text, pad, r.y + 14 * l.scale, ctx.px(28), sf::Color::White);
  const bool truth = ctx.state.view == View::Truth;
  const std::string badge = truth ? "TRUTH VIEW: faults shown" : "RESPONDERS' VIEW";
  const float bw = ctx.canvas.text_width(badge, ctx.px(24)) + 2 * pad;
  const Rect box{r.right() - bw - pad, r.y + 8 * l.scale, bw, r.h - 16 * l.scale};
  ctx.canvas.rounded_box(box, 8 * l.scale, truth ? palette::purple : palette::blue,
                         sf::Color::White, 2 * l.scale);
  ctx.canvas.text(badge, box.center_x(), box.y + 9 * l.scale, ctx.px(24),
                  truth ? palette::ink : sf::Color::White, Align::Center);
}

void draw_legend(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Rect& r = l.legend;
  const float pad = 20 * l.scale;
  const float row = 38 * l.scale;
  ctx.canvas.fill_rect({r.x, r.y, 2 * l.scale, r.h}, palette::grid);
  float y = r.y + 12 * l.scale;
  ctx.canvas.text("service health (vs its SLO)", r.x + pad, y, ctx.px(20), palette::muted);
  y += row * 0.8f;
  const float col = (r.w - 2 * pad) / 2;
  legend_swatch(ctx, r.x + pad, y, Health::Ok, "ok");
  legend_swatch(ctx, r.x + pad + col, y, Health::Degraded, "degraded");
  y += row;
  legend_swatch(ctx, r.x + pad, y, Health::Critical, "critical");
  legend_swatch(ctx, r.x + pad + col, y, Health::Idle, "no traffic");
  y += row * 1.2f;
  ctx.canvas.text("instances", r.x + pad, y, ctx.px(20), palette::muted);
  y += row * 0.8f;
  ctx.canvas.text(
      "\xE2\x97\x8F up   \xE2\x97\x8B cold   \xE2\x96\xA1 hung   "
      "\xE2\x9C\x95 down   faint: out of rotation",
      r.x + pad, y, ctx.px(18), palette::ink, Align::Left, r.w - 2 * pad);
  y += row * 1.2f;
  ctx.canvas.text("calls (width: calls per second)", r.x + pad, y, ctx.px(20), palette::muted);
  y += row * 0.8f;
  const float seg = 48 * l.scale;
  const struct {
    double share;
    const char* label;
  } edges[] = {{0, "ok"},
               {0.05, "1-10% fail"},
               {0.5,
                "\xE2\x89\xA5"
                "10% fail"}};
  float x = r.x + pad;
  for (const auto& e : edges) {
    ctx.canvas.thick_line({x, y + 11 * l.scale}, {x + seg, y + 11 * l.scale}, 7 * l.scale,
                          palette::edge(e.share));
    x += seg + 8 * l.scale;
    x += ctx.canvas.text(e.label, x, y, ctx.px(18), palette::ink) + 20 * l.scale;
  }
}

void draw_scene(const DrawContext& ctx) {
  draw_topology(ctx);
  draw_chart(ctx, ctx.state.chart_service.value_or(ctx.model.worst_service(ctx.snap)));
  draw_legend(ctx);
  draw_timeline_panel(ctx);
  draw_timeline_items(ctx);
  ctx.canvas.flush();
}

void draw_moment(const DrawContext& ctx) {
  draw_chart_cursor(ctx);
  draw_timeline_cursor(ctx);
  draw_header(ctx);
  ctx.canvas.flush();
}

}  // namespace gameday::viz

// The timeline panel across the bottom: one lane per item kind on a shared time axis. Faults
// (ground truth) get a lane only in the truth view; each alert rule that ever went pending gets
// one, pending drawn as a pale outlined bar and firing as a solid one; pages and tickets are
// marks on the last lane. A vertical cursor stands at the frame's time.
#include <algorithm>
#include <array>

#include "draw.hpp"
#include "palette.hpp"

namespace gameday::viz {

Duration axis_step(Duration span) {
  constexpr std::array<std::int64_t, 14> steps_s = {1,   5,   10,   30,   60,   120,   300,
                                                    600, 900, 1800, 3600, 7200, 21600, 86400};
  for (std::int64_t s : steps_s) {
    if (span / seconds(s) <= 12) return seconds(s);
  }
  return seconds(86400 * 7);
}

namespace {

Rect span_rect(const FrameLayout& l, const Lane& lane, const Span& s) {
  const float x0 = l.time_x(s.start);
  const float x1 = std::max(l.time_x(s.end), x0 + 3 * l.scale);
  const float inset = lane.rect.h * 0.18f;
  return {x0, lane.rect.y + inset, x1 - x0, lane.rect.h - 2 * inset};
}

void draw_spans(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Timeline& tl = ctx.model.timeline();
  if (const Lane* lane = l.find_lane(LaneKind::Faults)) {
    for (const Span& s : tl.faults) {
      const Rect r = span_rect(l, *lane, s);
      ctx.canvas.fill_rect(r, palette::purple);
      ctx.canvas.hatch(r, 10 * l.scale, 2.5f * l.scale, palette::with_alpha(palette::ink, 70));
      ctx.canvas.text(s.label, r.x + 6 * l.scale, r.y + 2 * l.scale, ctx.px(16), palette::ink,
                      Align::Left, r.w - 12 * l.scale);
    }
  }
  for (const Span& s : tl.alerts) {
    const Lane* lane = l.find_lane(LaneKind::Alert, s.subject);
    if (lane == nullptr) continue;
    const Rect r = span_rect(l, *lane, s);
    if (s.kind == SpanKind::AlertFiring) {
      ctx.canvas.fill_rect(r, palette::vermillion);
    } else {
      ctx.canvas.rounded_box(r, 0, palette::yellow, palette::orange, 2 * l.scale);
    }
  }
}

void draw_marks(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Lane* lane = l.find_lane(LaneKind::Notifications);
  if (lane == nullptr) return;
  const float h = lane->rect.h * 0.62f;
  const float top = lane->rect.center_y() - h / 2;
  for (const Mark& m : ctx.model.timeline().marks) {
    const float x = l.time_x(m.t);
    if (m.kind == MarkKind::Page) {  // a solid downward triangle, its tip at the time
      ctx.canvas.polygon({{x - h * 0.5f, top}, {x + h * 0.5f, top}, {x, top + h}}, palette::ink);
    } else {  // a hollow diamond
      ctx.canvas.polygon(
          {{x, top}, {x + h * 0.45f, top + h / 2}, {x, top + h}, {x - h * 0.45f, top + h / 2}},
          palette::background, palette::blue, 2.5f * l.scale);
    }
  }
}

void draw_axis(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Rect& p = l.timeline_plot;
  ctx.canvas.fill_rect({p.x, p.bottom(), p.w, 2 * l.scale}, palette::ink);
  const Duration step = axis_step(l.t1 - l.t0);
  for (Time t = l.t0; t <= l.t1; t += step) {
    const float x = l.time_x(t);
    ctx.canvas.fill_rect({x - l.scale / 2, p.y, l.scale, p.h}, palette::grid);
    ctx.canvas.fill_rect({x - l.scale, p.bottom(), 2 * l.scale, 8 * l.scale}, palette::ink);
    ctx.canvas.text(format_clock(t), x, p.bottom() + 12 * l.scale, ctx.px(17), palette::ink,
                    Align::Center);
  }
}

}  // namespace

void draw_timeline_cursor(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Rect& p = l.timeline_plot;
  const float x = l.time_x(ctx.state.t);
  ctx.canvas.fill_rect({x - 1.5f * l.scale, p.y - 6 * l.scale, 3 * l.scale, p.h + 12 * l.scale},
                       palette::ink);
  const std::string label = format_clock(ctx.state.t);
  const float w = ctx.canvas.text_width(label, ctx.px(17)) + 14 * l.scale;
  const Rect box{std::clamp(x - w / 2, p.x - w / 2, p.right() - w / 2), p.bottom() + 8 * l.scale, w,
                 26 * l.scale};
  ctx.canvas.rounded_box(box, 5 * l.scale, palette::ink, palette::ink, 0);
  ctx.canvas.text(label, box.center_x(), box.y + 4 * l.scale, ctx.px(17), sf::Color::White,
                  Align::Center);
}

void draw_timeline_panel(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  ctx.canvas.fill_rect(l.timeline, palette::panel);
  ctx.canvas.fill_rect({l.timeline.x, l.timeline.y, l.timeline.w, 2 * l.scale}, palette::grid);
  for (std::size_t i = 0; i < l.lanes.size(); ++i) {
    const Lane& lane = l.lanes[i];
    if (i % 2 == 1) ctx.canvas.fill_rect(lane.rect, palette::with_alpha(palette::grid, 90));
    const float size = std::min(19.f, lane.rect.h / l.scale * 0.52f);
    ctx.canvas.text(lane.label, lane.rect.x - 14 * l.scale,
                    lane.rect.center_y() - static_cast<float>(ctx.px(size)) * 0.5f, ctx.px(size),
                    palette::ink, Align::Right, lane.rect.x - 28 * l.scale);
  }
}

void draw_timeline_items(const DrawContext& ctx) {
  draw_axis(ctx);
  draw_spans(ctx);
  draw_marks(ctx);
}

}  // namespace gameday::viz

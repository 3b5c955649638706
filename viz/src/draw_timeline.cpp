// The timeline panel across the bottom: one lane per item kind on a shared time axis. The
// milestones (detection, acknowledgement, mitigation, recovery) head it, each a labelled line
// through every lane, over the shaded impact windows. Faults (ground truth) get a lane only in
// the truth view; each alert rule that ever went pending gets one, pending drawn as a pale
// outlined bar and firing as a solid one; pages and tickets are marks on their lane, and the
// responders' commands on theirs, a shape per kind. A vertical cursor stands at the frame's time.
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

// The milestone's word on the frame's lane: the time is on the axis and in its details.
const char* short_label(MilestoneKind k) {
  switch (k) {
    case MilestoneKind::ImpactStart: return "impact";
    case MilestoneKind::Detection: return "detected";
    case MilestoneKind::FirstPage: return "paged";
    case MilestoneKind::Acknowledged: return "acked";
    case MilestoneKind::Mitigated: return "mitigated";
    case MilestoneKind::ImpactEnd: return "impact over";
    case MilestoneKind::Recovery: return "recovered";
  }
  return "";
}

// Each label is a flag to the right of its line, in the first of two rows where it does not
// overlap the label before; with both rows taken it is left out (its line stays).
void draw_milestones(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Lane* lane = l.find_lane(LaneKind::Milestones);
  if (lane == nullptr) return;
  const Rect& p = l.timeline_plot;
  const float row_h = lane->rect.h / 2;
  const unsigned size = ctx.px(std::min(16.f, row_h / l.scale * 0.5f));
  float row_end[2] = {-1e9f, -1e9f};
  for (const Milestone& m : ctx.model.summary().milestones) {
    const float x = l.time_x(m.t);
    const sf::Color c = milestone_colour(m.kind);
    ctx.canvas.fill_rect({x - l.scale, lane->rect.y, 2 * l.scale, p.bottom() - lane->rect.y},
                         palette::with_alpha(c, 190));
    const std::string label = short_label(m.kind);
    const float w = ctx.canvas.text_width(label, size) + 12 * l.scale;
    const float left = std::min(x - l.scale, p.right() - w);
    const int row = left > row_end[0] + 3 * l.scale ? 0 : left > row_end[1] + 3 * l.scale ? 1 : -1;
    if (row < 0) continue;
    row_end[row] = left + w;
    const Rect box{left, lane->rect.y + row_h * static_cast<float>(row) + 2 * l.scale, w,
                   row_h - 4 * l.scale};
    ctx.canvas.rounded_box(box, 4 * l.scale, c, c, 0);
    ctx.canvas.text(label, box.center_x(), box.center_y() - static_cast<float>(size) * 0.6f, size,
                    m.kind == MilestoneKind::Acknowledged ? palette::ink : sf::Color::White,
                    Align::Center);
  }
}

// Marks in the lane's lower row: process commands (ack, declare, role, mitigated, resolve) a
// black square, actions an orange disc, updates and notes a hollow blue ring, facilitator
// commands a purple diamond. In the upper row, each action's command starting above its disc,
// unless it would overlap the label before it or run past the lane.
void draw_responses(const DrawContext& ctx) {
  const FrameLayout& l = ctx.layout;
  const Lane* lane = l.find_lane(LaneKind::Responses);
  if (lane == nullptr) return;
  const float row_h = lane->rect.h / 2;
  const float r = row_h * 0.26f;
  const float y = lane->rect.y + row_h * 1.5f;
  const auto& responses = ctx.model.timeline().responses;
  const unsigned size = ctx.px(std::min(16.f, row_h / l.scale * 0.48f));
  float label_end = -1e9f;
  for (const ResponseMark& m : responses) {
    if (!is_shown(m, ctx.state.view)) continue;
    const float x = l.time_x(m.t);
    switch (m.kind) {
      case ResponseKind::Process:
        ctx.canvas.fill_rect({x - r * 0.8f, y - r * 0.8f, 1.6f * r, 1.6f * r}, palette::ink);
        break;
      case ResponseKind::Update:
        ctx.canvas.circle({x, y}, r * 0.85f, palette::background, palette::blue, 2.5f * l.scale);
        break;
      case ResponseKind::Facilitator:
        ctx.canvas.polygon({{x, y - r}, {x + r, y}, {x, y + r}, {x - r, y}}, palette::purple,
                           palette::ink, 1.5f * l.scale);
        break;
      case ResponseKind::Action: {
        ctx.canvas.circle({x, y}, r, palette::orange, palette::ink, 1.5f * l.scale);
        const float left = x - r;
        const float w = ctx.canvas.text_width(m.text, size);
        if (left > label_end + 8 * l.scale && left + w <= lane->rect.right()) {
          ctx.canvas.fill_rect(
              {x - 0.75f * l.scale, y - row_h * 0.5f, 1.5f * l.scale, row_h * 0.5f - r},
              palette::orange);
          ctx.canvas.text(m.text, left,
                          lane->rect.y + row_h * 0.5f - static_cast<float>(size) * 0.55f, size,
                          palette::ink);
          label_end = left + w;
        }
        break;
      }
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

void shade_impacts(const DrawContext& ctx, const Rect& band) {
  const FrameLayout& l = ctx.layout;
  for (const ImpactWindow& w : ctx.model.summary().impacts) {
    const float x0 = l.time_x(w.start);
    const float x1 = std::max(l.time_x(w.end), x0 + 2 * l.scale);
    ctx.canvas.fill_rect({x0, band.y, x1 - x0, band.h},
                         palette::with_alpha(palette::vermillion, 40));
  }
}

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
  shade_impacts(ctx, ctx.layout.timeline_plot);
  draw_spans(ctx);
  draw_marks(ctx);
  draw_responses(ctx);
  draw_milestones(ctx);
}

}  // namespace gameday::viz

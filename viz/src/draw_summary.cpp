// Drawing the incident summary: a caption, six key-figure tiles, the SLI chart of the most
// affected SLO with its objective, and the frame's timeline; the impact window is shaded on both
// the chart and the timeline, and each milestone (impact, detection, first page, impact over,
// recovery) is one labelled vertical line through both, since they share their x axis.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "draw.hpp"
#include "palette.hpp"

namespace gameday::viz {

sf::Color milestone_colour(MilestoneKind k) {
  switch (k) {
    case MilestoneKind::ImpactStart:
    case MilestoneKind::ImpactEnd: return palette::vermillion;
    case MilestoneKind::Detection: return palette::blue;
    case MilestoneKind::FirstPage: return palette::ink;
    case MilestoneKind::Acknowledged: return palette::orange;
    case MilestoneKind::Mitigated: return palette::green;
    case MilestoneKind::Recovery: return palette::green;
  }
  return palette::ink;
}

namespace {

std::string axis_percent(double r) {
  char buf[32];
  const double p = r * 100;
  std::snprintf(
      buf, sizeof buf,
      p == std::round(p) ? "%.0f%%" : (p * 10 == std::round(p * 10) ? "%.1f%%" : "%.2f%%"), p);
  return buf;
}

void draw_summary_header(const DrawContext& ctx, View view) {
  const FrameLayout& l = ctx.layout;
  ctx.canvas.fill_rect(l.header, palette::ink);
  const auto& h = ctx.model.header();
  const std::string text = h.scenario_name + "    seed " + std::to_string(h.seed) + "    " +
                           format_clock(ctx.model.end()) + " run    incident summary";
  const float pad = 20 * l.scale;
  ctx.canvas.text(text, pad, l.header.y + 14 * l.scale, ctx.px(28), sf::Color::White);
  const bool truth = view == View::Truth;
  const std::string badge = truth ? "TRUTH VIEW: faults shown" : "RESPONDERS' VIEW";
  const float bw = ctx.canvas.text_width(badge, ctx.px(24)) + 2 * pad;
  const Rect box{l.header.right() - bw - pad, l.header.y + 8 * l.scale, bw,
                 l.header.h - 16 * l.scale};
  ctx.canvas.rounded_box(box, 8 * l.scale, truth ? palette::purple : palette::blue,
                         sf::Color::White, 2 * l.scale);
  ctx.canvas.text(badge, box.center_x(), box.y + 9 * l.scale, ctx.px(24),
                  truth ? palette::ink : sf::Color::White, Align::Center);
}

void draw_tile(const DrawContext& ctx, const Rect& r, const SummaryFigure& f) {
  const float k = ctx.layout.scale;
  ctx.canvas.rounded_box(r, 10 * k, palette::panel, palette::grid, 2 * k);
  const float pad = 16 * k;
  const float w = r.w - 2 * pad;
  ctx.canvas.text(f.label, r.x + pad, r.y + 12 * k, ctx.px(20), palette::muted, Align::Left, w);
  ctx.canvas.text(f.value, r.x + pad, r.y + 42 * k, ctx.px(50), palette::ink, Align::Left, w);
  float y = r.y + 106 * k;
  std::size_t start = 0;
  while (start <= f.detail.size()) {
    const std::size_t end = std::min(f.detail.find('\n', start), f.detail.size());
    ctx.canvas.text(f.detail.substr(start, end - start), r.x + pad, y, ctx.px(17), palette::muted,
                    Align::Left, w);
    y += 24 * k;
    start = end + 1;
  }
}

void draw_chart_legend(const DrawContext& ctx, const SummaryLayout& s, View view) {
  const float k = s.frame.scale;
  const float x = 20 * k;
  float y = s.milestone_rows.y;
  const float row = 30 * k;
  const auto item = [&](const std::string& label) {
    ctx.canvas.text(label, x + 44 * k, y, ctx.px(18), palette::ink, Align::Left,
                    s.chart_plot.x - x - 130 * k);
    y += row;
  };
  ctx.canvas.thick_line({x, y + 11 * k}, {x + 34 * k, y + 11 * k}, 4 * k, palette::blue);
  item("good share");
  ctx.canvas.fill_rect({x, y + 2 * k, 34 * k, 18 * k},
                       palette::with_alpha(palette::vermillion, 110));
  item("bad share");
  for (int i = 0; i < 3; ++i)
    ctx.canvas.fill_rect({x + static_cast<float>(i) * 13 * k, y + 9 * k, 8 * k, 3 * k},
                         palette::ink);
  item("objective");
  ctx.canvas.fill_rect({x, y + 2 * k, 34 * k, 18 * k},
                       palette::with_alpha(palette::vermillion, 45));
  item("impact (SLO breached)");
  if (view == View::Truth) {
    ctx.canvas.fill_rect({x, y + 2 * k, 34 * k, 18 * k}, palette::with_alpha(palette::purple, 70));
    item("fault (truth)");
  }
}

void draw_sli(const DrawContext& ctx, const SummaryLayout& s, const IncidentSummary& sum) {
  const float k = s.frame.scale;
  const Rect& p = s.chart_plot;
  std::vector<sf::Vector2f> curve;
  for (const SliPoint& pt : sum.sli) curve.push_back({s.time_x(pt.t), s.sli_y(pt.good_ratio)});
  ctx.canvas.area(curve, p.y, palette::with_alpha(palette::vermillion, 110));
  if (sum.objective > 0) {
    const float y = s.sli_y(sum.objective);
    for (float x = p.x; x < p.right(); x += 18 * k)
      ctx.canvas.fill_rect({x, y - 1.5f * k, std::min(10 * k, p.right() - x), 3 * k}, palette::ink);
    ctx.canvas.text("objective " + axis_percent(sum.objective), p.right(), y - 28 * k, ctx.px(17),
                    palette::ink, Align::Right);
  }
  for (std::size_t i = 1; i < sum.sli.size(); ++i) {
    ctx.canvas.thick_line({s.time_x(sum.sli[i - 1].t), s.sli_y(sum.sli[i - 1].good_ratio)},
                          {s.time_x(sum.sli[i].t), s.sli_y(sum.sli[i].good_ratio)}, 3.5f * k,
                          palette::blue);
  }
}

void draw_chart_frame(const DrawContext& ctx, const SummaryLayout& s, const IncidentSummary& sum,
                      View view) {
  const float k = s.frame.scale;
  const Rect& p = s.chart_plot;
  std::string title = sum.slo ? sum.slo_name + ": share of good requests" : "no SLO in this run";
  if (sum.slo && sum.objective > 0) title += " (objective " + axis_percent(sum.objective) + ")";
  ctx.canvas.text(title, 20 * k, s.chart.y + 12 * k, ctx.px(26), palette::ink, Align::Left,
                  s.chart.w - 40 * k);
  if (view == View::Truth) {
    for (const Span& f : ctx.model.timeline().faults) {
      const float x0 = s.time_x(f.start);
      ctx.canvas.fill_rect({x0, p.y, std::max(s.time_x(f.end) - x0, 2 * k), p.h},
                           palette::with_alpha(palette::purple, 70));
    }
  }
  shade_impacts(ctx, p);
  for (int i = 0; i <= 4; ++i) {
    const double v = sum.sli_floor + (1 - sum.sli_floor) * i / 4;
    const float y = s.sli_y(v);
    ctx.canvas.fill_rect({p.x, y, p.w, k}, palette::grid);
    ctx.canvas.text(axis_percent(v), p.x - 10 * k, y - 10 * k, ctx.px(16), palette::blue,
                    Align::Right);
  }
  const Duration step = axis_step(s.frame.t1 - s.frame.t0);
  for (Time t = s.frame.t0; t <= s.frame.t1; t += step)
    ctx.canvas.fill_rect({s.time_x(t) - k / 2, p.y, k, p.h}, palette::grid);
  ctx.canvas.fill_rect({p.x, p.bottom(), p.w, 2 * k}, palette::ink);
}

// Labels in the first row where they do not overlap the previous label; one vertical line
// from the label down through the chart and the timeline.
void draw_milestones(const DrawContext& ctx, const SummaryLayout& s, const IncidentSummary& sum) {
  const float k = s.frame.scale;
  const Rect& rows = s.milestone_rows;
  const int row_count = 3;
  const float row_h = rows.h / row_count;
  std::vector<float> row_end(row_count, -1e9f);
  for (const Milestone& m : sum.milestones) {
    const float x = s.time_x(m.t);
    const sf::Color c = milestone_colour(m.kind);
    const float w = ctx.canvas.text_width(m.label, ctx.px(17)) + 14 * k;
    float left = std::clamp(x - w / 2, rows.x - w / 2, rows.right() - w / 2);
    int row = 0;
    bool fits = false;
    for (int r = 0; r < row_count && !fits; ++r) {
      fits = left > row_end[static_cast<std::size_t>(r)] + 6 * k;
      if (fits || row_end[static_cast<std::size_t>(r)] < row_end[static_cast<std::size_t>(row)])
        row = r;
    }
    // No row is free at its line: beside the label before it in the row that ends first, so
    // that labels never cover each other (its colour ties it to its line).
    if (!fits) left = row_end[static_cast<std::size_t>(row)] + 6 * k;
    row_end[static_cast<std::size_t>(row)] = left + w;
    const Rect box{left, rows.y + row_h * static_cast<float>(row) + 2 * k, w, row_h - 6 * k};
    const float line_w =
        (m.kind == MilestoneKind::Detection || m.kind == MilestoneKind::FirstPage ? 3.f : 2.f) * k;
    ctx.canvas.fill_rect(
        {x - line_w / 2, box.bottom(), line_w, s.chart_plot.bottom() - box.bottom()}, c);
    const Rect& tp = s.frame.timeline_plot;
    ctx.canvas.fill_rect({x - line_w / 2, tp.y, line_w, tp.h}, palette::with_alpha(c, 160));
    ctx.canvas.rounded_box(box, 5 * k, c, c, 0);
    ctx.canvas.text(m.label, box.center_x(), box.y + 3 * k, ctx.px(17),
                    m.kind == MilestoneKind::Acknowledged ? palette::ink : sf::Color::White,
                    Align::Center);
  }
}

}  // namespace

void draw_summary(Canvas& canvas, sf::RenderTarget& target, const ReplayModel& model,
                  const SummaryLayout& layout, View view) {
  const IncidentSummary& summary = model.summary();
  target.clear(palette::background);
  const Snapshot snap = model.at(model.end());
  const FrameState state{model.end(), view, std::nullopt};
  const DrawContext ctx{canvas, model, layout.frame, snap, state};
  const float k = layout.frame.scale;
  canvas.text(summary.caption, layout.caption.x, layout.caption.y + 6 * k, ctx.px(22), palette::ink,
              Align::Left, layout.caption.w);
  for (std::size_t i = 0; i < layout.tiles.size() && i < summary.figures.size(); ++i)
    draw_tile(ctx, layout.tiles[i], summary.figures[i]);
  draw_chart_frame(ctx, layout, summary, view);
  draw_sli(ctx, layout, summary);
  draw_chart_legend(ctx, layout, view);
  draw_timeline_panel(ctx);
  draw_timeline_items(ctx);
  canvas.flush();  // milestone lines and labels go over the axis labels and span names

  draw_milestones(ctx, layout, summary);
  draw_summary_header(ctx, view);
  canvas.flush();
}

}  // namespace gameday::viz

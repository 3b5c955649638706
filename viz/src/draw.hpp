// Drawing a viewer frame with SFML, shared by `gameday render` (into a render texture), the video
// export and the replay window. Private to viz/: the only file set that includes SFML headers.
//
// Each part draws into its own rectangle of the FrameLayout through a Canvas, which batches the
// whole frame into a few draw calls (canvas.hpp); the context carries what the parts all need.
#pragma once

#include <SFML/Graphics.hpp>
#include <optional>
#include <string>

#include "canvas.hpp"
#include "gameday/viz/layout.hpp"
#include "gameday/viz/replay_model.hpp"
#include "gameday/viz/summary.hpp"

namespace gameday::viz {

struct FrameState {
  Time t;
  View view = View::Responders;
  std::optional<ServiceId> chart_service;
};

struct DrawContext {
  Canvas& canvas;
  const ReplayModel& model;
  const FrameLayout& layout;
  const Snapshot& snap;
  const FrameState& state;
  unsigned px(float size_at_1080) const;  // a text size scaled to the frame
};

// A frame is a scene and a moment. The scene is everything that depends on the state shown but
// not on the exact time: topology, chart, legend and timeline; a replay keeps it in a texture
// while the state stays the same (frame_painter.hpp). The moment is what moves with the time:
// the cursors and the header. Each leaves the canvas flushed.
void draw_scene(const DrawContext& ctx);
void draw_moment(const DrawContext& ctx);

void draw_header(const DrawContext& ctx);
void draw_topology(const DrawContext& ctx);
void draw_timeline_panel(const DrawContext& ctx);  // background, lane stripes and labels
// Time axis, impact windows, spans, pages and tickets, commands, milestones.
void draw_timeline_items(const DrawContext& ctx);
void draw_timeline_cursor(const DrawContext& ctx);  // the cursor at the frame's time
void draw_chart(const DrawContext& ctx, ServiceId service);
void draw_chart_cursor(const DrawContext& ctx);
void draw_legend(const DrawContext& ctx);
// The incident summary (summary.hpp) in its layout.
void draw_summary(Canvas& canvas, sf::RenderTarget& target, const ReplayModel& model,
                  const SummaryLayout& layout, View view);

// Every incident's impact window shaded across `band` (x as the layout's time axis).
void shade_impacts(const DrawContext& ctx, const Rect& band);
// A milestone's colour, the same on the frame's timeline and on the incident summary.
sf::Color milestone_colour(MilestoneKind k);

// The time axis' tick step: at most about a dozen ticks over `span`.
Duration axis_step(Duration span);
// "12m", "1h5m", "45s": the axis and header form of a time since the run's start.
std::string format_clock(Time t);

}  // namespace gameday::viz

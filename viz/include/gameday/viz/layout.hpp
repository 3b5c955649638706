// Where each element of a viewer frame goes, in pixels, computed without any graphics library:
// the header line, the topology (services in columns by call depth, left to right), the chart
// and legend column on the right, and the timeline across the bottom with one lane per kind of
// item. Drawing code and the pixel tests use the same layout, so a test can ask where a node or
// the timeline's x for a time is and sample exactly there.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"
#include "gameday/viz/replay_model.hpp"
#include "gameday/viz/summary.hpp"

namespace gameday::viz {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  float center_x() const { return x + w / 2; }
  float center_y() const { return y + h / 2; }
};

enum class LaneKind : std::uint8_t { Milestones, Faults, Alert, Notifications, Responses };
struct Lane {
  LaneKind kind = LaneKind::Alert;
  std::size_t alert = 0;  // for LaneKind::Alert
  std::string label;
  Rect rect;  // the lane's plot strip (right of the label column)
};

struct FrameLayout {
  float width = 0, height = 0;
  float scale = 1;  // text and line scale: 1 at 1080 pixels high
  Rect header;
  Rect topology;
  Rect chart;
  Rect chart_plot;  // the chart's curves: x from t0 to t1, like the timeline (but narrower)
  Rect legend;
  Rect timeline;            // the whole bottom panel
  Rect timeline_plot;       // where x maps to time: lanes and axis
  std::vector<Rect> nodes;  // by service id
  std::vector<Lane> lanes;
  Time t0, t1;  // the time axis' extent (the whole run)

  float time_x(Time t) const;
  Time x_time(float x) const;  // clamped to [t0, t1]
  // A point inside a node's box that no text or mark covers: its fill colour shows there.
  float node_probe_x(ServiceId s) const {
    return nodes[s.index()].right() - 0.05f * nodes[s.index()].w;
  }
  float node_probe_y(ServiceId s) const { return nodes[s.index()].y + 0.3f * nodes[s.index()].h; }
  const Lane* find_lane(LaneKind kind, std::size_t alert = 0) const;
  // The service whose box contains (x, y), if any.
  std::optional<ServiceId> service_at(float x, float y) const;
  // The replay window's details panel for a title and `lines` lines of text: at the bottom left
  // of the topology, above the playback status.
  Rect details_panel(std::size_t lines) const;
};

// The milestones lane (detection, acknowledgement, mitigation, recovery) heads the timeline of a
// frame; the incident summary marks its milestones across its chart instead.
enum class MilestoneLane : std::uint8_t { Shown, Omitted };
FrameLayout layout_frame(const ReplayModel& model, View view, unsigned width, unsigned height,
                         MilestoneLane milestones = MilestoneLane::Shown);

// Whether the timeline shows a response mark in `view` (facilitator commands: truth only).
bool is_shown(const ResponseMark& m, View view);

// The incident summary's picture: the header, a caption line, a row of key-figure tiles, the SLI
// chart, and the frame's timeline across the bottom. The chart's plot spans the same x as the
// timeline's, so a time has one x on both and a milestone is one vertical line through them.
struct SummaryLayout {
  FrameLayout frame;  // header, timeline, lanes and time axis (its topology, chart unused)
  Rect caption;
  std::vector<Rect> tiles;  // one per figure
  Rect chart;               // the SLI panel
  Rect milestone_rows;      // milestone labels, staggered in rows above the plot
  Rect chart_plot;          // x as frame.time_x; y from sli_floor (bottom) to 100% (top)
  double sli_floor = 0;
  float sli_y(double good_ratio) const;  // clamped to the plot
  float time_x(Time t) const { return frame.time_x(t); }
};

SummaryLayout layout_summary(const ReplayModel& model, View view, unsigned width, unsigned height);

}  // namespace gameday::viz

// The frame layout: proportions chosen for a 16:9 projector, scaled with the frame's height.
//
// Services go in columns by call depth. Within a column they are ordered by the mean row of
// their callers (a barycentre pass, left to right), which removes most edge crossings in the
// tree-like topologies scenarios describe; ties keep service id order, so the layout is stable.
#include "gameday/viz/layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gameday::viz {
namespace {

// Rows of each column, each a list of service ids in top-to-bottom order.
std::vector<std::vector<std::size_t>> order_columns(const ReplayModel& model) {
  const auto& depth = model.depth();
  const int columns = depth.empty() ? 0 : *std::max_element(depth.begin(), depth.end()) + 1;
  std::vector<std::vector<std::size_t>> cols(static_cast<std::size_t>(columns));
  for (std::size_t s = 0; s < depth.size(); ++s)
    cols[static_cast<std::size_t>(depth[s])].push_back(s);
  std::vector<double> row(depth.size(), 0.0);  // relative position in its column, 0..1
  const auto& deps = model.header().names.dependencies;
  for (auto& col : cols) {
    std::vector<double> key(depth.size(), 0.0);
    for (std::size_t s : col) {
      double total = 0;
      int n = 0;
      for (const auto& d : deps) {
        if (d.to.index() == s && d.from.index() < depth.size() &&
            depth[d.from.index()] < depth[s]) {
          total += row[d.from.index()];
          ++n;
        }
      }
      key[s] = n == 0 ? static_cast<double>(s) * 1e-6 : total / n + static_cast<double>(s) * 1e-9;
    }
    std::stable_sort(col.begin(), col.end(),
                     [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
    for (std::size_t i = 0; i < col.size(); ++i)
      row[col[i]] = (static_cast<double>(i) + 0.5) / static_cast<double>(col.size());
  }
  return cols;
}

void place_nodes(const ReplayModel& model, FrameLayout& l) {
  const auto cols = order_columns(model);
  l.nodes.assign(model.header().names.services.size(), Rect{});
  if (cols.empty()) return;
  const Rect& area = l.topology;
  const float pad = 16 * l.scale;
  const float col_w = (area.w - 2 * pad) / static_cast<float>(cols.size());
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const float row_h =
        (area.h - 2 * pad) / static_cast<float>(std::max<std::size_t>(cols[c].size(), 1));
    const float w = std::min(col_w * 0.62f, 310 * l.scale);
    const float h = std::min(row_h * 0.78f, 124 * l.scale);
    for (std::size_t r = 0; r < cols[c].size(); ++r) {
      const float cx = area.x + pad + col_w * (static_cast<float>(c) + 0.5f);
      const float cy = area.y + pad + row_h * (static_cast<float>(r) + 0.5f);
      l.nodes[cols[c][r]] = Rect{cx - w / 2, cy - h / 2, w, h};
    }
  }
}

// Lanes for responders and milestones exist whenever the run had responders, even before the
// first command, so the lanes of a game in progress do not move as it grows.
void place_lanes(const ReplayModel& model, View view, MilestoneLane milestones, FrameLayout& l) {
  const Timeline& tl = model.timeline();
  const bool responders = model.header().responders != "none";
  if (milestones == MilestoneLane::Shown && (responders || !model.summary().milestones.empty()))
    l.lanes.push_back({LaneKind::Milestones, 0, "milestones", {}});
  if (view == View::Truth) l.lanes.push_back({LaneKind::Faults, 0, "faults (truth)", {}});
  const auto& alerts = model.header().names.alerts;
  for (std::size_t a : tl.alert_lanes)
    l.lanes.push_back({LaneKind::Alert, a, a < alerts.size() ? alerts[a] : "alert", {}});
  l.lanes.push_back({LaneKind::Notifications, 0, "pages, tickets", {}});
  const bool any_response = std::any_of(tl.responses.begin(), tl.responses.end(),
                                        [&](const ResponseMark& m) { return is_shown(m, view); });
  if (responders || any_response) l.lanes.push_back({LaneKind::Responses, 0, "responders", {}});

  // The milestones lane is two rows of labels high; the responders' lane has a row of marks
  // and a row for the actions' labels above them.
  const auto rows = [](const Lane& lane) {
    return lane.kind == LaneKind::Milestones || lane.kind == LaneKind::Responses ? 2.f : 1.f;
  };
  float total_rows = 0;
  for (const Lane& lane : l.lanes) total_rows += rows(lane);
  const float axis_h = 44 * l.scale;
  const float title_h = 12 * l.scale;
  const float max_h = 0.36f * l.height;
  const float lane_h = std::min(38 * l.scale, (max_h - axis_h - title_h) / total_rows);
  const float h = title_h + lane_h * total_rows + axis_h;
  l.timeline = Rect{0, l.height - h, l.width, h};
  const float label_w = std::min(360 * l.scale, 0.25f * l.width);
  const float right_pad = 40 * l.scale;
  l.timeline_plot =
      Rect{label_w, l.timeline.y + title_h, l.width - label_w - right_pad, lane_h * total_rows};
  float y = l.timeline_plot.y;
  for (Lane& lane : l.lanes) {
    lane.rect = Rect{l.timeline_plot.x, y, l.timeline_plot.w, lane_h * rows(lane)};
    y += lane.rect.h;
  }
}

}  // namespace

float FrameLayout::time_x(Time t) const {
  const double span = static_cast<double>(std::max<std::int64_t>((t1 - t0).ns(), 1));
  const double f = static_cast<double>((t - t0).ns()) / span;
  return timeline_plot.x + static_cast<float>(f) * timeline_plot.w;
}

Time FrameLayout::x_time(float x) const {
  const double f = std::clamp((x - timeline_plot.x) / std::max(timeline_plot.w, 1.0f), 0.0f, 1.0f);
  return t0 + Duration::from_ns(std::llround(f * static_cast<double>((t1 - t0).ns())));
}

std::optional<ServiceId> FrameLayout::service_at(float x, float y) const {
  for (std::size_t s = 0; s < nodes.size(); ++s) {
    const Rect& r = nodes[s];
    if (x >= r.x && x < r.right() && y >= r.y && y < r.bottom()) return ServiceId::from_index(s);
  }
  return std::nullopt;
}

Rect FrameLayout::details_panel(std::size_t lines) const {
  const float w = std::min(640 * scale, topology.w - 32 * scale);
  const float h = 30 * scale * static_cast<float>(lines + 1) + 28 * scale;
  return {topology.x + 16 * scale, topology.bottom() - 56 * scale - h, w, h};
}

bool is_shown(const ResponseMark& m, View view) {
  return m.kind != ResponseKind::Facilitator || view == View::Truth;
}

const Lane* FrameLayout::find_lane(LaneKind kind, std::size_t alert) const {
  for (const Lane& lane : lanes) {
    if (lane.kind == kind && (kind != LaneKind::Alert || lane.alert == alert)) return &lane;
  }
  return nullptr;
}

FrameLayout layout_frame(const ReplayModel& model, View view, unsigned width, unsigned height,
                         MilestoneLane milestones) {
  FrameLayout l;
  l.width = static_cast<float>(width);
  l.height = static_cast<float>(height);
  l.scale = std::max(l.height / 1080.0f, 0.4f);
  l.t0 = Time::zero();
  l.t1 = model.axis_end();
  l.header = Rect{0, 0, l.width, 58 * l.scale};
  place_lanes(model, view, milestones, l);
  const float top = l.header.bottom();
  const float main_h = l.timeline.y - top;
  const float right_w = std::min(0.36f * l.width, 720 * l.scale);
  l.topology = Rect{0, top, l.width - right_w, main_h};
  l.chart = Rect{l.topology.right(), top, right_w, main_h * 0.6f};
  l.chart_plot = Rect{l.chart.x + 86 * l.scale, l.chart.y + 100 * l.scale,
                      l.chart.w - 180 * l.scale, l.chart.h - 175 * l.scale};
  l.legend = Rect{l.topology.right(), l.chart.bottom(), right_w, main_h - l.chart.h};
  place_nodes(model, l);
  return l;
}

float SummaryLayout::sli_y(double good_ratio) const {
  const double span = std::max(1 - sli_floor, 1e-9);
  const double f = std::clamp((good_ratio - sli_floor) / span, 0.0, 1.0);
  return chart_plot.bottom() - static_cast<float>(f) * chart_plot.h;
}

SummaryLayout layout_summary(const ReplayModel& model, View view, unsigned width, unsigned height) {
  const IncidentSummary& summary = model.summary();
  SummaryLayout s;
  s.frame = layout_frame(model, view, width, height, MilestoneLane::Omitted);
  FrameLayout& l = s.frame;
  l.topology = l.chart = l.chart_plot = l.legend = Rect{};
  l.nodes.clear();
  const float k = l.scale;
  const float pad = 20 * k;
  s.caption = Rect{pad, l.header.bottom() + 8 * k, l.width - 2 * pad, 36 * k};
  const std::size_t n = std::max<std::size_t>(summary.figures.size(), 1);
  const float gap = 16 * k;
  const float tile_w =
      (l.width - 2 * pad - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
  const float tile_y = s.caption.bottom() + 6 * k;
  for (std::size_t i = 0; i < summary.figures.size(); ++i)
    s.tiles.push_back(Rect{pad + (tile_w + gap) * static_cast<float>(i), tile_y, tile_w, 160 * k});
  const float chart_top = tile_y + 160 * k + 16 * k;
  s.chart = Rect{0, chart_top, l.width, l.timeline.y - chart_top};
  s.milestone_rows = Rect{l.timeline_plot.x, chart_top + 52 * k, l.timeline_plot.w, 3 * 30 * k};
  const float plot_top = s.milestone_rows.bottom() + 8 * k;
  s.chart_plot = Rect{l.timeline_plot.x, plot_top, l.timeline_plot.w,
                      std::max(s.chart.bottom() - 16 * k - plot_top, 40 * k)};
  s.sli_floor = summary.sli_floor;
  return s;
}

}  // namespace gameday::viz

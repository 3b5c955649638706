// What a click in the replay window shows: the details of a service box or of a timeline item
// (a milestone, fault or alert span, page, or command), as lines of text. Computed from the
// model and the frame's layout, without graphics, so the hit tests run without a display.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"
#include "gameday/viz/layout.hpp"
#include "gameday/viz/replay_model.hpp"

namespace gameday::viz {

struct Details {
  std::string title;
  std::vector<std::string> lines;
  std::optional<Time> t;  // a timeline item's time, where the window moves its cursor
};

// A service at the snapshot's time: health, traffic, latency, instances and calls.
Details service_details(const ReplayModel& model, const Snapshot& snap, ServiceId service);

// The timeline item under (x, y) in `view`: on a span's lane, the span under x; on a lane of
// marks, the mark nearest x within a few pixels. Nothing when the point is on no item.
std::optional<Details> timeline_details(const ReplayModel& model, const FrameLayout& layout,
                                        View view, float x, float y);

}  // namespace gameday::viz

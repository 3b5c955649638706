// The one-picture incident summary (`gameday render RUN --summary --out FILE.png`) as data,
// without graphics: the key figures, the milestones marked on the picture, and the SLI series
// of the most affected SLO.
//
// Every figure is the scorecard's (gameday::scoring, which reads the record only, like the
// viewer), so the picture and `gameday score` never disagree. When the run has several
// incidents the figures are those of the one with the most failed requests (the first on a
// tie); the impact windows of all of them are shaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"
#include "gameday/viz/replay_model.hpp"

namespace gameday::viz {

struct SummaryFigure {
  std::string label;   // "time to detect"
  std::string value;   // "1m20s"
  std::string detail;  // "impact start 12m40s -> first alert 14m"
};

enum class MilestoneKind : std::uint8_t {
  ImpactStart,
  Detection,
  FirstPage,
  Acknowledged,  // when a responder's acknowledgement is in the record
  Mitigated,     // when a responder's mitigating action is in the record
  ImpactEnd,
  Recovery,
};
struct Milestone {
  MilestoneKind kind = MilestoneKind::Detection;
  Time t;
  std::string label;  // "detected 14m"
};

struct ImpactWindow {
  Time start;
  Time end;              // the record's end when the impact was not over
  bool is_open = false;  // not confirmed over before the record ended
};

struct SliPoint {
  Time t;
  double good_ratio = 1;  // good / valid in the interval ending t
};

struct IncidentSummary {
  int incidents = 0;
  std::optional<int> shown;  // the incident the figures describe (1-based)
  std::string caption;       // "incident 1 of 1: orders-db-slow (latency), 12m to 32m; ..."
  std::vector<SummaryFigure> figures;  // six, in display order
  std::vector<ImpactWindow> impacts;   // every incident's
  std::vector<Milestone> milestones;   // of the shown incident, in time order
  // The chart: the SLO whose error budget the shown incident consumed most (without an
  // incident, the SLO with the lowest good share in any interval); none without SLO samples.
  std::optional<SloId> slo;
  std::string slo_name;
  double objective = 0;
  std::vector<SliPoint> sli;  // intervals with valid requests only
  double sli_floor = 0;       // the bottom of the chart's axis; the top is 100%
};

// Computes the summary; a ReplayModel does it once when it is built (ReplayModel::summary()).
IncidentSummary summarize(const ReplayModel& model);

// "1m20s", "-40s", "2h5m": a signed duration in the viewer's clock form.
std::string format_span(Duration d);
// "95,796"
std::string format_count(std::uint64_t n);

}  // namespace gameday::viz

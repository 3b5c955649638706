// The replay model on a hand-written record, with no display: health follows the fault and
// returns after it, instance marks and edges follow the events and samples, the timeline holds
// the fault, alert and page items, and the layout maps time to x and callers left of callees.
#include "gameday/viz/replay_model.hpp"

#include <gtest/gtest.h>

#include "gameday/viz/layout.hpp"
#include "viz_fixtures.hpp"

namespace gameday::viz {
namespace {

using testing::at;
using testing::two_service_record;

const ServiceId frontend{0}, db{1};

TEST(ReplayModel, HealthFollowsTheFaultAndRecovers) {
  const ReplayModel m(two_service_record());
  EXPECT_EQ(m.at(at(minutes(2))).services[frontend.index()].health, Health::Ok);
  const Snapshot during = m.at(at(seconds(270)));
  EXPECT_EQ(during.services[frontend.index()].health, Health::Critical);
  EXPECT_DOUBLE_EQ(during.services[frontend.index()].error_ratio, 0.6);
  EXPECT_EQ(during.services[db.index()].health, Health::Critical);
  EXPECT_EQ(m.at(at(minutes(9))).services[frontend.index()].health, Health::Ok);
}

TEST(ReplayModel, NoSampleYetIsIdle) {
  const ReplayModel m(two_service_record());
  EXPECT_EQ(m.at(at(seconds(5))).services[frontend.index()].health, Health::Idle);
}

TEST(ReplayModel, InstanceMarksFollowEvents) {
  const ReplayModel m(two_service_record());
  const auto marks = [&](Duration t) {
    std::vector<InstanceMark> out;
    const Snapshot snap = m.at(at(t));
    for (const InstanceState& i : snap.services[db.index()].instances) out.push_back(i.mark);
    return out;
  };
  EXPECT_EQ(marks(minutes(2)), (std::vector{InstanceMark::Up, InstanceMark::Up}));
  EXPECT_EQ(marks(minutes(4)), (std::vector{InstanceMark::Down, InstanceMark::Up}));
  EXPECT_EQ(marks(minutes(7)), (std::vector{InstanceMark::Cold, InstanceMark::Up}));
  EXPECT_EQ(marks(minutes(9)), (std::vector{InstanceMark::Up, InstanceMark::Up}));
}

TEST(ReplayModel, EdgesCarryRateAndFailureShare) {
  const ReplayModel m(two_service_record());
  const EdgeState e = m.at(at(minutes(4))).edges[0];
  EXPECT_DOUBLE_EQ(e.call_rate, 10.0);  // 100 calls per 10 s
  EXPECT_DOUBLE_EQ(e.failure_share, 0.5);
  EXPECT_DOUBLE_EQ(m.at(at(minutes(8))).edges[0].failure_share, 0.0);
  EXPECT_DOUBLE_EQ(m.max_call_rate(), 10.0);
}

TEST(ReplayModel, TimelineHasFaultAlertAndPageItems) {
  const ReplayModel m(two_service_record());
  const Timeline& tl = m.timeline();
  ASSERT_EQ(tl.faults.size(), 1u);
  EXPECT_EQ(tl.faults[0].start, at(minutes(3)));
  EXPECT_EQ(tl.faults[0].end, at(minutes(6)));
  EXPECT_EQ(tl.faults[0].label, "db-down");
  ASSERT_EQ(tl.alerts.size(), 2u);
  EXPECT_EQ(tl.alerts[0].kind, SpanKind::AlertPending);
  EXPECT_EQ(tl.alerts[0].end, at(minutes(4)));
  EXPECT_EQ(tl.alerts[1].kind, SpanKind::AlertFiring);
  EXPECT_EQ(tl.alerts[1].end, at(minutes(7)));
  EXPECT_FALSE(tl.alerts[1].is_open);
  EXPECT_EQ(tl.alert_lanes, (std::vector<std::size_t>{0}));
  ASSERT_EQ(tl.marks.size(), 2u);
  EXPECT_EQ(tl.marks[0].kind, MarkKind::Page);
  EXPECT_EQ(tl.marks[0].t, at(seconds(250)));
  EXPECT_EQ(tl.marks[1].kind, MarkKind::Ticket);
}

TEST(ReplayModel, UnendedSpansRunToTheEnd) {
  auto r = two_service_record();
  std::erase_if(r.events,
                [](const eventlog::Event& e) { return e.kind == eventlog::EventKind::FaultEnd; });
  const ReplayModel m(std::move(r));
  EXPECT_TRUE(m.timeline().faults[0].is_open);
  EXPECT_EQ(m.timeline().faults[0].end, m.end());
}

TEST(ReplayModel, PeakImpactIsTheWorstSourceInterval) {
  const ReplayModel m(two_service_record());
  EXPECT_EQ(m.peak_impact(), at(seconds(270)));
  EXPECT_EQ(m.end(), at(minutes(10)));
}

TEST(ReplayModel, ResponderEventTimesHideFaults) {
  const ReplayModel m(two_service_record());
  const auto truth = m.event_times(View::Truth);
  const auto responders = m.event_times(View::Responders);
  EXPECT_EQ(truth.front(), at(minutes(3)));  // fault_start and instance_down share 3m
  EXPECT_EQ(responders.front(), at(minutes(3)));
  auto r = two_service_record();
  r.events.erase(r.events.begin() + 1);  // only the fault starts at 3m now
  const ReplayModel hidden(std::move(r));
  EXPECT_EQ(hidden.event_times(View::Responders).front(), at(seconds(210)));
}

TEST(ReplayModel, WorstServiceAndDepth) {
  const ReplayModel m(two_service_record());
  EXPECT_EQ(m.depth(), (std::vector<int>{0, 1}));
  EXPECT_EQ(m.worst_service(m.at(at(minutes(2)))), frontend);  // a tie keeps the lower id
  EXPECT_EQ(m.find_service("db"), db);
  EXPECT_FALSE(m.find_service("nope"));
}

TEST(ReplayModel, EmptyRecordDoesNotBreak) {
  eventlog::Record r;
  r.header.duration = minutes(5);
  r.header.names.services = {"lonely"};
  const ReplayModel m(std::move(r));
  EXPECT_EQ(m.end(), at(minutes(5)));
  EXPECT_EQ(m.peak_impact(), at(seconds(150)));
  EXPECT_EQ(m.at(at(minutes(1))).services[0].health, Health::Idle);
  const FrameLayout l = layout_frame(m, View::Truth, 800, 450);
  EXPECT_EQ(l.nodes.size(), 1u);
}

TEST(FrameLayout, TimeMapsAcrossThePlotAndCallersSitLeft) {
  const ReplayModel m(two_service_record());
  const FrameLayout l = layout_frame(m, View::Responders, 1920, 1080);
  EXPECT_FLOAT_EQ(l.time_x(at(Duration{})), l.timeline_plot.x);
  EXPECT_FLOAT_EQ(l.time_x(m.end()), l.timeline_plot.right());
  const Duration off = l.x_time(l.time_x(at(minutes(4)))) - at(minutes(4));
  EXPECT_LT(std::max(off, Duration{} - off), seconds(1));  // float pixels, integer time
  EXPECT_LT(l.nodes[frontend.index()].right(), l.nodes[db.index()].x);
  EXPECT_EQ(l.find_lane(LaneKind::Faults), nullptr);
  const FrameLayout truth = layout_frame(m, View::Truth, 1920, 1080);
  EXPECT_NE(truth.find_lane(LaneKind::Faults), nullptr);
}

TEST(ReplayModel, ViewNames) {
  EXPECT_EQ(parse_view("truth"), View::Truth);
  EXPECT_EQ(parse_view("responders"), View::Responders);
  EXPECT_FALSE(parse_view("facilitator"));
  EXPECT_EQ(view_name(View::Truth), "truth");
}

}  // namespace
}  // namespace gameday::viz

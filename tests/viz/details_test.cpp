// The responders' lane, the milestones and what a click shows, on the hand-written record with a
// responder's commands added, without a display: which commands the timeline keeps, where
// their lanes go, the details of a service and of each kind of timeline item, and the axis of
// a record still being written.
#include "gameday/viz/details.hpp"

#include <gtest/gtest.h>

#include "gameday/viz/summary.hpp"
#include "viz_fixtures.hpp"

namespace gameday::viz {
namespace {

using eventlog::EventKind;
using testing::at;
using testing::event;
using testing::two_service_record;

const ServiceId frontend{0}, db{1};

eventlog::Event command(Duration t, std::uint64_t seq, const std::string& verb,
                        const std::string& text, const std::string& role = "") {
  eventlog::Event e =
      event(t, EventKind::Command, eventlog::CommandIssued{"ana", role, text, verb, "", {}});
  e.seq = seq;
  return e;
}

// The fixture with ana's response: ack, a look, the IC role, a restart that takes effect 20 s
// later, a rejected command, a status update and a facilitator's inject.
eventlog::Record with_response() {
  eventlog::Record r = two_service_record();
  r.header.responders = "commands";
  r.events.push_back(command(seconds(260), 900, "ack", "ack"));
  r.events.push_back(command(seconds(265), 901, "status", "status"));
  r.events.push_back(command(seconds(270), 902, "role", "role ic", "incident_commander"));
  r.events.push_back(command(seconds(280), 903, "restart", "restart db-1", "incident_commander"));
  eventlog::Event effect = event(seconds(300), EventKind::ActionEffect,
                                 eventlog::ActionTookEffect{"restart db-1", "restart"});
  effect.cause = 903;
  r.events.push_back(effect);
  eventlog::Event rejected = command(seconds(285), 904, "restart", "restart db-9");
  std::get<eventlog::CommandIssued>(rejected.data).error = "no instance db-9";
  r.events.push_back(rejected);
  r.events.push_back(command(seconds(320), 905, "update", "update db restarting"));
  r.events.push_back(command(seconds(330), 906, "!inject", "!inject db-down"));
  std::stable_sort(r.events.begin(), r.events.end(),
                   [](const eventlog::Event& a, const eventlog::Event& b) { return a.t < b.t; });
  return r;
}

TEST(ResponseTimeline, KeepsAcceptedCommandsThatChangeSomething) {
  const ReplayModel m(with_response());
  const auto& rs = m.timeline().responses;
  ASSERT_EQ(rs.size(), 5u);  // no status (a look), no rejected restart
  EXPECT_EQ(rs[0].kind, ResponseKind::Process);
  EXPECT_EQ(rs[0].text, "ack");
  EXPECT_EQ(rs[1].role, "incident_commander");
  EXPECT_EQ(rs[2].kind, ResponseKind::Action);
  EXPECT_EQ(rs[2].text, "restart db-1");
  EXPECT_EQ(rs[2].took_effect, at(seconds(300)));
  EXPECT_EQ(rs[3].kind, ResponseKind::Update);
  EXPECT_EQ(rs[4].kind, ResponseKind::Facilitator);
  EXPECT_FALSE(is_shown(rs[4], View::Responders));
  EXPECT_TRUE(is_shown(rs[4], View::Truth));
}

TEST(ResponseTimeline, LanesForMilestonesAndRespondersOnlyWhenThereWereResponders) {
  const ReplayModel none(two_service_record());
  const FrameLayout plain = layout_frame(none, View::Responders, 1920, 1080);
  EXPECT_EQ(plain.find_lane(LaneKind::Responses), nullptr);
  const ReplayModel m(with_response());
  const FrameLayout l = layout_frame(m, View::Responders, 1920, 1080);
  ASSERT_NE(l.find_lane(LaneKind::Responses), nullptr);
  ASSERT_NE(l.find_lane(LaneKind::Milestones), nullptr);
  EXPECT_EQ(l.lanes.front().kind, LaneKind::Milestones);
  EXPECT_EQ(l.lanes.back().kind, LaneKind::Responses);
  const FrameLayout summary = layout_frame(m, View::Responders, 1920, 1080, MilestoneLane::Omitted);
  EXPECT_EQ(summary.find_lane(LaneKind::Milestones), nullptr);
}

TEST(Details, ServiceShowsHealthInstancesAndCalls) {
  const ReplayModel m(with_response());
  const FrameLayout l = layout_frame(m, View::Responders, 1920, 1080);
  const Rect& box = l.nodes[db.index()];
  EXPECT_EQ(l.service_at(box.center_x(), box.center_y()), db);
  EXPECT_FALSE(l.service_at(l.topology.x + 2, l.topology.y + 2));
  const Details during = service_details(m, m.at(at(seconds(270))), db);
  EXPECT_EQ(during.title, "db at 4m30s");
  ASSERT_GE(during.lines.size(), 2u);
  EXPECT_EQ(during.lines[0].rfind("critical", 0), 0u) << during.lines[0];
  EXPECT_NE(during.lines[1].find("1 up of 2"), std::string::npos) << during.lines[1];
  EXPECT_NE(during.lines[1].find("db-1 down"), std::string::npos) << during.lines[1];
  const Details caller = service_details(m, m.at(at(seconds(270))), frontend);
  ASSERT_EQ(caller.lines.size(), 3u);
  EXPECT_EQ(caller.lines[2], "calls db: 10/s, 60.0% failed");
  const Details after = service_details(m, m.at(at(minutes(9))), db);
  EXPECT_EQ(after.lines[1], "instances: 2 up of 2");
}

TEST(Details, ServiceInstancesByZoneWhenThereAreZones) {
  eventlog::Record r = two_service_record();
  r.header.names.zones = {"a", "b"};
  r.header.names.instances[2].zone = ZoneId{1};  // db-2 in zone b; db-1 (down 3m-6m) in a
  const ReplayModel m(std::move(r));
  const Details during = service_details(m, m.at(at(seconds(270))), db);
  ASSERT_EQ(during.lines.size(), 3u);
  EXPECT_EQ(during.lines[2], "up by zone: a 0/1, b 1/1");
  const ReplayModel one_zone(two_service_record());
  EXPECT_EQ(service_details(one_zone, one_zone.at(at(seconds(270))), db).lines.size(), 2u);
}

TEST(Details, TimelineItemsUnderTheClick) {
  const ReplayModel m(with_response());
  const FrameLayout l = layout_frame(m, View::Responders, 1920, 1080);
  const Lane* responses = l.find_lane(LaneKind::Responses);
  ASSERT_NE(responses, nullptr);
  const auto restart = timeline_details(m, l, View::Responders, l.time_x(at(seconds(280))) + 3,
                                        responses->rect.center_y());
  ASSERT_TRUE(restart);
  EXPECT_EQ(restart->title, "4m40s  ana (incident_commander)");
  EXPECT_EQ(restart->t, at(seconds(280)));
  EXPECT_EQ(restart->lines,
            (std::vector<std::string>{"restart db-1", "action", "took effect at 5m"}));
  // The inject is the facilitator's: nothing to pick in the responders' view, in the truth view
  // it is there.
  const float inject_x = l.time_x(at(seconds(330)));
  EXPECT_FALSE(timeline_details(m, l, View::Responders, inject_x, responses->rect.center_y()));
  const FrameLayout truth = layout_frame(m, View::Truth, 1920, 1080);
  const auto inject = timeline_details(m, truth, View::Truth, inject_x,
                                       truth.find_lane(LaneKind::Responses)->rect.center_y());
  ASSERT_TRUE(inject);
  EXPECT_EQ(inject->title, "5m30s  the facilitator");

  const Lane* alert = l.find_lane(LaneKind::Alert, 0);
  const auto firing =
      timeline_details(m, l, View::Responders, l.time_x(at(minutes(5))), alert->rect.center_y());
  ASSERT_TRUE(firing);
  EXPECT_EQ(firing->title, "alert DbErrors");
  EXPECT_EQ(firing->lines, (std::vector<std::string>{"firing from 4m to 7m (3m)"}));
  EXPECT_FALSE(
      timeline_details(m, l, View::Responders, l.time_x(at(minutes(9))), alert->rect.center_y()));

  const Lane* pages = l.find_lane(LaneKind::Notifications);
  const auto page =
      timeline_details(m, l, View::Responders, l.time_x(at(seconds(250))), pages->rect.center_y());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->title, "4m10s  page");

  const Lane* milestones = l.find_lane(LaneKind::Milestones);
  ASSERT_FALSE(m.summary().milestones.empty());
  const Milestone& first = m.summary().milestones.front();
  const auto mark =
      timeline_details(m, l, View::Responders, l.time_x(first.t), milestones->rect.center_y());
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->title, first.label);
  EXPECT_FALSE(
      timeline_details(m, l, View::Responders, l.timeline_plot.x - 20, pages->rect.center_y()));
}

TEST(ReplayModel, AnUnfinishedRecordKeepsThePlannedAxis) {
  eventlog::Record r = two_service_record();
  r.end.reset();
  std::erase_if(r.events, [](const eventlog::Event& e) { return e.t > at(minutes(4)); });
  std::erase_if(r.service_samples, [](const auto& s) { return s.t > at(minutes(4)); });
  const ReplayModel growing(std::move(r));
  EXPECT_FALSE(growing.is_complete());
  EXPECT_EQ(growing.end(), at(minutes(4)));
  EXPECT_EQ(growing.axis_end(), at(minutes(10)));
  const ReplayModel done(two_service_record());
  EXPECT_TRUE(done.is_complete());
  EXPECT_EQ(done.axis_end(), done.end());
}

// The fixture's SLO (99% over 30 days) sees 100 valid requests every 10 s, and 50 bad ones in
// each interval of the fault (60 in the one ending 4m30s). The budget used by t is
// bad / (1% x E), E the valid requests 30 days hold at the rate so far: 10 per second.
TEST(ChartObjectives, BudgetUsedFollowsTheSloSamples) {
  const ReplayModel m(two_service_record());
  const ServiceObjective o = m.objective(frontend);
  EXPECT_NEAR(o.allowed_error, 0.01, 1e-12);  // 1 - 0.99
  EXPECT_FALSE(o.latency);
  ASSERT_TRUE(o.budget_slo);
  EXPECT_FALSE(m.objective(db).budget_slo);  // no SLO on db: no budget, 1% allowed
  EXPECT_DOUBLE_EQ(m.objective(db).allowed_error, 0.01);
  const double e = 10.0 * 30 * 24 * 3600;
  const auto before = m.budget_at(frontend, at(minutes(3)));
  ASSERT_TRUE(before);
  EXPECT_EQ(before->slo, "frontend-availability");
  EXPECT_EQ(before->window, hours(24 * 30));
  EXPECT_DOUBLE_EQ(before->consumed, 0);
  EXPECT_NEAR(m.budget_at(frontend, at(minutes(4)))->consumed, 6 * 50 / (0.01 * e), 1e-12);
  EXPECT_NEAR(m.budget_at(frontend, at(minutes(10)))->consumed, (17 * 50 + 60) / (0.01 * e), 1e-12);
  EXPECT_FALSE(m.budget_at(db, at(minutes(10))));
}

}  // namespace
}  // namespace gameday::viz

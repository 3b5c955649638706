// The incident summary's content from the hand-written record (15 minutes, so the impact is
// confirmed over): the figures agree with the scorecard's definitions, the milestones are the
// incident's instants, and the chart shows the SLO the incident hurt.
#include "gameday/viz/summary.hpp"

#include <gtest/gtest.h>

#include "viz_fixtures.hpp"

namespace gameday::viz {
namespace {

using testing::at;

class SummaryTest : public ::testing::Test {
 protected:
  ReplayModel model_{testing::two_service_record(minutes(15))};
  IncidentSummary s_ = summarize(model_);

  const SummaryFigure& figure(const std::string& label) const {
    for (const SummaryFigure& f : s_.figures) {
      if (f.label == label) return f;
    }
    static const SummaryFigure none{"?", "?", "?"};
    ADD_FAILURE() << "no figure " << label;
    return none;
  }
};

// Impact starts at the end of the first breaching interval (3m10s), the alert fires at 4m, the
// page goes out at 4m10s; the last breaching interval ends at 6m, when the fault ends too. Nobody
// acted, so the impact ended on its own: no time to mitigate.
TEST_F(SummaryTest, FiguresAreTheIncidentsDurations) {
  EXPECT_EQ(s_.incidents, 1);
  EXPECT_EQ(s_.shown, 1);
  ASSERT_EQ(s_.figures.size(), 6u);
  EXPECT_EQ(figure("time to detect").value, "50s");
  EXPECT_NE(figure("time to detect").detail.find("DbErrors"), std::string::npos);
  EXPECT_EQ(figure("time to page").value, "1m");
  EXPECT_EQ(figure("impact (ended on its own)").value, "2m50s");
  EXPECT_EQ(figure("time to recover").value, "3m");
}

// 18 intervals of 50 failed requests, one of them 60: 910. The SLO allows 1% of 10 requests/s
// over 30 days, 259,200 bad requests; 910 of them is 0.351%.
TEST_F(SummaryTest, FailedRequestsAndBudget) {
  EXPECT_EQ(figure("failed requests").value, "910");
  EXPECT_EQ(figure("error budget consumed").value, "0.35%");
  EXPECT_NE(figure("error budget consumed").detail.find("frontend-availability (30d)"),
            std::string::npos);
}

TEST_F(SummaryTest, MilestonesInTimeOrder) {
  ASSERT_EQ(s_.milestones.size(), 4u);
  EXPECT_EQ(s_.milestones[0].kind, MilestoneKind::ImpactStart);
  EXPECT_EQ(s_.milestones[0].t, at(seconds(190)));
  EXPECT_EQ(s_.milestones[1].kind, MilestoneKind::Detection);
  EXPECT_EQ(s_.milestones[1].t, at(minutes(4)));
  EXPECT_EQ(s_.milestones[2].kind, MilestoneKind::FirstPage);
  EXPECT_EQ(s_.milestones[2].t, at(seconds(250)));
  EXPECT_EQ(s_.milestones[3].kind, MilestoneKind::ImpactEnd);
  EXPECT_EQ(s_.milestones[3].t, at(minutes(6)));
  ASSERT_EQ(s_.impacts.size(), 1u);
  EXPECT_FALSE(s_.impacts[0].is_open);
}

TEST_F(SummaryTest, ChartIsTheHurtSloWithItsObjective) {
  ASSERT_TRUE(s_.slo.has_value());
  EXPECT_EQ(s_.slo_name, "frontend-availability");
  EXPECT_DOUBLE_EQ(s_.objective, 0.99);
  ASSERT_EQ(s_.sli.size(), 90u);                 // every 10 s for 15 minutes
  EXPECT_DOUBLE_EQ(s_.sli[26].good_ratio, 0.4);  // the interval ending 4m30s
  EXPECT_DOUBLE_EQ(s_.sli_floor, 0.0);           // 60% bad needs the whole axis
}

// Over before five clean minutes passed: the impact is still open when the record ends.
TEST(Summary, AnImpactNotConfirmedOverIsOpen) {
  const ReplayModel model{testing::two_service_record(minutes(10))};
  const IncidentSummary s = summarize(model);
  ASSERT_EQ(s.impacts.size(), 1u);
  EXPECT_TRUE(s.impacts[0].is_open);
  EXPECT_EQ(s.impacts[0].end, at(minutes(10)));
  EXPECT_EQ(s.figures[2].value, "6m50s+");
}

TEST(Summary, Formats) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(95796), "95,796");
  EXPECT_EQ(format_count(1234567), "1,234,567");
  EXPECT_EQ(format_span(seconds(-40)), "-40s");
  EXPECT_EQ(format_span(seconds(3725)), "1h2m5s");
  EXPECT_EQ(format_span(Duration{}), "0s");
}

}  // namespace
}  // namespace gameday::viz

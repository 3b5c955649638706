// Rendered pixels, under Xvfb (CTest runs this suite through `xvfb-run -a`; without a display
// every case skips). Each case renders the hand-written record and samples where the layout says
// an element is: a node's fill follows its fault and recovers, a page mark stands at its time's
// x, and only the truth view draws the fault span.
#include "gameday/viz/render.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "cli_helpers.hpp"
#include "gameday/viz/layout.hpp"
#include "viz_fixtures.hpp"

namespace gameday::viz {
namespace {

using testing::at;

constexpr unsigned width = 1280, height = 720;
const ServiceId frontend{0};

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const Result r = check_display(); r.outcome != Outcome::Ok)
      GTEST_SKIP() << r.message << " (run under xvfb-run -a)";
  }
  Pixels render(Duration t, View view) {
    FrameOptions o;
    o.at = at(t);
    o.view = view;
    o.width = width;
    o.height = height;
    Pixels px;
    const Result r = render_pixels(model_, o, px);
    EXPECT_EQ(r.outcome, Outcome::Ok) << r.message;
    if (r.outcome != Outcome::Ok) {  // sampling below then reads a blank frame, not past the end
      px.width = width;
      px.height = height;
      px.rgba.assign(std::size_t{width} * height * 4, 0);
    }
    return px;
  }
  FrameLayout layout(View view) const { return layout_frame(model_, view, width, height); }

  ReplayModel model_{testing::two_service_record()};
};

bool near(Pixels::Rgb c, int r, int g, int b, int tolerance = 40) {
  return std::abs(c.r - r) + std::abs(c.g - g) + std::abs(c.b - b) <= tolerance;
}
// The Okabe-Ito blue of a healthy node, and the reddish purple of a fault span.
bool is_blue(Pixels::Rgb c) {
  return near(c, 0, 114, 178);
}
bool is_purplish(Pixels::Rgb c) {
  return c.r > c.g + 40 && c.b > c.g + 15;
}

TEST_F(RenderTest, NodeColourChangesWhenTheFaultHitsAndReturns) {
  const FrameLayout l = layout(View::Responders);
  const auto x = static_cast<unsigned>(l.node_probe_x(frontend));
  const auto y = static_cast<unsigned>(l.node_probe_y(frontend));
  const Pixels before = render(minutes(2), View::Responders);
  const Pixels during = render(seconds(270), View::Responders);
  const Pixels after = render(minutes(9), View::Responders);
  EXPECT_TRUE(is_blue(before.at(x, y)));
  EXPECT_FALSE(is_blue(during.at(x, y)));
  EXPECT_GT(during.at(x, y).r, 150);  // vermillion, or its hatching
  EXPECT_TRUE(is_blue(after.at(x, y)));
}

TEST_F(RenderTest, PageMarkStandsAtItsTime) {
  const FrameLayout l = layout(View::Responders);
  const Lane* lane = l.find_lane(LaneKind::Notifications);
  ASSERT_NE(lane, nullptr);
  const Pixels px = render(minutes(9), View::Responders);
  const auto y = static_cast<unsigned>(lane->rect.center_y() - lane->rect.h * 0.15f);
  const auto x = static_cast<unsigned>(l.time_x(at(seconds(250))));
  const auto dark = [&](unsigned xx) {
    const Pixels::Rgb c = px.at(xx, y);
    return c.r < 80 && c.g < 80 && c.b < 80;
  };
  EXPECT_TRUE(dark(x));
  EXPECT_FALSE(dark(x - 20));  // 20 px is 9 s of a 10-minute run: the mark is narrower
  EXPECT_FALSE(dark(x + 20));
}

TEST_F(RenderTest, OnlyTheTruthViewShowsTheFaultSpan) {
  const auto purple_in_timeline = [&](View view) {
    const FrameLayout l = layout(view);
    const Pixels px = render(minutes(9), view);
    int count = 0;
    for (auto y = static_cast<unsigned>(l.timeline.y); y < height; ++y)
      for (unsigned x = 0; x < width; ++x) count += is_purplish(px.at(x, y)) ? 1 : 0;
    return count;
  };
  EXPECT_GT(purple_in_timeline(View::Truth), 500);
  EXPECT_EQ(purple_in_timeline(View::Responders), 0);
  const FrameLayout l = layout(View::Truth);
  const Lane* faults = l.find_lane(LaneKind::Faults);
  ASSERT_NE(faults, nullptr);
  const Pixels px = render(minutes(9), View::Truth);
  EXPECT_TRUE(is_purplish(px.at(static_cast<unsigned>(l.time_x(at(seconds(330)))),
                                static_cast<unsigned>(faults->rect.center_y()))));
}

TEST_F(RenderTest, MissingFontIsAnOutcomeNotACrash) {
  FrameOptions o;
  o.font_path = "/nonexistent/font.ttf";
  Pixels px;
  EXPECT_EQ(render_pixels(model_, o, px).outcome, Outcome::NoFont);
}

TEST_F(RenderTest, CommandWritesAPngAt1080p) {
  const testing::TempRun t;
  const auto png = t.dir / "frame.png";
  const auto r = testing::run_gameday(
      t, "", "render " + t.dir.string() + " --out " + png.string() + " --view truth --at 4m");
  EXPECT_EQ(r.code, 0) << r.err;
  std::ifstream in(png, std::ios::binary);
  char magic[8] = {};
  in.read(magic, 8);
  EXPECT_EQ(std::string(magic + 1, 3), "PNG");
}

TEST_F(RenderTest, CommandCannotWriteExitsWith3) {
  const testing::TempRun t;
  const auto r =
      testing::run_gameday(t, "", "render " + t.dir.string() + " --out /nonexistent/dir/frame.png");
  EXPECT_EQ(r.code, 3) << r.err;
}

}  // namespace
}  // namespace gameday::viz

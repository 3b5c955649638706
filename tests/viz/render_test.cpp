// Rendered pixels, under Xvfb (CTest runs this suite through `xvfb-run -a`; without a display
// every case skips). Each case renders the hand-written record and samples where the layout says
// an element is: a node's fill follows its fault and recovers, a page mark stands at its time's
// x, and only the truth view draws the fault span. The incident summary's cases check its
// impact window, detection line and SLI curve the same way.
#include "gameday/viz/render.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli_helpers.hpp"
#include "gameday/viz/layout.hpp"
#include "gameday/viz/summary.hpp"
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

// A link planted at the output is refused (exit 3), never followed: what it points to keeps its
// bytes, and no temporary is left beside it. A PNG replacing an ordinary file is whole and has
// the mode any new file gets.
TEST_F(RenderTest, CommandNeverWritesThroughALink) {
  const testing::TempRun t;
  const auto victim = t.dir / "victim.txt";
  std::ofstream(victim) << "keep";
  std::filesystem::create_symlink(victim, t.dir / "frame.png");
  const auto r = testing::run_gameday(
      t, "", "render " + t.dir.string() + " --out " + (t.dir / "frame.png").string());
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("is a symbolic link"), std::string::npos) << r.err;
  std::ifstream in(victim);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "keep");
  EXPECT_TRUE(std::filesystem::is_symlink(t.dir / "frame.png"));
  for (const auto& e : std::filesystem::directory_iterator(t.dir))
    EXPECT_EQ(e.path().filename().string().find(".partial-"), std::string::npos) << e.path();

  const auto png = t.dir / "peak.png";
  std::ofstream(png) << "old";
  ASSERT_EQ(testing::run_gameday(t, "", "render " + t.dir.string() + " --out " + png.string()).code,
            0);
  EXPECT_GT(std::filesystem::file_size(png), 1000u);
  const auto perms = std::filesystem::status(png).permissions();
  EXPECT_NE(perms & std::filesystem::perms::owner_read, std::filesystem::perms::none);
  EXPECT_NE(perms & std::filesystem::perms::group_read, std::filesystem::perms::none);
}

// `play` starts the live view with its output in RUN/viewer.log: a link planted there is not
// followed (the game goes on without the live view), so what it points to keeps its bytes.
TEST_F(RenderTest, PlayNeverWritesTheViewerLogThroughALink) {
  const testing::TempRun t;
  const auto victim = t.dir / "victim.txt";
  std::ofstream(victim) << "keep";
  std::filesystem::create_directories(t.dir / "game");
  std::filesystem::create_symlink(victim, t.dir / "game" / "viewer.log");
  const auto r =
      testing::run_gameday(t, "(sleep 0.3; echo '!end') |",
                           "play --duration 2m --viewer on --out " + (t.dir / "game").string());
  EXPECT_EQ(r.code, 0) << r.err;
  std::ifstream in(victim);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "keep");
  EXPECT_TRUE(std::filesystem::is_symlink(t.dir / "game" / "viewer.log"));
}

// A killed run's record still draws, and render says it is incomplete (the end line is missing).
TEST_F(RenderTest, CommandWarnsThatARecordWithoutItsEndLineIsIncomplete) {
  const testing::TempRun t;
  const auto png = t.dir / "frame.png";
  const std::string args = "render " + t.dir.string() + " --out " + png.string();
  const auto complete = testing::run_gameday(t, "", args);
  ASSERT_EQ(complete.code, 0) << complete.err;
  EXPECT_EQ(complete.err.find("no end line"), std::string::npos) << complete.err;

  std::string text;
  {
    std::ifstream in(t.dir / "events.jsonl");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  text.erase(text.rfind('\n', text.size() - 2) + 1);  // the end line is the last one
  std::ofstream(t.dir / "events.jsonl", std::ios::trunc) << text;
  const auto cut = testing::run_gameday(t, "", args);
  EXPECT_EQ(cut.code, 0) << cut.err;
  EXPECT_NE(
      cut.err.find("gameday render: warning: " + t.dir.string() + ": the record has no end line"),
      std::string::npos)
      << cut.err;
  EXPECT_TRUE(std::filesystem::exists(png));
}

TEST_F(RenderTest, CommandCannotWriteExitsWith3) {
  const testing::TempRun t;
  const auto r =
      testing::run_gameday(t, "", "render " + t.dir.string() + " --out /nonexistent/dir/frame.png");
  EXPECT_EQ(r.code, 3) << r.err;
}

// The incident summary of a 15-minute record (impact 3m10s to 6m, detected at 4m): the impact
// window is shaded on the timeline, the detection is a blue line at its time through the chart,
// and the SLI curve dips to 40% good at 4m30s and is back at 100% after.
class SummaryRenderTest : public RenderTest {
 protected:
  ReplayModel long_{testing::two_service_record(minutes(15))};
  const IncidentSummary& summary_ = long_.summary();
  SummaryLayout layout_ = layout_summary(long_, View::Truth, width, height);
  Pixels render_summary() {
    FrameOptions o;
    o.view = View::Truth;
    o.width = width;
    o.height = height;
    Pixels px;
    const Result r = render_summary_pixels(long_, o, px);
    EXPECT_EQ(r.outcome, Outcome::Ok) << r.message;
    if (r.outcome != Outcome::Ok) px.rgba.assign(std::size_t{width} * height * 4, 0);
    px.width = width;
    px.height = height;
    return px;
  }
  unsigned x_at(Duration t) const { return static_cast<unsigned>(layout_.time_x(at(t))); }
};

bool is_tinted(Pixels::Rgb c) {  // the translucent vermillion of the impact window
  return c.r > c.b + 25;
}

TEST_F(SummaryRenderTest, ImpactWindowIsShadedOnTheTimeline) {
  const Pixels px = render_summary();
  const Lane* lane = layout_.frame.find_lane(LaneKind::Notifications);
  ASSERT_NE(lane, nullptr);
  const auto y = static_cast<unsigned>(lane->rect.center_y());
  EXPECT_TRUE(is_tinted(px.at(x_at(seconds(330)), y)));  // 5m30s: inside, no mark there
  EXPECT_FALSE(is_tinted(px.at(x_at(minutes(9)), y)));   // after the impact
  EXPECT_FALSE(is_tinted(px.at(x_at(minutes(2)), y)));   // before the fault
}

TEST_F(SummaryRenderTest, DetectionIsABlueLineAtItsTime) {
  const Pixels px = render_summary();
  const auto y = static_cast<unsigned>(layout_.chart_plot.y + layout_.chart_plot.h * 0.8f);
  EXPECT_TRUE(is_blue(px.at(x_at(minutes(4)), y)));
  EXPECT_FALSE(is_blue(px.at(x_at(minutes(4)) + 12, y)));
  EXPECT_FALSE(is_blue(px.at(x_at(minutes(4)) - 12, y)));
}

TEST_F(SummaryRenderTest, SliCurveDipsDuringTheImpact) {
  const Pixels px = render_summary();
  // The curve's blue within a few pixels of where the layout puts a good share.
  const auto blue_near = [&](Duration t, double good) {
    const auto x = x_at(t) - 2;  // just before the sample: on the segment leading to it
    const auto y = static_cast<int>(layout_.sli_y(good));
    for (int dy = -4; dy <= 4; ++dy) {
      if (is_blue(px.at(x, static_cast<unsigned>(y + dy)))) return true;
    }
    return false;
  };
  EXPECT_TRUE(blue_near(seconds(270), 0.4));
  EXPECT_FALSE(blue_near(seconds(270), 1.0));
  EXPECT_TRUE(blue_near(minutes(9), 1.0));
  EXPECT_FALSE(blue_near(minutes(9), 0.4));
}

TEST_F(SummaryRenderTest, CommandWritesTheSummaryPng) {
  const testing::TempRun t;
  const auto png = t.dir / "summary.png";
  const auto r = testing::run_gameday(
      t, "", "render " + t.dir.string() + " --summary --out " + png.string() + " --size 800x450");
  EXPECT_EQ(r.code, 0) << r.err;
  std::ifstream in(png, std::ios::binary);
  char head[24] = {};
  in.read(head, 24);
  EXPECT_EQ(std::string(head + 1, 3), "PNG");
  const auto be32 = [&](int at) {
    const auto* b = reinterpret_cast<const unsigned char*>(head + at);
    return (unsigned{b[0]} << 24) | (unsigned{b[1]} << 16) | (unsigned{b[2]} << 8) | b[3];
  };
  EXPECT_EQ(be32(16), 800u);  // the IHDR chunk's width and height
  EXPECT_EQ(be32(20), 450u);
}

}  // namespace
}  // namespace gameday::viz

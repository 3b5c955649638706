// `gameday render` and `gameday replay` as users meet them, without a display: a clear message
// and exit code 4 instead of an abort inside SFML, and exit code 2 for bad options (including
// options that belong to another kind of output), before any graphics. The cases that draw are
// in render_test.cpp and video_test.cpp, which run under Xvfb.
#include <gtest/gtest.h>

#include "cli_helpers.hpp"

namespace gameday::viz {
namespace {

using testing::run_gameday;
using testing::TempRun;

TEST(RenderCommand, WithoutADisplayExitsWith4AndSaysHow) {
  const TempRun t;
  const auto r = run_gameday(t, "env -u DISPLAY",
                             "render " + t.dir.string() + " --out " + (t.dir / "x.png").string());
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("gameday: no X display: run under 'xvfb-run -a gameday render ...'"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(t.dir / "x.png"));
}

TEST(RenderCommand, AnUnreachableDisplayIsNoDisplayToo) {
  const TempRun t;
  const auto r = run_gameday(t, "env DISPLAY=:9876",
                             "render " + t.dir.string() + " --out " + (t.dir / "x.png").string());
  EXPECT_EQ(r.code, 4) << r.err;
}

TEST(RenderCommand, BadOptionsExitWith2) {
  const TempRun t;
  const std::string run = t.dir.string();
  const std::string png = (t.dir / "x.png").string();
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render " + run).code, 2);  // no --out
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render " + run + " --out x.jpg").code, 2);
  EXPECT_EQ(
      run_gameday(t, "env -u DISPLAY", "render " + run + " --out " + png + " --view god").code, 2);
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render " + run + " --out " + png + " --size 10").code,
            2);
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render " + run + " --out " + png + " --at 2h").code,
            2);  // after the record's end
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render /nonexistent --out " + png).code, 2);
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "replay " + run + " --speed 0").code, 2);
}

TEST(RenderCommand, OptionsOfAnotherOutputExitWith2) {
  const TempRun t;
  const std::string run = t.dir.string();
  const auto code = [&](const std::string& args) {
    return run_gameday(t, "env -u DISPLAY", "render " + run + " " + args).code;
  };
  EXPECT_EQ(code("--out x.png --fps 10"), 2);  // video options on a PNG
  EXPECT_EQ(code("--out x.png --from 1m"), 2);
  EXPECT_EQ(code("--out x.png --summary --at 3m"), 2);
  EXPECT_EQ(code("--out x.mp4 --at 3m"), 2);  // a video has --from and --to
  EXPECT_EQ(code("--out x.mp4 --summary"), 2);
  EXPECT_EQ(code("--out x.mp4 --size 321x240"), 2);  // H.264 4:2:0 needs even sizes
  EXPECT_EQ(code("--out x.gif --fps 60"), 2);        // over 50 for a GIF
  EXPECT_EQ(code("--out x.mp4 --fps 0"), 2);
  EXPECT_EQ(code("--out x.mp4 --from 5m --to 4m"), 2);
  EXPECT_EQ(code("--out x.mp4 --to 2h"), 2);        // after the record's end
  EXPECT_EQ(code("--out x.gif --speed 0.001"), 2);  // more than 100,000 frames
  EXPECT_EQ(code("--out x.mp4 --speed -1"), 2);
}

TEST(RenderCommand, ABadRecordExitsWith2) {
  const TempRun t;
  std::ofstream(t.dir / "events.jsonl") << "{\"type\":\"header\",\"seq\":0,\"format\":99}\n";
  const auto r = run_gameday(t, "env -u DISPLAY",
                             "render " + t.dir.string() + " --out " + (t.dir / "x.png").string());
  EXPECT_EQ(r.code, 2) << r.err;
}

// A video without a display: exit code 4 before ffmpeg is started, and no file.
TEST(RenderCommand, VideoWithoutADisplayExitsWith4) {
  const TempRun t;
  const auto r = run_gameday(t, "env -u DISPLAY",
                             "render " + t.dir.string() + " --out " + (t.dir / "x.mp4").string());
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("xvfb-run -a gameday render"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(t.dir / "x.mp4"));
}

TEST(ReplayCommand, WithoutADisplayExitsWith4) {
  const TempRun t;
  const auto r = run_gameday(t, "env -u DISPLAY", "replay " + t.dir.string());
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("xvfb-run -a gameday replay"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gameday::viz

// `gameday render` and `gameday replay` as users meet them, without a display: a clear message
// and exit code 4 instead of an abort inside SFML, and exit code 2 for bad options, before any
// graphics. The cases that draw are in render_test.cpp, which runs under Xvfb.
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
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render " + run + " --out x.gif").code, 2);
  EXPECT_EQ(
      run_gameday(t, "env -u DISPLAY", "render " + run + " --out " + png + " --view god").code, 2);
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render " + run + " --out " + png + " --size 10").code,
            2);
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render " + run + " --out " + png + " --at 2h").code,
            2);  // after the record's end
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "render /nonexistent --out " + png).code, 2);
  EXPECT_EQ(run_gameday(t, "env -u DISPLAY", "replay " + run + " --speed 0").code, 2);
}

TEST(RenderCommand, ABadRecordExitsWith2) {
  const TempRun t;
  std::ofstream(t.dir / "events.jsonl") << "{\"type\":\"header\",\"seq\":0,\"format\":99}\n";
  const auto r = run_gameday(t, "env -u DISPLAY",
                             "render " + t.dir.string() + " --out " + (t.dir / "x.png").string());
  EXPECT_EQ(r.code, 2) << r.err;
}

TEST(ReplayCommand, WithoutADisplayExitsWith4) {
  const TempRun t;
  const auto r = run_gameday(t, "env -u DISPLAY", "replay " + t.dir.string());
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("xvfb-run -a gameday replay"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gameday::viz

// The real replay window, driven like a user drives it: `gameday replay` runs as a child process
// on the private Xvfb display CTest starts (`xvfb-run -a -s "-screen 0 1920x1200x24"`), xdotool
// finds its window and types and clicks (through the XTEST extension, so the events arrive as
// real input), and ImageMagick's `import` takes screenshots of the window, which the test
// samples where the layout says the timeline cursor, a node or the faults lane is. Every case
// skips without a display, xdotool or import (scripts/install-deps installs them).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <thread>

#include "cli_helpers.hpp"
#include "gameday/viz/layout.hpp"
#include "gameday/viz/render.hpp"

extern char** environ;

namespace gameday::viz {
namespace {

using namespace std::chrono_literals;
using testing::at;

std::string run_output(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
  ::pclose(p);
  return out;
}

bool on_path(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// A screenshot of the window as raw RGB.
struct Shot {
  unsigned width = 0, height = 0;
  std::string rgb;
  Pixels::Rgb at(float x, float y) const {
    return at_pixel(static_cast<std::size_t>(x), static_cast<std::size_t>(y));
  }
  Pixels::Rgb at_pixel(std::size_t x, std::size_t y) const {
    const auto i = (y * width + x) * 3;
    if (i + 2 >= rgb.size()) return {};
    return {static_cast<std::uint8_t>(rgb[i]), static_cast<std::uint8_t>(rgb[i + 1]),
            static_cast<std::uint8_t>(rgb[i + 2])};
  }
  bool operator==(const Shot&) const = default;
};

bool is_dark(Pixels::Rgb c) {
  return c.r < 80 && c.g < 80 && c.b < 80;
}
bool is_blue(Pixels::Rgb c) {  // a healthy node
  return std::abs(c.r - 0) + std::abs(c.g - 114) + std::abs(c.b - 178) <= 40;
}
bool is_purplish(Pixels::Rgb c) {  // a fault span
  return c.r > c.g + 40 && c.b > c.g + 15;
}

class ReplayWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const Result r = check_display(); r.outcome != Outcome::Ok)
      GTEST_SKIP() << r.message << " (run under xvfb-run -a)";
    if (!on_path("xdotool") || !on_path("import"))
      GTEST_SKIP() << "xdotool or ImageMagick's import is missing (scripts/install-deps)";
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  // Starts `gameday replay` on the fixture and waits for its window, moved to the top left.
  void start(const std::string& args) {
    const std::string exe = GAMEDAY_EXE;
    const std::string log = (run_.dir / "replay.log").string();
    std::vector<std::string> argv = {exe, "replay", run_.dir.string()};
    std::size_t from = 0;
    while (from < args.size()) {
      const std::size_t to = std::min(args.find(' ', from), args.size());
      if (to > from) argv.push_back(args.substr(from, to - from));
      from = to + 1;
    }
    std::vector<char*> cargv;
    for (std::string& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    ASSERT_EQ(::posix_spawn(&pid_, exe.c_str(), &fa, nullptr, cargv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    window_ = run_output(
        "timeout 30 xdotool search --sync --onlyvisible --name "
        "'^gameday replay: db-down$' | head -1");
    while (!window_.empty() && window_.back() == '\n') window_.pop_back();
    ASSERT_FALSE(window_.empty()) << "no replay window appeared";
    xdo("windowmove --sync " + window_ + " 0 0");
    xdo("windowfocus --sync " + window_);
    const std::string geometry = run_output("xdotool getwindowgeometry --shell " + window_);
    unsigned w = 0, h = 0;
    for (std::size_t p = 0; p < geometry.size();) {
      const std::size_t e = std::min(geometry.find('\n', p), geometry.size());
      const std::string line = geometry.substr(p, e - p);
      if (line.rfind("WIDTH=", 0) == 0) w = static_cast<unsigned>(std::stoul(line.substr(6)));
      if (line.rfind("HEIGHT=", 0) == 0) h = static_cast<unsigned>(std::stoul(line.substr(7)));
      p = e + 1;
    }
    ASSERT_GT(w, 0u);
    ASSERT_GT(h, 0u);
    width_ = w;
    height_ = h;
  }

  void xdo(const std::string& args) {
    EXPECT_EQ(std::system(("xdotool " + args + " >/dev/null 2>&1").c_str()), 0) << args;
  }

  Shot shot() {
    const auto raw = run_.dir / "shot.rgb";
    std::system(("import -window " + window_ + " -depth 8 rgb:'" + raw.string() + "'").c_str());
    std::ifstream in(raw, std::ios::binary);
    Shot s{width_, height_, std::string(std::istreambuf_iterator<char>(in), {})};
    return s;
  }

  // The latest screenshot once `ok` holds for it, trying for up to 10 seconds.
  Shot shot_when(const std::function<bool(const Shot&)>& ok) {
    Shot s;
    for (int i = 0; i < 50; ++i) {
      s = shot();
      if (ok(s)) return s;
      std::this_thread::sleep_for(200ms);
    }
    return s;
  }

  FrameLayout layout(View view) const { return layout_frame(model_, view, width_, height_); }

  // The timeline cursor (a dark bar 3 px wide) stands at `t`: dark in the middle of the first
  // alert lane, where nothing else is drawn before 3m30s or after 7m.
  bool cursor_at(const Shot& s, View view, Duration t) const {
    const FrameLayout l = layout(view);
    const Lane* lane = l.find_lane(LaneKind::Alert, 0);
    return lane != nullptr && is_dark(s.at(l.time_x(at(t)), lane->rect.center_y()));
  }

  int purple_in_timeline(const Shot& s, View view) const {
    const FrameLayout l = layout(view);
    int n = 0;
    for (auto y = static_cast<unsigned>(l.timeline.y); y < height_; y += 2)
      for (unsigned x = 0; x < width_; x += 2) n += is_purplish(s.at_pixel(x, y)) ? 1 : 0;
    return n;
  }

  int wait_for_exit(std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(100ms);
    }
    return -1;
  }

  testing::TempRun run_;
  ReplayModel model_{testing::two_service_record()};
  pid_t pid_ = -1;
  std::string window_;
  unsigned width_ = 0, height_ = 0;
};

TEST_F(ReplayWindowTest, PausesSeeksStepsSwitchesViewAndQuits) {
  start("--at 1m --speed 60");
  if (HasFatalFailure()) return;
  // Playing: a minute of the run per second, so the picture moves.
  const Shot first = shot();
  std::this_thread::sleep_for(700ms);
  EXPECT_FALSE(shot() == first) << "the window does not advance while playing";

  // Space pauses: two screenshots a moment apart are the same.
  xdo("key space");
  std::this_thread::sleep_for(500ms);
  const Shot paused = shot();
  std::this_thread::sleep_for(800ms);
  EXPECT_TRUE(shot() == paused) << "the window still changes after space";

  // A click on the timeline seeks: the cursor stands at 2m, and the frontend is healthy (blue).
  const FrameLayout resp = layout(View::Responders);
  const Lane* lane = resp.find_lane(LaneKind::Alert, 0);
  ASSERT_NE(lane, nullptr);
  xdo("mousemove --sync " + std::to_string(static_cast<int>(resp.time_x(at(minutes(2))))) + " " +
      std::to_string(static_cast<int>(lane->rect.center_y())) + " click 1");
  Shot s = shot_when([&](const Shot& x) { return cursor_at(x, View::Responders, minutes(2)); });
  EXPECT_TRUE(cursor_at(s, View::Responders, minutes(2)));
  const ServiceId frontend{0};
  EXPECT_TRUE(is_blue(s.at(resp.node_probe_x(frontend), resp.node_probe_y(frontend))));
  EXPECT_EQ(purple_in_timeline(s, View::Responders), 0);  // no faults in the responders' view

  // Right steps to the next event after 2m: db-1 goes down at 3m.
  xdo("key Right");
  s = shot_when([&](const Shot& x) { return cursor_at(x, View::Responders, minutes(3)); });
  EXPECT_TRUE(cursor_at(s, View::Responders, minutes(3)));
  EXPECT_FALSE(cursor_at(s, View::Responders, minutes(2)));

  // t switches to the truth view: the faults lane appears with the fault span.
  xdo("key t");
  s = shot_when([&](const Shot& x) { return purple_in_timeline(x, View::Truth) > 200; });
  EXPECT_GT(purple_in_timeline(s, View::Truth), 200);

  // Right again: the alert goes pending at 3m30s; the frontend is failing by then.
  xdo("key Right");
  s = shot_when([&](const Shot& x) { return cursor_at(x, View::Truth, seconds(210)); });
  EXPECT_TRUE(cursor_at(s, View::Truth, seconds(210)));
  const FrameLayout truth = layout(View::Truth);
  EXPECT_FALSE(is_blue(s.at(truth.node_probe_x(frontend), truth.node_probe_y(frontend))));

  // Left steps back to the fault's start at 3m.
  xdo("key Left");
  s = shot_when([&](const Shot& x) { return cursor_at(x, View::Truth, minutes(3)); });
  EXPECT_TRUE(cursor_at(s, View::Truth, minutes(3)));

  // q quits with exit code 0.
  xdo("key q");
  EXPECT_EQ(wait_for_exit(10s), 0);
}

}  // namespace
}  // namespace gameday::viz

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

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "cli_helpers.hpp"
#include "gameday/core/diagnostics.hpp"
#include "gameday/eventlog/reader.hpp"
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

  // Starts `gameday replay` on `folder` (default: the fixture's) and waits for its window,
  // titled `title`, moved to the top left.
  void start(const std::string& args, const std::string& title = "gameday replay: db-down",
             std::filesystem::path folder = {}) {
    const std::string exe = GAMEDAY_EXE;
    const std::string log = (run_.dir / "replay.log").string();
    if (folder.empty()) folder = run_.dir;
    std::vector<std::string> argv = {exe, "replay", folder.string()};
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
    window_ = find_window("^" + title + "$");
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

  static std::string find_window(const std::string& name_pattern) {
    std::string id = run_output("timeout 30 xdotool search --sync --onlyvisible --name '" +
                                name_pattern + "' | head -1");
    while (!id.empty() && id.back() == '\n') id.pop_back();
    return id;
  }

  std::string window_name() {
    std::string name = run_output("xdotool getwindowname " + window_);
    while (!name.empty() && name.back() == '\n') name.pop_back();
    return name;
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

  void click(float x, float y) {
    xdo("mousemove --sync " + std::to_string(static_cast<int>(x)) + " " +
        std::to_string(static_cast<int>(y)) + " click 1");
  }

  // The details panel of `lines` lines is open: its blue border shows on its left edge.
  static bool panel_open(const Shot& s, const FrameLayout& l, std::size_t lines) {
    const Rect p = l.details_panel(lines);
    return is_blue(s.at(p.x + 1.5f * l.scale, p.center_y()));
  }

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

  // The live view of a game that has ended: it turns into the replay, and q closes it.
  void expect_replay_then_close_with_q() {
    for (int i = 0; i < 50 && window_name().rfind("gameday replay: ", 0) != 0; ++i)
      std::this_thread::sleep_for(200ms);
    EXPECT_EQ(window_name().rfind("gameday replay: ", 0), 0u) << window_name();
    xdo("windowfocus --sync " + window_);
    xdo("key q");
    bool closed = false;
    for (int i = 0; i < 50 && !closed; ++i) {
      closed = run_output("xdotool search --name '^gameday (live|replay): '").empty();
      std::this_thread::sleep_for(200ms);
    }
    EXPECT_TRUE(closed) << "q did not close the live view";
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

TEST_F(ReplayWindowTest, ClicksOpenDetailsOfAServiceAndOfATimelineItem) {
  start("--at 4m30s --speed 60");
  if (HasFatalFailure()) return;
  xdo("key space");  // paused at about 4m30s: db is down to one instance, the alert firing
  const FrameLayout l = layout(View::Responders);
  const ServiceId db{1};
  EXPECT_FALSE(panel_open(shot(), l, 2));

  // A click on db opens its details (two lines: health, instances).
  click(l.nodes[db.index()].center_x(), l.nodes[db.index()].center_y());
  Shot s = shot_when([&](const Shot& x) { return panel_open(x, l, 2); });
  EXPECT_TRUE(panel_open(s, l, 2));

  // Esc closes them and leaves the window open.
  xdo("key Escape");
  s = shot_when([&](const Shot& x) { return !panel_open(x, l, 2); });
  EXPECT_FALSE(panel_open(s, l, 2));

  // A click on the page mark opens its details (one line) and moves the cursor to 4m10s.
  const Lane* pages = l.find_lane(LaneKind::Notifications);
  ASSERT_NE(pages, nullptr);
  click(l.time_x(at(seconds(250))), pages->rect.center_y());
  s = shot_when([&](const Shot& x) {
    return panel_open(x, l, 1) && cursor_at(x, View::Responders, seconds(250));
  });
  EXPECT_TRUE(panel_open(s, l, 1));
  EXPECT_TRUE(cursor_at(s, View::Responders, seconds(250)));

  // Esc closes the details, a second Esc quits.
  xdo("key Escape");
  shot_when([&](const Shot& x) { return !panel_open(x, l, 1); });
  xdo("key Escape");
  EXPECT_EQ(wait_for_exit(10s), 0);
}

// The fixture's record in lines, and the index of the first line holding `text`.
std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line + "\n");
  return out;
}
std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
std::size_t first_with(const std::vector<std::string>& lines, const std::string& text) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].find(text) != std::string::npos) return i;
  return lines.size();
}

TEST_F(ReplayWindowTest, TheLiveViewFollowsTheRecordAsItGrows) {
  // The fixture's record written in three goes, as a game writes it: up to the fault, up to
  // its end, and the rest with the end line.
  const auto lines = lines_of(run_.dir / "events.jsonl");
  const std::size_t fault = first_with(lines, "\"fault_start\"");
  const std::size_t fault_end = first_with(lines, "\"fault_end\"");
  ASSERT_LT(fault, fault_end);
  ASSERT_LT(fault_end, lines.size());
  const auto live = run_.dir / "live";
  std::filesystem::create_directories(live);
  std::string written;
  std::size_t written_lines = 0;
  const auto write_to = [&](std::size_t end) {
    std::string more;
    for (; written_lines < end; ++written_lines) more += lines[written_lines];
    std::ofstream(live / "events.jsonl", std::ios::app) << more;
    written += more;
  };
  // The layout of what the window has read so far (its lanes grow with the record).
  const auto layout_of_written = [&] {
    Diagnostics diags;
    auto record = eventlog::parse_record(written, "live", diags);
    return layout_frame(ReplayModel(std::move(*record)), View::Responders, width_, height_);
  };
  write_to(fault);
  start("--follow", "gameday live: db-down", live);
  if (HasFatalFailure()) return;
  const ServiceId db{1};
  const auto db_blue = [&](const Shot& x) {
    const FrameLayout l = layout_of_written();
    return is_blue(x.at(l.node_probe_x(db), l.node_probe_y(db)));
  };
  Shot s = shot_when(db_blue);
  EXPECT_TRUE(db_blue(s)) << "before the fault db is healthy";
  // The truth view stays locked while the game goes on.
  xdo("key t");
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(purple_in_timeline(shot(), View::Responders), 0);

  write_to(fault_end);  // the fault hits: db turns critical on the live view
  s = shot_when([&](const Shot& x) { return !db_blue(x); });
  EXPECT_FALSE(db_blue(s)) << "the live view did not follow the record";

  write_to(lines.size());  // the end line: the live view becomes a replay
  for (int i = 0; i < 50 && window_name() != "gameday replay: db-down"; ++i)
    std::this_thread::sleep_for(200ms);
  EXPECT_EQ(window_name(), "gameday replay: db-down");
  xdo("key t");  // now the truth view opens: the faults lane shows the fault
  s = shot_when([&](const Shot& x) { return purple_in_timeline(x, View::Truth) > 200; });
  EXPECT_GT(purple_in_timeline(s, View::Truth), 200);
  xdo("key q");
  EXPECT_EQ(wait_for_exit(10s), 0);
}

// A record that stops growing (a paused game, or one that stopped without closing its record)
// is not shown as live: after --stalled-after the title and the log say so, until it grows.
TEST_F(ReplayWindowTest, TheLiveViewSaysSoWhenTheRecordStopsGrowing) {
  const auto lines = lines_of(run_.dir / "events.jsonl");
  const std::size_t fault = first_with(lines, "\"fault_start\"");
  const auto live = run_.dir / "live";
  std::filesystem::create_directories(live);
  const auto write_lines = [&](std::size_t from, std::size_t to) {
    std::string more;
    for (std::size_t i = from; i < to; ++i) more += lines[i];
    std::ofstream(live / "events.jsonl", std::ios::app) << more;
  };
  const auto title_becomes = [&](const std::string& want) {
    for (int i = 0; i < 50 && window_name() != want; ++i) std::this_thread::sleep_for(200ms);
    return window_name() == want;
  };
  write_lines(0, fault);
  start("--follow --stalled-after 2s", "gameday live(, stalled)?: db-down", live);
  if (HasFatalFailure()) return;
  EXPECT_TRUE(title_becomes("gameday live, stalled: db-down")) << window_name();
  const std::string log = read_text(run_.dir / "replay.log");
  EXPECT_NE(log.find("the record has not grown for 2s: the view is not live"), std::string::npos)
      << log;

  write_lines(fault, fault + 1);  // it grows: live again, until it stalls again
  EXPECT_TRUE(title_becomes("gameday live: db-down")) << window_name();
  EXPECT_NE(read_text(run_.dir / "replay.log").find("the record grows again: the view is live"),
            std::string::npos);
  EXPECT_TRUE(title_becomes("gameday live, stalled: db-down")) << window_name();
  write_lines(fault + 1, lines.size());  // the end line: a replay, never stalled
  EXPECT_TRUE(title_becomes("gameday replay: db-down")) << window_name();
  xdo("key q");
  EXPECT_EQ(wait_for_exit(10s), 0);
}

TEST_F(ReplayWindowTest, PlayOpensTheLiveViewWhichStaysOpenAfterTheGame) {
  // Commands from a pipe that ends at once: the game runs to its end without pacing.
  const auto folder = run_.dir / "game";
  const std::string play = std::string("'") + GAMEDAY_EXE + "' play --viewer on --duration 5m " +
                           "--out '" + folder.string() + "' </dev/null >'" +
                           (run_.dir / "play.out").string() + "' 2>&1";
  ASSERT_EQ(std::system(play.c_str()), 0);
  EXPECT_TRUE(std::filesystem::exists(folder / "viewer.log"));
  window_ = find_window("^gameday (live|replay): ");
  ASSERT_FALSE(window_.empty()) << "play opened no live view";
  expect_replay_then_close_with_q();

  // Without a terminal and without --viewer on, no viewer starts.
  const auto quiet = run_.dir / "quiet";
  const std::string again = std::string("'") + GAMEDAY_EXE + "' play --duration 5m --out '" +
                            quiet.string() + "' </dev/null >/dev/null 2>&1";
  ASSERT_EQ(std::system(again.c_str()), 0);
  EXPECT_FALSE(std::filesystem::exists(quiet / "viewer.log"));
}

// The projector during a team game: `host` opens the live view, which is live while the game
// runs (nobody at a console: the clock runs alone) and a replay once the host has closed the
// record.
TEST_F(ReplayWindowTest, AHostedGameShowsTheLiveViewWhileItRuns) {
  const auto folder = run_.dir / "hosted";
  const auto rc_file = run_.dir / "host.rc";
  const std::string host = std::string("('") + GAMEDAY_EXE +
                           "' host --listen 127.0.0.1:0 --no-console --viewer on --duration 1m "
                           "--speed 10 --out '" +
                           folder.string() + "' </dev/null >'" + (run_.dir / "host.out").string() +
                           "' 2>&1; echo $? >'" + rc_file.string() + "') &";
  ASSERT_EQ(std::system(host.c_str()), 0);
  window_ = find_window("^gameday live: ");
  ASSERT_FALSE(window_.empty()) << "host opened no live view: " << read_text(run_.dir / "host.out");
  EXPECT_FALSE(std::filesystem::exists(rc_file)) << "the game ended before its live view showed";
  for (int i = 0; i < 150 && !std::filesystem::exists(rc_file); ++i)
    std::this_thread::sleep_for(200ms);
  ASSERT_TRUE(std::filesystem::exists(rc_file)) << "the 6-second game did not end";
  EXPECT_EQ(read_text(rc_file), "0\n") << read_text(run_.dir / "host.out");
  expect_replay_then_close_with_q();
}

}  // namespace
}  // namespace gameday::viz

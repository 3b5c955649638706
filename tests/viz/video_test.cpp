// Video export as users meet it, under Xvfb (CTest runs this suite through `xvfb-run -a`; without
// a display or without ffmpeg every case skips): `gameday render RUN --out x.mp4|x.gif` runs the
// real ffmpeg, and ffprobe (part of ffmpeg) checks the file's frame count, size and codec. When
// ffmpeg is missing or fails, the exit code says so and no file is left behind, not even the
// temporary one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "cli_helpers.hpp"
#include "gameday/viz/render.hpp"

namespace gameday::viz {
namespace {

using testing::run_gameday;
using testing::TempRun;

bool on_path(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// ffprobe's key=value lines for the first video stream, counting its frames by decoding them.
std::map<std::string, std::string> probe(const std::filesystem::path& file) {
  const std::string cmd =
      "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
      "stream=codec_name,width,height,nb_read_frames -of default=noprint_wrappers=1 '" +
      file.string() + "'";
  std::map<std::string, std::string> out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char line[256];
  while (std::fgets(line, sizeof line, p) != nullptr) {
    std::string s(line);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    const auto eq = s.find('=');
    if (eq != std::string::npos) out[s.substr(0, eq)] = s.substr(eq + 1);
  }
  ::pclose(p);
  return out;
}

// Nothing in the folder but the record and what the test wrote.
std::vector<std::string> leftovers(const TempRun& t) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(t.dir)) {
    const std::string name = e.path().filename().string();
    if (name != "events.jsonl" && name != "stderr.txt" && name != "bin") out.push_back(name);
  }
  return out;
}

class VideoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const Result r = check_display(); r.outcome != Outcome::Ok)
      GTEST_SKIP() << r.message << " (run under xvfb-run -a)";
    if (!on_path("ffmpeg") || !on_path("ffprobe"))
      GTEST_SKIP() << "ffmpeg is not installed (scripts/install-deps installs it)";
  }
};

// 2m to 4m at 60 simulated seconds per second and 10 frames/s: a frame every 6 s, 21 frames.
TEST_F(VideoTest, Mp4HasTheFramesAndSizeAskedFor) {
  const TempRun t;
  const auto mp4 = t.dir / "clip.mp4";
  const auto r = run_gameday(t, "",
                             "render " + t.dir.string() + " --out " + mp4.string() +
                                 " --from 2m --to 4m --speed 60 --fps 10 --size 320x240");
  ASSERT_EQ(r.code, 0) << r.err;
  auto info = probe(mp4);
  EXPECT_EQ(info["codec_name"], "h264");
  EXPECT_EQ(info["width"], "320");
  EXPECT_EQ(info["height"], "240");
  EXPECT_EQ(info["nb_read_frames"], "21");
  EXPECT_EQ(leftovers(t), std::vector<std::string>{"clip.mp4"});
}

// The default speed makes 0..10m a minute of video; at 2 frames/s that is 121 frames.
TEST_F(VideoTest, GifDefaultsToAMinuteOfVideo) {
  const TempRun t;
  const auto gif = t.dir / "clip.gif";
  const auto r = run_gameday(t, "",
                             "render " + t.dir.string() + " --out " + gif.string() +
                                 " --fps 2 --size 400x240 --view truth");
  ASSERT_EQ(r.code, 0) << r.err;
  auto info = probe(gif);
  EXPECT_EQ(info["codec_name"], "gif");
  EXPECT_EQ(info["width"], "400");
  EXPECT_EQ(info["height"], "240");
  EXPECT_EQ(info["nb_read_frames"], "121");
  EXPECT_EQ(leftovers(t), std::vector<std::string>{"clip.gif"});
}

TEST_F(VideoTest, MissingFfmpegExitsWith4AndWritesNothing) {
  const TempRun t;
  const auto mp4 = t.dir / "clip.mp4";
  const auto r = run_gameday(
      t, "env PATH=/nonexistent",
      "render " + t.dir.string() + " --out " + mp4.string() + " --to 1m --fps 2 --size 320x240");
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("apt-get install ffmpeg"), std::string::npos) << r.err;
  EXPECT_TRUE(leftovers(t).empty());
}

// An ffmpeg that reads a little and fails: exit code 3, its message shown, no file left.
TEST_F(VideoTest, FailingFfmpegExitsWith3AndLeavesNoPartialFile) {
  const TempRun t;
  std::filesystem::create_directories(t.dir / "bin");
  const auto fake = t.dir / "bin" / "ffmpeg";
  std::ofstream(fake)
      << "#!/bin/sh\n/usr/bin/head -c 1000 >/dev/null\necho 'encoder exploded' >&2\nexit 1\n";
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  const auto mp4 = t.dir / "clip.mp4";
  const auto r = run_gameday(
      t, "env PATH=" + (t.dir / "bin").string(),
      "render " + t.dir.string() + " --out " + mp4.string() + " --to 1m --fps 2 --size 320x240");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("encoder exploded"), std::string::npos) << r.err;
  EXPECT_TRUE(leftovers(t).empty());
}

// ffmpeg is given "file:" and an absolute path, so a name that looks like a URL or an option is
// just a file name: "file:y.mp4" is not y.mp4 (before, an empty file:y.mp4 and exit 0), and
// "http:x.mp4" is not a host to look up. A GIF's '%' is not a frame number either.
TEST_F(VideoTest, NamesLikeUrlsOrOptionsAreFileNames) {
  for (const std::string name : {"file:y.mp4", "http:x.mp4", "-x.mp4", "100%d.gif"}) {
    const TempRun t;
    const auto r =
        run_gameday(t, "cd '" + t.dir.string() + "' &&",
                    "render . --out=" + name + " --to 1m --fps 2 --speed 10 --size 320x240");
    ASSERT_EQ(r.code, 0) << name << ": " << r.err;
    auto info = probe(t.dir / name);
    EXPECT_EQ(info["nb_read_frames"], "13") << name;
    EXPECT_EQ(leftovers(t), std::vector<std::string>{name});
  }
}

// A link planted at the output is refused (exit 3) and what it points to keeps its bytes.
TEST_F(VideoTest, ALinkAtTheOutputIsRefused) {
  const TempRun t;
  const auto victim = t.dir / "victim.txt";
  std::ofstream(victim) << "keep";
  const auto mp4 = t.dir / "clip.mp4";
  std::filesystem::create_symlink(victim, mp4);
  const auto r = run_gameday(
      t, "",
      "render " + t.dir.string() + " --out " + mp4.string() + " --to 1m --fps 2 --size 320x240");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("is a symbolic link"), std::string::npos) << r.err;
  std::ifstream in(victim);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "keep");
  auto left = leftovers(t);
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"clip.mp4", "victim.txt"}));
}

// An existing file is replaced only by a finished video: a failed export leaves it as it was.
TEST_F(VideoTest, AFailedExportKeepsTheOldFile) {
  const TempRun t;
  const auto mp4 = t.dir / "clip.mp4";
  std::ofstream(mp4) << "old";
  const auto r = run_gameday(
      t, "env PATH=/nonexistent",
      "render " + t.dir.string() + " --out " + mp4.string() + " --to 1m --fps 2 --size 320x240");
  EXPECT_EQ(r.code, 4) << r.err;
  std::ifstream in(mp4);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "old");
}

}  // namespace
}  // namespace gameday::viz

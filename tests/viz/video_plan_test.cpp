// The video export's plan, without a display or ffmpeg: which simulated time each frame shows,
// the defaults (a minute of video, 30 or 20 frames/s), the format from the file name, and the
// ffmpeg command line (raw RGBA on standard input, never a shell).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "gameday/viz/video.hpp"

namespace gameday::viz {
namespace {

Time at(Duration d) {
  return Time::zero() + d;
}

TEST(VideoPlan, FramesStepBySpeedOverFps) {
  const auto times = video_frame_times(at(minutes(2)), at(minutes(4)), 60, 10);
  ASSERT_EQ(times.size(), 21u);  // a frame every 6 simulated seconds, both ends included
  EXPECT_EQ(times.front(), at(minutes(2)));
  EXPECT_EQ(times[1], at(seconds(126)));
  EXPECT_EQ(times.back(), at(minutes(4)));
}

TEST(VideoPlan, TheLastFrameNeverPassesTo) {
  const auto times = video_frame_times(at(Duration{}), at(seconds(10)), 3, 1);
  ASSERT_EQ(times.size(), 4u);  // 0, 3, 6, 9 s
  EXPECT_EQ(times.back(), at(seconds(9)));
}

TEST(VideoPlan, DefaultSpeedMakesAMinuteOfVideo) {
  for (const Duration run : {minutes(10), minutes(45), hours(3)}) {
    const double speed = default_speed(at(Duration{}), at(run));
    for (const VideoFormat f : {VideoFormat::Mp4, VideoFormat::Gif}) {
      const auto n = video_frame_times(at(Duration{}), at(run), speed, default_fps(f)).size();
      EXPECT_NEAR(static_cast<double>(n) / default_fps(f), 60.0, 0.1) << run.to_seconds();
    }
  }
  // A step that does not divide the run exactly still ends on the run's end (5 min at 30 frames/s
  // is a step of 166,666,666.7 ns).
  const auto five = video_frame_times(at(Duration{}), at(minutes(5)),
                                      default_speed(at(Duration{}), at(minutes(5))), 30);
  EXPECT_EQ(five.size(), 1801u);
  EXPECT_EQ(five.back(), at(minutes(5)));
  EXPECT_EQ(default_fps(VideoFormat::Mp4), 30u);
  EXPECT_EQ(default_fps(VideoFormat::Gif), 20u);
}

TEST(VideoPlan, TooManyFramesGiveNone) {
  EXPECT_TRUE(video_frame_times(at(Duration{}), at(hours(1)), 0.01, 30).empty());
  EXPECT_TRUE(video_frame_times(at(minutes(2)), at(minutes(1)), 60, 30).empty());
}

TEST(VideoPlan, FormatComesFromTheExtension) {
  EXPECT_EQ(video_format_for("runs/x.mp4"), VideoFormat::Mp4);
  EXPECT_EQ(video_format_for("X.GIF"), VideoFormat::Gif);
  EXPECT_EQ(video_format_for("x.png"), std::nullopt);
  EXPECT_EQ(video_format_for("mp4"), std::nullopt);
}

TEST(VideoPlan, FfmpegReadsRawRgbaFromStdinAndWritesTheNamedFile) {
  const auto a = ffmpeg_arguments(VideoFormat::Mp4, 640, 360, 30, "out dir/x.mp4.partial");
  const auto has = [&](const std::string& key, const std::string& value) {
    const auto it = std::find(a.begin(), a.end(), key);
    return it != a.end() && it + 1 != a.end() && *(it + 1) == value;
  };
  EXPECT_TRUE(has("-f", "rawvideo"));
  EXPECT_TRUE(has("-pixel_format", "rgba"));
  EXPECT_TRUE(has("-video_size", "640x360"));
  EXPECT_TRUE(has("-framerate", "30"));
  EXPECT_TRUE(has("-i", "pipe:0"));
  EXPECT_TRUE(has("-pix_fmt", "yuv420p"));
  // One argument, spaces and all, as "file:" and an absolute path.
  const std::string cwd = std::filesystem::current_path().string();
  EXPECT_EQ(a.back(), "file:" + cwd + "/out dir/x.mp4.partial");
  const auto gif = ffmpeg_arguments(VideoFormat::Gif, 640, 360, 20, "x.gif", "p.png");
  EXPECT_NE(std::find(gif.begin(), gif.end(), "file:" + cwd + "/p.png"), gif.end());
  EXPECT_EQ(gif.back(), "file:" + cwd + "/x.gif");
}

// ffmpeg reads a bare name as a URL ("http:x.mp4" looks up a host, "file:y.mp4" writes y.mp4) or,
// with a leading '-', as an option: every file it is given is "file:" and an absolute path.
TEST(VideoPlan, FfmpegNeverReadsANameAsAUrlOrAnOption) {
  const std::string cwd = std::filesystem::current_path().string();
  for (const std::string name : {"http:x.mp4", "file:y.mp4", "-x.mp4", "pipe:1"})
    EXPECT_EQ(ffmpeg_arguments(VideoFormat::Mp4, 640, 360, 30, name).back(),
              "file:" + cwd + "/" + name);
  EXPECT_EQ(ffmpeg_arguments(VideoFormat::Mp4, 640, 360, 30, "/abs/x.mp4").back(),
            "file:/abs/x.mp4");
  // The GIF's palette: written and read as one file even with a '%' in its name (image2 would
  // otherwise take "%d" for a frame number).
  const auto pass1 = ffmpeg_arguments(VideoFormat::Gif, 640, 360, 20, "/t/100%d.png");
  EXPECT_NE(std::find(pass1.begin(), pass1.end(), "-update"), pass1.end());
  EXPECT_EQ(pass1.back(), "file:/t/100%d.png");
  const auto pass2 = ffmpeg_arguments(VideoFormat::Gif, 640, 360, 20, "/t/x.gif", "/t/100%d.png");
  const auto in = std::find(pass2.begin(), pass2.end(), "file:/t/100%d.png");
  ASSERT_NE(in, pass2.end());
  EXPECT_EQ(*(in - 1), "-i");
  EXPECT_EQ(*(in - 2), "none");
  EXPECT_EQ(*(in - 3), "-pattern_type");
}

}  // namespace
}  // namespace gameday::viz

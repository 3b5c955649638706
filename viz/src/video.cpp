// Video export: frames drawn by FrameRenderer (the PNG's drawing code), read back as RGBA and
// written to ffmpeg's standard input; ffmpeg writes a temporary file beside the output, renamed
// over it once ffmpeg exits with success. ffmpeg is given every file as "file:" and an absolute
// path, so no name is read as a URL, a protocol or an option. See video.hpp.
#include "gameday/viz/video.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <initializer_list>

#include "gameday/core/output_file.hpp"
#include "gameday/process/child_process.hpp"

namespace gameday::viz {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// How ffmpeg is given a file: "file:" and an absolute path. ffmpeg reads a bare name as a URL
// ("http:x.mp4" looks up a host, "file:y.mp4" writes y.mp4) or, with a leading '-', an option.
std::string ffmpeg_file(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return "file:" + (ec ? path : absolute.string());
}

}  // namespace

std::optional<VideoFormat> video_format_for(std::string_view path) {
  const std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".mp4") return VideoFormat::Mp4;
  if (ext == ".gif") return VideoFormat::Gif;
  return std::nullopt;
}

unsigned default_fps(VideoFormat f) {
  return f == VideoFormat::Gif ? 20 : 30;
}

unsigned max_fps(VideoFormat f) {
  return f == VideoFormat::Gif ? 50 : 120;
}

void default_video_size(VideoFormat f, unsigned& width, unsigned& height) {
  width = f == VideoFormat::Gif ? 960 : 1280;
  height = f == VideoFormat::Gif ? 540 : 720;
}

double default_speed(Time from, Time to) {
  return std::max((to - from).to_seconds() / 60.0, 1e-3);
}

std::vector<Time> video_frame_times(Time from, Time to, double speed, unsigned fps) {
  std::vector<Time> out;
  if (to < from || !(speed > 0) || fps == 0) return out;
  const auto step = std::max<std::int64_t>(1, std::llround(speed * 1e9 / static_cast<double>(fps)));
  // A step rounded up by a fraction of a nanosecond must not lose the frame at `to`.
  const auto count = static_cast<std::size_t>(((to - from).ns() + step / 1000) / step) + 1;
  if (count > max_video_frames) return out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(std::min(from + Duration::from_ns(static_cast<std::int64_t>(i) * step), to));
  return out;
}

std::vector<std::string> ffmpeg_arguments(VideoFormat f, unsigned width, unsigned height,
                                          unsigned fps, const std::string& output,
                                          const std::string& palette) {
  std::vector<std::string> a = {"-hide_banner",
                                "-loglevel",
                                "error",
                                "-nostdin",
                                "-f",
                                "rawvideo",
                                "-pixel_format",
                                "rgba",
                                "-video_size",
                                std::to_string(width) + "x" + std::to_string(height),
                                "-framerate",
                                std::to_string(fps),
                                "-i",
                                "pipe:0"};
  const auto add = [&a](std::initializer_list<const char*> args) {
    for (const char* s : args) a.emplace_back(s);
  };
  if (f == VideoFormat::Mp4) {
    // H.264 in 4:2:0, which every browser and chat tool plays; the index up front so playback
    // can start before the whole file has arrived.
    add({"-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-tune", "animation", "-pix_fmt",
         "yuv420p", "-movflags", "+faststart", "-f", "mp4"});
  } else if (palette.empty()) {
    // The palette pass: the 255 colours that best cover sample frames, as a 16x16 PNG.
    add({"-vf", "palettegen=stats_mode=full", "-frames:v", "1", "-f", "image2", "-update", "1"});
  } else {
    // One palette for the whole GIF, so unchanged pixels stay the same index from frame to
    // frame and the encoder stores only what changed. No dithering: flat areas stay flat.
    // image2 with no pattern: a '%' in the name is a character, not a frame number.
    add({"-f", "image2", "-pattern_type", "none"});
    a.insert(a.end(), {"-i", ffmpeg_file(palette)});
    add({"-lavfi", "[0:v][1:v]paletteuse=dither=none", "-loop", "0", "-f", "gif"});
  }
  a.emplace_back("-y");
  a.push_back(ffmpeg_file(output));
  return a;
}

namespace {

struct Export {
  const ReplayModel& model;
  const VideoOptions& options;
  FrameRenderer& renderer;
  FrameOptions frame;
  std::vector<std::string> args_of(const std::string& output, const std::string& palette) const {
    std::vector<std::string> argv = {options.ffmpeg};
    for (std::string& a :
         ffmpeg_arguments(options.format, frame.width, frame.height, options.fps, output, palette))
      argv.push_back(std::move(a));
    return argv;
  }
  bool stop() const { return options.should_stop && options.should_stop(); }

  // Runs ffmpeg with `argv` over the frames at `times`.
  Result encode(const std::vector<std::string>& argv, const std::vector<Time>& times,
                bool report_progress) {
    ChildProcess ffmpeg;
    std::string error;
    switch (ffmpeg.start(argv, error)) {
      case ChildProcess::Started::Ok: break;
      case ChildProcess::Started::NotFound:
        return {Outcome::EncoderMissing,
                error + " (video export needs ffmpeg; Debian: apt-get install ffmpeg)"};
      case ChildProcess::Started::Failed: return {Outcome::EncoderFailed, error};
    }
    Pixels px;
    bool all_sent = true;
    for (std::size_t i = 0; i < times.size() && all_sent && !stop(); ++i) {
      frame.at = times[i];
      renderer.draw(model, frame, &px);
      all_sent = ffmpeg.write(px.rgba.data(), px.rgba.size());  // false: ffmpeg stopped reading
      if (all_sent && report_progress && options.progress) options.progress(i + 1, times.size());
    }
    if (stop()) {
      ffmpeg.kill();
      return {Outcome::Interrupted, "interrupted: nothing written"};
    }
    const bool exited_ok = ffmpeg.finish(error);
    if (exited_ok && all_sent) return {};
    if (exited_ok) error = "stopped reading frames before the last one";
    return {Outcome::EncoderFailed, "ffmpeg " + error};
  }
};

// Up to 16 times spread evenly over the video, for the GIF's palette.
std::vector<Time> palette_samples(const std::vector<Time>& times) {
  constexpr std::size_t samples = 16;
  if (times.size() <= samples) return times;
  std::vector<Time> out;
  for (std::size_t i = 0; i < samples; ++i)
    out.push_back(times[i * (times.size() - 1) / (samples - 1)]);
  return out;
}

}  // namespace

Result export_video(const ReplayModel& model, const VideoOptions& options, const std::string& path,
                    std::size_t* frames_written) {
  const std::vector<Time> times =
      video_frame_times(options.from, options.to, options.speed, options.fps);
  if (times.empty())
    return {Outcome::GraphicsFailed, "no frames to export (check --from, --to and --speed)"};
  FrameRenderer renderer;
  if (Result r = renderer.open(options.frame); r.outcome != Outcome::Ok) return r;
  // Both temporaries are created now (never through a link), so an unwritable destination is
  // reported before any frame is drawn; ffmpeg then overwrites them (-y). Whatever is not
  // committed is removed when they go out of scope.
  PendingFile partial, palette;
  if (const FileResult r = partial.create(path); !r.ok()) return {Outcome::WriteFailed, r.message};
  if (options.format == VideoFormat::Gif) {
    // Named after the video's temporary, whose random part no other file has.
    const std::string name =
        std::filesystem::path(partial.path()).replace_extension(".palette.png").string();
    if (const FileResult r = palette.create(name); !r.ok())
      return {Outcome::WriteFailed, r.message};
  }
  const auto failed = [&](Result r) {
    if (r.outcome == Outcome::EncoderFailed) r.message += "\n(nothing written to '" + path + "')";
    return r;
  };
  Export e{model, options, renderer, options.frame};
  if (options.format == VideoFormat::Gif) {
    if (Result r = e.encode(e.args_of(palette.path(), ""), palette_samples(times), false);
        r.outcome != Outcome::Ok)
      return failed(r);
  }
  if (Result r = e.encode(e.args_of(partial.path(), palette.path()), times, true);
      r.outcome != Outcome::Ok)
    return failed(r);
  if (const FileResult r = partial.commit(); !r.ok()) return {Outcome::WriteFailed, r.message};
  if (frames_written != nullptr) *frames_written = times.size();
  return {};
}

}  // namespace gameday::viz

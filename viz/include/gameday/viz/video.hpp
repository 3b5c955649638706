// Video export of the debrief viewer: the replay's frames, drawn off screen by the same code as
// `gameday render`'s PNG, piped as raw RGBA into ffmpeg, which encodes an MP4 (H.264) or an
// animated GIF. ffmpeg is started directly with an argument vector (posix_spawn), never through
// a shell, so no file name is ever interpreted.
//
// The video is written to a temporary name beside the output (created by gameday, never through
// a link) and renamed only when ffmpeg finished successfully, so a failure or an interruption
// never leaves a truncated file under the name the user asked for. Times are simulated time;
// `speed` is simulated seconds per second of video.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/viz/render.hpp"

namespace gameday::viz {

enum class VideoFormat : std::uint8_t { Mp4, Gif };

// By the file's extension (.mp4, .gif, any case); nullopt for anything else.
std::optional<VideoFormat> video_format_for(std::string_view path);

// The defaults docs/viewer.md gives: 30 frames/s for MP4 and 20 for GIF (a GIF frame lasts a
// whole number of centiseconds, so 20 frames/s is exact where 15 or 30 are not); 1280x720 for
// MP4 and 960x540 for GIF, which chat tools show without scaling and GIF keeps small.
unsigned default_fps(VideoFormat f);
unsigned max_fps(VideoFormat f);  // 120 for MP4; 50 for GIF (players slow faster GIFs down)
void default_video_size(VideoFormat f, unsigned& width, unsigned& height);
// Simulated seconds per video second that make `from`..`to` last a minute of video.
double default_speed(Time from, Time to);

// The simulated time of each frame: `from`, then every speed/fps simulated seconds while not
// past `to`.
std::vector<Time> video_frame_times(Time from, Time to, double speed, unsigned fps);
inline constexpr std::size_t max_video_frames = 100'000;

struct VideoOptions {
  VideoFormat format = VideoFormat::Mp4;
  FrameOptions frame;  // view, size, charted service, font; `at` is set per frame
  Time from, to;
  double speed = 1;
  unsigned fps = 30;
  std::string ffmpeg = "ffmpeg";  // a name looked up on PATH, or a path
  // Polled between frames: true stops the export (Outcome::Interrupted, nothing written).
  std::function<bool()> should_stop;
  // Called after each frame handed to ffmpeg, with the count so far and the total.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Renders the frames and encodes them into `path`. Outcomes besides those of rendering:
// EncoderMissing (ffmpeg cannot be started), EncoderFailed (ffmpeg exited with an error; the
// message ends with its last lines), WriteFailed (the temporary file cannot be created or
// renamed), Interrupted. `frames_written` gets the number of frames encoded on success.
Result export_video(const ReplayModel& model, const VideoOptions& options, const std::string& path,
                    std::size_t* frames_written = nullptr);

// The ffmpeg command line export_video runs, without the leading program name (for the docs
// and tests): raw RGBA frames on standard input, `output` the file ffmpeg writes. An MP4 takes
// one run. A GIF takes two: with `palette` empty, the palette pass writes a 16x16 PNG of the
// colours of sample frames to `output`; then the GIF is encoded with that palette. Files are
// passed as "file:" and an absolute path, so ffmpeg never reads a name as a URL or an option.
std::vector<std::string> ffmpeg_arguments(VideoFormat f, unsigned width, unsigned height,
                                          unsigned fps, const std::string& output,
                                          const std::string& palette = "");

}  // namespace gameday::viz

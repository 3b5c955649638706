// The viewer's entry points for the command line: render one frame to a PNG or to pixels in
// memory, and open the replay window. This header names no graphics library, so including it
// costs nothing; SFML stays inside viz/src.
//
// Nothing here aborts: SFML aborts the process when it cannot open an X display, so every entry
// point first checks for one (`check_display`) and returns NoDisplay instead. Failures come back
// as an outcome and a message the CLI maps to its exit codes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"
#include "gameday/viz/replay_model.hpp"
#include "gameday/viz/summary.hpp"

namespace gameday::viz {

inline constexpr const char* default_font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

enum class Outcome : std::uint8_t {
  Ok,
  NoDisplay,       // no DISPLAY, or the X server does not answer
  NoFont,          // the font file is missing or unreadable
  GraphicsFailed,  // the GL context or render texture could not be created
  WriteFailed,     // the PNG (or the video's file) could not be written
  ReadFailed,      // live view: no readable record appeared in time
  EncoderMissing,  // video export: ffmpeg could not be started (not installed, not on PATH)
  EncoderFailed,   // video export: ffmpeg exited with an error or was killed
  Interrupted,     // video export: stopped on request (Ctrl-C); nothing was written
};

struct Result {
  Outcome outcome = Outcome::Ok;
  std::string message;  // empty when Ok
};

// Ok when DISPLAY is set and an X connection to it opens; the message says which failed.
Result check_display();

struct FrameOptions {
  Time at;
  View view = View::Responders;
  unsigned width = 1920;
  unsigned height = 1080;
  std::optional<ServiceId> chart_service;  // default: the worst service at `at`
  std::string font_path = default_font_path;
};

// RGBA, row by row from the top.
struct Pixels {
  unsigned width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
  struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
  };
  Rgb at(unsigned x, unsigned y) const;
};

Result render_pixels(const ReplayModel& model, const FrameOptions& options, Pixels& out);

// Renders many frames into one off-screen texture, keeping the font, the GL context and the
// frame's scene (what does not move between two samples) from one frame to the next: what the
// video export uses and the bench measures.
class FrameRenderer {
 public:
  FrameRenderer();
  ~FrameRenderer();
  FrameRenderer(const FrameRenderer&) = delete;
  FrameRenderer& operator=(const FrameRenderer&) = delete;
  // Checks the display, loads the font and creates the texture (options' size and font).
  Result open(const FrameOptions& options);
  // Draws one frame; copies its pixels into `out` unless it is null.
  void draw(const ReplayModel& model, const FrameOptions& options, Pixels* out);
  // Draws the incident summary in options' view (its `at` and chart service are unused).
  void draw_summary(const ReplayModel& model, const FrameOptions& options, Pixels* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
Result render_png(const ReplayModel& model, const FrameOptions& options, const std::string& path);

// The one-picture incident summary (summary.hpp): figures, SLI chart, timeline with milestones.
Result render_summary_pixels(const ReplayModel& model, const FrameOptions& options, Pixels& out);
Result render_summary_png(const ReplayModel& model, const FrameOptions& options,
                          const std::string& path);

struct ReplayOptions {
  View view = View::Responders;
  std::optional<Time> start;  // default: the beginning
  double speed = 60;          // simulated seconds per wall second
  unsigned width = 1600;
  unsigned height = 900;
  std::string font_path = default_font_path;
  // The live view: after this long without the record growing, it no longer shows itself as
  // live (a paused game, or one that stopped without closing its record) until it grows again.
  // Default: 30 s, or two of the record's sample intervals when longer (a game at x1 writes a
  // line at least once per sample interval).
  std::optional<Duration> stalled_after;
  // Told when the live view stalls and when it is live again (the command line prints it).
  std::function<void(const std::string&)> notice;
};

// Runs the replay window until the user closes it.
Result run_replay_window(const ReplayModel& model, const ReplayOptions& options);

// The live view of a game being played: the same window on the record at `record_path`, read
// again whenever it grows, with the cursor on its newest moment until the user pauses or seeks.
// When it has not grown for `options.stalled_after`, the title and the status say so.
// Waits up to `wait` for the record to have its header. Started in the responders' view, it
// keeps the truth view locked until the record has its end line; after that it is a replay.
Result run_live_window(const std::string& record_path, const ReplayOptions& options, Duration wait);

}  // namespace gameday::viz

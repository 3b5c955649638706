// Frame rate of the debrief viewer on a run record. Needs an X display; run it under
// `xvfb-run -a`. Three passes, each through FrameRenderer (the replay model's state query, the
// layout, SFML drawing into a render texture):
//  - seek: frames spread evenly over the run, so the state shown changes at every frame: the
//    cost of a whole frame (what dragging across the timeline costs);
//  - playback: consecutive frames as the replay window shows them at its default speed, 60
//    simulated seconds per second at 60 frames per second (one simulated second a frame);
//  - export: frames as `gameday render --out x.mp4` takes them for a one-minute video at 30
//    frames per second, each read back into memory (the encoding by ffmpeg is not included).
// The record for the figures in docs/performance.md comes from bench/fifty_services.yaml:
//   gameday run bench/fifty_services.yaml --duration 5m --out /tmp/fifty -q
//   xvfb-run -a build/release/bench/viz_bench /tmp/fifty 120 1920x1080
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "gameday/core/diagnostics.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/viz/render.hpp"

namespace {

using namespace gameday;
using Clock = std::chrono::steady_clock;

// Draws a frame at each time from `first`, `step` apart; returns frames per second.
double pass(viz::FrameRenderer& renderer, const viz::ReplayModel& model, viz::FrameOptions o,
            int frames, Time first, Duration step, bool read_back) {
  viz::Pixels px;
  const auto start = Clock::now();
  for (int i = 0; i < frames; ++i) {
    o.at = std::min(first + step * i, model.end());
    renderer.draw(model, o, read_back ? &px : nullptr);
  }
  // The GL work is asynchronous: reading back the last frame waits for all of it.
  if (!read_back) renderer.draw(model, o, &px);
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  return frames / s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: viz_bench RUN [FRAMES] [WxH]\n");
    return 2;
  }
  const int frames = argc > 2 ? std::max(std::atoi(argv[2]), 1) : 120;
  unsigned w = 1920, h = 1080;
  if (argc > 3) std::sscanf(argv[3], "%ux%u", &w, &h);
  Diagnostics diags;
  auto record = eventlog::read_record(argv[1], diags);
  if (!record) {
    std::fprintf(stderr, "viz_bench: cannot read %s\n", argv[1]);
    return 2;
  }
  const auto load_start = Clock::now();
  const viz::ReplayModel model(std::move(*record));
  const double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();
  viz::FrameOptions o;
  o.width = w;
  o.height = h;
  o.view = viz::View::Truth;
  viz::FrameRenderer renderer;
  if (const viz::Result r = renderer.open(o); r.outcome != viz::Outcome::Ok) {
    std::fprintf(stderr, "viz_bench: %s\n", r.message.c_str());
    return 4;
  }
  std::printf("%zu services, %zu dependencies, %zu samples: model built in %.3f s\n",
              model.header().names.services.size(), model.header().names.dependencies.size(),
              model.record().service_samples.size(), load_s);
  const Duration run = model.end() - Time::zero();
  renderer.draw(model, o, nullptr);  // warm up: glyph pages, shader compilation
  const double seek = pass(renderer, model, o, frames, Time::zero(), run / frames, false);
  const double play = pass(renderer, model, o, frames, Time::zero() + run / 3, seconds(1), false);
  const double exp = pass(renderer, model, o, frames, Time::zero() + run / 3, run / 1800, true);
  std::printf(
      "%ux%u, %d frames a pass: seek %.1f frames/s, playback %.1f frames/s, "
      "export %.1f frames/s\n",
      w, h, frames, seek, play, exp);
  return 0;
}

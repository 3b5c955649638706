// Frame rate of the debrief viewer: reads a run record, then renders frames at times spread
// over the run (the replay model's state query, layout, SFML drawing into a render texture and
// the read-back of its pixels) and prints frames per second. Needs an X display; run it under
// `xvfb-run -a`. The record for the figure in docs/performance.md comes from
// bench/fifty_services.yaml:
//   gameday run bench/fifty_services.yaml --duration 5m --out /tmp/fifty -q
//   xvfb-run -a build/release/bench/viz_bench /tmp/fifty
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "gameday/core/diagnostics.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/viz/render.hpp"

int main(int argc, char** argv) {
  using namespace gameday;
  using Clock = std::chrono::steady_clock;
  if (argc < 2) {
    std::fprintf(stderr, "usage: viz_bench RUN [FRAMES] [WxH]\n");
    return 2;
  }
  const int frames = argc > 2 ? std::atoi(argv[2]) : 60;
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
  // Like the replay window: one texture and font, a frame drawn per step, no read-back.
  const auto start = Clock::now();
  for (int i = 0; i < frames; ++i) {
    o.at = Time::zero() + (model.end() - Time::zero()) * i / std::max(frames, 1);
    renderer.draw(model, o, nullptr);
  }
  viz::Pixels px;
  renderer.draw(model, o, &px);  // the GPU work is asynchronous: wait for it by reading back
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%zu services, %zu dependencies, %zu samples: model built in %.3f s\n",
              model.header().names.services.size(), model.header().names.dependencies.size(),
              model.record().service_samples.size(), load_s);
  std::printf("%d frames of %ux%u in %.3f s: %.1f frames/s (%.1f ms a frame)\n", frames, w, h, s,
              frames / s, 1000 * s / frames);
  return 0;
}

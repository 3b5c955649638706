// Painting frames one after another, as the replay window and the video export do. Most frames
// of a replay show the same state as the frame before (samples come every 10 simulated seconds,
// frames every fraction of one), so the scene (draw.hpp) is drawn into a texture only when the
// state, the view, the charted service or the size changes; every frame copies that texture and
// draws the moment (cursors, header) over it: a few hundred triangles a frame instead of several
// thousand, which is what makes playback smooth on a software renderer.
#pragma once

#include <SFML/Graphics.hpp>
#include <memory>
#include <optional>
#include <vector>

#include "canvas.hpp"
#include "draw.hpp"

namespace gameday::viz {

class FramePainter {
 public:
  explicit FramePainter(const sf::Font& font) : font_(font) {}

  // Draws the frame for `state` over the whole of `target` (whose canvas is `canvas`), laid
  // out by `layout`, which must be the layout of the target's size and the state's view.
  void paint(sf::RenderTarget& target, Canvas& canvas, const ReplayModel& model,
             const FrameLayout& layout, const FrameState& state);
  // Draws the scene again on the next frame: the model changed (a live view read more of it).
  void invalidate() { key_.reset(); }
  // How many times the scene was drawn (for the bench and the tests).
  std::size_t scenes_drawn() const { return scenes_drawn_; }

 private:
  // Everything the scene depends on.
  struct SceneKey {
    const ReplayModel* model = nullptr;
    View view = View::Responders;
    unsigned width = 0, height = 0;
    std::optional<ServiceId> chosen_service;
    ServiceId charted;
    std::vector<ServiceState> services;
    std::vector<EdgeState> edges;
    bool operator==(const SceneKey&) const = default;
  };

  const sf::Font& font_;
  sf::RenderTexture scene_;
  std::unique_ptr<Canvas> scene_canvas_;
  std::optional<SceneKey> key_;
  bool cache_failed_ = false;
  std::size_t scenes_drawn_ = 0;
};

}  // namespace gameday::viz

// The scene cache of FramePainter; see frame_painter.hpp.
#include "frame_painter.hpp"

#include "palette.hpp"

namespace gameday::viz {

void FramePainter::paint(sf::RenderTarget& target, Canvas& canvas, const ReplayModel& model,
                         const FrameLayout& layout, const FrameState& state) {
  const Snapshot snap = model.at(state.t);
  const sf::Vector2u size = target.getSize();
  SceneKey key{
      &model,        state.view,          size.x,
      size.y,        state.chart_service, state.chart_service.value_or(model.worst_service(snap)),
      snap.services, snap.edges};
  const DrawContext direct{canvas, model, layout, snap, state};
  if (!cache_failed_ && scene_.getSize() != size) {
    // A texture as large as the target; without one, every frame draws its scene directly.
    cache_failed_ = !scene_.create(size.x, size.y);
    scene_canvas_ = cache_failed_ ? nullptr : std::make_unique<Canvas>(scene_, font_);
    key_.reset();
  }
  if (cache_failed_) {
    target.clear(palette::background);
    draw_scene(direct);
    draw_moment(direct);
    ++scenes_drawn_;
    return;
  }
  if (!key_ || *key_ != key) {
    scene_.clear(palette::background);
    draw_scene({*scene_canvas_, model, layout, snap, state});
    scene_.display();
    key_ = std::move(key);
    ++scenes_drawn_;
  }
  // A straight copy: the scene is opaque, so blending would only cost time.
  target.draw(sf::Sprite(scene_.getTexture()), sf::RenderStates(sf::BlendNone));
  draw_moment(direct);
}

}  // namespace gameday::viz

// Drawing a viewer frame with SFML, shared by `gameday render` (into a render texture) and the
// replay window. Private to viz/: the only file set that includes SFML headers.
//
// Each part draws into its own rectangle of the FrameLayout; the context carries what they all
// need. Primitives SFML lacks (thick lines, rounded boxes, hatching, aligned text) are here too.
#pragma once

#include <SFML/Graphics.hpp>
#include <optional>
#include <string>

#include "gameday/viz/layout.hpp"
#include "gameday/viz/replay_model.hpp"

namespace gameday::viz {

struct FrameState {
  Time t;
  View view = View::Responders;
  std::optional<ServiceId> chart_service;
};

struct DrawContext {
  sf::RenderTarget& target;
  const sf::Font& font;
  const ReplayModel& model;
  const FrameLayout& layout;
  const Snapshot& snap;
  const FrameState& state;
  unsigned px(float size_at_1080) const;  // a text size scaled to the frame
};

void draw_frame(sf::RenderTarget& target, const sf::Font& font, const ReplayModel& model,
                const FrameLayout& layout, const FrameState& state);
void draw_header(const DrawContext& ctx);
void draw_topology(const DrawContext& ctx);
void draw_timeline(const DrawContext& ctx);
void draw_chart(const DrawContext& ctx, ServiceId service);
void draw_legend(const DrawContext& ctx);

// "12m", "1h5m", "45s": the axis and header form of a time since the run's start.
std::string format_clock(Time t);

enum class Align : std::uint8_t { Left, Center, Right };
// Draws `text` with its top at `y`; returns its width. Shrinks it to fit `max_width` when set.
float draw_text(sf::RenderTarget& target, const sf::Font& font, const std::string& text, float x,
                float y, unsigned size, sf::Color colour, Align align = Align::Left,
                float max_width = 0);
void fill_rect(sf::RenderTarget& target, const Rect& r, sf::Color colour);
void rounded_box(sf::RenderTarget& target, const Rect& r, float radius, sf::Color fill,
                 sf::Color outline, float outline_width);
void thick_line(sf::RenderTarget& target, sf::Vector2f a, sf::Vector2f b, float width,
                sf::Color colour);
// Diagonal stripes clipped to `r`.
void hatch(sf::RenderTarget& target, const Rect& r, float spacing, float width, sf::Color colour);

}  // namespace gameday::viz

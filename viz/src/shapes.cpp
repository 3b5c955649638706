// The drawing primitives SFML 2.5 does not have: lines with a width, boxes with rounded
// corners, diagonal hatching clipped to a rectangle, and text placed by its visible top rather
// than SFML's baseline-relative origin, shrunk to fit when asked.
#include <algorithm>
#include <cmath>

#include "draw.hpp"

namespace gameday::viz {

unsigned DrawContext::px(float size_at_1080) const {
  return static_cast<unsigned>(std::max(8.0f, std::round(size_at_1080 * layout.scale)));
}

float draw_text(sf::RenderTarget& target, const sf::Font& font, const std::string& text, float x,
                float y, unsigned size, sf::Color colour, Align align, float max_width) {
  sf::Text t(sf::String::fromUtf8(text.begin(), text.end()), font, size);
  if (max_width > 0) {
    while (t.getLocalBounds().width > max_width && t.getCharacterSize() > 8)
      t.setCharacterSize(t.getCharacterSize() - 1);
  }
  const sf::FloatRect b = t.getLocalBounds();
  float left = x;
  if (align == Align::Center) left = x - b.width / 2;
  if (align == Align::Right) left = x - b.width;
  // Whole pixels keep glyphs sharp; the top of the tallest glyph sits at y.
  const float top_offset = static_cast<float>(t.getCharacterSize()) * 0.22f;
  t.setPosition(std::round(left - b.left), std::round(y - top_offset));
  t.setFillColor(colour);
  target.draw(t);
  return b.width;
}

void fill_rect(sf::RenderTarget& target, const Rect& r, sf::Color colour) {
  sf::RectangleShape s({r.w, r.h});
  s.setPosition(r.x, r.y);
  s.setFillColor(colour);
  target.draw(s);
}

void rounded_box(sf::RenderTarget& target, const Rect& r, float radius, sf::Color fill,
                 sf::Color outline, float outline_width) {
  constexpr int per_corner = 8;
  constexpr float pi = 3.14159265f;
  radius = std::min({radius, r.w / 2, r.h / 2});
  sf::ConvexShape s(4 * per_corner);
  const sf::Vector2f centres[4] = {{r.right() - radius, r.y + radius},
                                   {r.right() - radius, r.bottom() - radius},
                                   {r.x + radius, r.bottom() - radius},
                                   {r.x + radius, r.y + radius}};
  for (int c = 0; c < 4; ++c) {
    for (int i = 0; i < per_corner; ++i) {
      const float a = pi * (-0.5f + 0.5f * static_cast<float>(c)) +
                      0.5f * pi * static_cast<float>(i) / (per_corner - 1);
      s.setPoint(static_cast<std::size_t>(c * per_corner + i),
                 {centres[c].x + radius * std::cos(a), centres[c].y + radius * std::sin(a)});
    }
  }
  s.setFillColor(fill);
  s.setOutlineColor(outline);
  s.setOutlineThickness(-outline_width);  // inside the box, so boxes never grow
  target.draw(s);
}

void thick_line(sf::RenderTarget& target, sf::Vector2f a, sf::Vector2f b, float width,
                sf::Color colour) {
  const sf::Vector2f d = b - a;
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len <= 0) return;
  const sf::Vector2f n{-d.y / len * width / 2, d.x / len * width / 2};
  sf::Vertex quad[4] = {{a + n, colour}, {b + n, colour}, {b - n, colour}, {a - n, colour}};
  target.draw(quad, 4, sf::Quads);
}

// Lines of slope 1 (x - y = c), clipped to the rectangle by hand: SFML 2.5 has no scissor.
void hatch(sf::RenderTarget& target, const Rect& r, float spacing, float width, sf::Color colour) {
  for (float c = r.x - r.bottom(); c < r.right() - r.y; c += spacing) {
    // On the line x = y + c: y ranges where both x and y are inside the rectangle.
    const float y_lo = std::max(r.y, r.x - c);
    const float y_hi = std::min(r.bottom(), r.right() - c);
    if (y_hi - y_lo < 1) continue;
    thick_line(target, {y_lo + c, y_lo}, {y_hi + c, y_hi}, width, colour);
  }
}

std::string format_clock(Time t) {
  std::int64_t s = t.ns() / 1'000'000'000;
  const bool negative = s < 0;
  s = negative ? -s : s;
  const std::int64_t h = s / 3600, m = (s / 60) % 60, sec = s % 60;
  std::string out = negative ? "-" : "";
  if (h > 0) out += std::to_string(h) + "h";
  if (m > 0 || (h > 0 && sec > 0)) out += std::to_string(m) + "m";
  if (sec > 0 || out.empty() || out == "-") out += std::to_string(sec) + "s";
  return out;
}

}  // namespace gameday::viz

// The batching canvas: shapes as feathered triangles, text as glyph quads laid out the way
// sf::Text lays them out (same kerning, bounds and one-pixel glyph padding), so replacing
// sf::Text changes no text position. See canvas.hpp.
#include "canvas.hpp"

#include <algorithm>
#include <cmath>

namespace gameday::viz {
namespace {

constexpr float pi = 3.14159265f;

sf::Color faded(sf::Color c, float share) {
  c.a =
      static_cast<std::uint8_t>(std::lround(static_cast<float>(c.a) * std::clamp(share, 0.f, 1.f)));
  return c;
}

sf::Vector2f unit(sf::Vector2f v) {
  const float len = std::hypot(v.x, v.y);
  return len > 0 ? v / len : sf::Vector2f{0, 0};
}

// For each point of a convex contour, the direction that moves it outwards by one unit of
// distance from both its edges (the miter), limited to 4 units at sharp corners.
std::vector<sf::Vector2f> outward_offsets(const std::vector<sf::Vector2f>& p) {
  const std::size_t n = p.size();
  sf::Vector2f centre{0, 0};
  for (const auto& q : p) centre += q;
  centre /= static_cast<float>(n);
  std::vector<sf::Vector2f> normals(n);  // of the edge from p[i] to p[i+1]
  for (std::size_t i = 0; i < n; ++i) {
    const sf::Vector2f d = p[(i + 1) % n] - p[i];
    sf::Vector2f nrm = unit({d.y, -d.x});
    const sf::Vector2f mid = (p[i] + p[(i + 1) % n]) * 0.5f;
    if ((mid.x - centre.x) * nrm.x + (mid.y - centre.y) * nrm.y < 0) nrm = -nrm;
    normals[i] = nrm;
  }
  std::vector<sf::Vector2f> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const sf::Vector2f a = normals[(i + n - 1) % n], b = normals[i];
    const sf::Vector2f m = unit(a + b);
    const float cos_half = m.x * b.x + m.y * b.y;
    out[i] = m / std::max(cos_half, 0.25f);
  }
  return out;
}

std::vector<sf::Vector2f> rounded_contour(const Rect& r, float radius) {
  radius = std::max(0.f, std::min({radius, r.w / 2, r.h / 2}));
  // Enough points that no chord strays a visible fraction of a pixel from the arc.
  const int per_corner = std::clamp(static_cast<int>(std::ceil(radius / 4)) + 1, 2, 8);
  const sf::Vector2f centres[4] = {{r.right() - radius, r.y + radius},
                                   {r.right() - radius, r.bottom() - radius},
                                   {r.x + radius, r.bottom() - radius},
                                   {r.x + radius, r.y + radius}};
  std::vector<sf::Vector2f> pts;
  if (radius < 0.5f) {
    return {{r.x, r.y}, {r.right(), r.y}, {r.right(), r.bottom()}, {r.x, r.bottom()}};
  }
  for (int c = 0; c < 4; ++c) {
    for (int i = 0; i < per_corner; ++i) {
      const float a = pi * (-0.5f + 0.5f * static_cast<float>(c)) +
                      0.5f * pi * static_cast<float>(i) / static_cast<float>(per_corner - 1);
      pts.push_back({centres[c].x + radius * std::cos(a), centres[c].y + radius * std::sin(a)});
    }
  }
  return pts;
}

}  // namespace

Canvas::Canvas(sf::RenderTarget& target, const sf::Font& font) : target_(target), font_(font) {}

void Canvas::flush() {
  sf::RenderStates states;
  if (!shapes_.empty()) {  // untextured: a software rasteriser shades these fastest
    target_.draw(shapes_.data(), shapes_.size(), sf::Triangles, states);
    shapes_.clear();
  }
  for (auto& [size, vertices] : text_) {
    if (vertices.empty()) continue;
    states.texture = &font_.getTexture(size);
    target_.draw(vertices.data(), vertices.size(), sf::Triangles, states);
    vertices.clear();
  }
}

void Canvas::tri(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color ca, sf::Color cb,
                 sf::Color cc) {
  shapes_.push_back({a, ca, sf::Vector2f{}});
  shapes_.push_back({b, cb, sf::Vector2f{}});
  shapes_.push_back({c, cc, sf::Vector2f{}});
}

void Canvas::quad(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Vector2f d, sf::Color ca,
                  sf::Color cb, sf::Color cc, sf::Color cd) {
  tri(a, b, c, ca, cb, cc);
  tri(a, c, d, ca, cc, cd);
}

void Canvas::ring(const std::vector<sf::Vector2f>& p, const std::vector<sf::Vector2f>& off,
                  float inner, float outer, sf::Color inner_colour, sf::Color outer_colour) {
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = (i + 1) % n;
    quad(p[i] + off[i] * inner, p[j] + off[j] * inner, p[j] + off[j] * outer, p[i] + off[i] * outer,
         inner_colour, inner_colour, outer_colour, outer_colour);
  }
}

void Canvas::fill_rect(const Rect& r, sf::Color colour) {
  if (r.w <= 0 || r.h <= 0 || colour.a == 0) return;
  quad({r.x, r.y}, {r.right(), r.y}, {r.right(), r.bottom()}, {r.x, r.bottom()}, colour, colour,
       colour, colour);
}

void Canvas::polygon(const std::vector<sf::Vector2f>& p, sf::Color fill, sf::Color outline,
                     float outline_width) {
  if (p.size() < 3) return;
  const std::vector<sf::Vector2f> off = outward_offsets(p);
  sf::Vector2f centre{0, 0};
  for (const auto& q : p) centre += q;
  centre /= static_cast<float>(p.size());
  const auto fan = [&](float at, sf::Color c) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      const std::size_t j = (i + 1) % p.size();
      tri(centre, p[i] + off[i] * at, p[j] + off[j] * at, c, c, c);
    }
  };
  const bool has_outline = outline_width >= 1 && outline.a > 0;
  if (!has_outline) {
    if (fill.a == 0) return;
    fan(-0.5f, fill);
    ring(p, off, -0.5f, 0.5f, fill, faded(fill, 0));
    return;
  }
  if (fill.a == 255) {
    // Opaque: the whole shape in the outline's colour, then the fill over its inside; the
    // fewest triangles (the inner edge is not feathered, but it lies between two colours).
    fan(-0.5f, outline);
    ring(p, off, -0.5f, 0.5f, outline, faded(outline, 0));
    fan(-outline_width, fill);
    return;
  }
  // See-through: the fill inside, the outline a ring feathered on both sides.
  if (fill.a > 0) fan(-outline_width + 0.5f, fill);
  const float inner = -outline_width + 0.5f, outer = -0.5f;
  ring(p, off, inner - 1, inner, faded(outline, 0), outline);
  if (outer > inner) ring(p, off, inner, outer, outline, outline);
  ring(p, off, outer, outer + 1, outline, faded(outline, 0));
}

void Canvas::rounded_box(const Rect& r, float radius, sf::Color fill, sf::Color outline,
                         float outline_width) {
  polygon(rounded_contour(r, radius), fill, outline, outline_width);
}

void Canvas::circle(sf::Vector2f c, float radius, sf::Color fill, sf::Color outline,
                    float outline_width) {
  const int n = std::clamp(static_cast<int>(radius * 0.8f) + 8, 10, 64);
  std::vector<sf::Vector2f> pts;
  pts.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const float a = 2 * pi * static_cast<float>(i) / static_cast<float>(n);
    pts.push_back({c.x + radius * std::cos(a), c.y + radius * std::sin(a)});
  }
  polygon(pts, fill, outline, outline_width);
}

void Canvas::symbol(sf::Uint32 code, sf::Vector2f centre, float height, sf::Color colour) {
  // The glyph's height at a reference size gives the size that makes it `height` tall.
  constexpr unsigned reference = 100;
  const sf::Glyph& ref = font_.getGlyph(code, reference, false);
  if (ref.bounds.height <= 0) return;
  const auto size = static_cast<unsigned>(
      std::max(6.f, std::round(height * static_cast<float>(reference) / ref.bounds.height)));
  const sf::Glyph& g = font_.getGlyph(code, size, false);
  // Whole pixels: the glyph's own antialiasing stays as FreeType drew it.
  const float x = std::round(centre.x - g.bounds.width / 2) - g.bounds.left;
  const float y = std::round(centre.y - g.bounds.height / 2) - g.bounds.top;
  glyph_quad(g, x, y, size, colour);
}

void Canvas::glyph_quad(const sf::Glyph& g, float x, float baseline, unsigned size,
                        sf::Color colour) {
  std::vector<sf::Vertex>& v = text_[size];
  const float l = x + g.bounds.left - 1, t = baseline + g.bounds.top - 1;
  const float r = x + g.bounds.left + g.bounds.width + 1;
  const float b = baseline + g.bounds.top + g.bounds.height + 1;
  const auto u1 = static_cast<float>(g.textureRect.left) - 1;
  const auto v1 = static_cast<float>(g.textureRect.top) - 1;
  const auto u2 = static_cast<float>(g.textureRect.left + g.textureRect.width) + 1;
  const auto v2 = static_cast<float>(g.textureRect.top + g.textureRect.height) + 1;
  v.push_back({{l, t}, colour, {u1, v1}});
  v.push_back({{r, t}, colour, {u2, v1}});
  v.push_back({{l, b}, colour, {u1, v2}});
  v.push_back({{l, b}, colour, {u1, v2}});
  v.push_back({{r, t}, colour, {u2, v1}});
  v.push_back({{r, b}, colour, {u2, v2}});
}

void Canvas::thick_line(sf::Vector2f a, sf::Vector2f b, float width, sf::Color colour) {
  const sf::Vector2f d = b - a;
  const float len = std::hypot(d.x, d.y);
  if (len <= 0 || colour.a == 0) return;
  const sf::Vector2f n{-d.y / len, d.x / len};
  float core = width / 2 - 0.5f;
  if (core < 0) {  // a hairline: fainter rather than thinner than a pixel
    colour = faded(colour, width);
    core = 0;
  }
  const sf::Color clear = faded(colour, 0);
  if (core > 0)
    quad(a + n * core, b + n * core, b - n * core, a - n * core, colour, colour, colour, colour);
  quad(a + n * core, b + n * core, b + n * (core + 1), a + n * (core + 1), colour, colour, clear,
       clear);
  quad(a - n * core, b - n * core, b - n * (core + 1), a - n * (core + 1), colour, colour, clear,
       clear);
}

// Lines of slope 1 (x - y = c), clipped to the rectangle by hand.
void Canvas::hatch(const Rect& r, float spacing, float width, sf::Color colour) {
  for (float c = r.x - r.bottom(); c < r.right() - r.y; c += spacing) {
    // On the line x = y + c: y ranges where both x and y are inside the rectangle.
    const float y_lo = std::max(r.y, r.x - c);
    const float y_hi = std::min(r.bottom(), r.right() - c);
    if (y_hi - y_lo < 1) continue;
    thick_line({y_lo + c, y_lo}, {y_hi + c, y_hi}, width, colour);
  }
}

void Canvas::area(const std::vector<sf::Vector2f>& top, float base, sf::Color colour) {
  for (std::size_t i = 1; i < top.size(); ++i) {
    quad(top[i - 1], top[i], {top[i].x, base}, {top[i - 1].x, base}, colour, colour, colour,
         colour);
  }
}

Canvas::Bounds Canvas::measure(const std::basic_string<sf::Uint32>& s, unsigned size) const {
  if (s.empty()) return {};
  float min_x = static_cast<float>(size), max_x = 0, x = 0;
  const float space = font_.getGlyph(U' ', size, false).advance;
  sf::Uint32 prev = 0;
  for (const sf::Uint32 c : s) {
    x += font_.getKerning(prev, c, size);
    prev = c;
    if (c == U' ') {
      min_x = std::min(min_x, x);
      x += space;
      max_x = std::max(max_x, x);
      continue;
    }
    const sf::Glyph& g = font_.getGlyph(c, size, false);
    min_x = std::min(min_x, x + g.bounds.left);
    max_x = std::max(max_x, x + g.bounds.left + g.bounds.width);
    x += g.advance;
  }
  return {min_x, max_x - min_x};
}

float Canvas::text_width(const std::string& utf8, unsigned size) const {
  const sf::String s = sf::String::fromUtf8(utf8.begin(), utf8.end());
  return measure(s.toUtf32(), size).width;
}

float Canvas::text(const std::string& utf8, float x, float y, unsigned size, sf::Color colour,
                   Align align, float max_width) {
  const std::basic_string<sf::Uint32> s = sf::String::fromUtf8(utf8.begin(), utf8.end()).toUtf32();
  Bounds b = measure(s, size);
  if (max_width > 0) {
    while (b.width > max_width && size > 8) b = measure(s, --size);
  }
  float left = x;
  if (align == Align::Center) left = x - b.width / 2;
  if (align == Align::Right) left = x - b.width;
  // Whole pixels keep glyphs sharp; the top of the tallest glyph sits at y.
  const float top_offset = static_cast<float>(size) * 0.22f;
  const float ox = std::round(left - b.left);
  const float baseline = std::round(y - top_offset) + static_cast<float>(size);
  const float space = font_.getGlyph(U' ', size, false).advance;
  float pen = 0;
  sf::Uint32 prev = 0;
  for (const sf::Uint32 c : s) {
    pen += font_.getKerning(prev, c, size);
    prev = c;
    if (c == U' ') {
      pen += space;
      continue;
    }
    const sf::Glyph& g = font_.getGlyph(c, size, false);
    glyph_quad(g, ox + pen, baseline, size, colour);
    pen += g.advance;
  }
  return b.width;
}

}  // namespace gameday::viz

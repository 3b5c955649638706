// The viewer's drawing surface: every shape and every piece of text of a frame goes into a few
// vertex arrays, drawn in a handful of calls, instead of one draw call per shape and per string.
// Under a software OpenGL (Mesa's llvmpipe, under Xvfb) each draw call costs far more than its
// pixels, so this is what makes playback smooth.
//
// How the batching keeps the picture right:
//  - Within a layer all shapes are drawn first, in the order given, in one untextured call, then
//    all text (one call per character size, since each size has its own glyph page). Text is
//    never under a shape of its own layer; a caller that needs a shape over some text starts a
//    new layer (`flush`).
//  - Edges are antialiased by a one-pixel feather (geometry whose alpha falls to zero outwards),
//    which needs no multisampling: multisampling quadruples the work of a software rasteriser.
#pragma once

#include <SFML/Graphics.hpp>
#include <map>
#include <string>
#include <vector>

#include "gameday/viz/layout.hpp"

namespace gameday::viz {

enum class Align : std::uint8_t { Left, Center, Right };

class Canvas {
 public:
  Canvas(sf::RenderTarget& target, const sf::Font& font);
  ~Canvas() { flush(); }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  const sf::Font& font() const { return font_; }

  // Draws what was added so far: shapes in order, then text. Later additions go on top.
  void flush();

  void fill_rect(const Rect& r, sf::Color colour);
  // A box with rounded corners; the outline lies inside the box, so boxes never grow.
  void rounded_box(const Rect& r, float radius, sf::Color fill, sf::Color outline,
                   float outline_width);
  // A line `width` wide from a to b with square ends.
  void thick_line(sf::Vector2f a, sf::Vector2f b, float width, sf::Color colour);
  // Diagonal stripes clipped to `r`.
  void hatch(const Rect& r, float spacing, float width, sf::Color colour);
  // A convex polygon, its points in order around it; the outline (if any) lies inside.
  void polygon(const std::vector<sf::Vector2f>& points, sf::Color fill, sf::Color outline = {},
               float outline_width = 0);
  void circle(sf::Vector2f centre, float radius, sf::Color fill, sf::Color outline = {},
              float outline_width = 0);
  // The area between y = `base` and the polyline through `top` (x increasing).
  void area(const std::vector<sf::Vector2f>& top, float base, sf::Color colour);

  // Text (UTF-8) with the top of its tallest glyph at `y`, shrunk until it fits `max_width` when
  // that is set; returns the width drawn.
  float text(const std::string& utf8, float x, float y, unsigned size, sf::Color colour,
             Align align = Align::Left, float max_width = 0);
  // One character of the font (a symbol such as U+25CF, a black circle) `height` pixels tall,
  // centred on `centre`: two triangles, antialiased by FreeType, drawn with the text.
  void symbol(sf::Uint32 code, sf::Vector2f centre, float height, sf::Color colour);
  // The width `text` would draw, without drawing.
  float text_width(const std::string& utf8, unsigned size) const;

 private:
  struct Bounds {
    float left = 0, width = 0;
  };
  Bounds measure(const std::basic_string<sf::Uint32>& text, unsigned size) const;
  // A glyph with its origin at x on the baseline, as sf::Text places it (with its padding).
  void glyph_quad(const sf::Glyph& g, float x, float baseline, unsigned size, sf::Color colour);
  void tri(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color ca, sf::Color cb,
           sf::Color cc);
  void quad(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Vector2f d, sf::Color ca,
            sf::Color cb, sf::Color cc, sf::Color cd);
  // A band along a closed contour, from each point to point + offset[i], colours inner/outer.
  void ring(const std::vector<sf::Vector2f>& points, const std::vector<sf::Vector2f>& offsets,
            float inner, float outer, sf::Color inner_colour, sf::Color outer_colour);

  sf::RenderTarget& target_;
  const sf::Font& font_;
  std::vector<sf::Vertex> shapes_;
  std::map<unsigned, std::vector<sf::Vertex>> text_;  // by character size
};

}  // namespace gameday::viz

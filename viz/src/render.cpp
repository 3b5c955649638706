// Rendering one frame off screen: a software-GL render texture (Mesa under Xvfb works), read
// back into memory or saved as a PNG. SFML reports its own failures on sf::err(); that stream is
// captured while we work so the messages reach the user once, through our Result, instead of
// as stray lines on stderr.
#include "gameday/viz/render.hpp"

#include <SFML/Graphics.hpp>
#include <filesystem>
#include <memory>
#include <sstream>

#include "draw.hpp"
#include "font.hpp"

namespace gameday::viz {
namespace {

// Redirects sf::err() into a string for the lifetime of the object.
class CaptureSfmlErrors {
 public:
  CaptureSfmlErrors() : old_(sf::err().rdbuf(text_.rdbuf())) {}
  ~CaptureSfmlErrors() { sf::err().rdbuf(old_); }
  CaptureSfmlErrors(const CaptureSfmlErrors&) = delete;
  CaptureSfmlErrors& operator=(const CaptureSfmlErrors&) = delete;
  std::string text() const {
    std::string t = text_.str();
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    return t;
  }

 private:
  std::ostringstream text_;
  std::streambuf* old_;
};

}  // namespace

Pixels::Rgb Pixels::at(unsigned x, unsigned y) const {
  const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
  return {rgba[i], rgba[i + 1], rgba[i + 2]};
}

Result load_font(const std::string& path, sf::Font& font) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return {Outcome::NoFont,
            "font '" + path + "' not found (Debian: apt-get install fonts-dejavu-core)"};
  if (!font.loadFromFile(path)) return {Outcome::NoFont, "cannot load font '" + path + "'"};
  return {};
}

struct FrameRenderer::Impl {
  sf::Font font;
  sf::RenderTexture texture;
};

FrameRenderer::FrameRenderer() = default;
FrameRenderer::~FrameRenderer() = default;

Result FrameRenderer::open(const FrameOptions& options) {
  if (Result r = check_display(); r.outcome != Outcome::Ok) return r;
  CaptureSfmlErrors capture;
  auto impl = std::make_unique<Impl>();
  if (Result r = load_font(options.font_path, impl->font); r.outcome != Outcome::Ok) return r;
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  // Multisampling needs an FBO extension some drivers lack; fall back to no antialiasing.
  if (!impl->texture.create(options.width, options.height, settings) &&
      !impl->texture.create(options.width, options.height)) {
    return {Outcome::GraphicsFailed, "cannot create a " + std::to_string(options.width) + "x" +
                                         std::to_string(options.height) +
                                         " render texture: " + capture.text()};
  }
  impl_ = std::move(impl);
  return {};
}

void FrameRenderer::draw(const ReplayModel& model, const FrameOptions& options, Pixels* out) {
  const sf::Vector2u size = impl_->texture.getSize();
  const FrameLayout layout = layout_frame(model, options.view, size.x, size.y);
  draw_frame(impl_->texture, impl_->font, model, layout,
             {options.at, options.view, options.chart_service});
  impl_->texture.display();
  if (out == nullptr) return;
  const sf::Image image = impl_->texture.getTexture().copyToImage();
  out->width = image.getSize().x;
  out->height = image.getSize().y;
  const std::uint8_t* p = image.getPixelsPtr();
  out->rgba.assign(p, p + static_cast<std::size_t>(out->width) * out->height * 4);
}

Result render_pixels(const ReplayModel& model, const FrameOptions& options, Pixels& out) {
  FrameRenderer renderer;
  if (Result r = renderer.open(options); r.outcome != Outcome::Ok) return r;
  renderer.draw(model, options, &out);
  return {};
}

Result render_png(const ReplayModel& model, const FrameOptions& options, const std::string& path) {
  Pixels px;
  if (Result r = render_pixels(model, options, px); r.outcome != Outcome::Ok) return r;
  sf::Image image;
  image.create(px.width, px.height, px.rgba.data());
  CaptureSfmlErrors capture;
  if (!image.saveToFile(path))
    return {Outcome::WriteFailed,
            "cannot write '" + path + "'" + (capture.text().empty() ? "" : ": " + capture.text())};
  return {};
}

}  // namespace gameday::viz

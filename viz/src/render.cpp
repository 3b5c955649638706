// Rendering one frame off screen: a software-GL render texture (Mesa under Xvfb works), read
// back into memory or saved as a PNG. SFML reports its own failures on sf::err(); that stream is
// captured while we work so the messages reach the user once, through our Result, instead of
// as stray lines on stderr.
#include "gameday/viz/render.hpp"

#include <SFML/Graphics.hpp>
#include <SFML/OpenGL.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>

#include "draw.hpp"
#include "font.hpp"
#include "frame_painter.hpp"
#include "gameday/core/output_file.hpp"

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
  std::unique_ptr<Canvas> canvas;  // on the texture, kept to reuse its buffers frame to frame
  std::unique_ptr<FramePainter> painter;
};

FrameRenderer::FrameRenderer() = default;
FrameRenderer::~FrameRenderer() = default;

Result FrameRenderer::open(const FrameOptions& options) {
  if (Result r = check_display(); r.outcome != Outcome::Ok) return r;
  CaptureSfmlErrors capture;
  auto impl = std::make_unique<Impl>();
  if (Result r = load_font(options.font_path, impl->font); r.outcome != Outcome::Ok) return r;
  // No multisampling: it would quadruple a software rasteriser's work, and the canvas
  // antialiases its own edges (canvas.hpp).
  if (!impl->texture.create(options.width, options.height)) {
    return {Outcome::GraphicsFailed, "cannot create a " + std::to_string(options.width) + "x" +
                                         std::to_string(options.height) +
                                         " render texture: " + capture.text()};
  }
  impl->canvas = std::make_unique<Canvas>(impl->texture, impl->font);
  impl->painter = std::make_unique<FramePainter>(impl->font);
  impl_ = std::move(impl);
  return {};
}

namespace {

// Reads the texture's pixels with glReadPixels, straight from its framebuffer, rather than
// sf::Texture::copyToImage: under Mesa's software renderer that is about five times faster,
// which the video export feels at every frame. The framebuffer's rows run bottom to top.
void read_back(sf::RenderTexture& texture, Pixels* out) {
  texture.display();
  if (out == nullptr) return;
  const sf::Vector2u size = texture.getSize();
  out->width = size.x;
  out->height = size.y;
  out->rgba.resize(static_cast<std::size_t>(size.x) * size.y * 4);
  if (!texture.setActive(true)) return;
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, static_cast<GLsizei>(size.x), static_cast<GLsizei>(size.y), GL_RGBA,
               GL_UNSIGNED_BYTE, out->rgba.data());
  const std::size_t row = static_cast<std::size_t>(size.x) * 4;
  auto* p = out->rgba.data();
  for (std::size_t top = 0, bottom = size.y - 1; top < bottom; ++top, --bottom)
    std::swap_ranges(p + top * row, p + (top + 1) * row, p + bottom * row);
}

// SFML writes a temporary made beside `path` (it picks the format by the extension, which the
// temporary keeps), renamed over `path` once whole; never through a link at `path`.
Result save_png(const Pixels& px, const std::string& path) {
  sf::Image image;
  image.create(px.width, px.height, px.rgba.data());
  PendingFile file;
  if (const FileResult r = file.create(path); !r.ok()) return {Outcome::WriteFailed, r.message};
  CaptureSfmlErrors capture;
  if (!image.saveToFile(file.path()))
    return {Outcome::WriteFailed,
            "cannot write '" + path + "'" + (capture.text().empty() ? "" : ": " + capture.text())};
  if (const FileResult r = file.commit(); !r.ok()) return {Outcome::WriteFailed, r.message};
  return {};
}

}  // namespace

void FrameRenderer::draw(const ReplayModel& model, const FrameOptions& options, Pixels* out) {
  const sf::Vector2u size = impl_->texture.getSize();
  const FrameLayout layout = layout_frame(model, options.view, size.x, size.y);
  impl_->painter->paint(impl_->texture, *impl_->canvas, model, layout,
                        {options.at, options.view, options.chart_service});
  read_back(impl_->texture, out);
}

void FrameRenderer::draw_summary(const ReplayModel& model, const FrameOptions& options,
                                 Pixels* out) {
  const sf::Vector2u size = impl_->texture.getSize();
  const SummaryLayout layout = layout_summary(model, options.view, size.x, size.y);
  viz::draw_summary(*impl_->canvas, impl_->texture, model, layout, options.view);
  read_back(impl_->texture, out);
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
  return save_png(px, path);
}

Result render_summary_pixels(const ReplayModel& model, const FrameOptions& options, Pixels& out) {
  FrameRenderer renderer;
  if (Result r = renderer.open(options); r.outcome != Outcome::Ok) return r;
  renderer.draw_summary(model, options, &out);
  return {};
}

Result render_summary_png(const ReplayModel& model, const FrameOptions& options,
                          const std::string& path) {
  Pixels px;
  if (Result r = render_summary_pixels(model, options, px); r.outcome != Outcome::Ok) return r;
  return save_png(px, path);
}

}  // namespace gameday::viz

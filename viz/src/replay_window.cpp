// The replay window: the same frame as `gameday render`, redrawn as simulated time advances at
// a chosen speed, with keys and the mouse to pause, seek and step through the run.
//
// Playback time is kept as a double of simulated seconds only here, at the edge, and turned
// back into integer Time for every frame. The wall clock is SFML's; viz/ is not part of the
// deterministic model, and nothing it reads feeds back into a record.
#include <SFML/Graphics.hpp>
#include <algorithm>
#include <cmath>
#include <utility>

#include "draw.hpp"
#include "font.hpp"
#include "frame_painter.hpp"
#include "gameday/viz/render.hpp"
#include "palette.hpp"

namespace gameday::viz {
namespace {

constexpr std::pair<const char*, const char*> help_lines[] = {
    {"space", "play / pause"},
    {"left, right", "previous / next event"},
    {"+, -", "faster / slower"},
    {"drag", "seek on the timeline"},
    {"t", "responders' / truth view"},
    {"f", "fullscreen"},
    {"h", "this help"},
    {"Esc, q", "quit"},
};

struct Playback {
  const ReplayModel& model;
  Time t;
  View view;
  double speed;
  bool playing = true;
  bool help = false;
  bool dragging = false;

  void step(int direction) {
    const auto times = model.event_times(view);
    if (direction > 0) {
      const auto it = std::upper_bound(times.begin(), times.end(), t);
      if (it != times.end()) t = *it;
    } else {
      auto it = std::lower_bound(times.begin(), times.end(), t);
      if (it != times.begin()) t = *(it - 1);
    }
    playing = false;
  }
  void advance(double wall_seconds) {
    if (!playing || dragging) return;
    t = t + Duration::from_seconds(wall_seconds * speed);
    if (t >= model.end()) {
      t = model.end();
      playing = false;
    }
  }
};

void open_window(sf::RenderWindow& w, const ReplayOptions& o, const std::string& title,
                 bool fullscreen) {
  // No multisampling: the canvas antialiases its own edges (canvas.hpp).
  if (fullscreen)
    w.create(sf::VideoMode::getDesktopMode(), title, sf::Style::Fullscreen);
  else
    w.create(sf::VideoMode(o.width, o.height), title, sf::Style::Default);
  w.setFramerateLimit(60);
  w.setKeyRepeatEnabled(true);
}

// Returns false when the window should close.
bool on_key(Playback& p, sf::Keyboard::Key key, bool& toggle_fullscreen) {
  switch (key) {
    case sf::Keyboard::Escape:
    case sf::Keyboard::Q: return false;
    case sf::Keyboard::Space:
      if (!p.playing && p.t >= p.model.end()) p.t = Time::zero();
      p.playing = !p.playing;
      break;
    case sf::Keyboard::Right: p.step(+1); break;
    case sf::Keyboard::Left: p.step(-1); break;
    case sf::Keyboard::Add:
    case sf::Keyboard::Equal: p.speed = std::min(p.speed * 2, 1e5); break;
    case sf::Keyboard::Subtract:
    case sf::Keyboard::Hyphen: p.speed = std::max(p.speed / 2, 0.25); break;
    case sf::Keyboard::T: p.view = p.view == View::Truth ? View::Responders : View::Truth; break;
    case sf::Keyboard::H: p.help = !p.help; break;
    case sf::Keyboard::F: toggle_fullscreen = true; break;
    default: break;
  }
  return true;
}

void draw_overlay(Canvas& canvas, const FrameLayout& l, const Playback& p) {
  const float k = l.scale;
  char speed[48];
  std::snprintf(speed, sizeof speed, "%s  %gx   h: help", p.playing ? "playing" : "paused",
                p.speed);
  const Rect box{l.topology.x + 16 * k, l.topology.bottom() - 46 * k, 330 * k, 34 * k};
  canvas.rounded_box(box, 8 * k, palette::with_alpha(palette::ink, 215), palette::ink, 0);
  canvas.text(speed, box.x + 12 * k, box.y + 7 * k, static_cast<unsigned>(std::round(19 * k)),
              sf::Color::White, Align::Left, box.w - 24 * k);
  if (!p.help) return;
  const float line = 38 * k;
  const Rect panel{l.width / 2 - 330 * k, l.height / 2 - 190 * k, 660 * k,
                   line * static_cast<float>(std::size(help_lines)) + 40 * k};
  canvas.rounded_box(panel, 14 * k, palette::with_alpha(palette::ink, 235), palette::sky, 3 * k);
  float y = panel.y + 20 * k;
  const auto size = static_cast<unsigned>(std::round(24 * k));
  for (const auto& [key, what] : help_lines) {
    canvas.text(key, panel.x + 30 * k, y, size, palette::sky);
    canvas.text(what, panel.x + 220 * k, y, size, sf::Color::White);
    y += line;
  }
}

}  // namespace

Result run_replay_window(const ReplayModel& model, const ReplayOptions& options) {
  if (Result r = check_display(); r.outcome != Outcome::Ok) return r;
  sf::Font font;
  if (Result r = load_font(options.font_path, font); r.outcome != Outcome::Ok) return r;
  Playback p{model, std::clamp(options.start.value_or(Time::zero()), Time::zero(), model.end()),
             options.view, options.speed};
  const std::string title = "gameday replay: " + model.header().scenario_name;
  sf::RenderWindow window;
  bool fullscreen = false;
  open_window(window, options, title, fullscreen);
  if (!window.isOpen()) return {Outcome::GraphicsFailed, "cannot open a window"};
  Canvas canvas(window, font);
  FramePainter painter(font);
  sf::Clock clock;
  while (window.isOpen()) {
    const sf::Vector2u size = window.getSize();
    const FrameLayout layout = layout_frame(model, p.view, size.x, size.y);
    bool toggle = false;
    sf::Event e;
    while (window.pollEvent(e)) {
      if (e.type == sf::Event::Closed) window.close();
      if (e.type == sf::Event::Resized)
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(e.size.width),
                                              static_cast<float>(e.size.height))));
      if (e.type == sf::Event::KeyPressed && !on_key(p, e.key.code, toggle)) window.close();
      const bool press = e.type == sf::Event::MouseButtonPressed &&
                         e.mouseButton.button == sf::Mouse::Left &&
                         static_cast<float>(e.mouseButton.y) >= layout.timeline.y;
      if (press) p.dragging = true;
      if (e.type == sf::Event::MouseButtonReleased) p.dragging = false;
      if (press) p.t = layout.x_time(static_cast<float>(e.mouseButton.x));
      if (e.type == sf::Event::MouseMoved && p.dragging)
        p.t = layout.x_time(static_cast<float>(e.mouseMove.x));
    }
    if (!window.isOpen()) break;
    if (toggle) {
      fullscreen = !fullscreen;
      open_window(window, options, title, fullscreen);
      continue;
    }
    p.advance(clock.restart().asSeconds());
    // Again: a key may have switched the view, which adds or removes the faults lane.
    const FrameLayout now = layout_frame(model, p.view, window.getSize().x, window.getSize().y);
    painter.paint(window, canvas, model, now, {p.t, p.view, std::nullopt});
    draw_overlay(canvas, now, p);
    canvas.flush();
    window.display();
  }
  return {};
}

}  // namespace gameday::viz

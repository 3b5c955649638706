// The replay window: the same frame as `gameday render`, redrawn as simulated time advances at
// a chosen speed, with keys and the mouse to pause, seek and step through the run, and clicks
// that open the details of a service or a timeline item. The live view is the same window on a
// record still being written: it reads the file again when it grows.
//
// Playback time is kept as a double of simulated seconds only here, at the edge, and turned
// back into integer Time for every frame. The wall clock is SFML's; viz/ is not part of the
// deterministic model, and nothing it reads feeds back into a record.
#include <SFML/Graphics.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "draw.hpp"
#include "font.hpp"
#include "frame_painter.hpp"
#include "gameday/core/diagnostics.hpp"
#include "gameday/core/units.hpp"
#include "gameday/viz/details.hpp"
#include "gameday/viz/render.hpp"
#include "palette.hpp"

namespace gameday::viz {
namespace {

constexpr std::pair<const char*, const char*> help_lines[] = {
    {"space", "play / pause"},
    {"left, right", "previous / next event"},
    {"+, -", "faster / slower"},
    {"drag", "seek on the timeline"},
    {"click", "details of a service or a timeline item"},
    {"l", "back to live (live view)"},
    {"t", "responders' / truth view"},
    {"f", "fullscreen"},
    {"h", "this help"},
    {"Esc", "close the details; quit"},
    {"q", "quit"},
};

// The model shown, and for a live view the record file it is read from again as it grows. The
// reading happens on a thread of its own, so that parsing a long record (a tenth of a second
// for a 45-minute game) never stalls the window; the window takes each new model when it is
// ready.
class ModelSource {
 public:
  explicit ModelSource(const ReplayModel& fixed) : model_(&fixed) {}
  ModelSource(std::unique_ptr<const ReplayModel> owned, std::string path)
      : owned_(std::move(owned)), model_(owned_.get()), path_(std::move(path)) {
    if (!owned_->is_complete()) reader_ = std::thread([this] { follow(); });
  }
  ~ModelSource() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    if (reader_.joinable()) reader_.join();
  }
  ModelSource(const ModelSource&) = delete;
  ModelSource& operator=(const ModelSource&) = delete;

  const ReplayModel& model() const { return *model_; }
  bool is_following() const { return !path_.empty() && !model_->is_complete(); }

  // How long the record has not grown, once that is `after` or more, while following it.
  std::optional<std::chrono::seconds> stalled(Duration after) const {
    if (!is_following()) return std::nullopt;
    const std::lock_guard lock(mutex_);
    const auto quiet = std::chrono::steady_clock::now() - grown_at_;
    if (quiet < std::chrono::nanoseconds(after.ns())) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::seconds>(quiet);
  }

  // Takes the model the reader made since the last call, if any: true when the model changed.
  bool refresh() {
    std::unique_ptr<const ReplayModel> fresh;
    {
      const std::lock_guard lock(mutex_);
      fresh = std::move(pending_);
    }
    if (!fresh) return false;
    owned_ = std::move(fresh);
    model_ = owned_.get();
    return true;
  }

 private:
  // Twice a second, reads the record again when the file grew, until it has its end line. A
  // read that fails (a line half written) keeps the model shown and tries again.
  void follow() {
    std::uintmax_t size = file_size();
    std::uintmax_t grown_size = size;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [&] { return stop_; })) {
      lock.unlock();
      const std::uintmax_t now = file_size();
      std::unique_ptr<const ReplayModel> fresh;
      if (now != grown_size) {
        grown_size = now;
        const std::lock_guard grown(mutex_);
        grown_at_ = std::chrono::steady_clock::now();
      }
      if (now != size) {
        Diagnostics diags;
        if (auto record = eventlog::read_record(path_, diags)) {
          size = now;
          fresh = std::make_unique<const ReplayModel>(std::move(*record));
        }
      }
      const bool done = fresh && fresh->is_complete();
      lock.lock();
      if (fresh) pending_ = std::move(fresh);
      if (done) return;
    }
  }
  std::uintmax_t file_size() const {
    std::error_code ec;
    const auto n = std::filesystem::file_size(path_, ec);
    return ec ? 0 : n;
  }

  std::unique_ptr<const ReplayModel> owned_;
  const ReplayModel* model_;
  std::string path_;
  mutable std::mutex mutex_;  // guards pending_, stop_ and grown_at_
  std::condition_variable wake_;
  std::unique_ptr<const ReplayModel> pending_;
  bool stop_ = false;
  std::chrono::steady_clock::time_point grown_at_ = std::chrono::steady_clock::now();
  std::thread reader_;
};

struct Playback {
  const ModelSource& source;
  Time t;
  View view;
  double speed;
  bool playing = true;
  bool help = false;
  bool dragging = false;
  bool truth_locked = false;  // a live view started for the responders: no truth until the end
  std::optional<std::chrono::seconds> stalled;  // the live view's record has not grown for this
  std::optional<ServiceId> selected = std::nullopt;  // its details are open; it is charted
  std::optional<Details> item = std::nullopt;        // the timeline item whose details are open

  const ReplayModel& model() const { return source.model(); }
  bool is_live() const { return source.is_following() && playing && !stalled; }

  void step(int direction) {
    const auto times = model().event_times(view);
    if (direction > 0) {
      const auto it = std::upper_bound(times.begin(), times.end(), t);
      if (it != times.end()) t = *it;
    } else {
      auto it = std::lower_bound(times.begin(), times.end(), t);
      if (it != times.begin()) t = *(it - 1);
    }
    playing = false;
  }
  // A live view playing shows the newest moment; a replay moves at its speed to the end.
  void advance(double wall_seconds) {
    if (!playing || dragging) return;
    if (source.is_following()) {
      t = model().end();
      return;
    }
    t = t + Duration::from_seconds(wall_seconds * speed);
    if (t >= model().end()) {
      t = model().end();
      playing = false;
    }
  }
  void close_details() {
    selected.reset();
    item.reset();
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

std::string window_title(const ModelSource& source, bool stalled) {
  const char* kind = !source.is_following() ? "gameday replay: "
                     : stalled              ? "gameday live, stalled: "
                                            : "gameday live: ";
  return kind + source.model().header().scenario_name;
}

// The live view says so when its record stops growing, and when it grows again.
void watch_growth(Playback& p, const ReplayOptions& o) {
  const Duration after =
      o.stalled_after.value_or(std::max(seconds(30), p.model().header().sample_interval * 2));
  const auto stalled = p.source.stalled(after);
  if (stalled.has_value() != p.stalled.has_value() && o.notice)
    o.notice(stalled ? "the record has not grown for " + format_duration(after) +
                           ": the view is not live (the game is paused, or stopped without "
                           "closing its record)"
                     : "the record grows again: the view is live");
  p.stalled = stalled;
}

// Returns false when the window should close.
bool on_key(Playback& p, sf::Keyboard::Key key, bool& toggle_fullscreen) {
  switch (key) {
    case sf::Keyboard::Escape:
      if (!p.selected && !p.item) return false;
      p.close_details();
      break;
    case sf::Keyboard::Q: return false;
    case sf::Keyboard::Space:
      if (!p.playing && p.t >= p.model().end() && !p.source.is_following()) p.t = Time::zero();
      p.playing = !p.playing;
      break;
    case sf::Keyboard::L: p.playing = true; break;
    case sf::Keyboard::Right: p.step(+1); break;
    case sf::Keyboard::Left: p.step(-1); break;
    case sf::Keyboard::Add:
    case sf::Keyboard::Equal: p.speed = std::min(p.speed * 2, 1e5); break;
    case sf::Keyboard::Subtract:
    case sf::Keyboard::Hyphen: p.speed = std::max(p.speed / 2, 0.25); break;
    case sf::Keyboard::T:
      if (!p.truth_locked) p.view = p.view == View::Truth ? View::Responders : View::Truth;
      break;
    case sf::Keyboard::H: p.help = !p.help; break;
    case sf::Keyboard::F: toggle_fullscreen = true; break;
    default: break;
  }
  return true;
}

// A left click: a service box opens its details (and charts it); a timeline item opens its
// details and moves the cursor to it; elsewhere on the timeline it seeks (and starts a drag);
// elsewhere it closes the details.
void on_click(Playback& p, const FrameLayout& l, float x, float y) {
  if (const auto s = l.service_at(x, y)) {
    p.selected = s;
    p.item.reset();
    return;
  }
  if (y < l.timeline.y) {
    p.close_details();
    return;
  }
  if (auto item = timeline_details(p.model(), l, p.view, x, y)) {
    p.t = item->t.value_or(p.t);
    p.playing = false;
    p.selected.reset();
    p.item = std::move(item);
    return;
  }
  p.dragging = true;
  p.t = l.x_time(x);
}

void draw_details(Canvas& canvas, const FrameLayout& l, const Details& d) {
  const float k = l.scale;
  const Rect panel = l.details_panel(d.lines.size());
  canvas.rounded_box(panel, 10 * k, palette::with_alpha(palette::background, 245), palette::blue,
                     3 * k);
  float y = panel.y + 14 * k;
  canvas.text(d.title, panel.x + 18 * k, y, static_cast<unsigned>(std::round(22 * k)),
              palette::blue, Align::Left, panel.w - 36 * k);
  for (const std::string& text : d.lines) {
    y += 30 * k;
    canvas.text(text, panel.x + 18 * k, y, static_cast<unsigned>(std::round(20 * k)), palette::ink,
                Align::Left, panel.w - 36 * k);
  }
}

void draw_overlay(Canvas& canvas, const FrameLayout& l, const Playback& p) {
  const float k = l.scale;
  char status[64];
  if (p.is_live())
    std::snprintf(status, sizeof status, "LIVE   h: help");
  else if (p.stalled && p.source.is_following())
    std::snprintf(status, sizeof status, "no new lines for %llds   h: help",
                  static_cast<long long>(p.stalled->count()));
  else
    std::snprintf(status, sizeof status, "%s  %gx   h: help", p.playing ? "playing" : "paused",
                  p.speed);
  const Rect box{l.topology.x + 16 * k, l.topology.bottom() - 46 * k, 330 * k, 34 * k};
  canvas.rounded_box(box, 8 * k,
                     palette::with_alpha(p.is_live() ? palette::vermillion : palette::ink, 215),
                     palette::ink, 0);
  canvas.text(status, box.x + 12 * k, box.y + 7 * k, static_cast<unsigned>(std::round(19 * k)),
              sf::Color::White, Align::Left, box.w - 24 * k);
  if (p.selected)
    draw_details(canvas, l, service_details(p.model(), p.model().at(p.t), *p.selected));
  if (p.item) draw_details(canvas, l, *p.item);
  if (!p.help) return;
  const float line = 38 * k;
  const Rect panel{l.width / 2 - 380 * k, l.height / 2 - 240 * k, 760 * k,
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

Result run_window(ModelSource& source, const ReplayOptions& options, Time start) {
  sf::Font font;
  if (Result r = load_font(options.font_path, font); r.outcome != Outcome::Ok) return r;
  Playback p{source, start, options.view, options.speed};
  p.truth_locked = source.is_following() && options.view == View::Responders;
  std::string title = window_title(source, false);
  sf::RenderWindow window;
  bool fullscreen = false;
  open_window(window, options, title, fullscreen);
  if (!window.isOpen()) return {Outcome::GraphicsFailed, "cannot open a window"};
  Canvas canvas(window, font);
  FramePainter painter(font);
  sf::Clock clock;
  while (window.isOpen()) {
    if (source.refresh()) {
      painter.invalidate();
      if (!source.is_following()) p.truth_locked = false;
    }
    watch_growth(p, options);
    if (const std::string now = window_title(source, p.stalled.has_value()); now != title)
      window.setTitle(title = now);
    const sf::Vector2u size = window.getSize();
    const FrameLayout layout = layout_frame(source.model(), p.view, size.x, size.y);
    bool toggle = false;
    sf::Event e;
    while (window.pollEvent(e)) {
      if (e.type == sf::Event::Closed) window.close();
      if (e.type == sf::Event::Resized)
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(e.size.width),
                                              static_cast<float>(e.size.height))));
      if (e.type == sf::Event::KeyPressed && !on_key(p, e.key.code, toggle)) window.close();
      if (e.type == sf::Event::MouseButtonPressed && e.mouseButton.button == sf::Mouse::Left)
        on_click(p, layout, static_cast<float>(e.mouseButton.x),
                 static_cast<float>(e.mouseButton.y));
      if (e.type == sf::Event::MouseButtonReleased) p.dragging = false;
      if (e.type == sf::Event::MouseMoved && p.dragging) {
        p.t = layout.x_time(static_cast<float>(e.mouseMove.x));
        p.playing = false;
      }
    }
    if (!window.isOpen()) break;
    if (toggle) {
      fullscreen = !fullscreen;
      open_window(window, options, title, fullscreen);
      continue;
    }
    p.advance(clock.restart().asSeconds());
    p.t = std::min(p.t, source.model().end());
    // Again: a key may have switched the view, which adds or removes the faults lane.
    const FrameLayout now =
        layout_frame(source.model(), p.view, window.getSize().x, window.getSize().y);
    painter.paint(window, canvas, source.model(), now, {p.t, p.view, p.selected});
    draw_overlay(canvas, now, p);
    canvas.flush();
    window.display();
  }
  return {};
}

}  // namespace

Result run_replay_window(const ReplayModel& model, const ReplayOptions& options) {
  if (Result r = check_display(); r.outcome != Outcome::Ok) return r;
  ModelSource source(model);
  return run_window(source, options,
                    std::clamp(options.start.value_or(Time::zero()), Time::zero(), model.end()));
}

Result run_live_window(const std::string& record_path, const ReplayOptions& options,
                       Duration wait) {
  if (Result r = check_display(); r.outcome != Outcome::Ok) return r;
  const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(wait.ns());
  for (;;) {
    Diagnostics diags;
    if (auto record = eventlog::read_record(record_path, diags)) {
      ModelSource source(std::make_unique<const ReplayModel>(std::move(*record)), record_path);
      return run_window(source, options, source.model().end());
    }
    if (std::chrono::steady_clock::now() >= until)
      return {Outcome::ReadFailed, "no readable record at '" + record_path + "'"};
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace gameday::viz

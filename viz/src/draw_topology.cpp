// The topology panel: one rounded box per service, coloured by health, with its error ratio,
// p99 and one mark per instance; one arrow per dependency, as wide as its call rate (on a log
// scale, relative to the busiest edge of the whole run so widths compare across time) and
// coloured by its failed share, with a badge when the caller's circuit breaker is open.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "draw.hpp"
#include "palette.hpp"

namespace gameday::viz {
namespace {

std::string percent(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, r >= 0.1 || r == 0 ? "%.0f%%" : "%.1f%%", r * 100);
  return buf;
}

std::string latency(Duration d) {
  char buf[32];
  const double ms_value = d.to_ms();
  if (ms_value >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f s", ms_value / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.0f ms", ms_value);
  return buf;
}

std::string rate(double per_second) {
  char buf[32];
  if (per_second >= 1000)
    std::snprintf(buf, sizeof buf, "%.1fk/s", per_second / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.0f/s", per_second);
  return buf;
}

// The legend's own symbols (DejaVu's circles, square and cross), so marks and legend match.
void draw_mark(Canvas& canvas, InstanceState st, sf::Vector2f c, float size, sf::Color ink) {
  if (!st.in_rotation) ink.a = 110;
  switch (st.mark) {
    case InstanceMark::Up: canvas.symbol(0x25CF, c, size, ink); break;           // ● black circle
    case InstanceMark::Cold: canvas.symbol(0x25CB, c, size, ink); break;         // ○ white circle
    case InstanceMark::Hung: canvas.symbol(0x25A1, c, size * 0.9f, ink); break;  // □ square
    case InstanceMark::Down: canvas.symbol(0x2715, c, size, ink); break;         // ✕ cross
  }
}

void draw_node(const DrawContext& ctx, std::size_t s, bool is_charted) {
  const float k = ctx.layout.scale;
  const Rect& r = ctx.layout.nodes[s];
  const ServiceState& st = ctx.snap.services[s];
  const float outline = st.health == Health::Critical   ? 6.f
                        : st.health == Health::Degraded ? 4.f
                                                        : 1.5f;
  if (is_charted) {
    const float g = 7 * k;
    ctx.canvas.rounded_box({r.x - g, r.y - g, r.w + 2 * g, r.h + 2 * g}, 16 * k,
                           sf::Color::Transparent, palette::muted, 2.5f * k);
  }
  ctx.canvas.rounded_box(r, 12 * k, palette::health(st.health), palette::ink, outline * k);
  if (st.health == Health::Critical) {
    const float in = outline * k;
    ctx.canvas.hatch({r.x + in, r.y + in, r.w - 2 * in, r.h - 2 * in}, 14 * k, 4 * k,
                     palette::with_alpha(sf::Color::White, 70));
  }
  const sf::Color ink = palette::text_on(st.health);
  const float pad = 12 * k;
  const float text_w = r.w * 0.85f - pad;
  const float big = std::min(26.f, r.h / k * 0.22f);
  const float small = std::min(19.f, r.h / k * 0.16f);
  ctx.canvas.text(ctx.model.header().names.services[s], r.x + pad, r.y + 0.09f * r.h, ctx.px(big),
                  ink, Align::Left, text_w);
  std::string stats =
      st.health == Health::Idle && st.request_rate == 0
          ? "no traffic"
          : "err " + percent(st.error_ratio) + "   p99 " + (st.has_latency ? latency(st.p99) : "-");
  ctx.canvas.text(stats, r.x + pad, r.y + 0.38f * r.h, ctx.px(small), ink, Align::Left, text_w);
  // Marks grouped by zone, a thin bar between two zones, so a zone's trouble shows as a group.
  const auto& info = ctx.model.header().names.instances;
  std::vector<InstanceState> marks = st.instances;
  std::stable_sort(marks.begin(), marks.end(), [&](const InstanceState& a, const InstanceState& b) {
    return info[a.id.index()].zone < info[b.id.index()].zone;
  });
  std::size_t zones = 0;
  for (std::size_t i = 0; i < marks.size(); ++i)
    zones += i == 0 || info[marks[i].id.index()].zone != info[marks[i - 1].id.index()].zone;
  const float slots = static_cast<float>(marks.size()) + 0.6f * static_cast<float>(zones - 1);
  const float size = std::min({14 * k, r.h * 0.15f, (r.w - 2 * pad) / std::max(1.f, slots) / 1.6f});
  const float y = r.bottom() - 0.17f * r.h;
  float x = r.x + pad + size / 2;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (i > 0 && info[marks[i].id.index()].zone != info[marks[i - 1].id.index()].zone) {
      const float bar = x - size * 0.5f;
      ctx.canvas.fill_rect({bar - 0.75f * k, y - size * 0.7f, 1.5f * k, size * 1.4f},
                           palette::with_alpha(ink, 150));
      x += size * 0.96f;
    }
    draw_mark(ctx.canvas, marks[i], {x, y}, size, ink);
    x += size * 1.6f;
  }
}

// From the caller's right side to the callee's left side; a back edge (same or earlier
// column) leaves from the bottom and enters from the top.
std::pair<sf::Vector2f, sf::Vector2f> edge_ends(const Rect& a, const Rect& b) {
  if (b.x > a.right()) return {{a.right(), a.center_y()}, {b.x, b.center_y()}};
  if (b.y > a.y) return {{a.center_x(), a.bottom()}, {b.center_x(), b.y}};
  return {{a.center_x(), a.y}, {b.center_x(), b.bottom()}};
}

void draw_edge_badge(const DrawContext& ctx, const EdgeState& e, sf::Vector2f mid) {
  const float k = ctx.layout.scale;
  std::string text = rate(e.call_rate);
  if (e.failure_share >= 0.01) text += "  " + percent(e.failure_share) + " fail";
  if (e.is_circuit_open) text += "  circuit OPEN";
  if (e.is_circuit_half_open) text += "  circuit half-open";
  const float w = ctx.canvas.text_width(text, ctx.px(16)) + 12 * k;
  const float h = 24 * k;
  const bool alarming = e.is_circuit_open || e.failure_share >= 0.10;
  ctx.canvas.rounded_box({mid.x - w / 2, mid.y - h / 2, w, h}, 6 * k, palette::background,
                         alarming ? palette::vermillion : palette::grid,
                         (alarming ? 2.5f : 1.f) * k);
  ctx.canvas.text(text, mid.x, mid.y - h / 2 + 5 * k, ctx.px(16), palette::ink, Align::Center);
}

void draw_edges(const DrawContext& ctx) {
  const float k = ctx.layout.scale;
  const auto& deps = ctx.model.header().names.dependencies;
  const double top = std::log1p(std::max(ctx.model.max_call_rate(), 1.0));
  std::vector<sf::Vector2f> mids;
  for (std::size_t d = 0; d < deps.size(); ++d) {
    const std::size_t from = deps[d].from.index(), to = deps[d].to.index();
    if (from >= ctx.layout.nodes.size() || to >= ctx.layout.nodes.size()) continue;
    const EdgeState& e = ctx.snap.edges[d];
    auto [a, b] = edge_ends(ctx.layout.nodes[from], ctx.layout.nodes[to]);
    const float width = (2 + 12 * static_cast<float>(std::log1p(e.call_rate) / top)) * k;
    const sf::Color colour = palette::edge(e.failure_share);
    const sf::Vector2f dir = (b - a) / std::hypot(b.x - a.x, b.y - a.y);
    const float head = 10 * k + width;
    ctx.canvas.thick_line(a, b - dir * head * 0.8f, width, colour);
    const sf::Vector2f n{-dir.y, dir.x};
    ctx.canvas.polygon({b, b - dir * head + n * head * 0.6f, b - dir * head - n * head * 0.6f},
                       colour);
    mids.push_back(a + (b - a) * 0.5f);
  }
  std::size_t m = 0;
  for (std::size_t d = 0; d < deps.size(); ++d) {
    if (deps[d].from.index() >= ctx.layout.nodes.size() ||
        deps[d].to.index() >= ctx.layout.nodes.size())
      continue;
    // Badges after every line, so no later line crosses a label.
    if (deps.size() <= 24 || ctx.snap.edges[d].failure_share >= 0.01 ||
        ctx.snap.edges[d].is_circuit_open)
      draw_edge_badge(ctx, ctx.snap.edges[d], mids[m]);
    ++m;
  }
}

}  // namespace

void draw_topology(const DrawContext& ctx) {
  draw_edges(ctx);
  const ServiceId charted = ctx.state.chart_service.value_or(ctx.model.worst_service(ctx.snap));
  for (std::size_t s = 0; s < ctx.layout.nodes.size(); ++s) draw_node(ctx, s, s == charted.index());
}

}  // namespace gameday::viz

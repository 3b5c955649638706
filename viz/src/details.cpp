// The details a click shows; see details.hpp.
#include "gameday/viz/details.hpp"

#include <cmath>
#include <cstdio>

#include "gameday/viz/summary.hpp"

namespace gameday::viz {
namespace {

// How far from a mark a click still picks it, at 1080 lines.
constexpr float reach_px = 12;

std::string clock(Time t) {
  return format_span(t.since_start());
}

std::string percent(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, r < 0.1 ? "%.2f%%" : "%.1f%%", r * 100);
  return buf;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.1f" : "%.0f", v);
  return buf;
}

std::string from_to(const Span& s) {
  return "from " + clock(s.start) + (s.is_open ? " and still on" : " to " + clock(s.end)) + " (" +
         format_span(s.end - s.start) + ")";
}

std::string_view mark_name(InstanceMark m) {
  switch (m) {
    case InstanceMark::Up: return "up";
    case InstanceMark::Cold: return "cold";
    case InstanceMark::Hung: return "hung";
    case InstanceMark::Down: return "down";
  }
  return "?";
}

std::string_view response_kind_name(ResponseKind k) {
  switch (k) {
    case ResponseKind::Process: return "incident process";
    case ResponseKind::Action: return "action";
    case ResponseKind::Update: return "status update or note";
    case ResponseKind::Facilitator: return "facilitator";
  }
  return "?";
}

// The index of the item nearest x among those `keep` accepts, within `reach`.
template <class Items, class Keep>
std::optional<std::size_t> nearest(const Items& items, const FrameLayout& l, float x, Keep keep) {
  std::optional<std::size_t> best;
  float best_d = reach_px * l.scale;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!keep(items[i])) continue;
    const float d = std::abs(l.time_x(items[i].t) - x);
    if (d <= best_d) {
      best = i;
      best_d = d;
    }
  }
  return best;
}

std::optional<std::size_t> span_under(const std::vector<Span>& spans, const FrameLayout& l, float x,
                                      std::optional<std::size_t> alert) {
  const float slack = 3 * l.scale;  // a short span is drawn at least 3 px wide
  for (std::size_t i = spans.size(); i-- > 0;) {
    const Span& s = spans[i];
    if (alert && s.subject != *alert) continue;
    if (x >= l.time_x(s.start) - slack && x <= l.time_x(s.end) + slack) return i;
  }
  return std::nullopt;
}

Details response_details(const ReplayModel& model, const ResponseMark& m) {
  Details d;
  d.t = m.t;
  const std::string who = m.kind == ResponseKind::Facilitator ? "the facilitator" : m.responder;
  d.title = clock(m.t) + "  " + who + (m.role.empty() ? "" : " (" + m.role + ")");
  d.lines.push_back(m.text);
  d.lines.push_back(std::string(response_kind_name(m.kind)));
  if (m.took_effect) d.lines.push_back("took effect at " + clock(*m.took_effect));
  if (m.kind == ResponseKind::Action && !m.took_effect && model.is_complete())
    d.lines.push_back("never took effect");
  return d;
}

}  // namespace

Details service_details(const ReplayModel& model, const Snapshot& snap, ServiceId service) {
  const auto& names = model.header().names;
  const ServiceState& s = snap.services[service.index()];
  Details d;
  d.title = names.services[service.index()] + " at " + clock(snap.t);
  d.lines.push_back(std::string(health_name(s.health)) + ": " + number(s.request_rate) +
                    " requests/s, " + percent(s.error_ratio) + " errors, p99 " +
                    (s.has_latency ? number(s.p99.to_ms()) + " ms" : std::string("-")));
  std::string down;
  std::size_t running = 0;
  for (const InstanceState& i : s.instances) {
    if (names.instances[i.id.index()].standby && i.mark == InstanceMark::Down) continue;
    ++running;
    if (i.mark != InstanceMark::Up || !i.in_rotation)
      down += (down.empty() ? "" : ", ") + names.instances[i.id.index()].name + " " +
              std::string(mark_name(i.mark)) + (i.in_rotation ? "" : " (out of rotation)");
  }
  d.lines.push_back("instances: " + std::to_string(s.instances_up) + " up of " +
                    std::to_string(running) + (down.empty() ? "" : "; " + down));
  if (names.zones.size() > 1) {  // where a zone's trouble shows
    std::string zones;
    for (std::size_t z = 0; z < names.zones.size(); ++z) {
      int up = 0, all = 0;
      for (const InstanceState& i : s.instances) {
        const auto& in = names.instances[i.id.index()];
        if (in.zone.index() != z || (in.standby && i.mark == InstanceMark::Down)) continue;
        ++all;
        up += i.mark == InstanceMark::Up || i.mark == InstanceMark::Cold ? 1 : 0;
      }
      if (all > 0)
        zones += (zones.empty() ? "" : ", ") + names.zones[z] + " " + std::to_string(up) + "/" +
                 std::to_string(all);
    }
    d.lines.push_back("up by zone: " + zones);
  }
  const auto& deps = names.dependencies;
  for (std::size_t e = 0; e < deps.size() && e < snap.edges.size(); ++e) {
    if (deps[e].from != service) continue;
    const EdgeState& edge = snap.edges[e];
    std::string line = "calls " + names.services[deps[e].to.index()] + ": " +
                       number(edge.call_rate) + "/s, " + percent(edge.failure_share) + " failed";
    if (edge.is_circuit_open) line += ", circuit OPEN";
    if (edge.is_circuit_half_open) line += ", circuit half-open";
    d.lines.push_back(line);
  }
  return d;
}

std::optional<Details> timeline_details(const ReplayModel& model, const FrameLayout& layout,
                                        View view, float x, float y) {
  const Lane* lane = nullptr;
  for (const Lane& l : layout.lanes)
    if (y >= l.rect.y && y < l.rect.bottom() && x >= l.rect.x && x <= l.rect.right()) lane = &l;
  if (lane == nullptr) return std::nullopt;
  const Timeline& tl = model.timeline();
  const auto& names = model.header().names;
  switch (lane->kind) {
    case LaneKind::Milestones: {
      const auto& ms = model.summary().milestones;
      const auto i = nearest(ms, layout, x, [](const Milestone&) { return true; });
      if (!i) return std::nullopt;
      return Details{ms[*i].label, {model.summary().caption}, ms[*i].t};
    }
    case LaneKind::Faults: {
      const auto i = span_under(tl.faults, layout, x, std::nullopt);
      if (!i) return std::nullopt;
      const Span& s = tl.faults[*i];
      return Details{
          "fault " + s.label, {from_to(s), "ground truth: the responders did not see it"}, s.start};
    }
    case LaneKind::Alert: {
      const auto i = span_under(tl.alerts, layout, x, lane->alert);
      if (!i) return std::nullopt;
      const Span& s = tl.alerts[*i];
      const char* state = s.kind == SpanKind::AlertFiring ? "firing " : "pending ";
      return Details{"alert " + s.label, {state + from_to(s)}, s.start};
    }
    case LaneKind::Notifications: {
      const auto i = nearest(tl.marks, layout, x, [](const Mark&) { return true; });
      if (!i) return std::nullopt;
      const Mark& m = tl.marks[*i];
      const std::string alert = m.alert < names.alerts.size() ? names.alerts[m.alert] : "alert";
      return Details{clock(m.t) + (m.kind == MarkKind::Page ? "  page" : "  ticket"),
                     {"group " + m.label + ", for " + alert},
                     m.t};
    }
    case LaneKind::Responses: {
      const auto i = nearest(tl.responses, layout, x,
                             [&](const ResponseMark& m) { return is_shown(m, view); });
      if (!i) return std::nullopt;
      return response_details(model, tl.responses[*i]);
    }
  }
  return std::nullopt;
}

}  // namespace gameday::viz

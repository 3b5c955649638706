// The timeline from a record's events: fault spans (ground truth), alert spans split into
// pending and firing, page and ticket marks, and the responders' accepted commands.
//
// A span opens at its start event and closes at its end event; one still open when the record
// ends runs to the end and is flagged open. Faults with random failures open one span per
// instance (the `instance` field), so overlapping failures of one fault stay distinct.
#include <algorithm>
#include <initializer_list>
#include <map>
#include <utility>

#include "event_fields.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "gameday/viz/replay_model.hpp"

namespace gameday::viz {
namespace {

std::string name_at(const std::vector<std::string>& names, std::int64_t id, const char* what) {
  if (id >= 0 && static_cast<std::size_t>(id) < names.size())
    return names[static_cast<std::size_t>(id)];
  return std::string(what) + " " + std::to_string(id);
}

struct Builder {
  const eventlog::Record& record;
  Timeline out;
  std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> open_faults;  // -> faults index
  std::map<std::int64_t, std::size_t> open_alerts;                           // -> alerts index

  void close(Span& s, Time t) {
    s.end = t;
    s.is_open = false;
  }

  void fault(const eventlog::Event& e, std::int64_t f) {
    const std::int64_t inst = int_field(e, "instance").value_or(-1);
    const auto key = std::pair{f, inst};
    if (e.kind == "fault_start") {
      std::string label = name_at(record.header.names.faults, f, "fault");
      const auto& instances = record.header.names.instances;
      if (inst >= 0 && static_cast<std::size_t>(inst) < instances.size())
        label += " (" + instances[static_cast<std::size_t>(inst)].name + ")";
      open_faults[key] = out.faults.size();
      out.faults.push_back({SpanKind::Fault, static_cast<std::size_t>(f), e.t, e.t, true, label});
    } else if (const auto it = open_faults.find(key); it != open_faults.end()) {
      close(out.faults[it->second], e.t);
      open_faults.erase(it);
    }
  }

  void open_alert(const eventlog::Event& e, std::int64_t a, SpanKind kind) {
    if (const auto it = open_alerts.find(a); it != open_alerts.end()) {
      close(out.alerts[it->second], e.t);
      open_alerts.erase(it);
    }
    bool seen = false;
    for (std::size_t lane : out.alert_lanes) seen = seen || lane == static_cast<std::size_t>(a);
    if (!seen) out.alert_lanes.push_back(static_cast<std::size_t>(a));
    open_alerts[a] = out.alerts.size();
    const std::string label = name_at(record.header.names.alerts, a, "alert");
    out.alerts.push_back({kind, static_cast<std::size_t>(a), e.t, e.t, true, label});
  }

  void alert(const eventlog::Event& e, std::int64_t a) {
    if (e.kind == "alert_pending") open_alert(e, a, SpanKind::AlertPending);
    if (e.kind == "alert_firing") open_alert(e, a, SpanKind::AlertFiring);
    if (e.kind == "alert_resolved") {
      if (const auto it = open_alerts.find(a); it != open_alerts.end()) {
        close(out.alerts[it->second], e.t);
        open_alerts.erase(it);
      }
    }
  }
};

bool is_one_of(std::string_view verb, std::initializer_list<std::string_view> verbs) {
  return std::find(verbs.begin(), verbs.end(), verb) != verbs.end();
}

// Look-only and unknown verbs give nothing: they change neither the system nor the incident.
std::optional<ResponseKind> response_kind(std::string_view verb) {
  if (verb.starts_with('!')) return ResponseKind::Facilitator;
  if (is_one_of(verb, {"ack", "declare", "role", "mitigated", "resolve"}))
    return ResponseKind::Process;
  if (is_one_of(verb, {"update", "note"})) return ResponseKind::Update;
  if (scoring::is_action(verb)) return ResponseKind::Action;
  return std::nullopt;
}

}  // namespace

Timeline build_timeline(const eventlog::Record& record, Time end) {
  Builder b{record, {}, {}, {}};
  std::map<std::uint64_t, std::size_t> commands;  // a command's seq -> its response mark
  for (const eventlog::Event& e : record.events) {
    if (e.kind == "command" && !e.find("error")) {
      const auto kind = response_kind(string_field(e, "verb").value_or(""));
      if (!kind) continue;
      commands[e.seq] = b.out.responses.size();
      b.out.responses.push_back({*kind, e.t, string_field(e, "responder").value_or(""),
                                 string_field(e, "role").value_or(""),
                                 string_field(e, "text").value_or(""), std::nullopt});
      continue;
    }
    if (e.kind == "action_effect" && e.cause) {
      if (const auto it = commands.find(*e.cause); it != commands.end())
        b.out.responses[it->second].took_effect = e.t;
      continue;
    }
    if (e.kind == "fault_start" || e.kind == "fault_end") {
      if (const auto f = int_field(e, "fault")) b.fault(e, *f);
    } else if (e.kind.starts_with("alert_")) {
      if (const auto a = int_field(e, "alert")) b.alert(e, *a);
    } else if (e.kind == "page" || e.kind == "ticket") {
      const auto a = int_field(e, "alert").value_or(0);
      b.out.marks.push_back({e.kind == "page" ? MarkKind::Page : MarkKind::Ticket, e.t,
                             static_cast<std::size_t>(std::max<std::int64_t>(a, 0)),
                             string_field(e, "group").value_or("")});
    }
  }
  for (Span& s : b.out.faults) {
    if (s.is_open) s.end = end;
  }
  for (Span& s : b.out.alerts) {
    if (s.is_open) s.end = end;
  }
  // A rule with no `for` fires at the instant it goes pending: drop the empty pending span.
  std::erase_if(b.out.alerts,
                [](const Span& s) { return s.kind == SpanKind::AlertPending && s.end == s.start; });
  return b.out;
}

}  // namespace gameday::viz

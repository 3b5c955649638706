// The timeline from a record's events: fault spans (ground truth), alert spans split into
// pending and firing, page and ticket marks, and the responders' accepted commands.
//
// A span opens at its start event and closes at its end event; one still open when the record
// ends runs to the end and is flagged open. Faults with random failures open one span per
// instance (the `instance` field), so overlapping failures of one fault stay distinct.
#include <algorithm>
#include <map>
#include <utility>

#include "gameday/model/vocabulary.hpp"
#include "gameday/viz/replay_model.hpp"

namespace gameday::viz {
namespace {

using eventlog::EventKind;

struct Builder {
  const eventlog::Record& record;
  Timeline out;
  // An open span's index, by fault and instance (random failures open one per instance).
  std::map<std::pair<FaultId, std::optional<InstanceId>>, std::size_t> open_faults;
  std::map<AlertId, std::size_t> open_alerts;

  void close(Span& s, Time t) {
    s.end = t;
    s.is_open = false;
  }

  void fault(const eventlog::Event& e, const eventlog::FaultChange& change) {
    const auto key = std::pair{change.fault, change.instance};
    if (e.kind == EventKind::FaultStart) {
      std::string label = record.header.names.faults[change.fault.index()];
      if (change.instance)
        label += " (" + record.header.names.instances[change.instance->index()].name + ")";
      open_faults[key] = out.faults.size();
      out.faults.push_back({SpanKind::Fault, change.fault.index(), e.t, e.t, true, label});
    } else if (const auto it = open_faults.find(key); it != open_faults.end()) {
      close(out.faults[it->second], e.t);
      open_faults.erase(it);
    }
  }

  void open_alert(const eventlog::Event& e, AlertId a, SpanKind kind) {
    close_alert(e, a);
    if (std::find(out.alert_lanes.begin(), out.alert_lanes.end(), a.index()) ==
        out.alert_lanes.end())
      out.alert_lanes.push_back(a.index());
    open_alerts[a] = out.alerts.size();
    out.alerts.push_back({kind, a.index(), e.t, e.t, true, record.header.names.alerts[a.index()]});
  }

  void close_alert(const eventlog::Event& e, AlertId a) {
    if (const auto it = open_alerts.find(a); it != open_alerts.end()) {
      close(out.alerts[it->second], e.t);
      open_alerts.erase(it);
    }
  }

  void alert(const eventlog::Event& e, AlertId a) {
    if (e.kind == EventKind::AlertPending) open_alert(e, a, SpanKind::AlertPending);
    if (e.kind == EventKind::AlertFiring) open_alert(e, a, SpanKind::AlertFiring);
    if (e.kind == EventKind::AlertResolved) close_alert(e, a);
  }
};

// Look-only and unknown verbs give nothing: they change neither the system nor the incident.
std::optional<ResponseKind> response_kind(std::string_view verb_name) {
  const auto verb = model::find_verb(verb_name);
  if (!verb) return std::nullopt;
  if (*verb == model::Verb::Update || *verb == model::Verb::Note) return ResponseKind::Update;
  switch (model::verb_class(*verb)) {
    case model::VerbClass::Action: return ResponseKind::Action;
    case model::VerbClass::Process: return ResponseKind::Process;
    case model::VerbClass::Facilitator: return ResponseKind::Facilitator;
    case model::VerbClass::Investigation: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Timeline build_timeline(const eventlog::Record& record, Time end) {
  Builder b{record, {}, {}, {}};
  std::map<std::uint64_t, std::size_t> commands;  // a command's seq -> its response mark
  for (const eventlog::Event& e : record.events) {
    if (const auto* command = e.get<eventlog::CommandIssued>()) {
      const auto kind = command->accepted() ? response_kind(command->verb) : std::nullopt;
      if (!kind) continue;
      commands[e.seq] = b.out.responses.size();
      b.out.responses.push_back(
          {*kind, e.t, command->responder, command->role, command->text, std::nullopt});
    } else if (e.kind == EventKind::ActionEffect && e.cause) {
      if (const auto it = commands.find(*e.cause); it != commands.end())
        b.out.responses[it->second].took_effect = e.t;
    } else if (const auto* fault = e.get<eventlog::FaultChange>()) {
      b.fault(e, *fault);
    } else if (const auto* alert = e.get<eventlog::AlertChange>()) {
      b.alert(e, alert->alert);
    } else if (const auto* notice = e.get<eventlog::Notification>();
               notice && (e.kind == EventKind::Page || e.kind == EventKind::Ticket)) {
      b.out.marks.push_back({e.kind == EventKind::Page ? MarkKind::Page : MarkKind::Ticket, e.t,
                             notice->alert.index(), notice->group});
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

// A small hand-written record for scoring tests, whose answers are known by construction: 100
// valid requests per 10-second interval for one availability SLO (objective 99%, window 30
// days) and one traffic source, `bad(t)` of them failing in the interval ending at t seconds,
// plus chosen events (faults, alerts, pages, responder commands and their effects), written in
// time order among the samples with their causes resolved to sequence numbers.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "../support/scenario_fixture.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring::fixture {

using eventlog::Event;

inline Time sec(std::int64_t s) {
  return Time::zero() + seconds(s);
}

class Builder {
 public:
  std::function<std::uint64_t(std::int64_t)> bad = [](std::int64_t) { return 0; };
  std::int64_t end_s = 600;
  bool write_end = true;
  std::string responders = "none";
  model::ScoringTargets targets;  // the scenario's `scoring.targets`
  std::string scenario_name = "hand";
  Duration start_of_day;  // the scenario's clock at the start (`start_at`); 0: none
  std::vector<std::string> faults = {"f0", "f1", "f2"};
  std::vector<std::string> alerts = {"A0", "A1"};

  // Returns a reference other events can name as their cause.
  int fault(std::int64_t t, bool start, std::int64_t id = 0, int cause = -1) {
    using eventlog::EventKind;
    return add({sec(t), start ? EventKind::FaultStart : EventKind::FaultEnd,
                eventlog::FaultChange{FaultId::from_index(static_cast<std::size_t>(id)),
                                      model::FaultKind::Latency, std::nullopt}},
               cause);
  }
  // A responder's command; `error` non-empty: rejected.
  int command(std::int64_t t, const std::string& who, const std::string& text,
              const std::string& role = "", const std::string& error = "") {
    return add({sec(t), eventlog::EventKind::Command,
                eventlog::CommandIssued{who, role, text, text.substr(0, text.find(' ')), error,
                                        std::nullopt}},
               -1);
  }
  int effect(std::int64_t t, int command_ref, const std::string& action) {
    return add({sec(t), eventlog::EventKind::ActionEffect,
                eventlog::ActionTookEffect{action, action.substr(0, action.find(' '))}},
               command_ref);
  }
  void firing(std::int64_t t, std::int64_t alert,
              model::Severity severity = model::Severity::Page) {
    add({sec(t), eventlog::EventKind::AlertFiring,
         eventlog::AlertChange{AlertId::from_index(static_cast<std::size_t>(alert)), severity, 2.0,
                               std::nullopt}},
        -1);
  }
  void notice(std::int64_t t, eventlog::EventKind kind) {
    add({sec(t), kind, eventlog::Notification{AlertId{0}, 1, "web"}}, -1);
  }

  std::string text() {
    eventlog::RecordWriter w;
    eventlog::Header h;
    h.tool_version = "test";
    h.scenario_name = scenario_name;
    h.scenario_hash = "fnv1a64:0000000000000000";
    h.duration = seconds(end_s);
    h.sample_interval = seconds(10);
    h.names.services = {"web"};
    h.names.sources = {"users"};
    h.names.slos = {"avail"};
    h.names.faults = faults;
    h.names.alerts = alerts;
    h.responders = responders;
    h.scenario = gameday::testing::scenario_for(h.names);
    h.scenario.name = scenario_name;
    h.scenario.slos[0].objective = 0.99;
    h.scenario.targets = targets;
    h.scenario.start_time_of_day = start_of_day;
    w.header(h);
    std::vector<std::size_t> order(events_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return events_[a].t < events_[b].t; });
    std::vector<std::uint64_t> seq_of(events_.size());
    const auto write = [&](std::size_t i) {
      Event e = events_[i];
      if (causes_[i] >= 0) e.cause = seq_of[static_cast<std::size_t>(causes_[i])];
      seq_of[i] = w.event(e);
    };
    std::size_t next = 0;
    for (std::int64_t t = 10; t <= end_s; t += 10) {
      for (; next < order.size() && events_[order[next]].t <= sec(t); ++next) write(order[next]);
      const std::uint64_t b = bad(t);
      w.sample(eventlog::SloSample{sec(t), 0, SloId::from_index(0), 100, 100 - b});
      eventlog::SourceSample s{sec(t), 0, SourceId::from_index(0), 100, 100 - b, {}, {}};
      s.errors[static_cast<std::size_t>(eventlog::ErrorCause::Downstream)] = b;
      w.sample(s);
    }
    for (; next < order.size(); ++next) write(order[next]);
    if (write_end) w.end(eventlog::End{sec(end_s), 0, "completed", 1, 6000});
    return w.buffer();
  }

  Scorecard score_it(const ScoreOptions& options = {}) {
    Diagnostics diags;
    const auto record = eventlog::parse_record(text(), "hand.jsonl", diags);
    EXPECT_TRUE(record.has_value());
    return score(*record, options);
  }

 private:
  int add(const Event& e, int cause) {
    events_.push_back(e);
    causes_.push_back(cause);
    return static_cast<int>(events_.size()) - 1;
  }
  std::vector<Event> events_;
  std::vector<int> causes_;  // index into events_ of each one's cause, or -1
};

// Half the requests fail in the intervals ending in [from, to] seconds.
inline std::function<std::uint64_t(std::int64_t)> half_bad(std::int64_t from, std::int64_t to) {
  return [=](std::int64_t t) -> std::uint64_t { return t >= from && t <= to ? 50 : 0; };
}

// A response by the book: page at 100 s, acknowledged at 130 s, declared at 140 s, roles taken
// and given, one status update, a failover that takes effect at 200 s and ends the fault.
inline Builder by_the_book() {
  Builder b;
  b.responders = "commands";
  b.end_s = 900;
  b.bad = half_bad(120, 200);
  b.fault(60, true);
  b.firing(90, 0);
  b.notice(100, eventlog::EventKind::Page);
  b.command(130, "alice", "ack all");
  b.command(140, "alice", "declare SEV2");
  b.command(150, "alice", "role incident_commander alice");
  b.command(160, "alice", "role operations bob", "incident_commander");
  const int failover = b.command(170, "bob", "failover web", "operations");
  b.command(180, "carol", "update Checkout errors; failing over the database");
  const int effect = b.effect(200, failover, "failover web");
  b.fault(200, false, 0, effect);
  b.command(260, "alice", "mitigated", "incident_commander");
  b.command(500, "alice", "resolve", "incident_commander");
  return b;
}

}  // namespace gameday::scoring::fixture

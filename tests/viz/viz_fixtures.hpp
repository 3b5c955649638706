// A small hand-written run record for the viewer's tests: a frontend calling a database for ten
// minutes, sampled every 10 s. From 3m to 6m the fault "db-down" takes db-1 down and half of
// the calls fail; db-1 restarts at 6m (cold until 8m). The alert DbErrors goes pending at 3m30s,
// fires at 4m and resolves at 7m; the on-call is paged at 4m10s and a ticket is filed at 5m.
// The worst interval for the users is the one ending at 4m30s (60% errors). The SLO
// frontend-availability (99%) sees the same good share as the users.
#pragma once

#include <string>

#include "../support/scenario_fixture.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/writer.hpp"

namespace gameday::viz::testing {

inline constexpr Time at(Duration d) {
  return Time::zero() + d;
}

inline eventlog::Event event(Duration t, eventlog::EventKind kind, eventlog::EventData data) {
  return {at(t), kind, std::move(data)};
}

inline bool in_fault(Duration t) {
  return t > minutes(3) && t <= minutes(6);
}

inline void add_samples(eventlog::Record& r, Duration t) {
  using eventlog::ErrorCause;
  const std::uint64_t failed = in_fault(t) ? (t == seconds(270) ? 60 : 50) : 0;
  eventlog::ServiceSample front;
  front.t = at(t);
  front.service = ServiceId{0};
  front.requests = 100;
  front.ok = 100 - failed;
  front.errors[static_cast<std::size_t>(ErrorCause::Downstream)] = failed;
  front.latency = {ms(5), ms(8), ms(20), ms(30), ms(6)};
  front.instances_up = 1;
  eventlog::ServiceSample db = front;
  db.service = ServiceId{1};
  db.errors = {};
  db.errors[static_cast<std::size_t>(ErrorCause::Unavailable)] = failed;
  db.latency = {ms(2), ms(3), ms(9), ms(12), ms(2)};
  db.instances_up = in_fault(t) ? 1 : 2;
  r.service_samples.push_back(front);
  r.service_samples.push_back(db);
  eventlog::DependencySample dep;
  dep.t = at(t);
  dep.dependency = DependencyId{0};
  dep.calls = dep.attempts = 100;
  dep.ok = 100 - failed;
  dep.errors[static_cast<std::size_t>(ErrorCause::Unavailable)] = failed;
  r.dependency_samples.push_back(dep);
  eventlog::SourceSample src;
  src.t = at(t);
  src.source = SourceId{0};
  src.requests = 100;
  src.ok = 100 - failed;
  src.errors[static_cast<std::size_t>(ErrorCause::Downstream)] = failed;
  r.source_samples.push_back(src);
  eventlog::SloSample slo;
  slo.t = at(t);
  slo.slo = SloId{0};
  slo.valid = 100;
  slo.good = 100 - failed;
  r.slo_samples.push_back(slo);
}

// `length` extends the quiet tail after the incident (the summary needs 5 clean minutes after
// the impact to call it over).
inline eventlog::Record two_service_record(Duration length = minutes(10)) {
  eventlog::Record r;
  auto& h = r.header;
  h.tool_version = "0.1.0";
  h.scenario_name = "db-down";
  h.scenario_hash = "fnv1a64:0000000000000000";
  h.seed = 3;
  h.duration = length;
  h.sample_interval = seconds(10);
  h.names.zones = {"a"};
  h.names.services = {"frontend", "db"};
  h.names.instances = {{"frontend-1", ServiceId{0}, ZoneId{0}},
                       {"db-1", ServiceId{1}, ZoneId{0}},
                       {"db-2", ServiceId{1}, ZoneId{0}}};
  h.names.dependencies = {{ServiceId{0}, ServiceId{1}}};
  h.names.sources = {"users"};
  h.names.slos = {"frontend-availability"};
  h.names.faults = {"db-down"};
  h.names.alerts = {"DbErrors"};
  h.scenario = gameday::testing::scenario_for(h.names);
  h.scenario.name = "db-down";
  h.scenario.slos[0].objective = 0.99;
  using eventlog::EventKind;
  const eventlog::FaultChange crash{FaultId{0}, model::FaultKind::Crash, std::nullopt};
  const eventlog::InstanceChange db_1{InstanceId{1}};
  const eventlog::AlertChange db_errors{AlertId{0}, model::Severity::Page, std::nullopt,
                                        std::nullopt};
  const eventlog::Notification db_group{AlertId{0}, 1, "db"};
  r.events = {
      event(minutes(3), EventKind::FaultStart, crash),
      event(minutes(3), EventKind::InstanceDown, db_1),
      event(seconds(210), EventKind::AlertPending, db_errors),
      event(minutes(4), EventKind::AlertFiring, db_errors),
      event(seconds(250), EventKind::Page, db_group),
      event(minutes(5), EventKind::Ticket, db_group),
      event(minutes(6), EventKind::FaultEnd, crash),
      event(minutes(6), EventKind::InstanceUp, db_1),
      event(minutes(7), EventKind::AlertResolved, db_errors),
  };
  for (Duration t = seconds(10); t <= length; t += seconds(10)) add_samples(r, t);
  r.end = eventlog::End{};
  r.end->t = at(length);
  r.end->reason = "completed";
  return r;
}

// Writes the record as events.jsonl through the real writer (which assigns sequence numbers and
// interleaves lines in time order).
inline bool write_record(const eventlog::Record& r, const std::string& path) {
  std::string error;
  auto w = eventlog::RecordWriter::open(path, error);
  if (!w) return false;
  w->header(r.header);
  std::size_t e = 0, s = 0;
  const std::size_t per_t = 2;  // service samples per interval
  for (std::size_t i = 0; i < r.source_samples.size(); ++i) {
    const Time t = r.source_samples[i].t;
    while (e < r.events.size() && r.events[e].t <= t) w->event(r.events[e++]);
    for (std::size_t k = 0; k < per_t; ++k) w->sample(r.service_samples[s++]);
    w->sample(r.dependency_samples[i]);
    w->sample(r.source_samples[i]);
    w->sample(r.slo_samples[i]);
  }
  while (e < r.events.size()) w->event(r.events[e++]);
  if (r.end) w->end(*r.end);
  return w->close();
}

}  // namespace gameday::viz::testing

// A scenario whose names match a hand-built record's name tables, for tests that write records
// by hand: every service, source, SLO, fault, alert rule and probe the tables name, with the
// model's defaults and every reference pointing at the first service. Tests then set the few
// fields they are about (an SLO's objective, the scoring targets).
#pragma once

#include "gameday/eventlog/record.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::testing {

inline model::Scenario scenario_for(const eventlog::NameTable& names) {
  model::Scenario s;
  const ServiceId first = names.services.empty() ? ServiceId{} : ServiceId{0};
  s.zones = names.zones;
  for (const std::string& n : names.services) {
    model::ServiceSpec svc;
    svc.name = n;
    if (!s.zones.empty()) svc.zones = {ZoneId{0}};
    s.services.push_back(svc);
  }
  for (const std::string& n : names.sources) {
    model::TrafficSource t;
    t.name = n;
    t.to = first;
    s.traffic.push_back(t);
  }
  for (const std::string& n : names.slos) {
    model::SloSpec slo;
    slo.name = n;
    slo.service = first;
    s.slos.push_back(slo);
  }
  for (const std::string& n : names.faults) {
    model::FaultSpec f;
    f.name = n;
    f.target.service = first;
    s.faults.push_back(f);
  }
  for (const std::string& n : names.alerts) {
    model::AlertRule a;
    a.name = n;
    a.threshold.service = first;
    s.monitoring.alerts.push_back(a);
  }
  for (const std::string& n : names.probes) s.monitoring.probes.push_back({n, first});
  s.index_names();
  return s;
}

}  // namespace gameday::testing

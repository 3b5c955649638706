// Shared state and steps of the scenario loader, private to sim/src/scenario_*.cpp.
//
// Invariant that makes references simple: every item of `services`, `traffic` and `slos`
// produces exactly one element in the Scenario's vector and one name (possibly empty, when the
// item was too broken to name) in the matching NameTable, so a name's position is its id.
// Service names are collected before any service is read, so calls may refer forwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/name_index.hpp"
#include "gameday/sim/model.hpp"
#include "yaml_reader.hpp"

namespace gameday::sim::detail {

// The names of one kind of entity in declaration order.
class NameTable {
 public:
  // Appends `name`; reports "duplicate WHAT name 'x' (first defined at line N)" and returns
  // false when an earlier entry has it.
  bool add(yaml::Reporter& r, const yaml::Field& f, const std::string& name, std::string_view what);
  // Appends without checks (placeholders and names collected in a pre-pass).
  void add_unchecked(std::string name, YAML::Mark mark);
  std::optional<std::size_t> find(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }
  // When the list itself could not be read, references to it are not checked: the one error
  // about the list says enough, and "unknown service" for every reference would bury it.
  void set_unreadable() { unreadable_ = true; }
  bool is_unreadable() const { return unreadable_; }

 private:
  bool unreadable_ = false;
  std::vector<std::string> names_;
  std::vector<YAML::Mark> marks_;
  NameIndex index_;  // first position of each name
};

// Where a value was written: a call's `to`, parallel to ServiceSpec::calls, for the call-graph
// check; a source's `rate`, for the check of the peak arrival rate.
struct CallSite {
  YAML::Mark mark;
  std::string path;
};

struct LoadContext {
  yaml::Reporter& r;
  Scenario& s;
  NameTable zones;
  NameTable services;  // filled by the pre-pass, before services are read
  NameTable sources;
  NameTable slos;
  NameTable faults;
  std::vector<std::vector<CallSite>> call_sites;  // per service
  std::vector<CallSite> rate_sites;               // per traffic source
};

// A name of letters, digits, '-' and '_'.
std::optional<std::string> read_name(yaml::Reporter& r, const yaml::Field& f);
// A reference to an entity of kind `what` ("service", "zone", ...): "unknown service
// 'paymnts' (did you mean 'payments'?)" when `table` has no such name.
std::optional<std::size_t> read_reference(yaml::Reporter& r, const yaml::Field& f,
                                          std::string_view what, const NameTable& table);

// scenario_services.cpp
void collect_service_names(LoadContext& c, const yaml::Field& services);
void read_services(LoadContext& c, const yaml::Field& services);
void check_call_graph(LoadContext& c);

// scenario_traffic.cpp
void read_traffic(LoadContext& c, const yaml::Field& traffic);
void read_slos(LoadContext& c, const yaml::Field& slos);
// After the faults (traffic surges raise a source's peak): the peak arrival rates, each and
// together, within limits::arrival_rate.
void check_arrival_rates(LoadContext& c);

// scenario_faults.cpp
void read_faults(LoadContext& c, const yaml::Field& faults);

// scenario_monitoring.cpp: `probes`, `alerts` and `alerting`, in that order (alerts refer to
// probes, inhibition rules to alerts). Needs services, traffic and SLOs read first.
void read_monitoring(LoadContext& c, const yaml::MapReader& top);

// scenario_responders.cpp: `responders`, `runbooks` and `scoring`. Needs everything else read
// first: runbook steps are commands that may name any service, zone, source or alert.
void read_responders(LoadContext& c, const yaml::MapReader& top);

}  // namespace gameday::sim::detail

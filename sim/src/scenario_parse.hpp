// Shared state and steps of the scenario loader, private to sim/src/scenario_*.cpp.
//
// Invariant that makes references simple: every item of `services` and `traffic`, and every
// SLO (one per item of `slos`, or those an `import` item brings), produces exactly one element in
// the Scenario's vector and one name (possibly empty, when the item was too broken to name) in
// the matching NameTable, so a name's position is its id.
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

// An alert rule an imported SLO file defines; it follows the scenario's own `alerts`. `name` is
// where the file gives the name, for the message about a duplicate.
struct ImportedAlert {
  AlertRule rule;
  std::string file;
  yaml::Field name;
};

struct LoadContext {
  LoadContext(yaml::Reporter& reporter, Scenario& scenario) : r(reporter), s(scenario) {}

  yaml::Reporter& r;
  Scenario& s;
  NameTable zones;
  NameTable services;  // filled by the pre-pass, before services are read
  NameTable sources;
  NameTable slos;
  NameTable faults;
  std::vector<std::vector<CallSite>> call_sites;  // per service
  std::vector<CallSite> rate_sites;               // per traffic source
  std::vector<ImportedAlert> imported_alerts;
  std::string imported_bytes;  // the imported files' bytes: they are part of the content hash
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
// An SLO's `service` or `journey` (exactly one of them), from `m`.
void read_slo_target(LoadContext& c, const yaml::MapReader& m, SloSpec& slo);
// After the faults (traffic surges raise a source's peak): the peak arrival rates, each and
// together, within limits::arrival_rate.
void check_arrival_rates(LoadContext& c);

// scenario_import.cpp: an item of `slos` that imports a Sloth or OpenSLO file; its SLOs are
// added here, its alert rules to `imported_alerts`.
void read_slo_import(LoadContext& c, const yaml::Field& item);

// scenario_loader.cpp: every document of a YAML text, after the checks a scenario's text gets
// (UTF-8, nesting depth, aliases expanded), or nullopt with the errors reported.
std::optional<std::vector<YAML::Node>> read_yaml_documents(yaml::Reporter& r,
                                                           std::string_view text);

// scenario_monitoring.cpp: a burn-rate rule's window, at least the sample interval; and the
// check that factor x (1 - objective) stays below 100 %, or the rule could never fire.
std::optional<Duration> read_window(yaml::Reporter& r, const Scenario& s, const yaml::Field& f);
bool check_burn_rate_factor(yaml::Reporter& r, const yaml::Field& f, const SloSpec& slo,
                            double factor);

// scenario_faults.cpp
void read_faults(LoadContext& c, const yaml::Field& faults);

// scenario_monitoring.cpp: `probes`, `alerts` and `alerting`, in that order (alerts refer to
// probes, inhibition rules to alerts). Needs services, traffic and SLOs read first.
void read_monitoring(LoadContext& c, const yaml::MapReader& top);

// scenario_responders.cpp: `responders`, `runbooks` and `scoring`. Needs everything else read
// first: runbook steps are commands that may name any service, zone, source or alert.
void read_responders(LoadContext& c, const yaml::MapReader& top);

}  // namespace gameday::sim::detail

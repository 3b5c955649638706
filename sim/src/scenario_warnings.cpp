// The warnings pass: likely authoring mistakes in a loaded scenario (scenario_warnings.hpp).
//
// Everything here reads the Scenario only; it never changes it and never reports an error.
// "Affected" and "watched" are deliberately simple static rules, stated in docs/cli.md: a
// fault affects the services it targets (an edge: the caller, and for a cache loss the
// backend too; a DNS failure or an expired certificate: the service's callers, and the service
// when traffic enters there; a zone: the services with instances there; a traffic source: its
// entry service and everything it calls), and an alert rule watches one service (its subject's
// service, the entry service of a journey, a probe's service, the SLO's service for burn-rate
// rules). A fault is detectable when a watched service calls an affected one, directly or not, or
// is one: errors and latency travel up the call graph to whatever is watched.
#include "gameday/sim/scenario_warnings.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "gameday/core/units.hpp"
#include "gameday/sim/command.hpp"

namespace gameday::sim {
namespace {

using TargetKind = FaultTarget::Kind;

// Which instance slots count: the running ones, or the standby ones a scale-out fills too.
enum class Slots : std::uint8_t { Running, All };

class Warner {
 public:
  Warner(const LoadedScenario& loaded, Diagnostics& diags)
      : loaded_(loaded), s_(loaded.scenario), diags_(diags) {
    compute_reach();
  }

  void run() {
    for (std::size_t i = 0; i < s_.faults.size(); ++i) {
      const bool matches = check_target(i);
      if (matches) check_detectable(i);
      check_until_action(i);
    }
    for (std::size_t i = 0; i < s_.slos.size(); ++i) check_slo_alerted(i);
    for (std::size_t i = 0; i < s_.runbooks.size(); ++i) check_runbook_pages(i);
  }

 private:
  void warn(const std::string& path, std::string message) {
    diags_.warning(loaded_.where(path), path, std::move(message));
  }

  static std::string fault_path(std::size_t i) { return "faults[" + std::to_string(i) + "]"; }
  const std::string& service_name(ServiceId id) const { return s_.service(id).name; }

  // reach_[a][b]: a calls b, directly or not, or a == b.
  void compute_reach() {
    const std::size_t n = s_.services.size();
    reach_.assign(n, std::vector<bool>(n, false));
    for (std::size_t a = 0; a < n; ++a) {
      std::vector<std::size_t> stack = {a};
      while (!stack.empty()) {
        const std::size_t u = stack.back();
        stack.pop_back();
        if (reach_[a][u]) continue;
        reach_[a][u] = true;
        for (const CallSpec& c : s_.services[u].calls) stack.push_back(c.to.index());
      }
    }
  }

  // Whether a service has an instance slot in a zone: instances are placed round-robin across
  // the service's zones (engine.cpp), standby slots after the running ones.
  bool has_instance_in(const ServiceSpec& svc, ZoneId zone, Slots which) const {
    const int slots = which == Slots::Running ? svc.replicas : svc.max_replicas;
    const std::size_t used =
        std::min<std::size_t>(static_cast<std::size_t>(slots), svc.zones.size());
    return std::find(svc.zones.begin(), svc.zones.begin() + static_cast<long>(used), zone) !=
           svc.zones.begin() + static_cast<long>(used);
  }

  const CallSpec* find_call(ServiceId from, ServiceId to) const {
    for (const CallSpec& c : s_.service(from).calls)
      if (c.to == to) return &c;
    return nullptr;
  }

  // The callers (in zone a) of callees (in zone b), either way round: whose calls cross.
  std::vector<std::size_t> callers_across(ZoneId a, ZoneId b) const {
    std::vector<std::size_t> out;
    for (std::size_t u = 0; u < s_.services.size(); ++u) {
      const ServiceSpec& caller = s_.services[u];
      for (const CallSpec& c : caller.calls) {
        const ServiceSpec& callee = s_.service(c.to);
        const bool crosses =
            (has_instance_in(caller, a, Slots::All) && has_instance_in(callee, b, Slots::All)) ||
            (has_instance_in(caller, b, Slots::All) && has_instance_in(callee, a, Slots::All));
        if (crosses) {
          out.push_back(u);
          break;
        }
      }
    }
    return out;
  }

  // Returns false (after warning) when the fault cannot affect anything.
  bool check_target(std::size_t i) {
    const FaultSpec& f = s_.faults[i];
    const FaultTarget& t = f.target;
    const std::string path = fault_path(i);
    if (!f.mtbf && f.at >= s_.duration) {
      warn(path + ".at", "fault '" + f.name + "' starts at " + format_duration(f.at) +
                             ", when the run is over (duration " + format_duration(s_.duration) +
                             "): it never happens");
      return false;
    }
    switch (t.kind) {
      case TargetKind::Service: {
        const ServiceSpec& svc = s_.service(t.service);
        if (t.count && *t.count > svc.replicas) {
          warn(path + ".target.instances",
               "instances: " + std::to_string(*t.count) + " is more than " + svc.name + "'s " +
                   std::to_string(svc.replicas) + " replicas; the fault affects all " +
                   std::to_string(svc.replicas));
        }
        if (t.share && *t.share <= 0) {
          warn(path + ".target.instances",
               "instances: 0% selects no instance of " + svc.name + ": the fault changes nothing");
          return false;
        }
        return true;
      }
      case TargetKind::Edge: {
        const CallSpec* call = find_call(t.service, t.to);
        const std::string edge = service_name(t.service) + "->" + service_name(t.to);
        if (!call) {
          warn(path + ".target", service_name(t.service) + " does not call " + service_name(t.to) +
                                     ": fault '" + f.name + "' matches no calls");
          return false;
        }
        if (f.kind == FaultKind::CacheLoss && call->probability.value_or(1.0) >= 1.0) {
          warn(path + ".target",
               "there is no cache in front of " + edge +
                   " (a cache is a call with a probability below 100%, its miss ratio): the "
                   "cache loss changes nothing");
          return false;
        }
        return true;
      }
      case TargetKind::Zone: {
        const bool any = std::any_of(
            s_.services.begin(), s_.services.end(),
            [&](const ServiceSpec& svc) { return has_instance_in(svc, t.zone, Slots::All); });
        if (!any) {
          warn(path + ".target", "no instance runs in zone '" + s_.zones[t.zone.index()] +
                                     "' (no service lists it in its zones, or has replicas "
                                     "enough to be placed there): the zone outage changes "
                                     "nothing");
          return false;
        }
        return true;
      }
      case TargetKind::ZonePair:
        if (callers_across(t.zone, t.other_zone).empty()) {
          warn(path + ".target", "no call goes between an instance in zone '" +
                                     s_.zones[t.zone.index()] + "' and one in zone '" +
                                     s_.zones[t.other_zone.index()] +
                                     "': the partition changes nothing");
          return false;
        }
        return true;
      case TargetKind::Source: return true;
    }
    return true;
  }

  // Who sees a service's connections fail: its callers, and the service itself when traffic
  // enters there (users' requests fail before reaching it, but its journey counts them).
  std::vector<std::size_t> connectors(ServiceId service) const {
    std::vector<std::size_t> out;
    for (std::size_t u = 0; u < s_.services.size(); ++u)
      if (find_call(ServiceId::from_index(u), service)) out.push_back(u);
    const bool entry = std::any_of(s_.traffic.begin(), s_.traffic.end(),
                                   [&](const TrafficSource& src) { return src.to == service; });
    if (entry) out.push_back(service.index());
    return out;
  }

  // The services whose own monitoring could show the fault (see the file comment).
  std::vector<std::size_t> affected(const FaultSpec& f) const {
    const FaultTarget& t = f.target;
    std::vector<std::size_t> out;
    switch (t.kind) {
      case TargetKind::Service:
        if (f.kind == FaultKind::DnsFailure || f.kind == FaultKind::CertificateExpiry)
          return connectors(t.service);
        out.push_back(t.service.index());
        break;
      case TargetKind::Edge:
        out.push_back(t.service.index());
        if (f.kind == FaultKind::CacheLoss) out.push_back(t.to.index());
        break;
      case TargetKind::Zone:
        for (std::size_t u = 0; u < s_.services.size(); ++u)
          if (has_instance_in(s_.services[u], t.zone, Slots::Running)) out.push_back(u);
        break;
      case TargetKind::ZonePair: out = callers_across(t.zone, t.other_zone); break;
      case TargetKind::Source: {
        const std::size_t entry = s_.traffic[t.source.index()].to.index();
        for (std::size_t u = 0; u < s_.services.size(); ++u)
          if (reach_[entry][u]) out.push_back(u);
        break;
      }
    }
    return out;
  }

  std::vector<std::size_t> watched() const {
    std::vector<std::size_t> out;
    for (const AlertRule& a : s_.monitoring.alerts) {
      // The loader resolves a journey's and a probe's subject to their service too.
      const ServiceId id = a.kind == AlertRule::Kind::BurnRate
                               ? s_.slos[a.burn_rate.slo.index()].service
                               : a.threshold.service;
      out.push_back(id.index());
    }
    return out;
  }

  void check_detectable(std::size_t i) {
    const FaultSpec& f = s_.faults[i];
    const std::vector<std::size_t> hit = affected(f);
    const std::vector<std::size_t> seen = watched();
    for (const std::size_t w : seen)
      for (const std::size_t a : hit)
        if (reach_[w][a]) return;
    std::string names;
    for (const std::size_t a : hit) names += (names.empty() ? "" : ", ") + s_.services[a].name;
    if (names.empty()) return;  // nothing affected: reported by check_target
    warn(fault_path(i) + ".target",
         "no alert could detect fault '" + f.name + "': no alert rule watches " + names +
             (hit.size() == 1 ? " or a service that calls it" : " or a service that calls them") +
             " (add an SLO with a burn-rate alert, or a threshold "
             "rule, on one of them or on a service upstream)");
  }

  void check_slo_alerted(std::size_t i) {
    const SloSpec& slo = s_.slos[i];
    const bool alerted = std::any_of(
        s_.monitoring.alerts.begin(), s_.monitoring.alerts.end(), [&](const AlertRule& a) {
          return a.kind == AlertRule::Kind::BurnRate && a.burn_rate.slo.index() == i;
        });
    if (alerted) return;
    warn("slos[" + std::to_string(i) + "].name",
         "no alert watches SLO '" + slo.name +
             "': its error budget can run out without anyone "
             "being told (add an alert with burn_rate: {slo: " +
             slo.name + ", preset: page_fast})");
  }

  void check_runbook_pages(std::size_t i) {
    const Runbook& book = s_.runbooks[i];
    const bool pages = std::any_of(book.alerts.begin(), book.alerts.end(), [&](AlertId a) {
      return s_.monitoring.alerts[a.index()].severity == Severity::Page;
    });
    if (pages || book.alerts.empty()) return;
    warn("runbooks[" + std::to_string(i) + "].alerts",
         "runbook '" + book.name +
             "' can never start: every alert it names is a ticket, and "
             "only pages start a runbook");
  }

  void check_until_action(std::size_t i) {
    const FaultSpec& f = s_.faults[i];
    if (!f.until_action) return;
    const std::vector<Command> enders = fault_enders(s_, f);
    for (const Runbook& book : s_.runbooks)
      for (const RunbookStep& step : book.steps) {
        const ParsedCommand parsed = parse_command(s_, step.command);
        if (!parsed.command) continue;  // checked by the loader; cannot happen
        if (std::find(enders.begin(), enders.end(), *parsed.command) != enders.end()) return;
      }
    const std::string lasts = f.length
                                  ? "it lasts its whole `for` (" + format_duration(*f.length) + ")"
                                  : "it lasts to the end of the run";
    warn(fault_path(i) + ".until.action",
         "no runbook step runs '" + *f.until_action + "'" +
             (enders.size() > 1 ? " or another action that ends fault '" + f.name + "'" : "") +
             ": with --responders auto nobody mitigates it, and " + lasts);
  }

  const LoadedScenario& loaded_;
  const Scenario& s_;
  Diagnostics& diags_;
  std::vector<std::vector<bool>> reach_;
};

}  // namespace

void warn_scenario(const LoadedScenario& loaded, Diagnostics& diags) {
  Warner(loaded, diags).run();
}

}  // namespace gameday::sim

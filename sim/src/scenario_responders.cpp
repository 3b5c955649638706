// Reading `responders` (the on-call model and how long actions take), `runbooks`, and the
// response targets under `scoring`.
//
// Runbook steps are commands in the console's language, parsed here against the loaded
// scenario, so a runbook that names a service or an alert that does not exist is an error at
// load time, with its line, and not a surprise in the middle of a dry run.
#include <algorithm>

#include "gameday/sim/command.hpp"
#include "scenario_keys.hpp"
#include "scenario_parse.hpp"

namespace gameday::sim::detail {
namespace {

using yaml::Field;
using yaml::MapReader;

void read_delays(LoadContext& c, const Field& f) {
  const MapReader m(c.r, f, keys::delays);
  if (!m.ok()) return;
  ActionDelays& d = c.s.delays;
  const std::pair<std::string_view, Duration*> table[] = {{"restart", &d.restart},
                                                          {"rollback", &d.rollback},
                                                          {"revert", &d.revert},
                                                          {"scale", &d.scale},
                                                          {"failover", &d.failover},
                                                          {"drain", &d.drain},
                                                          {"shed", &d.shed},
                                                          {"limit", &d.limit},
                                                          {"retries", &d.retries},
                                                          {"breaker", &d.breaker},
                                                          {"flush", &d.flush},
                                                          {"warm", &d.warm},
                                                          {"cache_warm_for", &d.cache_warm_for}};
  for (const auto& [key, out] : table)
    if (const auto v = m.get(key))
      if (const auto dur = yaml::read_duration(c.r, *v)) *out = *dur;
}

// `rules: { act: [ic, ops], ... }`: each kind's roles, by name or alias, or `anyone`.
void read_rules(LoadContext& c, const Field& f) {
  const MapReader m(c.r, f, keys::rules);
  if (!m.ok()) return;
  SeatRules& rules = c.s.rules;
  for (const auto& [key, out] : {std::pair{"act", &rules.act}, std::pair{"update", &rules.update},
                                 std::pair{"lead", &rules.lead}}) {
    const auto v = m.get(key);
    if (!v) continue;
    const auto items = yaml::read_list(c.r, *v);
    if (!items) continue;
    std::vector<Role> roles;
    for (const Field& item : *items) {
      const auto name = yaml::read_string(c.r, item);
      if (!name) continue;
      if (*name == "anyone") {
        for (const RoleInfo& r : model::roles()) roles.push_back(r.role);
      } else if (const auto role = find_role(*name)) {
        if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
      } else {
        std::vector<std::string> names{"anyone"};
        for (const RoleInfo& r : model::roles())
          names.insert(names.end(), r.names.begin(), r.names.end());
        c.r.error(item, "unknown role '" + *name + "'" + yaml::did_you_mean(*name, names) +
                            " (ic, ops, comms, scribe, or anyone)");
      }
    }
    if (roles.empty() && !items->empty()) continue;  // reported above
    if (roles.empty()) {
      c.r.error(*v, "name at least one role (or anyone)");
      continue;
    }
    *out = std::move(roles);
  }
}

void read_oncall(LoadContext& c, const Field& f) {
  const MapReader m(c.r, f, keys::responders);
  if (!m.ok()) return;
  if (const auto a = m.get("ack_after")) {
    if (a->node().IsMap()) {
      const MapReader am(c.r, *a, keys::ack_after);
      const auto p50 = am.required("p50"), p99 = am.required("p99");
      const auto d50 = p50 ? yaml::read_positive_duration(c.r, *p50) : std::nullopt;
      const auto d99 = p99 ? yaml::read_positive_duration(c.r, *p99) : std::nullopt;
      if (d50 && d99 && *d99 < *d50)
        c.r.error(*p99, "p99 must be at least p50");
      else if (d50 && d99)
        c.s.oncall.ack_after = DurationDistribution::lognormal_p50_p99(*d50, *d99);
    } else if (const auto d = yaml::read_duration(c.r, *a)) {
      c.s.oncall.ack_after = DurationDistribution::constant(*d);
    }
  }
  if (const auto v = m.get("resolve_after"))
    if (const auto d = yaml::read_duration(c.r, *v)) c.s.oncall.resolve_after = *d;
  if (const auto v = m.get("investigate"))
    if (const auto d = yaml::read_duration(c.r, *v)) c.s.delays.investigate = *d;
  if (const auto v = m.get("delays")) read_delays(c, *v);
  if (const auto v = m.get("rules")) read_rules(c, *v);
}

std::optional<std::uint32_t> alert_index(LoadContext& c, const Field& f) {
  const auto name = yaml::read_string(c.r, f);
  if (!name) return std::nullopt;
  std::vector<std::string> names;
  for (const AlertRule& a : c.s.monitoring.alerts) names.push_back(a.name);
  const auto it = std::find(names.begin(), names.end(), *name);
  if (it != names.end()) return static_cast<std::uint32_t>(it - names.begin());
  c.r.error(f, "unknown alert '" + *name + "'" + yaml::did_you_mean(*name, names));
  return std::nullopt;
}

std::optional<RunbookCondition> read_condition(LoadContext& c, const Field& f) {
  const MapReader m(c.r, f, keys::runbook_condition);
  if (!m.ok()) return std::nullopt;
  RunbookCondition cond;
  if (const auto a = m.get("alert")) {
    if (m.has("service")) m.error_at_key("service", "an 'alert' condition takes no service");
    const auto id = alert_index(c, *a);
    if (!id) return std::nullopt;
    cond.alert = AlertId::from_index(*id);
    return cond;
  }
  const auto sf = m.required("service");
  if (!sf) return std::nullopt;
  const auto svc = read_reference(c.r, *sf, "service", c.services);
  using K = RunbookCondition::Kind;
  const std::pair<std::string_view, K> tests[] = {{"error_ratio_above", K::ErrorRatioAbove},
                                                  {"p99_above", K::P99Above},
                                                  {"utilisation_above", K::UtilisationAbove},
                                                  {"instances_up_below", K::InstancesUpBelow}};
  int found = 0;
  for (const auto& [key, kind] : tests) {
    const auto v = m.get(key);
    if (!v) continue;
    ++found;
    cond.kind = kind;
    std::optional<double> value;
    if (kind == K::P99Above) {
      if (const auto d = yaml::read_duration(c.r, *v)) value = d->to_seconds();
    } else if (kind == K::InstancesUpBelow) {
      if (const auto n = yaml::read_int(c.r, *v, 1, 10000)) value = static_cast<double>(*n);
    } else {
      value = yaml::read_ratio(c.r, *v);
    }
    if (value) cond.value = *value;
  }
  if (found != 1) {
    m.error_at_map(
        "expected exactly one test: error_ratio_above, p99_above, utilisation_above or "
        "instances_up_below (or an 'alert' that is firing)");
    return std::nullopt;
  }
  if (!svc) return std::nullopt;
  cond.service = ServiceId::from_index(*svc);
  return cond;
}

void read_step(LoadContext& c, const Field& f, Runbook& book) {
  RunbookStep step;
  std::optional<Field> text = f;
  if (f.node().IsMap()) {
    const MapReader m(c.r, f, keys::runbook_step);
    if (!m.ok()) return;
    text = m.required("do");
    if (const auto w = m.get("if")) step.when = read_condition(c, *w);
  }
  if (!text) return;
  const auto line = yaml::read_string(c.r, *text);
  if (!line) return;
  const ParsedCommand parsed = parse_command(c.s, *line);
  if (!parsed.command) {
    c.r.error(*text, parsed.error);
    return;
  }
  if (verb_class(parsed.command->verb) == VerbClass::Facilitator) {
    c.r.error(*text, "a runbook cannot run facilitator commands");
    return;
  }
  step.command = *line;
  book.steps.push_back(std::move(step));
}

void read_runbook(LoadContext& c, const Field& f, NameTable& names) {
  const MapReader m(c.r, f, keys::runbook);
  if (!m.ok()) return;
  Runbook book;
  if (const auto n = m.required("name")) {
    if (auto name = read_name(c.r, *n)) book.name = std::move(*name);
    names.add(c.r, *n, book.name, "runbook");
  }
  if (const auto a = m.required("alerts")) {
    if (const auto items = yaml::read_list(c.r, *a)) {
      if (items->empty()) c.r.error(*a, "expected at least one alert");
      for (const Field& item : *items)
        if (const auto id = alert_index(c, item)) book.alerts.push_back(AlertId::from_index(*id));
    }
  }
  if (const auto s = m.get("severity")) {
    if (auto sev = yaml::read_string(c.r, *s)) {
      const ParsedCommand p = parse_command(c.s, "declare " + *sev);
      if (p.command)
        book.severity = p.command->text;
      else
        c.r.error(*s, "expected SEV1, SEV2, SEV3 or SEV4, got '" + *sev + "'");
    }
  }
  if (const auto s = m.required("steps")) {
    if (const auto items = yaml::read_list(c.r, *s)) {
      if (items->empty()) c.r.error(*s, "expected at least one step");
      for (const Field& item : *items) read_step(c, item, book);
    }
  }
  c.s.runbooks.push_back(std::move(book));
}

void read_targets(LoadContext& c, const Field& f) {
  const MapReader m(c.r, f, keys::scoring);
  if (!m.ok()) return;
  const auto t = m.get("targets");
  if (!t) return;
  const MapReader targets(c.r, *t, keys::targets);
  if (!targets.ok()) return;
  ScoringTargets& out = c.s.targets;
  const std::pair<std::string_view, std::optional<Duration>*> durations[] = {
      {"time_to_detect", &out.time_to_detect},
      {"time_to_acknowledge", &out.time_to_acknowledge},
      {"time_to_declare", &out.time_to_declare},
      {"time_to_mitigate", &out.time_to_mitigate},
      {"time_to_recover", &out.time_to_recover},
      {"status_update_first", &out.status_update_first},
      {"status_update_every", &out.status_update_every}};
  for (const auto& [key, value] : durations)
    if (const auto v = targets.get(key))
      if (const auto d = yaml::read_positive_duration(c.r, *v)) *value = *d;
  if (const auto v = targets.get("error_budget"))
    if (const auto r = yaml::read_ratio(c.r, *v)) out.error_budget = *r;
}

}  // namespace

void read_responders(LoadContext& c, const yaml::MapReader& top) {
  if (const auto f = top.get("scoring")) read_targets(c, *f);
  if (const auto f = top.get("responders")) read_oncall(c, *f);
  const auto f = top.get("runbooks");
  if (!f) return;
  const auto items = yaml::read_list(c.r, *f);
  if (!items) return;
  NameTable names;
  for (const Field& item : *items) read_runbook(c, item, names);
}

}  // namespace gameday::sim::detail

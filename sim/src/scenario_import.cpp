// Importing the SLOs and burn-rate alerts a team already has: an item of `slos` written
// `{import: FILE}` reads a Sloth `prometheus/v1` spec or OpenSLO v1 documents (SLO, SLI,
// AlertPolicy, AlertCondition) and adds their SLOs and alert rules, which are then the same as
// if the scenario had spelled them out (docs/prometheus.md, "Importing SLOs" says which).
//
// What is measured comes from the simulated services, not from the queries: a query only says
// whether an SLI is about latency (a histogram bucket `le="0.3"` in it) and at what threshold.
// Everything else the subset cannot express is an error in the imported file, at its place.
#include <cctype>
#include <filesystem>

#include "gameday/core/input_file.hpp"
#include "gameday/core/units.hpp"
#include "gameday/sim/scenario_loader.hpp"
#include "scenario_keys.hpp"
#include "scenario_parse.hpp"

namespace gameday::sim::detail {
namespace {

using yaml::Field;
using yaml::MapReader;
using yaml::Reporter;

// The imported files' keys; the scenario's own are in scenario_keys.hpp.
namespace import_keys {
constexpr std::string_view sloth_spec[] = {"version", "service", "labels", "slos"};
constexpr std::string_view sloth_slo[] = {"name",   "objective", "description",
                                          "labels", "sli",       "alerting"};
constexpr std::string_view sloth_sli[] = {"events", "raw", "plugin"};
constexpr std::string_view sloth_alerting[] = {"name", "labels", "annotations", "page_alert",
                                               "ticket_alert"};
constexpr std::string_view sloth_alert[] = {"disable", "labels", "annotations"};

constexpr std::string_view openslo_document[] = {"apiVersion", "kind", "metadata", "spec"};
constexpr std::string_view openslo_inline[] = {"apiVersion", "kind",           "metadata",
                                               "spec",       "alertPolicyRef", "conditionRef"};
constexpr std::string_view openslo_metadata[] = {"name", "displayName", "labels", "annotations"};
constexpr std::string_view openslo_slo[] = {"description",  "service",      "indicator",
                                            "indicatorRef", "timeWindow",   "budgetingMethod",
                                            "objectives",   "alertPolicies"};
constexpr std::string_view openslo_sli[] = {"description", "thresholdMetric", "ratioMetric"};
constexpr std::string_view openslo_time_window[] = {"duration", "isRolling", "calendar"};
constexpr std::string_view openslo_objective[] = {"displayName",     "op",
                                                  "value",           "target",
                                                  "targetPercent",   "timeSliceTarget",
                                                  "timeSliceWindow", "indicator",
                                                  "indicatorRef",    "compositeWeight"};
constexpr std::string_view openslo_policy[] = {"description",       "alertWhenNoData",
                                               "alertWhenResolved", "alertWhenBreaching",
                                               "conditions",        "notificationTargets"};
constexpr std::string_view openslo_condition[] = {"description", "severity", "condition"};
constexpr std::string_view openslo_burn_rate[] = {"kind", "op", "threshold", "lookbackWindow",
                                                  "alertAfter"};
}  // namespace import_keys

// Sloth's alerts for a 30-day SLO: the Workbook's windows, as gameday's presets have them.
struct SlothAlert {
  std::string_view key;     // in `alerting`
  std::string_view preset;  // gameday's preset, also the alert name's suffix
  Duration long_window, short_window;
  double factor;
  Severity severity;
};
constexpr SlothAlert sloth_alerts[] = {
    {"page_alert", "page_fast", hours(1), minutes(5), 14.4, Severity::Page},
    {"page_alert", "page_slow", hours(6), minutes(30), 6, Severity::Page},
    {"ticket_alert", "ticket_quick", hours(24), hours(2), 3, Severity::Ticket},
    {"ticket_alert", "ticket", hours(72), hours(6), 1, Severity::Ticket}};

// What the importing item says the SLOs measure, when it says it (otherwise the file's service).
struct ImportTarget {
  std::optional<ServiceId> service;
  std::optional<SourceId> journey;
};

// One file being imported: its reporter, and what every SLO of it shares.
struct Import {
  LoadContext& c;
  Reporter r;
  ImportTarget target;
};

Field root_of(const YAML::Node& document) {
  return Field(document, "", "", document.Mark());
}

// The threshold of a latency SLI: the `le="..."` bucket its queries name, in seconds, and where
// it was named; reports two different buckets, or one that is not a positive number.
void find_latency_bucket(Reporter& r, const Field& f, std::optional<Duration>& threshold,
                         std::optional<Field>& where) {
  const YAML::Node& n = f.node();
  if (n.IsMap()) {
    for (const auto& kv : n)
      if (kv.first.IsScalar())
        find_latency_bucket(r,
                            Field(kv.second, f.path() + "." + kv.first.Scalar(), kv.first.Scalar(),
                                  kv.second.Mark()),
                            threshold, where);
    return;
  }
  if (n.IsSequence()) {
    std::size_t i = 0;
    for (const auto& item : n)
      find_latency_bucket(
          r, Field(item, f.path() + "[" + std::to_string(i++) + "]", f.key(), item.Mark()),
          threshold, where);
    return;
  }
  if (!n.IsScalar()) return;
  const std::string& text = n.Scalar();
  for (std::size_t at = text.find("le=\""); at != std::string::npos;
       at = text.find("le=\"", at + 1)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_'))
      continue;  // a label that ends in "le", such as "handle"
    const std::size_t start = at + 4, end = text.find('"', start);
    const std::string value = text.substr(start, end == std::string::npos ? end : end - start);
    const auto parsed = parse_duration(value + "s");  // Prometheus's bounds are in seconds
    if (!parsed || parsed->ns() <= 0) {
      r.error(f, "the latency bucket le=\"" + value +
                     "\" is not a positive number of seconds: gameday reads a latency SLI's "
                     "threshold from it");
      return;
    }
    const Duration d = *parsed;
    if (threshold && *threshold != d) {
      r.error(f, "this SLI names two latency buckets (le=\"" + value + "\" here, " +
                     format_duration(*threshold) + " at line " +
                     std::to_string(Reporter::line_of(where->mark())) +
                     "); gameday imports a latency SLI with one threshold");
      return;
    }
    threshold = d;
    where = f;
  }
}

// The SLO the file names, added to the scenario with its target and its SLI's kind.
SloId add_slo(Import& im, const Field& name, const std::optional<Field>& service,
              const Field& sli) {
  SloSpec& slo = im.c.s.slos.emplace_back();
  if (auto n = read_name(im.r, name)) slo.name = std::move(*n);
  im.c.slos.add(im.r, name, slo.name, "SLO");
  if (im.target.service) {
    slo.service = *im.target.service;
    slo.journey = im.target.journey;
  } else if (service) {
    if (const auto i = read_reference(im.r, *service, "service", im.c.services))
      slo.service = ServiceId::from_index(*i);
  } else {
    im.r.error(name,
               "no service: the file names none, and the import does not say which "
               "(service: or journey: beside import:)");
  }
  std::optional<Duration> threshold;
  std::optional<Field> where;
  find_latency_bucket(im.r, sli, threshold, where);
  if (threshold) {
    slo.kind = SloSpec::Kind::Latency;
    slo.latency_threshold = *threshold;
  }
  return SloId::from_index(im.c.s.slos.size() - 1);
}

// An objective written as a percentage (Sloth's `objective`, OpenSLO's `targetPercent`) or a
// ratio (OpenSLO's `target`), read as gameday reads `99.9%` and `0.999`.
void read_objective(Import& im, const Field& f, bool percent, SloSpec& slo) {
  const auto text = yaml::read_string(im.r, f);
  if (!text) return;
  const auto v = parse_ratio(*text + (percent ? "%" : ""));
  if (!v || *v <= 0 || *v >= 1)
    im.r.error(f, "expected an objective more than 0 and less than " +
                      std::string(percent ? "100" : "1") + ", got '" + *text + "'");
  else
    slo.objective = *v;
}

std::optional<std::string> annotation(const MapReader& m, std::string_view key) {
  const auto a = m.get("annotations");
  if (!a || !a->node().IsMap()) return std::nullopt;
  return yaml::peek_scalar(a->node(), key);
}

// ---- Sloth prometheus/v1 ----

void read_sloth_alerts(Import& im, const Field& f, SloId slo_id) {
  const MapReader a(im.r, f, import_keys::sloth_alerting);
  if (!a.ok()) return;
  std::string base;
  std::optional<Field> name_field;
  const auto summary = annotation(a, "summary");
  for (const SlothAlert& preset : sloth_alerts) {
    std::optional<std::string> own_summary;
    if (const auto t = a.get(preset.key)) {
      const MapReader tier(im.r, *t, import_keys::sloth_alert);
      if (tier.ok() && yaml::peek_scalar(t->node(), "disable") == "true") continue;
      own_summary = annotation(tier, "summary");
    }
    if (!name_field) {
      name_field = a.required("name");
      if (!name_field) return;
      auto n = read_name(im.r, *name_field);
      if (!n) return;
      base = std::move(*n);
    }
    const SloSpec& slo = im.c.s.slos[slo_id.index()];
    if (!check_burn_rate_factor(im.r, *name_field, slo, preset.factor)) return;
    AlertRule rule;
    rule.name = base + "-" + std::string(preset.preset);
    rule.severity = preset.severity;
    rule.summary = own_summary.value_or(summary.value_or(""));
    rule.kind = AlertRule::Kind::BurnRate;
    rule.burn_rate = {slo_id, preset.long_window, preset.short_window, preset.factor};
    im.c.imported_alerts.push_back({std::move(rule), im.r.file(), *name_field});
  }
}

void read_sloth_slo(Import& im, const Field& item, const std::optional<Field>& service) {
  const MapReader m(im.r, item, import_keys::sloth_slo);
  if (!m.ok()) return;
  const auto name = m.required("name");
  const auto sli = m.required("sli");
  if (!name || !sli) return;
  const MapReader s(im.r, *sli, import_keys::sloth_sli);
  if (s.has("plugin"))
    s.error_at_key("plugin", "Sloth SLI plugins are not imported; write the SLI as events or raw");
  const SloId slo_id = add_slo(im, *name, service, *sli);
  if (const auto f = m.required("objective"))
    read_objective(im, *f, true, im.c.s.slos[slo_id.index()]);
  if (const auto f = m.get("alerting")) read_sloth_alerts(im, *f, slo_id);
}

void read_sloth(Import& im, const YAML::Node& document) {
  const MapReader m(im.r, root_of(document), import_keys::sloth_spec);
  if (!m.ok()) return;
  const auto service = m.required("service");
  if (const auto f = m.required("slos"))
    if (const auto items = yaml::read_list(im.r, *f))
      for (const Field& item : *items) read_sloth_slo(im, item, service);
}

// ---- OpenSLO v1 ----

// A named definition (an SLI, an alert policy, an alert condition), a document of its own or
// written inline where it is used.
struct Definition {
  std::string name;
  Field name_field;
  Field spec;
};

// The metadata's name and the spec of a document or inline definition whose top-level keys
// `m` has checked.
std::optional<Definition> definition_of(Import& im, const MapReader& m) {
  const auto meta = m.required("metadata");
  const auto spec = m.required("spec");
  if (!meta || !spec) return std::nullopt;
  const MapReader md(im.r, *meta, import_keys::openslo_metadata);
  if (!md.ok()) return std::nullopt;
  const auto name_field = md.required("name");
  if (!name_field) return std::nullopt;
  auto name = read_name(im.r, *name_field);
  if (!name) return std::nullopt;
  return Definition{std::move(*name), *name_field, *spec};
}

// The documents by kind; SLIs, alert policies and alert conditions are found by name.
struct OpenSloDocuments {
  std::vector<Definition> slos, slis, policies, conditions;
};

// The document of kind `kind` that `ref` names.
std::optional<Definition> find_definition(Import& im, const Field& ref, std::string_view kind,
                                          const std::vector<Definition>& documents) {
  const auto name = yaml::read_string(im.r, ref);
  if (!name) return std::nullopt;
  std::vector<std::string> names;
  for (const Definition& d : documents) {
    if (d.name == *name) return d;
    names.push_back(d.name);
  }
  im.r.error(ref, "no " + std::string(kind) + " named '" + *name + "' in this file" +
                      yaml::did_you_mean(*name, names));
  return std::nullopt;
}

// An inline definition (`kind: AlertPolicy`...) or a reference to a document by name
// (`alertPolicyRef`...).
std::optional<Definition> resolve(Import& im, const Field& f, std::string_view ref_key,
                                  std::string_view kind, const std::vector<Definition>& documents) {
  const MapReader m(im.r, f, import_keys::openslo_inline);
  if (!m.ok()) return std::nullopt;
  if (const auto ref = m.get(ref_key)) return find_definition(im, *ref, kind, documents);
  if (yaml::peek_scalar(f.node(), "kind") != kind) {
    m.error_at_map("expected " + std::string(ref_key) + ", or an inline " + std::string(kind) +
                   " (kind: " + std::string(kind) + ")");
    return std::nullopt;
  }
  return definition_of(im, m);
}

void read_openslo_condition(Import& im, const Definition& d, SloId slo_id) {
  const MapReader s(im.r, d.spec, import_keys::openslo_condition);
  if (!s.ok()) return;
  AlertRule rule;
  rule.name = im.c.s.slos[slo_id.index()].name + "-" + d.name;
  rule.kind = AlertRule::Kind::BurnRate;
  rule.burn_rate.slo = slo_id;
  rule.burn_rate.short_window = Duration{};  // OpenSLO's burn rate has one window
  if (const auto f = s.required("severity"))
    if (const auto v = yaml::read_enum(im.r, *f, severity_names)) rule.severity = *v;
  if (const auto f = s.get("description"))
    if (auto text = yaml::read_string(im.r, *f)) rule.summary = std::move(*text);
  const auto cf = s.required("condition");
  if (!cf) return;
  const MapReader c(im.r, *cf, import_keys::openslo_burn_rate);
  if (!c.ok()) return;
  static constexpr std::string_view condition_kinds[] = {"burnrate"};
  // gameday compares strictly; gte and gt differ only where a measured ratio equals the limit.
  static constexpr std::string_view ops[] = {"gt", "gte"};
  if (const auto f = c.required("kind"); !f || !yaml::read_choice(im.r, *f, condition_kinds))
    return;
  if (const auto f = c.get("op"); f && !yaml::read_choice(im.r, *f, ops)) return;
  if (const auto f = c.required("lookbackWindow"))
    if (const auto w = read_window(im.r, im.c.s, *f)) rule.burn_rate.long_window = *w;
  if (const auto f = c.required("threshold")) {
    const auto v = yaml::read_number(im.r, *f);
    if (v && *v <= 0)
      im.r.error(*f, "threshold must be more than 0, got " + f->node().Scalar());
    else if (v && check_burn_rate_factor(im.r, *f, im.c.s.slos[slo_id.index()], *v))
      rule.burn_rate.factor = *v;
  }
  if (const auto f = c.get("alertAfter"))
    if (const auto w = yaml::read_duration(im.r, *f)) rule.for_duration = *w;
  im.c.imported_alerts.push_back({std::move(rule), im.r.file(), d.name_field});
}

void read_openslo_policy(Import& im, const OpenSloDocuments& docs, const Definition& d,
                         SloId slo_id) {
  const MapReader s(im.r, d.spec, import_keys::openslo_policy);
  if (!s.ok()) return;
  if (yaml::peek_scalar(d.spec.node(), "alertWhenBreaching") == "false") return;
  if (const auto f = s.required("conditions"))
    if (const auto items = yaml::read_list(im.r, *f))
      for (const Field& item : *items)
        if (const auto c = resolve(im, item, "conditionRef", "AlertCondition", docs.conditions))
          read_openslo_condition(im, *c, slo_id);
}

// The SLI's ratio metric (good or bad over total); threshold metrics are not imported.
std::optional<Field> read_openslo_sli(Import& im, const Field& spec) {
  const MapReader s(im.r, spec, import_keys::openslo_sli);
  if (!s.ok()) return std::nullopt;
  if (s.has("thresholdMetric")) {
    s.error_at_key("thresholdMetric",
                   "threshold metrics (a value compared with the objective's op and value) are "
                   "not imported; gameday's SLOs count good and bad requests (ratioMetric)");
    return std::nullopt;
  }
  return s.required("ratioMetric");
}

// The one item of a list the subset allows one of; `why` says so otherwise.
std::optional<Field> only_item(Import& im, const Field& f, const std::string& why) {
  const auto items = yaml::read_list(im.r, f);
  if (items && items->size() != 1) im.r.error(f, why);
  if (!items || items->size() != 1) return std::nullopt;
  return items->front();
}

void read_openslo_objective(Import& im, const Field& f, SloSpec& slo) {
  const auto objective =
      only_item(im, f, "expected one objective; gameday's SLOs have one target each");
  if (!objective) return;
  const MapReader o(im.r, *objective, import_keys::openslo_objective);
  if (!o.ok()) return;
  for (const std::string_view key : {"op", "value", "timeSliceTarget", "timeSliceWindow"})
    if (o.has(key))
      o.error_at_key(key, std::string(key) +
                              " belongs to threshold or time-slice SLOs, which are not imported");
  const auto target = o.get("target");
  const auto percent = o.get("targetPercent");
  if (target && percent)
    o.error_at_key("targetPercent", "target and targetPercent are exclusive; use one");
  else if (target)
    read_objective(im, *target, false, slo);
  else if (percent)
    read_objective(im, *percent, true, slo);
  else
    o.error_at_map("missing required key 'target' or 'targetPercent'");
}

void read_openslo_window(Import& im, const Field& f, SloSpec& slo) {
  const auto window = only_item(im, f, "expected one time window");
  if (!window) return;
  const MapReader w(im.r, *window, import_keys::openslo_time_window);
  if (!w.ok()) return;
  if (w.has("calendar") || yaml::peek_scalar(window->node(), "isRolling") == "false")
    w.error_at_map("calendar windows are not imported; gameday's SLO windows roll");
  else if (const auto d = w.required("duration"))
    if (const auto v = yaml::read_positive_duration(im.r, *d)) slo.window = *v;
}

void read_openslo_slo(Import& im, const OpenSloDocuments& docs, const Definition& d) {
  const MapReader s(im.r, d.spec, import_keys::openslo_slo);
  if (!s.ok()) return;
  std::optional<Field> indicator;
  if (const auto f = s.get("indicator")) {
    const MapReader m(im.r, *f, import_keys::openslo_inline);
    if (const auto sli = m.ok() ? definition_of(im, m) : std::nullopt)
      indicator = read_openslo_sli(im, sli->spec);
  } else if (const auto ref = s.get("indicatorRef")) {
    if (const auto sli = find_definition(im, *ref, "SLI", docs.slis))
      indicator = read_openslo_sli(im, sli->spec);
  } else {
    s.error_at_map("missing required key 'indicator' or 'indicatorRef'");
  }
  static constexpr std::string_view methods[] = {"Occurrences"};
  if (const auto f = s.get("budgetingMethod"); f && !yaml::read_choice(im.r, *f, methods)) return;
  if (!indicator) return;
  const SloId slo_id = add_slo(im, d.name_field, s.get("service"), *indicator);
  SloSpec& slo = im.c.s.slos[slo_id.index()];
  if (const auto f = s.get("timeWindow")) read_openslo_window(im, *f, slo);
  if (const auto f = s.required("objectives")) read_openslo_objective(im, *f, slo);
  if (const auto f = s.get("alertPolicies"))
    if (const auto items = yaml::read_list(im.r, *f))
      for (const Field& item : *items)
        if (const auto p = resolve(im, item, "alertPolicyRef", "AlertPolicy", docs.policies))
          read_openslo_policy(im, docs, *p, slo_id);
}

void read_openslo(Import& im, const std::vector<YAML::Node>& documents) {
  static constexpr std::string_view kinds[] = {"SLO",
                                               "SLI",
                                               "AlertPolicy",
                                               "AlertCondition",
                                               "Service",
                                               "DataSource",
                                               "AlertNotificationTarget"};
  static constexpr std::string_view versions[] = {"openslo/v1"};
  const std::size_t errors_before = im.r.error_count();
  OpenSloDocuments docs;
  std::vector<Definition>* by_kind[] = {&docs.slos, &docs.slis, &docs.policies, &docs.conditions};
  for (const YAML::Node& node : documents) {
    if (node.IsNull()) continue;
    const MapReader m(im.r, root_of(node), import_keys::openslo_document);
    if (!m.ok()) continue;
    if (const auto v = m.required("apiVersion"); !v || !yaml::read_choice(im.r, *v, versions))
      continue;
    const auto k = m.required("kind");
    const auto kind = k ? yaml::read_choice(im.r, *k, kinds) : std::nullopt;
    if (!kind || *kind >= std::size(by_kind)) continue;  // services and targets say nothing here
    if (auto d = definition_of(im, m)) by_kind[*kind]->push_back(std::move(*d));
  }
  if (im.r.error_count() > errors_before) return;
  if (docs.slos.empty()) im.r.error(YAML::Mark(), "", "no SLO document (kind: SLO) in this file");
  for (const Definition& slo : docs.slos) read_openslo_slo(im, docs, slo);
}

}  // namespace

void read_slo_import(LoadContext& c, const Field& item) {
  const MapReader m(c.r, item, keys::slo_import);
  if (!m.ok()) return;
  ImportTarget target;
  if (m.has("service") || m.has("journey")) {
    SloSpec s;
    read_slo_target(c, m, s);
    target = {s.service, s.journey};
  }
  const auto f = m.required("import");
  const auto name = f ? yaml::read_string(c.r, *f) : std::nullopt;
  if (!name) return;
  // Relative to the scenario's folder, as a reader of the scenario would take it.
  const std::string path =
      (std::filesystem::path(c.r.file()).parent_path() / *name).lexically_normal().string();
  const InputFile file = read_input_file(path, scenario_bytes_max);
  if (!file.error.empty()) {
    c.r.error(*f, "cannot read '" + path + "': " + file.error);
    return;
  }
  c.imported_bytes += '\0' + path + '\0' + file.text;
  Import im{c, c.r.for_file(path), target};
  const auto documents = read_yaml_documents(im.r, file.text);
  if (!documents) return;
  const YAML::Node first = documents->empty() ? YAML::Node() : documents->front();
  if (first.IsMap() && yaml::peek_scalar(first, "version") == "prometheus/v1") {
    if (documents->size() > 1)
      im.r.error((*documents)[1].Mark(), "", "a Sloth spec is one YAML document");
    else
      read_sloth(im, first);
  } else if (first.IsMap() && yaml::peek_scalar(first, "apiVersion")) {
    read_openslo(im, *documents);
  } else {
    im.r.error(first.Mark(), "",
               "not an SLO file gameday imports: expected a Sloth spec (version: prometheus/v1) "
               "or OpenSLO documents (apiVersion: openslo/v1)");
  }
}

}  // namespace gameday::sim::detail

// Reading `probes`, `alerts` and `alerting`: the monitoring part of a scenario.
//
// Probes are read first because threshold rules may watch them, alerts next because inhibition
// rules name them; each list keeps its own NameTable here (nothing else refers to them), with
// one name per item so a name's position is its id, as in scenario_parse.hpp. An alert is a
// threshold rule or a burn-rate rule; one key set accepts both and the keys of the other kind
// are reported as not allowed, which says more than "unknown key". After a successful load
// every window is at least the sample interval and every metric fits its subject.
#include <cmath>
#include <cstdio>

#include "gameday/core/units.hpp"
#include "scenario_keys.hpp"
#include "scenario_parse.hpp"

namespace gameday::sim::detail {
namespace {

using yaml::Field;
using yaml::MapReader;

// The Site Reliability Workbook's multiwindow, multi-burn-rate alerts (chapter 5, table 5-8).
struct BurnRatePreset {
  std::string_view name;
  Duration long_window;
  Duration short_window;
  double factor;
  Severity severity;
};
constexpr BurnRatePreset burn_rate_presets[] = {
    {"page_fast", hours(1), minutes(5), 14.4, Severity::Page},
    {"page_slow", hours(6), minutes(30), 6, Severity::Page},
    {"ticket_quick", hours(24), hours(2), 3, Severity::Ticket},
    {"ticket", hours(72), hours(6), 1, Severity::Ticket}};
constexpr std::string_view preset_names[] = {"page_fast", "page_slow", "ticket_quick", "ticket"};

// Keys that belong to threshold rules only.
constexpr std::string_view threshold_only_keys[] = {"metric", "service", "journey", "probe",
                                                    "window", "above",   "below"};

struct MonitoringNames {
  NameTable probes;
  NameTable alerts;
};

void read_name_into(LoadContext& c, const MapReader& m, NameTable& table, std::string& out,
                    std::string_view what) {
  if (const auto f = m.required("name")) {
    if (auto name = read_name(c.r, *f)) out = std::move(*name);
    table.add(c.r, *f, out, what);
  } else {
    table.add_unchecked("", m.mark());
  }
}

void read_probe(LoadContext& c, MonitoringNames& names, const Field& item) {
  ProbeSpec& p = c.s.monitoring.probes.emplace_back();
  const MapReader m(c.r, item, keys::probe);
  read_name_into(c, m, names.probes, p.name, "probe");
  if (const auto f = m.required("service"))
    if (const auto i = read_reference(c.r, *f, "service", c.services))
      p.service = ServiceId::from_index(*i);
  if (const auto f = m.get("interval"))
    if (const auto d = yaml::read_duration_at_least(c.r, *f, limits::check_interval))
      p.interval = *d;
  if (const auto f = m.get("timeout")) {
    const auto d = yaml::read_positive_duration(c.r, *f);
    if (d && *d > p.interval)
      c.r.error(*f, "timeout must be at most the probe's interval (" + format_duration(p.interval) +
                        "), got " + f->node().Scalar());
    else if (d)
      p.timeout = *d;
  }
}

// The comparison value, read in the metric's unit and stored in its base unit.
std::optional<double> read_threshold_value(LoadContext& c, const Field& f, AlertMetric metric) {
  switch (metric) {
    case AlertMetric::ErrorRatio:
    case AlertMetric::Saturation:
    case AlertMetric::ProbeFailureRatio: return yaml::read_ratio(c.r, f);
    case AlertMetric::LatencyP50:
    case AlertMetric::LatencyP90:
    case AlertMetric::LatencyP95:
    case AlertMetric::LatencyP99: {
      const auto d = yaml::read_duration(c.r, f);
      if (!d) return std::nullopt;
      return d->to_seconds();
    }
    case AlertMetric::RequestRate: return yaml::read_rate(c.r, f);
    case AlertMetric::InstancesUp:
    case AlertMetric::QueueDepth: return yaml::read_number(c.r, f);
  }
  return std::nullopt;
}

void read_subject(LoadContext& c, const MonitoringNames& names, const MapReader& m,
                  ThresholdRule& t) {
  const std::optional<Field> fields[] = {m.get("service"), m.get("journey"), m.get("probe")};
  const int given =
      int{fields[0].has_value()} + int{fields[1].has_value()} + int{fields[2].has_value()};
  if (given == 0) m.error_at_map("missing required key 'service', 'journey' or 'probe'");
  if (given > 1) {
    m.error_at_key(fields[2] ? "probe" : "journey",
                   "service, journey and probe are exclusive; "
                   "use one");
    return;
  }
  if (fields[0]) {
    t.subject = SubjectKind::Service;
    if (const auto i = read_reference(c.r, *fields[0], "service", c.services))
      t.service = ServiceId::from_index(*i);
  } else if (fields[1]) {
    t.subject = SubjectKind::Journey;
    if (const auto i = read_reference(c.r, *fields[1], "traffic source", c.sources)) {
      t.journey = SourceId::from_index(*i);
      t.service = c.s.traffic[*i].to;  // a journey's service, for grouping by service
    }
  } else if (fields[2]) {
    t.subject = SubjectKind::Probe;
    if (const auto i = read_reference(c.r, *fields[2], "probe", names.probes)) {
      t.probe = ProbeId::from_index(*i);
      t.service = c.s.monitoring.probes[*i].service;
    }
  }
}

// Probe results have only a failure ratio, and only probes have one; traffic sources have no
// utilisation, instances or queue of their own.
void check_metric_fits_subject(const MapReader& m, const ThresholdRule& t) {
  const bool probe_metric = t.metric == AlertMetric::ProbeFailureRatio;
  if (probe_metric && t.subject != SubjectKind::Probe)
    m.error_at_key("metric", "metric probe_failure_ratio needs a probe subject ('probe: NAME')");
  if (!probe_metric && t.subject == SubjectKind::Probe)
    m.error_at_key("probe", "a probe subject only has the metric probe_failure_ratio");
  const bool service_only = t.metric == AlertMetric::Saturation ||
                            t.metric == AlertMetric::InstancesUp ||
                            t.metric == AlertMetric::QueueDepth;
  if (service_only && t.subject == SubjectKind::Journey)
    m.error_at_key("journey", "this metric is measured per service; use 'service: NAME'");
}

void read_threshold_rule(LoadContext& c, const MonitoringNames& names, const MapReader& m,
                         AlertRule& rule) {
  ThresholdRule& t = rule.threshold;
  const auto metric_field = m.required("metric");
  std::optional<AlertMetric> metric;
  if (metric_field) metric = yaml::read_enum(c.r, *metric_field, metric_names);
  if (metric) t.metric = *metric;
  read_subject(c, names, m, t);
  if (metric) check_metric_fits_subject(m, t);
  if (const auto f = m.get("window"))
    if (const auto d = read_window(c.r, c.s, *f)) t.window = *d;
  const auto above = m.get("above");
  const auto below = m.get("below");
  if (above && below) {
    m.error_at_key("below", "above and below are exclusive; use one");
  } else if (!above && !below) {
    m.error_at_map("missing required key 'above' or 'below'");
  } else if (metric) {
    t.comparison = above ? Comparison::Above : Comparison::Below;
    if (const auto v = read_threshold_value(c, above ? *above : *below, t.metric)) t.threshold = *v;
  }
  if (!m.has("severity")) m.error_at_map("missing required key 'severity'");
}

void read_burn_rate_windows(LoadContext& c, const MapReader& b, BurnRateRule& br) {
  for (const char* key : {"long", "short", "factor"})
    if (b.has("preset") && b.has(key))
      b.error_at_key(key, std::string(key) + " cannot be combined with preset");
  if (b.has("preset")) return;
  br.short_window = Duration{};
  if (const auto f = b.required("long"))
    if (const auto d = read_window(c.r, c.s, *f)) br.long_window = *d;
  if (const auto f = b.get("short")) {  // without one: a single-window rule (OpenSLO's)
    const auto d = read_window(c.r, c.s, *f);
    if (d && *d >= br.long_window)
      c.r.error(*f, "short must be shorter than long (" + format_duration(br.long_window) +
                        "), got " + f->node().Scalar());
    else if (d)
      br.short_window = *d;
  }
  if (const auto f = b.required("factor")) {
    const auto v = yaml::read_factor(c.r, *f);
    if (v && *v <= 0)
      c.r.error(*f, "factor must be more than 0, got " + f->node().Scalar());
    else if (v)
      br.factor = *v;
  }
}

void read_burn_rate_rule(LoadContext& c, const MapReader& m, const Field& f, AlertRule& rule) {
  rule.kind = AlertRule::Kind::BurnRate;
  for (const std::string_view key : threshold_only_keys)
    if (m.has(key))
      m.error_at_key(key, std::string(key) +
                              " is not allowed with burn_rate (it is measured on "
                              "the SLO)");
  BurnRateRule& br = rule.burn_rate;
  const MapReader b(c.r, f, keys::burn_rate);
  if (!b.ok()) return;
  std::optional<std::size_t> slo;
  if (const auto s = b.required("slo")) slo = read_reference(c.r, *s, "SLO", c.slos);
  if (slo) br.slo = SloId::from_index(*slo);
  if (const auto p = b.get("preset")) {
    if (const auto i = yaml::read_choice(c.r, *p, preset_names)) {
      const BurnRatePreset& preset = burn_rate_presets[*i];
      br.long_window = preset.long_window;
      br.short_window = preset.short_window;
      br.factor = preset.factor;
      if (!m.has("severity")) rule.severity = preset.severity;
    }
  } else if (!m.has("severity")) {
    m.error_at_map("missing required key 'severity' (only a burn_rate preset implies one)");
  }
  read_burn_rate_windows(c, b, br);
  if (slo) check_burn_rate_factor(c.r, f, c.s.slos[*slo], br.factor);
}

void read_alert(LoadContext& c, MonitoringNames& names, const Field& item) {
  AlertRule& rule = c.s.monitoring.alerts.emplace_back();
  const MapReader m(c.r, item, keys::alert);
  if (!m.ok()) {
    names.alerts.add_unchecked("", item.mark());
    return;
  }
  read_name_into(c, m, names.alerts, rule.name, "alert");
  if (const auto f = m.get("severity"))
    if (const auto s = yaml::read_enum(c.r, *f, severity_names)) rule.severity = *s;
  if (const auto f = m.get("summary"))
    if (auto text = yaml::read_string(c.r, *f)) rule.summary = std::move(*text);
  if (const auto f = m.get("burn_rate"))
    read_burn_rate_rule(c, m, *f, rule);
  else
    read_threshold_rule(c, names, m, rule);
  if (const auto f = m.get("for"))
    if (const auto d = yaml::read_duration(c.r, *f)) rule.for_duration = *d;
  if (const auto f = m.get("keep_firing_for"))
    if (const auto d = yaml::read_duration(c.r, *f)) rule.keep_firing_for = *d;
}

void read_inhibit(LoadContext& c, const MonitoringNames& names, const Field& f) {
  const auto items = yaml::read_list(c.r, f);
  if (!items) return;
  for (const Field& item : *items) {
    const MapReader m(c.r, item, keys::inhibit);
    if (!m.ok()) continue;
    std::optional<std::size_t> source, target;
    if (const auto s = m.required("source"))
      source = read_reference(c.r, *s, "alert", names.alerts);
    if (const auto t = m.required("target"))
      target = read_reference(c.r, *t, "alert", names.alerts);
    if (source && target && *source == *target) {
      m.error_at_key("target", "an alert cannot inhibit itself");
      continue;
    }
    if (source && target)
      c.s.monitoring.alerting.inhibit.push_back(
          {AlertId::from_index(*source), AlertId::from_index(*target)});
  }
}

void read_evaluation_interval(LoadContext& c, const Field& f, AlertingSpec& a) {
  const auto d = yaml::read_positive_duration(c.r, f);
  if (!d) return;
  // Evaluations run right after the sample at the same instant, so they see whole samples.
  if (*d < c.s.sample_interval || *d % c.s.sample_interval != Duration{}) {
    c.r.error(f, "evaluation_interval must be a multiple of the sample_interval (" +
                     format_duration(c.s.sample_interval) + "), got " + f.node().Scalar());
    return;
  }
  a.evaluation_interval = *d;
}

void read_alerting(LoadContext& c, const MonitoringNames& names, const Field& f) {
  AlertingSpec& a = c.s.monitoring.alerting;
  const MapReader m(c.r, f, keys::alerting);
  if (!m.ok()) return;
  if (const auto e = m.get("evaluation_interval")) read_evaluation_interval(c, *e, a);
  if (const auto e = m.get("group_wait"))
    if (const auto d = yaml::read_duration(c.r, *e)) a.group_wait = *d;
  if (const auto e = m.get("group_interval"))
    if (const auto d = yaml::read_positive_duration(c.r, *e)) a.group_interval = *d;
  if (const auto e = m.get("repeat_interval"))
    if (const auto d = yaml::read_positive_duration(c.r, *e)) a.repeat_interval = *d;
  if (const auto e = m.get("group_by"))
    if (const auto g = yaml::read_enum(c.r, *e, group_by_names)) a.group_by = *g;
  if (const auto e = m.get("inhibit")) read_inhibit(c, names, *e);
}

}  // namespace

// A window that holds at least one sample.
std::optional<Duration> read_window(yaml::Reporter& r, const Scenario& s, const Field& f) {
  const auto d = yaml::read_positive_duration(r, f);
  if (d && *d < s.sample_interval) {
    r.error(f, f.key() + " must be at least the sample_interval (" +
                   format_duration(s.sample_interval) + "), got " + f.node().Scalar());
    return std::nullopt;
  }
  return d;
}

bool check_burn_rate_factor(yaml::Reporter& r, const Field& f, const SloSpec& slo, double factor) {
  const double budget = allowed_error(slo);
  if (factor * budget < 1) return true;
  char text[96];
  std::snprintf(text, sizeof text, "%g x (1 - %g%%) = %g%%", factor, slo.objective * 100,
                factor * budget * 100);
  r.error(f, "factor x (1 - objective) must be below 100% or the alert can never fire; got " +
                 std::string(text));
  return false;
}

void read_monitoring(LoadContext& c, const MapReader& top) {
  MonitoringNames names;
  if (const auto f = top.get("probes")) {
    if (const auto items = yaml::read_list(c.r, *f))
      for (const Field& item : *items) read_probe(c, names, item);
    else
      names.probes.set_unreadable();
  }
  if (const auto f = top.get("alerts")) {
    if (const auto items = yaml::read_list(c.r, *f))
      for (const Field& item : *items) read_alert(c, names, item);
    else
      names.alerts.set_unreadable();
  }
  for (ImportedAlert& a : c.imported_alerts) {
    yaml::Reporter r = c.r.for_file(a.file);
    names.alerts.add(r, a.name, a.rule.name, "alert");
    c.s.monitoring.alerts.push_back(std::move(a.rule));
  }
  if (const auto f = top.get("alerting")) read_alerting(c, names, *f);
}

}  // namespace gameday::sim::detail

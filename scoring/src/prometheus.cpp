// The record as OpenMetrics series and the scenario's rules as a Prometheus rule file.
//
// The rules are written so that Prometheus, evaluating them over the exported series, fires
// and resolves every alert at the evaluation gameday's monitor did (docs/alerting.md): a
// window over counters is `increase(x[w])`, whose range [t - w, t] holds the sample at t - w
// as the base, so it sums exactly the intervals ending in (t - w, t]; a window over gauges is
// `[w - 1ms]`, which holds exactly the samples of those intervals. Counters start at 0 at the
// run's start, so a window longer than the run so far uses what exists, as gameday does.
#include "gameday/scoring/prometheus.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <deque>
#include <map>
#include <optional>
#include <string_view>

#include "gameday/model/names.hpp"

namespace gameday::scoring {
namespace {

using eventlog::Record;

std::string number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// A label value in double quotes, escaped as the exposition formats and PromQL both read it.
std::string quoted(std::string_view v) {
  std::string out = "\"";
  for (const char c : v) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + '"';
}

// Prometheus's duration syntax: "1h", "4m59s999ms", "3d". Sub-millisecond parts cannot be
// written; gameday's windows are at least a sample interval (whole seconds or more).
std::string prometheus_duration(Duration d) {
  std::int64_t ms = d.ns() / 1'000'000;
  if (ms == 0) return "0s";
  std::string out;
  for (const auto& [unit, size] :
       {std::pair{"d", 86'400'000LL}, std::pair{"h", 3'600'000LL}, std::pair{"m", 60'000LL},
        std::pair{"s", 1'000LL}, std::pair{"ms", 1LL}}) {
    if (ms < size) continue;
    out += std::to_string(ms / size) + unit;
    ms %= size;
  }
  return out;
}

// One metric family: its series (a label set, written out) with their samples in time order.
struct Family {
  std::string name;  // without _total for a counter
  bool counter = false;
  std::string help;
  std::map<std::string, std::vector<std::pair<Time, std::string>>> series;
  std::map<std::string, std::uint64_t> totals;  // a counter's running total per series
  std::vector<std::string> order;               // label sets in first-seen order

  std::vector<std::pair<Time, std::string>>& samples_of(const std::string& labels) {
    auto [it, inserted] = series.try_emplace(labels);
    if (inserted) order.push_back(labels);
    return it->second;
  }
  void gauge(const std::string& labels, Time t, std::string value) {
    samples_of(labels).emplace_back(t, std::move(value));
  }
  // Adds one interval's count to the counter; a new counter starts with 0 at the run's start.
  void count(const std::string& labels, Time t, std::uint64_t interval_count) {
    auto& samples = samples_of(labels);
    if (samples.empty() && t.ns() > 0) samples.emplace_back(Time{}, "0");
    std::uint64_t& total = totals[labels];
    total += interval_count;
    samples.emplace_back(t, std::to_string(total));
  }
};

class Exposition {
 public:
  Family& family(const std::string& name, bool counter, const std::string& help) {
    for (Family& f : families_)
      if (f.name == name) return f;
    Family& f = families_.emplace_back();
    f.name = name;
    f.counter = counter;
    f.help = help;
    return f;
  }

  std::string text(std::int64_t start_ms) const {
    std::string out;
    for (const Family& f : families_) {
      out += "# TYPE " + f.name + (f.counter ? " counter\n" : " gauge\n");
      out += "# HELP " + f.name + ' ' + f.help + '\n';
      const std::string sample = f.counter ? f.name + "_total" : f.name;
      for (const std::string& labels : f.order) {
        for (const auto& [t, value] : f.series.at(labels)) {
          const std::int64_t ms = start_ms + t.ns() / 1'000'000;
          char stamp[40];
          std::snprintf(stamp, sizeof stamp, "%lld.%03lld", static_cast<long long>(ms / 1000),
                        static_cast<long long>(ms % 1000));
          out += sample + labels + ' ' + value + ' ' + stamp + '\n';
        }
      }
    }
    return out + "# EOF\n";
  }

 private:
  std::deque<Family> families_;  // references handed out stay valid as it grows
};

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

// `{k="v",...}`; an empty list gives "" (a series with no labels).
std::string labels_of(const Labels& kv) {
  if (kv.empty()) return "";
  std::string out = "{";
  for (const auto& [k, v] : kv) {
    if (out.size() > 1) out += ',';
    out += std::string(k) + '=' + quoted(v);
  }
  return out + '}';
}

// Responses by result: "ok" or the error's cause, every result present from the start.
void add_responses(Family& f, Labels labels, Time t, std::uint64_t ok,
                   const eventlog::ErrorCounts& errors) {
  labels.emplace_back("result", "ok");
  f.count(labels_of(labels), t, ok);
  for (std::size_t c = 0; c < eventlog::error_cause_count; ++c) {
    labels.back().second = eventlog::error_cause_name(static_cast<eventlog::ErrorCause>(c));
    f.count(labels_of(labels), t, errors[c]);
  }
}

void add_latency(Family& f, std::string_view key, std::string_view name, Time t, std::uint64_t ok,
                 const eventlog::LatencySummary& l) {
  if (ok == 0) return;  // no successful response: no latency to report, a gap in the series
  for (const auto& [q, d] :
       {std::pair{"0.5", l.p50}, std::pair{"0.9", l.p90}, std::pair{"0.99", l.p99}})
    f.gauge(labels_of({{key, name}, {"quantile", q}}), t, number(d.to_seconds()));
}

}  // namespace

std::string openmetrics_of(const Record& record, std::int64_t start_unix_ms) {
  const eventlog::NameTable& names = record.header.names;
  Exposition x;
  Family& elapsed =
      x.family("gameday_run_elapsed_seconds", false, "Simulated seconds since the run started.");
  // Families in a fixed order, whatever the record's first lines hold.
  Family& requests = x.family("gameday_service_requests", true,
                              "Requests that arrived at the service's instances.");
  Family& responses = x.family("gameday_service_responses", true,
                               "Responses of the service, by result: ok or the error's cause.");
  Family& latency = x.family(
      "gameday_service_latency_seconds", false,
      "Latency of the service's successful responses in the sample interval, at the quantile.");
  Family& in_flight =
      x.family("gameday_service_in_flight", false, "Requests being served at the sample.");
  Family& queue = x.family("gameday_service_queue_depth", false,
                           "Requests waiting for a worker at the sample.");
  Family& utilisation = x.family(
      "gameday_service_utilisation_ratio", false,
      "Busy worker time over workers times the interval, across the instances that are up.");
  Family& up = x.family("gameday_service_instances_up", false, "Instances up at the sample.");
  Family& retries = x.family("gameday_service_retries", true,
                             "Retry attempts the service sent to its dependencies.");
  Family& calls = x.family("gameday_dependency_calls", true,
                           "Logical calls from the caller to the callee (retries not counted).");
  Family& attempts = x.family("gameday_dependency_attempts", true,
                              "Attempts sent from the caller to the callee: first tries and "
                              "retries.");
  Family& call_results =
      x.family("gameday_dependency_responses", true,
               "Logical calls that ended, by result: ok or the cause of the last attempt's error.");
  Family& journey_requests = x.family("gameday_journey_requests", true,
                                      "Root requests the traffic source (user journey) sent.");
  Family& journey_responses =
      x.family("gameday_journey_responses", true,
               "Root requests that ended, end to end, by result: ok or the error's cause.");
  Family& journey_latency = x.family(
      "gameday_journey_latency_seconds", false,
      "End-to-end latency of the journey's successful requests in the interval, at the quantile.");
  Family& slo_valid = x.family("gameday_slo_valid", true, "Requests the SLO's indicator counted.");
  Family& slo_good = x.family("gameday_slo_good", true,
                              "Requests the SLO's indicator counted as good: successful, and "
                              "fast enough for a latency SLO.");

  // The run's clock at the start and at every sample time.
  elapsed.gauge("", Time{}, "0");
  Time last_elapsed;
  const auto tick = [&](Time t) {
    if (t <= last_elapsed) return;
    elapsed.gauge("", t, number(t.to_seconds()));
    last_elapsed = t;
  };
  for (const eventlog::ServiceSample& s : record.service_samples) {
    tick(s.t);
    const std::string& name = names.services[s.service.index()];
    const std::string l = labels_of({{"service", name}});
    requests.count(l, s.t, s.requests);
    add_responses(responses, {{"service", name}}, s.t, s.ok, s.errors);
    add_latency(latency, "service", name, s.t, s.ok, s.latency);
    in_flight.gauge(l, s.t, std::to_string(s.in_flight));
    queue.gauge(l, s.t, std::to_string(s.queued));
    utilisation.gauge(l, s.t, number(s.utilisation));
    up.gauge(l, s.t, std::to_string(s.instances_up));
    retries.count(l, s.t, s.retries);
  }
  for (const eventlog::DependencySample& s : record.dependency_samples) {
    const eventlog::DependencyInfo& d = names.dependencies[s.dependency.index()];
    const std::string& caller = names.services[d.from.index()];
    const std::string& callee = names.services[d.to.index()];
    const std::string l = labels_of({{"caller", caller}, {"callee", callee}});
    calls.count(l, s.t, s.calls);
    attempts.count(l, s.t, s.attempts);
    add_responses(call_results, {{"caller", caller}, {"callee", callee}}, s.t, s.ok, s.errors);
  }
  for (const eventlog::SourceSample& s : record.source_samples) {
    const std::string& name = names.sources[s.source.index()];
    journey_requests.count(labels_of({{"journey", name}}), s.t, s.requests);
    add_responses(journey_responses, {{"journey", name}}, s.t, s.ok, s.errors);
    add_latency(journey_latency, "journey", name, s.t, s.ok, s.latency);
  }
  for (const eventlog::SloSample& s : record.slo_samples) {
    const std::string l = labels_of({{"slo", names.slos[s.slo.index()]}});
    slo_valid.count(l, s.t, s.valid);
    slo_good.count(l, s.t, s.good);
  }
  return x.text(start_unix_ms);
}

}  // namespace gameday::scoring

namespace gameday::scoring {
namespace {

// A YAML double-quoted scalar; control bytes as \xNN.
std::string yaml_quoted(std::string_view v) {
  std::string out = "\"";
  for (const char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + '"';
}

// Prometheus expands annotations as Go templates: "{{" must be written as a template that
// prints it, so a summary shows as the scenario wrote it.
std::string template_literal(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v.compare(i, 2, "{{") == 0) {
      out += "{{ \"{{\" }}";
      ++i;
    } else {
      out += v[i];
    }
  }
  return out;
}

std::string selector(const std::string& metric, std::string_view key, std::string_view name,
                     std::string_view extra = {}) {
  std::string out = metric + '{' + std::string(key) + '=' + quoted(name);
  if (!extra.empty()) out += ',' + std::string(extra);
  return out + '}';
}

std::string ratio_record_name(Duration window) {
  return "slo:sli_error:ratio_rate" + prometheus_duration(window);
}

// bad / valid over the window: (valid - good) / valid, exact for integer counts.
std::string slo_error_ratio(const std::string& slo, Duration window) {
  const std::string w = "[" + prometheus_duration(window) + "]";
  const std::string valid =
      "sum(increase(" + selector("gameday_slo_valid_total", "slo", slo) + w + "))";
  const std::string good =
      "sum(increase(" + selector("gameday_slo_good_total", "slo", slo) + w + "))";
  return "(" + valid + " - " + good + ") / " + valid;
}

struct Subject {
  std::string family;  // "gameday_service" or "gameday_journey"
  std::string key;     // "service" or "journey"
  std::string name;
};

// The threshold rule's value as PromQL, or nullopt with why it cannot be written.
std::optional<std::string> threshold_value(const model::Scenario& s, const model::ThresholdRule& r,
                                           std::string& why) {
  using model::AlertMetric;
  if (r.subject == model::SubjectKind::Probe || r.metric == AlertMetric::ProbeFailureRatio) {
    why = "probe results are not among the exported series";
    return std::nullopt;
  }
  const Subject subject =
      r.subject == model::SubjectKind::Service
          ? Subject{"gameday_service", "service", s.services[r.service.index()].name}
          : Subject{"gameday_journey", "journey", s.traffic[r.journey.index()].name};
  const std::string counter_window = "[" + prometheus_duration(r.window) + "]";
  // The samples of the intervals ending in (t - w, t]: a gauge's range must leave out t - w.
  const std::string gauge_window =
      "[" + prometheus_duration(r.window - Duration::from_ns(1'000'000)) + "]";
  const auto increase = [&](const std::string& metric, std::string_view extra = {}) {
    return "sum(increase(" + selector(subject.family + metric, subject.key, subject.name, extra) +
           counter_window + "))";
  };
  const auto mean = [&](const std::string& metric) {
    const std::string sel = selector(metric, subject.key, subject.name) + gauge_window;
    return "sum(sum_over_time(" + sel + ")) / sum(count_over_time(" + sel + "))";
  };
  switch (r.metric) {
    case AlertMetric::ErrorRatio:
      return increase("_responses_total", "result!=\"ok\"") + " / " + increase("_responses_total");
    case AlertMetric::RequestRate:
      // Arrivals over the sampled time in the window: the window, or the run so far.
      return increase("_requests_total") + " / clamp_max(max(gameday_run_elapsed_seconds), " +
             number(r.window.to_seconds()) + ")";
    case AlertMetric::Saturation: return mean("gameday_service_utilisation_ratio");
    case AlertMetric::QueueDepth: return mean("gameday_service_queue_depth");
    case AlertMetric::InstancesUp:
      return "max(last_over_time(" +
             selector("gameday_service_instances_up", subject.key, subject.name) + gauge_window +
             "))";
    case AlertMetric::ProbeFailureRatio:  // answered above
    case AlertMetric::LatencyP50:
    case AlertMetric::LatencyP90:
    case AlertMetric::LatencyP95:
    case AlertMetric::LatencyP99:
      why = "latency quantile rules need latency histograms, which the record does not keep";
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

PrometheusRules prometheus_rules_of(const model::Scenario& s) {
  PrometheusRules out;
  std::string records;
  std::vector<std::string> recorded;  // "slo|window" already written
  const auto record_ratio = [&](const model::SloSpec& slo, Duration window) {
    const std::string key = slo.name + '|' + prometheus_duration(window);
    if (std::find(recorded.begin(), recorded.end(), key) != recorded.end()) return;
    recorded.push_back(key);
    records += "      - record: " + ratio_record_name(window) + "\n";
    records += "        expr: " + yaml_quoted(slo_error_ratio(slo.name, window)) + "\n";
    records += "        labels:\n          slo: " + yaml_quoted(slo.name) + "\n";
  };
  std::string alerts;
  for (const model::AlertRule& rule : s.monitoring.alerts) {
    std::string expr;
    std::string subject_label;
    if (rule.kind == model::AlertRule::Kind::BurnRate) {
      const model::BurnRateRule& b = rule.burn_rate;
      const model::SloSpec& slo = s.slos[b.slo.index()];
      record_ratio(slo, b.long_window);
      record_ratio(slo, b.short_window);
      const std::string limit = number(b.factor * model::allowed_error(slo));
      const std::string sel = "{slo=" + quoted(slo.name) + "}";
      expr = ratio_record_name(b.long_window) + sel + " > " + limit + " and " +
             ratio_record_name(b.short_window) + sel + " > " + limit;
      subject_label = "          slo: " + yaml_quoted(slo.name) + "\n";
    } else {
      const model::ThresholdRule& t = rule.threshold;
      std::string why;
      const auto value = threshold_value(s, t, why);
      if (!value) {
        out.left_out.push_back(rule.name + ": " + why);
        continue;
      }
      expr = "(" + *value + ")" + (t.comparison == model::Comparison::Above ? " > " : " < ") +
             number(t.threshold);
      if (t.subject == model::SubjectKind::Service)
        subject_label =
            "          service: " + yaml_quoted(s.services[t.service.index()].name) + "\n";
      else
        subject_label =
            "          journey: " + yaml_quoted(s.traffic[t.journey.index()].name) + "\n";
    }
    alerts += "      - alert: " + yaml_quoted(rule.name) + "\n";
    alerts += "        expr: " + yaml_quoted(expr) + "\n";
    if (rule.for_duration.ns() > 0)
      alerts += "        for: " + prometheus_duration(rule.for_duration) + "\n";
    if (rule.keep_firing_for.ns() > 0)
      alerts += "        keep_firing_for: " + prometheus_duration(rule.keep_firing_for) + "\n";
    alerts += "        labels:\n          severity: " +
              std::string(model::name_of(model::severity_names, rule.severity)) + "\n" +
              subject_label;
    if (!rule.summary.empty())
      alerts += "        annotations:\n          summary: " +
                yaml_quoted(template_literal(rule.summary)) + "\n";
  }
  out.yaml = "# Prometheus rules for the gameday scenario " + yaml_quoted(s.name) +
             ", written by `gameday export rules`.\n"
             "# They read the series of `gameday export openmetrics` (docs/prometheus.md).\n";
  for (const std::string& l : out.left_out) out.yaml += "# Left out: " + l + "\n";
  const bool none = records.empty() && alerts.empty();
  out.yaml += "groups:\n  - name: " + yaml_quoted("gameday:" + s.name) +
              "\n    interval: " + prometheus_duration(s.monitoring.alerting.evaluation_interval) +
              "\n    rules:" + (none ? " []\n" : "\n" + records + alerts);
  return out;
}

}  // namespace gameday::scoring

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

#include "gameday/core/assert.hpp"
#include "gameday/model/names.hpp"

namespace gameday::scoring {
namespace {

using eventlog::Record;

// Seconds, divided rather than multiplied by 1e-9, so 33488896 ns is 0.033488896.
double seconds_of(std::int64_t ns) {
  return static_cast<double>(ns) / 1e9;
}

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

enum class Type : std::uint8_t { Counter, Gauge, Summary, Histogram };

// One series of a family: the sample name it is written with (`x_total`, `x_sum`, ...), its
// labels, and its samples in time order (only the last when no history is kept).
struct Series {
  std::string sample;
  std::string labels;
  std::vector<std::pair<Time, std::string>> samples;
  std::uint64_t total = 0;  // a cumulative series' running total
};

struct Family {
  std::string name;
  Type type = Type::Gauge;
  bool truth = false;  // ground truth: only for the facilitator
  std::string help;
  bool history = true;
  std::map<std::string, Series> series;  // by sample name and labels
  std::vector<Series*> order;            // in first-seen order

  Series& series_of(const std::string& sample, const std::string& labels) {
    auto [it, inserted] = series.try_emplace(sample + labels);
    if (inserted) {
      it->second.sample = sample;
      it->second.labels = labels;
      order.push_back(&it->second);
    }
    return it->second;
  }
  static void put(Series& s, Time t, std::string value, bool history) {
    if (!history) s.samples.clear();
    s.samples.emplace_back(t, std::move(value));
  }
  void gauge(const std::string& labels, Time t, std::string value) {
    put(series_of(name, labels), t, std::move(value), history);
  }
  // Adds one interval's amount to a cumulative series, which starts with 0 at the run's start;
  // the integer total is written divided by `unit` (1e9: nanoseconds as seconds).
  void accumulate(const std::string& sample, const std::string& labels, Time t,
                  std::uint64_t amount, double unit = 1) {
    Series& s = series_of(sample, labels);
    if (s.samples.empty() && t.ns() > 0) put(s, Time{}, "0", history);
    s.total += amount;
    put(s, t, unit == 1 ? std::to_string(s.total) : number(static_cast<double>(s.total) / unit),
        history);
  }
  void count(const std::string& labels, Time t, std::uint64_t interval_count) {
    accumulate(name + "_total", labels, t, interval_count);
  }
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

std::string timestamp(std::int64_t start_ms, Time t) {
  const std::int64_t ms = start_ms + t.ns() / 1'000'000;
  char stamp[40];
  std::snprintf(stamp, sizeof stamp, "%lld.%03lld", static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return stamp;
}

}  // namespace

struct MetricSeries::State {
  std::deque<Family> families;  // references stay valid as it grows
  eventlog::NameTable names;
  Time latest;  // the last sample time seen
  Family* elapsed = nullptr;
  Family *requests, *responses, *latency, *duration, *in_flight, *queue, *utilisation, *up,
      *retries;
  Family *calls, *attempts, *call_results;
  Family *journey_requests, *journey_responses, *journey_latency, *journey_duration;
  Family *slo_valid, *slo_good;
  Family *instance_requests, *instance_responses, *instance_latency, *instance_in_flight,
      *instance_queue, *instance_utilisation, *instance_up;
  Family *probe_attempts, *probe_failures;
  Family* fault_active;

  Family& family(const std::string& name, Type type, const std::string& help) {
    Family& f = families.emplace_back();
    f.name = name;
    f.type = type;
    f.help = help;
    return f;
  }

  explicit State(bool history) {
    // Families in a fixed order, whatever the record's first lines hold.
    elapsed = &family("gameday_run_elapsed_seconds", Type::Gauge,
                      "Simulated seconds since the run started.");
    requests = &family("gameday_service_requests", Type::Counter,
                       "Requests that arrived at the service's instances.");
    responses = &family("gameday_service_responses", Type::Counter,
                        "Responses of the service, by result: ok or the error's cause.");
    latency = &family("gameday_service_latency_seconds", Type::Summary,
                      "Latency of the service's successful responses in the sample interval, at "
                      "the quantile.");
    duration = &family("gameday_service_request_duration_seconds", Type::Histogram,
                       "Latency of the service's successful responses.");
    in_flight =
        &family("gameday_service_in_flight", Type::Gauge, "Requests being served at the sample.");
    queue = &family("gameday_service_queue_depth", Type::Gauge,
                    "Requests waiting for a worker at the sample.");
    utilisation = &family(
        "gameday_service_utilisation_ratio", Type::Gauge,
        "Busy worker time over workers times the interval, across the instances that are up.");
    up = &family("gameday_service_instances_up", Type::Gauge, "Instances up at the sample.");
    retries = &family("gameday_service_retries", Type::Counter,
                      "Retry attempts the service sent to its dependencies.");
    calls = &family("gameday_dependency_calls", Type::Counter,
                    "Logical calls from the caller to the callee (retries not counted).");
    attempts = &family("gameday_dependency_attempts", Type::Counter,
                       "Attempts sent from the caller to the callee: first tries and retries.");
    call_results = &family(
        "gameday_dependency_responses", Type::Counter,
        "Logical calls that ended, by result: ok or the cause of the last attempt's error.");
    journey_requests = &family("gameday_journey_requests", Type::Counter,
                               "Root requests the traffic source (user journey) sent.");
    journey_responses =
        &family("gameday_journey_responses", Type::Counter,
                "Root requests that ended, end to end, by result: ok or the error's cause.");
    journey_latency = &family("gameday_journey_latency_seconds", Type::Summary,
                              "End-to-end latency of the journey's successful requests in the "
                              "interval, at the quantile.");
    journey_duration = &family("gameday_journey_request_duration_seconds", Type::Histogram,
                               "End-to-end latency of the journey's successful requests.");
    slo_valid =
        &family("gameday_slo_valid", Type::Counter, "Requests the SLO's indicator counted.");
    slo_good = &family("gameday_slo_good", Type::Counter,
                       "Requests the SLO's indicator counted as good: successful, and fast "
                       "enough for a latency SLO.");
    instance_requests =
        &family("gameday_instance_requests", Type::Counter, "Requests delivered to the instance.");
    instance_responses = &family("gameday_instance_responses", Type::Counter,
                                 "Responses of the instance, by result: ok or error.");
    instance_latency = &family("gameday_instance_latency_seconds", Type::Summary,
                               "Latency of the instance's successful responses (sum and count).");
    instance_in_flight = &family("gameday_instance_in_flight", Type::Gauge,
                                 "Requests at the instance at the sample.");
    instance_queue = &family("gameday_instance_queue_depth", Type::Gauge,
                             "Requests waiting for a worker at the instance at the sample.");
    instance_utilisation =
        &family("gameday_instance_utilisation_ratio", Type::Gauge,
                "Busy worker time over workers times the interval; 0 when down.");
    instance_up = &family("gameday_instance_up", Type::Gauge, "1 when the instance is up.");
    probe_attempts = &family("gameday_probe_attempts", Type::Counter, "Probe requests sent.");
    probe_failures = &family("gameday_probe_failures", Type::Counter,
                             "Probe requests that failed: an error, or no answer in time.");
    fault_active = &family("gameday_fault_active", Type::Gauge,
                           "1 while the scenario's fault is active (ground truth, for the "
                           "facilitator only).");
    fault_active->truth = true;
    for (Family& f : families) f.history = history;
  }

  // The run's clock at the start and at every sample time.
  void tick(Time t) {
    if (elapsed->series.empty()) elapsed->gauge("", Time{}, "0");
    if (t <= latest) return;
    elapsed->gauge("", t, number(seconds_of(t.ns())));
    latest = t;
  }

  // Responses by result: "ok" or the error's cause, every result present from the start.
  static void add_responses(Family& f, Labels labels, Time t, std::uint64_t ok,
                            const eventlog::ErrorCounts& errors) {
    labels.emplace_back("result", "ok");
    f.count(labels_of(labels), t, ok);
    for (std::size_t c = 0; c < eventlog::error_cause_count; ++c) {
      labels.back().second = eventlog::error_cause_name(static_cast<eventlog::ErrorCause>(c));
      f.count(labels_of(labels), t, errors[c]);
    }
  }

  // The cumulative `_sum` (seconds) and `_count` of `ok` responses whose mean time was `mean`.
  static void add_sum_and_count(Family& f, const std::string& labels, Time t, Duration mean,
                                std::uint64_t ok) {
    f.accumulate(f.name + "_sum", labels, t, static_cast<std::uint64_t>(mean.ns()) * ok, 1e9);
    f.accumulate(f.name + "_count", labels, t, ok);
  }

  // A summary of the interval's successful responses: quantiles (NaN without one), and the
  // cumulative sum and count of their latencies.
  static void add_latency(Family& f, std::string_view key, std::string_view name, Time t,
                          std::uint64_t ok, const eventlog::LatencySummary& l) {
    for (const auto& [q, d] :
         {std::pair{"0.5", l.p50}, std::pair{"0.9", l.p90}, std::pair{"0.99", l.p99}})
      f.gauge(labels_of({{key, name}, {"quantile", q}}), t,
              ok == 0 ? "NaN" : number(seconds_of(d.ns())));
    add_sum_and_count(f, labels_of({{key, name}}), t, l.mean, ok);
  }

  // A histogram of the successful responses: cumulative buckets (`le` as Prometheus writes it,
  // "1.0" for a whole number), sum and count. Records written before buckets were kept have
  // none.
  static void add_buckets(Family& f, std::string_view key, std::string_view name, Time t,
                          const eventlog::LatencySummary& l, std::uint64_t ok,
                          const std::optional<eventlog::LatencyBuckets>& le) {
    if (!le) return;
    const std::string sample = f.name + "_bucket";
    for (std::size_t i = 0; i < le->size(); ++i) {
      std::string bound = number(eventlog::latency_bucket_le(i));
      if (bound.find('.') == std::string::npos) bound += ".0";
      f.accumulate(sample, labels_of({{key, name}, {"le", bound}}), t, (*le)[i]);
    }
    f.accumulate(sample, labels_of({{key, name}, {"le", "+Inf"}}), t, ok);
    add_sum_and_count(f, labels_of({{key, name}}), t, l.mean, ok);
  }
};

MetricSeries::MetricSeries(bool keep_history) : state_(std::make_unique<State>(keep_history)) {}
MetricSeries::~MetricSeries() = default;

void MetricSeries::on(const eventlog::Header& h) {
  const std::lock_guard lock(mutex_);
  state_->names = h.names;
  for (std::size_t i = 0; i < h.scenario.faults.size() && i < h.names.faults.size(); ++i)
    state_->fault_active->gauge(
        labels_of({{"fault", h.names.faults[i]},
                   {"kind", model::name_of(model::fault_kind_names, h.scenario.faults[i].kind)}}),
        Time{}, "0");
}

void MetricSeries::on(const eventlog::Event& e) {
  const auto* change = e.get<eventlog::FaultChange>();
  if (change == nullptr) return;
  const std::lock_guard lock(mutex_);
  const eventlog::NameTable& names = state_->names;
  if (change->fault.index() >= names.faults.size()) return;
  state_->fault_active->gauge(
      labels_of({{"fault", names.faults[change->fault.index()]},
                 {"kind", model::name_of(model::fault_kind_names, change->fault_kind)}}),
      e.t, e.kind == eventlog::EventKind::FaultStart ? "1" : "0");
}

void MetricSeries::on(const eventlog::ServiceSample& s) {
  const std::lock_guard lock(mutex_);
  State& x = *state_;
  x.tick(s.t);
  const std::string& name = x.names.services[s.service.index()];
  const std::string l = labels_of({{"service", name}});
  x.requests->count(l, s.t, s.requests);
  State::add_responses(*x.responses, {{"service", name}}, s.t, s.ok, s.errors);
  State::add_latency(*x.latency, "service", name, s.t, s.ok, s.latency);
  State::add_buckets(*x.duration, "service", name, s.t, s.latency, s.ok, s.latency_le);
  x.in_flight->gauge(l, s.t, std::to_string(s.in_flight));
  x.queue->gauge(l, s.t, std::to_string(s.queued));
  x.utilisation->gauge(l, s.t, number(s.utilisation));
  x.up->gauge(l, s.t, std::to_string(s.instances_up));
  x.retries->count(l, s.t, s.retries);
}

void MetricSeries::on(const eventlog::DependencySample& s) {
  const std::lock_guard lock(mutex_);
  State& x = *state_;
  x.tick(s.t);
  const eventlog::DependencyInfo& d = x.names.dependencies[s.dependency.index()];
  const std::string& caller = x.names.services[d.from.index()];
  const std::string& callee = x.names.services[d.to.index()];
  const std::string l = labels_of({{"caller", caller}, {"callee", callee}});
  x.calls->count(l, s.t, s.calls);
  x.attempts->count(l, s.t, s.attempts);
  State::add_responses(*x.call_results, {{"caller", caller}, {"callee", callee}}, s.t, s.ok,
                       s.errors);
}

void MetricSeries::on(const eventlog::SourceSample& s) {
  const std::lock_guard lock(mutex_);
  State& x = *state_;
  x.tick(s.t);
  const std::string& name = x.names.sources[s.source.index()];
  x.journey_requests->count(labels_of({{"journey", name}}), s.t, s.requests);
  State::add_responses(*x.journey_responses, {{"journey", name}}, s.t, s.ok, s.errors);
  State::add_latency(*x.journey_latency, "journey", name, s.t, s.ok, s.latency);
  State::add_buckets(*x.journey_duration, "journey", name, s.t, s.latency, s.ok, s.latency_le);
}

void MetricSeries::on(const eventlog::SloSample& s) {
  const std::lock_guard lock(mutex_);
  State& x = *state_;
  x.tick(s.t);
  const std::string l = labels_of({{"slo", x.names.slos[s.slo.index()]}});
  x.slo_valid->count(l, s.t, s.valid);
  x.slo_good->count(l, s.t, s.good);
}

void MetricSeries::on(const eventlog::InstanceSample& s) {
  const std::lock_guard lock(mutex_);
  State& x = *state_;
  x.tick(s.t);
  const eventlog::InstanceInfo& info = x.names.instances[s.instance.index()];
  const std::string version = eventlog::release_name(s.release);
  Labels labels{{"service", x.names.services[info.service.index()]},
                {"instance", info.name},
                {"zone", x.names.zones[info.zone.index()]},
                {"version", version}};
  const std::string l = labels_of(labels);
  x.instance_requests->count(l, s.t, s.requests);
  labels.emplace_back("result", "ok");
  x.instance_responses->count(labels_of(labels), s.t, s.ok);
  labels.back().second = "error";
  x.instance_responses->count(labels_of(labels), s.t, s.errors);
  State::add_sum_and_count(*x.instance_latency, l, s.t, s.latency_mean, s.ok);
  x.instance_in_flight->gauge(l, s.t, std::to_string(s.in_flight));
  x.instance_queue->gauge(l, s.t, std::to_string(s.queued));
  x.instance_utilisation->gauge(l, s.t, number(s.utilisation));
  x.instance_up->gauge(l, s.t, s.up ? "1" : "0");
}

void MetricSeries::on(const eventlog::ProbeSample& s) {
  const std::lock_guard lock(mutex_);
  State& x = *state_;
  x.tick(s.t);
  const std::string l = labels_of({{"probe", x.names.probes[s.probe.index()]}});
  x.probe_attempts->count(l, s.t, s.attempts);
  x.probe_failures->count(l, s.t, s.failures);
}

namespace {

std::string_view type_name(Type t) {
  switch (t) {
    case Type::Counter: return "counter";
    case Type::Gauge: return "gauge";
    case Type::Summary: return "summary";
    case Type::Histogram: return "histogram";
  }
  return "untyped";
}

}  // namespace

std::string MetricSeries::openmetrics_history(std::int64_t start_unix_ms) const {
  const std::lock_guard lock(mutex_);
  std::string out;
  for (const Family& f : state_->families) {
    if (f.truth) continue;
    out += "# TYPE " + f.name + ' ' + std::string(type_name(f.type)) + '\n';
    out += "# HELP " + f.name + ' ' + f.help + '\n';
    for (const Series* s : f.order)
      for (const auto& [t, value] : s->samples)
        out += s->sample + s->labels + ' ' + value + ' ' + timestamp(start_unix_ms, t) + '\n';
  }
  return out + "# EOF\n";
}

std::string MetricSeries::exposition(ExpositionFormat format, bool truth) const {
  const std::lock_guard lock(mutex_);
  const bool open = format == ExpositionFormat::OpenMetrics;
  std::string out;
  for (const Family& f : state_->families) {
    if ((f.truth && !truth) || f.order.empty()) continue;
    // The text format names a counter's family by its sample name; OpenMetrics without _total.
    const std::string family = f.type == Type::Counter && !open ? f.name + "_total" : f.name;
    out += "# HELP " + family + ' ' + f.help + '\n';
    out += "# TYPE " + family + ' ' + std::string(type_name(f.type)) + '\n';
    for (const Series* s : f.order)
      out += s->sample + s->labels + ' ' + s->samples.back().second + '\n';
  }
  return open ? out + "# EOF\n" : out;
}

std::string openmetrics_of(const Record& record, std::int64_t start_unix_ms) {
  MetricSeries series(true);
  series.on(record.header);
  for (const eventlog::ServiceSample& s : record.service_samples) series.on(s);
  for (const eventlog::DependencySample& s : record.dependency_samples) series.on(s);
  for (const eventlog::SourceSample& s : record.source_samples) series.on(s);
  for (const eventlog::SloSample& s : record.slo_samples) series.on(s);
  for (const eventlog::InstanceSample& s : record.instance_samples) series.on(s);
  for (const eventlog::ProbeSample& s : record.probe_samples) series.on(s);
  return series.openmetrics_history(start_unix_ms);
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

// The threshold rule's value as PromQL.
std::string threshold_value(const model::Scenario& s, const model::ThresholdRule& r) {
  using model::AlertMetric;
  const std::string counter_window = "[" + prometheus_duration(r.window) + "]";
  const auto increase_of = [&](const std::string& metric, std::string_view key,
                               std::string_view name, std::string_view extra = {}) {
    return "sum(increase(" + selector(metric, key, name, extra) + counter_window + "))";
  };
  if (r.subject == model::SubjectKind::Probe) {
    // Failures over attempts; a timeout can land in the window after its attempt, so the
    // failures count at most as many as the attempts (`a < b or b` is min(a, b)).
    const std::string& probe = s.monitoring.probes[r.probe.index()].name;
    const std::string attempts = increase_of("gameday_probe_attempts_total", "probe", probe);
    const std::string failures = increase_of("gameday_probe_failures_total", "probe", probe);
    return "(" + failures + " < " + attempts + " or " + attempts + ") / " + attempts;
  }
  const Subject subject =
      r.subject == model::SubjectKind::Service
          ? Subject{"gameday_service", "service", s.services[r.service.index()].name}
          : Subject{"gameday_journey", "journey", s.traffic[r.journey.index()].name};
  // The samples of the intervals ending in (t - w, t]: a gauge's range must leave out t - w.
  const std::string gauge_window =
      "[" + prometheus_duration(r.window - Duration::from_ns(1'000'000)) + "]";
  const auto increase = [&](const std::string& metric, std::string_view extra = {}) {
    return increase_of(subject.family + metric, subject.key, subject.name, extra);
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
             number(seconds_of(r.window.ns())) + ")";
    case AlertMetric::Saturation: return mean("gameday_service_utilisation_ratio");
    case AlertMetric::QueueDepth: return mean("gameday_service_queue_depth");
    case AlertMetric::InstancesUp:
      return "max(last_over_time(" +
             selector("gameday_service_instances_up", subject.key, subject.name) + gauge_window +
             "))";
    case AlertMetric::LatencyP50:
    case AlertMetric::LatencyP90:
    case AlertMetric::LatencyP95:
    case AlertMetric::LatencyP99:
      return "histogram_quantile(" + number(model::latency_quantile(r.metric)) + ", sum by (le) (" +
             "increase(" +
             selector(subject.family + "_request_duration_seconds_bucket", subject.key,
                      subject.name) +
             counter_window + ")))";
    case AlertMetric::ProbeFailureRatio: break;  // a probe's, answered above
  }
  GAMEDAY_ASSERT_MSG(false, "the loader lets only probes have probe_failure_ratio");
  return "";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> alert_labels(const model::Scenario& s,
                                                              const model::AlertRule& rule) {
  std::vector<std::pair<std::string, std::string>> labels = {
      {"severity", std::string(model::name_of(model::severity_names, rule.severity))}};
  if (rule.kind == model::AlertRule::Kind::BurnRate) {
    labels.emplace_back("slo", s.slos[rule.burn_rate.slo.index()].name);
    return labels;
  }
  const model::ThresholdRule& t = rule.threshold;
  switch (t.subject) {
    case model::SubjectKind::Service:
      labels.emplace_back("service", s.services[t.service.index()].name);
      break;
    case model::SubjectKind::Journey:
      labels.emplace_back("journey", s.traffic[t.journey.index()].name);
      break;
    case model::SubjectKind::Probe:
      labels.emplace_back("probe", s.monitoring.probes[t.probe.index()].name);
      break;
  }
  return labels;
}

std::string prometheus_rules_of(const model::Scenario& s) {
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
    if (rule.kind == model::AlertRule::Kind::BurnRate) {
      const model::BurnRateRule& b = rule.burn_rate;
      const model::SloSpec& slo = s.slos[b.slo.index()];
      const std::string limit = number(b.factor * model::allowed_error(slo));
      const std::string sel = "{slo=" + quoted(slo.name) + "}";
      record_ratio(slo, b.long_window);
      expr = ratio_record_name(b.long_window) + sel + " > " + limit;
      if (b.short_window.ns() > 0) {
        record_ratio(slo, b.short_window);
        expr += " and " + ratio_record_name(b.short_window) + sel + " > " + limit;
      }
    } else {
      const model::ThresholdRule& t = rule.threshold;
      expr = "(" + threshold_value(s, t) + ")" +
             (t.comparison == model::Comparison::Above ? " > " : " < ") + number(t.threshold);
    }
    alerts += "      - alert: " + yaml_quoted(rule.name) + "\n";
    alerts += "        expr: " + yaml_quoted(expr) + "\n";
    if (rule.for_duration.ns() > 0)
      alerts += "        for: " + prometheus_duration(rule.for_duration) + "\n";
    if (rule.keep_firing_for.ns() > 0)
      alerts += "        keep_firing_for: " + prometheus_duration(rule.keep_firing_for) + "\n";
    alerts += "        labels:\n";
    for (const auto& [key, value] : alert_labels(s, rule))
      alerts += "          " + key + ": " + yaml_quoted(value) + "\n";
    if (!rule.summary.empty())
      alerts += "        annotations:\n          summary: " +
                yaml_quoted(template_literal(rule.summary)) + "\n";
  }
  const bool none = records.empty() && alerts.empty();
  return "# Prometheus rules for the gameday scenario " + yaml_quoted(s.name) +
         ", written by `gameday export rules`.\n"
         "# They read the series of `gameday export openmetrics` (docs/prometheus.md).\n"
         "groups:\n  - name: " +
         yaml_quoted("gameday:" + s.name) +
         "\n    interval: " + prometheus_duration(s.monitoring.alerting.evaluation_interval) +
         "\n    rules:" + (none ? " []\n" : "\n" + records + alerts);
}

}  // namespace gameday::scoring

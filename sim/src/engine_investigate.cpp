// What a responder sees when they look: the monitoring's samples, alert states, health-check
// results, deploy history and log lines. Faults never appear here (only `!reveal` shows them);
// their effects do, as a real team would see them.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>

#include "engine.hpp"
#include "gameday/core/units.hpp"

namespace gameday::sim {
namespace {

std::string percent(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ratio < 0.001 && ratio > 0 ? "%.3f%%" : "%.1f%%", ratio * 100);
  return buf;
}

std::string latency(std::optional<Duration> d) {
  if (!d) return "-";
  char buf[32];
  const double ms = d->to_seconds() * 1000;
  std::snprintf(buf, sizeof buf, ms < 10 ? "%.1fms" : "%.0fms", ms);
  return buf;
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s + " ";
}

// One character per value, eight heights, from 0 to `top`: ratios use an absolute scale (top
// 1, so a flat 9 % stays low), counts and latencies the largest value shown, which the answer
// prints as the axis.
std::string sparkline(const std::vector<double>& values, double top) {
  static const char* const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (const double v : values)
    out += bars[top <= 0 ? 0 : std::clamp(static_cast<int>(v / top * 7.999), 0, 7)];
  return out;
}

double largest(const std::vector<double>& values) {
  double top = 0;
  for (const double v : values) top = std::max(top, v);
  return top;
}

// The service an alert rule is about, if it is about one service.
std::optional<std::uint32_t> alert_service(const Scenario& s, const AlertRule& a) {
  if (a.kind == AlertRule::Kind::Threshold) {
    const ThresholdRule& t = a.threshold;
    if (t.subject == SubjectKind::Service) return static_cast<std::uint32_t>(t.service.index());
    if (t.subject == SubjectKind::Journey)
      return static_cast<std::uint32_t>(s.traffic[t.journey.index()].to.index());
    return static_cast<std::uint32_t>(s.monitoring.probes[t.probe.index()].service.index());
  }
  const SloSpec& slo = s.slos[a.burn_rate.slo.index()];
  if (slo.journey) return static_cast<std::uint32_t>(s.traffic[slo.journey->index()].to.index());
  return static_cast<std::uint32_t>(slo.service.index());
}

// One line of a `metrics` answer: a label, the values charted on an axis from 0 to `top`, and
// what the last value says.
std::string chart(std::string label, const std::vector<double>& values, double top,
                  const std::string& now) {
  return pad(std::move(label), 10) + sparkline(values, top) + "  " + now + "\n";
}

// The requests chart's note: "29.0/s (axis 0 to 30.2/s)".
std::string rate_note(const std::vector<double>& rate) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f/s (axis 0 to %.1f/s)", rate.back(), largest(rate));
  return text;
}

// A chart of seconds' axis top, as a latency: "108ms".
std::string seconds_axis(double top) {
  return latency(Duration::from_ns(static_cast<std::int64_t>(top * 1e9)));
}

// The lines of `text` that contain `pattern`, ignoring case; all of them without a pattern.
std::string grep_lines(const std::string& text, const std::string& pattern) {
  if (pattern.empty()) return text;
  const auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string wanted = lower(pattern);
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);)
    if (lower(line).find(wanted) != std::string::npos) out += line + "\n";
  return out.empty() ? "no log line contains '" + pattern + "'\n" : out;
}

}  // namespace

void Engine::log_line(std::uint32_t service, std::string text) {
  std::deque<LogLine>& lines = logs_[service];
  lines.push_back({now(), std::move(text)});
  if (lines.size() > 50) lines.pop_front();
}

std::string Engine::answer(const Command& c) const {
  switch (c.verb) {
    case Verb::Status: return status_answer();
    case Verb::Alerts: return alerts_answer();
    case Verb::Metrics:
      if (c.subject.kind == Subject::Kind::Instance) return instance_metrics_answer(c.subject.id);
      return c.text.empty() ? metrics_answer(c.subject.id)
                            : metrics_by_answer(c.subject.id, c.text);
    case Verb::Deps: return deps_answer(c.subject.id);
    case Verb::Logs: return grep_lines(logs_answer(c.subject.id), c.text);
    case Verb::Deploys: return deploys_answer();
    case Verb::Describe: return describe_answer(c.subject.id);
    default: return "";
  }
}

std::string Engine::status_answer() const {
  std::ostringstream o;
  o << "at " << time_of_day_for_people(scenario_.start_time_of_day, now().since_start()) << " ("
    << instant_for_people(now().since_start()) << "); incident: ";
  if (incident_.resolved)
    o << "resolved";
  else if (incident_.declared)
    o << incident_.severity << (incident_.mitigated ? ", mitigated" : "");
  else
    o << "none declared";
  for (const auto& [person, role] : roles_) o << "; " << role << ": " << person;
  o << "\n"
    << pad("service", 18) << pad("up", 7) << pad("req/s", 8) << pad("errors", 8) << pad("p99", 8)
    << pad("busy", 6) << "alerts\n";
  std::vector<int> firing(services_.size(), 0);
  if (monitor_)
    for (const Monitor::ActiveAlert& a : monitor_->active_alerts())
      if (const auto s = alert_service(scenario_, scenario_.monitoring.alerts[a.id]); s && a.firing)
        ++firing[*s];
  for (std::uint32_t s = 0; s < services_.size(); ++s) {
    const ServiceRt& svc = services_[s];
    o << pad(svc.spec->name, 18);
    int up = 0;  // as health checks see it
    for (const std::uint32_t i : svc.instances) up += instances_[i].in_rotation ? 1 : 0;
    o << pad(std::to_string(up) + "/" + std::to_string(svc.instances.size()), 7);
    if (history_[s].empty()) {
      o << "(no samples yet)\n";
      continue;
    }
    const ServicePoint& p = history_[s].back();
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f",
                  static_cast<double>(p.requests) / scenario_.sample_interval.to_seconds());
    o << pad(rate, 8) << pad(percent(p.error_ratio), 8) << pad(latency(p.p99), 8)
      << pad(percent(p.utilisation).substr(0, percent(p.utilisation).find('.')) + "%", 6)
      << (firing[s] ? std::to_string(firing[s]) + " firing" : "") << "\n";
  }
  return o.str();
}

std::string Engine::alerts_answer() const {
  if (!monitor_) return "this scenario has no alert rules\n";
  std::ostringstream o;
  const auto active = monitor_->active_alerts();
  if (active.empty()) return "no alerts pending or firing\n";
  for (const Monitor::ActiveAlert& a : active) {
    const AlertRule& rule = scenario_.monitoring.alerts[a.id];
    o << pad(a.firing ? "FIRING" : "pending", 8) << pad(rule.name, 28)
      << pad(rule.severity == Severity::Page ? "page" : "ticket", 7) << "since "
      << time_of_day_for_people(scenario_.start_time_of_day, a.since.since_start()) << " ("
      << instant_for_people(a.since.since_start()) << ")" << (acked_[a.id] ? "  (acked)" : "")
      << (rule.summary.empty() ? "" : "\n         " + rule.summary) << "\n";
  }
  return o.str();
}

std::string Engine::metrics_answer(std::uint32_t service) const {
  const std::deque<ServicePoint>& h = history_[service];
  std::ostringstream o;
  o << services_[service].spec->name << ", last " << h.size() << " samples of "
    << duration_for_people(scenario_.sample_interval);
  if (h.empty()) return o.str() + "\n";
  o << ", " << instant_for_people((h.front().t - scenario_.sample_interval).since_start()) << " to "
    << instant_for_people(h.back().t.since_start()) << "\n";
  const double per_second = scenario_.sample_interval.to_seconds();
  std::vector<double> rate, errors, p99, busy;
  for (const ServicePoint& p : h) {
    rate.push_back(static_cast<double>(p.requests) / per_second);
    errors.push_back(p.error_ratio);
    p99.push_back(p.p99 ? p.p99->to_seconds() : 0);
    busy.push_back(p.utilisation);
  }
  const ServicePoint& last = h.back();
  const double p99_top = largest(p99);
  // The SLOs on this service: what "too many errors" and "too slow" mean here.
  std::string error_slo, latency_slo;
  for (const SloSpec& slo : scenario_.slos) {
    if (slo.journey || slo.service.index() != service) continue;
    if (slo.kind == SloSpec::Kind::Availability && error_slo.empty())
      error_slo = ", SLO allows " + percent(1 - slo.objective);
    if (slo.kind == SloSpec::Kind::Latency && latency_slo.empty())
      latency_slo = ", SLO threshold " + latency(slo.latency_threshold);
  }
  o << chart("requests", rate, largest(rate), rate_note(rate))
    << chart("errors", errors, 1, percent(last.error_ratio) + " (axis 0 to 100%" + error_slo + ")")
    << chart("p99", p99, p99_top,
             latency(last.p99) + " (axis 0 to " + seconds_axis(p99_top) + latency_slo + ")")
    << chart("busy", busy, 1, percent(last.utilisation) + " (axis 0 to 100%)") << "instances up "
    << last.up << ", queued " << last.queued << "\n";
  return o.str();
}

std::string Engine::instance_metrics_answer(std::uint32_t instance) const {
  const std::deque<eventlog::InstanceSample>& h = instance_history_[instance];
  std::ostringstream o;
  o << instance_name(scenario_, instance) << ", last " << h.size() << " samples of "
    << duration_for_people(scenario_.sample_interval);
  if (h.empty()) return o.str() + "\n";
  o << ", " << instant_for_people((h.front().t - scenario_.sample_interval).since_start()) << " to "
    << instant_for_people(h.back().t.since_start()) << "\n";
  std::vector<double> rate, errors, mean, busy;
  for (const eventlog::InstanceSample& s : h) {
    rate.push_back(static_cast<double>(s.requests) / scenario_.sample_interval.to_seconds());
    errors.push_back(
        s.ok + s.errors ? static_cast<double>(s.errors) / static_cast<double>(s.ok + s.errors) : 0);
    mean.push_back(s.latency_mean.to_seconds());
    busy.push_back(s.utilisation);
  }
  const eventlog::InstanceSample& last = h.back();
  const double mean_top = largest(mean);
  o << chart("requests", rate, largest(rate), rate_note(rate))
    << chart("errors", errors, 1, percent(errors.back()) + " (axis 0 to 100%)")
    << chart("mean", mean, mean_top,
             (last.ok ? latency(last.latency_mean) : "-") + " (axis 0 to " +
                 seconds_axis(mean_top) + ")")
    << chart("busy", busy, 1, percent(last.utilisation) + " (axis 0 to 100%)")
    << (last.up ? "up" : "down") << (instances_[instance].in_rotation ? "" : ", out of rotation")
    << ", zone " << scenario_.zones[instances_[instance].zone] << ", release "
    << eventlog::release_name(last.release) << ", queued " << last.queued << ", in flight "
    << last.in_flight << "\n";
  return o.str();
}

std::string Engine::metrics_by_answer(std::uint32_t service, std::string_view view) const {
  const ServiceRt& s = services_[service];
  // Per group (an instance, a release or a zone), per sample time: the instances' sums.
  struct Point {
    std::uint64_t requests = 0, ok = 0, errors = 0;
    double latency_ns = 0;  // summed over successes, for the mean
    int up = 0;
  };
  std::map<std::string, std::map<Time, Point>> groups;
  Time first = Time::max(), last;
  for (const std::uint32_t i : s.instances) {
    for (const eventlog::InstanceSample& smp : instance_history_[i]) {
      const std::string key = view == "instance" ? instance_name(scenario_, i)
                              : view == "zone"   ? scenario_.zones[instances_[i].zone]
                                                 : eventlog::release_name(smp.release);
      Point& p = groups[key][smp.t];
      p.requests += smp.requests;
      p.ok += smp.ok;
      p.errors += smp.errors;
      p.latency_ns += static_cast<double>(smp.latency_mean.ns()) * static_cast<double>(smp.ok);
      p.up += smp.up ? 1 : 0;
      first = std::min(first, smp.t);
      last = std::max(last, smp.t);
    }
  }
  std::ostringstream o;
  o << s.spec->name << " by " << view;
  if (groups.empty()) return o.str() + ": no samples yet\n";
  o << ", " << instant_for_people((first - scenario_.sample_interval).since_start()) << " to "
    << instant_for_people(last.since_start()) << " (samples of "
    << duration_for_people(scenario_.sample_interval) << ")\n";
  const std::size_t width = std::max<std::size_t>(10, s.spec->name.size() + 4);
  o << pad(std::string(view), width) << pad("errors, axis 0 to 100%", history_points + 2)
    << pad("now", 8) << pad("req/s", 9) << pad("mean", 9) << "up\n";
  for (const auto& [key, points] : groups) {
    std::vector<double> errors;
    for (const auto& [t, p] : points)
      errors.push_back(p.ok + p.errors
                           ? static_cast<double>(p.errors) / static_cast<double>(p.ok + p.errors)
                           : 0);
    const Point& now_point = points.rbegin()->second;
    const bool current = points.rbegin()->first == last;  // a release no instance runs now
    char rate[32];
    std::snprintf(
        rate, sizeof rate, "%.1f",
        current ? static_cast<double>(now_point.requests) / scenario_.sample_interval.to_seconds()
                : 0.0);
    const std::optional<Duration> mean =
        now_point.ok ? std::optional(Duration::from_ns(static_cast<std::int64_t>(
                           now_point.latency_ns / static_cast<double>(now_point.ok))))
                     : std::nullopt;
    // Padded by characters drawn: each of the chart's is several bytes.
    o << pad(key, width) << sparkline(errors, 1)
      << std::string(history_points + 2 - std::min(errors.size(), history_points), ' ')
      << pad(current ? percent(errors.back()) : "-", 8) << pad(rate, 9)
      << pad(current ? latency(mean) : "-", 9) << (current ? std::to_string(now_point.up) : "0")
      << "\n";
  }
  o << "errors: the share of the requests answered; mean: of the successful responses' times\n";
  return o.str();
}

std::string Engine::deps_answer(std::uint32_t service) const {
  const ServiceRt& s = services_[service];
  std::ostringstream o;
  if (s.dependencies.empty()) return s.spec->name + " calls nothing\n";
  o << pad("dependency", 30) << pad("calls/s", 8) << pad("failed", 8) << pad("p99", 8)
    << "breaker\n";
  for (const std::uint32_t di : s.dependencies) {
    const DependencyRt& d = dependencies_[di];
    std::uint64_t failed = 0;
    for (const std::uint64_t e : d.last_errors) failed += e;
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f",
                  static_cast<double>(d.last_calls) / scenario_.sample_interval.to_seconds());
    // Of the calls that ended in the interval: failures end later than they start, so
    // dividing by the calls started in it could pass 100 %.
    const std::uint64_t ended = d.last_ok + failed;
    const double ratio = ended ? static_cast<double>(failed) / static_cast<double>(ended) : 0;
    std::string breaker = d.spec->circuit_breaker ? "closed" : "-";
    if (d.breaker.state == CircuitState::Open) breaker = "OPEN";
    if (d.breaker.state == CircuitState::HalfOpen) breaker = "half-open";
    if (d.breaker_forced_open) breaker = "FORCED OPEN";
    o << pad(s.spec->name + "->" + scenario_.services[d.to].name, 30) << pad(rate, 8)
      << pad(percent(ratio), 8) << pad(latency(d.last_p99), 8) << breaker
      << (d.retries_off ? ", retries off" : "") << "\n";
  }
  return o.str();
}

// Why a connection to `service` failed, in the words a client's TLS or resolver library uses.
std::string Engine::connection_error(std::uint32_t service) const {
  const std::string& name = scenario_.services[service].name;
  for (const std::uint32_t i : services_[service].faults) {
    const FaultRt& f = faults_[i];
    if (!f.active) continue;
    if (f.spec->kind == FaultKind::CertificateExpiry)
      return "tls: failed to verify certificate for " + name +
             ": x509: certificate has expired or is not yet valid";
    if (f.spec->kind == FaultKind::DnsFailure) return "dial tcp: lookup " + name + ": no such host";
  }
  return "cannot connect to " + name;
}

std::string Engine::logs_answer(std::uint32_t service) const {
  const ServiceRt& s = services_[service];
  std::ostringstream o;
  const Time since = now() - minutes(10);
  for (const LogLine& l : logs_[service])
    if (l.t >= since)  // stamped with the time of day there, as a log line is
      o << time_of_day_for_people(scenario_.start_time_of_day, l.t.since_start()) << "  " << l.text
        << "\n";
  // The last interval's failed calls, as the service's error log would have them.
  for (const std::uint32_t di : s.dependencies) {
    const DependencyRt& d = dependencies_[di];
    const std::string& to = scenario_.services[d.to].name;
    for (std::size_t c = 0; c < d.last_errors.size(); ++c) {
      const std::uint64_t n = d.last_errors[c];
      if (n == 0) continue;
      // As a client library would log it: the status an HTTP server answers with, or the
      // client's own error when there was no answer.
      std::string what;
      switch (static_cast<ErrorCause>(c)) {
        case ErrorCause::Timeout:
          what = "context deadline exceeded calling " + to +
                 (d.spec->timeout ? " after " + duration_for_people(*d.spec->timeout) : "") +
                 " (504)";
          break;
        case ErrorCause::CircuitOpen: what = "circuit breaker open: not calling " + to; break;
        case ErrorCause::Rejected:
          what = to + " answered 503 Service Unavailable: overloaded";
          break;
        case ErrorCause::Unavailable: what = "no healthy upstream for " + to + " (503)"; break;
        case ErrorCause::Connection: what = connection_error(d.to); break;
        case ErrorCause::Injected: what = to + " answered 500 Internal Server Error"; break;
        case ErrorCause::Downstream:
          what = to + " answered 502 Bad Gateway: a call it made failed";
          break;
        default: what = "call to " + to + " failed"; break;
      }
      o << time_of_day_for_people(scenario_.start_time_of_day, last_sample_.since_start())
        << "  ERROR " << what << " (x" << n << " in the last "
        << duration_for_people(scenario_.sample_interval) << ")\n";
    }
  }
  const std::string text = o.str();
  return text.empty() ? s.spec->name + ": nothing logged in the last 10 minutes\n" : text;
}

std::string Engine::deploys_answer() const {
  std::ostringstream o;
  for (const FaultRt& f : faults_) {
    const FaultKind k = f.spec->kind;
    if ((k != FaultKind::BadDeploy && k != FaultKind::ConfigPush) || f.start_seq == 0) continue;
    const ServiceRt& s = services_[f.spec->target.service.index()];
    std::ptrdiff_t running = 0;
    for (const std::uint32_t i : s.instances)
      running += std::count(instances_[i].versions.begin(), instances_[i].versions.end(),
                            static_cast<std::uint32_t>(&f - faults_.data()));
    o << instant_for_people(f.started.since_start()) << "  " << s.spec->name << ": "
      << (k == FaultKind::BadDeploy ? "deploy of a new version" : "config change") << ", "
      << (f.active
              ? std::to_string(running) + "/" + std::to_string(s.instances.size()) + " instances"
              : "rolled back")
      << "\n";
  }
  const std::string text = o.str();
  return text.empty() ? "no deploys or config changes during this game\n" : text;
}

std::string Engine::describe_answer(std::uint32_t service) const {
  const ServiceRt& s = services_[service];
  const ServiceSpec& spec = *s.spec;
  std::ostringstream o;
  o << spec.name << ": " << s.instances.size() << " instances (room for " << spec.max_replicas
    << "), " << spec.workers << " workers each, queue "
    << (spec.queue ? std::to_string(*spec.queue) : "unbounded") << ", typical work "
    << latency(Duration::from_ns(static_cast<std::int64_t>(spec.service_time.mean()))) << "\n";
  o << "instances:";
  for (const std::uint32_t i : s.instances)
    o << " " << instance_name(scenario_, i) << "(" << scenario_.zones[instances_[i].zone]
      << (instances_[i].in_rotation ? "" : ", out of rotation") << ")";
  o << "\n";
  for (std::size_t k = 0; k < spec.calls.size(); ++k) {
    const CallSpec& c = spec.calls[k];
    const DependencyRt& d = dependencies_[s.dependencies[k]];
    o << "calls " << scenario_.service(c.to).name << ": timeout "
      << (c.timeout ? duration_for_people(*c.timeout) : "none") << ", retries "
      << (d.retries_off ? "off" : std::to_string(c.retries.max))
      << (c.circuit_breaker ? ", circuit breaker" : "")
      << (c.probability && *c.probability < 1 ? ", cached (misses " + percent(*c.probability) + ")"
                                              : "")
      << "\n";
  }
  return o.str();
}

std::string Engine::truth_answer() const {
  std::ostringstream o;
  o << "GROUND TRUTH at " << instant_for_people(now().since_start()) << ":\n";
  bool any = false;
  for (const FaultRt& f : faults_) {
    if (!f.active) continue;
    any = true;
    o << "  " << f.spec->name << " (" << fault_kind_name(f.spec->kind) << ") since "
      << instant_for_people(f.started.since_start())
      << (f.spec->until_action ? ", until: " + *f.spec->until_action : "") << "\n";
  }
  if (!any) o << "  no fault is active\n";
  return o.str();
}

}  // namespace gameday::sim

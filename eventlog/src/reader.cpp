// Reading a run record: text to Record, with a diagnostic for everything wrong in it.
//
// Invariants of a Record this returns: the header came first and has this build's format; seq
// increases strictly and t never decreases through the lines kept; every id indexes the
// header's name tables, so consumers may index vectors with them unchecked. Problems are
// values: nlohmann's exceptions and this file's LineError stop at the line they concern and
// become a diagnostic naming file and line, so no input, however broken, escapes as an
// exception or a crash. Unknown line types and unknown fields are skipped (forward
// compatibility); a truncated last line (a killed run) is dropped with a warning.
#include "gameday/eventlog/reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "gameday/core/input_file.hpp"
#include "gameday/core/units.hpp"
#include "gameday/model/names.hpp"
#include "gameday/model/scenario.hpp"
#include "json_read.hpp"
#include "scenario_json_read.hpp"

namespace gameday::eventlog {

namespace {

using namespace json_read;

// A span no run can have is refused here, so scoring and the viewer, which add and subtract
// times and durations, never overflow: every time and span in a record lies in 0..30 days.
std::string out_of_range(std::string_view key, std::int64_t ns, std::string_view range) {
  return "field " + in_quotes(key) + ": " + std::to_string(ns) + " ns is out of range (" +
         std::string(range) + ")";
}

Duration get_run_duration(const Json& j) {
  const Duration d = get_duration(j, "duration_ns");
  if (d.ns() <= 0 || d > model::limits::duration)
    fail(out_of_range(
        "duration_ns", d.ns(),
        "a run lasts more than 0 and at most " + format_duration(model::limits::duration)));
  return d;
}

Duration get_sample_interval(const Json& j) {
  const Duration d = get_duration(j, "sample_interval_ns");
  if (d < model::limits::sample_interval || d > model::limits::duration)
    fail(out_of_range("sample_interval_ns", d.ns(),
                      "at least " + format_duration(model::limits::sample_interval) +
                          " and at most " + format_duration(model::limits::duration)));
  return d;
}

// A latency or other span measured within the run: 0 up to the run's duration.
Duration get_span(const Json& j, std::string_view key, Duration run) {
  const Duration d = get_duration(j, key);
  if (d.ns() < 0 || d > run)
    fail(out_of_range(key, d.ns(), "0 up to the run's duration_ns, " + std::to_string(run.ns())));
  return d;
}

ErrorCause cause_from_name(std::string_view key, std::string_view name) {
  for (std::size_t i = 0; i < error_cause_count; ++i) {
    const auto c = static_cast<ErrorCause>(i);
    if (error_cause_name(c) == name) return c;
  }
  fail("field " + in_quotes(key) + ": unknown error cause " + in_quotes(name));
}

ErrorCounts get_errors(const Json& j) {
  const Json& e = member(j, "errors");
  if (!e.is_object()) fail_type("errors", "an object", e);
  ErrorCounts out{};
  for (std::size_t i = 0; i < error_cause_count; ++i) {
    const std::string_view name = error_cause_name(static_cast<ErrorCause>(i));
    const Json* v = optional_member(e, name);
    if (v == nullptr) fail("field 'errors' lacks the cause " + in_quotes(name));
    out[i] = as_uint("errors." + std::string(name), *v);
  }
  return out;
}

LatencySummary get_latency(const Json& j, Duration run) {
  return {get_span(j, "p50_ns", run), get_span(j, "p90_ns", run), get_span(j, "p99_ns", run),
          get_span(j, "max_ns", run), get_span(j, "mean_ns", run)};
}

// Cumulative bucket counts up to `total`; the bounds the array leaves out hold `total`.
std::optional<LatencyBuckets> get_latency_buckets(const Json& j, std::uint64_t total) {
  const Json* a = optional_member(j, "latency_le");
  if (a == nullptr) return std::nullopt;  // a record written before buckets were kept
  if (!a->is_array()) fail_type("latency_le", "an array", *a);
  if (a->size() > latency_bucket_count)
    fail("field 'latency_le' has " + std::to_string(a->size()) + " counts, more than the " +
         std::to_string(latency_bucket_count) + " buckets");
  LatencyBuckets out;
  out.fill(total);
  std::uint64_t before = 0;
  for (std::size_t i = 0; i < a->size(); ++i) {
    out[i] = as_uint("latency_le", (*a)[i]);
    if (out[i] < before || out[i] > total)
      fail("field 'latency_le' must rise to at most 'ok' (" + std::to_string(total) + "), got " +
           std::to_string(out[i]) + " at bucket " + std::to_string(i));
    before = out[i];
  }
  return out;
}

CircuitState get_circuit(const Json& j) {
  const std::string& name = get_string(j, "circuit");
  for (CircuitState s : {CircuitState::Closed, CircuitState::Open, CircuitState::HalfOpen}) {
    if (circuit_state_name(s) == name) return s;
  }
  fail("field 'circuit': unknown circuit state " + in_quotes(name));
}

NameTable get_names(const Json& j) {
  NameTable n;
  n.zones = get_strings(j, "zones");
  n.services = get_strings(j, "services");
  for (const Json& i : get_array(j, "instances")) {
    if (!i.is_object()) fail_type("instances[]", "an object", i);
    n.instances.push_back({get_string(i, "name"),
                           get_id<ServiceId>(i, "service", n.services.size(), "services"),
                           get_id<ZoneId>(i, "zone", n.zones.size(), "zones")});
    if (const Json* s = optional_member(i, "standby"); s != nullptr && s->is_boolean())
      n.instances.back().standby = s->get<bool>();
  }
  for (const Json& d : get_array(j, "dependencies")) {
    if (!d.is_object()) fail_type("dependencies[]", "an object", d);
    n.dependencies.push_back({get_id<ServiceId>(d, "from", n.services.size(), "services"),
                              get_id<ServiceId>(d, "to", n.services.size(), "services")});
  }
  n.sources = get_strings(j, "sources");
  n.slos = get_strings(j, "slos");
  n.faults = get_strings(j, "faults");
  n.alerts = get_strings(j, "alerts");
  n.probes = get_strings(j, "probes");
  return n;
}

// Deepest bracket nesting of a JSON text, without recursion: serializing a value recurses,
// so a hostile header must be refused before its scenario is dumped.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // skip the escaped character, which may be a quote
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// The header's name tables and its scenario name the same things in the same order, so an id
// in a sample indexes both: a record where they differ was not written by gameday.
void check_names_match(const Header& h) {
  const model::Scenario& s = h.scenario;
  const auto check = [](std::string_view table, const std::vector<std::string>& names,
                        const auto& items, auto name_of) {
    bool same = names.size() == items.size();
    for (std::size_t i = 0; same && i < names.size(); ++i) same = names[i] == name_of(items[i]);
    if (!same)
      fail("the name table " + in_quotes(table) + " does not match the scenario's " +
           std::string(table));
  };
  check("zones", h.names.zones, s.zones, [](const std::string& z) { return z; });
  check("services", h.names.services, s.services, [](const auto& v) { return v.name; });
  check("sources", h.names.sources, s.traffic, [](const auto& v) { return v.name; });
  check("slos", h.names.slos, s.slos, [](const auto& v) { return v.name; });
  check("faults", h.names.faults, s.faults, [](const auto& v) { return v.name; });
  check("alerts", h.names.alerts, s.monitoring.alerts, [](const auto& v) { return v.name; });
  check("probes", h.names.probes, s.monitoring.probes, [](const auto& v) { return v.name; });
}

template <class Line>
void set_time_and_seq(Line& line, Time t, std::uint64_t seq) {
  line.t = t;
  line.seq = seq;
}

constexpr std::size_t max_header_depth = 256;
constexpr std::size_t max_errors = 100;

}  // namespace

namespace {

// One pass over a record's lines. Per-line problems are collected; problems that make the
// rest unreadable (no header, wrong format) stop the pass.
class RecordParser {
 public:
  RecordParser(const std::string& label, Diagnostics& diags) : label_(label), diags_(diags) {}
  std::optional<Record> run(std::string_view text);

 private:
  enum class Step : std::uint8_t { Continue, Stop };
  Step take_line(std::string_view line, int number, bool unterminated);
  void read_header(const Json& j, std::string_view line);
  void read_line(const Json& j, const std::string& type, int number);
  Time check_order(const Json& j);
  void error(int line, int column, std::string message) {
    ++errors_;
    diags_.error({label_, line, column}, "", std::move(message));
  }
  void warning(int line, std::string message) {
    diags_.warning({label_, line, 0}, "", std::move(message));
  }
  // Warns about `name` the first time it is seen in `seen`.
  void warn_once(std::vector<std::string>& seen, const std::string& name, int line,
                 std::string message) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) return;
    seen.push_back(name);
    warning(line, std::move(message));
  }

  const std::string& label_;
  Diagnostics& diags_;
  Record record_;
  bool have_header_ = false;
  bool have_end_ = false;
  std::uint64_t last_seq_ = 0;
  Time last_t_;
  std::vector<std::string> unknown_types_;
  std::vector<std::string> unknown_kinds_;
  std::size_t errors_ = 0;
};

std::optional<Record> RecordParser::run(std::string_view text) {
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    ++number;
    const std::size_t nl = text.find('\n', pos);
    const bool unterminated = nl == std::string_view::npos;
    std::string_view line = text.substr(pos, (unterminated ? text.size() : nl) - pos);
    pos = unterminated ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank
    if (take_line(line, number, unterminated) == Step::Stop) return std::nullopt;
    if (errors_ >= max_errors) {
      error(number, 0, "too many errors; stopped reading");
      return std::nullopt;
    }
  }
  if (!have_header_) {
    error(number, 0,
          text.empty() ? "empty file: not a gameday record" : "not a gameday record: no header");
    return std::nullopt;
  }
  if (errors_ > 0) return std::nullopt;
  return std::move(record_);
}

RecordParser::Step RecordParser::take_line(std::string_view line, int number, bool unterminated) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const Json::exception& e) {
    if (unterminated) {
      warning(number, "truncated last line " + std::to_string(number) +
                          " dropped; the run was probably killed while writing");
      return Step::Continue;
    }
    int column = 0;
    if (const auto* pe = dynamic_cast<const Json::parse_error*>(&e)) {
      column = static_cast<int>(std::min<std::size_t>(pe->byte, line.size() + 1));
    }
    std::string what = e.what();
    if (const auto cut = what.find("] "); cut != std::string::npos) what.erase(0, cut + 2);
    if (!have_header_) {
      error(number, column, "not a gameday record: the line is not JSON (" + what + ")");
      return Step::Stop;
    }
    error(number, column, "not valid JSON: " + what);
    return Step::Continue;
  }
  const Json* type = j.is_object() ? optional_member(j, "type") : nullptr;
  if (!have_header_ && (type == nullptr || !type->is_string() || *type != "header")) {
    error(number, 0, "not a gameday record: the first line is not a header");
    return Step::Stop;
  }
  try {
    if (type == nullptr) fail(j.is_object() ? "missing required field 'type'" : "not an object");
    const std::string& name = as_string("type", *type);
    if (have_header_) {
      read_line(j, name, number);
      return Step::Continue;
    }
    read_header(j, line);
    return Step::Continue;
  } catch (const LineError& e) {
    error(number, 0, e.message);
  } catch (const Json::exception& e) {
    error(number, 0, e.what());
  } catch (const std::exception& e) {  // bad_alloc from a huge line, say
    error(number, 0, e.what());
  }
  return have_header_ ? Step::Continue : Step::Stop;
}

void RecordParser::read_header(const Json& j, std::string_view line) {
  const Json& format = member(j, "format");
  if (!format.is_number_integer()) fail_type("format", "an integer", format);
  if (format != format_version) {
    std::string writer;
    if (const Json* v = optional_member(j, "tool_version"); v != nullptr && v->is_string()) {
      writer = " (gameday " + v->get<std::string>() + ")";
    }
    fail("record format " + format.dump() + " is not supported by this gameday (reads format " +
         std::to_string(format_version) + "); read it with the version that wrote it" + writer);
  }
  Header h;
  last_seq_ = get_uint(j, "seq");
  h.tool_version = get_string(j, "tool_version");
  h.scenario_name = get_string(j, "scenario_name");
  h.scenario_hash = get_string(j, "scenario_hash");
  h.seed = get_uint(j, "seed");
  h.duration = get_run_duration(j);
  h.sample_interval = get_sample_interval(j);
  h.names = get_names(j);
  // Absent in records written before responders existed: nobody responded to those.
  if (const Json* r = optional_member(j, "responders"); r != nullptr && r->is_string())
    h.responders = r->get<std::string>();
  if (nesting_depth(line) > max_header_depth) fail("field 'scenario' is nested too deeply");
  h.scenario = at_path("scenario", [&] { return read_scenario(member(j, "scenario")); });
  check_names_match(h);
  record_.header = std::move(h);
  have_header_ = true;
}

// Checks seq and t against the previous line; returns t.
Time RecordParser::check_order(const Json& j) {
  const std::uint64_t seq = get_uint(j, "seq");
  const Time t = get_time(j, "t");
  if (seq <= last_seq_) {
    fail("seq " + std::to_string(seq) + " does not increase (the line before has seq " +
         std::to_string(last_seq_) + ")");
  }
  last_seq_ = seq;
  if (t.since_start() > record_.header.duration) {
    fail("t " + std::to_string(t.ns()) + " ns is after the end of the run (duration_ns " +
         std::to_string(record_.header.duration.ns()) + " in the header)");
  }
  if (t < last_t_) {
    fail("time went backwards: t " + std::to_string(t.ns()) + " ns is before the line before (" +
         std::to_string(last_t_.ns()) + " ns)");
  }
  last_t_ = t;
  return t;
}

ServiceSample read_service_sample(const Json& j, const Header& h) {
  ServiceSample s;
  s.service = get_id<ServiceId>(j, "service", h.names.services.size(), "services");
  s.requests = get_uint(j, "requests");
  s.ok = get_uint(j, "ok");
  s.errors = get_errors(j);
  s.latency = get_latency(j, h.duration);
  s.latency_le = get_latency_buckets(j, s.ok);
  s.in_flight = get_int(j, "in_flight");
  s.queued = get_int(j, "queued");
  s.utilisation = get_number(j, "utilisation");
  s.instances_up = get_int(j, "instances_up");
  s.retries = get_uint(j, "retries");
  return s;
}

DependencySample read_dependency_sample(const Json& j, const Header& h) {
  DependencySample s;
  s.dependency = get_id<DependencyId>(j, "dependency", h.names.dependencies.size(), "dependencies");
  s.calls = get_uint(j, "calls");
  s.attempts = get_uint(j, "attempts");
  s.ok = get_uint(j, "ok");
  s.errors = get_errors(j);
  s.retries = get_uint(j, "retries");
  s.latency = get_latency(j, h.duration);
  s.circuit = get_circuit(j);
  return s;
}

SourceSample read_source_sample(const Json& j, const Header& h) {
  SourceSample s;
  s.source = get_id<SourceId>(j, "source", h.names.sources.size(), "sources");
  s.requests = get_uint(j, "requests");
  s.ok = get_uint(j, "ok");
  s.errors = get_errors(j);
  s.latency = get_latency(j, h.duration);
  s.latency_le = get_latency_buckets(j, s.ok);
  return s;
}

// One service's instances at one time: parallel arrays, one item per instance.
std::vector<InstanceSample> read_instance_samples(const Json& j, const Header& h) {
  const auto service = get_id<ServiceId>(j, "service", h.names.services.size(), "services");
  const Json& ids = get_array(j, "instances");
  const auto column = [&](std::string_view key) -> const Json& {
    const Json& a = get_array(j, key);
    if (a.size() != ids.size())
      fail("field " + in_quotes(key) + " has " + std::to_string(a.size()) + " items for " +
           std::to_string(ids.size()) + " instances");
    return a;
  };
  const Json &requests = column("requests"), &ok = column("ok"), &errors = column("errors"),
             &latency = column("latency_mean_ns"), &in_flight = column("in_flight"),
             &queued = column("queued"), &utilisation = column("utilisation"), &up = column("up");
  const Json* release = optional_member(j, "release") ? &column("release") : nullptr;
  std::vector<InstanceSample> out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    InstanceSample& s = out[i];
    const std::uint64_t id = as_uint("instances", ids[i]);
    if (id >= h.names.instances.size() || h.names.instances[id].service != service)
      fail("field 'instances': " + std::to_string(id) + " is not an instance of service " +
           std::to_string(service.value()));
    s.instance = InstanceId{static_cast<std::uint32_t>(id)};
    s.requests = as_uint("requests", requests[i]);
    s.ok = as_uint("ok", ok[i]);
    s.errors = as_uint("errors", errors[i]);
    s.latency_mean =
        Duration::from_ns(static_cast<std::int64_t>(as_uint("latency_mean_ns", latency[i])));
    if (s.latency_mean > h.duration) fail("field 'latency_mean_ns' is beyond the run");
    s.in_flight = static_cast<std::int64_t>(as_uint("in_flight", in_flight[i]));
    s.queued = static_cast<std::int64_t>(as_uint("queued", queued[i]));
    if (!utilisation[i].is_number()) fail_type("utilisation", "a number", utilisation[i]);
    s.utilisation = utilisation[i].get<double>();
    if (!up[i].is_boolean()) fail_type("up", "true or false", up[i]);
    s.up = up[i].get<bool>();
    if (release) {
      const std::uint64_t r = as_uint("release", (*release)[i]);
      if (r > h.scenario.faults.size())
        fail("field 'release': " + std::to_string(r) + " is more than the scenario's " +
             std::to_string(h.scenario.faults.size()) + " faults");
      s.release = static_cast<std::uint32_t>(r);
    }
  }
  return out;
}

ProbeSample read_probe_sample(const Json& j, const NameTable& names) {
  ProbeSample s;
  s.probe = get_id<ProbeId>(j, "probe", names.probes.size(), "probes");
  s.attempts = get_uint(j, "attempts");
  s.failures = get_uint(j, "failures");  // a timeout can fall in the interval after its attempt
  return s;
}

SloSample read_slo_sample(const Json& j, const NameTable& names) {
  SloSample s;
  s.slo = get_id<SloId>(j, "slo", names.slos.size(), "slos");
  s.valid = get_uint(j, "valid");
  s.good = get_uint(j, "good");
  if (s.good > s.valid) fail("good " + std::to_string(s.good) + " exceeds valid");
  return s;
}

Trace read_trace(const Json& j, const Header& h) {
  Trace tr;
  tr.source = get_id<SourceId>(j, "source", h.names.sources.size(), "sources");
  tr.arrival = Time::zero() + get_span(j, "arrival", h.duration);
  tr.latency = get_span(j, "latency_ns", h.duration);
  if (const Json* e = optional_member(j, "error")) {
    tr.error = cause_from_name("error", as_string("error", *e));
  }
  return tr;
}

End read_end(const Json& j) {
  End e;
  e.reason = get_string(j, "reason");
  e.kernel_events = get_uint(j, "kernel_events");
  e.requests = get_uint(j, "requests");
  return e;
}

template <class T>
constexpr std::size_t index_of = event_data_index<T>;

std::optional<double> optional_number(const Json& j, std::string_view key) {
  if (optional_member(j, key) == nullptr) return std::nullopt;
  return get_number(j, key);
}

std::string optional_string(const Json& j, std::string_view key) {
  const Json* v = optional_member(j, key);
  return v == nullptr ? std::string() : as_string(key, *v);
}

template <class E, std::size_t N>
E get_name(const Json& j, std::string_view key, const model::EnumName<E> (&table)[N]) {
  const std::string& name = get_string(j, key);
  if (const auto v = model::value_of(table, name)) return *v;
  fail("field " + in_quotes(key) + ": unknown value " + in_quotes(name));
}

// The payload of an event of `kind`, each id checked against the header's tables.
EventData read_event_data(const Json& j, const EventKindInfo& kind, const NameTable& names) {
  const auto instance = [&] {
    return get_id<InstanceId>(j, "instance", names.instances.size(), "instances");
  };
  switch (kind.data) {
    case index_of<FaultChange>: {
      FaultChange d{get_id<FaultId>(j, "fault", names.faults.size(), "faults"),
                    get_name(j, "fault_kind", model::fault_kind_names), std::nullopt};
      if (optional_member(j, "instance") != nullptr) d.instance = instance();
      return d;
    }
    case index_of<InstanceChange>: return InstanceChange{instance()};
    case index_of<CircuitChange>:
      return CircuitChange{
          get_id<DependencyId>(j, "dependency", names.dependencies.size(), "dependencies"),
          optional_number(j, "failure_ratio")};
    case index_of<AlertChange>:
      return AlertChange{get_id<AlertId>(j, "alert", names.alerts.size(), "alerts"),
                         get_name(j, "severity", model::severity_names),
                         optional_number(j, "value"), optional_number(j, "short_value")};
    case index_of<Notification>:
      return Notification{get_id<AlertId>(j, "alert", names.alerts.size(), "alerts"),
                          get_int(j, "alerts"), get_string(j, "group")};
    case index_of<CommandIssued>: {
      CommandIssued d{get_string(j, "responder"),  optional_string(j, "role"),
                      get_string(j, "text"),       get_string(j, "verb"),
                      optional_string(j, "error"), std::nullopt};
      if (optional_member(j, "wall_time") != nullptr) d.wall_time = get_string(j, "wall_time");
      return d;
    }
    default: return ActionTookEffect{get_string(j, "action"), get_string(j, "verb")};
  }
}

void RecordParser::read_line(const Json& j, const std::string& type, int number) {
  if (type == "header") fail("a second header line");
  if (have_end_) fail("a line after the end line");
  const bool known = type == "event" || type == "service_sample" || type == "dependency_sample" ||
                     type == "source_sample" || type == "slo_sample" ||
                     type == "instance_samples" || type == "probe_sample" || type == "trace" ||
                     type == "end";
  if (!known) {
    // Forward compatibility: a newer writer may add line types.
    warn_once(unknown_types_, type, number,
              "unknown line type " + in_quotes(type) +
                  " skipped (written by a newer gameday?); later lines of this type are "
                  "skipped silently");
    return;
  }
  const NameTable& names = record_.header.names;
  const Time t = check_order(j);
  const std::uint64_t seq = last_seq_;
  if (type == "event") {
    std::optional<std::uint64_t> cause;
    if (const Json* c = optional_member(j, "cause")) cause = as_uint("cause", *c);
    if (cause && *cause >= seq) {
      fail("cause " + std::to_string(*cause) + " does not name an earlier line");
    }
    const std::string& name = get_string(j, "kind");
    const std::optional<EventKind> kind = find_event_kind(name);
    if (!kind) {
      // Forward compatibility, as for line types: a newer writer may add event kinds.
      warn_once(unknown_kinds_, name, number,
                "unknown event kind " + in_quotes(name) +
                    " skipped (written by a newer gameday?); later events of this kind are "
                    "skipped silently");
      return;
    }
    record_.events.emplace_back(t, *kind, read_event_data(j, event_kind_info(*kind), names), cause);
    record_.events.back().seq = seq;
  } else if (type == "service_sample") {
    record_.service_samples.push_back(read_service_sample(j, record_.header));
    set_time_and_seq(record_.service_samples.back(), t, seq);
  } else if (type == "dependency_sample") {
    record_.dependency_samples.push_back(read_dependency_sample(j, record_.header));
    set_time_and_seq(record_.dependency_samples.back(), t, seq);
  } else if (type == "source_sample") {
    record_.source_samples.push_back(read_source_sample(j, record_.header));
    set_time_and_seq(record_.source_samples.back(), t, seq);
  } else if (type == "slo_sample") {
    record_.slo_samples.push_back(read_slo_sample(j, names));
    set_time_and_seq(record_.slo_samples.back(), t, seq);
  } else if (type == "instance_samples") {
    for (InstanceSample& s : read_instance_samples(j, record_.header)) {
      set_time_and_seq(s, t, seq);
      record_.instance_samples.push_back(s);
    }
  } else if (type == "probe_sample") {
    record_.probe_samples.push_back(read_probe_sample(j, names));
    set_time_and_seq(record_.probe_samples.back(), t, seq);
  } else if (type == "trace") {
    record_.traces.push_back(read_trace(j, record_.header));
    set_time_and_seq(record_.traces.back(), t, seq);
  } else {
    record_.end = read_end(j);
    set_time_and_seq(*record_.end, t, seq);
    have_end_ = true;
  }
}

}  // namespace

std::optional<Record> parse_record(std::string_view text, const std::string& label,
                                   Diagnostics& diags) {
  return RecordParser(label, diags).run(text);
}

namespace {

// Refuses what cannot be a record before opening it: a FIFO would block the reader, a device
// such as /dev/zero never ends, and a file over the limit would not fit in memory.
bool is_readable_record_file(const std::string& label, Diagnostics& diags) {
  const auto refused = check_input_file(label, record_bytes_max);
  if (refused) diags.error({label, 0, 0}, "", "cannot read the record: " + *refused);
  return !refused;
}

}  // namespace

std::optional<Record> read_record(const std::string& path, Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path file(path);
  if (fs::is_directory(file, ec)) {
    file /= "events.jsonl";
    if (!fs::exists(file, ec)) {
      diags.error({path, 0, 0}, "", "no events.jsonl in this run folder");
      return std::nullopt;
    }
  }
  const std::string label = file.string();
  if (!is_readable_record_file(label, diags)) return std::nullopt;
  std::FILE* f = std::fopen(label.c_str(), "rb");
  if (f == nullptr) {
    diags.error({label, 0, 0}, "", std::string("cannot open the record: ") + std::strerror(errno));
    return std::nullopt;
  }
  std::string text;
  char chunk[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
  const bool read_failed = std::ferror(f) != 0;
  std::fclose(f);
  if (read_failed) {
    diags.error({label, 0, 0}, "", "cannot read the record");
    return std::nullopt;
  }
  return parse_record(text, label, diags);
}

}  // namespace gameday::eventlog

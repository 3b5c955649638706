// RecordWriter: formats record lines into a buffer and writes them out in large chunks.
//
// Invariants: line N carries seq N (the header is line 0); each line is one JSON object on one
// line, "type" first, then "seq", then "t" where the line has a time; times never go
// backwards (asserted). Keys are written in the order schema.cpp documents them. The buffer is
// written to the FILE when a line starts a simulated minute later than the last flushed one,
// when it passes 1 MiB, and on flush() and close(); with no FILE it only grows. Samples are on
// the simulator's hot path, so their lines are appended with literal keys and std::to_chars,
// reusing the buffer's capacity: no iostreams and no allocation per line once it has grown.
#include "gameday/eventlog/writer.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <utility>

#include "gameday/core/assert.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/eventlog/json_writer.hpp"
#include "gameday/eventlog/scenario_json.hpp"
#include "gameday/eventlog/sink.hpp"
#include "gameday/model/names.hpp"

namespace gameday::eventlog {

namespace {

constexpr std::size_t flush_bytes = std::size_t{1} << 20;
constexpr std::int64_t ns_per_minute = 60'000'000'000;

// Appends the members of one line straight into the buffer. Keys passed to it are literals
// from this file that need no escaping.
class Line {
 public:
  Line(std::string& out, std::string_view type, std::uint64_t seq) : out_(out) {
    out_ += "{\"type\":\"";
    out_ += type;
    out_ += "\",\"seq\":";
    append_number(seq);
  }

  void key(std::string_view k) {
    out_ += ",\"";
    out_ += k;
    out_ += "\":";
  }
  template <class Int>
  void integer(std::string_view k, Int v) {
    key(k);
    append_number(v);
  }
  void time(std::string_view k, Time t) { integer(k, t.ns()); }
  void duration(std::string_view k, Duration d) { integer(k, d.ns()); }
  void number(std::string_view k, double v) {
    key(k);
    append_double(v);
  }
  void string(std::string_view k, std::string_view v) {
    key(k);
    append_json_string(out_, v);
  }
  // A JSON array of `value(item)` for each item: whole numbers, doubles or booleans.
  template <class Items, class Value>
  void list(std::string_view k, const Items& items, Value value) {
    key(k);
    out_ += '[';
    bool first = true;
    for (const auto& item : items) {
      if (!first) out_ += ',';
      first = false;
      const auto v = value(item);
      if constexpr (std::is_same_v<decltype(v), const bool>)
        out_ += v ? "true" : "false";
      else if constexpr (std::is_floating_point_v<decltype(v)>)
        append_double(v);
      else
        append_number(v);
    }
    out_ += ']';
  }
  void errors(const ErrorCounts& counts) {
    key("errors");
    out_ += '{';
    for (std::size_t i = 0; i < error_cause_count; ++i) {
      if (i > 0) out_ += ',';
      append_json_string(out_, error_cause_name(static_cast<ErrorCause>(i)));
      out_ += ':';
      append_number(counts[i]);
    }
    out_ += '}';
  }
  void latency(const LatencySummary& l) {
    duration("p50_ns", l.p50);
    duration("p90_ns", l.p90);
    duration("p99_ns", l.p99);
    duration("max_ns", l.max);
    duration("mean_ns", l.mean);
  }
  // Cumulative bucket counts, written up to the first that holds all `total` responses: the
  // rest repeat it, and most latencies sit in the lower buckets.
  void buckets(std::string_view name, const LatencyBuckets& le, std::uint64_t total) {
    key(name);
    out_ += '[';
    for (std::size_t i = 0; i < le.size(); ++i) {
      if (i > 0) out_ += ',';
      append_number(le[i]);
      if (le[i] == total) break;
    }
    out_ += ']';
  }
  void close() { out_ += '}'; }

  template <class Int>
  void append_number(Int v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
  }
  void append_double(double v) {
    if (!std::isfinite(v)) {
      out_ += "null";
      return;
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
  }
  // Event fields keep their C++ type through a round trip: a double always shows a fraction
  // or an exponent, so a reader does not take 2.0 for the integer 2.
  void append_event_double(double v) {
    const std::size_t start = out_.size();
    append_double(v);
    if (!std::isfinite(v)) return;
    if (out_.find_first_of(".e", start) == std::string::npos) out_ += ".0";
  }

 private:
  std::string& out_;
};

// Each payload's fields, in the order schema.cpp documents them. Event numbers always show a
// fraction or an exponent, so a reader does not take 2.0 for the integer 2.
struct WriteEventData {
  Line& line;

  void event_number(std::string_view k, const std::optional<double>& v) {
    if (!v) return;
    line.key(k);
    line.append_event_double(*v);
  }
  void operator()(const FaultChange& d) {
    line.integer("fault", d.fault.value());
    line.string("fault_kind", model::fault_kind_name(d.fault_kind));
    if (d.instance) line.integer("instance", d.instance->value());
  }
  void operator()(const InstanceChange& d) { line.integer("instance", d.instance.value()); }
  void operator()(const CircuitChange& d) {
    line.integer("dependency", d.dependency.value());
    event_number("failure_ratio", d.failure_ratio);
  }
  void operator()(const AlertChange& d) {
    line.integer("alert", d.alert.value());
    line.string("severity", model::name_of(model::severity_names, d.severity));
    event_number("value", d.value);
    event_number("short_value", d.short_value);
  }
  void operator()(const Notification& d) {
    line.integer("alert", d.alert.value());
    line.integer("alerts", d.alerts);
    line.string("group", d.group);
  }
  void operator()(const CommandIssued& d) {
    line.string("responder", d.responder);
    if (!d.role.empty()) line.string("role", d.role);
    line.string("text", d.text);
    line.string("verb", d.verb);
    if (!d.error.empty()) line.string("error", d.error);
    if (d.wall_time) line.string("wall_time", *d.wall_time);
  }
  void operator()(const ActionTookEffect& d) {
    line.string("action", d.action);
    line.string("verb", d.verb);
  }
};

void write_string_array(JsonWriter& w, std::string_view k, const std::vector<std::string>& v) {
  w.key(k);
  w.begin_array();
  for (const std::string& s : v) w.value(s);
  w.end_array();
}

void write_names(JsonWriter& w, const NameTable& names) {
  write_string_array(w, "zones", names.zones);
  write_string_array(w, "services", names.services);
  w.key("instances");
  w.begin_array();
  for (const InstanceInfo& i : names.instances) {
    w.begin_object();
    w.field("name", i.name);
    w.field("service", i.service.value());
    w.field("zone", i.zone.value());
    if (i.standby) w.field("standby", true);
    w.end_object();
  }
  w.end_array();
  w.key("dependencies");
  w.begin_array();
  for (const DependencyInfo& d : names.dependencies) {
    w.begin_object();
    w.field("from", d.from.value());
    w.field("to", d.to.value());
    w.end_object();
  }
  w.end_array();
  write_string_array(w, "sources", names.sources);
  write_string_array(w, "slos", names.slos);
  write_string_array(w, "faults", names.faults);
  write_string_array(w, "alerts", names.alerts);
  write_string_array(w, "probes", names.probes);
}

}  // namespace

RecordWriter::RecordWriter(std::FILE* file) : file_(file) {
  if (file_ != nullptr) buffer_.reserve(flush_bytes + 64 * 1024);
}

std::optional<RecordWriter> RecordWriter::open(const std::string& path, std::string& error) {
  FileResult opened;  // never through a symbolic link
  std::FILE* f = open_output_stream(path, OpenMode::Truncate, opened);
  if (f == nullptr) {
    error = opened.message;
    return std::nullopt;
  }
  return std::optional<RecordWriter>(std::in_place, f);
}

RecordWriter::RecordWriter(RecordWriter&& o) noexcept
    : file_(std::exchange(o.file_, nullptr)),
      buffer_(std::move(o.buffer_)),
      next_seq_(o.next_seq_),
      last_t_(o.last_t_),
      flushed_minute_(o.flushed_minute_),
      failed_(o.failed_) {}

RecordWriter::~RecordWriter() {
  close();
}

template <class Line>
void RecordWriter::publish(const Line& line, std::uint64_t seq) {
  if (sinks_.empty()) return;
  Line numbered = line;
  numbered.seq = seq;
  for (RecordSink* sink : sinks_) sink->on(numbered);
}

std::uint64_t RecordWriter::begin_line(Time t) {
  GAMEDAY_ASSERT_MSG(next_seq_ > 0, "the header must be the record's first line");
  GAMEDAY_ASSERT_MSG(t >= last_t_, "record time went backwards");
  last_t_ = t;
  return next_seq_++;
}

void RecordWriter::finish_line(Time t) {
  buffer_ += '\n';
  const std::int64_t minute = t.ns() / ns_per_minute;
  if (minute > flushed_minute_) {
    flushed_minute_ = minute;
    flush();
  } else if (buffer_.size() > flush_bytes) {
    flush();
  }
}

void RecordWriter::header(const Header& h) {
  GAMEDAY_ASSERT_MSG(next_seq_ == 0, "the header must be the record's first line");
  const std::uint64_t seq = next_seq_++;
  JsonWriter w(buffer_);
  w.begin_object();
  w.field("type", "header");
  w.field("seq", seq);
  w.field("format", h.format);
  w.field("tool_version", h.tool_version);
  w.field("scenario_name", h.scenario_name);
  w.field("scenario_hash", h.scenario_hash);
  w.field("seed", h.seed);
  w.field("duration_ns", h.duration.ns());
  w.field("sample_interval_ns", h.sample_interval.ns());
  write_names(w, h.names);
  w.field("responders", h.responders);
  w.key("scenario");
  w.raw(scenario_to_json(h.scenario));
  w.end_object();
  finish_line(Time::zero());
  for (RecordSink* sink : sinks_) sink->on(h);
}

std::uint64_t RecordWriter::event(const Event& e) {
  const std::uint64_t seq = begin_line(e.t);
  Line line(buffer_, "event", seq);
  line.time("t", e.t);
  line.string("kind", event_kind_name(e.kind));
  if (e.cause) line.integer("cause", *e.cause);
  std::visit(WriteEventData{line}, e.data);
  line.close();
  finish_line(e.t);
  publish(e, seq);
  return seq;
}

std::uint64_t RecordWriter::sample(const ServiceSample& s) {
  const std::uint64_t seq = begin_line(s.t);
  Line line(buffer_, "service_sample", seq);
  line.time("t", s.t);
  line.integer("service", s.service.value());
  line.integer("requests", s.requests);
  line.integer("ok", s.ok);
  line.errors(s.errors);
  line.latency(s.latency);
  if (s.latency_le) line.buckets("latency_le", *s.latency_le, s.ok);
  line.integer("in_flight", s.in_flight);
  line.integer("queued", s.queued);
  line.number("utilisation", s.utilisation);
  line.integer("instances_up", s.instances_up);
  line.integer("retries", s.retries);
  line.close();
  finish_line(s.t);
  publish(s, seq);
  return seq;
}

std::uint64_t RecordWriter::sample(const DependencySample& s) {
  const std::uint64_t seq = begin_line(s.t);
  Line line(buffer_, "dependency_sample", seq);
  line.time("t", s.t);
  line.integer("dependency", s.dependency.value());
  line.integer("calls", s.calls);
  line.integer("attempts", s.attempts);
  line.integer("ok", s.ok);
  line.errors(s.errors);
  line.integer("retries", s.retries);
  line.latency(s.latency);
  line.string("circuit", circuit_state_name(s.circuit));
  line.close();
  finish_line(s.t);
  publish(s, seq);
  return seq;
}

std::uint64_t RecordWriter::sample(const SourceSample& s) {
  const std::uint64_t seq = begin_line(s.t);
  Line line(buffer_, "source_sample", seq);
  line.time("t", s.t);
  line.integer("source", s.source.value());
  line.integer("requests", s.requests);
  line.integer("ok", s.ok);
  line.errors(s.errors);
  line.latency(s.latency);
  if (s.latency_le) line.buckets("latency_le", *s.latency_le, s.ok);
  line.close();
  finish_line(s.t);
  publish(s, seq);
  return seq;
}

std::uint64_t RecordWriter::sample(const SloSample& s) {
  const std::uint64_t seq = begin_line(s.t);
  Line line(buffer_, "slo_sample", seq);
  line.time("t", s.t);
  line.integer("slo", s.slo.value());
  line.integer("valid", s.valid);
  line.integer("good", s.good);
  line.close();
  finish_line(s.t);
  publish(s, seq);
  return seq;
}

std::uint64_t RecordWriter::sample(std::span<const InstanceSample> instances, ServiceId service) {
  GAMEDAY_ASSERT(!instances.empty());
  const Time t = instances.front().t;
  const std::uint64_t seq = begin_line(t);
  Line line(buffer_, "instance_samples", seq);
  line.time("t", t);
  line.integer("service", service.value());
  line.list("instances", instances, [](const InstanceSample& s) { return s.instance.value(); });
  line.list("requests", instances, [](const InstanceSample& s) { return s.requests; });
  line.list("ok", instances, [](const InstanceSample& s) { return s.ok; });
  line.list("errors", instances, [](const InstanceSample& s) { return s.errors; });
  line.list("latency_mean_ns", instances,
            [](const InstanceSample& s) { return s.latency_mean.ns(); });
  line.list("in_flight", instances, [](const InstanceSample& s) { return s.in_flight; });
  line.list("queued", instances, [](const InstanceSample& s) { return s.queued; });
  line.list("utilisation", instances, [](const InstanceSample& s) { return s.utilisation; });
  line.list("up", instances, [](const InstanceSample& s) { return s.up; });
  if (std::any_of(instances.begin(), instances.end(),
                  [](const InstanceSample& s) { return s.release > 0; }))
    line.list("release", instances, [](const InstanceSample& s) { return s.release; });
  line.close();
  finish_line(t);
  for (const InstanceSample& s : instances) publish(s, seq);
  return seq;
}

std::uint64_t RecordWriter::sample(const ProbeSample& s) {
  const std::uint64_t seq = begin_line(s.t);
  Line line(buffer_, "probe_sample", seq);
  line.time("t", s.t);
  line.integer("probe", s.probe.value());
  line.integer("attempts", s.attempts);
  line.integer("failures", s.failures);
  line.close();
  finish_line(s.t);
  publish(s, seq);
  return seq;
}

std::uint64_t RecordWriter::trace(const Trace& tr) {
  const std::uint64_t seq = begin_line(tr.t);
  Line line(buffer_, "trace", seq);
  line.time("t", tr.t);
  line.integer("source", tr.source.value());
  line.time("arrival", tr.arrival);
  line.duration("latency_ns", tr.latency);
  if (tr.error) line.string("error", error_cause_name(*tr.error));
  line.close();
  finish_line(tr.t);
  publish(tr, seq);
  return seq;
}

std::uint64_t RecordWriter::end(const End& e) {
  const std::uint64_t seq = begin_line(e.t);
  Line line(buffer_, "end", seq);
  line.time("t", e.t);
  line.string("reason", e.reason);
  line.integer("kernel_events", e.kernel_events);
  line.integer("requests", e.requests);
  line.close();
  finish_line(e.t);
  publish(e, seq);
  return seq;
}

void RecordWriter::flush() {
  if (file_ == nullptr || buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  // fflush too, so a reader following the file (live play) sees whole lines promptly.
  if (std::fflush(file_) != 0) failed_ = true;
  buffer_.clear();  // keeps the capacity
}

bool RecordWriter::close() {
  if (file_ != nullptr) {
    flush();
    if (std::fclose(file_) != 0) failed_ = true;
    file_ = nullptr;
  }
  return !failed_;
}

}  // namespace gameday::eventlog

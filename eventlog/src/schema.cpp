// The record format's table, its Markdown rendering, and a checker of records against it.
//
// record_schema() lists every line type and every field in the order the writer emits them;
// docs/record-format.md is record_schema_markdown() verbatim (a test keeps them equal), and
// schema_violations() checks real records against the same table, so the writer, the page and
// the checker cannot drift apart silently. Field descriptions are Markdown table cells: no '|'.
#include "gameday/eventlog/schema.hpp"

#include <string>

#include "gameday/eventlog/record.hpp"

namespace gameday::eventlog {

namespace {

using Fields = std::vector<FieldDoc>;

constexpr FieldDoc seq_doc{"seq", "uint",
                           "Sequence number: the header is 0, each line one more than the last."};
constexpr FieldDoc errors_doc{
    "errors", "object",
    "Failures by cause, each a uint, every cause present: `rejected` (queue or in-flight cap "
    "full), `timeout` (the caller gave up), `downstream` (a call it depended on failed), "
    "`circuit_open` (short-circuited by the caller's breaker), `unavailable` (the instance was "
    "down, or none was in rotation), `injected` (an `errors` or `disk_full` fault), "
    "`connection` (could not connect: a DNS failure or an expired certificate)."};

FieldDoc type_doc(std::string_view description) {
  return {"type", "string", description};
}

FieldDoc t_doc(std::string_view description) {
  return {"t", "int", description};
}

void add_latency(Fields& f) {
  f.push_back({"p50_ns", "int", "Median latency of the successes counted in `ok`."});
  f.push_back({"p90_ns", "int", "90th percentile latency of those successes."});
  f.push_back({"p99_ns", "int", "99th percentile latency of those successes."});
  f.push_back({"max_ns", "int", "Largest latency of those successes."});
  f.push_back({"mean_ns", "int", "Mean latency of those successes."});
}

// Service and source samples also count their successes into Prometheus-style buckets.
void add_latency_buckets(Fields& f) {
  static_assert(latency_bucket_count == 13, "the description names every bound");
  f.push_back({"latency_le", "array",
               "The successes counted in `ok` at or under each bucket bound (1ms, 2.5ms, 5ms, "
               "10ms, 25ms, 50ms, 100ms, 250ms, 500ms, 1s, 2.5s, 5s, 10s), cumulative as "
               "Prometheus's `le` buckets; the array stops at the first count that equals `ok` "
               "(the later bounds hold all of them). Absent in records written before the "
               "buckets were kept.",
               false});
}

LineDoc header_doc() {
  return {"header",
          "The first line: what was run, and the name tables that give the record's ids "
          "meaning. An id is an index from 0 into its table.",
          {type_doc("`header`."),
           seq_doc,
           {"format", "int", "Record format version (see Versioning)."},
           {"tool_version", "string", "Version of the gameday that wrote the record."},
           {"scenario_name", "string", "The scenario's name."},
           {"scenario_hash", "string",
            "`fnv1a64:` and 16 hex digits: FNV-1a 64 of the scenario file's bytes."},
           {"seed", "uint", "The master seed from which every random stream derives."},
           {"duration_ns", "int",
            "Simulated length of the run the scenario asks for: more than 0 and at most 30 "
            "days (2592000000000000)."},
           {"sample_interval_ns", "int",
            "Span of each metric sample: at least 1 s (1000000000) and at most 30 days."},
           {"zones", "array", "Zone names (strings), indexed by zone id."},
           {"services", "array", "Service names (strings), indexed by service id."},
           {"instances", "array",
            "Instances, indexed by instance id: objects with `name` (string), `service` and "
            "`zone` (ids), and `standby: true` for a slot that a scale-out can fill (not running "
            "at the start)."},
           {"dependencies", "array",
            "Dependencies, indexed by dependency id: objects with `from` (the calling service's "
            "id) and `to` (the called service's id)."},
           {"sources", "array", "Traffic source (user journey) names, indexed by source id."},
           {"slos", "array", "SLO names, indexed by SLO id."},
           {"faults", "array", "Fault names, indexed by fault id."},
           {"alerts", "array", "Alert rule names, indexed by alert id."},
           {"probes", "array", "Synthetic probe names, indexed by probe id."},
           {"responders", "string",
            "Who responded: `none`, `auto` (the scenario's on-call model and runbooks) or "
            "`commands` (people at a console, a script, or the commands of another record)."},
           {"scenario", "object", "The resolved scenario, so a replay needs no YAML file."}}};
}

// Each payload's fields, in EventData order, in the order the writer emits them.
const std::vector<FieldDoc> data_fields[] = {
    {{"fault", "uint", "Fault id."},
     {"fault_kind", "string", "The fault's kind."},
     {"instance", "uint", "Instance id, for random failures.", false}},
    {{"instance", "uint", "Instance id."}},
    {{"dependency", "uint", "Dependency id."},
     {"failure_ratio", "number", "The failure ratio that opened the breaker.", false}},
    {{"alert", "uint", "Alert rule id."},
     {"severity", "string", "`page` or `ticket`."},
     {"value", "number", "The rule's value.", false},
     {"short_value", "number", "A burn-rate rule's short-window value.", false}},
    {{"alert", "uint", "The group's first alert rule id."},
     {"alerts", "int", "Alerts in the group."},
     {"group", "string", "The group's key."}},
    {{"responder", "string", "Who typed it."},
     {"role", "string", "Their role, once they have one.", false},
     {"text", "string", "The command in its normal form, or as typed when rejected."},
     {"verb", "string", "The command's verb."},
     {"error", "string", "Why it was rejected.", false},
     {"wall_time", "string", "When a person typed it, ISO 8601.", false}},
    {{"action", "string", "The command's normal form."}, {"verb", "string", "Its verb."}},
};
static_assert(std::size(data_fields) == std::variant_size_v<EventData>);

LineDoc event_doc() {
  return {"event",
          "A discrete event: a change in the system (a fault starting, an instance going down, "
          "a circuit opening) or in what monitoring saw (an alert firing, a page). Besides the "
          "fields below, an event carries its kind's own fields as further members, each a "
          "scalar (int, number, string or bool) under a key that is none of the names below; "
          "the kinds and their fields are listed under Event kinds. Numbers with a fraction or "
          "an exponent are numbers, others are ints.",
          {type_doc("`event`."),
           seq_doc,
           t_doc("When it happened."),
           {"kind", "string", "What happened, e.g. `instance_down`, `alert_firing`."},
           {"cause", "uint", "`seq` of the earlier line that caused this one.", false}}};
}

LineDoc service_sample_doc() {
  Fields f{type_doc("`service_sample`."),
           seq_doc,
           t_doc("End of the sample interval."),
           {"service", "uint", "Service id."},
           {"requests", "uint", "Requests that arrived at the service's instances."},
           {"ok", "uint", "Requests answered successfully."},
           errors_doc};
  add_latency(f);
  add_latency_buckets(f);
  f.push_back({"in_flight", "int", "Requests being served at the end of the interval."});
  f.push_back({"queued", "int", "Requests waiting for a worker at the end of the interval."});
  f.push_back({"utilisation", "number",
               "Busy worker time over (workers x interval), across the instances that are up."});
  f.push_back({"instances_up", "int", "Instances up at the end of the interval."});
  f.push_back({"retries", "uint", "Retry attempts the service sent to its dependencies."});
  return {"service_sample", "One service over one sample interval.", std::move(f)};
}

LineDoc dependency_sample_doc() {
  Fields f{type_doc("`dependency_sample`."),
           seq_doc,
           t_doc("End of the sample interval."),
           {"dependency", "uint", "Dependency id."},
           {"calls", "uint", "Logical calls started (retries not counted)."},
           {"attempts", "uint", "Attempts sent: first tries and retries."},
           {"ok", "uint", "Logical calls that succeeded."},
           errors_doc,
           {"retries", "uint", "Retry attempts sent."}};
  add_latency(f);
  f.push_back({"circuit", "string",
               "Circuit breaker state at the end of the interval: `closed`, `open` or "
               "`half_open`."});
  return {"dependency_sample",
          "One dependency (calling service to called service) over one sample interval, as the "
          "caller sees it. Errors are counted by the cause of a failed call's last attempt; "
          "latencies include retries.",
          std::move(f)};
}

LineDoc source_sample_doc() {
  Fields f{type_doc("`source_sample`."),
           seq_doc,
           t_doc("End of the sample interval."),
           {"source", "uint", "Traffic source id."},
           {"requests", "uint", "Root requests the source sent."},
           {"ok", "uint", "Root requests that succeeded end to end."},
           errors_doc};
  add_latency(f);
  add_latency_buckets(f);
  return {"source_sample", "One traffic source (a user journey) over one sample interval.",
          std::move(f)};
}

LineDoc slo_sample_doc() {
  return {
      "slo_sample",
      "One SLO over one sample interval: the requests its SLI counted and the good ones. "
      "The error budget and burn rates follow from these and the SLO's objective and window "
      "(in the header's scenario).",
      {type_doc("`slo_sample`."),
       seq_doc,
       t_doc("End of the sample interval."),
       {"slo", "uint", "SLO id."},
       {"valid", "uint", "Requests the SLI counted (answered requests of its service or journey)."},
       {"good", "uint",
        "Of those, the good ones: successful, and fast enough for a latency SLI."}}};
}

LineDoc instance_samples_doc() {
  return {"instance_samples",
          "The instances of one service over one sample interval, for views by instance, zone "
          "and release: parallel arrays, one item per instance. Requests no instance took (none "
          "in rotation) count only in the service's sample; standby slots not provisioned are "
          "left out.",
          {type_doc("`instance_samples`."),
           seq_doc,
           t_doc("End of the sample interval."),
           {"service", "uint", "Service id."},
           {"instances", "array", "Instance ids, in order."},
           {"requests", "array", "Requests delivered to each instance."},
           {"ok", "array", "Requests each answered successfully."},
           {"errors", "array", "Requests each answered with an error, whatever the cause."},
           {"latency_mean_ns", "array", "Mean latency of each one's successes; 0 without one."},
           {"in_flight", "array", "Requests at each at the end of the interval."},
           {"queued", "array", "Requests waiting for a worker at each at the end of the interval."},
           {"utilisation", "array", "Busy worker time over (workers x interval); 0 when down."},
           {"up", "array", "Whether each is up at the end of the interval (booleans)."},
           {"release", "array",
            "The release each runs: 0 the one it started with, n its service's n-th "
            "`bad_deploy` fault (in the scenario's order) that has reached it. Absent when "
            "every instance runs its first.",
            false}}};
}

LineDoc probe_sample_doc() {
  return {"probe_sample",
          "One synthetic probe over one sample interval.",
          {type_doc("`probe_sample`."),
           seq_doc,
           t_doc("End of the sample interval."),
           {"probe", "uint", "Probe id."},
           {"attempts", "uint", "Probe requests sent in the interval."},
           {"failures", "uint",
            "Of those, the ones that failed: an error, or no answer within the probe's timeout."}}};
}

LineDoc trace_doc() {
  return {"trace",
          "One sampled root request, end to end. Only a sample of requests is traced.",
          {type_doc("`trace`."),
           seq_doc,
           t_doc("When the request completed."),
           {"source", "uint", "Traffic source id."},
           {"arrival", "int", "When the request arrived, in ns since the run's start."},
           {"latency_ns", "int", "End-to-end latency."},
           {"error", "string", "Cause name when the request failed; absent when it succeeded.",
            false}}};
}

LineDoc end_doc() {
  return {"end",
          "The last line: how the run ended. Absent when the run was killed.",
          {type_doc("`end`."),
           seq_doc,
           t_doc("Simulated time at which the run stopped."),
           {"reason", "string", "`completed` or `interrupted`."},
           {"kernel_events", "uint", "Events the simulation kernel processed."},
           {"requests", "uint", "Root requests the traffic sources generated."}}};
}

}  // namespace

const std::vector<LineDoc>& record_schema() {
  static const std::vector<LineDoc> schema{
      header_doc(),        event_doc(),      service_sample_doc(),   dependency_sample_doc(),
      source_sample_doc(), slo_sample_doc(), instance_samples_doc(), probe_sample_doc(),
      trace_doc(),         end_doc()};
  return schema;
}

std::span<const FieldDoc> event_data_fields(std::size_t data) {
  return data_fields[data];
}

const LineDoc* find_line_doc(std::string_view type) {
  for (const LineDoc& d : record_schema()) {
    if (d.type == type) return &d;
  }
  return nullptr;
}

namespace {

constexpr std::string_view intro_text =
    R"(A run record is the file `events.jsonl` in a run folder, in
[JSON Lines](https://jsonlines.org/): UTF-8, one JSON object per line, each line ending in a
newline. The first line is a `header`; the last is an `end` line, absent when the run was killed
before it finished. In between come events and metric samples in the order they happened.

Every line starts with `type`, then `seq`, its sequence number: the header is 0 and each line is
one more than the line before, so readers require `seq` to increase strictly. Lines that happen
at an instant carry `t`, simulated time in integer nanoseconds since the run's start, never
decreasing through the file; two lines with the same `t` happened in `seq` order. Durations are
integer nanoseconds in fields whose names end in `_ns`. No line's `t` is after the header's
`duration_ns`, and a sample's or trace's latencies and a trace's `arrival` lie between 0 and
`duration_ns`; the durations of the header's `scenario` are within the limits a scenario has
([scenario-reference.md](scenario-reference.md#limits)). A reader refuses a line outside these
limits, naming it, so that no arithmetic on the record's times can overflow. Ids are integers: indices into the
header's name tables. Error counts are objects keyed by cause name with every cause present.
Numbers that are not finite are written as `null`. Keys are written in the order the tables
below list them, with no spaces, so equal runs give byte-identical records.

The writer buffers lines and writes them out when a line starts a later simulated minute than
the last write, when its buffer passes 1 MiB, and when the run ends. A run that is killed
therefore leaves a readable prefix at most about a simulated minute behind, possibly ending in a
partial line. A reader drops such a truncated last line with a warning and uses the rest; a
record without an `end` line is still usable. A reader refuses a record whose `format` differs
from the one it reads, naming both versions, and skips, with a warning, line types it does not
know.

**Versioning.** The header's `format` is an integer. Adding a line type or an optional field
keeps the version: readers skip line types and ignore fields they do not know. Any change a
reader of the previous version would misread bumps it: renaming or removing a field, changing
a field's type, unit or meaning, making a field required, or adding an error cause.

Field types: `int` is a JSON integer (signed 64-bit), `uint` a non-negative integer (up to
2^64-1), `number` any JSON number or `null`, `string` a UTF-8 string, `bool` `true` or `false`,
`object` and `array` as described.)";

void append_table(std::string& out, const LineDoc& line) {
  out += "| field | type | required | description |\n";
  out += "|---|---|---|---|\n";
  for (const FieldDoc& f : line.fields) {
    out += "| `";
    out += f.name;
    out += "` | ";
    out += f.type;
    out += f.required ? " | yes | " : " | no | ";
    out += f.description;
    out += " |\n";
  }
}

}  // namespace

std::string record_schema_markdown() {
  std::string out;
  out += "# Run record format\n\n";
  out += "<!-- Generated by record_schema_markdown() from eventlog/src/schema.cpp; do not edit.\n";
  out += "     Regenerate: UPDATE_GOLDEN=1 eventlog_test --gtest_filter='RecordSchema.*' -->\n\n";
  out += "This page describes record format ";
  out += std::to_string(format_version);
  out += ".\n\n";
  out += intro_text;
  out += "\n";
  for (const LineDoc& line : record_schema()) {
    out += "\n## `";
    out += line.type;
    out += "`\n\n";
    out += line.description;
    out += "\n\n";
    append_table(out, line);
  }
  out += "\n## Event kinds\n\nThe `kind` of an `event` line, and the fields each kind adds.\n\n";
  out += "| kind | its fields | meaning |\n|---|---|---|\n";
  for (const EventKindInfo& k : event_kinds()) {
    out += "| `";
    out += k.name;
    out += "` | ";
    out += k.fields;
    out += " | ";
    out += k.meaning;
    out += " |\n";
  }
  return out;
}

}  // namespace gameday::eventlog

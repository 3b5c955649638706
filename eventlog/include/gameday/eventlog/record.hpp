// The run record's data types: what `events.jsonl` holds, line by line.
//
// A record is a header, then events and metric samples in non-decreasing simulated time with
// strictly increasing sequence numbers, then an end line. Scoring and the viewer read only
// this; the simulator writes it. The field names and their documentation live in schema.cpp,
// the one source from which docs/record-format.md is generated.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::eventlog {

// Bump on any change a reader of the previous version would misread.
inline constexpr int format_version = 1;

// Why a request failed. Each name is the key used in the record.
enum class ErrorCause : std::uint8_t {
  Rejected,     // the instance's queue (or in-flight cap) was full
  Timeout,      // the caller's timeout fired before the response
  Downstream,   // a call the request depended on failed
  CircuitOpen,  // the caller's circuit breaker short-circuited the call
  Unavailable,  // no instance could take it: the one picked was down, or none was in rotation
  Injected,     // an `errors` fault failed it
  Connection,   // it could not connect: the name did not resolve, or TLS failed
  Count
};
inline constexpr std::size_t error_cause_count = static_cast<std::size_t>(ErrorCause::Count);
std::string_view error_cause_name(ErrorCause c);
using ErrorCounts = std::array<std::uint64_t, error_cause_count>;

struct InstanceInfo {
  std::string name;  // "checkout-2"
  ServiceId service;
  ZoneId zone;
  bool standby = false;  // a slot a scale-out can fill; not running at the start
};

struct DependencyInfo {
  ServiceId from;
  ServiceId to;
};

// Ids in the record are indices into these tables.
struct NameTable {
  std::vector<std::string> zones;
  std::vector<std::string> services;
  std::vector<InstanceInfo> instances;
  std::vector<DependencyInfo> dependencies;
  std::vector<std::string> sources;
  std::vector<std::string> slos;
  std::vector<std::string> faults;
  std::vector<std::string> alerts;
  std::vector<std::string> probes;
};

struct Header {
  int format = format_version;
  std::string tool_version;
  std::string scenario_name;
  std::string scenario_hash;  // "fnv1a64:<16 hex digits>" of the scenario file's bytes
  std::uint64_t seed = 0;
  Duration duration;
  Duration sample_interval;
  NameTable names;
  std::string responders = "none";  // none, auto or commands
  model::Scenario scenario;         // the resolved scenario: names and ids as in `names`
};

// What a discrete event is about. Each kind has one payload type (below) and a visibility; the
// table in event_kinds() gives its name in the record, both, and its documentation.
enum class EventKind : std::uint8_t {
  FaultStart,
  FaultEnd,
  InstanceDown,
  InstanceUp,
  InstanceHung,
  InstanceResumed,
  OutOfMemory,
  InstanceDeployed,
  InstanceReverted,
  InstanceOutOfRotation,
  InstanceInRotation,
  CircuitOpen,
  CircuitHalfOpen,
  CircuitClosed,
  AlertPending,
  AlertFiring,
  AlertResolved,
  Page,
  Ticket,
  PageResolved,
  TicketResolved,
  Command,
  ActionEffect,
  InstanceProvisioned,
  InstanceDecommissioned,
};

// Who may see an event kind: ground truth is for the facilitator and the debrief, never for a
// responder's view until it is revealed; the rest is what monitoring and the response show.
enum class Visibility : std::uint8_t { Observable, GroundTruth };

// The payloads. Ids index the header's name tables.
struct FaultChange {  // fault_start, fault_end
  FaultId fault;
  model::FaultKind fault_kind = model::FaultKind::Latency;
  std::optional<InstanceId> instance;  // random failures: the instance that failed
  bool operator==(const FaultChange&) const = default;
};
struct InstanceChange {  // instance_* and out_of_memory
  InstanceId instance;
  bool operator==(const InstanceChange&) const = default;
};
struct CircuitChange {  // circuit_open, circuit_half_open, circuit_closed
  DependencyId dependency;
  std::optional<double> failure_ratio;  // circuit_open: what opened it
  bool operator==(const CircuitChange&) const = default;
};
struct AlertChange {  // alert_pending, alert_firing, alert_resolved
  AlertId alert;
  model::Severity severity = model::Severity::Page;
  std::optional<double> value;        // the rule's value when it changed
  std::optional<double> short_value;  // a burn-rate rule's short window
  bool operator==(const AlertChange&) const = default;
};
struct Notification {       // page, ticket, page_resolved, ticket_resolved
  AlertId alert;            // the group's first alert
  std::int64_t alerts = 0;  // how many alerts the group holds
  std::string group;
  bool operator==(const Notification&) const = default;
};
struct CommandIssued {  // command
  std::string responder;
  std::string role;  // empty: the responder holds no role yet
  std::string text;  // the normal form, or as typed when rejected
  std::string verb;
  std::string error;  // empty: accepted
  std::optional<std::string> wall_time;
  bool accepted() const { return error.empty(); }
  bool operator==(const CommandIssued&) const = default;
};
struct ActionTookEffect {  // action_effect
  std::string action;      // the command's normal form
  std::string verb;
  bool operator==(const ActionTookEffect&) const = default;
};
using EventData = std::variant<FaultChange, InstanceChange, CircuitChange, AlertChange,
                               Notification, CommandIssued, ActionTookEffect>;

// The EventData alternative that holds T.
template <class T, class... Ts>
constexpr std::size_t index_in(const std::variant<Ts...>*) {
  std::size_t i = 0;
  (void)((std::is_same_v<T, Ts> ? false : (++i, true)) && ...);
  return i;
}
template <class T>
inline constexpr std::size_t event_data_index = index_in<T>(static_cast<const EventData*>(nullptr));

struct EventKindInfo {
  EventKind kind;
  std::string_view name;  // in the record: "fault_start"
  std::size_t data;       // the EventData alternative it carries
  Visibility visibility;
  std::string_view fields;   // documentation: its own fields
  std::string_view meaning;  // documentation: what it says
};
// Every kind, in EventKind order.
std::span<const EventKindInfo> event_kinds();
const EventKindInfo& event_kind_info(EventKind k);
std::string_view event_kind_name(EventKind k);
std::optional<EventKind> find_event_kind(std::string_view name);
bool is_ground_truth(EventKind k);

// One discrete event: a state change in the system or in the response to it.
struct Event {
  Time t;
  std::uint64_t seq = 0;  // assigned by the writer
  EventKind kind = EventKind::FaultStart;
  std::optional<std::uint64_t> cause;  // seq of the record line that caused this one
  EventData data;

  Event() = default;
  // Asserts that `data` is the payload `kind` carries.
  Event(Time at, EventKind k, EventData d, std::optional<std::uint64_t> caused_by = std::nullopt);

  // The payload, or null when this kind carries another one.
  template <class T>
  const T* get() const {
    return std::get_if<T>(&data);
  }
};

struct LatencySummary {
  Duration p50, p90, p99, max, mean;
};

// Prometheus-style upper bounds of the latency buckets samples count into (a histogram's `le`);
// +Inf is implied: all successful responses, the sample's `ok`.
inline constexpr std::array<Duration, 13> latency_bucket_bounds = {
    ms(1),   microseconds(2500), ms(5),    ms(10),     ms(25),     ms(50), ms(100), ms(250),
    ms(500), seconds(1),         ms(2500), seconds(5), seconds(10)};
inline constexpr std::size_t latency_bucket_count = latency_bucket_bounds.size();
// Successful responses at or under each bound (cumulative, as Prometheus's buckets).
using LatencyBuckets = std::array<std::uint64_t, latency_bucket_count>;
// Bucket i's bound in seconds, as Prometheus reads its `le` label (divided, so 2.5ms is the
// double nearest 0.0025).
constexpr double latency_bucket_le(std::size_t i) {
  return static_cast<double>(latency_bucket_bounds[i].ns()) / 1e9;
}

// Per service, per sample interval ending at `t`.
struct ServiceSample {
  Time t;
  std::uint64_t seq = 0;
  ServiceId service;
  std::uint64_t requests = 0;  // arrived at the service's instances
  std::uint64_t ok = 0;        // responded successfully
  ErrorCounts errors{};        // responded with an error, by cause
  LatencySummary latency;      // of successful responses
  // The same responses by bucket; absent in records written before gameday kept buckets.
  std::optional<LatencyBuckets> latency_le;
  std::int64_t in_flight = 0;  // at the end of the interval
  std::int64_t queued = 0;     // at the end of the interval
  double utilisation = 0;      // busy worker time / (workers x interval), over instances up
  std::int64_t instances_up = 0;
  std::uint64_t retries = 0;  // retry attempts this service sent to its dependencies
};

enum class CircuitState : std::uint8_t { Closed, Open, HalfOpen };
std::string_view circuit_state_name(CircuitState s);

// Per dependency (caller -> callee), per sample interval, as the caller sees it.
struct DependencySample {
  Time t;
  std::uint64_t seq = 0;
  DependencyId dependency;
  std::uint64_t calls = 0;     // logical calls started (retries not counted)
  std::uint64_t attempts = 0;  // attempts sent, first tries and retries
  std::uint64_t ok = 0;        // logical calls that succeeded
  ErrorCounts errors{};        // logical calls that failed, by the last attempt's cause
  std::uint64_t retries = 0;
  LatencySummary latency;                       // of successful calls, retries included
  CircuitState circuit = CircuitState::Closed;  // at the end of the interval
};

// Per traffic source (a user journey), per sample interval.
struct SourceSample {
  Time t;
  std::uint64_t seq = 0;
  SourceId source;
  std::uint64_t requests = 0;
  std::uint64_t ok = 0;
  ErrorCounts errors{};
  LatencySummary latency;
  std::optional<LatencyBuckets> latency_le;  // as ServiceSample's
};

// Per instance, per sample interval: what one instance served, for views by instance, zone
// and release. Requests no instance took (none in rotation) count only in the service's sample.
// Standby slots that were never provisioned have none.
struct InstanceSample {
  Time t;
  std::uint64_t seq = 0;
  InstanceId instance;
  std::uint64_t requests = 0;  // delivered to it
  std::uint64_t ok = 0;        // answered successfully
  std::uint64_t errors = 0;    // answered with an error, whatever the cause
  Duration latency_mean;       // of its successful responses; 0 without one
  std::int64_t in_flight = 0;  // at the end of the interval
  std::int64_t queued = 0;     // at the end of the interval
  double utilisation = 0;      // busy worker time / (workers x interval); 0 when down
  bool up = true;              // at the end of the interval
  // The release it runs: 0 the one it started with, n its service's n-th bad_deploy (in the
  // scenario's order) that has reached it.
  std::uint32_t release = 0;
};

// A release as people and Prometheus's `version` label name it: "v1" for the first.
inline std::string release_name(std::uint32_t release) {
  return "v" + std::to_string(release + 1);
}

// Per probe, per sample interval: the probe requests answered or timed out, and the failures.
struct ProbeSample {
  Time t;
  std::uint64_t seq = 0;
  ProbeId probe;
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;
};

// Per SLO, per sample interval: the requests its SLI counted, and how many were good.
struct SloSample {
  Time t;
  std::uint64_t seq = 0;
  SloId slo;
  std::uint64_t valid = 0;
  std::uint64_t good = 0;
};

// A sampled root request, end to end.
struct Trace {
  Time t;  // when it completed
  std::uint64_t seq = 0;
  SourceId source;
  Time arrival;
  Duration latency;
  std::optional<ErrorCause> error;  // none when it succeeded
};

struct End {
  Time t;
  std::uint64_t seq = 0;
  std::string reason;  // "completed", "interrupted"
  std::uint64_t kernel_events = 0;
  std::uint64_t requests = 0;  // root requests generated by traffic sources
};

}  // namespace gameday::eventlog

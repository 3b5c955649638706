// The replay model: what the debrief viewer shows at any simulated time, computed from a run
// record alone (never from the simulator), with no graphics, so it is tested without a display.
//
// A ReplayModel owns its record. `at(t)` gives each service's health, instances and each
// dependency's traffic as of the latest sample at or before `t`; `timeline()` lists fault spans
// (ground truth, shown in the truth view only), alert spans, pages, tickets and the responders'
// commands; `peak_impact()`
// is the moment the traffic sources saw their largest error ratio, where `gameday render` looks
// by default. Health thresholds are the ones docs/viewer.md describes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"
#include "gameday/eventlog/reader.hpp"

namespace gameday::viz {

// Responders see what monitoring saw; truth adds the faults (the facilitator's view).
enum class View : std::uint8_t { Responders, Truth };
std::string_view view_name(View v);
std::optional<View> parse_view(std::string_view text);

// Idle: no traffic in the latest interval (or no sample yet) and instances up.
enum class Health : std::uint8_t { Idle, Ok, Degraded, Critical };
std::string_view health_name(Health h);

// Cold: restarted less than the scenario's cold period ago (still slow).
enum class InstanceMark : std::uint8_t { Up, Cold, Hung, Down };

struct InstanceState {
  InstanceId id;
  InstanceMark mark = InstanceMark::Up;
  bool in_rotation = true;
  bool operator==(const InstanceState&) const = default;
};

struct ServiceState {
  Health health = Health::Idle;
  double error_ratio = 0;    // failed / answered in the latest interval
  double request_rate = 0;   // requests per second in the latest interval
  Duration p99;              // of successes in the latest interval
  bool has_latency = false;  // false when nothing succeeded: p99 means nothing then
  std::int64_t instances_up = 0;
  std::vector<InstanceState> instances;
  bool operator==(const ServiceState&) const = default;
};

struct EdgeState {
  double call_rate = 0;      // logical calls per second
  double failure_share = 0;  // failed / finished calls
  bool is_circuit_open = false;
  bool is_circuit_half_open = false;
  bool operator==(const EdgeState&) const = default;
};

struct Snapshot {
  Time t;
  std::vector<ServiceState> services;  // indexed by service id
  std::vector<EdgeState> edges;        // indexed by dependency id
};

enum class SpanKind : std::uint8_t { Fault, AlertPending, AlertFiring };
struct Span {
  SpanKind kind = SpanKind::Fault;
  std::size_t subject = 0;  // fault id or alert id
  Time start;
  Time end;              // the run's end when it never ended
  bool is_open = false;  // still going when the record ends
  std::string label;
};

enum class MarkKind : std::uint8_t { Page, Ticket };
struct Mark {
  MarkKind kind = MarkKind::Page;
  Time t;
  std::size_t alert = 0;
  std::string label;  // the notification group
};

// A responder's accepted command on the timeline. Look-only commands (status, logs...) and
// rejected ones are left out: the lane shows what changed the incident or the system.
enum class ResponseKind : std::uint8_t {
  Process,      // ack, declare, role, mitigated, resolve
  Action,       // a command that changes the system (restart, failover, scale...)
  Update,       // a status update or a note
  Facilitator,  // !inject, !reveal, !end: shown in the truth view only
};
struct ResponseMark {
  ResponseKind kind = ResponseKind::Process;
  Time t;
  std::string responder;
  std::string role;                 // empty until the responder takes one
  std::string text;                 // the command in its normal form
  std::optional<Time> took_effect;  // an action's action_effect, when it came
};

struct Timeline {
  std::vector<Span> faults;
  std::vector<Span> alerts;
  std::vector<std::size_t> alert_lanes;  // alert ids that ever went pending, first first
  std::vector<Mark> marks;
  std::vector<ResponseMark> responses;
};

struct IncidentSummary;  // summary.hpp

struct SeriesPoint {
  Time t;
  double error_ratio = 0;
  Duration p50;
  Duration p99;
  bool has_latency = false;  // some request succeeded in the interval
};

// What a service is held to, from the resolved scenario's SLOs on it.
struct ServiceObjective {
  double allowed_error = 0.01;      // 1 - the availability objective (1% without an SLO)
  std::optional<Duration> latency;  // a latency SLO's threshold
  std::optional<SloId> budget_slo;  // the SLO whose error budget the chart follows
};

// How much of an SLO's error budget the run has used by a time: bad / ((1 - objective) x E),
// E the valid requests the SLO window would hold at the run's average rate so far, as the
// scorecard defines it (docs/scoring.md).
struct BudgetUse {
  std::string slo;
  double consumed = 0;  // a share of the window's whole budget: 1.0 = all of it
  Duration window;
};

class ReplayModel {
 public:
  explicit ReplayModel(eventlog::Record record);

  const eventlog::Record& record() const { return record_; }
  const eventlog::Header& header() const { return record_.header; }
  // The record's last instant: its end line, else its last sample or event.
  Time end() const { return end_; }
  // Whether the record has its end line; a game still being played (or a killed run) has not.
  bool is_complete() const { return record_.end.has_value(); }
  // Where the time axis ends: the run's end, or for an unfinished record the scenario's planned
  // duration, so the axis of a game in progress does not shift as it grows.
  Time axis_end() const;
  // The incident summary (summary.hpp): its milestones and impact windows mark the timeline.
  const IncidentSummary& summary() const { return *summary_; }
  Snapshot at(Time t) const;
  const Timeline& timeline() const { return timeline_; }
  // The latest sample interval with the largest error ratio over all traffic sources; the
  // middle of the run when nothing failed.
  Time peak_impact() const { return peak_impact_; }
  // Error ratio, p50 and p99 per sample of one service, in time order.
  std::vector<SeriesPoint> series(ServiceId s) const;
  ServiceObjective objective(ServiceId s) const;
  // The budget of the service's SLO (its availability SLO, else a latency one) used by `t`.
  std::optional<BudgetUse> budget_at(ServiceId s, Time t) const;
  // The least healthy service at `t` (ties: higher error ratio, then lower id).
  ServiceId worst_service(const Snapshot& snap) const;
  // Times of the events a viewer steps through; fault events only in the truth view.
  std::vector<Time> event_times(View view) const;
  // Call depth of each service: 0 for services nothing calls, else 1 + its deepest caller.
  const std::vector<int>& depth() const { return depth_; }
  std::optional<ServiceId> find_service(std::string_view name) const;
  // The scenario's wall-clock time of day at the run's start, when it names one.
  std::optional<Duration> start_time_of_day() const { return start_of_day_; }
  // The largest call rate any dependency reached, to scale edge widths across a replay.
  double max_call_rate() const { return max_call_rate_; }

 private:
  struct Objective : ServiceObjective {
    Duration baseline_p99;  // the run's median p99, to flag slow services
  };
  struct SloBudget {
    Duration window;
    std::vector<Time> t;                 // sample times, in order
    std::vector<std::uint64_t> bad_sum;  // bad requests up to and including each sample
    std::vector<std::uint64_t> valid_sum;
  };
  void index_samples();
  void read_objectives();
  void compute_depth();
  void compute_peak();
  Health health_of(const eventlog::ServiceSample& s, std::size_t service) const;
  void apply_instance_events(Time t, Snapshot& snap) const;

  eventlog::Record record_;
  Time end_;
  Time peak_impact_;
  Duration cold_for_;
  std::optional<Duration> start_of_day_;
  double max_call_rate_ = 0;
  Timeline timeline_;
  std::shared_ptr<const IncidentSummary> summary_;
  std::vector<int> depth_;
  std::vector<Objective> objectives_;                         // by service id
  std::vector<SloBudget> budgets_;                            // by SLO id
  std::vector<std::vector<std::size_t>> service_samples_;     // sample indices by service id
  std::vector<std::vector<std::size_t>> dependency_samples_;  // by dependency id
};

// Builds the timeline from a record's events (fault and alert spans, pages, tickets, commands).
Timeline build_timeline(const eventlog::Record& record, Time end);

}  // namespace gameday::viz

// The topology runtime: instances, requests, dependency calls, load balancing, traffic and
// metrics, driven by one scheduler. Private to sim/; the public face is Simulation.
//
// A request at one instance is a Span; a caller's logical call to a dependency, with its
// retries, is a Call. Both live in pools and are addressed by index plus a generation number:
// an event or a response whose generation no longer matches is stale (the caller timed out,
// the attempt was abandoned) and is dropped. The callee keeps working after its caller gives
// up, as real servers do. Every random draw comes from a stream named after what it decides.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gameday/core/random.hpp"
#include "gameday/eventlog/record.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/command.hpp"
#include "gameday/sim/event_queue.hpp"
#include "gameday/sim/model.hpp"
#include "gameday/sim/simulation.hpp"
#include "latency_histogram.hpp"
#include "monitoring.hpp"
#include "pool.hpp"

namespace gameday::sim {

using eventlog::CircuitState;
using eventlog::ErrorCause;
using eventlog::ErrorCounts;
using eventlog::EventKind;

// What a kernel event does when it falls due, and what its target and token mean.
enum KernelEvent : std::uint32_t {
  Arrival,          // target: source
  WorkDone,         // target: span, token: its generation
  RespondNow,       // target: span (rejected on admission), token: its generation
  CallTimeout,      // target: call, token: the attempt's token
  RetryDue,         // target: call, token: the attempt's token
  AttemptFailed,    // target: call whose attempt failed before reaching the callee
                    // (open breaker, injected edge error), token: attempt token
  DeliverAttempt,   // target: call whose attempt was delayed on its edge, token: attempt token
  BreakerHalfOpen,  // target: dependency, token: the breaker's epoch
  Sample,
  FaultStart,       // target: fault
  FaultEnd,         // target: fault
  HealthCheckDue,   // target: instance
  InstanceKill,     // target: fault, token: the instance's position in it (loops, leaks, random)
  InstanceRestart,  // target: instance, token: fault
  Evaluate,         // alert rules, after the samples of the same instant
  Notify,           // alert notifications that fell due
  ProbeSend,        // target: probe
  ProbeTimeout,     // target: probe, token: the probe request's number
  HerdArrival,      // target: source; one request of a thundering herd
  DeployStep,       // target: instance, token: fault; a bad deploy reaches the instance
  ActionDue,        // target: action, token: its step (a rolling restart has one per instance)
  AnswerDue,        // target: action; a look-only command's answer is ready
  OnCallDue,        // the automatic on-call's next move
};

enum class ArrivalKind : std::uint8_t { Scheduled, Burst };

inline constexpr std::uint32_t no_index = 0xffffffffu;

struct Span {
  std::uint32_t gen = 0;
  std::uint32_t instance = 0;
  std::uint32_t service = 0;
  Time arrival;
  std::uint32_t parent_call = no_index;  // none for a root request
  std::uint32_t parent_token = 0;        // the parent call's attempt token when sent
  std::uint32_t source = no_index;       // root requests: the traffic source
  std::uint32_t probe = no_index;        // probe requests: the probe...
  std::uint32_t probe_request = 0;       // ...and the request's number
  std::uint64_t call_mask = 0;           // which of the service's calls this request makes
  std::uint16_t next_call = 0;           // sequential fan-out: next call to consider
  std::uint16_t pending_calls = 0;
  std::uint32_t incarnation = 0;  // of its instance when admitted: a crash orphans the span
  bool holds_worker = false;
  bool failed = false;
  bool traced = false;
  ErrorCause cause = ErrorCause::Downstream;
};
static_assert(max_calls_per_service <= 64, "Span::call_mask holds one bit per call");

struct Call {
  std::uint32_t token = 0;  // bumped when an attempt is abandoned or the call ends
  std::uint32_t span = 0;
  std::uint32_t dependency = 0;
  std::uint16_t attempt = 0;
  Time start;
  ErrorCause fail_cause = ErrorCause::Unavailable;  // for an AttemptFailed event
};

class RingQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void push(std::uint32_t v);
  std::uint32_t pop();

 private:
  std::vector<std::uint32_t> buf_ = std::vector<std::uint32_t>(16);
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

struct InstanceRt {
  std::uint32_t service = 0;
  std::uint32_t zone = 0;
  std::uint32_t incarnation = 0;  // bumped on every crash
  bool in_rotation = true;        // as the load balancer sees it, from health checks
  int checks_failed = 0, checks_passed = 0;
  bool hung = false;
  std::vector<std::uint32_t> frozen;  // spans whose work finished while the instance hung
  Time cold_until;                    // warming up after a restart until then
  Duration cold_for;
  double cold_factor = 1;
  std::uint64_t last_change_seq = 0;    // record line of its last state change, as a cause
  std::uint32_t leak = no_index;        // the memory leak fault growing in it, if any
  std::vector<std::uint32_t> versions;  // bad deploys and config pushes it runs
  Time leak_since;                      // when the leak started growing (its last start)
  bool provisioned = true;              // false: a standby slot a scale-out can fill
  int busy = 0;
  std::int64_t in_flight = 0;  // spans at the instance: queued, working or waiting on calls
  RingQueue queue;
  std::int64_t busy_ns = 0;  // busy-worker time integral since the last sample
  Time busy_since;
  bool up = true;
  // This sample interval's requests delivered, successes, errors and the successes' latency.
  std::uint64_t interval_requests = 0, interval_ok = 0, interval_errors = 0;
  std::int64_t interval_latency_ns = 0;
};

struct Metrics {
  std::uint64_t requests = 0;
  std::uint64_t ok = 0;
  ErrorCounts errors{};
  LatencyHistogram latency;
  // One response: an error by its cause, or a success and its latency.
  void count(bool failed, ErrorCause cause, Duration d) {
    if (failed)
      ++errors[static_cast<std::size_t>(cause)];
    else {
      ++ok;
      latency.record(d);
    }
  }
  // Adds an interval's counts into a running total; `o` is then cleared by the caller.
  void add(const Metrics& o) {
    requests += o.requests;
    ok += o.ok;
    for (std::size_t c = 0; c < errors.size(); ++c) errors[c] += o.errors[c];
    latency.merge(o.latency);
  }
  void clear() {
    requests = ok = 0;
    errors = {};
    latency.clear();
  }
};

struct CircuitBreakerRt {
  CircuitState state = CircuitState::Closed;
  std::vector<std::uint32_t> calls, failures;  // ring of window buckets
  std::vector<std::int64_t> bucket_epoch;
  int probes_in_flight = 0;
  int probe_successes = 0;
  std::uint32_t epoch = 0;  // tokens for the half-open event
};

struct RetryBudgetRt {
  std::vector<std::uint32_t> firsts, retries;  // ring of one-second buckets
  std::vector<std::int64_t> bucket_second;
};

struct DependencyRt {
  std::uint32_t from = 0, to = 0;
  const CallSpec* spec = nullptr;
  Rng rng{0};  // retry jitter
  CircuitBreakerRt breaker;
  RetryBudgetRt budget;
  std::uint64_t calls = 0, attempts = 0, retries = 0, ok = 0;
  ErrorCounts errors{};
  LatencyHistogram latency;
  std::vector<std::uint32_t> faults;  // faults targeting this edge
  bool retries_off = false;           // responders turned retries off
  bool breaker_forced_open = false;   // responders forced the breaker open
  std::optional<Time> flushed_at;     // responders flushed the cache in front of it
  // The last sample interval's figures, for the responders' `deps` and `logs`.
  ErrorCounts last_errors{};
  std::uint64_t last_calls = 0;
  std::uint64_t last_ok = 0;  // calls that ended well in the last interval
  std::optional<Duration> last_p99;
};

struct ServiceRt {
  const ServiceSpec* spec = nullptr;
  std::vector<std::uint32_t> instances;     // running (provisioned) instances, in slot order
  std::vector<std::uint32_t> standby;       // slots a scale-out can fill, in slot order
  std::vector<std::uint32_t> dependencies;  // one per entry of spec->calls
  std::vector<std::uint32_t> slos;          // SLOs measured on this service's responses
  std::uint32_t rr = 0;
  bool has_shares = false;
  Rng work_rng{0}, call_rng{0}, lb_rng{0}, fault_rng{0};
  std::vector<std::uint32_t> faults;  // latency, errors and capacity faults on the service
  Metrics interval;
  Metrics total;              // over the samples written so far
  std::uint64_t retries = 0;  // since the last sample
  std::int64_t total_busy_ns = 0;
};

struct SourceRt {
  const TrafficSource* spec = nullptr;
  Rng rng{0};           // arrivals
  Rng trace_rng{0};     // which arrivals are traced
  double rate_max = 0;  // upper bound of the profile's rate, for thinning
  std::uint64_t generated = 0;
  std::vector<std::uint32_t> faults;  // traffic surges
  double shed = 0;                    // share rejected at the entry point (responders)
  std::optional<double> limit;        // requests per second let through (responders)
  double tokens = 0;                  // the rate limiter's bucket
  Time tokens_at;
  Rng shed_rng{0};
  Metrics interval;
  Metrics total;  // over the samples written so far
  std::vector<std::uint32_t> slos;
};

struct SloRt {
  const SloSpec* spec = nullptr;
  std::uint64_t interval_valid = 0, interval_good = 0;  // since the last sample
};

struct ProbeRt {
  const ProbeSpec* spec = nullptr;
  std::vector<std::uint8_t> answered;  // per request number: counted already (answer or timeout)
  ProbeCounts interval;
};

struct FaultRt {
  const FaultSpec* spec = nullptr;
  Rng rng{0};  // random failure and repair times
  bool active = false;
  Time started;
  std::uint64_t start_seq = 0;                  // the fault_start record line, cause of its effects
  std::vector<std::uint32_t> instances;         // instances it takes down or hangs
  std::vector<std::uint32_t> kill_incarnation;  // per instance: the life its next kill is for
  std::vector<Time> kill_due;   // per instance: when that kill is due (a responder's restart
                                // schedules one while the old life's is still pending)
  std::vector<Command> enders;  // the actions that end it when they take effect
  std::uint32_t release = 0;    // a bad_deploy: its ordinal among its service's (from 1)
};

class Engine {
 public:
  Engine(const Scenario& scenario, const RunInfo& info, eventlog::RecordWriter& out);

  // See Simulation::run_until.
  bool run_until(Time t, std::uint64_t max_events);
  Time now() const { return sched_.now(); }
  Time end_time() const { return end_; }
  bool done() const { return sched_.now() >= end_ && !mid_instant_; }
  void finish(std::string_view reason);
  std::uint64_t events_executed() const { return sched_.executed(); }
  RunSummary summary() const;

  CommandOutcome submit(const CommandInput& in);
  std::vector<ConsoleMessage> take_messages() { return std::exchange(messages_, {}); }
  std::string role_of(const std::string& responder) const;
  bool ended_early() const { return ended_early_; }
  const Scenario& scenario() const { return scenario_; }

 private:
  void build_topology();
  void write_header(const RunInfo& info);
  void dispatch(const PendingEvent& e);

  // Traffic.
  void schedule_next_arrival(std::uint32_t source);
  void on_arrival(std::uint32_t source);
  void start_root_request(std::uint32_t source, ArrivalKind kind);
  double profile_factor(const TrafficProfile& p, Time t) const;

  // Requests at instances.
  void send_to_service(std::uint32_t service, std::uint32_t span);
  void deliver(std::uint32_t instance, std::uint32_t span);
  void fail_span_at(std::uint32_t span, ErrorCause cause, Duration after);
  // no_index when no instance is in rotation.
  std::uint32_t pick_instance(ServiceRt& s);
  void start_work(std::uint32_t instance, std::uint32_t span);
  void on_work_done(std::uint32_t span, std::uint32_t gen);
  void release_worker(std::uint32_t instance);
  void choose_calls(Span& sp, ServiceRt& s);
  void continue_calls(std::uint32_t span);
  void respond(std::uint32_t span);
  void record_response(ServiceRt& s, const Span& sp, Duration latency);
  void record_root_response(const Span& sp, Duration latency);
  void count_unreachable_for_slos(const std::vector<std::uint32_t>& slos);
  void count_for_slos(const std::vector<std::uint32_t>& slos, const Span& sp, Duration latency);

  // Dependency calls.
  void start_call(std::uint32_t span, std::uint32_t dependency);
  void send_attempt(std::uint32_t call);
  void deliver_attempt(std::uint32_t call);
  void fail_attempt(std::uint32_t call, ErrorCause cause, Duration after);
  void on_attempt_result(std::uint32_t call, bool ok, ErrorCause cause);
  void on_call_timeout(std::uint32_t call, std::uint32_t token);
  void on_retry_due(std::uint32_t call, std::uint32_t token);
  void end_call(std::uint32_t call, bool ok, ErrorCause cause);
  Duration backoff(DependencyRt& d, int retry);
  bool budget_allows_retry(DependencyRt& d);
  void budget_note(DependencyRt& d, bool is_retry);

  // Circuit breakers.
  bool breaker_admits(std::uint32_t dependency);
  void breaker_record(std::uint32_t dependency, bool ok);
  void breaker_transition(std::uint32_t dependency, CircuitState to, double failure_ratio);
  void on_breaker_half_open(std::uint32_t dependency, std::uint32_t epoch);

  // Faults and health checks (engine_faults.cpp).
  void build_faults();
  void on_fault_start(std::uint32_t fault);
  // `cause`: the line that ended it early (a responder action); its start by default.
  void on_fault_end(std::uint32_t fault, std::optional<std::uint64_t> cause = std::nullopt);
  double fault_level(const FaultRt& f) const;
  void take_down(std::uint32_t instance, std::uint64_t cause);
  // Starts the instance cold, for `spec`'s cold_for at cold_factor.
  void bring_up(std::uint32_t instance, const FaultSpec& spec, std::uint64_t cause);
  void set_hung(std::uint32_t instance, bool hung, std::uint64_t cause);
  void on_health_check(std::uint32_t instance);
  void on_instance_kill(std::uint32_t fault, std::uint32_t k);
  void on_instance_restart(std::uint32_t instance, std::uint32_t fault);
  // Schedules the next kill of a restarted instance by a crash loop, leak or random failure.
  void schedule_next_kill(std::uint32_t instance, std::uint32_t fault);
  std::uint64_t fault_event(EventKind kind, std::uint32_t fault, std::uint32_t instance,
                            std::optional<std::uint64_t> cause);
  Duration work_time(ServiceRt& s, std::uint32_t instance);
  // The delay after which an `errors` fault fails this request, if one does.
  std::optional<Duration> injected_error(ServiceRt& s);
  std::optional<Duration> injected_error(DependencyRt& d);
  bool edge_drops(DependencyRt& d);
  bool zones_partitioned(std::uint32_t a, std::uint32_t b) const;
  bool cannot_connect(ServiceRt& s);  // a DNS failure or an expired certificate refused it
  std::string connection_error(std::uint32_t service) const;  // what a client logs then
  double cache_miss_probability(const DependencyRt& d, double normal) const;
  void deploy_to(std::uint32_t fault, std::uint32_t instance);
  Duration edge_delay(const DependencyRt& d) const;
  double surge_factor(const SourceRt& src, Time t) const;
  std::uint64_t instance_event(EventKind kind, std::uint32_t instance, std::uint64_t cause);

  // Monitoring (engine_monitoring.cpp).
  void build_monitoring();
  void observe_interval(Duration interval);
  // Adds the instance's sample to instance_samples_ (unless it is an empty standby slot) and
  // starts its next interval.
  void add_instance_sample(std::uint32_t instance, Duration interval);
  static IntervalStats interval_stats(const Metrics& m, const LatencyBuckets& latency_le,
                                      double utilisation, std::int64_t up, std::int64_t queued,
                                      std::int64_t in_flight);
  void schedule_notification();
  void on_probe_send(std::uint32_t probe);
  void probe_result(std::uint32_t probe, std::uint32_t request, bool ok);

  // Metrics.
  void accumulate_busy(InstanceRt& in);
  void write_samples();

  // Responders (engine_responders.cpp): commands, their effects and the incident's state.
  struct ActionRt {
    Command command;
    std::string text;  // its normal form, as the record has it
    std::string responder;
    std::uint64_t seq = 0;                 // the command line
    std::vector<std::uint32_t> instances;  // restarts and failovers: the instances when issued
  };
  std::uint64_t command_event(const CommandInput& in, std::string_view verb, std::string_view text,
                              std::string_view error);
  std::string run_command(std::uint32_t action);
  std::string process_command(const ActionRt& a);
  std::string facilitator_command(const ActionRt& a);
  Duration action_delay(Verb v) const;
  std::string start_action(std::uint32_t action);
  void on_action_due(std::uint32_t action, std::uint32_t step);
  std::uint64_t action_effect(const ActionRt& a);
  void end_faults(const ActionRt& a, std::uint64_t cause);
  bool held_down(std::uint32_t instance) const;  // by a zone outage or a failover in progress
  void scale_to(std::uint32_t service, int count, std::uint64_t cause);
  bool source_admits(SourceRt& src);
  void deliver_notifications();
  void message(ConsoleMessage::Kind kind, std::string text, std::string to = {});
  std::optional<std::string> holder_of(std::string_view role) const;  // present or not
  bool held_by_someone_present(std::string_view role) const;
  std::string refusal(const std::string& person, const Command& c) const;

  // Investigation (engine_investigate.cpp): what the monitoring shows, never the faults.
  std::string answer(const Command& c) const;
  std::string status_answer() const;
  std::string alerts_answer() const;
  std::string metrics_answer(std::uint32_t service) const;
  std::string instance_metrics_answer(std::uint32_t instance) const;
  // `view`: "instance", "version" or "zone".
  std::string metrics_by_answer(std::uint32_t service, std::string_view view) const;
  std::string deps_answer(std::uint32_t service) const;
  std::string logs_answer(std::uint32_t service) const;
  std::string deploys_answer() const;
  std::string describe_answer(std::uint32_t service) const;
  std::string truth_answer() const;
  void log_line(std::uint32_t service, std::string text);

  // The automatic on-call (engine_oncall.cpp), for `--responders auto`.
  void oncall_paged(const Monitor::Sent& page);
  void on_oncall_due(std::uint32_t what);  // the next step, or a check for quiet
  bool runbook_condition_holds(const RunbookCondition& c) const;

  Scenario scenario_;
  std::uint64_t seed_;
  eventlog::RecordWriter& out_;
  Scheduler sched_;
  Time end_;
  Time last_sample_;
  std::vector<ServiceRt> services_;
  std::vector<InstanceRt> instances_;
  std::vector<DependencyRt> dependencies_;
  std::vector<SourceRt> sources_;
  std::vector<SloRt> slos_;
  std::vector<FaultRt> faults_;
  std::vector<ProbeRt> probes_;
  std::vector<eventlog::InstanceSample> instance_samples_;  // one service's, being written
  std::optional<Monitor> monitor_;                          // when the scenario has alert rules
  std::optional<Time> notify_scheduled_;
  std::vector<IntervalStats> service_stats_, source_stats_;  // the interval just sampled
  std::vector<SloCounts> slo_stats_;
  std::vector<std::uint32_t> zone_partitions_;  // faults that separate two zones
  Pool<Span> spans_;
  Pool<Call> calls_;

  // Responders and the incident.
  std::vector<ActionRt> actions_;  // every accepted command, indexed by its action number
  std::vector<ConsoleMessage> messages_;
  std::vector<std::pair<std::string, std::string>> roles_;  // (person, role or seat)
  std::map<std::string, bool> seated_;      // who joined (the rules apply to them): still there?
  std::vector<std::uint8_t> acked_;         // per alert
  std::vector<std::uint8_t> zone_drained_;  // per zone
  struct Incident {
    std::optional<Time> declared, mitigated, resolved;
    std::string severity;
  } incident_;
  // The last samples of each service, for `metrics` and `status`.
  struct ServicePoint {
    Time t;
    std::uint64_t requests = 0;
    double error_ratio = 0;
    std::optional<Duration> p99;
    double utilisation = 0;
    std::int64_t up = 0, queued = 0;
  };
  static constexpr std::size_t history_points = 30;
  std::vector<std::deque<ServicePoint>> history_;
  std::vector<std::deque<eventlog::InstanceSample>> instance_history_;  // the same samples
  std::vector<std::deque<SloCounts>> slo_history_;                      // per SLO, the same samples
  // Whether every SLO met its objective over the samples of the last `window` (the SLO
  // dashboards a responder watches to call an incident mitigated).
  bool slos_healthy(Duration window) const;
  struct LogLine {
    Time t;
    std::string text;
  };
  std::vector<std::deque<LogLine>> logs_;  // per service: recent process-level log lines
  struct OnCall {
    bool enabled = false;
    Rng rng{0};
    bool ack_due = false;                // an OnCallDue is scheduled to acknowledge
    std::vector<std::uint32_t> waiting;  // runbooks to run, in order
    std::vector<std::uint8_t> started;   // per runbook, for this incident
    std::optional<std::uint32_t> book;   // running this runbook...
    std::uint32_t step = 0;              // ...at this step
    bool busy = false;                   // an OnCallDue is scheduled for a step
    std::optional<Time> quiet_since;     // no page-severity alert firing since
    bool check_scheduled = false;
  } oncall_;
  bool ended_early_ = false;
  std::uint64_t requests_ = 0;
  bool finished_ = false;
  bool mid_instant_ = false;  // a bounded run_until stopped with events at now() still to run
};

}  // namespace gameday::sim

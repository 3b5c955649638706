// The scenario model: plain typed structs, the only form of a scenario the runtime sees.
//
// The YAML loader (scenario_loader.hpp) builds and validates it; after a successful load every
// id is in range, every duration is non-negative and every ratio is in [0, 1], so the engine
// asserts instead of checking. Names are interned here once; everything else uses ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/name_index.hpp"
#include "gameday/core/random.hpp"
#include "gameday/core/time.hpp"
#include "gameday/model/fault_spec.hpp"
#include "gameday/model/monitoring_spec.hpp"
#include "gameday/model/vocabulary.hpp"

namespace gameday::model {

enum class ConcurrencyModel : std::uint8_t {
  ThreadPerRequest,  // a worker is held until the request responds, through downstream calls
  Async,             // only the service's own work holds a worker
};

enum class LoadBalancing : std::uint8_t { RoundRobin, Random, LeastOutstanding };
enum class FanOut : std::uint8_t { Sequential, Parallel };
enum class Jitter : std::uint8_t { None, Full, Equal };

struct RetryPolicy {
  int max = 0;               // retries after the first attempt
  Duration backoff = ms(0);  // base delay before retry k: backoff * 2^(k-1)
  Duration backoff_max = seconds(10);
  Jitter jitter = Jitter::None;
};

// Retries are allowed while retries in the last `window` stay under
// min_per_second * window + ratio * first attempts in the window (Finagle-style budget).
struct RetryBudget {
  double ratio = 0.2;
  double min_per_second = 10;
  Duration window = seconds(10);
};

struct CircuitBreaker {
  double failure_ratio = 0.5;  // opens when the window's failure ratio reaches this...
  int min_calls = 20;          // ...over at least this many calls
  Duration window = seconds(10);
  Duration open_for = seconds(30);
  int half_open_probes = 5;  // successes in half-open needed to close
};

struct CallSpec {
  ServiceId to;
  // Exactly one of the two: `probability` calls independently; the calls of a service that
  // have a `share` form one group from which at most one is picked per request.
  std::optional<double> probability;
  std::optional<double> share;
  std::optional<Duration> timeout;  // per attempt; none means wait forever
  RetryPolicy retries;
  std::optional<RetryBudget> retry_budget;
  std::optional<CircuitBreaker> circuit_breaker;
};

// How a load balancer decides an instance is out of (or back in) rotation: a check every
// `interval`; an instance that is down or hung fails it.
struct HealthCheck {
  Duration interval = seconds(10);
  int unhealthy_threshold = 3;  // consecutive failures that take it out of rotation
  int healthy_threshold = 2;    // consecutive passes that bring it back
};

// The calls a request will make are one 64-bit set in the engine; the loader checks the limit.
inline constexpr std::size_t max_calls_per_service = 64;

struct ServiceSpec {
  std::string name;
  int replicas = 1;
  int max_replicas = 1;       // replicas plus the standby slots a scale-out can fill
  std::vector<ZoneId> zones;  // instances are placed round-robin across these
  ConcurrencyModel concurrency = ConcurrencyModel::ThreadPerRequest;
  int workers = 16;                  // per instance
  std::optional<int> queue;          // per instance; none means unbounded
  std::optional<int> max_in_flight;  // per instance, Async only; none means no cap
  DurationDistribution service_time = DurationDistribution::constant(ms(1));
  LoadBalancing load_balancing = LoadBalancing::RoundRobin;
  FanOut fan_out = FanOut::Sequential;
  std::vector<CallSpec> calls;  // at most max_calls_per_service
  HealthCheck health_check;
};

struct TrafficProfile {
  enum class Shape : std::uint8_t { Constant, Diurnal, Step, Spike, Ramp };
  Shape shape = Shape::Constant;
  double factor = 1;  // Diurnal: at peak; Step, Spike: while active; Ramp: at `until`
  double trough = 1;  // Diurnal: factor at the opposite point of the day
  Duration peak_at;   // Diurnal: time of day of the peak
  Duration at;        // Step, Spike: start; Ramp: start of the ramp
  Duration length;    // Spike: how long it lasts
  Duration until;     // Ramp: end of the ramp (the factor holds afterwards)
};

struct TrafficSource {
  std::string name;
  ServiceId to;
  double rate_per_second = 0;  // the base rate, multiplied by the profile
  TrafficProfile profile;
  std::optional<std::uint64_t> max_requests;  // stop after this many arrivals (load tests)
};

struct SloSpec {
  enum class Kind : std::uint8_t { Availability, Latency };
  std::string name;
  Kind kind = Kind::Availability;
  ServiceId service;                // the service whose responses are measured...
  std::optional<SourceId> journey;  // ...or, when set, one traffic source end to end
  double objective = 0.999;         // share of good requests
  Duration window = hours(24 * 30);
  Duration latency_threshold;  // Latency: a request is good when faster than this
};

// How long each responder action takes to act (from the command to its effect), and how
// long each look-only command takes to answer. See docs/responders.md.
struct ActionDelays {
  Duration restart = seconds(30);  // per instance: stop, start, then a cold start
  Duration rollback = minutes(2);
  Duration revert = minutes(1);
  Duration scale = seconds(90);  // to provision an instance; it then starts cold
  Duration failover = seconds(45);
  Duration drain = seconds(30);
  Duration shed = seconds(15);
  Duration limit = seconds(15);
  Duration retries = seconds(30);
  Duration breaker = seconds(30);
  Duration flush = seconds(5);
  Duration warm = minutes(2);
  Duration cache_warm_for = minutes(10);  // a flushed cache back to its normal hit ratio
  Duration investigate;                   // each look-only command
};

// A runbook step: a command, run when its condition (if any) holds on what the monitoring
// shows at that moment.
struct RunbookCondition {
  enum class Kind : std::uint8_t {
    AlertFiring,
    ErrorRatioAbove,
    P99Above,
    UtilisationAbove,
    InstancesUpBelow
  };
  Kind kind = Kind::AlertFiring;
  AlertId alert;
  ServiceId service;
  double value = 0;  // a ratio, seconds (p99) or a count
};
struct RunbookStep {
  std::string command;  // parsed when the scenario is loaded, so it is known to be valid
  std::optional<RunbookCondition> when;
};
struct Runbook {
  std::string name;
  std::vector<AlertId> alerts;  // a page for any of these starts it
  std::string severity = "SEV2";
  std::vector<RunbookStep> steps;
};

// Who may do what in a hosted game (`responders.rules`): the incident roles each kind of
// command is for. People seated as observers only watch; the facilitator may do anything; and
// while nobody present holds any of a kind's roles, anyone seated may. See docs/responders.md.
struct SeatRules {
  std::vector<Role> act = {Role::IncidentCommander, Role::Operations};  // actions
  std::vector<Role> update = {Role::IncidentCommander, Role::Communications};
  std::vector<Role> lead = {Role::IncidentCommander};  // declare, role, mitigated, resolve
  bool operator==(const SeatRules&) const = default;
};

// The on-call model of `--responders auto`.
struct OnCallSpec {
  DurationDistribution ack_after = DurationDistribution::lognormal_p50_p99(minutes(2), minutes(8));
  Duration resolve_after = minutes(15);  // quiet time with nothing firing before resolving
};

// What the scenario's authors expect of a good response (`scoring.targets`); the scorecard says
// which were met. See docs/scoring.md.
struct ScoringTargets {
  std::optional<Duration> time_to_detect, time_to_acknowledge, time_to_declare, time_to_mitigate,
      time_to_recover;
  std::optional<double> error_budget;  // the largest share of one SLO's budget
  std::optional<Duration> status_update_first, status_update_every;
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  Duration duration = hours(1);
  Duration start_time_of_day;  // wall-clock time of day at simulated t = 0
  Duration sample_interval = seconds(10);
  double trace_sample_ratio = 0;  // share of root requests traced into the record
  std::vector<std::string> zones;
  std::vector<ServiceSpec> services;
  std::vector<TrafficSource> traffic;
  std::vector<SloSpec> slos;
  std::vector<FaultSpec> faults;
  MonitoringSpec monitoring;  // alert rules, probes, routing
  ActionDelays delays;
  OnCallSpec oncall;
  SeatRules rules;
  std::vector<Runbook> runbooks;
  ScoringTargets targets;

  // Name lookups through an index built once by index_names(), which the loader calls when
  // the scenario is complete (call it again after changing names or lists by hand).
  std::optional<ServiceId> find_service(std::string_view n) const;
  std::optional<ZoneId> find_zone(std::string_view n) const;
  std::optional<SourceId> find_source(std::string_view n) const;
  std::optional<SloId> find_slo(std::string_view n) const;
  const ServiceSpec& service(ServiceId id) const { return services[id.index()]; }
  void index_names();

 private:
  struct Index {
    NameIndex services, zones, sources, slos;
    std::size_t sizes[4] = {};  // of the lists when indexed, to catch a stale index
  } index_;
};

// The share of an SLO's requests that may fail, 1 - objective, rounded to 12 decimals: "99.9%"
// parses to 0.9990000000000001, whose complement falls short of 0.1 %, and the rounding
// restores the value the author meant, so a window exactly at factor x budget does not
// "exceed" it by rounding. Burn-rate alerts, and the rules exported for Prometheus, use it.
double allowed_error(const SloSpec& slo);

// A source's highest arrival rate: its rate times the profile's peak and every traffic surge
// on it (surges are assumed to overlap). The bound the engine thins arrivals from.
double peak_arrival_rate(const Scenario& s, SourceId source);

// Upper limits the loader enforces, so that what one simulated second costs is bounded
// (docs/scenario-reference.md, "Limits").
namespace limits {
inline constexpr double arrival_rate = 1'000'000;  // per second, all sources at their peak
inline constexpr double rate_factor = 1000;        // a profile's or a traffic surge's factor
inline constexpr std::int64_t herd_requests = 500'000;
inline constexpr std::size_t services = 10'000;
inline constexpr std::int64_t instances = 100'000;   // max_replicas summed over services
inline constexpr Duration check_interval = ms(100);  // health checks and probes, at least
// A run's duration and sample interval: also what a record's reader accepts, so no reader of a
// record ever does arithmetic on times beyond these.
inline constexpr Duration duration = hours(24 * 30);     // at most
inline constexpr Duration sample_interval = seconds(1);  // at least
// Any other duration in a scenario, at most: ten years, far beyond any use, and small enough
// that times plus a few such spans stay far from overflowing.
inline constexpr Duration span = hours(24 * 3650);
}  // namespace limits

}  // namespace gameday::model

// Faults as data: what breaks, where, when, and how hard.
//
// A fault has a kind, a target selector, a schedule and the kind's own parameters. The loader
// checks that each kind gets only the parameters it uses and a target of the right shape;
// the engine compiles the faults into events in the same queue as everything else, and model
// code reacts through state (an instance is down, an edge drops calls), never by throwing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/ids.hpp"
#include "gameday/core/time.hpp"

namespace gameday::model {

enum class FaultKind : std::uint8_t {
  Crash,              // instances stop; the supervisor restarts them after a delay, cold
  CrashLoop,          // instances crash again `uptime` after every restart, while it lasts
  MemoryLeak,         // service time creeps up until the instance is killed for memory, restarts
  Hang,               // instances stop answering but keep accepting (requests pile up, time out)
  Latency,            // extra latency on a service's responses, or on one dependency edge
  Errors,             // a share of requests fail, at once or after a delay
  CapacityLoss,       // service time multiplied (CPU contention, noisy neighbour)
  PacketLoss,         // a share of calls on an edge are lost: the caller waits for its timeout
  Partition,          // calls between two services or two zones fail to connect
  ZoneOutage,         // every instance in a zone goes down
  TrafficSurge,       // a traffic source's rate multiplied
  ThunderingHerd,     // a burst of requests from a source, all within `spread`
  DiskFull,           // the share of requests that write fail
  BadDeploy,          // a new version rolls out instance by instance, with errors or latency
  ConfigPush,         // a config change reaches every instance at once
  DnsFailure,         // new connections to a service fail: its name does not resolve
  CertificateExpiry,  // connections to a service fail: its certificate has expired
  Failover,           // a primary is unavailable while its replica is promoted
  CacheLoss,          // a cache in front of a dependency is empty: every lookup misses
};

// The kind's name in scenarios and in the record ("crash_loop").
std::string_view fault_kind_name(FaultKind k);

struct FaultTarget {
  enum class Kind : std::uint8_t { Service, Edge, Zone, ZonePair, Source };
  Kind kind = Kind::Service;
  ServiceId service;            // Service; Edge: the caller
  ServiceId to;                 // Edge: the callee
  ZoneId zone;                  // Zone; ZonePair: the first zone
  ZoneId other_zone;            // ZonePair
  SourceId source;              // Source
  std::optional<int> count;     // Service: how many instances (the first N); all when unset
  std::optional<double> share;  // Service: which share of the instances
};

struct FaultSpec {
  std::string name;
  FaultKind kind = FaultKind::Latency;
  FaultTarget target;
  Duration at;                     // start, from the start of the run
  std::optional<Duration> length;  // `for`; none: until the end of the run
  Duration ramp;                   // magnitude ramps from 0 to full over this span
  // Parameters; each kind uses the ones the loader allows for it.
  Duration add;                          // Latency
  double share = 1.0;                    // Errors, PacketLoss: share of requests affected
  Duration after;                        // Errors: fail after this delay (0: fast failure)
  double factor = 1.0;                   // CapacityLoss, TrafficSurge
  Duration restart_after = seconds(30);  // Crash: the supervisor's restart delay
  Duration cold_for = minutes(2);        // Crash: how long a restarted instance stays cold
  double cold_factor = 3.0;              // Crash: service time multiplier while cold
  Duration uptime = seconds(20);         // CrashLoop: how long an instance stays up
  double growth_per_minute = 0.1;        // MemoryLeak: service time factor added per minute up
  double oom_factor = 4.0;               // MemoryLeak: killed when the factor reaches this
  // Crash: random failures instead of one at `at`: each instance fails after exponentially
  // distributed times with mean `mtbf` and is restarted after a mean of `repair`.
  std::optional<Duration> mtbf;
  Duration repair = minutes(5);
  Duration rollout = minutes(10);      // BadDeploy: from the first instance to the last
  Duration warm_for = minutes(10);     // CacheLoss: until the hit ratio is back to normal
  std::uint64_t requests = 1000;       // ThunderingHerd: the burst
  Duration spread = seconds(1);        // ThunderingHerd: over how long it arrives
  std::optional<FaultId> until_fault;  // ends when that fault ends (`until: {fault: X}`)
  // Ends when a responder action with this normal form takes effect (`until: {action: X}`,
  // see Command::canonical); lasts to the end of the run otherwise.
  std::optional<std::string> until_action;
};

}  // namespace gameday::model

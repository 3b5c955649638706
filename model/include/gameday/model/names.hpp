// The names of the scenario model's enumerations, as scenarios and records spell them.
//
// One table per enumeration, used by the YAML loader, the record's scenario codec and anything
// that prints a value, so a name is written in one place. The order of a table is the order
// in which messages list the choices.
#pragma once

#include <optional>
#include <string_view>

#include "gameday/core/random.hpp"
#include "gameday/model/scenario.hpp"

namespace gameday::model {

template <class E>
struct EnumName {
  std::string_view name;
  E value;
};

// The value's name in `table`, or "?" for a value the table lacks (a programming error).
template <class E, std::size_t N>
constexpr std::string_view name_of(const EnumName<E> (&table)[N], E value) {
  for (const auto& n : table)
    if (n.value == value) return n.name;
  return "?";
}

template <class E, std::size_t N>
constexpr std::optional<E> value_of(const EnumName<E> (&table)[N], std::string_view name) {
  for (const auto& n : table)
    if (n.name == name) return n.value;
  return std::nullopt;
}

inline constexpr EnumName<FaultKind> fault_kind_names[] = {
    {"crash", FaultKind::Crash},
    {"crash_loop", FaultKind::CrashLoop},
    {"memory_leak", FaultKind::MemoryLeak},
    {"hang", FaultKind::Hang},
    {"latency", FaultKind::Latency},
    {"errors", FaultKind::Errors},
    {"capacity_loss", FaultKind::CapacityLoss},
    {"packet_loss", FaultKind::PacketLoss},
    {"partition", FaultKind::Partition},
    {"zone_outage", FaultKind::ZoneOutage},
    {"traffic_surge", FaultKind::TrafficSurge},
    {"thundering_herd", FaultKind::ThunderingHerd},
    {"disk_full", FaultKind::DiskFull},
    {"bad_deploy", FaultKind::BadDeploy},
    {"config_push", FaultKind::ConfigPush},
    {"dns_failure", FaultKind::DnsFailure},
    {"certificate_expiry", FaultKind::CertificateExpiry},
    {"failover", FaultKind::Failover},
    {"cache_loss", FaultKind::CacheLoss},
};

inline constexpr EnumName<ConcurrencyModel> concurrency_names[] = {
    {"threads", ConcurrencyModel::ThreadPerRequest}, {"async", ConcurrencyModel::Async}};
inline constexpr EnumName<LoadBalancing> load_balancing_names[] = {
    {"round_robin", LoadBalancing::RoundRobin},
    {"random", LoadBalancing::Random},
    {"least_outstanding", LoadBalancing::LeastOutstanding}};
inline constexpr EnumName<FanOut> fan_out_names[] = {{"sequential", FanOut::Sequential},
                                                     {"parallel", FanOut::Parallel}};
inline constexpr EnumName<Jitter> jitter_names[] = {
    {"none", Jitter::None}, {"full", Jitter::Full}, {"equal", Jitter::Equal}};
inline constexpr EnumName<DurationDistribution::Kind> distribution_names[] = {
    {"exponential", DurationDistribution::Kind::Exponential},
    {"constant", DurationDistribution::Kind::Constant},
    {"lognormal", DurationDistribution::Kind::Lognormal}};

inline constexpr EnumName<TrafficProfile::Shape> shape_names[] = {
    {"constant", TrafficProfile::Shape::Constant},
    {"diurnal", TrafficProfile::Shape::Diurnal},
    {"step", TrafficProfile::Shape::Step},
    {"spike", TrafficProfile::Shape::Spike},
    {"ramp", TrafficProfile::Shape::Ramp}};
inline constexpr EnumName<SloSpec::Kind> sli_names[] = {
    {"availability", SloSpec::Kind::Availability}, {"latency", SloSpec::Kind::Latency}};

inline constexpr EnumName<Severity> severity_names[] = {{"page", Severity::Page},
                                                        {"ticket", Severity::Ticket}};
inline constexpr EnumName<AlertMetric> metric_names[] = {
    {"error_ratio", AlertMetric::ErrorRatio},
    {"latency_p50", AlertMetric::LatencyP50},
    {"latency_p90", AlertMetric::LatencyP90},
    {"latency_p95", AlertMetric::LatencyP95},
    {"latency_p99", AlertMetric::LatencyP99},
    {"request_rate", AlertMetric::RequestRate},
    {"saturation", AlertMetric::Saturation},
    {"instances_up", AlertMetric::InstancesUp},
    {"queue_depth", AlertMetric::QueueDepth},
    {"probe_failure_ratio", AlertMetric::ProbeFailureRatio}};
inline constexpr EnumName<Comparison> comparison_names[] = {{"above", Comparison::Above},
                                                            {"below", Comparison::Below}};
inline constexpr EnumName<GroupBy> group_by_names[] = {{"alertname", GroupBy::AlertName},
                                                       {"service", GroupBy::Service}};

}  // namespace gameday::model

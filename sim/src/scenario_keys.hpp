// The keys each object of the scenario format accepts: the one place that declares them.
//
// The loader builds a MapReader from these sets, so a key is unknown exactly when it is not
// listed here, and "did you mean" suggestions come from the same list. A key that a reader
// asks for but that is not listed is a programmer error (asserted). Keep these in sync with
// docs/scenario-reference.md and scenarios/schema/scenario.schema.json: tests/sim/schema_test.cpp
// maps each array to its schema object and fails when the keys differ (add a new array there).
#pragma once

#include <string_view>

namespace gameday::sim::keys {

inline constexpr std::string_view scenario[] = {
    "scenario",     "description", "seed",     "duration",   "start_at", "sample_interval",
    "trace_sample", "zones",       "services", "traffic",    "slos",     "faults",
    "alerts",       "probes",      "alerting", "responders", "runbooks", "scoring"};

// `scoring`: what a good response achieves, checked by the scorecard.
inline constexpr std::string_view scoring[] = {"targets"};
inline constexpr std::string_view targets[] = {
    "time_to_detect",  "time_to_acknowledge", "time_to_declare",     "time_to_mitigate",
    "time_to_recover", "error_budget",        "status_update_first", "status_update_every"};

// `responders`: the on-call model and how long actions take.
inline constexpr std::string_view responders[] = {"ack_after", "resolve_after", "investigate",
                                                  "delays", "rules"};
inline constexpr std::string_view rules[] = {"act", "update", "lead"};
inline constexpr std::string_view delays[] = {
    "restart", "rollback", "revert",  "scale", "failover", "drain",         "shed",
    "limit",   "retries",  "breaker", "flush", "warm",     "cache_warm_for"};
inline constexpr std::string_view ack_after[] = {"p50", "p99"};
inline constexpr std::string_view runbook[] = {"name", "alerts", "severity", "steps"};
inline constexpr std::string_view runbook_step[] = {"do", "if"};
inline constexpr std::string_view runbook_condition[] = {
    "alert",     "service",           "error_ratio_above",
    "p99_above", "utilisation_above", "instances_up_below"};

inline constexpr std::string_view service[] = {
    "name",    "replicas", "max_replicas",  "zones",        "concurrency",
    "workers", "queue",    "max_in_flight", "service_time", "load_balancing",
    "fan_out", "calls",    "health_check"};

// service_time as a mapping: {mean, distribution} or {p50, p99}.
inline constexpr std::string_view service_time[] = {"mean", "distribution", "p50", "p99"};

inline constexpr std::string_view call[] = {"to",      "probability",  "share",          "timeout",
                                            "retries", "retry_budget", "circuit_breaker"};

inline constexpr std::string_view retries[] = {"max", "backoff", "backoff_max", "jitter"};

inline constexpr std::string_view retry_budget[] = {"ratio", "min_per_second", "window"};

inline constexpr std::string_view circuit_breaker[] = {"failure_ratio", "min_calls", "window",
                                                       "open_for", "half_open_probes"};

inline constexpr std::string_view traffic[] = {"name", "to", "rate", "profile", "requests"};

// Traffic profiles: the keys depend on the shape. `profile_any` is the union, used when the
// shape itself is missing or unknown so the other keys can still be checked.
inline constexpr std::string_view profile_constant[] = {"shape"};
inline constexpr std::string_view profile_diurnal[] = {"shape", "peak", "trough", "peak_at"};
inline constexpr std::string_view profile_step[] = {"shape", "at", "factor"};
inline constexpr std::string_view profile_spike[] = {"shape", "at", "for", "factor"};
inline constexpr std::string_view profile_ramp[] = {"shape", "from", "to", "factor"};
inline constexpr std::string_view profile_any[] = {"shape", "peak", "trough", "peak_at", "at",
                                                   "for",   "from", "to",     "factor"};

inline constexpr std::string_view slo[] = {"name",      "service",   "journey", "sli",
                                           "threshold", "objective", "window"};
// An item of `slos` that imports SLOs from a Sloth or OpenSLO file (scenario_import.cpp).
inline constexpr std::string_view slo_import[] = {"import", "service", "journey"};

// Faults: the common keys plus each kind's own parameters (see fault_spec.hpp). Every kind
// with a `for` can also end `until` another fault ends.
inline constexpr std::string_view fault_crash[] = {"name",   "kind",          "target",    "at",
                                                   "random", "restart_after", "cold_start"};
inline constexpr std::string_view fault_crash_loop[] = {
    "name", "kind", "target", "at", "for", "until", "uptime", "restart_after", "cold_start"};
inline constexpr std::string_view fault_memory_leak[] = {
    "name",   "kind",   "target",        "at",        "for", "until",
    "growth", "oom_at", "restart_after", "cold_start"};
inline constexpr std::string_view random_failures[] = {"mtbf", "repair"};
inline constexpr std::string_view fault_hang[] = {"name", "kind", "target", "at", "for", "until"};
inline constexpr std::string_view fault_latency[] = {"name", "kind",  "target", "at",
                                                     "for",  "until", "ramp",   "add"};
inline constexpr std::string_view fault_errors[] = {"name",  "kind", "target", "at",   "for",
                                                    "until", "ramp", "share",  "after"};
inline constexpr std::string_view fault_capacity_loss[] = {"name", "kind",  "target", "at",
                                                           "for",  "until", "ramp",   "factor"};
inline constexpr std::string_view fault_packet_loss[] = {"name", "kind",  "target", "at",
                                                         "for",  "until", "ramp",   "share"};
inline constexpr std::string_view fault_partition[] = {"name", "kind", "target",
                                                       "at",   "for",  "until"};
inline constexpr std::string_view fault_zone_outage[] = {"name", "kind",  "target",    "at",
                                                         "for",  "until", "cold_start"};
inline constexpr std::string_view fault_traffic_surge[] = {"name", "kind",  "target", "at",
                                                           "for",  "until", "ramp",   "factor"};
inline constexpr std::string_view fault_thundering_herd[] = {"name", "kind",     "target",
                                                             "at",   "requests", "spread"};
inline constexpr std::string_view fault_disk_full[] = {"name", "kind",  "target", "at",
                                                       "for",  "until", "share"};
inline constexpr std::string_view fault_bad_deploy[] = {
    "name", "kind", "target", "at", "for", "until", "rollout", "share", "add", "factor"};
inline constexpr std::string_view fault_config_push[] = {"name",  "kind",  "target", "at",    "for",
                                                         "until", "share", "add",    "factor"};
inline constexpr std::string_view fault_connection[] = {"name", "kind",  "target", "at",
                                                        "for",  "until", "share"};
inline constexpr std::string_view fault_failover[] = {"name", "kind", "target",
                                                      "at",   "for",  "cold_start"};
inline constexpr std::string_view fault_cache_loss[] = {"name", "kind",  "target", "at",
                                                        "for",  "until", "share",  "warm_for"};
inline constexpr std::string_view fault_any[] = {
    "name",   "kind",   "target", "at",      "for",           "until",      "ramp",
    "add",    "share",  "after",  "factor",  "restart_after", "cold_start", "random",
    "uptime", "growth", "oom_at", "rollout", "warm_for",      "requests",   "spread"};
inline constexpr std::string_view fault_until[] = {"fault", "action"};
inline constexpr std::string_view cold_start[] = {"for", "factor"};
// A fault's target as a mapping; which keys are allowed depends on the fault's kind.
inline constexpr std::string_view target_instances[] = {"service", "instances"};
inline constexpr std::string_view target_service[] = {"service"};
inline constexpr std::string_view target_edge[] = {"from", "to"};
inline constexpr std::string_view target_service_or_edge[] = {"service", "from", "to"};
inline constexpr std::string_view target_zone[] = {"zone"};
inline constexpr std::string_view target_partition[] = {"from", "to", "zones"};
inline constexpr std::string_view target_source[] = {"source"};

inline constexpr std::string_view health_check[] = {"interval", "unhealthy_threshold",
                                                    "healthy_threshold"};

// Monitoring (scenario_monitoring.cpp). An alert is a threshold rule or a burn-rate rule; the
// union is accepted here and the keys of the other kind are reported as not allowed.
inline constexpr std::string_view alert[] = {
    "name",   "severity", "summary", "metric", "service",         "journey",  "probe",
    "window", "above",    "below",   "for",    "keep_firing_for", "burn_rate"};

inline constexpr std::string_view burn_rate[] = {"slo", "preset", "long", "short", "factor"};

inline constexpr std::string_view probe[] = {"name", "service", "interval", "timeout"};

inline constexpr std::string_view alerting[] = {
    "evaluation_interval", "group_wait", "group_interval",
    "repeat_interval",     "group_by",   "inhibit"};

inline constexpr std::string_view inhibit[] = {"source", "target"};

}  // namespace gameday::sim::keys

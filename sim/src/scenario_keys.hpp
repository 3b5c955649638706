// The keys each object of the scenario format accepts: the one place that declares them.
//
// The loader builds a MapReader from these sets, so a key is unknown exactly when it is not
// listed here, and "did you mean" suggestions come from the same list. A key that a reader
// asks for but that is not listed is a programmer error (asserted). Keep these in sync with
// docs/scenario-reference.md; the scenario JSON Schema is meant to be checked against them.
#pragma once

#include <string_view>

namespace gameday::sim::keys {

inline constexpr std::string_view scenario[] = {
    "scenario",     "description", "seed",     "duration", "start_at", "sample_interval",
    "trace_sample", "zones",       "services", "traffic",  "slos"};

inline constexpr std::string_view service[] = {
    "name",          "replicas",     "zones",          "concurrency", "workers", "queue",
    "max_in_flight", "service_time", "load_balancing", "fan_out",     "calls"};

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

}  // namespace gameday::sim::keys

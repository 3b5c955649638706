// The scorecard: what a run's record says about the incidents in it, as plain values computed
// by one pure function, score(). Every figure's definition and its source in the record are in
// docs/scoring.md; the field names here are the JSON schema's (scorecard_version 1).
//
// Instants the record cannot support yet are optional and stay empty: acknowledgement,
// declaration, mitigation by a responder's action and resolution need responder events the
// simulator does not write today. An optional that is empty for a figure the record does
// support means "not reached before the run ended" (the run stopped, or was killed, first).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/reader.hpp"

namespace gameday::scoring {

inline constexpr int scorecard_version = 1;

struct ScoreOptions {
  // How long the SLIs must stay within objective before an impact counts as over.
  Duration stabilisation = minutes(5);
};

// An alert's firing that detected a fault: when, and how long after the fault and its impact.
struct Detection {
  std::string alert;
  std::string severity;  // "page" or "ticket"
  Time fired;
  Duration after_fault_start;
  std::optional<Duration> after_impact_start;  // negative when it fired before the impact
};

// One occurrence of a fault (a random fault has one per failure).
struct FaultOccurrence {
  std::string name;
  std::string kind;
  std::optional<std::string> instance;  // random failures name the instance
  Time start;
  std::optional<Time> end;            // none: it lasted to the end of the record
  std::optional<Time> impact_start;   // first SLO breach caused (see Incident::impact_start)
  std::vector<Detection> detections;  // first firing of each alert, in time order
};

// What one SLO lost during an incident's impact.
struct SloImpact {
  std::string name;
  std::string sli;      // "availability" or "latency"
  std::string subject;  // "service frontend" or "journey shoppers"
  double objective = 0;
  Duration window;
  std::uint64_t valid = 0;     // requests counted during the impact
  std::uint64_t bad = 0;       // of those, not good
  double budget_consumed = 0;  // bad / (1 − objective) / expected valid over the SLO window
  double peak_bad_ratio = 0;   // largest bad/valid of one sample interval in the impact
};

struct Incident {
  int number = 0;  // 1, 2, ... in order of start
  std::vector<FaultOccurrence> faults;

  Time fault_start;                  // the earliest fault's start
  std::optional<Time> impact_start;  // end of the first sample interval breaching an SLO
  std::optional<Time> detection;     // first alert firing attributed to the incident
  std::optional<std::string> detected_by;
  std::optional<Time> first_page;
  // Responder milestones: no responder events exist in the record format yet.
  std::optional<Time> acknowledged;
  std::optional<Time> declared;
  std::optional<Time> mitigated_by_action;
  std::optional<Time> resolved;
  // Impact end ("mitigation"): end of the last breaching interval, once the SLIs then stayed
  // within objective for the stabilisation window.
  std::optional<Time> impact_end;
  std::optional<Time> recovery;  // every fault ended and the impact over

  std::optional<Duration> time_to_detect;    // impact start -> detection (negative: before)
  std::optional<Duration> time_to_page;      // impact start -> first page
  std::optional<Duration> time_to_mitigate;  // impact start -> impact end
  std::optional<Duration> time_to_recover;   // fault start -> recovery

  std::uint64_t failed_requests = 0;  // journeys' root requests that failed, during impact
  std::uint64_t slow_requests = 0;    // succeeded but over a journey latency SLO's threshold
  double user_minutes = 0;            // sum over journeys and intervals of failed share x minutes
  double peak_error_ratio = 0;        // largest failed share of one journey in one interval
  std::optional<std::string> peak_source;
  std::optional<Time> peak_at;
  std::vector<SloImpact> slos;

  int pages = 0;    // page notifications from fault start to the end of the attribution window
  int tickets = 0;  // ticket notifications in the same span
};

// An alert that fired while no incident was open: no fault active, no impact.
struct NoiseAlert {
  std::string alert;
  std::string severity;
  Time fired;
};

struct Scorecard {
  int version = scorecard_version;
  std::string scenario_name;
  std::string scenario_hash;
  std::string tool_version;
  std::uint64_t seed = 0;
  Duration planned_duration;
  Duration sample_interval;
  Duration stabilisation;
  Time record_end;  // the end line's time, or the last line's when it is missing
  std::optional<std::string> end_reason;  // "completed", "interrupted"; none: killed
  std::vector<Incident> incidents;
  std::vector<NoiseAlert> noise;
  int pages = 0;                   // every page in the record
  int tickets = 0;                 // every ticket in the record
  std::vector<std::string> notes;  // what limits the figures, e.g. "the record has no SLOs"
};

Scorecard score(const eventlog::Record& record, const ScoreOptions& options = {});

}  // namespace gameday::scoring

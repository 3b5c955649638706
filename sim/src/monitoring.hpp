// The monitoring runtime: alert rules evaluated with Prometheus semantics over windows of
// metric samples, SLO burn-rate alerts, and Alertmanager-like grouping, inhibition and
// notification (pages and tickets). Private to sim/; the engine drives it.
//
// The engine calls, at one instant and in this order: observe() after every metric sample,
// evaluate() at every multiple of evaluation_interval(), and notify_due() at
// next_notification_due() (schedule it exactly; observe and evaluate also catch up on any due
// time they pass). Windows are sums over the samples whose interval ends in (t - window, t];
// each watched series keeps cumulative sums in a ring sized by its longest window, and each rule
// keeps a cursor per window that only moves forward, so a window sum is two lookups, amortized
// O(1) per evaluation whatever the window. Everything is ordered by ids: same input, same output.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/record.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/model.hpp"

namespace gameday::sim {

// The record's latency buckets (Prometheus-style bounds; +Inf is latency_count).
using eventlog::latency_bucket_bounds;
using eventlog::latency_bucket_count;
using eventlog::LatencyBuckets;

// One service or traffic source over one sample interval.
struct IntervalStats {
  std::uint64_t requests = 0;  // arrived
  std::uint64_t ok = 0;        // responded successfully
  eventlog::ErrorCounts errors{};
  LatencyBuckets latency_le{};      // successful responses <= each bound (cumulative)
  std::uint64_t latency_count = 0;  // successful responses with a latency (the +Inf bucket)
  double utilisation = 0;
  std::int64_t instances_up = 0;
  std::int64_t queued = 0;
  std::int64_t in_flight = 0;
};

struct SloCounts {
  std::uint64_t valid = 0;
  std::uint64_t good = 0;
};

struct ProbeCounts {
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;
};

// Counts one successful response of latency `d` into `s`'s buckets.
void add_latency(IntervalStats& s, Duration d, std::uint64_t n = 1);

// Prometheus histogram_quantile: the q-quantile (0..1) in seconds from cumulative bucket counts
// and the total, interpolating linearly inside the bucket; the highest finite bound when the
// rank falls in +Inf; nullopt when there are no observations.
std::optional<double> histogram_quantile(double q, const LatencyBuckets& le, std::uint64_t count);

struct AlertSummary {
  std::string name;
  Severity severity = Severity::Page;
  std::optional<Time> first_pending;
  std::optional<Time> first_firing;
  int firings = 0;             // pending -> firing transitions
  std::vector<Time> fired_at;  // when each of them happened
  int notifications = 0;       // pages (severity page) or tickets that included this alert
};

class Monitor {
 public:
  Monitor(const Scenario& s, eventlog::RecordWriter& out);

  // After every sample: the interval (t - interval, t] just ended. Vectors are indexed by id
  // (services, traffic sources, SLOs, probes); only the watched entries are read.
  void observe(Time t, Duration interval, const std::vector<IntervalStats>& services,
               const std::vector<IntervalStats>& sources, const std::vector<SloCounts>& slos,
               const std::vector<ProbeCounts>& probes);
  // At each multiple of evaluation_interval(), after the sample at the same instant.
  void evaluate(Time t);
  Duration evaluation_interval() const { return spec_.alerting.evaluation_interval; }
  // The earliest pending notification time, if any; call notify_due(that time) then.
  std::optional<Time> next_notification_due() const;
  void notify_due(Time t);

  std::vector<AlertSummary> summary() const;
  bool has_rules() const { return !spec_.alerts.empty(); }

  // A notification as the people on call receive it.
  struct Sent {
    Time t;
    eventlog::EventKind kind;  // Page, Ticket, PageResolved, TicketResolved
    std::vector<std::uint32_t> alerts;
    std::uint64_t seq = 0;  // its record line
  };
  // The notifications sent since the last call.
  std::vector<Sent> take_sent() { return std::exchange(sent_, {}); }
  // What an `alerts` command shows: each rule pending or firing, and since when.
  struct ActiveAlert {
    std::uint32_t id = 0;
    bool firing = false;
    Time since;
  };
  std::vector<ActiveAlert> active_alerts() const;
  bool is_firing(std::uint32_t id) const { return rules_[id].state == State::Firing; }

  // Cumulative sums of one series up to a sample; a window is a difference of two of these.
  struct Sums {
    std::int64_t samples = 0;
    std::int64_t interval_ns = 0;
    std::uint64_t requests = 0, responses = 0, errors = 0;  // SLOs: valid, bad; probes too
    std::uint64_t latency_count = 0;
    LatencyBuckets latency_le{};
    double utilisation = 0;
    std::int64_t queued = 0;
  };
  struct Point {
    Time t;
    Sums cum;
    std::int64_t instances_up = 0;  // a gauge: this sample's value
  };
  class Series {
   public:
    void push(Time t, Duration interval, const Sums& delta, std::int64_t instances_up);
    // Drops points no window of length <= keep can need after time t.
    void trim(Time t, Duration keep);
    std::uint64_t end_index() const { return popped_ + points_.size(); }
    const Point& at(std::uint64_t index) const { return points_[index - popped_]; }
    std::uint64_t first_index() const { return popped_; }
    Duration keep;  // the longest window any rule reads from this series

   private:
    std::deque<Point> points_;
    std::uint64_t popped_ = 0;
  };
  // The sums over (t - w, t] and the last point in it (null: no sample in the window).
  struct Window {
    Sums sums;
    const Point* last = nullptr;
  };

 private:
  enum class State : std::uint8_t { Inactive, Pending, Firing };
  enum class Inclusive : std::uint8_t { No, Yes };  // whether flush_due includes due == t
  struct RuleRt {
    std::uint32_t series = 0;  // index into series_
    // Cursors: the index of the first point inside a window; they only move forward.
    std::uint64_t cursor_long = 0;   // threshold: the window; burn rate: the long window
    std::uint64_t cursor_short = 0;  // burn rate: the short window
    State state = State::Inactive;
    Time active_since;                // when it went pending
    std::uint64_t pending_seq = 0;    // seq of the alert_pending line
    std::optional<Time> false_since;  // firing, condition false since (keep_firing_for)
    std::uint64_t firing_seq = 0;     // seq of the alert_firing line
    std::uint32_t group = 0;
    AlertSummary summary;
  };
  struct Group {
    std::string key;
    Severity severity = Severity::Page;
    std::vector<std::uint32_t> firing;    // rules firing in the group, in the order they fired
    std::vector<std::uint32_t> notified;  // rules in the last notification
    std::optional<Time> due;              // the next flush: group_wait, then group_interval ticks
    std::optional<Time> last_notified;
    std::vector<std::uint32_t> last_sent;  // for the resolved notification
    std::optional<std::uint64_t> last_resolved_seq;
  };
  struct Evaluation {
    std::optional<double> value;  // no data: the condition does not hold
    std::optional<double> short_value;
    bool holds = false;
  };

  std::uint32_t series_for(std::vector<std::optional<std::uint32_t>>& table, std::size_t index,
                           Duration window);
  Window window(const Series& s, std::uint64_t& cursor, Time t, Duration w) const;
  Evaluation evaluate_threshold(RuleRt& r, const ThresholdRule& rule, Time t);
  Evaluation evaluate_burn_rate(RuleRt& r, const BurnRateRule& rule, Time t);
  void step(std::uint32_t id, const Evaluation& e, Time t);
  std::uint64_t write_transition(std::uint32_t id, eventlog::EventKind kind, const Evaluation& e,
                                 Time t, std::optional<std::uint64_t> cause);
  void on_firing(std::uint32_t id, Time t);
  void on_resolved(std::uint32_t id, std::uint64_t seq);
  void write_notification(Group& g, const std::vector<std::uint32_t>& alerts,
                          eventlog::EventKind kind, std::optional<std::uint64_t> cause, Time t);
  bool is_inhibited(std::uint32_t id) const;
  void flush_group(Group& g, Time t);
  void flush_due(Time t, Inclusive inclusive);

  MonitoringSpec spec_;
  std::vector<double> slo_allowed_error_;  // 1 - objective, per SLO
  eventlog::RecordWriter& out_;
  std::vector<Series> series_;
  // Which series watches each subject, or none: indexed by id.
  std::vector<std::optional<std::uint32_t>> service_series_, source_series_, slo_series_,
      probe_series_;
  std::vector<RuleRt> rules_;
  std::vector<Group> groups_;
  std::vector<Sent> sent_;
};

}  // namespace gameday::sim

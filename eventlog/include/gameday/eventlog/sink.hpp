// In-process subscribers to a record as it is written.
//
// The JSONL file is one consumer of a run's facts; a RecordSink subscribed to the RecordWriter
// is another: it receives the same typed lines, in the same order, with the sequence numbers
// the file gives them, as they happen. Nothing is parsed back: a scorer, a replay model, a game
// server or a metrics endpoint sees exactly what a reader of the file would.
#pragma once

#include "gameday/eventlog/reader.hpp"
#include "gameday/eventlog/record.hpp"

namespace gameday::eventlog {

// One overload per line type; a sink overrides those it wants.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void on(const Header&) {}
  virtual void on(const Event&) {}
  virtual void on(const ServiceSample&) {}
  virtual void on(const DependencySample&) {}
  virtual void on(const SourceSample&) {}
  virtual void on(const SloSample&) {}
  virtual void on(const InstanceSample&) {}
  virtual void on(const ProbeSample&) {}
  virtual void on(const Trace&) {}
  virtual void on(const End&) {}
};

// Keeps the lines of the kinds asked for (all, by default): the Record that reading the file
// back would give, less the kinds left out. The header, events and the end are always kept.
class RecordCollector final : public RecordSink {
 public:
  struct Keep {
    bool service_samples = true;
    bool dependency_samples = true;
    bool source_samples = true;
    bool slo_samples = true;
    bool instance_samples = true;
    bool probe_samples = true;
    bool traces = true;
  };
  RecordCollector() = default;
  explicit RecordCollector(Keep keep) : keep_(keep) {}

  void on(const Header& h) override { record_.header = h; }
  void on(const Event& e) override { record_.events.push_back(e); }
  void on(const ServiceSample& s) override {
    if (keep_.service_samples) record_.service_samples.push_back(s);
  }
  void on(const DependencySample& s) override {
    if (keep_.dependency_samples) record_.dependency_samples.push_back(s);
  }
  void on(const SourceSample& s) override {
    if (keep_.source_samples) record_.source_samples.push_back(s);
  }
  void on(const SloSample& s) override {
    if (keep_.slo_samples) record_.slo_samples.push_back(s);
  }
  void on(const InstanceSample& s) override {
    if (keep_.instance_samples) record_.instance_samples.push_back(s);
  }
  void on(const ProbeSample& s) override {
    if (keep_.probe_samples) record_.probe_samples.push_back(s);
  }
  void on(const Trace& t) override {
    if (keep_.traces) record_.traces.push_back(t);
  }
  void on(const End& e) override { record_.end = e; }

  const Record& record() const { return record_; }

 private:
  Keep keep_;
  Record record_;
};

}  // namespace gameday::eventlog

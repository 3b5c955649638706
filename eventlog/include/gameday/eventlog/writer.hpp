// Writes a run record as JSON Lines.
//
// Lines are formatted into a buffer and written out whenever a line's simulated time crosses
// into a new simulated minute, when the buffer grows past 1 MiB, on flush() and on close(), so
// a run that is killed leaves a readable prefix at most a simulated minute behind. Each line
// gets the next sequence number; the writer asserts that time never goes backwards.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "gameday/eventlog/record.hpp"

namespace gameday::eventlog {

class RecordSink;

class RecordWriter {
 public:
  // Writes to `file`, which the writer closes; a null file keeps everything in memory.
  explicit RecordWriter(std::FILE* file = nullptr);
  // Opens `path` for writing; on failure returns nullopt with a reason in `error`.
  static std::optional<RecordWriter> open(const std::string& path, std::string& error);
  RecordWriter(RecordWriter&&) noexcept;
  RecordWriter& operator=(RecordWriter&&) = delete;
  RecordWriter(const RecordWriter&) = delete;
  ~RecordWriter();

  // `sink` receives every line from now on, typed and with its sequence number, after it is
  // formatted; it must outlive the writer's last line.
  void subscribe(RecordSink& sink) { sinks_.push_back(&sink); }

  void header(const Header& h);
  // Each returns the sequence number given to the line.
  std::uint64_t event(const Event& e);
  std::uint64_t sample(const ServiceSample& s);
  std::uint64_t sample(const DependencySample& s);
  std::uint64_t sample(const SourceSample& s);
  std::uint64_t sample(const SloSample& s);
  // One line for the instances of one service at one time (one sample each, in id order).
  std::uint64_t sample(std::span<const InstanceSample> instances, ServiceId service);
  std::uint64_t sample(const ProbeSample& s);
  std::uint64_t trace(const Trace& t);
  std::uint64_t end(const End& e);

  void flush();
  // Flushes and closes the file; returns false if any write failed.
  bool close();

  // Everything written so far, when the writer has no file.
  const std::string& buffer() const { return buffer_; }
  std::uint64_t lines() const { return next_seq_; }
  bool ok() const { return !failed_; }

 private:
  std::uint64_t begin_line(Time t);
  void finish_line(Time t);
  template <class Line>
  void publish(const Line& line, std::uint64_t seq);

  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::uint64_t next_seq_ = 0;
  Time last_t_;
  std::int64_t flushed_minute_ = 0;
  bool failed_ = false;
  std::vector<RecordSink*> sinks_;
};

}  // namespace gameday::eventlog

// Reads a run record back into memory, checking it as it goes.
//
// A bad line is reported by its number; a truncated last line (a run killed mid-write) is
// dropped with a warning; a record of an unknown format version is refused with a message that
// names both versions. Scoring and the viewer use only this to read a run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/eventlog/record.hpp"

namespace gameday::eventlog {

struct Record {
  Header header;
  std::vector<Event> events;
  std::vector<ServiceSample> service_samples;
  std::vector<DependencySample> dependency_samples;
  std::vector<SourceSample> source_samples;
  std::vector<SloSample> slo_samples;
  std::vector<InstanceSample> instance_samples;
  std::vector<ProbeSample> probe_samples;
  std::vector<Trace> traces;
  std::optional<End> end;  // absent when the run was killed before it could finish
};

// The largest record read (docs/cli.md, "Input limits"): a file over it, or one that is not a
// regular file (a FIFO, a device), is refused with a message before any of it is read.
inline constexpr std::uint64_t record_bytes_max = std::uint64_t{2} << 30;

// Reads `path` (an events.jsonl file, or a run folder containing one). Problems go to `diags`
// with the file and line; returns nullopt when the record cannot be used.
std::optional<Record> read_record(const std::string& path, Diagnostics& diags);
// The same from text already in memory; `label` names it in diagnostics.
std::optional<Record> parse_record(std::string_view text, const std::string& label,
                                   Diagnostics& diags);

}  // namespace gameday::eventlog

// The run folder that `run` and `play` write: its default name and opening its record.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "gameday/eventlog/writer.hpp"

namespace gameday::cli {

// runs/<scenario>-seed<N>, with characters that do not belong in a file name replaced.
std::string default_run_folder(const std::string& scenario_name, std::uint64_t seed);

// Creates the folder (with its parents) and opens `record_path` for writing; on failure prints
// "gameday COMMAND: ..." and returns nullopt.
std::optional<eventlog::RecordWriter> open_record(const std::string& folder,
                                                  const std::string& record_path,
                                                  std::string_view command, std::ostream& err);

}  // namespace gameday::cli

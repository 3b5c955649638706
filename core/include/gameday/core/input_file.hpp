// Reading a whole input file (a scenario, a responder script, a record) with a size limit.
//
// Only regular files are read: a FIFO would block the reader until someone writes to it and a
// device such as /dev/zero never ends, so both are refused with a message instead, and so is
// a file over the caller's limit, before any of it is read into memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gameday {

struct InputFile {
  std::string text;   // the bytes, when `error` is empty
  std::string error;  // why it was not read: "not a regular file (a FIFO)", a system error...
};

InputFile read_input_file(const std::string& path, std::uint64_t max_bytes);

// The same checks without reading, for readers that open the file themselves: why the file
// cannot be read, or nothing.
std::optional<std::string> check_input_file(const std::string& path, std::uint64_t max_bytes);

// "2 MiB", "1 GiB", "512 KiB": a limit in bytes for messages and docs.
std::string format_bytes(std::uint64_t bytes);

}  // namespace gameday

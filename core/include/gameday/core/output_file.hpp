// Creating the files gameday writes without following links: every file it creates goes through
// here. A symbolic link at the path asked for is refused (FileProblem::IsLink), never followed
// and never replaced, so a link planted in a shared folder cannot make gameday overwrite what it
// points to.
//
// - Whole files (scorecards, postmortems, pictures, videos, new scenarios) are written to a
//   temporary beside the target, created by mkstemp (O_EXCL: a fresh file, never a link), and
//   renamed over the target when complete: the target is either as it was or whole.
// - Files written as they grow (the run record, a log, a history) are opened with O_NOFOLLOW and
//   must be regular files (a FIFO or a device would hang or swallow the output).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace gameday {

enum class FileProblem : std::uint8_t {
  None,
  IsLink,  // a symbolic link at the path: refused
  Exists,  // Replace::Never and something is already there (a link included)
  Failed,  // anything else: no permission, no such folder, a full disk, not a regular file
};

struct FileResult {
  FileProblem problem = FileProblem::None;
  std::string message;  // names the path and why, e.g. "'x.md' is a symbolic link; ..."
  bool ok() const { return problem == FileProblem::None; }
};

enum class Replace : std::uint8_t { Allowed, Never };

// A temporary file beside `target` (same folder, so the rename stays on one file system), named
// visibly unfinished: "dir/name.partial-XXXXXX.ext", keeping the extension for programs that
// choose a format by it. Removed when destroyed unless committed.
class PendingFile {
 public:
  PendingFile() = default;
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  // Creates the temporary (mode 0666 less the umask, like any new file), after checking that
  // `target` is not a link (nor, with Replace::Never, anything at all).
  FileResult create(const std::string& target, Replace replace = Replace::Allowed);
  // Writes all of `text` at the current offset.
  FileResult write(std::string_view text);
  // Closes the temporary and renames it to the target (with Replace::Never, only if nothing is
  // there yet). On failure the temporary is removed.
  FileResult commit();

  const std::string& path() const { return temp_; }  // the temporary, for another program
  const std::string& target() const { return target_; }

 private:
  void discard();
  std::string target_, temp_;
  Replace replace_ = Replace::Allowed;
  int fd_ = -1;
};

// The whole of `text` into `path` through a PendingFile.
FileResult write_file(const std::string& path, std::string_view text,
                      Replace replace = Replace::Allowed);

enum class OpenMode : std::uint8_t { Truncate, Append };

// Opens `path` for writing as it grows (created if missing, mode 0666 less the umask): O_NOFOLLOW,
// close-on-exec, and only a regular file. Returns the descriptor, or -1 with `result` set.
int open_output(const std::string& path, OpenMode mode, FileResult& result);
// The same as a stdio stream ("wb" or "ab"); nullptr with `result` set.
std::FILE* open_output_stream(const std::string& path, OpenMode mode, FileResult& result);

}  // namespace gameday

// A child process fed through its standard input: how the video export talks to ffmpeg.
//
// The child is started with posix_spawnp and an argument vector (no shell), in its own process
// group (a Ctrl-C at the terminal reaches gameday, which then stops the child itself), with the
// default action for SIGPIPE, SIGINT and SIGTERM, no descriptors of ours but its standard input
// (the read end of a pipe), standard output (/dev/null) and standard error (an anonymous
// temporary file, read back for the error message). While a ChildPipe is open SIGPIPE is
// ignored in this process, so writing to a child that died returns an error instead of killing
// gameday; the previous action comes back when the ChildPipe is destroyed.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gameday::viz {

class ChildPipe {
 public:
  enum class Started : std::uint8_t { Ok, NotFound, Failed };

  ChildPipe() = default;
  ~ChildPipe();
  ChildPipe(const ChildPipe&) = delete;
  ChildPipe& operator=(const ChildPipe&) = delete;

  // argv[0] is looked up on PATH when it has no slash. On failure `error` says why.
  Started start(const std::vector<std::string>& argv, std::string& error);
  // Writes all of `data`; false when the child stopped reading (it exited or closed its input).
  bool write(const void* data, std::size_t size);
  // Closes the child's input and waits for it. True when it exited with status 0; otherwise
  // `error` describes how it ended, followed by the last lines it wrote to standard error.
  bool finish(std::string& error);
  // Closes the child's input, asks it to stop (SIGTERM) and waits for it.
  void kill();

 private:
  void close_input();
  std::string tail_of_stderr() const;

  pid_t pid_ = -1;
  int input_ = -1;   // write end of the child's standard input
  int stderr_ = -1;  // the child's standard error, an unlinked temporary file
  struct sigaction old_pipe_ {};
  bool pipe_ignored_ = false;
};

}  // namespace gameday::viz

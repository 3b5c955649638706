// A child process fed through its standard input and, when asked, read from its standard
// output: how the video export talks to ffmpeg, and how a responder program plays.
//
// The child is started with posix_spawnp and an argument vector (no shell), in its own process
// group (a Ctrl-C at the terminal reaches gameday, which then stops the child itself), with the
// default action for SIGPIPE, SIGINT and SIGTERM, no descriptors of ours but its standard input
// (the read end of a pipe), standard output (/dev/null, or the write end of a pipe) and standard
// error (an anonymous temporary file, read back for the error message). While any ChildProcess
// is open SIGPIPE is ignored in this process, so writing to a child that died returns an error
// instead of killing gameday; the previous action comes back when the last one is destroyed.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gameday {

class ChildProcess {
 public:
  enum class Started : std::uint8_t { Ok, NotFound, Failed };
  enum class Output : std::uint8_t { Discard, Read };
  enum class Got : std::uint8_t { Line, Closed, TimedOut, TooLong };

  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // argv[0] is looked up on PATH when it has no slash. On failure `error` says why.
  Started start(const std::vector<std::string>& argv, std::string& error,
                Output output = Output::Discard);
  // Writes all of `data`; false when the child stopped reading (it exited or closed its input).
  bool write(const void* data, std::size_t size);
  // With Output::Read: the next line the child writes, without its newline, waiting at most
  // `limit`; a line longer than `max_bytes` is TooLong, and the end of its output Closed.
  Got read_line(std::string& line, std::chrono::milliseconds limit, std::size_t max_bytes);
  // Closes the child's input and waits for it. True when it exited with status 0; otherwise
  // `error` describes how it ended, followed by the last lines it wrote to standard error.
  bool finish(std::string& error);
  // Closes the child's input, asks it to stop (SIGTERM) and waits for it.
  void kill();
  // Closes the child's input and gives it `grace` to exit by itself, then kills it (SIGKILL).
  void stop(std::chrono::milliseconds grace);

 private:
  void close_input();
  std::string tail_of_stderr() const;

  pid_t pid_ = -1;
  int input_ = -1;       // write end of the child's standard input
  int output_ = -1;      // read end of its standard output, with Output::Read
  int stderr_ = -1;      // the child's standard error, an unlinked temporary file
  std::string pending_;  // output read past the last line returned
  bool ignores_pipe_ = false;
};

}  // namespace gameday

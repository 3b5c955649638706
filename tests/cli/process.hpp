// Running a program as a child process for tests: arguments without a shell, a working folder,
// stdout and stderr captured through files (no pipe can fill up and stall the child), and the
// exit code, with death by a signal reported as 128 + the signal number, as shells do.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace gameday::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A started child; wait() collects it. The destructor kills a child still running.
class Process {
 public:
  Process(const std::string& exe, const std::vector<std::string>& args,
          const std::filesystem::path& cwd);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig) const;
  // Waits at most `limit`; on timeout kills the child and fails the current test.
  ProcessResult wait(std::chrono::seconds limit = std::chrono::seconds(120));

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

// Starts the child, waits for it and returns what it did.
ProcessResult run_process(const std::string& exe, const std::vector<std::string>& args,
                          const std::filesystem::path& cwd);

std::string read_file(const std::filesystem::path& path);

}  // namespace gameday::testing

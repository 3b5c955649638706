// Starting, feeding, reading and reaping a child process; see child_process.hpp.
#include "gameday/process/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

extern char** environ;

namespace gameday {
namespace {

// SIGPIPE is ignored while any child is open, whichever thread opened it; the first open child
// saves the previous action and the last one to close restores it.
std::mutex pipe_mutex;
int pipe_users = 0;
struct sigaction pipe_before {};

void ignore_sigpipe() {
  const std::lock_guard lock(pipe_mutex);
  if (pipe_users++ > 0) return;
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, &pipe_before);
}

void restore_sigpipe() {
  const std::lock_guard lock(pipe_mutex);
  if (--pipe_users == 0) sigaction(SIGPIPE, &pipe_before, nullptr);
}

// Keeps the last `lines` lines of `text`, without a trailing newline.
std::string last_lines(std::string text, int lines) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  std::size_t pos = text.size();
  for (int i = 0; i < lines && pos != std::string::npos && pos > 0; ++i)
    pos = text.rfind('\n', pos - 1);
  return pos == std::string::npos || pos == 0 ? text : text.substr(pos + 1);
}

struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

}  // namespace

ChildProcess::~ChildProcess() {
  if (pid_ > 0) kill();
  close_input();
  if (output_ >= 0) ::close(output_);
  if (stderr_ >= 0) ::close(stderr_);
  if (ignores_pipe_) restore_sigpipe();
}

ChildProcess::Started ChildProcess::start(const std::vector<std::string>& argv, std::string& error,
                                          Output output) {
  int fds[2];
  int out_fds[2] = {-1, -1};
  if (::pipe2(fds, O_CLOEXEC) != 0 ||
      (output == Output::Read && ::pipe2(out_fds, O_CLOEXEC) != 0)) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return Started::Failed;
  }
  input_ = fds[1];
  output_ = out_fds[0];
  FILE* err_file = std::tmpfile();  // unlinked already; closed with stderr_
  if (err_file == nullptr) {
    ::close(fds[0]);
    error = std::string("cannot create a temporary file: ") + std::strerror(errno);
    return Started::Failed;
  }
  stderr_ = ::dup(::fileno(err_file));
  std::fclose(err_file);

  SpawnSetup s;
  posix_spawn_file_actions_adddup2(&s.actions, fds[0], STDIN_FILENO);
  if (output == Output::Read)
    posix_spawn_file_actions_adddup2(&s.actions, out_fds[1], STDOUT_FILENO);
  else
    posix_spawn_file_actions_addopen(&s.actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&s.actions, stderr_, STDERR_FILENO);
  posix_spawn_file_actions_addclosefrom_np(&s.actions, STDERR_FILENO + 1);
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&s.attr, &defaults);
  posix_spawnattr_setsigmask(&s.attr, &empty);
  posix_spawnattr_setpgroup(&s.attr, 0);
  posix_spawnattr_setflags(&s.attr,
                           POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int rc = posix_spawnp(&pid_, args[0], &s.actions, &s.attr, args.data(), environ);
  ::close(fds[0]);
  if (out_fds[1] >= 0) ::close(out_fds[1]);
  if (rc != 0) {
    pid_ = -1;
    close_input();
    error = "cannot run '" + argv[0] + "': " + std::strerror(rc);
    return rc == ENOENT || rc == EACCES || rc == ENOTDIR ? Started::NotFound : Started::Failed;
  }
  ignore_sigpipe();
  ignores_pipe_ = true;
  return Started::Ok;
}

ChildProcess::Got ChildProcess::read_line(std::string& line, std::chrono::milliseconds limit,
                                          std::size_t max_bytes) {
  const auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (const std::size_t end = pending_.find('\n'); end != std::string::npos) {
      if (end > max_bytes) return Got::TooLong;
      line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      return Got::Line;
    }
    if (pending_.size() > max_bytes) return Got::TooLong;
    if (output_ < 0) return Got::Closed;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Got::TimedOut;
    pollfd p{output_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return Got::TimedOut;
    char buf[4096];
    const ssize_t n = ::read(output_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(output_);
      output_ = -1;
      continue;  // a last line without its newline is not a line
    }
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

bool ChildProcess::write(const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0 && input_ >= 0) {
    const ssize_t n = ::write(input_, p, size);
    if (n < 0 && errno == EINTR) continue;  // a signal (Ctrl-C) arrived; the caller checks it
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return size == 0;
}

void ChildProcess::close_input() {
  if (input_ >= 0) ::close(input_);
  input_ = -1;
}

std::string ChildProcess::tail_of_stderr() const {
  if (stderr_ < 0) return {};
  std::string text;
  char buf[4096];
  for (off_t off = 0;;) {
    const ssize_t n = ::pread(stderr_, buf, sizeof buf, off);
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    off += n;
  }
  return last_lines(std::move(text), 6);
}

bool ChildProcess::finish(std::string& error) {
  close_input();
  if (pid_ <= 0) {
    error = "not started";
    return false;
  }
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  if (WIFEXITED(status))
    error = "exited with status " + std::to_string(WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    error = std::string("killed by signal ") + strsignal(WTERMSIG(status));
  else
    error = "ended abnormally";
  const std::string tail = tail_of_stderr();
  if (!tail.empty()) error += ":\n" + tail;
  return false;
}

void ChildProcess::kill() {
  close_input();
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

void ChildProcess::stop(std::chrono::milliseconds grace) {
  close_input();
  if (pid_ <= 0) return;
  const auto until = std::chrono::steady_clock::now() + grace;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= until) {
      ::kill(pid_, SIGKILL);
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    ::usleep(10'000);
  }
  pid_ = -1;
}

}  // namespace gameday

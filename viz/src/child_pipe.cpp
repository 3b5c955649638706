// Starting, feeding and reaping a child process for the video export; see child_pipe.hpp.
#include "child_pipe.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

extern char** environ;

namespace gameday::viz {
namespace {

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

ChildPipe::~ChildPipe() {
  if (pid_ > 0) kill();
  close_input();
  if (stderr_ >= 0) ::close(stderr_);
  if (pipe_ignored_) sigaction(SIGPIPE, &old_pipe_, nullptr);
}

ChildPipe::Started ChildPipe::start(const std::vector<std::string>& argv, std::string& error) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return Started::Failed;
  }
  input_ = fds[1];
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
  if (rc != 0) {
    pid_ = -1;
    close_input();
    error = "cannot run '" + argv[0] + "': " + std::strerror(rc);
    return rc == ENOENT || rc == EACCES || rc == ENOTDIR ? Started::NotFound : Started::Failed;
  }
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  pipe_ignored_ = sigaction(SIGPIPE, &ignore, &old_pipe_) == 0;
  return Started::Ok;
}

bool ChildPipe::write(const void* data, std::size_t size) {
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

void ChildPipe::close_input() {
  if (input_ >= 0) ::close(input_);
  input_ = -1;
}

std::string ChildPipe::tail_of_stderr() const {
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

bool ChildPipe::finish(std::string& error) {
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

void ChildPipe::kill() {
  close_input();
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

}  // namespace gameday::viz

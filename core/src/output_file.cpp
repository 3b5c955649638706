// Creating output files without following links; see output_file.hpp.
#include "gameday/core/output_file.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace gameday {
namespace {

std::string quoted(const std::string& path) {
  return "'" + path + "'";
}

FileResult failed(const std::string& path, int error) {
  return {FileProblem::Failed, "cannot write " + quoted(path) + ": " + std::strerror(error)};
}

FileResult is_link(const std::string& path) {
  return {FileProblem::IsLink, "cannot write " + quoted(path) +
                                   ": it is a symbolic link, and gameday never writes through "
                                   "one (remove it or choose another name)"};
}

FileResult exists(const std::string& path) {
  return {FileProblem::Exists, quoted(path) + " already exists"};
}

// The mode a new file gets from open(2): 0666 less the umask. mkstemp makes 0600 files, so a
// renamed temporary is given this mode. The umask is read from /proc rather than with umask(2),
// which would change it for a moment under other threads.
mode_t new_file_mode() {
  static const mode_t mode = [] {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
      if (line.rfind("Umask:", 0) == 0)
        return static_cast<mode_t>(0666 & ~std::stoul(line.substr(6), nullptr, 8));
    return static_cast<mode_t>(0644);
  }();
  return mode;
}

// What is at `path` now, without following a link there.
FileResult check_target(const std::string& path, Replace replace) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT ? FileResult{} : failed(path, errno);
  if (replace == Replace::Never) return exists(path);
  if (S_ISLNK(st.st_mode)) return is_link(path);
  return {};
}

// Moves `from` to `to` only when nothing is at `to`. RENAME_NOREPLACE where the file system has
// it; else a hard link, which fails just the same when `to` exists.
int rename_no_replace(const char* from, const char* to) {
  if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  if (::link(from, to) != 0) return -1;
  ::unlink(from);
  return 0;
}

}  // namespace

PendingFile::~PendingFile() {
  discard();
}

void PendingFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

FileResult PendingFile::create(const std::string& target, Replace replace) {
  discard();
  target_ = target;
  replace_ = replace;
  if (FileResult r = check_target(target, replace); !r.ok()) return r;
  const std::filesystem::path p(target);
  if (!p.has_filename()) return failed(target, EISDIR);
  const std::string ext = p.extension().string();
  std::string name = p.parent_path().string();
  if (!name.empty()) name += '/';
  name += p.stem().string() + ".partial-XXXXXX" + ext;
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  fd_ = ::mkostemps(buf.data(), static_cast<int>(ext.size()), O_CLOEXEC);
  if (fd_ < 0) return failed(target, errno);
  temp_ = buf.data();
  if (::fchmod(fd_, new_file_mode()) != 0) {
    const int e = errno;
    discard();
    return failed(target, e);
  }
  return {};
}

FileResult PendingFile::write(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd_, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = n < 0 ? errno : EIO;
      discard();
      return failed(target_, e);
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

FileResult PendingFile::commit() {
  if (temp_.empty()) return failed(target_, EBADF);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {  // a delayed write error (NFS, a full disk) shows here
    const int e = errno;
    discard();
    return failed(target_, e);
  }
  // Checked again: a link planted since create() is refused. One planted after this check is
  // replaced by the rename, which never follows it.
  if (FileResult r = check_target(target_, replace_); !r.ok()) {
    discard();
    return r;
  }
  const int rc = replace_ == Replace::Never ? rename_no_replace(temp_.c_str(), target_.c_str())
                                            : ::rename(temp_.c_str(), target_.c_str());
  if (rc != 0) {
    const int e = errno;
    discard();
    return e == EEXIST ? exists(target_) : failed(target_, e);
  }
  temp_.clear();
  return {};
}

FileResult write_file(const std::string& path, std::string_view text, Replace replace) {
  PendingFile file;
  if (FileResult r = file.create(path, replace); !r.ok()) return r;
  if (FileResult r = file.write(text); !r.ok()) return r;
  return file.commit();
}

int open_output(const std::string& path, OpenMode mode, FileResult& result) {
  // O_NONBLOCK so that a FIFO without a reader fails at once instead of hanging here; it is
  // cleared again once the file is known to be a regular one.
  const int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK |
                    (mode == OpenMode::Truncate ? O_TRUNC : O_APPEND);
  const int fd = ::open(path.c_str(), flags, 0666);
  if (fd < 0) {
    const int e = errno;
    struct stat st {};
    if (e == ELOOP && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
      result = is_link(path);
    else if (e == ENXIO)
      result = {FileProblem::Failed, "cannot write " + quoted(path) + ": not a regular file"};
    else
      result = failed(path, e);
    return -1;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    result = {FileProblem::Failed, "cannot write " + quoted(path) + ": not a regular file"};
    return -1;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  result = {};
  return fd;
}

std::FILE* open_output_stream(const std::string& path, OpenMode mode, FileResult& result) {
  const int fd = open_output(path, mode, result);
  if (fd < 0) return nullptr;
  std::FILE* f = ::fdopen(fd, mode == OpenMode::Truncate ? "wb" : "ab");
  if (f == nullptr) {
    result = failed(path, errno);
    ::close(fd);
  }
  return f;
}

}  // namespace gameday

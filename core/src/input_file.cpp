// Input files: opened without blocking (a FIFO opens at once with O_NONBLOCK), checked with
// fstat on the opened descriptor, then read to at most the limit (a file may grow meanwhile).
#include "gameday/core/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>

namespace gameday {
namespace {

std::optional<std::string> refuse(const struct stat& st, std::uint64_t max_bytes) {
  if (S_ISDIR(st.st_mode)) return "is a folder, not a file";
  if (S_ISFIFO(st.st_mode)) return "not a regular file (a FIFO)";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "not a regular file (a device)";
  if (S_ISSOCK(st.st_mode)) return "not a regular file (a socket)";
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    return "too large: " + format_bytes(static_cast<std::uint64_t>(st.st_size)) +
           ", more than the limit of " + format_bytes(max_bytes);
  return std::nullopt;
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  constexpr const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  std::size_t u = 0;
  double v = static_cast<double>(bytes);
  while (v >= 1024 && u + 1 < std::size(units)) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.3g %s", v, units[u]);
  return buf;
}

std::optional<std::string> check_input_file(const std::string& path, std::uint64_t max_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::string(std::strerror(errno));
  return refuse(st, max_bytes);
}

InputFile read_input_file(const std::string& path, std::uint64_t max_bytes) {
  InputFile out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    out.error = std::strerror(errno);
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    out.error = std::strerror(errno);
  } else if (auto refused = refuse(st, max_bytes)) {
    out.error = std::move(*refused);
  } else {
    out.text.reserve(static_cast<std::size_t>(st.st_size));
    char buf[65536];
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        out.error = std::strerror(errno);
        break;
      }
      if (n == 0) break;
      out.text.append(buf, static_cast<std::size_t>(n));
      if (out.text.size() > max_bytes) {
        out.error = "too large: more than the limit of " + format_bytes(max_bytes);
        break;
      }
    }
  }
  ::close(fd);
  if (!out.error.empty()) out.text.clear();
  return out;
}

}  // namespace gameday

// Runs the built gameday executable through the shell for the viewer's command-line tests, in a
// temporary folder removed at scope exit, and writes the fixture record there.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "viz_fixtures.hpp"

namespace gameday::viz::testing {

struct TempRun {
  std::filesystem::path dir;
  TempRun() {
    dir = std::filesystem::temp_directory_path() /
          ("gameday-viz-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(dir);
    write_record(two_service_record(), (dir / "events.jsonl").string());
  }
  ~TempRun() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  TempRun(const TempRun&) = delete;
  TempRun& operator=(const TempRun&) = delete;
  static int& counter() {
    static int n = 0;
    return n;
  }
};

struct Ran {
  int code = -1;
  std::string err;
};

// `prefix` goes before the executable (e.g. "env -u DISPLAY"); stderr is captured.
inline Ran run_gameday(const TempRun& t, const std::string& prefix, const std::string& args) {
  const auto err_path = t.dir / "stderr.txt";
  const std::string cmd =
      prefix + " '" GAMEDAY_EXE "' " + args + " >/dev/null 2>'" + err_path.string() + "'";
  const int status = std::system(cmd.c_str());
  Ran r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_path);
  std::stringstream ss;
  ss << in.rdbuf();
  r.err = ss.str();
  return r;
}

}  // namespace gameday::viz::testing

// The `gameday` command line as a library: main() forwards to run_cli, and tests call it the
// same way. Every outcome leaves through an exit code; no exception escapes run_cli.
#pragma once

#include <iosfwd>

namespace gameday::cli {

// Documented in docs/cli.md and `gameday --help`; scripts rely on these values.
enum class ExitCode : int {
  Success = 0,
  Internal = 1,       // an unexpected exception: a bug in gameday, reported with its message
  InvalidInput = 2,   // a bad scenario, an unknown option or command, a bad option value
  Io = 3,             // the run folder or the record could not be created or written
  NoDisplay = 4,      // render/replay: no X display (or no font or GL) to draw with
  Interrupted = 130,  // SIGINT or SIGTERM; the record is closed with reason "interrupted"
};

constexpr int to_int(ExitCode c) {
  return static_cast<int>(c);
}

// Runs one command line. `argv[0]` is the program name. Normal output goes to `out`,
// diagnostics and errors to `err`; the progress line of `run` goes to the terminal on stderr.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace gameday::cli

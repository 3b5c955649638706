// The gameday executable: everything happens in the gameday_cli library (cli.hpp), so the
// command line can be tested without a process and this file stays one call.
#include <iostream>

#include "gameday/cli/cli.hpp"

int main(int argc, char** argv) {
  return gameday::cli::run_cli(argc, argv, std::cout, std::cerr);
}

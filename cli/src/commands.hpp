// What the subcommands share, private to cli/: their entry points, the usage lines the
// dispatcher and the commands print, and the helpers that turn option-parsing failures and
// diagnostics into the documented messages and exit codes.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"

namespace gameday::cli {

// The arguments after the command name.
using Args = std::vector<std::string>;

int check_command(const Args& args, std::ostream& out, std::ostream& err);
int run_command(const Args& args, std::ostream& out, std::ostream& err);

inline constexpr std::string_view check_usage = "usage: gameday check SCENARIO...";
inline constexpr std::string_view run_usage =
    "usage: gameday run [SCENARIO] [--seed N] [--out RUN] [--duration D] [--quiet]";

// "gameday <command>: <message>", the usage line and a pointer to --help; returns exit code 2.
int usage_error(std::ostream& err, std::string_view command, std::string_view message,
                std::string_view usage);

// Prints each diagnostic as "file:line:col: error|warning: path: message", sorted by place.
void print_diagnostics(std::ostream& os, const Diagnostics& diags);

}  // namespace gameday::cli

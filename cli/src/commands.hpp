// What the subcommands share, private to cli/: their entry points, the usage lines the
// dispatcher and the commands print, and the helpers that turn option-parsing failures and
// diagnostics into the documented messages and exit codes.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/eventlog/reader.hpp"

namespace gameday::viz {
struct Result;
}

namespace gameday::cli {

// The arguments after the command name.
using Args = std::vector<std::string>;

int check_command(const Args& args, std::ostream& out, std::ostream& err);
int run_command(const Args& args, std::ostream& out, std::ostream& err);
int play_command(const Args& args, std::ostream& out, std::ostream& err);     // play_command.cpp
int host_command(const Args& args, std::ostream& out, std::ostream& err);     // play_command.cpp
int join_command(const Args& args, std::ostream& out, std::ostream& err);     // join_command.cpp
int score_command(const Args& args, std::ostream& out, std::ostream& err);    // score_command.cpp
int lint_command(const Args& args, std::ostream& out, std::ostream& err);     // lint_command.cpp
int compare_command(const Args& args, std::ostream& out, std::ostream& err);  // compare_command.cpp
// `compare` given sweep folders (sweep_compare.cpp).
int compare_sweeps(const std::vector<std::string>& folders, std::ostream& out, std::ostream& err);
int postmortem_command(const Args& args, std::ostream& out,
                       std::ostream& err);  // postmortem_command.cpp
int whatif_command(const Args& args, std::ostream& out, std::ostream& err);  // whatif_command.cpp
int export_command(const Args& args, std::ostream& out, std::ostream& err);  // export_command.cpp
int render_command(const Args& args, std::ostream& out, std::ostream& err);  // render_command.cpp
int replay_command(const Args& args, std::ostream& out, std::ostream& err);  // replay_command.cpp
int new_command(const Args& args, std::ostream& out, std::ostream& err);     // new_command.cpp
int sweep_command(const Args& args, std::ostream& out, std::ostream& err);   // sweep_command.cpp
int sweep_report_command(const Args& args, std::ostream& out,
                         std::ostream& err);  // sweep_report.cpp

inline constexpr std::string_view check_usage = "usage: gameday check SCENARIO...";
inline constexpr std::string_view run_usage =
    "usage: gameday run [SCENARIO] [--seed N] [--out RUN [--force]] [--duration D]\n"
    "                   [--set PATH=VALUE]... [--responders none|auto|FILE|exec:COMMAND]\n"
    "                   [--responder-timeout D] [--quiet]";
inline constexpr std::string_view play_usage =
    "usage: gameday play [SCENARIO] [--seed N] [--out RUN [--force]] [--duration D]\n"
    "                    [--set PATH=VALUE]... [--speed X] [--name NAME] [--paused]\n"
    "                    [--viewer auto|on|off] [--metrics ADDR:PORT] [--alertmanager URL]";

inline constexpr std::string_view score_usage =
    "usage: gameday score RUN [--format text|json|markdown] [--out FILE]\n"
    "                         [--update-cadence FIRST,EVERY]";
inline constexpr std::string_view lint_usage = "usage: gameday lint FILE...";
inline constexpr std::string_view compare_usage =
    "usage: gameday compare RUN RUN... | gameday compare SWEEP...";
inline constexpr std::string_view postmortem_usage =
    "usage: gameday postmortem RUN [--notes FILE] [--out FILE]";
inline constexpr std::string_view whatif_usage =
    "usage: gameday whatif RUN [--without N | --at T --do COMMAND [--as NAME]] [--out DIR]";
inline constexpr std::string_view export_usage =
    "usage: gameday export openmetrics RUN [--start TIME] [--out FILE]\n"
    "       gameday export rules [SCENARIO|RUN] [--out FILE]";
inline constexpr std::string_view render_usage =
    "usage: gameday render RUN --out FILE.png|FILE.mp4|FILE.gif [--at TIME | --summary | --from T\n"
    "         --to T --speed X --fps N] [--view responders|truth] [--size WxH] [--service NAME]";
inline constexpr std::string_view new_usage =
    "usage: gameday new NAME [--from SCENARIO] [--out FILE]";
inline constexpr std::string_view host_usage =
    "usage: gameday host [SCENARIO] [--listen ADDR:PORT] [--no-console] [--seed N]\n"
    "                    [--out RUN [--force]] [--duration D] [--speed X] [--name NAME]\n"
    "                    [--set PATH=VALUE]... [--paused] [--viewer auto|on|off]\n"
    "                    [--metrics ADDR:PORT] [--alertmanager URL]";
inline constexpr std::string_view sweep_usage =
    "usage: gameday sweep PLAN --out DIR [-j N] [--shard K/N | --mpi] [--resume]\n"
    "                     [--keep-records] [--quiet]";
inline constexpr std::string_view sweep_report_usage =
    "usage: gameday sweep report DIR... --out REPORT";
inline constexpr std::string_view join_usage =
    "usage: gameday join LINK --name NAME [--role ic|ops|comms|scribe|observer]\n"
    "                         [--exec COMMAND]";

inline constexpr std::string_view replay_usage =
    "usage: gameday replay RUN [--view responders|truth] [--at TIME] [--speed X] [--follow]\n"
    "                      [--stalled-after D]";

// Prints a viewer failure and returns its exit code: 4 for an environment that cannot draw or
// encode, 3 when a file cannot be read or written (ffmpeg failing included), 130 when
// interrupted. Defined in render_command.cpp; replay uses it too.
int viz_failure(std::ostream& err, std::string_view command, const viz::Result& r);

// Notes, postmortems and scenarios to copy: what a text file gameday reads whole may hold.
inline constexpr std::uint64_t text_file_bytes_max = std::uint64_t{16} << 20;

// The text of FILE (a regular file within text_file_bytes_max), or nullopt after printing
// "gameday <command>: cannot read <what> 'FILE': <why>". A FIFO or a device is refused, not read.
std::optional<std::string> read_text_file(const std::string& path, std::string_view what,
                                          std::string_view command, std::ostream& err);

// Reads RUN (a run folder or an events.jsonl) for scoring; on failure prints the reasons as
// file:line diagnostics and sets `exit_code` (2 for a bad record, 3 when it cannot be read).
// Defined in score_command.cpp; compare uses it too.
std::optional<eventlog::Record> read_run(const std::string& run, std::string_view command,
                                         std::ostream& err, int& exit_code);

// "gameday <command>: <message>", the usage line and a pointer to --help; returns exit code 2.
int usage_error(std::ostream& err, std::string_view command, std::string_view message,
                std::string_view usage);

// Prints each diagnostic as "file:line:col: error|warning: path: message", sorted by place.
void print_diagnostics(std::ostream& os, const Diagnostics& diags);

}  // namespace gameday::cli

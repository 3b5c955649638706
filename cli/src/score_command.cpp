// `gameday score RUN [--format text|json|markdown]`: reads a run's record and prints its
// scorecard (scoring/). The record is the only input, so a run can be scored anywhere, later.
// Colour is used only for text on a terminal and never when NO_COLOR is set (no-color.org);
// the environment is read here, in cli/, because scoring/ reads no ambient state.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/scoring/report.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

scoring::TextStyle terminal_style() {
  const char* no_color = std::getenv("NO_COLOR");
  const bool wanted = no_color == nullptr || no_color[0] == '\0';
  return wanted && isatty(STDOUT_FILENO) != 0 ? scoring::TextStyle::Colour
                                              : scoring::TextStyle::Plain;
}

// A failure to open or read the file is I/O; anything the reader objected to in the content
// (it names the line) is a bad record.
bool is_io_failure(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::Error && d.where.line == 0 &&
        (d.message.starts_with("cannot open") || d.message.starts_with("cannot read")))
      return true;
  return false;
}

}  // namespace

std::optional<eventlog::Record> read_run(const std::string& run, std::string_view command,
                                         std::ostream& err, int& exit_code) {
  std::error_code ec;
  if (!std::filesystem::exists(run, ec)) {
    err << "gameday " << command << ": '" << run
        << "': no such run folder or record (expected RUN or RUN/events.jsonl)\n";
    exit_code = to_int(ExitCode::InvalidInput);
    return std::nullopt;
  }
  Diagnostics diags;
  auto record = eventlog::read_record(run, diags);
  print_diagnostics(err, diags);  // warnings too: a truncated last line, unknown line types
  if (!record) {
    exit_code = to_int(is_io_failure(diags) ? ExitCode::Io : ExitCode::InvalidInput);
    err << "gameday " << command << ": " << run << ": "
        << (exit_code == to_int(ExitCode::Io) ? "cannot read the record" : "not a usable record")
        << '\n';
  }
  return record;
}

int score_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("format", po::value<std::string>()->default_value("text")->value_name("F"),
                        "text (a table), json (scorecard_version 1) or markdown")("help,h",
                                                                                  "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, "score", score_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << score_usage << "\n\nPrints the scorecard of a run from its record alone: incidents,\n"
        << "time to detect, page, mitigate and recover, failed requests, error budget used,\n"
        << "detection quality and noise. Definitions: docs/scoring.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown")
    return usage_error(err, "score", "--format '" + format + "': expected text, json or markdown",
                       score_usage);
  if (vm.count("run") == 0) return usage_error(err, "score", "no run given", score_usage);

  int code = 0;
  const auto record = read_run(vm["run"].as<std::string>(), "score", err, code);
  if (!record) return code;
  const scoring::Scorecard card = scoring::score(*record);
  if (format == "json")
    out << scoring::format_json(card);
  else if (format == "markdown")
    out << scoring::format_markdown(card);
  else
    out << scoring::format_text(card, terminal_style());
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

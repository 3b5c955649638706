// `gameday score RUN [--format text|json|markdown] [--out FILE] [--update-cadence FIRST,EVERY]`:
// reads a run's record and prints (or writes) its scorecard (scoring/). The record is the only
// input, so a run can be scored anywhere, later.
// Colour is used only for text on a terminal and never when NO_COLOR is set (no-color.org);
// the environment is read here, in cli/, because scoring/ reads no ambient state.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/core/units.hpp"
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

// "5m,20m": the first status update within 5 minutes of the declaration, then every 20.
bool parse_cadence(const std::string& text, scoring::ScoreOptions& o) {
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos) return false;
  const auto first = parse_duration(text.substr(0, comma));
  const auto every = parse_duration(text.substr(comma + 1));
  if (!first || !every || first->ns() <= 0 || every->ns() <= 0) return false;
  o.update_first = *first;
  o.update_every = *every;
  return true;
}

// --format when given; otherwise from --out's extension (.json, .md), else text.
std::string format_of(const boost::program_options::variables_map& vm) {
  if (!vm["format"].defaulted() || vm.count("out") == 0) return vm["format"].as<std::string>();
  const std::string ext = std::filesystem::path(vm["out"].as<std::string>()).extension().string();
  if (ext == ".json") return "json";
  if (ext == ".md" || ext == ".markdown") return "markdown";
  return "text";
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
                        "text (a table), json (scorecard_version 2) or markdown")(
      "out,o", po::value<std::string>()->value_name("FILE"),
      "write the scorecard to FILE (its format from .json or .md unless --format is given)")(
      "update-cadence", po::value<std::string>()->value_name("FIRST,EVERY"),
      "status updates: the first within FIRST of the declaration, then every EVERY (default: "
      "the scenario's scoring.targets, else 5m,20m)")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, "score", score_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << score_usage << "\n\nPrints the scorecard of a run from its record alone: incidents,\n"
        << "time to detect, page, acknowledge, declare, mitigate and recover, failed requests,\n"
        << "error budget used, detection quality and noise, and the response: roles, status\n"
        << "updates, handoffs, actions and what the system did after each.\n"
        << "Definitions: docs/scoring.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  const std::string format = format_of(vm);
  if (format != "text" && format != "json" && format != "markdown")
    return usage_error(err, "score", "--format '" + format + "': expected text, json or markdown",
                       score_usage);
  scoring::ScoreOptions options;
  if (vm.count("update-cadence") != 0 &&
      !parse_cadence(vm["update-cadence"].as<std::string>(), options))
    return usage_error(err, "score",
                       "--update-cadence '" + vm["update-cadence"].as<std::string>() +
                           "': expected two durations like 5m,20m",
                       score_usage);
  if (vm.count("run") == 0) return usage_error(err, "score", "no run given", score_usage);

  int code = 0;
  const auto record = read_run(vm["run"].as<std::string>(), "score", err, code);
  if (!record) return code;
  const scoring::Scorecard card = scoring::score(*record, options);
  const bool to_file = vm.count("out") != 0;
  std::string text;
  if (format == "json")
    text = scoring::format_json(card);
  else if (format == "markdown")
    text = scoring::format_markdown(card);
  else
    text = scoring::format_text(card, to_file ? scoring::TextStyle::Plain : terminal_style());
  if (!to_file) {
    out << text;
    return to_int(ExitCode::Success);
  }
  if (const FileResult r = write_file(vm["out"].as<std::string>(), text); !r.ok()) {
    err << "gameday score: " << r.message << '\n';
    return to_int(ExitCode::Io);
  }
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

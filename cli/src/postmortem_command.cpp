// `gameday postmortem RUN [--notes FILE] [--out FILE]`: the postmortem draft of a run, in
// Markdown (scoring/postmortem.hpp), from its record, its scorecard and the notes people keep.
// The notes are checked twice: as YAML (errors as file:line:col, exit 2, no draft) and for
// blaming language (findings on stderr and in the draft's "Before publishing" list; the draft
// is still written). File access lives here: scoring/ gets text and paths, never reads files.
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/scoring/lint.hpp"
#include "gameday/scoring/postmortem.hpp"
#include "gameday/scoring/scorecard.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

// RUN/summary.png (what `gameday render RUN --summary` writes), else the first PNG in the run
// folder by name; linked relative to where the draft goes. A picture older than the record was
// drawn from an earlier run's record (replaced with --force) and is not this run's.
std::optional<std::string> find_picture(const std::string& run,
                                        const std::optional<std::string>& out) {
  std::error_code ec;
  const bool is_folder = fs::is_directory(run, ec);
  fs::path folder = is_folder ? fs::path(run) : fs::path(run).parent_path();
  if (folder.empty()) folder = ".";
  const fs::path record = is_folder ? folder / "events.jsonl" : fs::path(run);
  const auto record_written = fs::last_write_time(record, ec);
  const bool record_time_known = !ec;
  const auto drawn_from_this_record = [&](const fs::path& p) {
    std::error_code e;
    return fs::is_regular_file(p, e) &&
           (!record_time_known || fs::last_write_time(p, e) >= record_written);
  };
  fs::path picture = folder / "summary.png";
  if (!drawn_from_this_record(picture)) {
    std::vector<fs::path> pngs;
    for (const auto& entry : fs::directory_iterator(folder, ec))
      if (entry.path().extension() == ".png" && drawn_from_this_record(entry.path()))
        pngs.push_back(entry.path());
    if (pngs.empty()) return std::nullopt;
    picture = *std::min_element(pngs.begin(), pngs.end());
  }
  if (!out) return picture.generic_string();
  const fs::path base = fs::absolute(fs::path(*out), ec).parent_path();
  const fs::path rel = fs::relative(fs::absolute(picture, ec), base, ec);
  return ec || rel.empty() ? picture.generic_string() : rel.generic_string();
}

void print_help(std::ostream& out, const po::options_description& visible) {
  out << postmortem_usage << "\n\n"
      << "Writes a postmortem draft in Markdown: header (status Draft, severity, scenario,\n"
      << "seed), summary, impact, trigger, contributing factors, detection, response,\n"
      << "recovery, a timeline with each entry's source, lessons, action items and the\n"
      << "scorecard. The notes file (YAML: observations, contributing_factors, action_items,\n"
      << "lessons) adds what only people know; it is validated (errors as file:line:col, exit\n"
      << "2) and checked for blaming language (findings on stderr and in the draft).\n"
      << "Format: docs/scoring.md.\n\n"
      << visible;
}

// The notes, parsed and linted; nullopt after printing why they cannot be used.
std::optional<scoring::PostmortemInput> read_notes(const std::string& path,
                                                   const eventlog::Record& record,
                                                   scoring::PostmortemInput input,
                                                   std::ostream& err, int& code) {
  const auto text = read_text_file(path, "the notes file", "postmortem", err);
  if (!text) {
    code = to_int(ExitCode::InvalidInput);
    return std::nullopt;
  }
  Diagnostics diags;
  input.notes = scoring::parse_notes(*text, path, diags);
  print_diagnostics(err, diags);
  if (!input.notes) {
    err << "gameday postmortem: " << path << ": the notes have errors; no draft written\n";
    code = to_int(ExitCode::InvalidInput);
    return std::nullopt;
  }
  input.notes_file = path;
  input.notes_findings = scoring::lint_text(*text, scoring::responder_names(record));
  for (const scoring::LintFinding& f : input.notes_findings)
    err << path << ':' << f.line << ':' << f.column << ": "
        << scoring::lint_category_name(f.category) << ": \"" << f.text << "\" \xE2\x80\x94 "
        << f.suggestion << '\n';
  return input;
}

}  // namespace

int postmortem_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("notes", po::value<std::string>()->value_name("FILE"),
                        "the notes file (YAML)")(
      "out,o", po::value<std::string>()->value_name("FILE"),
      "write the draft to FILE (default: standard output)")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, "postmortem", postmortem_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    print_help(out, visible);
    return to_int(ExitCode::Success);
  }
  if (vm.count("run") == 0) return usage_error(err, "postmortem", "no run given", postmortem_usage);
  const std::string run = vm["run"].as<std::string>();
  const std::optional<std::string> out_file =
      vm.count("out") != 0 ? std::optional(vm["out"].as<std::string>()) : std::nullopt;

  int code = 0;
  const auto record = read_run(run, "postmortem", err, code);
  if (!record) return code;
  scoring::PostmortemInput input;
  input.run = run;
  if (vm.count("notes") != 0) {
    auto with_notes = read_notes(vm["notes"].as<std::string>(), *record, input, err, code);
    if (!with_notes) return code;
    input = std::move(*with_notes);
  }
  input.picture = find_picture(run, out_file);
  const std::string draft = scoring::format_postmortem(*record, scoring::score(*record), input);
  if (!out_file) {
    out << draft;
    return to_int(ExitCode::Success);
  }
  if (const FileResult r = write_file(*out_file, draft); !r.ok()) {
    err << "gameday postmortem: " << r.message << '\n';
    return to_int(ExitCode::Io);
  }
  err << "gameday postmortem: wrote " << *out_file;
  if (!input.notes_findings.empty())
    err << " (" << input.notes_findings.size()
        << (input.notes_findings.size() == 1 ? " finding" : " findings")
        << " in the notes; listed under 'Before publishing')";
  err << '\n';
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

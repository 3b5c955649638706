// `gameday lint FILE...`: the blameless-language check (scoring/lint.hpp) over postmortems and
// notes in Markdown, YAML or plain text; `-` reads standard input. Findings are the command's
// output, one per line as file:line:col so editors and CI can jump to them; the count goes to
// stderr. Exit codes: 0 clean, 1 findings, 2 usage or a file that cannot be read.
#include <boost/program_options.hpp>
#include <iostream>
#include <iterator>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/scoring/lint.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

constexpr int findings_exit_code = 1;

void print_help(std::ostream& out, const po::options_description& visible) {
  out << lint_usage << "\n\n"
      << "Checks postmortems and notes (Markdown, YAML or plain text; - for stdin) for\n"
      << "language that blames people or hides what happened, and suggests a rewording:\n"
      << "human-error framing, counterfactuals, judgemental words, a person named as cause\n"
      << "or fix, vague action items. Code, block quotes and log lines are skipped; a line\n"
      << "containing 'gameday-lint: ignore' is too. Findings print as\n"
      << "file:line:col: category: \"text\" \xE2\x80\x94 suggestion.\n"
      << "Exit code 0 when clean, 1 when there are findings, 2 on usage or unreadable files.\n\n"
      << visible;
}

}  // namespace

int lint_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "file", Positionals::Many, "lint", lint_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    print_help(out, visible);
    return to_int(ExitCode::Success);
  }
  if (vm.count("file") == 0) return usage_error(err, "lint", "no file given", lint_usage);

  std::size_t findings = 0;
  std::size_t files_with_findings = 0;
  bool unreadable = false;
  for (const std::string& path : vm["file"].as<std::vector<std::string>>()) {
    std::string text;
    if (path == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else if (auto read = read_text_file(path, "", "lint", err)) {
      text = std::move(*read);
    } else {
      unreadable = true;
      continue;
    }
    const std::string label = path == "-" ? "<stdin>" : path;
    const auto found = scoring::lint_text(text);
    for (const scoring::LintFinding& f : found)
      out << label << ':' << f.line << ':' << f.column << ": "
          << scoring::lint_category_name(f.category) << ": \"" << f.text << "\" \xE2\x80\x94 "
          << f.suggestion << '\n';
    findings += found.size();
    files_with_findings += found.empty() ? 0 : 1;
  }
  if (findings > 0)
    err << "gameday lint: " << findings << (findings == 1 ? " finding" : " findings") << " in "
        << files_with_findings << (files_with_findings == 1 ? " file" : " files") << '\n';
  if (unreadable) return to_int(ExitCode::InvalidInput);
  return findings > 0 ? findings_exit_code : to_int(ExitCode::Success);
}

}  // namespace gameday::cli

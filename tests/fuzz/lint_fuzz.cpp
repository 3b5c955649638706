// Fuzz target: the blameless-language check (`gameday lint`) on any text. Invariants: no crash
// or sanitizer report; findings come in order of position, and each one's line and column
// point at its text as written.
#include <sstream>

#include "fuzz_support.hpp"
#include "gameday/scoring/lint.hpp"

using namespace gameday;

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return lines;
    start = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::vector<std::string_view> lines = split_lines(text);
  int line = 0;
  int column = 0;
  for (const scoring::LintFinding& f : scoring::lint_text(text)) {
    (void)scoring::lint_category_name(f.category);
    if (f.line < line || (f.line == line && f.column < column))
      fuzz::fail("lint findings out of order");
    line = f.line;
    column = f.column;
    std::ostringstream where;
    where << "finding '" << f.text << "' at " << f.line << ":" << f.column;
    if (f.line < 1 || f.line > static_cast<int>(lines.size()) || f.column < 1)
      fuzz::fail(where.str() + " is outside the text");
    const std::string_view at = lines[f.line - 1].substr(
        std::min(lines[f.line - 1].size(), static_cast<std::size_t>(f.column - 1)));
    if (!at.starts_with(f.text)) fuzz::fail(where.str() + " is not what the text has there");
  }
  return 0;
}

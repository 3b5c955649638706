// Writing text that people typed or a scenario named into Markdown so that it shows literally:
// no HTML, no link, no emphasis, no heading or list, and no broken table row, whatever it
// contains. Records and notes are shared, and the scorecard and the postmortem are pasted into
// renderers that pass raw HTML through. Every Markdown writer (the scorecard's Markdown form and
// the postmortem draft) puts outside text through these, and only these.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gameday::scoring {

// Where the Markdown goes: a table cell splits at every unescaped '|', even inside a code span.
enum class Where : std::uint8_t { Prose, Table };

// One line of text, for prose or a table cell: control characters removed, line breaks and tabs
// made spaces, and every character Markdown or HTML would act on backslash-escaped (\ ` * [ ] <
// > | ~ & #, and _ unless inside a word, as in incident_commander), as is a leading list or
// heading marker (- + = "1. ").
std::string md_text(std::string_view text);
// Several lines (the notes' summary, a scenario's description): md_text line by line, keeping
// the line breaks, so paragraphs stay paragraphs.
std::string md_lines(std::string_view text);
// A code span that shows `text` literally: fenced with more backticks than any run inside it,
// line breaks made spaces; in a table, '|' escaped.
std::string md_code(std::string_view text, Where where = Where::Prose);
// A link or image destination: as it is when it is plain, else in <...> with its specials
// escaped, so spaces and parentheses cannot end it early.
std::string md_destination(std::string_view path);

}  // namespace gameday::scoring

// Escaping outside text for Markdown; see markdown.hpp.
#include "gameday/scoring/markdown.hpp"

#include <algorithm>

#include "gameday/core/terminal_text.hpp"

namespace gameday::scoring {
namespace {

// Without control characters (and so without escape sequences, for a draft read with `cat`),
// line breaks and tabs as spaces.
std::string one_line(std::string_view text) {
  std::string s = terminal_text(text);
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\t', ' ');
  return s;
}

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string md_text(std::string_view text) {
  const std::string s = one_line(text);
  std::string out;
  out.reserve(s.size() + 8);
  // A line that starts with "-", "+", "=" or "12." / "12)" would be a list item or a heading's
  // underline; escaping the marker keeps it text.
  const std::size_t lead = s.find_first_not_of(' ');
  std::size_t marker = std::string::npos;
  if (lead != std::string::npos) {
    if (s[lead] == '-' || s[lead] == '+' || s[lead] == '=') {
      marker = lead;
    } else {
      // An ordered list's marker is followed by a space or nothing: "1. x" is one, "0.1.0" not.
      const std::size_t digits = s.find_first_not_of("0123456789", lead);
      if (digits != lead && digits != std::string::npos && (s[digits] == '.' || s[digits] == ')') &&
          (digits + 1 == s.size() || s[digits + 1] == ' '))
        marker = digits;
    }
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    bool escape = i == marker;
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '&':
      case '#': escape = true; break;
      // Inside a word an underscore can neither open nor close emphasis.
      case '_':
        escape = i == 0 || i + 1 == s.size() || !is_word(s[i - 1]) || !is_word(s[i + 1]);
        break;
      default: break;
    }
    if (escape) out += '\\';
    out += c;
  }
  return out;
}

std::string md_lines(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    out += md_text(text.substr(0, end));
    if (end == std::string_view::npos) break;
    out += '\n';
    text.remove_prefix(end + 1);
  }
  return out;
}

std::string md_code(std::string_view text, Where where) {
  std::string s = one_line(text);
  std::size_t longest = 0;
  for (std::size_t i = 0, run = 0; i < s.size(); ++i) {
    run = s[i] == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  if (where == Where::Table)
    for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.insert(i, "\\");
  // A space on each side is stripped by the renderer: needed when the text starts or ends with a
  // backtick, and to keep spaces the text itself has at both ends.
  const bool pad =
      !s.empty() &&
      (s.front() == '`' || s.back() == '`' ||
       (s.front() == ' ' && s.back() == ' ' && s.find_first_not_of(' ') != std::string::npos));
  const std::string fence(longest + 1, '`');
  return fence + (pad ? " " : "") + s + (pad ? " " : "") + fence;
}

std::string md_destination(std::string_view path) {
  const std::string s = one_line(path);
  if (s.find_first_of(" ()<>\\") == std::string::npos && !s.empty()) return s;
  std::string out = "<";
  for (const char c : s) {
    if (c == '<' || c == '>' || c == '\\') out += '\\';
    out += c;
  }
  return out + ">";
}

}  // namespace gameday::scoring

// Stripping control characters from text printed to a terminal; see terminal_text.hpp.
#include "gameday/core/terminal_text.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace gameday {
namespace {

constexpr char32_t esc = 0x1b, bel = 0x07, csi8 = 0x9b, st8 = 0x9c;

// Decodes the UTF-8 character at `i` and advances past it; a byte that does not start a
// well-formed character decodes as U+FFFD and advances by one.
char32_t next(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t c = b(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  std::size_t len = 0;
  char32_t cp = 0, min = 0;
  if (c >= 0xc2 && c <= 0xdf)
    len = 2, cp = c & 0x1f, min = 0x80;
  else if (c >= 0xe0 && c <= 0xef)
    len = 3, cp = c & 0x0f, min = 0x800;
  else if (c >= 0xf0 && c <= 0xf4)
    len = 4, cp = c & 0x07, min = 0x10000;
  bool ok = len > 0 && i + len <= s.size();
  for (std::size_t k = 1; ok && k < len; ++k) {
    ok = (b(i + k) & 0xc0) == 0x80;
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  ok = ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  i += ok ? len : 1;
  return ok ? cp : 0xfffd;
}

// The index just past the escape sequence whose introducer (ESC or an 8-bit CSI) ends at `i`.
std::size_t skip_sequence(std::string_view s, std::size_t i, char32_t introducer) {
  char32_t kind = introducer == csi8 ? '[' : 0;
  if (kind == 0) {
    if (i >= s.size()) return i;
    kind = next(s, i);
  }
  if (kind == '[') {  // CSI: parameter and intermediate bytes up to a final byte 0x40..0x7e
    while (i < s.size()) {
      const std::size_t before = i;
      const char32_t c = next(s, i);
      if (c >= 0x40 && c <= 0x7e) break;
      if (c < 0x20 || c > 0x3f) return before;  // malformed: what follows is text again
    }
    return i;
  }
  if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
    // OSC, DCS, SOS, PM, APC: a string up to BEL (OSC), ST (ESC \ or 0x9c), or the text's end.
    while (i < s.size()) {
      const char32_t c = next(s, i);
      if (c == bel || c == st8) break;
      if (c == esc) {
        if (i < s.size() && s[i] == '\\') ++i;
        break;
      }
    }
    return i;
  }
  // Two-byte sequences (ESC c, ESC 7, ...) and ESC with intermediates (ESC ( B): up to a final.
  while (kind >= 0x20 && kind <= 0x2f && i < s.size()) kind = next(s, i);
  return i;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace

std::string terminal_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next(text, i);
    if (c == esc || c == csi8) {
      i = skip_sequence(text, i, c);
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f) || c >= 0xa0) {
      if (c == 0xfffd && i - start == 1)
        append_utf8(out, c);  // an ill-formed byte
      else
        out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string visible_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next(text, i);
    if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f) || c >= 0xa0) {
      if (c == 0xfffd && i - start == 1)
        append_utf8(out, c);  // an ill-formed byte
      else
        out.append(text.substr(start, i - start));
      continue;
    }
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, c < 0x80 ? "\\x%02x" : "\\u%04x",
                  static_cast<unsigned>(c));
    out += escaped;
  }
  return out;
}

}  // namespace gameday

// UTF-8 checks and replacement. Sequences are checked byte by byte against the ranges of the
// standard's Table 3-7, which also excludes overlong forms, surrogates (U+D800..U+DFFF) and code
// points above U+10FFFF; stopping at the first byte out of range gives the maximal subpart.
#include "gameday/core/utf8.hpp"

namespace gameday {

Utf8Sequence utf8_sequence(std::string_view s) {
  const auto lead = static_cast<unsigned char>(s.front());
  if (lead < 0x80) return {1, true};
  std::size_t length = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte; later ones are 80..BF
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) lo = 0xA0;  // overlong below U+0800
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) lo = 0x90;  // overlong below U+10000
    if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {1, false};  // a continuation byte, C0, C1 or F5..FF
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (i >= s.size()) return {i, false};
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < lo || b > hi) return {i, false};
    lo = 0x80;
    hi = 0xBF;
  }
  return {length, true};
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Sequence seq = utf8_sequence(s.substr(i));
    if (!seq.is_valid) return i;
    i += seq.length;
  }
  return std::nullopt;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Sequence seq = utf8_sequence(s.substr(i));
    if (seq.is_valid)
      out.append(s.substr(i, seq.length));
    else
      out.append(utf8_replacement);
    i += seq.length;
  }
  return out;
}

}  // namespace gameday

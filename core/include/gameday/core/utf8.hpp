// UTF-8 well-formedness, as the Unicode standard defines it (Table 3-7): what text must be before
// it reaches a record, whose JSON reader refuses anything else.
//
// Ill-formed input is replaced rather than refused where people's text enters (a responder's
// command, a script, a console name): each maximal subpart of an ill-formed sequence becomes one
// U+FFFD, the replacement Unicode recommends and browsers use, so the same bytes always give the
// same text. Well-formed text is never changed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gameday {

// U+FFFD REPLACEMENT CHARACTER in UTF-8.
inline constexpr std::string_view utf8_replacement = "\xEF\xBF\xBD";

// The sequence at the start of non-empty `s`: a well-formed character and its length (1 to 4),
// or an ill-formed maximal subpart (1 to 3 bytes) that stands for one replacement character.
struct Utf8Sequence {
  std::size_t length = 0;
  bool is_valid = false;
};
Utf8Sequence utf8_sequence(std::string_view s);

// The byte offset of the first ill-formed sequence, or nullopt when `s` is well-formed UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// `s` with each ill-formed maximal subpart replaced by U+FFFD; `s` itself when well-formed.
std::string to_valid_utf8(std::string_view s);

}  // namespace gameday

// Text that came from outside (a record, a scenario, what a responder typed) made safe to print
// on a terminal: a record is shared for debriefs, and an escape sequence inside one must not
// recolour, retitle, move the cursor or clear the screen of whoever scores or replays it.
#pragma once

#include <string>
#include <string_view>

namespace gameday {

// `text` without control characters: escape sequences (CSI, OSC, DCS and the other string
// commands, and two-byte ESC sequences) are removed whole, as are the other C0 characters but
// newline and tab, DEL and the C1 characters (U+0080 to U+009F). A byte that is not part of a
// well-formed UTF-8 character becomes U+FFFD, so it cannot act as an 8-bit C1 control either.
std::string terminal_text(std::string_view text);

// `text` with every control character but newline and tab written out as an escape instead
// ("\x1b", "\u009b"), for messages that quote what they found: the reader sees that a
// name holds an escape sequence, and the terminal does not act on it. Ill-formed UTF-8 becomes
// U+FFFD as in terminal_text.
std::string visible_text(std::string_view text);

}  // namespace gameday

// Text printed to a terminal loses every control sequence and control character but newline and
// tab, keeps its printable text (UTF-8 included), and a byte that is not UTF-8 cannot act as an
// 8-bit control.
#include "gameday/core/terminal_text.hpp"

#include <gtest/gtest.h>

namespace gameday {
namespace {

TEST(TerminalText, PrintableTextIsKept) {
  EXPECT_EQ(terminal_text("alice: failover db\n\tdone"), "alice: failover db\n\tdone");
  EXPECT_EQ(terminal_text("café ☕ 日本 😀"), "café ☕ 日本 😀");
  EXPECT_EQ(terminal_text(""), "");
}

TEST(TerminalText, EscapeSequencesAreRemovedWhole) {
  EXPECT_EQ(terminal_text("\x1b[31mred\x1b[0m"), "red");           // SGR
  EXPECT_EQ(terminal_text("a\x1b[2J\x1b[H b"), "a b");             // clear, home
  EXPECT_EQ(terminal_text("\x1b]0;pwned\x07title"), "title");      // OSC ended by BEL
  EXPECT_EQ(terminal_text("\x1b]8;;http://x\x1b\\link"), "link");  // OSC ended by ST
  EXPECT_EQ(terminal_text("\x1bP+q\x1b\\ok"), "ok");               // DCS
  EXPECT_EQ(terminal_text("\x1b"
                          "c\x1b(Bok"),
            "ok");  // reset, charset
  EXPECT_EQ(terminal_text("\xc2\x9b"
                          "31mx"),
            "x");                               // 8-bit CSI as UTF-8
  EXPECT_EQ(terminal_text("end\x1b["), "end");  // cut short
  EXPECT_EQ(terminal_text("\x1b]0;never ended"), "");
}

TEST(TerminalText, OtherControlCharactersAreRemoved) {
  EXPECT_EQ(terminal_text("a\rb\bc\a\x7f"
                          "d\x0b\x0c\x01"),
            "abcd");
  EXPECT_EQ(terminal_text("x\xc2\x85y\xc2\x9cz"), "xyz");  // C1: NEL, ST
  EXPECT_EQ(terminal_text(std::string("a\0b", 3)), "ab");
}

TEST(TerminalText, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(terminal_text("caf\xe9"), "caf\xef\xbf\xbd");
  EXPECT_EQ(terminal_text("\x9b"
                          "31m"),
            "\xef\xbf\xbd"
            "31m");  // a raw 8-bit CSI is inert
  EXPECT_EQ(terminal_text("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
}

// Quoted in a message, a control character is written out: visible, and inert.
TEST(VisibleText, ControlCharactersAreWrittenOut) {
  EXPECT_EQ(visible_text("w\x1b[2Jeb"), "w\\x1b[2Jeb");
  EXPECT_EQ(visible_text("a\x07"
                         "b\x7f"),
            "a\\x07b\\x7f");
  EXPECT_EQ(visible_text("x\xc2\x9by"), "x\\u009by");  // C1: CSI
  EXPECT_EQ(visible_text("line\n\tcaf\xc3\xa9"), "line\n\tcaf\xc3\xa9");
  EXPECT_EQ(visible_text("caf\xe9"), "caf\xef\xbf\xbd");
}

}  // namespace
}  // namespace gameday

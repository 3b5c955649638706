// The console line editor driven as a responder meets it: keystrokes go into the master side of
// a real pseudo-terminal and what the editor draws comes back out of it, replayed on a small
// screen model so tests check the row the user sees; and through pipes, as when commands are
// scripted. Waits are bounded by generous deadlines and end as soon as the expected state shows.
#include "line_editor.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace gameday::cli {

void PrintTo(const Input& input, std::ostream* os) {
  static constexpr const char* kinds[] = {"Line", "EndOfInput", "Interrupt"};
  *os << kinds[static_cast<int>(input.kind)] << " \"" << input.line << '"';
}

namespace {

using namespace std::chrono_literals;

constexpr auto patience = 5s;  // how long a test waits for something that should be immediate

// Just enough of a VT100 to replay what the editor draws: printable bytes, CR, LF, BEL, and the
// CSI sequences K (erase to end of row), C and D (cursor right, left), H (home) and J (clear).
// One column per byte: tests that look at the screen type ASCII.
class Screen {
 public:
  void feed(std::string_view bytes) {
    for (const char c : bytes) {
      if (!escape_.empty()) {
        escape_ += c;
        if (escape_.size() > 2 && c >= 0x40 && c <= 0x7e) run_escape();
      } else if (c == '\x1b') {
        escape_ = c;
      } else if (c == '\r') {
        col_ = 0;
      } else if (c == '\n') {
        if (++row_ == rows_.size()) rows_.emplace_back();
      } else if (c == '\a') {
        ++bells_;
      } else if (static_cast<unsigned char>(c) >= 0x20) {
        auto& r = rows_[row_];
        if (r.size() <= col_) r.resize(col_ + 1, ' ');
        r[col_++] = c;
      } else {
        unknown_.push_back(std::string(1, c));
      }
    }
  }

  std::string row(std::size_t r) const { return r < rows_.size() ? rows_[r] : ""; }
  std::size_t cursor_row() const { return row_; }
  std::size_t cursor_col() const { return col_; }
  std::size_t widest_row() const {
    std::size_t w = 0;
    for (std::size_t r = 0; r < rows_.size(); ++r) w = std::max(w, row(r).size());
    return w;
  }
  int bells() const { return bells_; }
  const std::vector<std::string>& unknown() const { return unknown_; }

 private:
  void run_escape() {
    const char final_byte = escape_.back();
    const std::string params = escape_.substr(2, escape_.size() - 3);
    const std::size_t n = params.empty() ? 1 : std::stoul(params);
    if (escape_[1] != '[') {
      unknown_.push_back(escape_);
    } else if (final_byte == 'K' && params.empty()) {
      if (rows_[row_].size() > col_) rows_[row_].resize(col_);
    } else if (final_byte == 'C') {
      col_ += n;
    } else if (final_byte == 'D') {
      col_ -= std::min(col_, n);
    } else if (final_byte == 'H' && params.empty()) {
      row_ = col_ = 0;
    } else if (final_byte == 'J' && params == "2") {
      rows_.assign(row_ + 1, "");
    } else {
      unknown_.push_back(escape_);
    }
    escape_.clear();
  }

  std::vector<std::string> rows_{""};
  std::size_t row_ = 0;
  std::size_t col_ = 0;
  std::string escape_;
  int bells_ = 0;
  std::vector<std::string> unknown_;
};

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    ASSERT_GT(n, 0) << "write failed";
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Commands a console might offer; candidates are those starting with the word at the cursor.
Completer words(std::vector<std::string> vocabulary) {
  return [vocabulary](std::string_view before) {
    const std::string_view word = before.substr(before.rfind(' ') + 1);
    std::vector<std::string> out;
    for (const auto& w : vocabulary) {
      if (w.starts_with(word)) out.push_back(w);
    }
    return out;
  };
}

class PtyTest : public ::testing::Test {
 protected:
  static constexpr unsigned short columns = 60;

  void SetUp() override {
    winsize size{};
    size.ws_row = 24;
    size.ws_col = columns;
    ASSERT_EQ(openpty(&master_, &slave_, nullptr, nullptr, &size), 0);
    ASSERT_EQ(fcntl(master_, F_SETFL, fcntl(master_, F_GETFL) | O_NONBLOCK), 0);
    editor_ = std::make_unique<LineEditor>(slave_, slave_);
    ASSERT_TRUE(editor_->is_terminal());
  }
  void TearDown() override {
    editor_.reset();
    ::close(master_);
    ::close(slave_);
  }

  void type(std::string_view keys) { write_all(master_, keys); }

  // The next input the editor reports, waiting at most `patience`.
  std::optional<Input> next_input() {
    const auto input = editor_->poll(patience);
    drain();
    return input;
  }

  // Polls the editor until `done` holds; false if it never does.
  bool settle(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto input = editor_->poll(10ms);
      drain();
      EXPECT_FALSE(input.has_value()) << "unexpected input: " << input->line;
      if (done()) return true;
    }
    return false;
  }
  bool settle_on(const std::string& buffer) {
    const bool ok = settle([&] { return editor_->buffer() == buffer; });
    EXPECT_EQ(editor_->buffer(), buffer);
    return ok;
  }
  // Lets the editor read whatever was typed, for keys that change nothing visible in buffer().
  void idle() {
    for (int i = 0; i < 5; ++i) EXPECT_FALSE(editor_->poll(10ms).has_value());
    drain();
  }

  // The screen once everything drawn so far has arrived: a marker written to the slave after
  // the editor's output comes out of the master after it, pty output being in order.
  const Screen& screen() {
    const std::string marker = "<sync>";
    write_all(slave_, marker);
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (drawn_.find(marker) == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      pollfd p{master_, POLLIN, 0};
      ::poll(&p, 1, 10);
      drain();
    }
    const auto at = drawn_.find(marker);
    EXPECT_NE(at, std::string::npos) << "the pty never echoed the marker";
    screen_.feed(drawn_.substr(0, at));
    drawn_.erase(0, at == std::string::npos ? drawn_.size() : at + marker.size());
    return screen_;
  }
  std::string current_row() { return screen().row(screen_.cursor_row()); }

  // Keeps the pty's output buffer from filling up (which would block the editor's writes).
  void drain() {
    char chunk[4096];
    for (ssize_t n; (n = ::read(master_, chunk, sizeof chunk)) > 0;) {
      drawn_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  int master_ = -1;
  int slave_ = -1;
  std::unique_ptr<LineEditor> editor_;
  std::string drawn_;
  Screen screen_;
};

const Input eof{InputKind::EndOfInput, {}};
const Input interrupt{InputKind::Interrupt, {}};
Input line(std::string text) {
  return Input{InputKind::Line, std::move(text)};
}

TEST_F(PtyTest, TypingAndEnterReturnTheLine) {
  type("status\r");
  EXPECT_EQ(next_input(), line("status"));
  EXPECT_EQ(editor_->buffer(), "");
  // The finished line stays on screen and the cursor moved below it.
  EXPECT_EQ(screen().row(0), "> status");
  EXPECT_EQ(screen().cursor_row(), 1u);
  EXPECT_TRUE(screen().unknown().empty());
}

TEST_F(PtyTest, SeveralLinesInOneReadComeOutOneAtATime) {
  type("one\rtwo\r\nthree\n");
  EXPECT_EQ(next_input(), line("one"));
  EXPECT_EQ(next_input(), line("two"));  // "\r\n" is one line end, not two
  EXPECT_EQ(next_input(), line("three"));
  EXPECT_EQ(editor_->poll(20ms), std::nullopt);
}

TEST_F(PtyTest, BackspaceLeftAndInsertInTheMiddle) {
  type("statsu\x1b[D\x7f");  // Left, then Backspace removes the 's' before the cursor
  ASSERT_TRUE(settle_on("statu"));
  EXPECT_EQ(editor_->cursor(), 4u);
  type("\x1bOFs");  // End in its SS3 form, then insert
  ASSERT_TRUE(settle_on("status"));
  type("\x01\x1bOC\x1bOC\x1b[C");  // Ctrl-A, Right (SS3) twice, Right (CSI)
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 3; }));
  type("-");
  ASSERT_TRUE(settle_on("sta-tus"));
  EXPECT_EQ(current_row(), "> sta-tus");
  EXPECT_EQ(screen_.cursor_col(), 6u);  // after "> sta-"
  EXPECT_TRUE(screen_.unknown().empty());
}

TEST_F(PtyTest, DeleteHomeEndAndWordMotion) {
  type("xrestart web\x1b[H\x1b[3~");  // Home, Delete
  ASSERT_TRUE(settle_on("restart web"));
  EXPECT_EQ(editor_->cursor(), 0u);
  type("\x05");  // Ctrl-E
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 11; }));
  type("\x1b[1;5D");  // Ctrl-Left: to the start of "web"
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 8; }));
  type(
      "\x1b"
      "b");  // Alt-B: to the start of "restart"
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 0; }));
  type("\x1b[4~\x1b[1~\x1b[F");  // End, Home, End in their other forms
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 11; }));
  type("\x01\x0b");  // Ctrl-A, Ctrl-K
  ASSERT_TRUE(settle_on(""));
}

TEST_F(PtyTest, EscapeSequencesSplitAcrossReadsAreNotTyped) {
  type("status\x1b[");
  idle();
  type("D");  // completes ESC [ D
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 5; }));
  type("\x1bO");
  idle();
  type("DX");  // completes ESC O D, then an ordinary key
  ASSERT_TRUE(settle_on("statXus"));
  type("\x1b[15~\x1bOP\x1b[1;2Q");  // F5, F1, Shift-F2: meaningless here, never inserted
  type("!");
  ASSERT_TRUE(settle_on("statX!us"));
}

TEST_F(PtyTest, BackspaceAndDeleteRemoveWholeUtf8Characters) {
  type("caf\xc3\xa9");  // "café"
  ASSERT_TRUE(settle_on("caf\xc3\xa9"));
  type("\x7f");
  ASSERT_TRUE(settle_on("caf"));
  type("\xc3\xa9!\x1b[D\x1b[D\x1b[3~");  // "é!", Left twice, Delete
  ASSERT_TRUE(settle_on("caf!"));
  EXPECT_EQ(editor_->cursor(), 3u);
}

TEST_F(PtyTest, HistoryUpAndDownCollapsesRepeats) {
  type("one\rtwo\rtwo\r");
  EXPECT_EQ(next_input(), line("one"));
  EXPECT_EQ(next_input(), line("two"));
  EXPECT_EQ(next_input(), line("two"));
  EXPECT_EQ(editor_->history(), (std::vector<std::string>{"one", "two"}));
  type("dr");
  ASSERT_TRUE(settle_on("dr"));
  type("\x1b[A");
  ASSERT_TRUE(settle_on("two"));
  EXPECT_EQ(editor_->cursor(), 3u);
  type("\x1bOA");
  ASSERT_TRUE(settle_on("one"));
  type("\x10");  // Ctrl-P at the oldest entry stays there
  idle();
  EXPECT_EQ(editor_->buffer(), "one");
  type("\x1b[B");
  ASSERT_TRUE(settle_on("two"));
  type("\x0e");  // Ctrl-N back to the line being typed
  ASSERT_TRUE(settle_on("dr"));
  EXPECT_EQ(current_row(), "> dr");
  type("\x1b[A\r");
  EXPECT_EQ(next_input(), line("two"));
}

TEST_F(PtyTest, HistoryPersistsToTheGivenFile) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("gameday-line-editor-history-" + std::to_string(::getpid()));
  std::filesystem::remove(file);
  editor_->set_history_file(file);
  type("ack\rack\rscale web 3\r");
  EXPECT_EQ(next_input(), line("ack"));
  EXPECT_EQ(next_input(), line("ack"));
  EXPECT_EQ(next_input(), line("scale web 3"));
  editor_.reset();
  std::ifstream in(file);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "ack\nscale web 3\n");

  editor_ = std::make_unique<LineEditor>(slave_, slave_);
  editor_->set_history_file(file);
  EXPECT_EQ(editor_->history(), (std::vector<std::string>{"ack", "scale web 3"}));
  type("\x1b[A\x1b[A");
  ASSERT_TRUE(settle_on("ack"));
  std::filesystem::remove(file);
}

// A history file edited elsewhere (CRLF line ends, stray control characters) gives back lines as
// typing makes them: Tab on a recalled "\r" line once handed the completer a line ending in
// '\r', and the console's completer read past an empty list of words.
TEST_F(PtyTest, HistoryFromAFileHoldsNoControlCharactersForCompletion) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("gameday-line-editor-crlf-" + std::to_string(::getpid()));
  std::ofstream(file, std::ios::binary) << "status\r\n\r\n\x0b\n\x0c\nscale\tweb 3\x7f\r\n";
  editor_->set_history_file(file);
  std::filesystem::remove(file);
  EXPECT_EQ(editor_->history(), (std::vector<std::string>{"status", "scaleweb 3"}));
  std::vector<std::string> asked;
  const auto vocabulary = words({"status", "scale"});
  editor_->set_completer([&](std::string_view before) {
    asked.emplace_back(before);
    return vocabulary(before);
  });
  type("\x1b[A\x1b[A\t");
  ASSERT_TRUE(settle_on("status "));
  EXPECT_EQ(asked, (std::vector<std::string>{"status"}));
}

// What a Latin-1 terminal sends for "café": the finished line on screen and the line returned
// both have U+FFFD for the byte that is not UTF-8, so the record keeps what the screen showed.
TEST_F(PtyTest, AByteThatIsNotUtf8IsReplacedOnScreenAndInTheLine) {
  type("note caf\xe9\r");
  EXPECT_EQ(next_input(), line("note caf\xEF\xBF\xBD"));
  EXPECT_EQ(editor_->history(), (std::vector<std::string>{"note caf\xEF\xBF\xBD"}));
  EXPECT_EQ(screen().row(0), "> note caf\xEF\xBF\xBD");
}

TEST_F(PtyTest, TabCompletesASingleCandidate) {
  std::vector<std::string> asked;
  const auto vocabulary = words({"status", "scale-up", "scale-down", "restart"});
  editor_->set_completer([&](std::string_view before) {
    asked.emplace_back(before);
    return vocabulary(before);
  });
  type("sta\t");
  ASSERT_TRUE(settle_on("status "));
  EXPECT_EQ(editor_->cursor(), 7u);
  type("x\x1b[D\x1b[D\x17re\t");  // mid-line: only the text before the cursor counts
  ASSERT_TRUE(settle_on("restart  x"));
  EXPECT_EQ(asked, (std::vector<std::string>{"sta", "re"}));
  EXPECT_EQ(editor_->cursor(), 8u);
  EXPECT_EQ(current_row(), "> restart  x");
}

TEST_F(PtyTest, TabCompletesTheCommonPrefixThenListsCandidates) {
  editor_->set_completer(words({"status", "scale-up", "scale-down", "restart"}));
  type("sc\t");
  ASSERT_TRUE(settle_on("scale-"));
  EXPECT_EQ(screen().bells(), 0);
  type("\t");  // nothing more to add: the second Tab lists the candidates
  idle();
  EXPECT_EQ(editor_->buffer(), "scale-");
  const Screen& s = screen();
  EXPECT_EQ(s.row(0), "scale-up    scale-down");
  EXPECT_EQ(s.row(1), "> scale-");
  EXPECT_EQ(s.cursor_row(), 1u);
  EXPECT_EQ(s.cursor_col(), 8u);

  type("\x15s\t");  // Ctrl-U, then "s": nothing to add, so one Tab only rings
  idle();
  EXPECT_EQ(editor_->buffer(), "s");
  EXPECT_EQ(screen().bells(), 1);
  EXPECT_EQ(screen().cursor_row(), 1u);
  type("q\t");  // no candidate at all
  idle();
  EXPECT_EQ(editor_->buffer(), "sq");
  EXPECT_EQ(screen().bells(), 2);
}

TEST_F(PtyTest, CtrlUAndCtrlWKill) {
  type("restart checkout now\x17");
  ASSERT_TRUE(settle_on("restart checkout "));
  type("\x17");
  ASSERT_TRUE(settle_on("restart "));
  type("web\x1b[D\x1b[D\x15");  // Ctrl-U kills only what is before the cursor
  ASSERT_TRUE(settle_on("eb"));
  EXPECT_EQ(editor_->cursor(), 0u);
  EXPECT_EQ(current_row(), "> eb");
  EXPECT_EQ(screen_.cursor_col(), 2u);
}

TEST_F(PtyTest, CtrlCInterruptsAndClearsTheLine) {
  type("restart web\x03");
  EXPECT_EQ(next_input(), interrupt);
  EXPECT_EQ(editor_->buffer(), "");
  EXPECT_EQ(screen().row(0), "> restart web^C");
  type("status\r");
  EXPECT_EQ(next_input(), line("status"));
}

TEST_F(PtyTest, CtrlDEndsInputOnlyOnAnEmptyLine) {
  type("ab\x1b[D\x1b[D\x04");  // not empty: deletes under the cursor
  ASSERT_TRUE(settle_on("b"));
  type("\x05\x15\x04");  // End, Ctrl-U, Ctrl-D
  EXPECT_EQ(next_input(), eof);
}

TEST_F(PtyTest, ClosedTerminalIsTheEndOfInput) {
  type("half a li");
  ASSERT_TRUE(settle_on("half a li"));
  ::close(master_);
  master_ = -1;
  EXPECT_EQ(editor_->poll(patience), eof);
}

TEST_F(PtyTest, PrintAboveKeepsTheLineBeingTyped) {
  type("scale web");
  ASSERT_TRUE(settle_on("scale web"));
  type("\x1b[D\x1b[D\x1b[D");
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 6; }));
  editor_->print_above("ALERT checkout-latency firing\nPAGE sent to on-call");
  EXPECT_EQ(editor_->buffer(), "scale web");
  EXPECT_EQ(editor_->cursor(), 6u);
  const Screen& s = screen();
  EXPECT_EQ(s.row(0), "ALERT checkout-latency firing");
  EXPECT_EQ(s.row(1), "PAGE sent to on-call");
  EXPECT_EQ(s.row(2), "> scale web");
  EXPECT_EQ(s.cursor_row(), 2u);
  EXPECT_EQ(s.cursor_col(), 8u);  // still before "web"
  type("\x05 3\r");
  EXPECT_EQ(next_input(), line("scale web 3"));
}

TEST_F(PtyTest, PrintAboveAfterEnterLeavesThePromptForTheNextPoll) {
  type("status\r");
  EXPECT_EQ(next_input(), line("status"));
  editor_->print_above("checkout: 3/3 up\n");
  EXPECT_EQ(screen().row(0), "> status");
  EXPECT_EQ(screen().row(1), "checkout: 3/3 up");
  EXPECT_EQ(screen().row(2), "");  // no prompt drawn yet
  EXPECT_EQ(editor_->poll(0ms), std::nullopt);
  EXPECT_EQ(screen().row(2), "> ");
}

TEST_F(PtyTest, SetPromptRedrawsTheLine) {
  type("ack");
  ASSERT_TRUE(settle_on("ack"));
  editor_->set_prompt("[12:03 x60] > ");
  EXPECT_EQ(current_row(), "[12:03 x60] > ack");
  EXPECT_EQ(screen_.cursor_col(), 17u);
  editor_->set_prompt("\x1b[1m[12:04 x60]\x1b[0m > ");  // escape codes take no columns
  EXPECT_EQ(editor_->poll(0ms), std::nullopt);
  type("\x01");
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 0; }));
  EXPECT_EQ(screen().cursor_col(), 14u);
}

TEST_F(PtyTest, CtrlLClearsTheScreenAndRedraws) {
  type("status\r");
  EXPECT_EQ(next_input(), line("status"));
  type("de\x0c");
  idle();
  const Screen& s = screen();
  EXPECT_EQ(s.row(0), "> de");
  EXPECT_EQ(s.row(1), "");
  EXPECT_EQ(s.cursor_row(), 0u);
  EXPECT_EQ(editor_->buffer(), "de");
}

TEST_F(PtyTest, LongLinesScrollAndFollowResizes) {
  const std::string text = "silence checkout-latency-burn-rate-fast for 30m because deploy";
  type(text);
  ASSERT_TRUE(settle_on(text));
  const Screen& s = screen();
  EXPECT_LT(s.widest_row(), std::size_t{columns});  // never the last column
  EXPECT_EQ(s.cursor_col(), columns - 1u);
  EXPECT_TRUE(s.row(0).ends_with("because deploy")) << s.row(0);
  type("\x01");
  ASSERT_TRUE(settle([&] { return editor_->cursor() == 0; }));
  EXPECT_EQ(current_row(), "> " + text.substr(0, columns - 3));
  EXPECT_EQ(screen_.cursor_col(), 2u);

  winsize wider{};
  wider.ws_row = 24;
  wider.ws_col = 100;
  ASSERT_EQ(ioctl(master_, TIOCSWINSZ, &wider), 0);
  EXPECT_EQ(editor_->poll(0ms), std::nullopt);
  EXPECT_EQ(current_row(), "> " + text);
}

TEST_F(PtyTest, PollWaitsForTheTimeoutWhenNothingIsTyped) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(editor_->poll(60ms), std::nullopt);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 60ms);
  EXPECT_EQ(current_row(), "> ");
}

TEST_F(PtyTest, TerminalSettingsAreRestoredOnDestructionAndOnException) {
  editor_.reset();
  termios before{};
  ASSERT_EQ(tcgetattr(slave_, &before), 0);
  const auto same = [&] {
    termios now{};
    tcgetattr(slave_, &now);
    return now.c_lflag == before.c_lflag && now.c_iflag == before.c_iflag &&
           now.c_oflag == before.c_oflag && now.c_cc[VMIN] == before.c_cc[VMIN];
  };
  {
    LineEditor editor(slave_, slave_);
    termios during{};
    tcgetattr(slave_, &during);
    EXPECT_EQ(during.c_lflag & (ICANON | ECHO | ISIG), 0u);
    EXPECT_FALSE(same());
  }
  EXPECT_TRUE(same());
  try {
    LineEditor editor(slave_, slave_);
    EXPECT_FALSE(same());
    throw std::runtime_error("a command failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(same());
}

class PipeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::pipe(in_), 0);
    ASSERT_EQ(::pipe(out_), 0);
    ASSERT_EQ(fcntl(out_[0], F_SETFL, O_NONBLOCK), 0);
    editor_ = std::make_unique<LineEditor>(in_[0], out_[1]);
  }
  void TearDown() override {
    editor_.reset();
    for (const int fd : {in_[0], in_[1], out_[0], out_[1]}) {
      if (fd >= 0) ::close(fd);
    }
  }
  void send(std::string_view bytes) { write_all(in_[1], bytes); }
  void close_input() {
    ::close(in_[1]);
    in_[1] = -1;
  }
  std::string written() {
    std::string out;
    char chunk[4096];
    for (ssize_t n; (n = ::read(out_[0], chunk, sizeof chunk)) > 0;) {
      out.append(chunk, static_cast<std::size_t>(n));
    }
    return out;
  }

  int in_[2] = {-1, -1};
  int out_[2] = {-1, -1};
  std::unique_ptr<LineEditor> editor_;
};

TEST_F(PipeTest, ReadsLinesWithoutEchoOrEscapes) {
  EXPECT_FALSE(editor_->is_terminal());
  editor_->set_prompt("[12:03 x60] > ");
  send("status\nscale web 3\r\n\x1b[A\n");
  EXPECT_EQ(editor_->poll(patience), line("status"));
  EXPECT_EQ(editor_->poll(patience), line("scale web 3"));
  EXPECT_EQ(editor_->poll(patience), line("\x1b[A"));  // no key decoding on a pipe
  editor_->print_above("ALERT checkout-latency firing");
  editor_->print_above("done\n");
  EXPECT_EQ(written(), "ALERT checkout-latency firing\ndone\n");
  EXPECT_TRUE(editor_->history().empty());
}

TEST_F(PipeTest, LinesThatAreNotUtf8ComeBackWithReplacementCharacters) {
  send("note caf\xe9\nnote \xc3\xa9t\xc3\n");
  EXPECT_EQ(editor_->poll(patience), line("note caf\xEF\xBF\xBD"));
  EXPECT_EQ(editor_->poll(patience), line("note \xC3\xA9t\xEF\xBF\xBD"));
}

TEST_F(PipeTest, BuffersAPartialLine) {
  send("sca");
  EXPECT_EQ(editor_->poll(20ms), std::nullopt);
  send("le web");
  EXPECT_EQ(editor_->poll(20ms), std::nullopt);
  send(" 3\nack");
  EXPECT_EQ(editor_->poll(patience), line("scale web 3"));
  EXPECT_EQ(editor_->poll(20ms), std::nullopt);
  send("\n");
  EXPECT_EQ(editor_->poll(patience), line("ack"));
}

TEST_F(PipeTest, LastLineWithoutNewlineThenEndOfInput) {
  send("one\n\nlast");
  close_input();
  EXPECT_EQ(editor_->poll(patience), line("one"));
  EXPECT_EQ(editor_->poll(patience), line(""));
  EXPECT_EQ(editor_->poll(patience), line("last"));
  EXPECT_EQ(editor_->poll(patience), eof);
  EXPECT_EQ(editor_->poll(patience), eof);
  EXPECT_EQ(written(), "");
}

TEST_F(PipeTest, PollTimesOutAndReturnsEarlyOnlyForInput) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(editor_->poll(50ms), std::nullopt);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
  send("now\n");
  start = std::chrono::steady_clock::now();
  EXPECT_EQ(editor_->poll(patience), line("now"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, patience);
}

}  // namespace
}  // namespace gameday::cli

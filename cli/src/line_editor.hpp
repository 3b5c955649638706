// The console's line editor: reads what a responder types while the simulation keeps running,
// without any external library. The caller owns the clock and calls poll() with how long it may
// wait; asynchronous messages go through print_above() so they never break the line being typed.
//
// On a terminal (input and output both ttys) the editor switches the input to raw mode for its
// lifetime and draws a one-row prompt that scrolls horizontally when the line is wider than the
// terminal. Keys: Enter, Backspace, Delete, Left/Right, Home/End, Ctrl-A/E/B/F, Alt-B/F and
// Ctrl-Left/Right (words), Ctrl-U (kill to start), Ctrl-K (kill to end), Ctrl-W (kill word),
// Ctrl-L (clear and redraw), Up/Down and Ctrl-P/N (history), Tab (completion). Ctrl-C arrives as
// InputKind::Interrupt, not as SIGINT, and Ctrl-D on an empty line as InputKind::EndOfInput.
// Anywhere else (a pipe, a file) it reads lines and writes nothing but print_above's text.
// Lines come back as valid UTF-8: each ill-formed sequence (a Latin-1 terminal, a pasted byte)
// is replaced by U+FFFD, in the finished line on screen as in the line returned.
//
// Invariants: cursor() is a byte offset on a UTF-8 character boundary of buffer(); the terminal
// settings found at construction are put back by the destructor (so on every unwinding path)
// and by an exit handler if the process exits with the editor still alive.
#pragma once

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gameday::cli {

namespace line_editing {
enum class Edit : std::uint8_t;  // what a key does; defined with the key decoding
}

enum class InputKind : std::uint8_t { Line, EndOfInput, Interrupt };

struct Input {
  InputKind kind = InputKind::Line;
  std::string line;  // the line without its newline; empty unless kind is Line

  friend bool operator==(const Input&, const Input&) = default;
};

// Candidates for the word that ends at the cursor (the text after the last space), given the
// line up to the cursor. Each candidate replaces that whole word.
using Completer = std::function<std::vector<std::string>(std::string_view line_before_cursor)>;

class LineEditor {
 public:
  // The descriptors stay owned by the caller and must outlive the editor.
  explicit LineEditor(int in_fd = STDIN_FILENO, int out_fd = STDOUT_FILENO);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  bool is_terminal() const { return raw_; }

  // Waits up to `timeout` for a completed line, the end of input or an interrupt; returns
  // nothing when the time passes first or a signal interrupts the wait. Input already buffered
  // is returned without waiting. On a terminal, draws the prompt if it is not showing.
  std::optional<Input> poll(std::chrono::milliseconds timeout);

  // Writes `text` (a newline is added when it lacks one) above the prompt and redraws the prompt
  // and the line being typed beneath it.
  void print_above(std::string_view text);

  void set_prompt(std::string prompt);
  void set_completer(Completer completer) { completer_ = std::move(completer); }

  // Loads earlier history from `path` if it exists; lines accepted from now on are appended to
  // it. Failing to read or write it is not an error: history is a convenience.
  void set_history_file(std::filesystem::path path);

  const std::string& buffer() const { return line_; }
  std::size_t cursor() const { return cursor_; }
  const std::vector<std::string>& history() const { return history_; }

 private:
  using Edit = line_editing::Edit;

  bool read_more(std::chrono::milliseconds wait);  // false when nothing came in time
  std::optional<Input> take_plain_line();
  std::optional<Input> take_keys();
  std::optional<Input> on_byte(unsigned char c);
  void apply(Edit edit);
  Input accept();
  Input interrupt();
  void finish_line(std::string_view ending);
  Input end_of_input();
  void complete();
  void recall_older();
  void recall_newer();
  void remember(const std::string& line);
  std::string render();  // the bytes that redraw the prompt row; the row counts as shown
  void refresh();
  void write_out(std::string_view bytes) const;

  int in_fd_;
  int out_fd_;
  bool raw_ = false;
  termios saved_{};
  std::string prompt_ = "> ";
  std::string line_;
  std::size_t cursor_ = 0;
  std::string pending_;  // bytes read but not consumed: part of a line or of an escape sequence
  bool at_eof_ = false;
  bool after_cr_ = false;  // a '\n' right after the '\r' that ended a line is not another line
  bool shown_ = false;     // the prompt row is on screen and reflects line_
  bool dirty_ = false;     // line_ or cursor_ changed since the last draw
  int drawn_columns_ = 0;
  int tabs_in_a_row_ = 0;
  Completer completer_;
  std::vector<std::string> history_;
  std::size_t history_pos_ = 0;  // history_.size() while editing a new line
  std::string draft_;            // the new line, kept while browsing history
  std::filesystem::path history_file_;
};

}  // namespace gameday::cli

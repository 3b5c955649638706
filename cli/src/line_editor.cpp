// The line editor's input decoding, editing and drawing. Input bytes collect in pending_ and are
// consumed only when they form something whole (a line on a pipe; a key or a complete escape
// sequence on a terminal), so lines and sequences split across reads come out right. Drawing is
// always "carriage return, prompt, visible part of the line, erase to end of row, move the
// cursor", sent in one write, so a redraw never depends on what the row showed before.
#include "line_editor.hpp"

#include <poll.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "gameday/core/output_file.hpp"
#include "gameday/core/terminal_text.hpp"
#include "gameday/core/utf8.hpp"

namespace gameday::cli {

enum class line_editing::Edit : std::uint8_t {
  None,
  Left,
  Right,
  WordLeft,
  WordRight,
  Home,
  End,
  Older,
  Newer,
  Backspace,
  Delete,
  KillToStart,
  KillToEnd,
  KillWord,
  Complete,
  ClearScreen
};

namespace {

using line_editing::Edit;

constexpr std::size_t history_max = 1000;
constexpr std::size_t escape_max = 32;  // longer unfinished sequences are garbage, not keys
constexpr char esc = '\x1b';

// The settings an exit handler puts back when the process exits without unwinding the editor.
int exit_restore_fd = -1;
termios exit_restore_settings{};

extern "C" void restore_terminal_at_exit() {
  if (exit_restore_fd >= 0) tcsetattr(exit_restore_fd, TCSADRAIN, &exit_restore_settings);
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t prev_char(const std::string& s, std::size_t i) {
  while (i > 0 && is_continuation(s[--i])) {
  }
  return i;
}

std::size_t next_char(const std::string& s, std::size_t i) {
  if (i < s.size()) ++i;
  while (i < s.size() && is_continuation(s[i])) ++i;
  return i;
}

// A line as typing could have made it: valid UTF-8 without control characters (a history file
// may have been edited, or written with CRLF line ends).
std::string printable(std::string_view s) {
  std::string out = to_valid_utf8(s);
  std::erase_if(out, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  return out;
}

std::size_t word_start_before(const std::string& s, std::size_t i) {
  while (i > 0 && s[i - 1] == ' ') --i;
  while (i > 0 && s[i - 1] != ' ') --i;
  return i;
}

std::size_t word_end_after(const std::string& s, std::size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  while (i < s.size() && s[i] != ' ') ++i;
  return i;
}

// Columns taken by `s`: one per UTF-8 character, none for control characters and CSI sequences
// (so a coloured prompt measures right). Wide characters count as one; good enough here.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == esc && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && (s[i] < 0x40 || s[i] > 0x7e)) ++i;
    } else if (static_cast<unsigned char>(s[i]) >= 0x20 && !is_continuation(s[i])) {
      ++width;
    }
  }
  return width;
}

Edit cursor_key(char final_byte, int modifier) {
  const bool by_word = modifier == 3 || modifier == 5;  // Alt or Ctrl
  switch (final_byte) {
    case 'A': return Edit::Older;
    case 'B': return Edit::Newer;
    case 'C': return by_word ? Edit::WordRight : Edit::Right;
    case 'D': return by_word ? Edit::WordLeft : Edit::Left;
    case 'H': return Edit::Home;
    case 'F': return Edit::End;
    default: return Edit::None;
  }
}

// CSI: ESC [ parameters final, e.g. "ESC [ A", "ESC [ 1 ; 5 C", "ESC [ 3 ~".
Edit csi_key(std::string_view params, char final_byte) {
  const int first = std::atoi(std::string(params).c_str());
  const auto semicolon = params.find(';');
  const int modifier =
      semicolon == std::string_view::npos ? 0 : std::atoi(params.data() + semicolon + 1);
  if (final_byte != '~') return cursor_key(final_byte, modifier);
  switch (first) {
    case 1:
    case 7: return Edit::Home;
    case 4:
    case 8: return Edit::End;
    case 3: return Edit::Delete;
    default: return Edit::None;
  }
}

// The length of the escape sequence that starts `in` (in[0] is ESC) and the key it stands for;
// 0 while the sequence is incomplete. Unknown sequences are consumed whole and mean nothing.
std::size_t parse_escape(std::string_view in, Edit& edit) {
  edit = Edit::None;
  if (in.size() < 2) return 0;
  if (in[1] == 'O') {  // SS3: exactly one final byte, e.g. "ESC O A" in application mode
    if (in.size() < 3) return 0;
    edit = cursor_key(in[2], 0);
    return 3;
  }
  if (in[1] != '[') {
    if (in[1] == 'b') edit = Edit::WordLeft;
    if (in[1] == 'f') edit = Edit::WordRight;
    return in[1] == 'b' || in[1] == 'f' ? 2 : 1;  // otherwise drop the lone ESC, keep the rest
  }
  for (std::size_t i = 2; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c >= 0x40 && c <= 0x7e) {
      edit = csi_key(in.substr(2, i - 2), in[i]);
      return i + 1;
    }
    if (c < 0x20 || c > 0x3f) return i;  // malformed: drop it, the byte is read again as a key
  }
  return in.size() > escape_max ? in.size() : 0;
}

Edit control_key(unsigned char c) {
  switch (c) {
    case 0x01: return Edit::Home;         // Ctrl-A
    case 0x02: return Edit::Left;         // Ctrl-B
    case 0x05: return Edit::End;          // Ctrl-E
    case 0x06: return Edit::Right;        // Ctrl-F
    case 0x08: return Edit::Backspace;    // Ctrl-H
    case 0x7f: return Edit::Backspace;    // DEL, what most terminals send for Backspace
    case '\t': return Edit::Complete;     // Tab
    case 0x0b: return Edit::KillToEnd;    // Ctrl-K
    case 0x0c: return Edit::ClearScreen;  // Ctrl-L
    case 0x0e: return Edit::Newer;        // Ctrl-N
    case 0x10: return Edit::Older;        // Ctrl-P
    case 0x15: return Edit::KillToStart;  // Ctrl-U
    case 0x17: return Edit::KillWord;     // Ctrl-W
    default: return Edit::None;
  }
}

std::string common_prefix(const std::vector<std::string>& words) {
  std::string prefix = words.front();
  for (const auto& w : words) {
    const auto end = std::mismatch(prefix.begin(), prefix.end(), w.begin(), w.end()).first;
    prefix.erase(end, prefix.end());
  }
  // Drop a last character the byte-wise comparison cut in two.
  std::size_t lead = prefix.size();
  while (lead > 0 && is_continuation(prefix[lead - 1])) --lead;
  if (lead > 0 && static_cast<unsigned char>(prefix[lead - 1]) >= 0xC0) {
    const auto first = static_cast<unsigned char>(prefix[--lead]);
    const std::size_t size = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
    if (prefix.size() - lead < size) prefix.resize(lead);
  }
  return prefix;
}

// Candidates in columns as wide as the widest, as many as fit in `columns`.
std::string in_columns(const std::vector<std::string>& words, int columns) {
  std::size_t width = 0;
  for (const auto& w : words) width = std::max(width, display_width(w) + 2);
  const std::size_t per_row = std::max<std::size_t>(1, static_cast<std::size_t>(columns) / width);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    out += words[i];
    const bool row_ends = (i + 1) % per_row == 0 || i + 1 == words.size();
    out += row_ends ? std::string("\n") : std::string(width - display_width(words[i]), ' ');
  }
  return out;
}

int terminal_columns(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

}  // namespace

LineEditor::LineEditor(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {
  if (!isatty(in_fd_) || !isatty(out_fd_) || tcgetattr(in_fd_, &saved_) != 0) return;
  termios raw = saved_;
  // No line buffering, echo or signal keys: every key reaches us, Ctrl-C included. Output
  // processing stays on (with '\n' -> "\r\n") so text printed by anyone keeps its line breaks.
  raw.c_iflag &= ~static_cast<tcflag_t>(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
  raw.c_oflag |= OPOST | ONLCR;
  raw.c_cflag |= CS8;
  raw.c_lflag &= ~static_cast<tcflag_t>(ECHO | ICANON | IEXTEN | ISIG);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  if (tcsetattr(in_fd_, TCSADRAIN, &raw) != 0) return;
  raw_ = true;
  static const bool registered = std::atexit(restore_terminal_at_exit) == 0;
  if (registered && exit_restore_fd < 0) {
    exit_restore_fd = in_fd_;
    exit_restore_settings = saved_;
  }
}

LineEditor::~LineEditor() {
  if (!raw_) return;
  if (shown_) write_out("\r\x1b[K");  // leave a clean row for whatever prints next
  tcsetattr(in_fd_, TCSADRAIN, &saved_);
  if (exit_restore_fd == in_fd_) exit_restore_fd = -1;
}

std::optional<Input> LineEditor::poll(std::chrono::milliseconds timeout) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + timeout;
  // The width is read on every poll rather than in a SIGWINCH handler: a resize shows up at the
  // next poll, and nothing here runs in signal context.
  if (raw_ && (!shown_ || terminal_columns(out_fd_) != drawn_columns_)) refresh();
  for (;;) {
    if (auto input = raw_ ? take_keys() : take_plain_line()) return input;
    if (at_eof_) return end_of_input();
    // Rounded up: a wait shortened by truncation would end before the timeout.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now());
    if (!read_more(std::max(left, std::chrono::milliseconds(0)))) return std::nullopt;
  }
}

bool LineEditor::read_more(std::chrono::milliseconds wait) {
  pollfd request{in_fd_, POLLIN, 0};
  const int ready = ::poll(&request, 1, static_cast<int>(wait.count()));
  if (ready == 0 || (ready < 0 && errno == EINTR)) return false;
  char chunk[4096];
  const ssize_t n = ready < 0 ? -1 : ::read(in_fd_, chunk, sizeof chunk);
  if (n > 0) {
    pending_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return false;
  at_eof_ = true;  // end of file, or EIO from a terminal that hung up
  return true;
}

std::optional<Input> LineEditor::take_plain_line() {
  const auto newline = pending_.find('\n');
  if (newline == std::string::npos && !(at_eof_ && !pending_.empty())) return std::nullopt;
  std::string line = pending_.substr(0, newline);
  pending_.erase(0, newline == std::string::npos ? pending_.size() : newline + 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Input{InputKind::Line, to_valid_utf8(line)};
}

std::optional<Input> LineEditor::take_keys() {
  std::size_t used = 0;
  std::optional<Input> input;
  while (!input && used < pending_.size()) {
    const std::string_view rest = std::string_view(pending_).substr(used);
    const auto c = static_cast<unsigned char>(rest.front());
    Edit edit = Edit::None;
    const std::size_t n = c == esc ? parse_escape(rest, edit) : 1;
    if (n == 0) break;  // the rest of the sequence has not arrived yet
    used += n;
    if (c != '\t') tabs_in_a_row_ = 0;
    if (c == esc) {
      apply(edit);
    } else {
      input = on_byte(c);
    }
  }
  pending_.erase(0, used);
  if (dirty_ && shown_) refresh();
  return input;
}

std::optional<Input> LineEditor::on_byte(unsigned char c) {
  const bool ends_crlf = c == '\n' && after_cr_;
  after_cr_ = c == '\r';
  if (ends_crlf) return std::nullopt;
  if (c == '\r' || c == '\n') return accept();
  if (c == 0x03) return interrupt();  // Ctrl-C
  if (c == 0x04) {                    // Ctrl-D: end of input on an empty line, else Delete
    if (line_.empty()) return end_of_input();
    apply(Edit::Delete);
  } else if (c >= 0x20 && c != 0x7f) {
    line_.insert(cursor_++, 1, static_cast<char>(c));
    dirty_ = true;
  } else {
    apply(control_key(c));  // other control characters mean nothing
  }
  return std::nullopt;
}

void LineEditor::apply(Edit edit) {
  const std::size_t before = cursor_;
  switch (edit) {
    case Edit::None: return;
    case Edit::Left: cursor_ = prev_char(line_, cursor_); break;
    case Edit::Right: cursor_ = next_char(line_, cursor_); break;
    case Edit::WordLeft: cursor_ = word_start_before(line_, cursor_); break;
    case Edit::WordRight: cursor_ = word_end_after(line_, cursor_); break;
    case Edit::Home: cursor_ = 0; break;
    case Edit::End: cursor_ = line_.size(); break;
    case Edit::Older: recall_older(); break;
    case Edit::Newer: recall_newer(); break;
    case Edit::Backspace:
      cursor_ = prev_char(line_, cursor_);
      line_.erase(cursor_, before - cursor_);
      break;
    case Edit::Delete: line_.erase(cursor_, next_char(line_, cursor_) - cursor_); break;
    case Edit::KillToStart:
      line_.erase(0, cursor_);
      cursor_ = 0;
      break;
    case Edit::KillToEnd: line_.erase(cursor_); break;
    case Edit::KillWord:
      cursor_ = word_start_before(line_, cursor_);
      line_.erase(cursor_, before - cursor_);
      break;
    case Edit::Complete: complete(); break;
    case Edit::ClearScreen: write_out("\x1b[H\x1b[2J"); break;  // the redraw follows
  }
  dirty_ = true;
}

Input LineEditor::accept() {
  line_ = to_valid_utf8(line_);  // what stays on screen is what the caller gets
  Input input{InputKind::Line, line_};
  remember(line_);
  finish_line("\n");
  return input;
}

Input LineEditor::interrupt() {
  finish_line("^C\n");
  return Input{InputKind::Interrupt, {}};
}

// The finished line stays on screen, like a shell's, followed by `ending`; the prompt returns at
// the next poll, so whatever the caller prints in between appears right below the line.
void LineEditor::finish_line(std::string_view ending) {
  cursor_ = line_.size();
  write_out(render() + std::string(ending));
  shown_ = false;
  line_.clear();
  cursor_ = 0;
  history_pos_ = history_.size();
  draft_.clear();
}

Input LineEditor::end_of_input() {
  if (raw_ && shown_) write_out("\n");
  shown_ = false;
  return Input{InputKind::EndOfInput, {}};
}

void LineEditor::complete() {
  ++tabs_in_a_row_;
  if (!completer_) return;
  const std::string_view before(line_.data(), cursor_);
  const std::size_t word_start = before.rfind(' ') + 1;  // npos + 1 == 0: the whole line
  const std::string_view word = before.substr(word_start);
  const std::vector<std::string> candidates = completer_(before);
  if (candidates.empty()) {
    write_out("\a");
    return;
  }
  const bool single = candidates.size() == 1;
  const std::string replacement = single ? candidates.front() + " " : common_prefix(candidates);
  if (!single && (replacement.size() <= word.size() || !replacement.starts_with(word))) {
    // Nothing to add: the first Tab rings, the next lists the candidates.
    if (tabs_in_a_row_ < 2) write_out("\a");
    if (tabs_in_a_row_ >= 2) print_above(in_columns(candidates, terminal_columns(out_fd_)));
    return;
  }
  line_.replace(word_start, word.size(), replacement);
  cursor_ = word_start + replacement.size();
}

void LineEditor::recall_older() {
  if (history_pos_ == 0) return;
  if (history_pos_ == history_.size()) draft_ = line_;
  line_ = history_[--history_pos_];
  cursor_ = line_.size();
}

void LineEditor::recall_newer() {
  if (history_pos_ >= history_.size()) return;
  ++history_pos_;
  line_ = history_pos_ == history_.size() ? draft_ : history_[history_pos_];
  cursor_ = line_.size();
}

void LineEditor::remember(const std::string& line) {
  if (line.empty() || (!history_.empty() && history_.back() == line)) return;
  history_.push_back(line);
  if (history_.size() > history_max) history_.erase(history_.begin());
  if (history_file_.empty()) return;
  FileResult ignored;  // history is a convenience: a failure to save it is not reported
  if (std::FILE* f = open_output_stream(history_file_.string(), OpenMode::Append, ignored)) {
    std::fwrite(line.data(), 1, line.size(), f);
    std::fputc('\n', f);
    std::fclose(f);
  }
}

void LineEditor::set_history_file(std::filesystem::path path) {
  history_file_.clear();  // what is loaded is in the file already
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) remember(printable(line));
  history_file_ = std::move(path);
  history_pos_ = history_.size();
}

void LineEditor::set_prompt(std::string prompt) {
  prompt_ = std::move(prompt);
  if (raw_ && shown_) refresh();
}

void LineEditor::print_above(std::string_view text) {
  std::string out = raw_ && shown_ ? "\r\x1b[K" : "";
  // Messages carry what responders typed and what a scenario named: no control sequences of
  // theirs reach the terminal.
  out += terminal_text(text);
  if (out.empty() || out.back() != '\n') out += '\n';
  if (raw_ && shown_) out += render();
  write_out(out);
}

// One row: the prompt and the part of the line around the cursor that fits, never writing the
// last column (a write there leaves terminals in a pending-wrap state that differs between them).
std::string LineEditor::render() {
  drawn_columns_ = terminal_columns(out_fd_);
  const std::size_t room = static_cast<std::size_t>(drawn_columns_ - 1);
  const std::size_t prompt_width = display_width(prompt_);
  std::size_t start = 0;
  std::size_t cursor_column =
      prompt_width + display_width(std::string_view(line_).substr(0, cursor_));
  while (cursor_column > room && start < cursor_) {
    start = next_char(line_, start);
    --cursor_column;
  }
  std::size_t end = start;
  for (std::size_t column = prompt_width; end < line_.size() && column < room; ++column) {
    end = next_char(line_, end);
  }
  std::string out = "\r" + prompt_ + line_.substr(start, end - start) + "\x1b[K\r";
  if (cursor_column > 0) out += "\x1b[" + std::to_string(cursor_column) + "C";
  shown_ = true;
  dirty_ = false;
  return out;
}

void LineEditor::refresh() {
  write_out(render());
}

void LineEditor::write_out(std::string_view bytes) const {
  while (!bytes.empty()) {
    const ssize_t n = ::write(out_fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the output is gone; there is no one left to tell
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace gameday::cli

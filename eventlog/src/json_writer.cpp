// The streaming JSON writer: canonical, locale-independent output appended to a string.
//
// Invariants: every value written inside an object follows a key; containers are closed in
// the order they were opened; output is always valid JSON text once the outermost container is
// closed (non-finite doubles become null, strings are escaped, and each ill-formed UTF-8
// sequence in a string becomes U+FFFD, so the record's reader accepts every line written).
// Numbers go through std::to_chars, which never consults the locale and gives the shortest
// round-trip form.
#include "gameday/eventlog/json_writer.hpp"

#include <charconv>
#include <cmath>

#include "gameday/core/assert.hpp"
#include "gameday/core/utf8.hpp"

namespace gameday::eventlog {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const Utf8Sequence seq = utf8_sequence(s.substr(i));
      if (!seq.is_valid) {  // the reader refuses ill-formed UTF-8: never write it
        out.append(s.data() + run_start, i - run_start);
        out += utf8_replacement;
        run_start = i + seq.length;
      }
      i += seq.length - 1;
      continue;
    }
    if (!needs_escape(c)) continue;
    // Copy the unescaped run in one go: most strings have nothing to escape.
    out.append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      const char esc[6] = {'\\', 'u', '0', '0', hex_digits[c >> 4], hex_digits[c & 0xf]};
      out.append(esc, sizeof esc);
    }
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out += '"';
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;  // a top-level value
  if (first_.back()) {
    first_.back() = false;
  } else {
    out_ += ',';
  }
}

void JsonWriter::begin_object() {
  separate();
  out_ += '{';
  first_.push_back(true);
}

void JsonWriter::end_object() {
  GAMEDAY_ASSERT_MSG(!first_.empty() && !after_key_, "end_object without a matching value");
  first_.pop_back();
  out_ += '}';
}

void JsonWriter::begin_array() {
  separate();
  out_ += '[';
  first_.push_back(true);
}

void JsonWriter::end_array() {
  GAMEDAY_ASSERT_MSG(!first_.empty() && !after_key_, "end_array without a matching value");
  first_.pop_back();
  out_ += ']';
}

void JsonWriter::key(std::string_view k) {
  GAMEDAY_ASSERT_MSG(!after_key_, "two keys in a row");
  GAMEDAY_ASSERT_MSG(!first_.empty(), "a key outside any object");
  separate();
  append_json_string(out_, k);
  out_ += ':';
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
}

void JsonWriter::value(std::int64_t v) {
  separate();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void JsonWriter::value(std::uint64_t v) {
  separate();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void JsonWriter::value(double v) {
  separate();
  // JSON has no inf or nan; null is the conventional stand-in.
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void JsonWriter::value(bool v) {
  separate();
  out_ += v ? "true" : "false";
}

void JsonWriter::null() {
  separate();
  out_ += "null";
}

void JsonWriter::raw(std::string_view json) {
  GAMEDAY_ASSERT_MSG(!json.empty(), "raw() needs a JSON value");
  separate();
  out_ += json;
}

}  // namespace gameday::eventlog

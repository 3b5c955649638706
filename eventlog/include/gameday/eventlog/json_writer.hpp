// A small streaming JSON writer that appends to a std::string.
//
// Output is canonical and locale-independent: keys in the order written, no spaces, doubles in
// the shortest form that reads back exactly (std::to_chars), non-finite doubles as null. That
// makes records byte-identical across runs and machines with the same inputs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gameday::eventlog {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(std::int64_t v);
  void value(std::uint64_t v);
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(unsigned v) { value(static_cast<std::uint64_t>(v)); }
  void value(double v);
  void value(bool v);
  void null();
  // Inserts already-serialized JSON (for instance a nested document) as one value.
  void raw(std::string_view json);

  template <class T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void separate();
  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `s` as a quoted JSON string with the necessary escapes, each ill-formed UTF-8 sequence
// replaced by U+FFFD (see gameday/core/utf8.hpp); well-formed text is copied unchanged.
void append_json_string(std::string& out, std::string_view s);

}  // namespace gameday::eventlog

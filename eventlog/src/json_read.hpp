// Reading JSON values with typed, located failures: the helpers the record reader and the
// scenario codec share. Private to eventlog/: no public header exposes the JSON library.
//
// A problem throws LineError, which the record reader catches per line and turns into a
// diagnostic naming the file and line; nothing here lets a nlohmann exception escape a check.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/time.hpp"

namespace gameday::eventlog::json_read {

// Keeps keys in file order, so an event's fields come back in the order they were written.
using Json = nlohmann::ordered_json;

// A problem with the line being read; caught per line and turned into a diagnostic.
struct LineError {
  std::string message;
};

[[noreturn]] inline void fail(std::string message) {
  throw LineError{std::move(message)};
}

inline std::string in_quotes(std::string_view key) {
  return "'" + std::string(key) + "'";
}

inline std::string kind_of(const Json& v) {
  if (v.is_number_integer()) return "an integer";
  if (v.is_number_float()) return "a number with a fraction";
  const std::string name = v.type_name();
  return (name == "array" || name == "object" ? "an " : "a ") + name;
}

inline const Json& member(const Json& j, std::string_view key) {
  const auto it = j.find(std::string(key));
  if (it == j.end()) fail("missing required field " + in_quotes(key));
  return *it;
}

inline const Json* optional_member(const Json& j, std::string_view key) {
  const auto it = j.find(std::string(key));
  return it == j.end() ? nullptr : &*it;
}

[[noreturn]] inline void fail_type(std::string_view key, std::string_view expected, const Json& v) {
  fail("field " + in_quotes(key) + " should be " + std::string(expected) + ", found " + kind_of(v));
}

inline std::uint64_t as_uint(std::string_view key, const Json& v) {
  if (!v.is_number_unsigned()) fail_type(key, "a non-negative integer", v);
  return v.get<std::uint64_t>();
}

inline std::uint64_t get_uint(const Json& j, std::string_view key) {
  return as_uint(key, member(j, key));
}

inline std::int64_t get_int(const Json& j, std::string_view key) {
  const Json& v = member(j, key);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      fail("field " + in_quotes(key) + " is out of range");
    }
    return static_cast<std::int64_t>(u);
  }
  if (!v.is_number_integer()) fail_type(key, "an integer", v);
  return v.get<std::int64_t>();
}

inline double get_number(const Json& j, std::string_view key) {
  const Json& v = member(j, key);
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();  // written for non-finite
  if (!v.is_number()) fail_type(key, "a number", v);
  return v.get<double>();
}

inline const std::string& as_string(std::string_view key, const Json& v) {
  if (!v.is_string()) fail_type(key, "a string", v);
  return v.get_ref<const std::string&>();
}

inline const std::string& get_string(const Json& j, std::string_view key) {
  return as_string(key, member(j, key));
}

inline Time get_time(const Json& j, std::string_view key) {
  return Time::from_ns(get_int(j, key));
}
inline Duration get_duration(const Json& j, std::string_view key) {
  return Duration::from_ns(get_int(j, key));
}

template <class IdT>
IdT get_id(const Json& j, std::string_view key, std::size_t table_size, std::string_view table) {
  const std::uint64_t v = get_uint(j, key);
  if (v >= table_size) {
    fail("field " + in_quotes(key) + ": " + std::to_string(v) + " is not in the header's " +
         std::string(table) + " table (" + std::to_string(table_size) + " entries)");
  }
  return IdT::from_index(static_cast<std::size_t>(v));
}

inline std::vector<std::string> get_strings(const Json& j, std::string_view key) {
  const Json& a = member(j, key);
  if (!a.is_array()) fail_type(key, "an array", a);
  std::vector<std::string> out;
  out.reserve(a.size());
  for (const Json& v : a) out.push_back(as_string(std::string(key) + "[]", v));
  return out;
}

inline const Json& get_array(const Json& j, std::string_view key) {
  const Json& a = member(j, key);
  if (!a.is_array()) fail_type(key, "an array", a);
  return a;
}

inline bool get_bool(const Json& j, std::string_view key) {
  const Json& v = member(j, key);
  if (!v.is_boolean()) fail_type(key, "true or false", v);
  return v.get<bool>();
}

inline const Json& get_object(const Json& j, std::string_view key) {
  const Json& o = member(j, key);
  if (!o.is_object()) fail_type(key, "an object", o);
  return o;
}

// The member when it is present and not null.
inline const Json* optional_value(const Json& j, std::string_view key) {
  const Json* v = optional_member(j, key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

// Runs `read` for the part of a value at `path`; a failure inside names the path first, so a
// message reads "scenario.services[2].calls[0]: field 'to': ...".
template <class Read>
auto at_path(const std::string& path, Read read) -> decltype(read()) {
  try {
    return read();
  } catch (LineError& e) {
    e.message = path + ": " + e.message;
    throw;
  }
}

}  // namespace gameday::eventlog::json_read

// Typed access to an event's kind-specific fields, which the record keeps as a list of
// key/variant pairs. A missing field or one of another type reads as nullopt, so a record from
// a newer writer with extra or changed fields degrades to "not shown" instead of failing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "gameday/eventlog/record.hpp"

namespace gameday::viz {

inline std::optional<std::int64_t> int_field(const eventlog::Event& e, std::string_view key) {
  const eventlog::Field* f = e.find(key);
  if (f == nullptr) return std::nullopt;
  if (const auto* v = std::get_if<std::int64_t>(&f->value)) return *v;
  return std::nullopt;
}

inline std::optional<std::string> string_field(const eventlog::Event& e, std::string_view key) {
  const eventlog::Field* f = e.find(key);
  if (f == nullptr) return std::nullopt;
  if (const auto* v = std::get_if<std::string>(&f->value)) return *v;
  return std::nullopt;
}

}  // namespace gameday::viz

// A pool of small records addressed by index, with a free list. Slots are reused, never
// moved out of place, so indices stay valid until freed; generation numbers kept inside the
// records tell a reused slot from the one a stale event meant.
#pragma once

#include <cstdint>
#include <vector>

#include "gameday/core/assert.hpp"

namespace gameday::sim {

template <class T>
class Pool {
 public:
  std::uint32_t allocate() {
    if (!free_.empty()) {
      const std::uint32_t i = free_.back();
      free_.pop_back();
      ++live_;
      return i;
    }
    items_.emplace_back();
    ++live_;
    return static_cast<std::uint32_t>(items_.size() - 1);
  }
  void release(std::uint32_t i) {
    GAMEDAY_ASSERT(i < items_.size() && live_ > 0);
    free_.push_back(i);
    --live_;
  }
  T& operator[](std::uint32_t i) { return items_[i]; }
  const T& operator[](std::uint32_t i) const { return items_[i]; }
  std::size_t live() const { return live_; }
  std::size_t capacity() const { return items_.size(); }

 private:
  std::vector<T> items_;
  std::vector<std::uint32_t> free_;
  std::size_t live_ = 0;
};

}  // namespace gameday::sim

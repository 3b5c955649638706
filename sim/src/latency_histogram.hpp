// A log-linear latency histogram (HdrHistogram's layout): exact below 256 ns, then 128
// sub-buckets per power of two, so any recorded value is reported within 0.4 %. Recording is
// a count-leading-zeros and an increment; percentiles are nearest-rank over the buckets.
// The sum is kept exactly, so means are exact.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "gameday/core/time.hpp"
#include "gameday/eventlog/record.hpp"

namespace gameday::sim {

class LatencyHistogram {
 public:
  static constexpr int sub_bits = 8;
  static constexpr std::size_t half = std::size_t{1} << (sub_bits - 1);
  static constexpr std::size_t bucket_count = (64 - sub_bits) * half + (std::size_t{1} << sub_bits);

  LatencyHistogram() : counts_(bucket_count, 0) {}

  void record(Duration d) {
    const auto v = static_cast<std::uint64_t>(std::max<std::int64_t>(d.ns(), 0));
    ++counts_[index_of(v)];
    ++count_;
    sum_ns_ += v;
    max_ns_ = std::max(max_ns_, v);
  }
  void merge(const LatencyHistogram& o);
  void clear();
  std::uint64_t count() const { return count_; }
  // Nearest-rank percentile, p in (0, 1]; zero when empty.
  Duration percentile(double p) const;
  eventlog::LatencySummary summary() const;

  static std::size_t index_of(std::uint64_t v) {
    if (v < (std::uint64_t{1} << sub_bits)) return static_cast<std::size_t>(v);
    const int msb = 63 - std::countl_zero(v);
    const int shift = msb - sub_bits + 1;
    return static_cast<std::size_t>(shift) * half + static_cast<std::size_t>(v >> shift);
  }
  // Values recorded at or below `d` (to the bucket: within 0.4 %).
  std::uint64_t count_at_most(Duration d) const;
  // count_at_most() of every bound of the record's buckets, in one pass.
  eventlog::LatencyBuckets buckets() const;
  // The middle of the bucket's value range.
  static std::uint64_t value_of(std::size_t index);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t sum_ns_ = 0;
  std::uint64_t max_ns_ = 0;
};

}  // namespace gameday::sim

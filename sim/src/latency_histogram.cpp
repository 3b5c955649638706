// Percentiles and merging for LatencyHistogram.
#include "latency_histogram.hpp"

#include <cmath>

namespace gameday::sim {

std::uint64_t LatencyHistogram::value_of(std::size_t index) {
  if (index < (std::size_t{1} << sub_bits)) return index;
  const std::size_t shift = index / half - 1;
  const std::uint64_t mantissa = index - shift * half;
  const std::uint64_t low = mantissa << shift;
  return low + ((std::uint64_t{1} << shift) >> 1);
}

void LatencyHistogram::merge(const LatencyHistogram& o) {
  if (o.count_ == 0) return;
  for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += o.counts_[i];
  count_ += o.count_;
  sum_ns_ += o.sum_ns_;
  max_ns_ = std::max(max_ns_, o.max_ns_);
}

void LatencyHistogram::clear() {
  if (count_ == 0) return;
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = 0;
  sum_ns_ = 0;
  max_ns_ = 0;
}

std::uint64_t LatencyHistogram::count_at_most(Duration d) const {
  if (count_ == 0 || d.ns() < 0) return 0;
  const std::size_t last = index_of(static_cast<std::uint64_t>(d.ns()));
  std::uint64_t n = 0;
  for (std::size_t i = 0; i <= last && i < bucket_count; ++i) n += counts_[i];
  return n;
}

eventlog::LatencyBuckets LatencyHistogram::buckets() const {
  eventlog::LatencyBuckets out{};
  std::size_t i = 0;
  std::uint64_t n = 0;
  for (std::size_t b = 0; b < out.size(); ++b) {
    if (n == count_) {  // the rest of the buckets hold every value
      out[b] = n;
      continue;
    }
    const std::size_t last =
        std::min(index_of(static_cast<std::uint64_t>(eventlog::latency_bucket_bounds[b].ns())),
                 bucket_count - 1);
    for (; i <= last; ++i) n += counts_[i];
    out[b] = n;
  }
  return out;
}

Duration LatencyHistogram::percentile(double p) const {
  if (count_ == 0) return Duration{};
  const auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    seen += counts_[i];
    if (seen >= std::max<std::uint64_t>(rank, 1))
      return Duration::from_ns(static_cast<std::int64_t>(std::min(value_of(i), max_ns_)));
  }
  return Duration::from_ns(static_cast<std::int64_t>(max_ns_));
}

eventlog::LatencySummary LatencyHistogram::summary() const {
  eventlog::LatencySummary s;
  if (count_ == 0) return s;
  s.p50 = percentile(0.50);
  s.p90 = percentile(0.90);
  s.p99 = percentile(0.99);
  s.max = Duration::from_ns(static_cast<std::int64_t>(max_ns_));
  s.mean = Duration::from_ns(static_cast<std::int64_t>(sum_ns_ / count_));
  return s;
}

}  // namespace gameday::sim

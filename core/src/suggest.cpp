#include "gameday/core/suggest.hpp"

#include <algorithm>
#include <limits>
#include <vector>

namespace gameday {
namespace {

template <class Name>
std::optional<std::string_view> nearest(std::string_view word, std::span<const Name> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const Name& name : candidates) {
    const std::string_view cand(name);
    std::size_t d = edit_distance(word, cand);
    const bool close = d <= 2 && d < word.size() && d < cand.size();
    const std::size_t shorter = std::min(word.size(), cand.size());
    const bool prefix = shorter >= 3 && word.substr(0, shorter) == cand.substr(0, shorter);
    if (prefix) d = std::min<std::size_t>(d, 2);
    if ((close || prefix) && d < best_distance) {
      best = cand;
      best_distance = d;
    }
  }
  return best;
}

std::string phrase(std::optional<std::string_view> name) {
  return name ? " (did you mean '" + std::string(*name) + "'?)" : std::string();
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows: transpositions look two rows back.
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string_view> nearest_name(std::string_view word,
                                             std::span<const std::string_view> candidates) {
  return nearest(word, candidates);
}

std::optional<std::string_view> nearest_name(std::string_view word,
                                             std::span<const std::string> candidates) {
  return nearest(word, candidates);
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  return phrase(nearest(word, candidates));
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  return phrase(nearest(word, candidates));
}

}  // namespace gameday

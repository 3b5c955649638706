// "Did you mean": the nearest of a set of names to a word someone mistyped. One rule for every
// message that suggests a name (scenario keys and references, commands, notes files, the CLI).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gameday {

// Optimal-string-alignment (Damerau-Levenshtein) distance: a swap of neighbours is one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`: within two edits (and fewer edits than either is long, so
// "x" does not suggest "to"), or sharing its first three or more characters; none otherwise.
std::optional<std::string_view> nearest_name(std::string_view word,
                                             std::span<const std::string_view> candidates);
std::optional<std::string_view> nearest_name(std::string_view word,
                                             std::span<const std::string> candidates);

// " (did you mean 'x'?)" for the nearest candidate, else "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace gameday

// The built-in default scenario: the bytes of scenarios/default.yaml, embedded at build time
// (cli/cmake/embed_file.cmake), so `gameday run` with no scenario works from any directory.
#pragma once

#include <string_view>

namespace gameday::cli {

// How the default scenario is named in messages and in the record header.
inline constexpr std::string_view default_scenario_label = "scenarios/default.yaml";

std::string_view default_scenario_text();

}  // namespace gameday::cli

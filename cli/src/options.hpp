// Option parsing shared by the subcommands: each declares its visible options, and its
// positional arguments are added here, so every command reports usage errors the same way.
#pragma once

#include <boost/program_options.hpp>
#include <iosfwd>
#include <optional>
#include <string_view>

#include "commands.hpp"

namespace gameday::cli {

enum class Positionals : std::uint8_t { One, Many };

// Parses `args` against `visible` plus the positional argument `name` (one value, or any
// number as a vector of strings). On a usage error prints it (exit code 2 follows) and
// returns nullopt.
std::optional<boost::program_options::variables_map> parse_options(
    const Args& args, const boost::program_options::options_description& visible,
    std::string_view name, Positionals count, std::string_view command, std::string_view usage,
    std::ostream& err);

}  // namespace gameday::cli

// The shared option parser: visible options plus named positionals, errors as usage errors.
#include "options.hpp"

#include <string>
#include <vector>

namespace gameday::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_options(const Args& args,
                                               const po::options_description& visible,
                                               std::string_view name, Positionals count,
                                               std::string_view command, std::string_view usage,
                                               std::ostream& err) {
  const std::string key(name);
  po::options_description all;
  all.add(visible);
  if (count == Positionals::One)
    all.add_options()(key.c_str(), po::value<std::string>());
  else
    all.add_options()(key.c_str(), po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add(key.c_str(), count == Positionals::One ? 1 : -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage_error(err, command, e.what(), usage);
    return std::nullopt;
  }
  return vm;
}

}  // namespace gameday::cli

#include "run_folder.hpp"

#include <filesystem>
#include <ostream>

namespace gameday::cli {

std::string default_run_folder(const std::string& scenario_name, std::uint64_t seed) {
  std::string name = scenario_name.empty() ? "scenario" : scenario_name;
  for (char& c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    if (!plain) c = '-';
  }
  return "runs/" + name + "-seed" + std::to_string(seed);
}

std::optional<eventlog::RecordWriter> open_record(const std::string& folder,
                                                  const std::string& record_path,
                                                  std::string_view command, std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    err << "gameday " << command << ": cannot create run folder '" << folder
        << "': " << ec.message() << '\n';
    return std::nullopt;
  }
  std::string error;
  auto writer = eventlog::RecordWriter::open(record_path, error);
  if (!writer) err << "gameday " << command << ": cannot write the record: " << error << '\n';
  return writer;
}

}  // namespace gameday::cli

// Reading responder scripts and the commands of recorded runs.
#include "gameday/sim/responder_script.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gameday/core/input_file.hpp"
#include "gameday/core/units.hpp"
#include "gameday/core/utf8.hpp"
#include "gameday/eventlog/reader.hpp"
#include "gameday/sim/command.hpp"

namespace gameday::sim {
namespace {

// Called on a regular file or a folder only (a FIFO would block here).
bool is_record(const std::string& path) {
  if (std::filesystem::is_directory(path)) return true;
  std::ifstream in(path);
  char first = 0;
  in >> first;
  return first == '{';
}

std::optional<std::vector<ScriptedCommand>> from_record(const std::string& path,
                                                        const Scenario& scenario,
                                                        Diagnostics& diags) {
  const auto record = eventlog::read_record(path, diags);
  if (!record) return std::nullopt;
  std::vector<ScriptedCommand> out;
  std::size_t too_late = 0;
  for (const eventlog::Event& e : record->events) {
    const auto* command = e.get<eventlog::CommandIssued>();
    if (!command) continue;
    // The run stops before anything at its end time runs (a shorter --duration, say).
    if (e.t >= Time::zero() + scenario.duration) ++too_late;
    ScriptedCommand c;
    c.at = e.t;
    c.input.responder = command->responder;
    c.input.text = command->text;
    out.push_back(std::move(c));
  }
  if (too_late > 0)
    diags.warning({path, 0, 0}, "",
                  std::to_string(too_late) + " of the record's " + std::to_string(out.size()) +
                      " commands come at or after the end of the run (" +
                      format_duration(scenario.duration) + ") and are never submitted");
  return out;
}

std::optional<std::vector<ScriptedCommand>> from_script(const std::string& path,
                                                        const Scenario& scenario,
                                                        Diagnostics& diags) {
  const InputFile file = read_input_file(path, script_bytes_max);
  if (!file.error.empty()) {
    diags.error({path, 0, 0}, "", "cannot read the responder script: " + file.error);
    return std::nullopt;
  }
  std::istringstream in(file.text);
  std::vector<ScriptedCommand> out;
  std::string line;
  int number = 0;
  const std::size_t errors_before = diags.error_count();
  while (std::getline(in, line)) {
    ++number;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto column = [](std::size_t pos) { return static_cast<int>(pos) + 1; };
    if (const auto bad = find_invalid_utf8(line)) {  // as the console does with such bytes
      diags.warning({path, number, column(*bad)}, "",
                    "not valid UTF-8: each ill-formed byte sequence is read as U+FFFD");
      line = to_valid_utf8(line);
    }
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos) continue;
    const auto time_end = line.find_first_of(" \t", start);
    const auto colon = line.find(':', time_end == std::string::npos ? start : time_end);
    if (time_end == std::string::npos || colon == std::string::npos) {
      diags.error({path, number, column(start)}, "",
                  "expected 'TIME RESPONDER: COMMAND', e.g. '12m30s alice: restart orders'");
      continue;
    }
    const std::string time_text = line.substr(start, time_end - start);
    const auto at = parse_run_instant(time_text, scenario.start_time_of_day);
    if (!at || at->ns() < 0) {
      diags.error({path, number, column(start)}, "",
                  "expected a time from the start of the run such as 90s, 12m or 1h5m, or the "
                  "time of day there such as 17:44, got '" +
                      time_text + "'");
      continue;
    }
    if (*at >= scenario.duration)  // the run stops before anything at its end time runs
      diags.warning({path, number, column(start)}, "",
                    "the run ends at " + format_duration(scenario.duration) + ": a command at " +
                        time_text + " is never submitted");
    std::string responder = line.substr(time_end, colon - time_end);
    responder.erase(0, responder.find_first_not_of(" \t"));
    responder.erase(responder.find_last_not_of(" \t") + 1);
    if (responder.empty() || responder.find_first_of(" \t") != std::string::npos) {
      diags.error({path, number, column(time_end)}, "",
                  "expected one responder name before ':', e.g. '12m alice: status'");
      continue;
    }
    std::string text = line.substr(colon + 1);
    const auto text_start = text.find_first_not_of(" \t");
    const ParsedCommand parsed = parse_command(scenario, text);
    if (!parsed.command) {
      diags.error(
          {path, number, column(colon + 1 + (text_start == std::string::npos ? 0 : text_start))},
          "", parsed.error);
      continue;
    }
    text.erase(text.find_last_not_of(" \t\r") + 1);
    out.push_back({Time::zero() + *at, CommandInput{responder, text.substr(text_start), {}}});
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  std::stable_sort(out.begin(), out.end(),
                   [](const ScriptedCommand& a, const ScriptedCommand& b) { return a.at < b.at; });
  return out;
}

}  // namespace

std::optional<std::vector<ScriptedCommand>> load_responder_commands(const std::string& path,
                                                                    const Scenario& scenario,
                                                                    Diagnostics& diags) {
  if (!std::filesystem::exists(path)) {
    diags.error({path, 0, 0}, "", "no such file or run folder");
    return std::nullopt;
  }
  if (!std::filesystem::is_directory(path))
    if (const auto refused = check_input_file(path, eventlog::record_bytes_max)) {
      diags.error({path, 0, 0}, "", "cannot read the commands: " + *refused);
      return std::nullopt;
    }
  return is_record(path) ? from_record(path, scenario, diags) : from_script(path, scenario, diags);
}

}  // namespace gameday::sim

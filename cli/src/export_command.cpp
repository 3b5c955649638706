// `gameday export openmetrics RUN` and `gameday export rules SCENARIO|RUN`: a run's series and a
// scenario's rules for a team's own Prometheus (scoring/prometheus.hpp, docs/prometheus.md).
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/scoring/prometheus.hpp"
#include "options.hpp"
#include "scenario_input.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

// Far enough back for `promtool tsdb create-blocks-from openmetrics`, which refuses samples
// the running Prometheus's head block may still hold (its last 3 hours).
constexpr std::int64_t backfill_margin_ms = 3LL * 3600 * 1000 + 10 * 60 * 1000;

// "2026-12-07T10:00:00Z" or Unix seconds, as milliseconds since the Unix epoch.
std::optional<std::int64_t> parse_start(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos &&
      text.size() <= 12)
    return std::stoll(text) * 1000;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z' || text.size() != 20)
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month(mo),
                                         std::chrono::day(d)};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((static_cast<std::int64_t>(days) * 24 + h) * 60 + mi) * 60000LL + s * 1000LL;
}

int write_output(const po::variables_map& vm, const std::string& text, std::string_view command,
                 std::ostream& out, std::ostream& err) {
  if (vm.count("out") == 0) {
    out << text;
    return to_int(ExitCode::Success);
  }
  const std::string file = vm["out"].as<std::string>();
  if (const FileResult r = write_file(file, text); !r.ok()) {
    err << "gameday " << command << ": " << r.message << '\n';
    return to_int(ExitCode::Io);
  }
  err << "gameday " << command << ": wrote " << file << '\n';
  return to_int(ExitCode::Success);
}

int export_openmetrics(const Args& args, std::ostream& out, std::ostream& err) {
  constexpr std::string_view command = "export openmetrics";
  po::options_description visible("options", 100);
  visible.add_options()("out,o", po::value<std::string>()->value_name("FILE"),
                        "write to FILE (default: standard output)")(
      "start", po::value<std::string>()->value_name("TIME"),
      "the wall-clock time of the run's start: 2026-12-07T10:00:00Z or Unix seconds (default: "
      "so the run ends 3h10m ago, as a backfill needs)")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, command, export_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << export_usage << "\n\nWrites a run's samples as OpenMetrics text with timestamps, for\n"
        << "'promtool tsdb create-blocks-from openmetrics FILE DIR' to backfill into a\n"
        << "Prometheus, so a debrief can use the team's own dashboards. Series and names:\n"
        << "docs/prometheus.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  if (vm.count("run") == 0) return usage_error(err, command, "no run given", export_usage);
  int code = 0;
  const auto record = read_run(vm["run"].as<std::string>(), command, err, code);
  if (!record) return code;
  std::int64_t start_ms = 0;
  if (vm.count("start") != 0) {
    const auto start = parse_start(vm["start"].as<std::string>());
    if (!start)
      return usage_error(err, command,
                         "--start: expected a time such as 2026-12-07T10:00:00Z or Unix seconds, "
                         "got '" +
                             vm["start"].as<std::string>() + "'",
                         export_usage);
    start_ms = *start;
  } else {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const std::int64_t length_ms = record->header.duration.ns() / 1'000'000;
    start_ms = now * 1000 - backfill_margin_ms - length_ms;
    start_ms -= start_ms % 1000;
  }
  return write_output(vm, scoring::openmetrics_of(*record, start_ms), command, out, err);
}

bool names_a_record(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) || path.ends_with(".jsonl");
}

int export_rules(const Args& args, std::ostream& out, std::ostream& err) {
  constexpr std::string_view command = "export rules";
  po::options_description visible("options", 100);
  visible.add_options()("out,o", po::value<std::string>()->value_name("FILE"),
                        "write to FILE (default: standard output)")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "scenario", Positionals::One, command, export_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << export_usage << "\n\nWrites the scenario's SLO recording rules and alert rules as a\n"
        << "Prometheus rule file over the series of 'gameday export openmetrics' (check it with\n"
        << "'promtool check rules FILE'). SCENARIO is a scenario file or a run, whose record\n"
        << "holds the scenario it ran; none means the built-in scenario. Details:\n"
        << "docs/prometheus.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  std::optional<std::string> path;
  if (vm.count("scenario") != 0) path = vm["scenario"].as<std::string>();
  model::Scenario scenario;
  if (path && names_a_record(*path)) {
    int code = 0;
    auto record = read_run(*path, command, err, code);
    if (!record) return code;
    scenario = std::move(record->header.scenario);
  } else {
    auto loaded = load_scenario_input(path, command, err);
    if (!loaded) return to_int(ExitCode::InvalidInput);
    scenario = std::move(loaded->scenario);
  }
  return write_output(vm, scoring::prometheus_rules_of(scenario), command, out, err);
}

}  // namespace

int export_command(const Args& args, std::ostream& out, std::ostream& err) {
  const std::string what = args.empty() ? "" : args[0];
  const Args rest = args.empty() ? Args{} : Args(args.begin() + 1, args.end());
  if (what == "openmetrics") return export_openmetrics(rest, out, err);
  if (what == "rules") return export_rules(rest, out, err);
  if (what == "--help" || what == "-h") {
    out << export_usage << "\n\n  openmetrics RUN   a run's series with timestamps, to backfill\n"
        << "  rules SCENARIO    the scenario's SLO and alert rules for Prometheus\n\n"
        << "'gameday export openmetrics --help' and 'gameday export rules --help' show more.\n";
    return to_int(ExitCode::Success);
  }
  return usage_error(err, "export",
                     what.empty() ? "say what to export: openmetrics or rules"
                                  : "unknown export '" + what + "' (expected openmetrics or rules)",
                     export_usage);
}

}  // namespace gameday::cli

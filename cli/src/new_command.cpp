// `gameday new NAME [--from SCENARIO] [--out FILE]`: scaffolds a scenario to start from.
//
// Without --from it writes a small but complete scenario, every section commented with what it
// means and where the docs are; with --from it copies an existing scenario (comments and all)
// under the new name. Either way the result carries the yaml-language-server modeline that
// points editors at scenarios/schema/scenario.schema.json, it is loaded and checked before it
// is written (so it always passes `gameday check`), and an existing file is never overwritten.
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/sim/scenario_loader.hpp"
#include "options.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr std::string_view schema_in_repository = "scenarios/schema/scenario.schema.json";
constexpr std::string_view modeline_prefix = "# yaml-language-server:";

// The scaffold. {{NAME}} is the scenario's name, {{FILE}} the file written, {{MODELINE}} the
// first line (see modeline()). It must load without errors or warnings: tests/cli checks it.
constexpr std::string_view scaffold = R"yaml({{MODELINE}}
#
# {{NAME}}: a game-day scenario, scaffolded by `gameday new`.
#
# The story: a web tier calls an API, which reads through a cache to its database. Twenty
# minutes in, at the evening peak, the database slows down; it stays slow until someone fails
# it over to its replica. Make it your own: change the topology, the traffic and the fault.
#
# Every key is in docs/scenario-reference.md; fault kinds in docs/faults.md; SLOs, alerts and
# routing in docs/alerting.md; responders, commands and runbooks in docs/responders.md.
#   gameday check {{FILE}}                    # errors and warnings, as file:line:col
#   gameday run {{FILE}}                      # nobody responds: the baseline impact
#   gameday run {{FILE}} --responders auto    # the on-call follows the runbooks below
#   gameday play {{FILE}} --speed 30          # a live game day at the console

# The scenario's name (letters, digits, '-' and '_'), recorded in the run.
scenario: {{NAME}}
description: The database behind the API slows down at the evening peak until it is failed over.
# Every random draw derives from the seed: the same seed gives a byte-identical run.
seed: 1
# Simulated time the run covers, and the time of day at its start (drives the daily cycle).
duration: 1h
start_at: "18:00"
# How often metrics are sampled into the record; alert rules see whole samples.
sample_interval: 10s
# Availability zones; a service's instances are placed round-robin across its zones.
zones: [a, b, c]

# ---- Services ---------------------------------------------------------------------------
# Replicated instances with workers and a queue each, their own work per request
# (service_time), and calls to other services with timeouts, retries and circuit breakers.
# The call graph must be acyclic. See "Services" in docs/scenario-reference.md.
services:
  - name: web
    replicas: 3
    workers: 64
    queue: 200
    service_time: { p50: 3ms, p99: 20ms }   # lognormal: median and 99th percentile
    load_balancing: least_outstanding
    calls:
      - to: api
        timeout: 1s                          # per attempt
        retries: { max: 1, backoff: 50ms, jitter: full }

  - name: api
    replicas: 3
    workers: 32
    service_time: { p50: 8ms, p99: 40ms }
    calls:
      - to: cache
        timeout: 50ms
      # A call made with a probability below 100% has a cache in front of it, and the
      # probability is the cache's miss ratio: 20% of requests go on to the database.
      - to: db
        probability: 20%
        timeout: 300ms
        retries: { max: 1, backoff: 20ms, jitter: full }
        circuit_breaker: {}                  # {} enables one with the defaults

  - name: cache
    replicas: 2
    concurrency: async                       # only the service's own work holds a worker
    workers: 8
    max_in_flight: 2000
    service_time: { mean: 300us }            # exponential with this mean

  - name: db
    replicas: 2
    zones: [a, b]
    workers: 16
    queue: 100
    service_time: { p50: 5ms, p99: 30ms }

# ---- Traffic ----------------------------------------------------------------------------
# Requests arriving at an entry service: a base rate shaped by a profile (constant, diurnal,
# step, spike or ramp). Here a daily cycle that peaks at 19:00. See "Traffic sources".
traffic:
  - name: users
    to: web
    rate: 200/s
    profile: { shape: diurnal, peak: 1.5x, trough: 0.5x, peak_at: "19:00" }

# ---- SLOs -------------------------------------------------------------------------------
# What "good" means: the share of good requests of a service, or of a traffic source end to
# end (a journey), over a window; the error budget is 1 - objective. See docs/alerting.md.
slos:
  - name: web-availability
    service: web
    objective: 99.9%
    window: 30d
  - name: users-latency
    journey: users
    sli: latency
    threshold: 500ms                         # good: succeeded faster than this
    objective: 99%

# ---- Alerts -----------------------------------------------------------------------------
# Burn-rate rules fire when an SLO's error budget burns too fast (the presets are the Site
# Reliability Workbook's); threshold rules compare one metric with a value. Pages go to the
# on-call; tickets never page. See "Alert rules" and docs/alerting.md.
alerts:
  - name: WebErrorBudgetBurn
    summary: The web tier is burning its availability error budget fast.
    burn_rate: { slo: web-availability, preset: page_fast }
  - name: WebErrorBudgetBurnSlow
    burn_rate: { slo: web-availability, preset: page_slow }
  - name: UsersLatencyBudgetBurn
    summary: Too many requests are slower than 500 ms.
    burn_rate: { slo: users-latency, preset: page_fast }
  - name: DbSaturated
    severity: ticket
    service: db
    metric: saturation
    window: 5m
    above: 80%
    for: 5m

# How firing alerts become notifications: grouped (here per service), with Alertmanager's
# waits and repeats. See "Alerting".
alerting:
  group_by: service

# ---- Faults -----------------------------------------------------------------------------
# What breaks, where, when and how hard. This one lasts until a responder's action takes
# effect (`until: {action: ...}`); otherwise a fault lasts `for`, or to the end of the run.
# Every kind and its parameters: docs/faults.md.
faults:
  - name: db-slow
    kind: latency
    target: db
    at: 20m
    ramp: 2m                                 # grows from nothing to full size over 2 minutes
    add: 400ms                               # each database request takes 400 ms longer
    until: { action: failover db }

# ---- Responders -------------------------------------------------------------------------
# The automatic on-call of `--responders auto`, and how long actions take for everyone.
# See docs/responders.md.
responders:
  ack_after: { p50: 2m, p99: 8m }            # from a page to its acknowledgement
  resolve_after: 15m                         # healthy this long after mitigation: resolved
  investigate: 20s                           # each look-only command takes this long
  delays: { failover: 45s }                  # from the command to its effect

# What the on-call does when paged for one of a runbook's alerts, one step at a time; a step
# with `if` runs only when its condition holds on the latest sample. Steps are commands, as
# people type them at the console (`gameday play`).
runbooks:
  - name: web-errors
    alerts: [WebErrorBudgetBurn, WebErrorBudgetBurnSlow, UsersLatencyBudgetBurn]
    severity: SEV2
    steps:
      - status
      - deps api
      - metrics db
      - do: failover db
        if: { service: db, p99_above: 200ms }
)yaml";

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

bool is_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_';
  });
}

// The schema in `start` or a folder above it, as a scenario inside a checkout of gameday has.
std::optional<fs::path> find_schema(const fs::path& start) {
  std::error_code ec;
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    const fs::path candidate = dir / fs::path(schema_in_repository);
    if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec);
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

// `# yaml-language-server: $schema=PATH`, so editors with the YAML language server complete
// and check keys (docs/scenario-reference.md, "Editor support"). PATH is relative to the file
// when the schema is in a folder above it, else absolute when the current folder is in a
// checkout of gameday.
std::string modeline(const fs::path& out_file) {
  std::error_code ec;
  const fs::path out_dir = fs::weakly_canonical(fs::absolute(out_file, ec), ec).parent_path();
  if (const auto schema = find_schema(out_dir)) {
    const fs::path rel = schema->lexically_relative(out_dir);
    if (!rel.empty()) return std::string(modeline_prefix) + " $schema=" + rel.generic_string();
  }
  if (const auto schema = find_schema(fs::current_path(ec)))
    return std::string(modeline_prefix) + " $schema=" + schema->generic_string();
  return "# For completion and checks in your editor, make the first line\n"
         "#   " +
         std::string(modeline_prefix) + " $schema=PATH/TO/gameday/" +
         std::string(schema_in_repository) +
         "\n# (docs/scenario-reference.md, \"Editor support\").";
}

// The length of the scalar token at `pos`: quoted, or plain up to a comment, a flow
// separator or the end of the line.
std::size_t token_length(std::string_view line, std::size_t pos) {
  if (pos >= line.size()) return 0;
  const char quote = line[pos];
  if (quote == '"' || quote == '\'') {
    const std::size_t end = line.find(quote, pos + 1);
    return end == std::string_view::npos ? line.size() - pos : end + 1 - pos;
  }
  std::size_t end = pos;
  while (end < line.size() && line[end] != ',' && line[end] != '}' && line[end] != '\r' &&
         !(line[end] == '#' && end > pos && (line[end - 1] == ' ' || line[end - 1] == '\t')))
    ++end;
  while (end > pos && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  return end - pos;
}

// The text of `loaded` with its `scenario:` value replaced by `name` and its modeline lines
// dropped (they pointed at the schema from the old file's folder).
std::optional<std::string> renamed(const std::string& text, const sim::LoadedScenario& loaded,
                                   std::string_view name) {
  const SourceLocation at = loaded.where("scenario");
  if (at.line <= 0 || at.column <= 0) return std::nullopt;
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const auto row = static_cast<std::size_t>(at.line - 1);
  const auto col = static_cast<std::size_t>(at.column - 1);
  if (row >= lines.size() || col >= lines[row].size()) return std::nullopt;
  lines[row].replace(col, token_length(lines[row], col), name);
  std::string out;
  for (const std::string& line : lines)
    if (line.rfind(modeline_prefix, 0) != 0) out += line + '\n';
  return out;
}

struct Written {
  int code = 0;
  std::string message;
};

// Creates the file (and its folders); never replaces an existing one (a link included), even in
// a race, and never leaves half a file.
Written write_new_file(const fs::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  const FileResult r = write_file(path.string(), text, Replace::Never);
  if (r.problem == FileProblem::Exists)
    return {to_int(ExitCode::InvalidInput),
            "'" + path.string() + "' already exists; not overwriting it (choose another --out)"};
  if (!r.ok()) return {to_int(ExitCode::Io), r.message};
  return {};
}

void print_help(std::ostream& out, const po::options_description& visible) {
  out << new_usage << "\n\n"
      << "Writes a new scenario named NAME to FILE (default: NAME.yaml): a small, complete and\n"
      << "commented one to start from (four services, a daily traffic cycle, SLOs, burn-rate\n"
      << "alerts, a fault that lasts until it is mitigated, an on-call and its runbook), or,\n"
      << "with --from, a copy of SCENARIO renamed. The file starts with the modeline that\n"
      << "points the YAML language server at the scenario schema. It passes 'gameday check';\n"
      << "an existing file is never overwritten (exit code 2).\n\n"
      << visible;
}

}  // namespace

int new_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("from", po::value<std::string>()->value_name("SCENARIO"),
                        "copy this scenario instead of the built-in scaffold")(
      "out,o", po::value<std::string>()->value_name("FILE"), "where to write (default: NAME.yaml)")(
      "help,h", "show this help");
  const auto parsed = parse_options(args, visible, "name", Positionals::One, "new", new_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    print_help(out, visible);
    return to_int(ExitCode::Success);
  }
  if (vm.count("name") == 0) return usage_error(err, "new", "no name given", new_usage);
  const std::string name = vm["name"].as<std::string>();
  if (!is_name(name))
    return usage_error(err, "new",
                       "'" + name + "' is not a scenario name (letters, digits, '-' and '_')",
                       new_usage);
  const fs::path path =
      vm.count("out") != 0 ? fs::path(vm["out"].as<std::string>()) : fs::path(name + ".yaml");

  std::string text;
  if (vm.count("from") != 0) {
    const std::string from = vm["from"].as<std::string>();
    Diagnostics diags;
    const auto source = sim::load_scenario_file(from, diags);
    print_diagnostics(err, diags);
    if (!source || diags.has_errors()) {
      err << "gameday new: '" << from << "' has errors; fix them before copying it\n";
      return to_int(ExitCode::InvalidInput);
    }
    const auto original = read_text_file(from, "", "new", err);
    if (!original) return to_int(ExitCode::InvalidInput);
    const auto copy = renamed(*original, *source, name);
    if (!copy) {
      err << "gameday new: cannot find the 'scenario:' name in '" << from << "' to replace\n";
      return to_int(ExitCode::InvalidInput);
    }
    text = modeline(path) + "\n" + *copy;
  } else {
    text = replace_all(std::string(scaffold), "{{MODELINE}}", modeline(path));
    text = replace_all(text, "{{FILE}}", path.generic_string());
    text = replace_all(text, "{{NAME}}", name);
  }

  // What is written must load: a failure here is a bug in the scaffold or the renaming.
  Diagnostics diags;
  const auto loaded = sim::load_scenario_text(text, path.generic_string(), diags);
  if (!loaded || diags.has_errors()) {
    print_diagnostics(err, diags);
    err << "gameday new: internal error: the new scenario does not load\n";
    return to_int(ExitCode::Internal);
  }
  if (const Written w = write_new_file(path, text); w.code != 0) {
    err << "gameday new: " << w.message << '\n';
    return w.code;
  }
  const model::Scenario& s = loaded->scenario;
  out << "wrote " << path.generic_string() << ": scenario '" << name << "' (" << s.services.size()
      << (s.services.size() == 1 ? " service, " : " services, ") << s.faults.size()
      << (s.faults.size() == 1 ? " fault" : " faults") << ")\n"
      << "next: gameday check " << path.generic_string() << " && gameday run "
      << path.generic_string() << " --responders auto\n";
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

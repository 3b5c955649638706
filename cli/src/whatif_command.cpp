// `gameday whatif RUN [--without N | --at T --do COMMAND [--as NAME]] [--out DIR]`: an action's
// exact effect. The record's scenario (its header), seed and commands are re-run twice in
// memory, once as played and once with the one change, and the two outcomes compared
// (scoring/counterfactual.hpp). Without an option it lists the actions that can be left out.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/cli/version.hpp"
#include "gameday/core/output_file.hpp"
#include "gameday/core/units.hpp"
#include "gameday/eventlog/sink.hpp"
#include "gameday/model/vocabulary.hpp"
#include "gameday/scoring/counterfactual.hpp"
#include "gameday/sim/responder_script.hpp"
#include "gameday/sim/simulation.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "run_folder.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;

struct Replay {
  eventlog::Record record;
  std::string text;  // the record as the file would hold it
};

// The record's scenario and seed run again with `script` as the responders' commands.
Replay replay(const eventlog::Header& h, const std::vector<sim::ScriptedCommand>& script) {
  eventlog::RecordWriter writer;
  eventlog::RecordCollector collected(
      {.service_samples = false, .dependency_samples = false, .traces = false});
  writer.subscribe(collected);
  sim::Simulation sim(h.scenario,
                      sim::RunInfo{h.seed, std::string(tool_version), h.scenario_hash, "commands"},
                      writer);
  ScriptCursor cursor;
  while (!sim.done()) step_responders(sim, script, nullptr, cursor, events_per_step);
  sim.finish("completed");
  writer.close();
  return {collected.record(), writer.buffer()};
}

// Everything after the header line: what two runs of one scenario and seed must share.
std::string_view body(std::string_view record) {
  const std::size_t nl = record.find('\n');
  return nl == std::string_view::npos ? std::string_view{} : record.substr(nl + 1);
}

struct Action {
  std::size_t command = 0;  // index into the script
  std::string text, who, role;
  Time at;
};

}  // namespace

int whatif_command(const Args& args, std::ostream& out, std::ostream& err) {
  constexpr std::string_view command = "whatif";
  po::options_description visible("options", 100);
  visible.add_options()("without", po::value<int>()->value_name("N"),
                        "leave out action N (as listed without options)")(
      "at", po::value<std::string>()->value_name("T"), "with --do: when the added command runs")(
      "do", po::value<std::string>()->value_name("COMMAND"), "add COMMAND at --at T")(
      "as", po::value<std::string>()->value_name("NAME"),
      "who issues the added command (default: whatif)")(
      "out", po::value<std::string>()->value_name("DIR"),
      "also write the changed run's record to DIR/events.jsonl")("help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "run", Positionals::One, command, whatif_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << whatif_usage << "\n\nRe-runs a game from its record with one change, everything else\n"
        << "identical, and shows what the change did: failed requests, user-minutes, each\n"
        << "SLO's error budget, pages. Without options, lists the run's actions. Details:\n"
        << "docs/scoring.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  if (vm.count("run") == 0) return usage_error(err, command, "no run given", whatif_usage);
  const bool adding = vm.count("do") != 0 || vm.count("at") != 0;
  if (adding && (vm.count("do") == 0 || vm.count("at") == 0))
    return usage_error(err, command, "--at and --do go together", whatif_usage);
  if (adding && vm.count("without") != 0)
    return usage_error(err, command, "one change at a time: --without, or --at with --do",
                       whatif_usage);
  const std::string run = vm["run"].as<std::string>();
  int code = 0;
  const auto record = read_run(run, command, err, code);
  if (!record) return code;
  const eventlog::Header& h = record->header;
  if (h.responders == "auto") {
    err << "gameday whatif: " << run
        << ": the automatic on-call responded in this run, and would act again in a re-run; "
           "whatif needs a run of people's commands (or none)\n";
    return to_int(ExitCode::InvalidInput);
  }

  // The record's commands, as they were typed, in order; and which of them are actions.
  std::vector<sim::ScriptedCommand> script;
  std::vector<Action> actions;
  for (const eventlog::Event& e : record->events) {
    const auto* c = e.get<eventlog::CommandIssued>();
    if (c == nullptr) continue;
    const auto verb = model::find_verb(c->verb);
    if (c->accepted() && verb && model::verb_class(*verb) == model::VerbClass::Action)
      actions.push_back({script.size(), c->text, c->responder, c->role, e.t});
    script.push_back({e.t, sim::CommandInput{c->responder, c->text, c->wall_time}});
  }
  if (vm.count("without") == 0 && !adding) {
    if (actions.empty()) {
      out << "The run has no accepted action to leave out; --at T --do COMMAND adds one.\n";
      return to_int(ExitCode::Success);
    }
    out << "Actions in " << run << " ('gameday whatif " << run << " --without N'):\n";
    for (std::size_t i = 0; i < actions.size(); ++i)
      out << "  " << i + 1 << "  " << instant_for_people(actions[i].at.since_start()) << "  "
          << actions[i].who << (actions[i].role.empty() ? "" : " (" + actions[i].role + ")") << ": "
          << actions[i].text << '\n';
    return to_int(ExitCode::Success);
  }

  std::vector<sim::ScriptedCommand> changed = script;
  std::string change;
  std::optional<sim::ScriptedCommand> added;
  if (!adding) {
    const int n = vm["without"].as<int>();
    if (n < 1 || static_cast<std::size_t>(n) > actions.size())
      return usage_error(err, command,
                         "--without " + std::to_string(n) + ": the run has " +
                             std::to_string(actions.size()) + " actions (listed without options)",
                         whatif_usage);
    const Action& a = actions[static_cast<std::size_t>(n - 1)];
    changed.erase(changed.begin() + static_cast<std::ptrdiff_t>(a.command));
    change = "without action " + std::to_string(n) + ", `" + a.text + "` (" + a.who +
             (a.role.empty() ? "" : ", " + a.role) + ") at " +
             instant_for_people(a.at.since_start());
  } else {
    const std::string at_text = vm["at"].as<std::string>();
    const auto at = parse_run_instant(at_text, h.scenario.start_time_of_day);
    if (!at || at->ns() < 0 || *at >= h.duration)
      return usage_error(err, command,
                         "--at '" + at_text + "': expected a time within the run, below " +
                             format_duration(h.duration) + ", or the time of day there",
                         whatif_usage);
    const std::string text = vm["do"].as<std::string>();
    const std::string who = vm.count("as") != 0 ? vm["as"].as<std::string>() : "whatif";
    added = sim::ScriptedCommand{Time::zero() + *at, sim::CommandInput{who, text, std::nullopt}};
    // After the commands at the same instant, as if typed just after them.
    const auto place =
        std::upper_bound(changed.begin(), changed.end(), added->at,
                         [](Time t, const sim::ScriptedCommand& c) { return t < c.at; });
    changed.insert(place, *added);
    change = "with `" + text + "` (" + who + ") added at " + instant_for_people(*at);
  }

  // No InterruptGuard: Ctrl-C simply ends the command; nothing is written before --out's file,
  // which goes through a temporary renamed into place.
  const Replay as_played = replay(h, script);
  const Replay other = replay(h, changed);
  if (added) {
    // A command the simulation refused changes nothing: say so rather than print zeros.
    for (const eventlog::Event& e : other.record.events) {
      const auto* c = e.get<eventlog::CommandIssued>();
      if (c != nullptr && !c->accepted() && e.t == added->at &&
          c->responder == added->input.responder && c->text == added->input.text) {
        err << "gameday whatif: --do '" << added->input.text
            << "' was refused at that time: " << c->error << '\n';
        return to_int(ExitCode::InvalidInput);
      }
    }
  }
  std::ifstream original(run.ends_with(".jsonl") ? run : run + "/events.jsonl", std::ios::binary);
  std::stringstream raw;
  raw << original.rdbuf();
  out << scoring::format_counterfactual(scoring::outcome_of(as_played.record),
                                        scoring::outcome_of(other.record), change, !adding);
  out << (body(raw.str()) == body(as_played.text)
              ? "\nThe re-run as played reproduces the record line for line.\n"
              : "\nThe re-run as played differs from the record (another gameday version wrote "
                "it?): both columns are re-runs, so their difference is still the change's.\n");
  if (vm.count("out") != 0) {
    const std::string dir = vm["out"].as<std::string>();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const std::string path = (std::filesystem::path(dir) / "events.jsonl").string();
    if (std::filesystem::exists(path, ec)) {
      err << "gameday whatif: --out: " << path << " exists; choose another folder\n";
      return to_int(ExitCode::InvalidInput);
    }
    if (const FileResult r = write_file(path, other.text); !r.ok()) {
      err << "gameday whatif: --out: " << r.message << '\n';
      return to_int(ExitCode::Io);
    }
    err << "gameday whatif: wrote " << path << '\n';
  }
  return to_int(ExitCode::Success);
}

}  // namespace gameday::cli

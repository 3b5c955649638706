// `gameday join LINK --name NAME [--role ROLE]`: a player's console in a hosted game. The same
// console as `play` (line editing, history, Tab completion, messages above the prompt), its
// lines sent to the host and what the host says shown: this player's replies and answers, the
// team's channel, pages and effects, the clock. Lines may come from a pipe, sent in order; the
// client stays until the game ends. Ctrl-C leaves the game (exit 130).
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>
#include <utility>
#include <variant>

#include "commands.hpp"
#include "gameday/cli/cli.hpp"
#include "gameday/core/terminal_text.hpp"
#include "gameday/core/units.hpp"
#include "gameday/core/utf8.hpp"
#include "gameday/net/client.hpp"
#include "interrupt.hpp"
#include "line_editor.hpp"
#include "lobby.hpp"
#include "options.hpp"
#include "program_responder.hpp"

namespace gameday::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;
using namespace std::chrono_literals;

struct JoinOptions {
  std::string link;
  std::string name;
  std::string role = "ops";
  std::optional<ProgramSettings> program;  // --exec: a program plays at this seat
};

std::string field(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string number_text(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return "";
  std::ostringstream o;
  o << it->get<double>();
  return o.str();
}

std::string send_text(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// How one message from the host reads at the console; empty for what is not shown.
class Screen {
 public:
  explicit Screen(std::string me) : me_(std::move(me)) {}

  std::string show(const json& m, bool live) {
    const std::string type = field(m, "type");
    const std::string at = stamp(field(m, "t")) + " ";
    if (type == "reply") {
      const std::string text = field(m, "text");
      return m.value("accepted", false) ? text : "error: " + text;
    }
    if (type == "answer" || type == "notice") return at + field(m, "text");
    if (type == "error") return "error: " + field(m, "text");
    if (type == "channel") {
      if (live && field(m, "from") == me_) return "";  // its reply was shown already
      const std::string role = field(m, "role");
      const std::string reply = field(m, "reply");
      return at + field(m, "from") + (role.empty() ? "" : " (" + role + ")") + ": " +
             field(m, "text") + (reply.empty() ? "" : " -> " + reply);
    }
    if (type == "clock") {
      clock_ = field(m, "t");
      speed_ = number_text(m, "speed");
      paused_ = m.value("paused", false);
      return "";
    }
    if (type == "welcome") {
      clock_ = field(m, "clock");
      speed_ = number_text(m, "speed");
      paused_ = m.value("paused", false);
      role_ = field(m, "role");
      start_at_ = parse_time_of_day(field(m, "start_at")).value_or(Duration{});
      std::string text = "gameday join: you are " + field(m, "name") + ", " + role_ + ", at " +
                         clock_ + ". Type 'help' for commands.\nthe system: " + field(m, "system");
      if (const auto h = m.find("history"); h != m.end() && h->is_array())
        for (const json& line : *h)
          if (const std::string shown = show(line, false); !shown.empty()) text += "\n" + shown;
      return text;
    }
    if (type == "end")
      return "the game is over (" + field(m, "reason") + " at " + field(m, "t") + ")";
    return "";
  }

  std::string prompt() const {
    return "[" + both_clocks(clock_) + " " + (paused_ ? "paused" : "x" + speed_) + "] " + me_ +
           " > ";
  }

 private:
  // "17:44:20 +14m20s" for a message's `t` ("14m20s"), from the welcome's start_at; a clock
  // this console cannot read is shown as it came.
  std::string both_clocks(const std::string& t) const {
    const auto since = parse_duration(t);
    return since ? console_clock(start_at_, Time::zero() + *since) : t;
  }
  std::string stamp(const std::string& t) const { return "[" + both_clocks(t) + "]"; }

  std::string me_;
  std::string role_;
  Duration start_at_;
  std::string clock_ = "0s";
  std::string speed_ = "1";
  bool paused_ = false;
};

std::variant<JoinOptions, int> parse_join_options(const Args& args, std::ostream& out,
                                                  std::ostream& err) {
  po::options_description visible("options", 100);
  visible.add_options()("name", po::value<std::string>()->value_name("NAME"),
                        "who you are, one word (default: $USER)")(
      "role", po::value<std::string>()->value_name("ROLE"),
      "ic, ops (default), comms, scribe or observer")(
      "exec", po::value<std::string>()->value_name("COMMAND"),
      "a program plays at this seat: it reads each message from the host as a JSON line and "
      "answers with a command line or an empty line (docs/responders.md#programs)")(
      "help,h", "show this help");
  const auto parsed =
      parse_options(args, visible, "link", Positionals::One, "join", join_usage, err);
  if (!parsed) return to_int(ExitCode::InvalidInput);
  const po::variables_map& vm = *parsed;
  if (vm.count("help") != 0) {
    out << join_usage << "\n\n"
        << "Joins a game that `gameday host` started, with the players' link it printed. Type\n"
        << "commands as in `gameday play` ('help' lists them); the team's channel, pages and\n"
        << "your answers appear above the prompt. docs/facilitator-guide.md.\n\n"
        << visible;
    return to_int(ExitCode::Success);
  }
  if (vm.count("link") == 0)
    return usage_error(err, "join", "the game's link is missing", join_usage);
  JoinOptions o;
  o.link = vm["link"].as<std::string>();
  const char* user = std::getenv("USER");
  o.name = to_valid_utf8(vm.count("name") != 0              ? vm["name"].as<std::string>()
                         : user != nullptr && *user != '\0' ? user
                                                            : "");
  if (const auto problem = name_problem(o.name))
    return usage_error(err, "join", "--name '" + terminal_text(o.name) + "': " + *problem,
                       join_usage);
  if (vm.count("role") != 0) o.role = vm["role"].as<std::string>();
  if (vm.count("exec") != 0) {
    o.program = program_settings(std::string(exec_prefix) + vm["exec"].as<std::string>());
    if (!o.program) return usage_error(err, "join", "--exec needs a command", join_usage);
  }
  return o;
}

// A program at this seat (--exec): each message from the host goes to it as a line, and each
// non-empty line it answers with is sent as a command. The game runs on the wall clock, so a
// think time is not waited for: the command goes at once. What the host said is also shown on
// stdout, as the console would show it, for a log of the game.
int relay_program(net::Client& client, const JoinOptions& opts, std::ostream& out,
                  std::ostream& err) {
  ProgramLink program(*opts.program);
  std::string error;
  if (!program.start(error)) {
    err << "gameday join: --exec: " << error << '\n';
    client.close(1s);
    return to_int(ExitCode::InvalidInput);
  }
  Screen screen(opts.name);
  const InterruptGuard interrupts;
  bool welcomed = false;
  while (!interrupts.is_interrupted()) {
    for (const std::string& text : client.take(50ms)) {
      const json m = json::parse(text, nullptr, false);
      if (!m.is_object()) continue;
      welcomed = welcomed || field(m, "type") == "welcome";
      if (const std::string shown = screen.show(m, false); !shown.empty()) out << shown << '\n';
      if (field(m, "type") == "end") {
        program.tell(text);
        program.stop(2s);
        return to_int(ExitCode::Success);
      }
      std::string why;
      const auto answer = program.ask(text, why);
      if (!answer) {
        err << "gameday join: --exec: the program was stopped: " << why << '\n';
        program.stop(500ms);
        client.close(1s);
        return to_int(ExitCode::Io);
      }
      if (!answer->line.empty())
        client.send(send_text({{"type", "command"}, {"line", answer->line}}));
    }
    if (const auto why = client.closed()) {
      err << "gameday join: " << *why << '\n';
      program.stop(500ms);
      return to_int(welcomed ? ExitCode::Io : ExitCode::InvalidInput);
    }
  }
  program.stop(500ms);
  client.close(1s);
  err << "gameday join: left the game\n";
  return to_int(ExitCode::Interrupted);
}

}  // namespace

int join_command(const Args& args, std::ostream& out, std::ostream& err) {
  auto parsed = parse_join_options(args, out, err);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const JoinOptions& opts = std::get<JoinOptions>(parsed);
  std::string error;
  const auto url = net::parse_game_url(opts.link, error);
  if (!url) {
    err << "gameday join: " << error << '\n';
    return to_int(ExitCode::InvalidInput);
  }
  const auto client = net::Client::connect(*url, 10s, error);
  if (!client) {
    err << "gameday join: " << error << '\n';
    return to_int(ExitCode::Io);
  }
  client->send(send_text({{"type", "join"}, {"name", opts.name}, {"role", opts.role}}));
  if (opts.program) return relay_program(*client, opts, out, err);

  Screen screen(opts.name);
  LineEditor editor;
  std::vector<json> early;  // what arrived while a completion was awaited
  editor.set_completer([&](std::string_view line) {
    std::vector<std::string> items;
    client->send(send_text({{"type", "complete"}, {"line", line}}));
    const auto until = std::chrono::steady_clock::now() + 1s;
    while (std::chrono::steady_clock::now() < until && !client->closed()) {
      for (const std::string& text : client->take(50ms)) {
        json m = json::parse(text, nullptr, false);
        if (field(m, "type") == "completions" && field(m, "line") == line) {
          for (const json& i : m.value("items", json::array()))
            if (i.is_string()) items.push_back(i.get<std::string>());
          return items;
        }
        early.push_back(std::move(m));
      }
    }
    return items;
  });
  const InterruptGuard interrupts;
  bool input_open = true;
  bool welcomed = false;
  bool ended = false;
  std::vector<std::string> waiting;  // lines typed before the game seated this player
  // Shows what has arrived; true once the game is over.
  const auto show = [&](std::chrono::milliseconds wait) {
    std::vector<json> messages = std::move(early);
    early.clear();
    for (const std::string& text : client->take(wait))
      messages.push_back(json::parse(text, nullptr, false));
    for (const json& m : messages) {
      if (!m.is_object()) continue;
      const std::string type = field(m, "type");
      welcomed = welcomed || type == "welcome";
      ended = ended || type == "end";
      if (const std::string shown = screen.show(m, true); !shown.empty()) editor.print_above(shown);
    }
    editor.set_prompt(screen.prompt());
  };
  while (!interrupts.is_interrupted()) {
    show(input_open ? 0ms : 50ms);
    if (ended) return to_int(ExitCode::Success);
    if (const auto why = client->closed()) {
      show(0ms);  // what came before the close
      if (ended) return to_int(ExitCode::Success);
      err << "gameday join: " << *why << '\n';
      return to_int(welcomed ? ExitCode::Io : ExitCode::InvalidInput);
    }
    if (welcomed)
      for (std::string& line : std::exchange(waiting, {}))
        client->send(send_text({{"type", "command"}, {"line", line}}));
    if (!input_open) continue;
    const auto in = editor.poll(50ms);
    if (!in) continue;
    if (in->kind == InputKind::Interrupt) break;
    if (in->kind == InputKind::EndOfInput) {
      input_open = false;
    } else if (welcomed) {
      client->send(send_text({{"type", "command"}, {"line", in->line}}));
    } else {
      waiting.push_back(in->line);
    }
  }
  client->close(1s);
  err << "gameday join: left the game\n";
  return to_int(ExitCode::Interrupted);
}

}  // namespace gameday::cli

// `gameday host` and `gameday join` as a team uses them: one game, consoles in separate
// processes over real loopback connections, the record re-run to the same bytes; and the host
// as a hostile client meets it (tokens, limits, a client that stops reading), spoken to
// through the protocol with the project's own client.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <thread>

#include "gameday/net/client.hpp"
#include "gameday_test.hpp"

namespace gameday::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// The database slows down at 2m until it is failed over.
constexpr std::string_view scenario = R"(
scenario: slow-db
description: The database slows down until it is failed over.
seed: 3
duration: 4m
services:
  - name: web
    replicas: 2
    workers: 32
    service_time: 2ms
    calls: [ { to: db, timeout: 200ms } ]
  - { name: db, replicas: 2, workers: 8, queue: 50, service_time: 5ms }
traffic:
  - { name: users, to: web, rate: 50/s }
slos:
  - { name: web-availability, service: web, objective: 99% }
faults:
  - { name: db-slow, kind: latency, target: db, at: 2m, until: { action: failover db }, add: 400ms }
)";

std::string without_wall_time(const std::string& record) {
  return std::regex_replace(record, std::regex(R"(,"wall_time":"[^"]*")"), "");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A hosted game in the background: its links, once it has printed them.
class HostedGame {
 public:
  HostedGame(const std::filesystem::path& dir, const std::string& name, const std::string& options)
      : dir_(dir),
        out_(name + ".out"),
        game_("/bin/sh",
              {"-c", "exec " + std::string(GAMEDAY_EXE) +
                         " host s.yaml --listen 127.0.0.1:0 --no-console --viewer off --out " +
                         name + " " + options + " > " + out_ + " 2> " + name + ".err"},
              dir) {
    for (int i = 0; i < 200 && facilitator.empty(); ++i) {
      std::this_thread::sleep_for(50ms);
      const std::string text = read_file(dir_ / out_);
      const std::size_t p = text.find("players: "), f = text.find("facilitator: ");
      if (p == std::string::npos || f == std::string::npos) continue;
      players = text.substr(p + 9, text.find('\n', p) - p - 9);
      facilitator = text.substr(f + 13, text.find('\n', f) - f - 13);
    }
  }
  ProcessResult wait() {
    ProcessResult r = game_.wait(std::chrono::seconds(120));
    r.out = read_file(dir_ / out_);
    return r;
  }

  std::string players, facilitator;

 private:
  std::filesystem::path dir_;
  std::string out_;
  Process game_;
};

// A console in this process, through the project's client.
struct Console {
  std::unique_ptr<net::Client> client;
  std::vector<json> seen;

  explicit Console(const std::string& link) {
    std::string error;
    const auto url = net::parse_game_url(link, error);
    EXPECT_TRUE(url) << error;
    if (url) client = net::Client::connect(*url, 10s, error);
    EXPECT_TRUE(client) << error;
  }
  void send(const json& j) { client->send(j.dump()); }
  // The next message of `type` after those already expected, waiting up to 10 s for it.
  std::optional<json> expect(const std::string& type) {
    const auto until = std::chrono::steady_clock::now() + 10s;
    for (;;) {
      for (; next < seen.size(); ++next)
        if (seen[next].value("type", "") == type) return seen[next++];
      const bool last = client->closed() || std::chrono::steady_clock::now() >= until;
      for (const std::string& text : client->take(last ? 0ms : 100ms))
        seen.push_back(json::parse(text));
      if (last && next == seen.size()) return std::nullopt;
    }
  }
  std::size_t next = 0;  // seen[next...] are not expected yet
};

class Host : public GamedayTest {
 protected:
  ProcessResult shell(const std::string& command) {
    return run_process("/bin/sh", {"-c", command}, dir_);
  }
  // A console process: `lines` are typed after `delay` seconds.
  std::string join(const std::string& link, const std::string& name, const std::string& role,
                   const std::string& delay, const std::vector<std::string>& lines) {
    std::string typed = "(sleep " + delay + ";";
    for (const std::string& l : lines) typed += " echo '" + l + "';";
    typed += ")";
    return typed + " | " + std::string(GAMEDAY_EXE) + " join '" + link + "' --name " + name +
           " --role " + role + " > " + name + ".out 2> " + name + ".err";
  }
};

TEST_F(Host, ATeamPlaysOneGameEachPersonCreditedAndTheRecordReRunsToTheSameBytes) {
  write("s.yaml", std::string(scenario));
  HostedGame game(dir_, "g", "--paused --speed 100");
  ASSERT_FALSE(game.players.empty()) << read_file(dir_ / "g.err");
  ASSERT_NE(game.players, game.facilitator);
  EXPECT_TRUE(game.players.starts_with("http://127.0.0.1:"));
  // Three players and the facilitator, each in a process of their own. The clock starts when
  // the facilitator resumes it, after everyone has joined and typed.
  const ProcessResult team = shell(
      join(game.players, "alice", "ic", "0.2", {"declare sev2", "say taking command", "status"}) +
      " & " +
      join(game.players, "omar", "ops", "0.6",
           {"failover db", "!inject db-slow", "!reveal", "restart web-1"}) +
      " & " + join(game.players, "olga", "observer", "0.8", {"restart web", "deps web"}) + " & " +
      join(game.facilitator, "fay", "ops", "4", {"!resume"}) + " & wait");
  ASSERT_EQ(team.exit_code, 0) << team.err;
  const ProcessResult host = game.wait();
  ASSERT_EQ(host.exit_code, 0) << host.err;
  const auto out = [&](const std::string& name) { return read_file(dir_ / (name + ".out")); };
  for (const char* name : {"alice", "omar", "olga", "fay"})
    EXPECT_TRUE(contains(out(name), "the game is over (completed at 4m)"))
        << name << ":\n"
        << out(name) << read_file(dir_ / (std::string(name) + ".err"));

  // The channel reaches everyone; each one's own answers only them.
  EXPECT_TRUE(contains(out("olga"), "alice (incident_commander): say taking command"));
  EXPECT_TRUE(contains(out("alice"), "omar (operations): failover db"));
  EXPECT_TRUE(contains(out("alice"), "service ")) << "alice's status answer";
  EXPECT_FALSE(contains(out("omar"), "service ")) << "omar never asked for status";
  // An observer cannot act; a player cannot use the facilitator's commands.
  EXPECT_TRUE(contains(out("olga"), "error: restart: olga is an observer"));
  EXPECT_TRUE(contains(out("omar"), "error: !inject: only the facilitator"));
  EXPECT_TRUE(contains(out("omar"), "error: !reveal: only the facilitator"));
  // Players are never told what will go wrong.
  for (const char* name : {"alice", "olga"}) {
    EXPECT_FALSE(contains(out(name), "db-slow")) << name;
    EXPECT_FALSE(contains(out(name), "until it is failed over")) << name;
  }
  EXPECT_TRUE(contains(out("fay"), "you are fay, facilitator")) << out("fay");

  // Every command in the record carries its person and their seat.
  const std::string record = read_file(dir_ / "g" / "events.jsonl");
  EXPECT_TRUE(
      contains(record, R"("responder":"alice","role":"incident_commander","text":"declare SEV2")"));
  EXPECT_TRUE(contains(record, R"("responder":"omar","role":"operations","text":"failover db")"));
  EXPECT_TRUE(contains(record, R"("responder":"olga","role":"observer","text":"restart web")"));
  EXPECT_TRUE(contains(record, R"("responder":"fay","text":"join facilitator")"));
  // The scorecard credits each person with what they did, and names who held each role.
  EXPECT_TRUE(contains(host.out, "omar (operations): 2 actions (failover db, restart web-1)"))
      << host.out;
  EXPECT_TRUE(contains(host.out, "olga (observer): 1 look; 1 refused command")) << host.out;
  EXPECT_TRUE(std::regex_search(host.out, std::regex(R"(role incident_commander .*\(alice\))")))
      << host.out;

  // The game re-run from its record: the same bytes, wall times aside.
  const ProcessResult rerun =
      gameday({"run", "s.yaml", "--responders", "g", "--out", "r", "--quiet"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(without_wall_time(read_file(dir_ / "r" / "events.jsonl")), without_wall_time(record));
}

// Late joiners and reconnects get the channel's history; the limits refuse what is too much
// and change nothing; a player's Tab never completes a fault's name.
TEST_F(Host, TheProtocolRefusesWhatIsTooMuchAndAReconnectGetsTheHistory) {
  write("s.yaml", std::string(scenario));
  HostedGame game(dir_, "g", "--paused");
  ASSERT_FALSE(game.players.empty()) << read_file(dir_ / "g.err");
  {
    std::string error;
    auto wrong = net::parse_game_url(game.players, error);
    ASSERT_TRUE(wrong);
    wrong->token = std::string(32, '0');
    EXPECT_FALSE(net::Client::connect(*wrong, 10s, error));
    EXPECT_TRUE(contains(error, "403")) << error;
  }
  {
    Console ann(game.players);
    ann.send({{"type", "command"}, {"line", "status"}});
    const auto early = ann.expect("error");
    ASSERT_TRUE(early);
    EXPECT_TRUE(contains(early->value("text", ""), "join first"));
    ann.send({{"type", "join"}, {"name", "ann"}, {"role", "comms"}});
    ASSERT_TRUE(ann.expect("welcome"));
    ann.send({{"type", "command"}, {"line", std::string(1001, 'x')}});
    const auto refused = ann.expect("error");
    ASSERT_TRUE(refused);
    EXPECT_TRUE(contains(refused->value("text", ""), "at most 1000 characters"));
    ann.send({{"type", "complete"}, {"line", "!inject "}});
    const auto none = ann.expect("completions");
    ASSERT_TRUE(none);
    EXPECT_TRUE((*none)["items"].empty()) << none->dump();
    ann.send({{"type", "complete"}, {"line", "!"}});
    const auto bang = ann.expect("completions");
    ASSERT_TRUE(bang);
    EXPECT_TRUE((*bang)["items"].empty()) << "a player is offered no facilitator command";
    ann.send({{"type", "command"}, {"line", "say first post"}});
    ASSERT_TRUE(ann.expect("reply"));
    // A burst beyond 20 messages a second: the rest are refused, one error each.
    for (int i = 0; i < 60; ++i) ann.send({{"type", "complete"}, {"line", "sta"}});
    const auto flooded = ann.expect("error");
    ASSERT_TRUE(flooded);
    EXPECT_TRUE(contains(flooded->value("text", ""), "too many messages")) << flooded->dump();
    ann.client->close(2s);
  }
  std::this_thread::sleep_for(300ms);  // the host hears ann leave
  Console again(game.players);
  again.send({{"type", "join"}, {"name", "ann"}, {"role", "comms"}});
  const auto welcome = again.expect("welcome");
  ASSERT_TRUE(welcome);
  const std::string history = (*welcome)["history"].dump();
  EXPECT_TRUE(contains(history, "say first post")) << history;
  EXPECT_TRUE(contains(history, R"("text":"leave")")) << history;
  // The players' link never seats a facilitator.
  Console mallory(game.players);
  mallory.send({{"type", "join"}, {"name", "mallory"}, {"role", "facilitator"}});
  const auto usurper = mallory.expect("error");
  ASSERT_TRUE(usurper);
  EXPECT_TRUE(contains(usurper->value("text", ""), "the facilitator's link")) << usurper->dump();
  EXPECT_FALSE(mallory.expect("welcome"));
  // A second console with a name already in the game is refused.
  Console twin(game.players);
  twin.send({{"type", "join"}, {"name", "ann"}, {"role", "ops"}});
  const auto taken = twin.expect("error");
  ASSERT_TRUE(taken);
  EXPECT_TRUE(contains(taken->value("text", ""), "someone called ann")) << taken->dump();

  Console boss(game.facilitator);
  boss.send({{"type", "join"}, {"name", "fay"}});
  ASSERT_TRUE(boss.expect("welcome"));
  boss.send({{"type", "command"}, {"line", "!speed 5000"}});
  const auto too_fast = boss.expect("reply");
  ASSERT_TRUE(too_fast);
  EXPECT_FALSE(too_fast->value("accepted", true)) << too_fast->dump();
  boss.send({{"type", "command"}, {"line", "!end"}});
  ASSERT_TRUE(boss.expect("end"));
  const ProcessResult host = game.wait();
  EXPECT_EQ(host.exit_code, 0) << host.err;
  const std::string record = read_file(dir_ / "g" / "events.jsonl");
  EXPECT_FALSE(contains(record, "xxxxxxxxxx")) << "the refused line is not recorded";
}

// At most 32 consoles at once: the next is refused (503), and one leaving makes room.
TEST_F(Host, TheGameIsFullAtThirtyTwoConsoles) {
  write("s.yaml", std::string(scenario));
  HostedGame game(dir_, "g", "--paused");
  ASSERT_FALSE(game.players.empty()) << read_file(dir_ / "g.err");
  std::string error;
  const auto url = net::parse_game_url(game.players, error);
  ASSERT_TRUE(url);
  std::vector<std::unique_ptr<net::Client>> consoles;
  for (int i = 0; i < 32; ++i) {
    consoles.push_back(net::Client::connect(*url, 10s, error));
    ASSERT_TRUE(consoles.back()) << i << ": " << error;
  }
  EXPECT_FALSE(net::Client::connect(*url, 10s, error));
  EXPECT_TRUE(contains(error, "503")) << error;
  consoles.back()->close(2s);
  std::this_thread::sleep_for(200ms);
  auto another = net::Client::connect(*url, 10s, error);
  EXPECT_TRUE(another) << error;
  const auto boss_url = net::parse_game_url(game.facilitator, error);
  ASSERT_TRUE(boss_url);
  EXPECT_FALSE(net::Client::connect(*boss_url, 10s, error)) << "the facilitator's link counts too";
  consoles.clear();
  another.reset();
  std::this_thread::sleep_for(200ms);
  Console again(game.facilitator);
  again.send({{"type", "join"}, {"name", "fay"}});
  ASSERT_TRUE(again.expect("welcome"));
  again.send({{"type", "command"}, {"line", "!end"}});
  ASSERT_TRUE(again.expect("end"));
  EXPECT_EQ(game.wait().exit_code, 0);
}

// A client that joins and then never reads does not hold the game back, and two games run on
// two ports at once.
TEST_F(Host, AClientThatStopsReadingDoesNotSlowTheClock) {
  write("s.yaml", std::string(scenario));
  HostedGame one(dir_, "one", "--speed 60");
  HostedGame two(dir_, "two", "--speed 60");
  ASSERT_FALSE(one.players.empty());
  ASSERT_FALSE(two.players.empty());
  EXPECT_NE(one.players, two.players);
  // A raw socket: the WebSocket handshake and a join, then nothing is ever read.
  std::string error;
  const auto url = net::parse_game_url(one.players, error);
  ASSERT_TRUE(url);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(url->port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string upgrade =
      "GET /ws?token=" + url->token +
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";
  ASSERT_EQ(::send(fd, upgrade.data(), upgrade.size(), 0), static_cast<ssize_t>(upgrade.size()));
  std::this_thread::sleep_for(200ms);
  const std::string join = R"({"type":"join","name":"stuck","role":"scribe"})";
  std::string frame = {'\x81', static_cast<char>(0x80 | join.size()), 1, 2, 3, 4};
  for (std::size_t i = 0; i < join.size(); ++i) frame += static_cast<char>(join[i] ^ (1 + i % 4));
  ASSERT_EQ(::send(fd, frame.data(), frame.size(), 0), static_cast<ssize_t>(frame.size()));
  // 4 simulated minutes at x60: about 4 s of wall time, whoever does not read (a game held
  // back would reach the wait's limit and fail).
  const ProcessResult a = one.wait();
  const ProcessResult b = two.wait();
  ::close(fd);
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_TRUE(contains(read_file(dir_ / "one" / "events.jsonl"), R"("text":"join scribe")"));
}

// A program takes a seat in a hosted game (`join --exec`): the example responder, as the
// incident commander, mitigates orders-db-slow on the wall clock; one that exits is reported.
TEST_F(Host, AProgramPlaysASeatThroughJoinExec) {
  const std::string source = GAMEDAY_SOURCE_DIR;
  write("s.yaml", read_file(source + "/scenarios/orders-db-slow.yaml"));
  // The fault at 2m rather than 13m, and x60: the program answers on the wall clock, so a busy
  // machine (a sanitizer build, tests in parallel) must leave it time to act before the end.
  HostedGame game(dir_, "g", "--speed 60 --duration 16m --set 'faults[orders-db-slow].at=2m'");
  ASSERT_FALSE(game.players.empty());
  const auto bot = run_process(GAMEDAY_EXE,
                               {"join", game.players, "--name", "bot", "--role", "ic", "--exec",
                                "python3 " + source + "/examples/responder.py"},
                               dir_);
  EXPECT_EQ(bot.exit_code, 0) << bot.err;
  EXPECT_TRUE(contains(bot.out, "bot (incident_commander): failover orders-db")) << bot.out;
  EXPECT_EQ(game.wait().exit_code, 0);
  const std::string record = read_file(dir_ / "g/events.jsonl");
  EXPECT_TRUE(contains(
      record, R"("responder":"bot","role":"incident_commander","text":"diagnose orders-db")"));
  EXPECT_TRUE(
      contains(record, R"("responder":"bot","role":"incident_commander","text":"resolve")"));

  write("quits.sh", "#!/bin/sh\nexit 0\n");
  std::filesystem::permissions(dir_ / "quits.sh", std::filesystem::perms::owner_all);
  // Long enough (6 s) for a slow machine's join to see the program quit before the game ends.
  HostedGame again(dir_, "g2", "--speed 20 --duration 2m");
  const auto quits = run_process(
      GAMEDAY_EXE, {"join", again.players, "--name", "quitter", "--exec", "./quits.sh"}, dir_);
  EXPECT_EQ(quits.exit_code, 3);
  EXPECT_TRUE(
      contains(quits.err, "the program was stopped: it exited, or closed its input or output"))
      << quits.err;
  EXPECT_EQ(again.wait().exit_code, 0);
}

}  // namespace
}  // namespace gameday::testing

// `gameday play` as people use it: commands piped in while the game runs, the game re-run from
// its own record, and the console in a real terminal (tmux), typed into and read back.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <regex>
#include <sstream>
#include <thread>

#include "gameday_test.hpp"

namespace gameday::testing {
namespace {

// A small shop whose database slows down at 2m and stays slow until it is failed over; an
// availability SLO with a fast burn-rate page, and a runbook for the automatic on-call.
constexpr std::string_view scenario = R"(
scenario: slow-db
seed: 3
duration: 12m
start_at: "09:48"
sample_interval: 10s
services:
  - name: web
    replicas: 2
    workers: 32
    service_time: 2ms
    calls: [ { to: db, timeout: 200ms, retries: { max: 1, backoff: 10ms } } ]
  - name: db
    replicas: 2
    workers: 8
    queue: 50
    service_time: 5ms
traffic:
  - { name: users, to: web, rate: 100/s }
slos:
  - { name: web-availability, service: web, objective: 99% }
alerts:
  - name: WebErrorBudgetBurn
    burn_rate: { slo: web-availability, preset: page_fast }
faults:
  - name: db-slow
    kind: latency
    target: db
    at: 2m
    until: { action: failover db }
    add: 400ms
responders:
  ack_after: 1m
runbooks:
  - name: web-errors
    alerts: [WebErrorBudgetBurn]
    steps:
      - deps web
      - { do: failover db, if: { service: db, p99_above: 100ms } }
)";

std::string without_wall_time(const std::string& record) {
  return std::regex_replace(record, std::regex(R"(,"wall_time":"[^"]*")"), "");
}

class Play : public GamedayTest {
 protected:
  ProcessResult shell(const std::string& command) {
    return run_process("/bin/sh", {"-c", command}, dir_);
  }
};

TEST_F(Play, APipedGameReRunFromItsRecordGivesTheSameRecord) {
  write("s.yaml", std::string(scenario));
  const ProcessResult played = shell(
      "(sleep 0.3; echo 'status'; echo 'restrat db'; sleep 0.2; echo 'ack all'; "
      "echo 'declare sev2'; echo 'failover db'; echo 'note db failed over') | " +
      std::string(GAMEDAY_EXE) + " play s.yaml --speed 1000 --name alice --out game");
  ASSERT_EQ(played.exit_code, 0) << played.err;
  EXPECT_NE(played.out.find("did you mean 'restart'"), std::string::npos) << played.out;
  EXPECT_NE(played.out.find("scorecard"), std::string::npos);
  // Both clocks: the scenario's time of day (start_at 09:48) and the run's.
  EXPECT_TRUE(std::regex_search(played.out, std::regex(R"(\n\[09:5\d:\d\d \+\d+m\d*s?\] PAGE: )")))
      << played.out;
  EXPECT_TRUE(
      std::regex_search(played.out, std::regex(R"(\nat 09:\d\d:\d\d \(\d+m\d*s?\); incident)")))
      << "status says the time of day";
  const std::string game = read_file(dir_ / "game" / "events.jsonl");
  EXPECT_NE(game.find(R"("responder":"alice")"), std::string::npos);
  EXPECT_NE(game.find(R"("wall_time":")"), std::string::npos);
  EXPECT_NE(game.find(R"("kind":"action_effect")"), std::string::npos);

  const ProcessResult rerun =
      gameday({"run", "s.yaml", "--responders", "game/events.jsonl", "--out", "rerun", "-q"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(without_wall_time(game), read_file(dir_ / "rerun" / "events.jsonl"));

  // The same game with one decision taken out: the fault is never mitigated.
  const ProcessResult none = gameday({"run", "s.yaml", "--out", "none", "-q"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(read_file(dir_ / "none" / "events.jsonl").find(R"("kind":"fault_end")"),
            std::string::npos);
}

// What responders type and their names reach the console's answers and the scorecard, but no
// escape sequence of theirs reaches the terminal; the record keeps the text as typed.
TEST_F(Play, TheConsolePrintsNoControlSequencesFromResponders) {
  write("s.yaml", std::string(scenario));
  // A name with a control sequence is refused, and the refusal does not send it to the terminal.
  const ProcessResult named =
      shell(std::string(GAMEDAY_EXE) + " play s.yaml --name \"$(printf 'eve\\033[31m')\" --out n");
  EXPECT_EQ(named.exit_code, 2);
  EXPECT_NE(named.err.find("--name 'eve': a name is one word, without ':' or control"),
            std::string::npos)
      << named.err;
  EXPECT_EQ(named.err.find('\x1b'), std::string::npos) << named.err;
  const ProcessResult r = shell(
      "(sleep 0.2; printf 'role incident_commander \\033[5mmallory\\n"
      "ack \\033]0;pwned\\007all\\nrestrat \\033[2Jdb\\n') | " +
      std::string(GAMEDAY_EXE) + " play s.yaml --speed 1000 --name eve --out g");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x07'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("you are eve, on call."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("mallory is incident_commander"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("mallory"), r.out.rfind("mallory")) << "and in the scorecard: " << r.out;
  EXPECT_NE(read_file(dir_ / "g" / "events.jsonl").find(R"(\u001b[5mmallory)"), std::string::npos);
}

TEST_F(Play, AutoRespondersMitigateWhatNobodyElseDoes) {
  write("s.yaml", std::string(scenario));
  const ProcessResult aut = gameday({"run", "s.yaml", "--responders", "auto", "--out", "a", "-q"});
  ASSERT_EQ(aut.exit_code, 0) << aut.err;
  const std::string record = read_file(dir_ / "a" / "events.jsonl");
  EXPECT_NE(record.find(R"("responders":"auto")"), std::string::npos);
  EXPECT_NE(record.find(R"("text":"failover db")"), std::string::npos);
  EXPECT_NE(record.find(R"("kind":"fault_end")"), std::string::npos);
  EXPECT_NE(aut.out.find("; time to mitigate 3m30s;"), std::string::npos) << aut.out;

  const ProcessResult none = gameday({"run", "s.yaml", "--responders", "none", "--out", "n", "-q"});
  ASSERT_EQ(none.exit_code, 0);
  EXPECT_NE(none.out.find("time to mitigate not reached"), std::string::npos) << none.out;
  EXPECT_EQ(read_file(dir_ / "n" / "events.jsonl").find(R"("kind":"fault_end")"),
            std::string::npos);
}

TEST_F(Play, AScriptWithAnUnknownCommandIsRejectedWithItsLocation) {
  write("s.yaml", std::string(scenario));
  write("script.txt", "# a dry run\n1m alice: status\n3m bob: failovr db\n");
  const ProcessResult r = gameday({"run", "s.yaml", "--responders", "script.txt", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("script.txt:3:9: error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'failover'"), std::string::npos) << r.err;
}

TEST_F(Play, TheFacilitatorEndsTheGameAndTheRecordSaysSo) {
  write("s.yaml", std::string(scenario));
  const ProcessResult r =
      shell("(sleep 0.2; echo '!inject db-slow'; echo '!reveal'; echo '!end') | " +
            std::string(GAMEDAY_EXE) + " play s.yaml --speed 100 --out g");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("GROUND TRUTH"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("db-slow (latency)"), std::string::npos);
  const std::string record = read_file(dir_ / "g" / "events.jsonl");
  EXPECT_NE(record.find(R"("reason":"ended")"), std::string::npos);
  EXPECT_NE(record.find(R"("kind":"fault_start")"), std::string::npos);
}

TEST_F(Play, ATerminatedOrHungUpGameLeavesAClosedReadableRecord) {
  write("s.yaml", std::string(scenario));
  for (const int sig : {SIGTERM, SIGHUP}) {
    // Input from a FIFO held open by the test: the game waits for commands, paced at x1.
    const std::filesystem::path fifo = dir_ / "in";
    std::filesystem::remove(fifo);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const int hold = ::open(fifo.c_str(), O_RDWR);
    ASSERT_GE(hold, 0);
    Process game("/bin/sh",
                 {"-c", "exec " + std::string(GAMEDAY_EXE) + " play s.yaml --out g --force < in"},
                 dir_);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    game.signal(sig);
    const ProcessResult r = game.wait(std::chrono::seconds(30));
    ::close(hold);
    EXPECT_EQ(r.exit_code, 130) << r.err;
    EXPECT_NE(r.err.find("interrupted; the record is closed"), std::string::npos) << r.err;
    const std::string record = read_file(dir_ / "g" / "events.jsonl");
    EXPECT_NE(record.find(R"("reason":"interrupted")"), std::string::npos);
  }
}

// A Latin-1 console: the name and the typed note have a byte that is not UTF-8. The console
// greets and the record keeps the same text, with U+FFFD for it, and the record stays usable.
TEST_F(Play, ALatin1NameAndNoteAreRecordedAsTheConsoleShowsThem) {
  write("s.yaml", std::string(scenario));
  const ProcessResult r =
      shell("(sleep 0.2; printf 'note caf\\351\\n') | " + std::string(GAMEDAY_EXE) +
            " play s.yaml --speed 1000 --name $(printf 'z\\351') --out g");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_NE(r.out.find("you are z" + fffd + ", on call."), std::string::npos) << r.out;
  const std::string record = read_file(dir_ / "g" / "events.jsonl");
  EXPECT_NE(record.find(R"("responder":"z)" + fffd + R"(")"), std::string::npos);
  EXPECT_NE(record.find(R"("text":"note caf)" + fffd + R"(")"), std::string::npos);
  EXPECT_EQ(gameday({"score", "g"}).exit_code, 0);
}

// A record that cannot be read back at the end (here, spoilt while the game runs) is a failure
// with the reader's message, not a game that ended well.
TEST_F(Play, AnUnreadableRecordAtTheEndIsNotASuccess) {
  write("s.yaml", std::string(scenario));
  const ProcessResult r = shell(
      "(while [ ! -s g/events.jsonl ]; do sleep 0.05; done; "
      "printf X | dd of=g/events.jsonl bs=1 count=1 conv=notrunc 2>/dev/null) | " +
      std::string(GAMEDAY_EXE) + " play s.yaml --speed 100 --out g");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("g/events.jsonl:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a usable record"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("scorecard"), std::string::npos) << r.out;
}

// The console in a real terminal: tmux runs `gameday play`, the test types like a person and
// reads the screen back.
class Tmux {
 public:
  explicit Tmux(const std::filesystem::path& dir)
      : socket_("gameday-test-" + std::to_string(::getpid())), dir_(dir) {}
  ~Tmux() { tmux({"kill-server"}); }
  ProcessResult tmux(std::vector<std::string> args) {
    args.insert(args.begin(), {"-L", socket_});
    return run_process("/usr/bin/tmux", args, dir_);
  }
  std::string screen() { return tmux({"capture-pane", "-p", "-t", "game"}).out; }
  // Waits until the screen shows `text`.
  bool wait_for(const std::string& text, std::chrono::seconds limit = std::chrono::seconds(20)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  void type(const std::string& keys) { tmux({"send-keys", "-t", "game", "-l", keys}); }
  void key(const std::string& name) { tmux({"send-keys", "-t", "game", name}); }

 private:
  std::string socket_;
  std::filesystem::path dir_;
};

TEST_F(Play, TheConsoleInATerminalTakesTyposHelpAndCompletion) {
  if (!std::filesystem::exists("/usr/bin/tmux")) GTEST_SKIP() << "tmux is not installed";
  write("s.yaml", std::string(scenario));
  Tmux t(dir_);
  // The pane outlives the game so its last words can be read.
  const ProcessResult started =
      t.tmux({"new-session", "-d", "-s", "game", "-x", "150", "-y", "50",
              std::string(GAMEDAY_EXE) +
                  " play s.yaml --speed 5 --name carol --out g --viewer off; sleep 60"});
  ASSERT_EQ(started.exit_code, 0) << started.err;
  ASSERT_TRUE(t.wait_for("Type 'help'")) << t.screen();
  ASSERT_TRUE(t.wait_for("x5] >")) << t.screen();  // capture-pane trims trailing spaces

  t.type("stauts");
  t.key("Enter");
  EXPECT_TRUE(t.wait_for("unknown command 'stauts' (did you mean 'status'?)")) << t.screen();

  t.type("help");
  t.key("Enter");
  EXPECT_TRUE(t.wait_for("Investigation (what the monitoring shows):")) << t.screen();
  EXPECT_TRUE(t.wait_for("!pause")) << t.screen();

  // Tab completes the command, then the service.
  t.type("fail");
  t.key("Tab");
  t.type("d");
  t.key("Tab");
  EXPECT_TRUE(t.wait_for("> failover db")) << t.screen();
  t.key("Enter");
  EXPECT_TRUE(t.wait_for("takes effect in 45s")) << t.screen();

  t.type("!end");
  t.key("Enter");
  EXPECT_TRUE(t.wait_for("the game is over (ended")) << t.screen();
  EXPECT_TRUE(t.wait_for("scorecard")) << t.screen();
  const std::string record = read_file(dir_ / "g" / "events.jsonl");
  EXPECT_NE(record.find(R"("text":"failover db","verb":"failover")"), std::string::npos);
  EXPECT_NE(record.find(R"("text":"stauts","verb":"stauts","error")"), std::string::npos);
  EXPECT_NE(record.find(R"("responder":"carol")"), std::string::npos);
}

}  // namespace
}  // namespace gameday::testing

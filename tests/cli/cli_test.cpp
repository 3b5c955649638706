// The gameday executable as users meet it: every case runs the real binary in a fresh
// temporary folder and checks exit codes (docs/cli.md), messages and the run record it leaves.
// Runs are kept to a few simulated minutes so the suite stays fast under the sanitizers too.
#include "gameday/cli/cli.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "gameday/eventlog/reader.hpp"
#include "gameday_test.hpp"

namespace gameday::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string exe = GAMEDAY_EXE;
const fs::path default_scenario = fs::path(GAMEDAY_SOURCE_DIR) / "scenarios" / "default.yaml";

// Two errors on known lines: a bad duration (line 2) and an out-of-range replica count (line 5).
constexpr const char* broken_yaml = R"(scenario: broken
duration: soon
services:
  - name: web
    replicas: 0
traffic:
  - name: users
    to: web
    rate: 10/s
)";

class CliTest : public GamedayTest {
 protected:
  // A short run of the built-in scenario into `out`.
  ProcessResult short_run(const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run", "--duration", "2m", "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    return gameday(args);
  }
};

TEST_F(CliTest, VersionPrintsTheProjectVersion) {
  const auto r = gameday({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("gameday ") + GAMEDAY_VERSION + "\n");
}

TEST_F(CliTest, HelpListsCommandsAndExitCodes) {
  const auto r = gameday({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("usage: gameday"), std::string::npos);
  EXPECT_NE(r.out.find("check SCENARIO"), std::string::npos);
  EXPECT_NE(r.out.find("130"), std::string::npos);
  EXPECT_EQ(gameday({"run", "--help"}).exit_code, 0);
  EXPECT_EQ(gameday({"check", "--help"}).exit_code, 0);
}

TEST_F(CliTest, UnknownCommandSuggestsTheNearestOne) {
  const auto r = gameday({"rnu"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("gameday: unknown command 'rnu' (did you mean 'run'?)"), std::string::npos)
      << r.err;
  EXPECT_EQ(gameday({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(gameday({}).exit_code, 2);
}

TEST_F(CliTest, UnknownOptionIsAUsageError) {
  const auto r = gameday({"run", "--bogus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("usage: gameday run"), std::string::npos) << r.err;
  EXPECT_EQ(gameday({"--bogus"}).exit_code, 2);
  EXPECT_EQ(gameday({"check"}).exit_code, 2);  // no scenario named
}

TEST_F(CliTest, CheckAcceptsTheDefaultScenario) {
  const auto r = gameday({"check", default_scenario.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(default_scenario.string() + ": ok ("), std::string::npos) << r.out;
}

TEST_F(CliTest, CheckReportsEveryErrorWithItsLocation) {
  write("broken.yaml", broken_yaml);
  const auto r = gameday({"check", "broken.yaml", default_scenario.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("broken.yaml:2:11: error: duration"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("broken.yaml:5:15: error: services[0].replicas"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("broken.yaml: ok"), std::string::npos);
  // The valid file is still checked and reported.
  EXPECT_NE(r.out.find(": ok ("), std::string::npos) << r.out;
}

TEST_F(CliTest, CheckOfAMissingFileNamesIt) {
  const auto r = gameday({"check", "no-such-scenario.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE((r.out + r.err).find("no-such-scenario.yaml"), std::string::npos) << r.out << r.err;
}

TEST_F(CliTest, RunOfTheDefaultScenarioWritesARecordAndASummary) {
  const auto r = short_run("out/run1");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "no progress line on a pipe or file";
  Diagnostics diags;
  const auto record = eventlog::read_record((dir_ / "out/run1").string(), diags);
  ASSERT_TRUE(record.has_value()) << diags.items().size();
  ASSERT_TRUE(record->end.has_value());
  EXPECT_EQ(record->end->reason, "completed");
  EXPECT_EQ(record->header.duration, minutes(2));
  ASSERT_FALSE(record->header.names.services.empty());
  for (const std::string& service : record->header.names.services)
    EXPECT_NE(r.out.find(service), std::string::npos) << service << " missing from\n" << r.out;
  EXPECT_NE(r.out.find("scenarios/default.yaml"), std::string::npos) << r.out;
  EXPECT_LT(std::count(r.out.begin(), r.out.end(), '\n'), 40) << "one screen:\n" << r.out;
}

// One scorecard: the line `run` ends with is the one `gameday score` prints for the record.
TEST_F(CliTest, RunEndsWithTheScorecardThatScorePrints) {
  const std::string scenario = std::string(GAMEDAY_SOURCE_DIR) + "/scenarios/cert-expiry.yaml";
  const auto r = gameday({"run", scenario, "--responders", "auto", "--out", "cert", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto scored = gameday({"score", "cert"});
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  const std::size_t at = r.out.find("scorecard: ");
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string line = r.out.substr(at + 11, r.out.find('\n', at) - at - 11);
  EXPECT_NE(line.find("1 incident"), std::string::npos) << line;
  EXPECT_NE(scored.out.find("\n" + line + "\n"), std::string::npos) << line << "\n" << scored.out;
}

TEST_F(CliTest, RunIsDeterministicAndTheSeedMatters) {
  ASSERT_EQ(short_run("a").exit_code, 0);
  ASSERT_EQ(short_run("b").exit_code, 0);
  ASSERT_EQ(short_run("c", {"--seed", "12345"}).exit_code, 0);
  const std::string a = read_file(dir_ / "a/events.jsonl");
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == read_file(dir_ / "b/events.jsonl")) << "same scenario and seed, other bytes";
  EXPECT_FALSE(a == read_file(dir_ / "c/events.jsonl")) << "another seed, the same bytes";
}

// tests/data/import: a scenario importing a Sloth spec and OpenSLO documents, and the same
// scenario with those SLOs and alerts written by hand, give the same record; only the header's
// scenario hash (of the files' bytes) differs.
TEST_F(CliTest, ImportedSlosGiveTheRecordOfTheScenarioThatSpellsThemOut) {
  const fs::path data = fs::path(GAMEDAY_SOURCE_DIR) / "tests" / "data" / "import";
  ASSERT_EQ(gameday({"run", (data / "imports.yaml").string(), "--out", "a", "--quiet"}).exit_code,
            0);
  ASSERT_EQ(
      gameday({"run", (data / "spelled_out.yaml").string(), "--out", "b", "--quiet"}).exit_code, 0);
  const auto without_hash = [](std::string record) {
    const std::size_t at = record.find("\"scenario_hash\":\"");
    EXPECT_NE(at, std::string::npos);
    return record.erase(at, record.find(',', at) - at);
  };
  const std::string a = without_hash(read_file(dir_ / "a/events.jsonl"));
  EXPECT_NE(a.find("\"kind\":\"alert_firing\""), std::string::npos) << "no imported alert fired";
  EXPECT_TRUE(a == without_hash(read_file(dir_ / "b/events.jsonl")));
}

TEST_F(CliTest, RunWithoutOutWritesUnderRuns) {
  const auto r = gameday({"run", "--duration", "1m", "--seed", "42", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int folders = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "runs")) {
    ++folders;
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name.ends_with("-seed42")) << name;
    EXPECT_TRUE(fs::exists(entry.path() / "events.jsonl"));
  }
  EXPECT_EQ(folders, 1);
}

// A 50-minute game's record is not lost to a second `run` or `play` with the same --out: that
// is refused (exit 2, nothing touched) unless --force asks for it. Default folders never
// collide: a second round of one scenario and seed gets a fresh name.
TEST_F(CliTest, ARecordIsNeverReplacedUnasked) {
  ASSERT_EQ(short_run("r").exit_code, 0);
  const std::string first = read_file(dir_ / "r" / "events.jsonl");
  const auto again = short_run("r", {"--seed", "9"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("gameday run: 'r' holds a record already (events.jsonl); give another "
                           "--out, or add --force to replace it"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(read_file(dir_ / "r" / "events.jsonl"), first);
  write("s.yaml",
        "scenario: s\nduration: 1m\nservices:\n  - name: web\n"
        "traffic:\n  - { to: web, rate: 1/s }\n");
  const auto play = gameday({"play", "s.yaml", "--out", "r", "--speed", "1000"});
  EXPECT_EQ(play.exit_code, 2) << play.err;
  EXPECT_NE(play.err.find("gameday play: 'r' holds a record already"), std::string::npos)
      << play.err;
  EXPECT_EQ(read_file(dir_ / "r" / "events.jsonl"), first);

  ASSERT_EQ(short_run("r", {"--seed", "9", "--force"}).exit_code, 0);
  EXPECT_NE(read_file(dir_ / "r" / "events.jsonl"), first);

  for (int round = 0; round < 3; ++round)
    ASSERT_EQ(gameday({"run", "s.yaml", "--seed", "4", "-q"}).exit_code, 0);
  for (const char* name : {"runs/s-seed4", "runs/s-seed4-2", "runs/s-seed4-3"})
    EXPECT_TRUE(fs::is_regular_file(dir_ / name / "events.jsonl")) << name;
}

// A picture drawn from an earlier record in the folder (before --force replaced it) is not
// this run's, so the postmortem does not embed it.
TEST_F(CliTest, ThePostmortemEmbedsOnlyAPictureOfThisRecord) {
  ASSERT_EQ(short_run("r").exit_code, 0);
  write("r/summary.png", "an earlier run's picture");
  const auto now = fs::file_time_type::clock::now();
  fs::last_write_time(dir_ / "r" / "summary.png", now - std::chrono::hours(1));
  fs::last_write_time(dir_ / "r" / "events.jsonl", now);
  const auto stale = gameday({"postmortem", "r"});
  ASSERT_EQ(stale.exit_code, 0) << stale.err;
  EXPECT_EQ(stale.out.find("](r/summary.png)"), std::string::npos) << stale.out;
  fs::last_write_time(dir_ / "r" / "summary.png", now + std::chrono::seconds(1));
  const auto fresh = gameday({"postmortem", "r"});
  EXPECT_NE(fresh.out.find("](r/summary.png)"), std::string::npos) << fresh.out;
}

// A record's commands past the end of a shorter re-run are never submitted, and the run says so.
TEST_F(CliTest, ARerunThatEndsBeforeTheRecordsLastCommandsSaysSo) {
  write("s.txt", "30s alice: status\n90s alice: status\n");
  ASSERT_EQ(short_run("a", {"--responders", "s.txt"}).exit_code, 0);
  const auto r = gameday({"run", "--duration", "1m", "--responders", "a", "--out", "b", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("a: warning: 1 of the record's 2 commands come at or after the end of the "
                       "run (1m) and are never submitted"),
            std::string::npos)
      << r.err;
}

// A message that quotes a hostile name writes its control characters out: the terminal of whoever
// checks the file is not cleared, and they see why the name did not match. (`check` prints its
// findings on stdout: they are the report it was asked for.)
TEST_F(CliTest, ADiagnosticQuotingAnEscapeSequenceWritesItOut) {
  write("s.yaml",
        "scenario: t\nservices:\n  - name: web\ntraffic:\n  - { to: \"w\\e[2Jeb\", "
        "rate: 1/s }\n");
  const auto r = gameday({"check", "s.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("s.yaml:5:11: error: traffic[0].to: unknown service 'w\\x1b[2Jeb'"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
}

TEST_F(CliTest, RunRejectsBadValues) {
  const auto r = gameday({"run", "--duration", "abc", "--out", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--duration 'abc'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "x"));
  EXPECT_EQ(gameday({"run", "--seed", "-3", "--out", "x"}).exit_code, 2);
  EXPECT_EQ(gameday({"run", "--seed", "7x", "--out", "x"}).exit_code, 2);
  EXPECT_EQ(gameday({"run", "a.yaml", "b.yaml"}).exit_code, 2);
}

TEST_F(CliTest, RunOfAnInvalidScenarioFailsWithDiagnostics) {
  write("broken.yaml", broken_yaml);
  const auto r = gameday({"run", "broken.yaml", "--out", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.yaml:2:11: error:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "x"));
}

TEST_F(CliTest, RunFolderThatCannotBeCreatedIsAnIoError) {
  write("plain-file", "not a folder\n");
  const auto r = short_run("plain-file/run");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("plain-file/run"), std::string::npos) << r.err;
}

// A file size limit of 8 KB makes writes past it fail (EFBIG, with SIGXFSZ ignored as the shell
// passes it on), as a full disk makes them fail with ENOSPC.
TEST_F(CliTest, RecordThatCannotBeWrittenIsAnIoError) {
  const auto r = run_process(
      "/bin/sh",
      {"-c", "trap '' XFSZ; ulimit -f 16; exec \"$0\" run --duration 2m --out full", exe}, dir_);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("cannot write record 'full/events.jsonl': a write failed"),
            std::string::npos)
      << r.err;
  const std::string text = read_file(dir_ / "full" / "events.jsonl");
  EXPECT_EQ(text.find("\"type\":\"end\""), std::string::npos) << "never claims to be complete";
}

// A link planted at RUN/events.jsonl is refused, not followed, even with --force: what it points
// to keeps its bytes. A FIFO there (which would block the run until someone read it) is refused
// at once.
TEST_F(CliTest, RecordIsNeverWrittenThroughALinkOrIntoAFifo) {
  write("victim.txt", "keep\n");
  fs::create_directories(dir_ / "r");
  fs::create_symlink("../victim.txt", dir_ / "r" / "events.jsonl");
  EXPECT_EQ(short_run("r").exit_code, 2) << "a record is there (a link counts)";
  const auto r = short_run("r", {"--force"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("gameday run: cannot write 'r/events.jsonl': it is a symbolic link"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(dir_ / "victim.txt"), "keep\n");
  EXPECT_TRUE(fs::is_symlink(dir_ / "r" / "events.jsonl"));

  fs::create_directories(dir_ / "f");
  ASSERT_EQ(::mkfifo((dir_ / "f" / "events.jsonl").c_str(), 0600), 0);
  const auto f = short_run("f", {"--force"});
  EXPECT_EQ(f.exit_code, 3);
  EXPECT_NE(f.err.find("'f/events.jsonl': not a regular file"), std::string::npos) << f.err;
}

// A Latin-1 byte in a responder script (or typed at a Latin-1 terminal) is recorded as U+FFFD
// with a warning at its place: the record stays readable by every command that reads one.
TEST_F(CliTest, AScriptByteThatIsNotUtf8IsRecordedAsAReplacementCharacter) {
  write("s.txt", "1m alice: note caf\xe9\n");
  const auto r = short_run("r", {"--responders", "s.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("s.txt:1:19: warning: not valid UTF-8"), std::string::npos) << r.err;
  const std::string record = read_file(dir_ / "r" / "events.jsonl");
  EXPECT_NE(record.find("\"text\":\"note caf\xEF\xBF\xBD\""), std::string::npos);
  const auto score = gameday({"score", "r"});
  EXPECT_EQ(score.exit_code, 0) << score.err;
  // Re-running the game from its record gives the same record.
  ASSERT_EQ(short_run("again", {"--responders", "r"}).exit_code, 0);
  EXPECT_EQ(read_file(dir_ / "again" / "events.jsonl"), record);
}

// The run stops at its end: commands at or after it are never submitted, and the script's
// author is told where they are.
TEST_F(CliTest, AScriptCommandAfterTheEndOfTheRunIsAWarningAtItsLine) {
  write("s.txt", "1m alice: status\n# later\n  2m bob: status\n3m bob: status\n");
  const auto r = short_run("r", {"--responders", "s.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("s.txt:3:3: warning: the run ends at 2m: a command at 2m is never "
                       "submitted"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("s.txt:4:1: warning: the run ends at 2m: a command at 3m"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("s.txt:1:"), std::string::npos) << r.err;
}

// A scenario that is not UTF-8 is refused by check and by run, at the byte.
TEST_F(CliTest, AScenarioThatIsNotUtf8IsAnErrorAtItsByte) {
  write("latin1.yaml",
        "scenario: latin1\ndescription: caf\xe9\nservices:\n  - name: web\ntraffic:\n"
        "  - { name: users, to: web, rate: 10/s }\n");
  for (const auto& args : {std::vector<std::string>{"check", "latin1.yaml"},
                           std::vector<std::string>{"run", "latin1.yaml", "--out", "x"}}) {
    const auto r = gameday(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << r.err;
    const std::string said = r.out + r.err;  // check reports on stdout, run on stderr
    EXPECT_NE(said.find("latin1.yaml:2:17: error: not valid UTF-8 (byte 0xE9)"), std::string::npos)
        << said;
  }
  EXPECT_FALSE(fs::exists(dir_ / "x"));
}

// Starts `args` (a long run into `out`), waits until its record exists (the handlers are
// installed before it is created), lets it run a little and sends `sig`; the run must stop
// within `limit` with exit code 130 and a record that ends "interrupted".
void expect_clean_interrupt(const fs::path& dir, int sig, const std::vector<std::string>& args,
                            const std::string& out, std::chrono::seconds limit = 60s) {
  Process p(exe, args, dir);
  const fs::path record = dir / out / "events.jsonl";
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!fs::exists(record) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(500ms);
  p.signal(sig);
  const auto r = p.wait(limit);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  EXPECT_NE(r.out.find("interrupted at"), std::string::npos) << r.out;

  const std::string text = read_file(record);
  ASSERT_FALSE(text.empty());
  ASSERT_EQ(text.back(), '\n');
  const std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_NE(last.find("\"type\":\"end\""), std::string::npos) << last;
  EXPECT_NE(last.find("\"reason\":\"interrupted\""), std::string::npos) << last;
  Diagnostics diags;
  const auto parsed = eventlog::read_record(record.string(), diags);
  ASSERT_TRUE(parsed.has_value());
  ASSERT_TRUE(parsed->end.has_value());
  EXPECT_EQ(parsed->end->reason, "interrupted");
}

void expect_clean_interrupt(const fs::path& dir, int sig) {
  expect_clean_interrupt(dir, sig, {"run", "--duration", "30d", "--out", "long"}, "long");
}

TEST_F(CliTest, CtrlCClosesTheRecordAndExits130) {
  expect_clean_interrupt(dir_, SIGINT);
}

TEST_F(CliTest, SigtermClosesTheRecordAndExits130) {
  expect_clean_interrupt(dir_, SIGTERM);
}

// Nine quiet minutes take no time at all, then a burst of millions of requests through three
// services costs tens of seconds: Ctrl-C during the burst must still stop the run at once,
// never after it (or, with the burst in the run's last stretch, as "completed").
TEST_F(CliTest, CtrlCDuringADenseBurstStopsTheRunPromptly) {
  std::string yaml = R"(scenario: late-burst
duration: 10m
services:
  - { name: web, replicas: 4, workers: 64, calls: [{ to: api }] }
  - { name: api, replicas: 4, workers: 64, calls: [{ to: db }] }
  - { name: db, replicas: 4, workers: 64 }
traffic:
  - { name: users, to: web, rate: 1/s }
faults:
)";
  for (int k = 0; k < 200; ++k)
    yaml += "  - { name: herd" + std::to_string(k) +
            ", kind: thundering_herd, target: { source: users }, at: " + std::to_string(400 + k) +
            "s, requests: 100000, spread: 1s }\n";
  write("late-burst.yaml", yaml);
  expect_clean_interrupt(dir_, SIGINT, {"run", "late-burst.yaml", "--out", "burst"}, "burst", 10s);
}

// A FIFO with no writer would block a plain open for ever: every reader refuses it at once.
TEST_F(CliTest, AFifoInsteadOfAFileIsRefusedNotWaitedOn) {
  ASSERT_EQ(::mkfifo((dir_ / "pipe").c_str(), 0600), 0);
  Process check(exe, {"check", "pipe"}, dir_);
  const auto c = check.wait(10s);
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.out.find("pipe: error: cannot read 'pipe': not a regular file (a FIFO)"),
            std::string::npos)
      << c.out;
  Process score(exe, {"score", "pipe"}, dir_);
  const auto s = score.wait(10s);
  EXPECT_EQ(s.exit_code, 3);
  EXPECT_NE(s.err.find("pipe: error: cannot read the record: not a regular file (a FIFO)"),
            std::string::npos)
      << s.err;
  Process run(exe, {"run", "--duration", "1m", "--out", "r", "--responders", "pipe"}, dir_);
  const auto r = run.wait(10s);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot read the commands: not a regular file (a FIFO)"), std::string::npos)
      << r.err;
  Process lint(exe, {"lint", "pipe"}, dir_);
  const auto l = lint.wait(10s);
  EXPECT_EQ(l.exit_code, 2);
  EXPECT_NE(l.err.find("cannot read 'pipe': not a regular file (a FIFO)"), std::string::npos)
      << l.err;
  ASSERT_EQ(gameday({"run", "--duration", "1m", "--out", "run1", "-q"}).exit_code, 0);
  Process notes(exe, {"postmortem", "run1", "--notes", "pipe", "--out", "pm.md"}, dir_);
  const auto n = notes.wait(10s);
  EXPECT_EQ(n.exit_code, 2);
  EXPECT_NE(n.err.find("cannot read the notes file 'pipe': not a regular file (a FIFO)"),
            std::string::npos)
      << n.err;
}

// The library entry point, in process: what main() calls.
TEST(RunCli, AnswersWithoutAProcess) {
  std::ostringstream out, err;
  const char* const argv[] = {"gameday", "--version"};
  EXPECT_EQ(cli::run_cli(2, argv, out, err), 0);
  EXPECT_EQ(out.str(), std::string("gameday ") + GAMEDAY_VERSION + "\n");
  const char* const check[] = {"gameday", "check", "/nonexistent/x.yaml"};
  EXPECT_EQ(cli::run_cli(3, check, out, err), 2);
}

}  // namespace
}  // namespace gameday::testing

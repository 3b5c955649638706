// Responders that are programs (`--responders exec:COMMAND`) through the built executable: the
// example program mitigates a library scenario, alone and in a sweep; the same program gives the
// same record, which re-runs byte for byte; a program that hangs, exits or writes nonsense is
// stopped with the stop recorded, and the run still ends with its record closed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "gameday_test.hpp"

namespace gameday::testing {
namespace {

const std::string source = GAMEDAY_SOURCE_DIR;
const std::string example = "exec:python3 " + source + "/examples/responder.py";
const std::string scenario = source + "/scenarios/orders-db-slow.yaml";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string body(const std::string& record) {
  return record.substr(record.find('\n') + 1);
}

class ProgramTest : public GamedayTest {
 protected:
  // A misbehaving program is stopped with a note in the record saying why; the run goes on to
  // its end, exits 0, and says on stderr that the program was stopped.
  void expect_stopped(const std::string& program, const std::string& why,
                      const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"run",   "s.yaml", "--responders", "exec:" + program,
                                     "--out", "run",    "--force",      "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = gameday(args);
    EXPECT_EQ(r.exit_code, 0) << program << "\n" << r.err;
    EXPECT_NE(r.err.find("the program was stopped: " + why), std::string::npos) << r.err;
    const std::string record = read(dir_ / "run/events.jsonl");
    EXPECT_NE(record.find("note the responder program stopped: " + why), std::string::npos)
        << program;
    EXPECT_NE(record.find(R"("type":"end")"), std::string::npos) << "the record is closed";
  }
};

TEST_F(ProgramTest, TheExampleProgramMitigatesALibraryScenarioTheSameWayEachTime) {
  const auto r = gameday({"run", scenario, "--responders", example, "--out", "one", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("time to mitigate 4m20s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("targets: 4 of 4 met"), std::string::npos) << r.out;
  const std::string record = read(dir_ / "one/events.jsonl");
  EXPECT_NE(record.find(R"("responder":"program","text":"failover orders-db")"), std::string::npos);
  const auto score = gameday({"score", "one"});
  EXPECT_NE(score.out.find("orders-db, by program: the service at fault"), std::string::npos)
      << score.out;
  EXPECT_NE(record.find(R"("header")"), std::string::npos);
  EXPECT_NE(record.find(R"("responders":"commands")"), std::string::npos);
  ASSERT_EQ(gameday({"run", scenario, "--responders", example, "--out", "two", "-q"}).exit_code, 0);
  EXPECT_EQ(read(dir_ / "two/events.jsonl"), record);
  // The record re-runs without the program, byte for byte.
  ASSERT_EQ(gameday({"run", scenario, "--responders", "one", "--out", "three", "-q"}).exit_code, 0);
  EXPECT_EQ(body(read(dir_ / "three/events.jsonl")), body(record));
}

TEST_F(ProgramTest, ASweepWithTheExampleProgramReportsItsMitigationRate) {
  write("plan.yaml",
        "scenario: " + scenario + "\nseed: 5\nreplicates: 3\nresponders: " + example + "\n");
  const auto r = gameday({"sweep", "plan.yaml", "--out", "sw", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(gameday({"sweep", "report", "sw", "--out", "report"}).exit_code, 0);
  const auto report = nlohmann::json::parse(read(dir_ / "report/report.json"));
  const auto& mitigated = report["cells"][0]["rates"]["mitigated"];
  EXPECT_EQ(mitigated["n"], 3);
  EXPECT_EQ(mitigated["yes"], 3) << mitigated;
  const auto& localised = report["cells"][0]["rates"]["localised"];
  EXPECT_EQ(localised["yes"], 3) << localised;
}

TEST_F(ProgramTest, AProgramThatHangsExitsOrWritesNonsenseIsStoppedAndTheRunEnds) {
  write("s.yaml",
        "scenario: s\nduration: 2m\nservices:\n  - { name: web }\n"
        "traffic:\n  - { to: web, rate: 10/s }\n");
  write("hangs.sh", "#!/bin/sh\nexec sleep 600\n");
  write("exits.sh", "#!/bin/sh\nread line\necho status\nexit 3\n");
  write("binary.sh", "#!/bin/sh\nread line\nprintf 'st\\377tus\\n'\nsleep 600\n");
  write("long.sh", "#!/bin/sh\nread line\nhead -c 5000 /dev/zero | tr '\\0' x\nsleep 600\n");
  write("json.sh", "#!/bin/sh\nread line\necho '{\"type\": \"hello\"}'\nsleep 600\n");
  for (const char* s : {"hangs.sh", "exits.sh", "binary.sh", "long.sh", "json.sh"})
    std::filesystem::permissions(dir_ / s, std::filesystem::perms::owner_all);
  expect_stopped("./hangs.sh", "it took more than 1s of wall time to answer",
                 {"--responder-timeout", "1s"});
  expect_stopped("./exits.sh", "it exited, or closed its input or output");
  expect_stopped("./binary.sh", "it wrote a line that is not UTF-8 text");
  expect_stopped("./long.sh", "it wrote a line longer than 1000 characters");
  expect_stopped("./json.sh", "it wrote a message that is not a command");
  const auto missing =
      gameday({"run", "s.yaml", "--responders", "exec:./no-such-program", "--out", "x"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot run './no-such-program'"), std::string::npos) << missing.err;
}

// `deps` shows the share of the calls that ended in the last interval that failed, never more
// than 100 % (failures end after they start: dividing by the calls started passed 100.5 % here).
// A program asks at every turn through the incident and keeps the largest share it saw.
TEST_F(ProgramTest, DepsNeverShowsMoreThanAllCallsFailing) {
  write("deps.py",
        "import json, re, sys\n"
        "worst = 0.0\n"
        "for line in sys.stdin:\n"
        "    m = json.loads(line)\n"
        "    if m['type'] == 'answer':\n"
        "        for p in re.findall(r'([0-9.]+)%', m['text']):\n"
        "            worst = max(worst, float(p))\n"
        "        open('worst.txt', 'w').write(str(worst))\n"
        "    print('deps checkout' if m['type'] == 'clock' else '', flush=True)\n");
  const auto r = gameday({"run", scenario, "--responders", "exec:python3 deps.py", "--duration",
                          "25m", "--out", "deps", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const double worst = std::stod(read(dir_ / "worst.txt"));
  EXPECT_GT(worst, 90.0) << "the incident's failing calls were seen";
  EXPECT_LE(worst, 100.0);
}

}  // namespace
}  // namespace gameday::testing

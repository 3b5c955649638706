// Authoring from the command line: `gameday new` scaffolds and copies scenarios that pass
// `gameday check` and run, never overwriting a file; `gameday check` prints warnings about
// likely authoring mistakes without failing. Each case runs the real binary in a temp folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gameday_test.hpp"

namespace gameday::testing {
namespace {

namespace fs = std::filesystem;

const fs::path source_dir = GAMEDAY_SOURCE_DIR;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

using NewCommandTest = GamedayTest;

TEST_F(NewCommandTest, ScaffoldChecksCleanlyAndRuns) {
  const auto r = gameday({"new", "my-game"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote my-game.yaml: scenario 'my-game' (4 services, 1 fault)"),
            std::string::npos)
      << r.out;
  const std::string text = read_file(dir_ / "my-game.yaml");
  EXPECT_NE(text.find("\nscenario: my-game\n"), std::string::npos);
  EXPECT_NE(text.find("gameday check my-game.yaml"), std::string::npos);
  for (const char* section : {"services:", "traffic:", "slos:", "alerts:", "faults:", "responders:",
                              "runbooks:", "until: { action: failover db }"})
    EXPECT_NE(text.find(section), std::string::npos) << section;

  const auto check = gameday({"check", "my-game.yaml"});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_EQ(check.out, "my-game.yaml: ok (4 services, 1 traffic source)\n");
  const auto run = gameday({"run", "my-game.yaml", "--duration", "2m", "--out", "run", "-q"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(dir_ / "run" / "events.jsonl"));
}

TEST_F(NewCommandTest, ModelinePointsAtTheSchemaRelativeToTheFile) {
  // A folder laid out like a checkout: the schema is found above the new file.
  fs::create_directories(dir_ / "scenarios" / "schema");
  fs::copy_file(source_dir / "scenarios/schema/scenario.schema.json",
                dir_ / "scenarios/schema/scenario.schema.json");
  ASSERT_EQ(gameday({"new", "a", "--out", "games/a.yaml"}).exit_code, 0);
  EXPECT_EQ(first_line(read_file(dir_ / "games/a.yaml")),
            "# yaml-language-server: $schema=../scenarios/schema/scenario.schema.json");
  ASSERT_EQ(gameday({"new", "b", "--out", "scenarios/b.yaml"}).exit_code, 0);
  EXPECT_EQ(first_line(read_file(dir_ / "scenarios/b.yaml")),
            "# yaml-language-server: $schema=schema/scenario.schema.json");
}

TEST_F(NewCommandTest, WithoutASchemaNearbyItSaysHowToAddTheModeline) {
  ASSERT_EQ(gameday({"new", "lonely"}).exit_code, 0);
  const std::string text = read_file(dir_ / "lonely.yaml");
  EXPECT_EQ(text.rfind("# For completion and checks in your editor", 0), 0U) << text;
  EXPECT_NE(text.find("scenarios/schema/scenario.schema.json"), std::string::npos);
}

TEST_F(NewCommandTest, RefusesToOverwrite) {
  write("taken.yaml", "do not touch\n");
  const auto r = gameday({"new", "taken"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("gameday new: 'taken.yaml' already exists; not overwriting it"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(dir_ / "taken.yaml"), "do not touch\n");
  EXPECT_EQ(gameday({"new", "other", "--out", "taken.yaml"}).exit_code, 2);
  EXPECT_EQ(read_file(dir_ / "taken.yaml"), "do not touch\n");
  // A link is something there too, dangling or not: nothing is created through it.
  fs::create_symlink("taken.yaml", dir_ / "link.yaml");
  fs::create_symlink("nowhere.yaml", dir_ / "dangling.yaml");
  for (const char* out : {"link.yaml", "dangling.yaml"}) {
    const auto l = gameday({"new", "other", "--out", out});
    EXPECT_EQ(l.exit_code, 2) << l.err;
    EXPECT_NE(l.err.find("already exists"), std::string::npos) << l.err;
  }
  EXPECT_EQ(read_file(dir_ / "taken.yaml"), "do not touch\n");
  EXPECT_FALSE(fs::exists(dir_ / "nowhere.yaml"));
}

TEST_F(NewCommandTest, FromCopiesAScenarioUnderTheNewName) {
  const fs::path original = source_dir / "scenarios/orders-db-slow.yaml";
  const auto r = gameday({"new", "db-drill", "--from", original.string(), "--out", "drill.yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string copy = read_file(dir_ / "drill.yaml");
  const std::string before = read_file(original);
  EXPECT_NE(copy.find("\nscenario: db-drill\n"), std::string::npos);
  EXPECT_EQ(copy.find("scenario: orders-db-slow"), std::string::npos);
  // Everything else, comments included, is the original's.
  const std::string rest = before.substr(before.find("\ndescription:"));
  EXPECT_NE(copy.find(rest), std::string::npos);
  EXPECT_EQ(gameday({"check", "drill.yaml"}).exit_code, 0);

  // A copy of a copy drops the old modeline for one that fits the new place.
  ASSERT_EQ(gameday({"new", "again", "--from", "drill.yaml", "--out", "sub/again.yaml"}).exit_code,
            0);
  const std::string again = read_file(dir_ / "sub/again.yaml");
  EXPECT_NE(again.find("\nscenario: again\n"), std::string::npos);
  EXPECT_EQ(gameday({"check", "sub/again.yaml"}).exit_code, 0);
}

TEST_F(NewCommandTest, RejectsBadNamesAndBrokenSources) {
  const auto bad = gameday({"new", "my game"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("'my game' is not a scenario name"), std::string::npos) << bad.err;
  EXPECT_EQ(gameday({"new"}).exit_code, 2);
  write("broken.yaml", "scenario: x\nservices: []\n");
  const auto broken = gameday({"new", "fixed", "--from", "broken.yaml"});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("broken.yaml:"), std::string::npos) << broken.err;
  EXPECT_FALSE(fs::exists(dir_ / "fixed.yaml"));
  EXPECT_EQ(gameday({"new", "x", "--from", "missing.yaml"}).exit_code, 2);
  EXPECT_EQ(gameday({"new", "--help"}).exit_code, 0);
}

TEST_F(NewCommandTest, CheckPrintsWarningsAndStillSucceeds) {
  const fs::path fixture = source_dir / "tests/data/warnings/slos_and_runbooks.yaml";
  const auto r = gameday({"check", fixture.string()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find(fixture.string() + ":21:13: warning: slos[1].name: no alert watches SLO "
                                          "'web-latency'"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(fixture.string() + ": ok (2 services, 1 traffic source, 3 warnings)\n"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace gameday::testing

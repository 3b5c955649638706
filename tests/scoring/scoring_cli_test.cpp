// `gameday score`, `lint`, `compare` and `postmortem` through the real executable: exit codes
// (docs/cli.md), messages, and the golden scorecards and postmortem of small real scenarios
// (tests/data/scoring/: one nobody responds to, one with scripted responders), compared byte
// for byte. UPDATE_GOLDEN=1 rewrites the golden files; review the diff.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "../cli/gameday_test.hpp"

namespace gameday::testing {
namespace {

namespace fs = std::filesystem;

const fs::path data = fs::path(GAMEDAY_SOURCE_DIR) / "tests" / "data" / "scoring";

class ScoringCli : public GamedayTest {
 protected:
  // The small scenario, run into `out` (once per test that needs it; it takes well under 1 s).
  void small_run(const std::string& out) {
    const auto r = gameday({"run", (data / "small-outage.yaml").string(), "--out", out, "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // The scenario with scripted responders, and its notes file copied in as notes.yaml.
  void response_run(const std::string& out) {
    const auto r = gameday({"run", (data / "small-response.yaml").string(), "--responders",
                            (data / "small-response.script").string(), "--out", out, "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::copy_file(data / "small-response.notes.yaml", dir_ / "notes.yaml",
                  fs::copy_options::overwrite_existing);
  }
};

void expect_golden(const std::string& actual, const fs::path& golden) {
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, read_file(golden))
      << "the scorecard differs from " << golden << "; if intended, rerun with UPDATE_GOLDEN=1";
}

TEST_F(ScoringCli, GoldenScorecardTextJsonAndMarkdown) {
  small_run("run");
  const auto text = gameday({"score", "run"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  expect_golden(text.out, data / "small-outage.scorecard.txt");
  const auto json = gameday({"score", "run", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  expect_golden(json.out, data / "small-outage.scorecard.json");
  const auto md = gameday({"score", "run/events.jsonl", "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  expect_golden(md.out, data / "small-outage.scorecard.md");
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos);  // no colour into a file
}

TEST_F(ScoringCli, GoldenScorecardWithScriptedResponders) {
  response_run("run");
  const auto text = gameday({"score", "run"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  expect_golden(text.out, data / "small-response.scorecard.txt");
  // --out writes the file, its format from the extension.
  const auto json = gameday({"score", "run", "--out", "scorecard.json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, "");
  expect_golden(read_file(dir_ / "scorecard.json"), data / "small-response.scorecard.json");
  const auto md = gameday({"score", "run", "--format", "markdown"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  expect_golden(md.out, data / "small-response.scorecard.md");
}

TEST_F(ScoringCli, GoldenPostmortemPassesTheBlamelessCheck) {
  response_run("run");
  const auto pm = gameday({"postmortem", "run", "--notes", "notes.yaml", "--out", "pm.md"});
  ASSERT_EQ(pm.exit_code, 0) << pm.err;
  EXPECT_EQ(pm.err, "gameday postmortem: wrote pm.md\n");
  expect_golden(read_file(dir_ / "pm.md"), data / "small-response.postmortem.md");
  const auto lint = gameday({"lint", "pm.md"});
  EXPECT_EQ(lint.exit_code, 0) << lint.out;
  // Without notes, to standard output; a picture in the run folder is linked.
  write("run/summary.png", "not really a PNG");
  const auto bare = gameday({"postmortem", "run"});
  ASSERT_EQ(bare.exit_code, 0) << bare.err;
  EXPECT_NE(
      bare.out.find("![The run's incident summary, drawn by gameday render](run/summary.png)"),
      std::string::npos);
  EXPECT_NE(bare.out.find("| Status | **Draft** |"), std::string::npos);
  write("bare.md", bare.out);
  const auto bare_lint = gameday({"lint", "bare.md"});
  EXPECT_EQ(bare_lint.exit_code, 0) << bare_lint.out;
}

// --out never writes through a link planted at its name (exit 3, what it points to kept), and
// replaces an ordinary file whole, leaving no temporary beside it.
TEST_F(ScoringCli, OutIsNeverWrittenThroughALink) {
  small_run("run");
  write("victim.txt", "keep\n");
  fs::create_symlink("victim.txt", dir_ / "card.md");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"score", "run", "--out", "card.md"},
        std::vector<std::string>{"postmortem", "run", "--out", "card.md"}}) {
    const auto r = gameday(args);
    EXPECT_EQ(r.exit_code, 3) << args[0];
    EXPECT_NE(r.err.find("gameday " + args[0] + ": cannot write 'card.md': it is a symbolic link"),
              std::string::npos)
        << r.err;
  }
  EXPECT_EQ(read_file(dir_ / "victim.txt"), "keep\n");
  write("old.md", "old\n");
  ASSERT_EQ(gameday({"score", "run", "--out", "old.md"}).exit_code, 0);
  EXPECT_NE(read_file(dir_ / "old.md").find("# Scorecard: small-outage"), std::string::npos);
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename().string().find(".partial-"), std::string::npos) << e.path();
}

TEST_F(ScoringCli, PostmortemRejectsBadNotesWithTheirPosition) {
  small_run("run");
  write("bad.yaml",
        "observations:\n  - at: 5m\n    txt: the alert fired\naction_items:\n"
        "  - action: Add a failover runbook step\n    type: prevent\n    owner: operations\n"
        "    priority: P9\n    done_when: reviewed in a game day\n");
  const auto r = gameday({"postmortem", "run", "--notes", "bad.yaml", "--out", "pm.md"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.yaml:3:5: error: observations[0]: unknown key 'txt' (did you mean "
                       "'text'?)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("bad.yaml:8:15: error: action_items[0].priority: unknown value 'P9'"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "pm.md"));
  // Notes that blame are still usable; the findings go to stderr and into the draft.
  write("blame.yaml", "lessons:\n  went_poorly:\n    - The on-call should have noticed.\n");
  const auto b = gameday({"postmortem", "run", "--notes", "blame.yaml"});
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.err.find("blame.yaml:3:19: counterfactual: \"should have\""), std::string::npos)
      << b.err;
  EXPECT_NE(b.out.find("## Before publishing"), std::string::npos);
  EXPECT_EQ(gameday({"postmortem"}).exit_code, 2);
  EXPECT_EQ(gameday({"postmortem", "run", "--notes", "missing.yaml"}).exit_code, 2);
  EXPECT_EQ(gameday({"postmortem", "nowhere"}).exit_code, 2);
  EXPECT_EQ(gameday({"postmortem", "run", "--out", "no/such/dir/pm.md"}).exit_code, 3);
  EXPECT_EQ(gameday({"score", "run", "--update-cadence", "soon"}).exit_code, 2);
}

TEST_F(ScoringCli, ScoreRejectsBadUsageAndBadRecords) {
  EXPECT_EQ(gameday({"score"}).exit_code, 2);
  EXPECT_EQ(gameday({"score", "x", "--format", "yaml"}).exit_code, 2);
  const auto missing = gameday({"score", "nowhere"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such run"), std::string::npos);
  write("bad.jsonl", "{\"type\":\"header\",\"seq\":0}\nnot json\n");
  const auto bad = gameday({"score", "bad.jsonl"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.jsonl:1"), std::string::npos) << bad.err;
  fs::create_directories(dir_ / "empty");
  EXPECT_EQ(gameday({"score", "empty"}).exit_code, 2);
  // A run folder whose events.jsonl cannot be read (it is a directory): an I/O error.
  fs::create_directories(dir_ / "io" / "events.jsonl");
  const auto io = gameday({"score", "io"});
  EXPECT_EQ(io.exit_code, 3) << io.err;
}

TEST_F(ScoringCli, ExportWritesSeriesAndRulesAndRejectsBadUsage) {
  small_run("r");
  const auto metrics = gameday({"export", "openmetrics", "r", "--start", "2026-12-07T10:00:00Z"});
  ASSERT_EQ(metrics.exit_code, 0) << metrics.err;
  // 2026-12-07T10:00:00Z is Unix time 1796637600.
  EXPECT_NE(metrics.out.find("gameday_run_elapsed_seconds 0 1796637600.000\n"), std::string::npos);
  EXPECT_TRUE(metrics.out.ends_with("# EOF\n"));
  // Without --start the run ends over 3 hours ago, for a backfill; the same --start, the same
  // bytes.
  EXPECT_EQ(gameday({"export", "openmetrics", "r", "--start", "1796637600"}).out, metrics.out);
  const auto rules = gameday({"export", "rules", "r", "--out", "rules.yml"});
  ASSERT_EQ(rules.exit_code, 0) << rules.err;
  EXPECT_NE(read_file(dir_ / "rules.yml").find("groups:\n"), std::string::npos);
  EXPECT_EQ(gameday({"export", "rules", (data / "small-outage.yaml").string()}).out,
            read_file(dir_ / "rules.yml"));

  EXPECT_EQ(gameday({"export"}).exit_code, 2);
  const auto unknown = gameday({"export", "csv", "r"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown export 'csv'"), std::string::npos) << unknown.err;
  const auto bad_start = gameday({"export", "openmetrics", "r", "--start", "yesterday"});
  EXPECT_EQ(bad_start.exit_code, 2);
  EXPECT_NE(bad_start.err.find("--start"), std::string::npos);
  EXPECT_EQ(gameday({"export", "openmetrics", "nowhere"}).exit_code, 2);
  EXPECT_EQ(gameday({"export", "rules", "nowhere.yaml"}).exit_code, 2);
}

// An outage no fault explains, begun right after a responder's action took effect, is that
// action's incident: the issue's own example, a flush that sends every page view to checkout.
TEST_F(ScoringCli, AnOutageAnActionCausedIsAnIncidentOfThatAction) {
  write("flush.txt", "5m me: flush frontend->checkout\n");
  const fs::path scenario = fs::path(GAMEDAY_SOURCE_DIR) / "scenarios" / "default.yaml";
  ASSERT_EQ(gameday({"run", scenario.string(), "--responders", "flush.txt", "--out", "f", "-q"})
                .exit_code,
            0);
  const auto text = gameday({"score", "f"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("1 incident:"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("incident 1: flush frontend->checkout"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("mitigating action        no mitigating action recorded"),
            std::string::npos)
      << "the cause is not its own mitigation\n"
      << text.out;
  const auto json = gameday({"score", "f", "--format", "json"});
  EXPECT_NE(json.out.find("\"kind\": \"action\""), std::string::npos) << json.out;
  const auto pm = gameday({"postmortem", "f"});
  EXPECT_NE(pm.out.find("No fault: the responders' action `flush frontend->checkout` took effect"),
            std::string::npos)
      << pm.out;
}

// A rolling restart takes effect instance by instance: the scorecard names one time for it, when
// it began to (the first instance, which ended the fault), and lists the span of its effects.
TEST_F(ScoringCli, ARollingActionHasOneMitigationTimeAndASpanOfEffects) {
  const fs::path scenario = fs::path(GAMEDAY_SOURCE_DIR) / "scenarios" / "cert-expiry.yaml";
  ASSERT_EQ(
      gameday({"run", scenario.string(), "--responders", "auto", "--out", "c", "-q"}).exit_code, 0);
  const auto text = gameday({"score", "c"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const std::regex span(
      R"(restart blob-storage \(incident_commander\), in effect (\S+) to (\S+):)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text.out, m, span)) << text.out;
  const std::string first = m[1];
  EXPECT_NE(first, std::string(m[2]));
  EXPECT_NE(text.out.find("mitigating action        " + first + "  restart blob-storage"),
            std::string::npos)
      << "the mitigation is the first effect, " << first << "\n"
      << text.out;
}

// A rolling deploy's errors split by version: smart-router's instances the bad release reached
// fail under version="v2", and its others hardly fail under "v1".
TEST_F(ScoringCli, ExportSplitsInstanceSeriesByVersion) {
  const fs::path scenario = fs::path(GAMEDAY_SOURCE_DIR) / "scenarios" / "bad-deploy.yaml";
  ASSERT_EQ(gameday({"run", scenario.string(), "--out", "d", "--quiet"}).exit_code, 0);
  const auto metrics = gameday({"export", "openmetrics", "d", "--start", "0"});
  ASSERT_EQ(metrics.exit_code, 0) << metrics.err;
  // The largest value of the series whose labels end with `labels_end`.
  const auto largest = [&](const std::string& labels_end) {
    double most = -1;
    std::istringstream lines(metrics.out);
    for (std::string line; std::getline(lines, line);) {
      const auto at = line.find(labels_end);
      if (!line.starts_with("gameday_instance_responses_total{service=\"smart-router\"") ||
          at == std::string::npos)
        continue;
      most = std::max(most, std::stod(line.substr(at + labels_end.size())));
    }
    return most;
  };
  EXPECT_GT(largest("version=\"v2\",result=\"error\"} "), 100) << "no errors under v2";
  EXPECT_GT(largest("version=\"v1\",result=\"ok\"} "), 1000);
  EXPECT_LT(largest("version=\"v1\",result=\"error\"} "),
            largest("version=\"v2\",result=\"error\"} ") / 10);
}

TEST_F(ScoringCli, LintReportsFindingsWithPositionsAndExitCodes) {
  write("pm.md",
        "# Postmortem\n\nThe on-call should have noticed.\n\n```\njust code\n```\n\n"
        "## Action items\n- Look into retries\n");
  write("clean.md", "# Postmortem\n\nThe alert went to a muted channel.\n");
  const auto r = gameday({"lint", "pm.md", "clean.md"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("pm.md:3:13: counterfactual: \"should have\" \xE2\x80\x94 "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("pm.md:10:3: vague-action: \"Look into\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("clean.md"), std::string::npos);
  EXPECT_NE(r.err.find("2 findings in 1 file"), std::string::npos);
  EXPECT_EQ(gameday({"lint", "clean.md"}).exit_code, 0);
  EXPECT_EQ(gameday({"lint", "missing.md"}).exit_code, 2);
  EXPECT_EQ(gameday({"lint"}).exit_code, 2);
}

// The counterfactual of an action is the difference of two explicit runs: the record whatif
// re-runs without action 2 is byte for byte the run of the script without that line, and the
// figures it prints are that run's.
TEST_F(ScoringCli, WhatifEqualsTwoExplicitRuns) {
  response_run("played");
  const auto list = gameday({"whatif", "played"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("  1  7m  bob (operations): failover db\n"), std::string::npos)
      << list.out;
  EXPECT_NE(list.out.find("  2  10m  dave (incident_commander): restart web-1\n"),
            std::string::npos);
  const auto whatif = gameday({"whatif", "played", "--without", "2", "--out", "without"});
  ASSERT_EQ(whatif.exit_code, 0) << whatif.err;
  EXPECT_NE(whatif.out.find("reproduces the record line for line"), std::string::npos)
      << whatif.out;

  std::string script = read_file(data / "small-response.script");
  const std::string restart = "10m dave: restart web-1\n";
  ASSERT_NE(script.find(restart), std::string::npos);
  script.erase(script.find(restart), restart.size());
  write("without.script", script);
  const auto r = gameday({"run", (data / "small-response.yaml").string(), "--responders",
                          "without.script", "--out", "explicit", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir_ / "without" / "events.jsonl"),
            read_file(dir_ / "explicit" / "events.jsonl"));
  // Its figures come from that record: 20,174 failed requests as played (the golden scorecard),
  // 19,338 without the restart.
  const std::size_t row = whatif.out.find("  failed requests");
  ASSERT_NE(row, std::string::npos) << whatif.out;
  const std::string line = whatif.out.substr(row, whatif.out.find('\n', row) - row);
  EXPECT_NE(line.find(" 20,174 "), std::string::npos) << line;
  EXPECT_NE(line.find(" 19,338 "), std::string::npos) << line;
  EXPECT_TRUE(line.ends_with(" cost 836")) << line;
  EXPECT_NE(whatif.out.find("The action made it worse: it cost 836 failed requests."),
            std::string::npos);

  // Adding a command: refused ones are said to be refused.
  const auto refused = gameday({"whatif", "played", "--at", "3m", "--do", "restart nowhere-1"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("was refused"), std::string::npos) << refused.err;
  const auto added = gameday({"whatif", "played", "--at", "6m", "--do", "failover db"});
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("with `failover db` (whatif) added at 6m"), std::string::npos);

  EXPECT_EQ(gameday({"whatif", "played", "--without", "3"}).exit_code, 2);
  EXPECT_EQ(gameday({"whatif", "played", "--at", "3m"}).exit_code, 2);
  EXPECT_EQ(gameday({"whatif", "played", "--at", "30m", "--do", "status"}).exit_code, 2);
  ASSERT_EQ(gameday({"run", (data / "small-outage.yaml").string(), "--responders", "auto", "--out",
                     "auto", "-q"})
                .exit_code,
            0);
  const auto automatic = gameday({"whatif", "auto", "--without", "1"});
  EXPECT_EQ(automatic.exit_code, 2);
  EXPECT_NE(automatic.err.find("automatic on-call"), std::string::npos);
}

TEST_F(ScoringCli, CompareShowsRunsSideBySide) {
  small_run("a");
  const auto r = gameday({"compare", "a", "a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("time to detect"), std::string::npos);
  EXPECT_NE(r.out.find("(\xC2\xB1"
                       "0)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(gameday({"compare", "a"}).exit_code, 2);
  EXPECT_EQ(gameday({"compare", "a", "nowhere"}).exit_code, 2);
}

TEST_F(ScoringCli, CommandsAreNoLongerPlanned) {
  const auto help = gameday({"--help"});
  EXPECT_NE(help.out.find("score RUN"), std::string::npos);
  EXPECT_EQ(gameday({"score", "--help"}).exit_code, 0);
  EXPECT_EQ(gameday({"lint", "--help"}).exit_code, 0);
  EXPECT_EQ(gameday({"compare", "--help"}).exit_code, 0);
  EXPECT_EQ(gameday({"postmortem", "--help"}).exit_code, 0);
  EXPECT_NE(help.out.find("postmortem RUN"), std::string::npos);
}

}  // namespace
}  // namespace gameday::testing

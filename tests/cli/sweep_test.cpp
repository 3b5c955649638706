// `gameday sweep` and `--set` through the built executable: the report's bytes whatever the
// split (threads, shards), a replicate re-run alone by `gameday run`, intervals that cover a
// known answer at their stated rate, plan and --set errors at their location with nothing run,
// and a killed sweep resumed to the same rows.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "gameday/core/random.hpp"
#include "gameday_test.hpp"

namespace gameday::testing {
namespace {

using nlohmann::json;

// Two services, a crash the alert sees, and the automatic on-call: every figure has values.
constexpr const char* scenario = R"(scenario: slow-db
seed: 3
duration: 6m
services:
  - name: web
    replicas: 2
    workers: 32
    service_time: 2ms
    calls: [ { to: db, timeout: 200ms, retries: { max: 1 } } ]
  - { name: db, replicas: 2, workers: 8, queue: 50, service_time: 5ms }
traffic:
  - { name: users, to: web, rate: 50/s }
slos:
  - { name: web-availability, service: web, objective: 99%, window: 1d }
alerts:
  - { name: WebErrors, severity: page, service: web, metric: error_ratio, window: 30s, above: 5% }
faults:
  - name: db-down
    kind: crash
    target: db
    at: 1m
)";

constexpr const char* plan = R"(scenario: s.yaml
seed: 7
replicates: 3
responders: auto
grid:
  faults[db-down].at: [1m, 2m]
  services[web].calls[db].retries.max: [0, 2]
)";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<json> rows_of(const std::filesystem::path& p) {
  std::vector<json> rows;
  std::istringstream in(read(p));
  for (std::string line; std::getline(in, line);) rows.push_back(json::parse(line));
  return rows;
}

class SweepTest : public GamedayTest {
 protected:
  void SetUp() override {
    GamedayTest::SetUp();
    write("s.yaml", scenario);
    write("plan.yaml", plan);
  }
};

TEST_F(SweepTest, TheReportIsTheSameHoweverTheWorkIsSplit) {
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "one", "-j", "1"}).exit_code, 0);
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "two", "-j", "2"}).exit_code, 0);
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "a", "--shard", "0/2"}).exit_code, 0);
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "b", "--shard", "1/2", "-j", "2"}).exit_code,
            0);
  EXPECT_EQ(read(dir_ / "one/rows.jsonl"), read(dir_ / "two/rows.jsonl"));
  EXPECT_EQ(rows_of(dir_ / "one/rows.jsonl").size(), 12u);  // 4 cells x 3 replicates
  EXPECT_EQ(rows_of(dir_ / "a/rows.jsonl").size(), 6u);
  ASSERT_EQ(gameday({"sweep", "report", "one", "--out", "r1"}).exit_code, 0);
  ASSERT_EQ(gameday({"sweep", "report", "two", "--out", "r2"}).exit_code, 0);
  const auto merged = gameday({"sweep", "report", "b", "a", "--out", "r3"});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  for (const char* file : {"report.json", "report.md", "figures/rates.svg",
                           "figures/time_to_detect_s.svg", "figures/failed_requests.svg"}) {
    EXPECT_FALSE(read(dir_ / "r1" / file).empty()) << file;
    EXPECT_EQ(read(dir_ / "r1" / file), read(dir_ / "r2" / file)) << file;
    EXPECT_EQ(read(dir_ / "r1" / file), read(dir_ / "r3" / file)) << file;
  }
  EXPECT_NE(read(dir_ / "r1/report.md").find("![failed_requests](figures/failed_requests.svg)"),
            std::string::npos);
  const json report = json::parse(read(dir_ / "r1/report.json"));
  ASSERT_EQ(report["cells"].size(), 4u);
  const json& cell = report["cells"][0];
  EXPECT_EQ(cell["n"], 3);
  EXPECT_EQ(cell["set"][0], "faults[db-down].at=1m");
  EXPECT_EQ(cell["set"][1], "services[web].calls[db].retries.max=0");
  EXPECT_EQ(cell["rates"]["detected"]["n"], 3);
  const json& detect = cell["figures"]["time_to_detect_s"];
  EXPECT_EQ(detect["n"], 3);
  EXPECT_LE(detect["ci95"][0].get<double>(), detect["mean"].get<double>());
  EXPECT_GE(detect["ci95"][1].get<double>(), detect["mean"].get<double>());
  // Common random numbers: replicate i has one seed in every cell.
  const auto rows = rows_of(dir_ / "one/rows.jsonl");
  EXPECT_EQ(rows[0]["seed"], rows[3]["seed"]);
  EXPECT_NE(rows[0]["seed"], rows[1]["seed"]);
  // A shard of another plan is refused.
  write("other.yaml", std::string(plan).replace(std::string(plan).find("seed: 7"), 7, "seed: 8"));
  ASSERT_EQ(gameday({"sweep", "other.yaml", "--out", "c", "--shard", "1/2"}).exit_code, 0);
  const auto mixed = gameday({"sweep", "report", "a", "c", "--out", "r4"});
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("a sweep of another plan"), std::string::npos) << mixed.err;
}

#ifdef GAMEDAY_MPIEXEC
// Two MPI ranks (OpenMPI's mpirun; --allow-run-as-root for containers, where tests run as root)
// gather the rows one process writes, so the report is the same too.
TEST_F(SweepTest, TwoMpiRanksGiveTheSameRowsAndReport) {
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "one"}).exit_code, 0);
  // OpenMPI keeps memory to the end on purpose: leak reports under ASan are not gameday's.
  ::setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
  const auto mpi = run_process(GAMEDAY_MPIEXEC,
                               {"--allow-run-as-root", "--oversubscribe", "-n", "2", GAMEDAY_EXE,
                                "sweep", "plan.yaml", "--mpi", "--out", "ranks"},
                               dir_);
  ASSERT_EQ(mpi.exit_code, 0) << mpi.out << mpi.err;
  EXPECT_NE(mpi.out.find("sweep: 12 replicates over 2 MPI ranks"), std::string::npos) << mpi.out;
  EXPECT_EQ(read(dir_ / "ranks/rows.jsonl"), read(dir_ / "one/rows.jsonl"));
  EXPECT_EQ(rows_of(dir_ / "ranks/rank-1/rows.jsonl").size(), 6u);
  ASSERT_EQ(gameday({"sweep", "report", "one", "--out", "r1"}).exit_code, 0);
  ASSERT_EQ(gameday({"sweep", "report", "ranks", "--out", "r2"}).exit_code, 0);
  for (const char* file : {"report.json", "report.md"})
    EXPECT_EQ(read(dir_ / "r1" / file), read(dir_ / "r2" / file)) << file;
}
#endif

TEST_F(SweepTest, AReplicateReRunsAloneWithItsRowsFingerprint) {
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "sw", "-j", "2"}).exit_code, 0);
  const json row = rows_of(dir_ / "sw/rows.jsonl").at(10);  // cell 3, replicate 1
  ASSERT_EQ(row["cell"], 3);
  std::vector<std::string> args = {
      "run",   "s.yaml", "--seed", row["seed"].get<std::string>(), "--responders", "auto",
      "--out", "again",  "-q"};
  for (const json& s : row["set"]) {
    args.push_back("--set");
    args.push_back(s.get<std::string>());
  }
  const auto run = gameday(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string record = read(dir_ / "again/events.jsonl");
  char fingerprint[40];
  std::snprintf(fingerprint, sizeof fingerprint, "fnv1a64:%016" PRIx64,
                fnv1a64(std::string_view(record).substr(record.find('\n') + 1)));
  EXPECT_EQ(row["fingerprint"], fingerprint);
}

// M/M/1 with arrivals at 200/s and service at 400/s: the mean response time is
// 1 / (400 - 200) = 5 ms. Over 20 sweeps with different root seeds, the 95 % interval of
// 10 replicates' means must cover 5 ms about 19 times; 16 or more happens with probability
// 0.997 when the stated rate is right, and a too-narrow interval (a z or a missing t) or a
// too-wide one (the replicates' sd instead of the mean's) shows.
TEST_F(SweepTest, IntervalsCoverTheMM1MeanAtTheirRate) {
  write("mm1.yaml", R"(scenario: mm1
duration: 2m
services:
  - { name: s, concurrency: async, workers: 1, queue: unbounded, service_time: { mean: 2.5ms } }
traffic:
  - { to: s, rate: 200/s }
)");
  int covered = 0;
  double half_widths = 0;
  for (int seed = 1; seed <= 20; ++seed) {
    write("mm1-plan.yaml",
          "scenario: mm1.yaml\nseed: " + std::to_string(seed) + "\nreplicates: 10\n");
    const std::string out = "mm1-" + std::to_string(seed);
    ASSERT_EQ(gameday({"sweep", "mm1-plan.yaml", "--out", out, "-j", "2"}).exit_code, 0);
    ASSERT_EQ(gameday({"sweep", "report", out, "--out", out + "-report"}).exit_code, 0);
    const json f =
        json::parse(read(dir_ / (out + "-report") /
                         "report.json"))["cells"][0]["figures"]["service.s.latency_mean_ms"];
    ASSERT_EQ(f["n"], 10);
    const double low = f["ci95"][0], high = f["ci95"][1];
    covered += low <= 5.0 && 5.0 <= high ? 1 : 0;
    half_widths += (high - low) / 2;
  }
  EXPECT_GE(covered, 16);
  const double mean_half_width = half_widths / 20;  // about 0.06 ms for these runs
  EXPECT_GT(mean_half_width, 0.01);
  EXPECT_LT(mean_half_width, 0.2);
}

// compare over sweep folders: each cell against the first, a difference larger than the noise
// said so, an equal figure within it; replicates on one seed compared pairwise.
TEST_F(SweepTest, CompareSaysWhichDifferencesAreLargerThanTheNoise) {
  write("rates.yaml",
        "scenario: s.yaml\nseed: 3\nreplicates: 4\nresponders: auto\n"
        "grid:\n  traffic[users].rate: [50/s, 80/s]\n");
  ASSERT_EQ(gameday({"sweep", "rates.yaml", "--out", "rates", "-j", "2"}).exit_code, 0);
  const auto r = gameday({"compare", "rates"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto line_of = [&](const std::string& start) {
    const std::size_t at = r.out.find("\n  " + start);
    return at == std::string::npos ? std::string()
                                   : r.out.substr(at + 3, r.out.find('\n', at + 1) - at - 3);
  };
  EXPECT_NE(r.out.find("rates cell 1 [traffic[users].rate=80/s] (4 replicates):"),
            std::string::npos)
      << r.out;
  EXPECT_NE(line_of("service.web.requests:").find("paired), larger than the noise"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(line_of("incidents:"), "incidents: 1 -> 1, +0 (95%: 0 to 0, paired), within the noise")
      << r.out;
  // Two sweep folders: the second's cells against the first's first cell.
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "other"}).exit_code, 0);
  const auto two = gameday({"compare", "rates", "other"});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_NE(two.out.find("other cell 3 [faults[db-down].at=2m, "
                         "services[web].calls[db].retries.max=2] (3 replicates):"),
            std::string::npos)
      << two.out;
  // Runs and sweeps do not mix.
  ASSERT_EQ(gameday({"run", "s.yaml", "--out", "a-run", "-q"}).exit_code, 0);
  const auto mixed = gameday({"compare", "a-run", "rates"});
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("'rates' is a sweep folder"), std::string::npos) << mixed.err;
}

TEST_F(SweepTest, APlanWithABadPathOrValueIsReportedAtItsLineAndNothingRuns) {
  write("bad-value.yaml",
        "scenario: s.yaml\nseed: 1\nreplicates: 2\ngrid:\n"
        "  faults[db-down].at: [1m, 5x]\n");
  auto r = gameday({"sweep", "bad-value.yaml", "--out", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-value.yaml:5:28: error: faults[0].at: expected a duration"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));

  write("bad-path.yaml",
        "scenario: s.yaml\nseed: 1\nreplicates: 2\ngrid:\n"
        "  services[wbe].replicas: [1, 2]\n");
  r = gameday({"sweep", "bad-path.yaml", "--out", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-path.yaml:5:28: error: services[wbe].replicas: no item of services "
                       "is named 'wbe' (did you mean 'web'?)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));

  write("bad-key.yaml", "scenario: s.yaml\nseed: 1\nreplicate: 2\n");
  r = gameday({"sweep", "bad-key.yaml", "--out", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-key.yaml:3:1: error: unknown key 'replicate' (did you mean "
                       "'replicates'?)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));
}

TEST_F(SweepTest, AKilledSweepResumesToTheSameRows) {
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "whole"}).exit_code, 0);
  const std::string whole = read(dir_ / "whole/rows.jsonl");
  // What a sweep killed mid-row leaves: five whole rows and half of the sixth.
  std::filesystem::create_directories(dir_ / "cut");
  std::filesystem::copy_file(dir_ / "whole/sweep.json", dir_ / "cut/sweep.json");
  std::size_t end = 0;
  for (int i = 0; i < 5; ++i) end = whole.find('\n', end) + 1;
  std::ofstream(dir_ / "cut/rows.jsonl", std::ios::binary) << whole.substr(0, end + 40);
  const auto again = gameday({"sweep", "plan.yaml", "--out", "cut"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("holds a sweep already"), std::string::npos) << again.err;
  const auto resumed = gameday({"sweep", "plan.yaml", "--out", "cut", "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("sweep: 7 replicates"), std::string::npos) << resumed.out;
  EXPECT_EQ(read(dir_ / "cut/rows.jsonl"), whole);
}

// What a plan wrote reaches the pictures as text, never as markup.
TEST_F(SweepTest, TheFiguresShowWhatThePlanWroteAsText) {
  write("markup.yaml",
        "scenario: s.yaml\nseed: 1\nreplicates: 2\n"
        "grid:\n  description: ['<b>&</b>', plain]\n");
  ASSERT_EQ(gameday({"sweep", "markup.yaml", "--out", "m"}).exit_code, 0);
  ASSERT_EQ(gameday({"sweep", "report", "m", "--out", "report"}).exit_code, 0);
  const std::string svg = read(dir_ / "report/figures/failed_requests.svg");
  EXPECT_NE(svg.find("description=&lt;b&gt;&amp;&lt;/b&gt;"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
}

TEST_F(SweepTest, ADamagedRowOrDescriptionIsAnErrorNamingItsLine) {
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "sw"}).exit_code, 0);
  std::string rows = read(dir_ / "sw/rows.jsonl");
  const std::size_t second = rows.find('\n') + 1;
  rows.replace(second, rows.find('\n', second) - second, R"({"cell":"zero","replicate":1})");
  std::ofstream(dir_ / "sw/rows.jsonl", std::ios::binary) << rows;
  auto r = gameday({"sweep", "report", "sw", "--out", "report"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sw/rows.jsonl:2: not a row"), std::string::npos) << r.err;
  r = gameday({"compare", "sw"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sw/rows.jsonl:2: not a row"), std::string::npos) << r.err;
  std::ofstream(dir_ / "sw/sweep.json") << R"({"plan": 1})";
  r = gameday({"sweep", "report", "sw", "--out", "report"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sw: not a sweep folder"), std::string::npos) << r.err;
}

// Localisation, scored per incident and per replicate: `diagnose SERVICE [KIND]` against the
// faults (db-down crashes db).
TEST_F(SweepTest, ADiagnosisIsJudgedAgainstTheIncidentsFaults) {
  const auto diagnosed = [&](const std::string& line) {
    write("d.txt", "1m30s ann: " + line + "\n");
    const auto run =
        gameday({"run", "s.yaml", "--responders", "d.txt", "--out", "d", "--force", "-q"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const auto score = gameday({"score", "d"});
    const std::size_t at = score.out.find("diagnosis");
    return at == std::string::npos ? std::string()
                                   : score.out.substr(at, score.out.find('\n', at) - at);
  };
  EXPECT_EQ(diagnosed("diagnose db crash"),
            "diagnosis                1m30s  db (crash), by ann: the service at fault, the right "
            "kind");
  EXPECT_EQ(diagnosed("diagnose db latency"),
            "diagnosis                1m30s  db (latency), by ann: the service at fault, not the "
            "kind of failure");
  EXPECT_EQ(diagnosed("diagnose web"),
            "diagnosis                1m30s  web, by ann: not a service at fault");
  write("d.txt", "1m30s ann: diagnose db crashed\n");
  const auto bad = gameday({"run", "s.yaml", "--responders", "d.txt", "--out", "x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown kind of failure 'crashed' (did you mean 'crash'?)"),
            std::string::npos)
      << bad.err;
}

// A record that --keep-records cannot write stops the sweep with exit 3 and says why; the rows
// written before it stay.
TEST_F(SweepTest, ARecordThatCannotBeKeptStopsTheSweepWithAnIoError) {
  std::filesystem::create_directories(dir_ / "kept");
  write("kept/records", "a file where the records' folder would be\n");
  const auto r = gameday({"sweep", "plan.yaml", "--out", "kept", "--keep-records"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("--keep-records: "), std::string::npos) << r.err;
  ASSERT_EQ(gameday({"sweep", "plan.yaml", "--out", "fine", "--keep-records"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "fine/records/c3-r2/events.jsonl"));
}

TEST_F(SweepTest, SetOverridesAValueAndIsCheckedLikeTheFile) {
  auto r = gameday({"run", "s.yaml", "--out", "late", "-q", "--set", "faults[db-down].at=4m"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string record = read(dir_ / "late/events.jsonl");
  EXPECT_NE(record.find(R"("t":240000000000,"kind":"fault_start")"), std::string::npos)
      << record.substr(0, 400);
  r = gameday({"run", "s.yaml", "--out", "x", "--set", "faults[db-down].at=4q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--set faults[db-down].at=4q: error: faults[0].at: expected a duration"),
            std::string::npos)
      << r.err;
  r = gameday({"run", "s.yaml", "--out", "x", "--set", "services[web].calls[db].retries.mx=1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--set services[web].calls[db].retries.mx=1: error: "
                       "services[0].calls[0].retries: unknown key 'mx' (did you mean 'max'?)"),
            std::string::npos)
      << r.err;
  r = gameday({"run", "s.yaml", "--out", "x", "--set", "services"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--set 'services': expected PATH=VALUE"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));
}

}  // namespace
}  // namespace gameday::testing

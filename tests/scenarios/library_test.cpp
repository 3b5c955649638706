// The scenario library (scenarios/*.yaml) through the real executable. For every scenario:
// `gameday check` accepts it without a warning; a run with its own seed and `--responders auto`
// ends every fault it starts, detects each one with an alert, ends with the on-call saying
// `mitigated`, and produces the record whose fingerprint is in tests/data/library/; and the same
// scenario without its `faults:` block pages nobody. A scenario with no faults (the built-in
// default) is its own baseline. UPDATE_GOLDEN=1 rewrites the fingerprints; review the runs whose
// fingerprint changed.
//
// The list of scenarios is fixed when CMake configures (LIBRARY_SCENARIOS), and a new file in
// scenarios/ re-runs that step at the next build; AllScenariosAreListed catches a stale list.
#include <gtest/gtest.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../cli/gameday_test.hpp"
#include "gameday/core/time.hpp"
#include "gameday/eventlog/reader.hpp"

namespace gameday::testing {
namespace {

namespace fs = std::filesystem;

const fs::path scenarios_dir = fs::path(GAMEDAY_SOURCE_DIR) / "scenarios";
const fs::path goldens_dir = fs::path(GAMEDAY_SOURCE_DIR) / "tests" / "data" / "library";

// How long after a fault's end an alert still counts as detecting it: a short fault (a burst of
// reconnects, a crash that restarts by itself) can be over before any window has seen it.
constexpr Duration detection_grace = minutes(10);

std::vector<std::string> listed_scenarios() {
  std::vector<std::string> names;
  std::istringstream in(LIBRARY_SCENARIOS);
  for (std::string name; std::getline(in, name, ',');)
    if (!name.empty()) names.push_back(name);
  return names;
}

// FNV-1a, 64 bits: stable across platforms and standard libraries, unlike std::hash.
std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// The record without its header line. The header carries the tool's version and the hash of
// the scenario file's bytes, so a release or a reworded comment would change every fingerprint;
// everything the simulation did is in the lines after it.
std::string fingerprint(const std::string& record) {
  const std::size_t body = record.find('\n');
  char text[32];
  std::snprintf(
      text, sizeof text, "fnv1a64:%016" PRIx64 "\n",
      fnv1a64(body == std::string::npos ? "" : std::string_view(record).substr(body + 1)));
  return text;
}

// The scenario with its top-level `faults:` block cut out: the block runs to the next line that
// starts a top-level key. Comment lines inside the cut are dropped with it.
std::string without_faults(const std::string& yaml, bool& had_faults) {
  std::istringstream in(yaml);
  std::string out;
  bool cutting = false;
  had_faults = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("faults:", 0) == 0) {
      cutting = had_faults = true;
      continue;
    }
    const bool top_level_key = !line.empty() && line[0] != ' ' && line[0] != '#';
    if (cutting && top_level_key) cutting = false;
    if (!cutting) out += line + "\n";
  }
  return out;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// Compares the record's fingerprint with the golden file, or rewrites it with UPDATE_GOLDEN=1.
void expect_fingerprint(const std::string& name, const fs::path& record) {
  const fs::path golden = goldens_dir / (name + ".fingerprint");
  const std::string actual = fingerprint(read_file(record));
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    fs::create_directories(goldens_dir);
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, read_file(golden))
      << "the record of `gameday run scenarios/" << name
      << ".yaml --responders auto` changed; if intended, rerun with UPDATE_GOLDEN=1";
}

class Library : public GamedayTest, public ::testing::WithParamInterface<std::string> {
 protected:
  // Parameterised tests have a '/' in their names: one flat folder per test, not a tree.
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "-" + info->name();
    std::replace(name.begin(), name.end(), '/', '-');
    dir_ = fs::temp_directory_path() / ("gameday-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  fs::path scenario() const { return scenarios_dir / (GetParam() + ".yaml"); }

  std::optional<eventlog::Record> read(const fs::path& run) {
    Diagnostics diags;
    auto record = eventlog::read_record(run.string(), diags);
    EXPECT_TRUE(record.has_value()) << "cannot read " << run;
    return record;
  }
};

TEST_P(Library, ChecksCleanly) {
  const auto r = gameday({"check", scenario().string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ((r.out + r.err).find("warning:"), std::string::npos) << r.out << r.err;
}

// One fault occurrence: random failures repeat a fault, each time with its instance.
struct Occurrence {
  FaultId fault;
  std::optional<InstanceId> instance;
  Time start;
  std::optional<Time> end;
};

TEST_P(Library, AutoResponseMitigatesEveryFault) {
  const auto r =
      gameday({"run", scenario().string(), "--responders", "auto", "--out", "auto", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto record = read(dir_ / "auto");
  ASSERT_TRUE(record.has_value());

  std::vector<Occurrence> occurrences;
  std::vector<Time> firings;
  bool mitigated = false;
  for (const eventlog::Event& e : record->events) {
    using eventlog::EventKind;
    if (const auto* change = e.get<eventlog::FaultChange>()) {
      if (e.kind == EventKind::FaultStart) {
        occurrences.push_back({change->fault, change->instance, e.t, {}});
      } else {
        const auto open = std::find_if(occurrences.begin(), occurrences.end(), [&](const auto& o) {
          return o.fault == change->fault && o.instance == change->instance && !o.end;
        });
        ASSERT_NE(open, occurrences.end()) << "fault_end without a fault_start at " << e.t.ns();
        open->end = e.t;
      }
    }
    if (e.kind == EventKind::AlertFiring) firings.push_back(e.t);
    if (const auto* command = e.get<eventlog::CommandIssued>();
        command && command->verb == "mitigated")
      mitigated = true;
  }
  expect_fingerprint(GetParam(), dir_ / "auto" / "events.jsonl");
  // Durations for people: what people read (the scorecard, the postmortem) is rounded; the
  // on-call's draws put its commands at odd instants, so an exact time would show here.
  const std::regex exact("[0-9](s|ms)[0-9]+(ms|us|ns)");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"score", "auto"},
        std::vector<std::string>{"score", "auto", "--format", "markdown"},
        std::vector<std::string>{"postmortem", "auto"}}) {
    const auto shown = gameday(args);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(shown.out, m, exact))
        << args[0] << " shows an exact duration: " << m.str(0);
  }
  const auto& faults = record->header.names.faults;
  if (faults.empty()) return;  // a healthy baseline: nothing to mitigate
  EXPECT_TRUE(mitigated) << "the on-call never said `mitigated`:\n" << r.out;
  for (std::size_t f = 0; f < faults.size(); ++f) {
    const bool started = std::any_of(occurrences.begin(), occurrences.end(), [&](const auto& o) {
      return o.fault == FaultId::from_index(f);
    });
    EXPECT_TRUE(started) << faults[f] << " never started";
  }
  for (const Occurrence& o : occurrences) {
    const std::string& name = faults.at(o.fault.index());
    EXPECT_TRUE(o.end.has_value()) << name << " is still active when the run ends";
    const Time until = o.end.value_or(Time::zero() + record->header.duration) + detection_grace;
    const bool detected = std::any_of(firings.begin(), firings.end(),
                                      [&](Time t) { return t >= o.start && t <= until; });
    EXPECT_TRUE(detected) << name << ": no alert fired between its start and 10 minutes after "
                          << "its end";
  }
}

TEST_P(Library, FaultFreeBaselinePagesNobody) {
  bool had_faults = false;
  const std::string baseline = without_faults(read_file(scenario()), had_faults);
  const fs::path file = write(GetParam() + ".yaml", baseline);
  const auto r = gameday({"run", file.string(), "--out", "baseline", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto record = read(dir_ / "baseline");
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(record->header.names.faults.empty()) << "the faults were not cut out";
  for (const eventlog::Event& e : record->events) {
    EXPECT_NE(e.kind, eventlog::EventKind::Page)
        << GetParam() << " pages at " << e.t.ns() << " ns without faults:\n"
        << r.out;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Library, ::testing::ValuesIn(listed_scenarios()), test_name);

TEST(LibraryList, AllScenariosAreListed) {
  std::vector<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(scenarios_dir))
    if (entry.path().extension() == ".yaml") on_disk.push_back(entry.path().stem().string());
  std::sort(on_disk.begin(), on_disk.end());
  std::vector<std::string> listed = listed_scenarios();
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(on_disk, listed) << "rebuild (CMake lists the scenarios when it configures)";
  EXPECT_GE(listed.size(), 12u) << "the library promises at least twelve scenarios";
}

TEST(LibraryHelpers, Fnv1a64MatchesTheReferenceVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(LibraryHelpers, CuttingTheFaultsKeepsWhatFollows) {
  bool had = false;
  const std::string yaml =
      "scenario: x\nfaults:\n  - name: f\n    kind: crash\n# note\n\nresponders:\n  "
      "investigate: 0s\n";
  EXPECT_EQ(without_faults(yaml, had), "scenario: x\nresponders:\n  investigate: 0s\n");
  EXPECT_TRUE(had);
  EXPECT_EQ(without_faults("scenario: y\n", had), "scenario: y\n");
  EXPECT_FALSE(had);
}

}  // namespace
}  // namespace gameday::testing

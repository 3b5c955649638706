// Makes the record targets' seeds at build time: runs each scenario given (the library, with its
// automatic responders and light traffic) and the fuzz fixture with its script, and writes for each
// run a short record and its header line. Whole records are megabytes, too big to mutate usefully,
// so a seed keeps the header, the events, the samples of the first two and the last sample times, a
// few traces and the end line: still a valid record (seq increasing, t not decreasing), only
// sparser.
//
// usage: seed_records RECORD_DIR HEADER_DIR SCENARIO...
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "gameday/sim/simulation.hpp"

using namespace gameday;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t events_max = 400;
constexpr std::size_t traces_max = 10;
constexpr double rate_max = 20;  // requests per second per traffic source

// Runs the scenario with its traffic thinned to a few requests per second: a seed needs the
// record's shape (header, faults, alerts, the responders' commands), not its volume, and the
// runs stay quick under the sanitizers.
std::string run_auto(sim::Scenario scenario) {
  for (sim::TrafficSource& t : scenario.traffic)
    t.rate_per_second = std::min(t.rate_per_second, rate_max);
  for (sim::FaultSpec& f : scenario.faults) f.requests = std::min<std::int64_t>(f.requests, 1000);
  eventlog::RecordWriter writer;  // in memory
  sim::Simulation run(scenario, sim::RunInfo{scenario.seed, "fuzz", "fnv1a64:0", "auto"}, writer);
  run.run_to_end();
  run.finish("completed");
  return writer.buffer();
}

// The value of `"t":` in a record line, as text ("" for the header).
std::string_view time_of(std::string_view line) {
  const std::size_t at = line.find(",\"t\":");
  if (at == std::string_view::npos) return {};
  const std::size_t start = at + 5;
  return line.substr(start, line.find_first_of(",}", start) - start);
}

std::string sparse(const std::string& record) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < record.size();) {
    const std::size_t nl = record.find('\n', pos);
    lines.push_back(std::string_view(record).substr(pos, nl - pos + 1));
    pos = nl + 1;
  }
  std::set<std::string_view> sample_times;  // the first two and the last
  std::string_view last_sample;
  for (std::string_view l : lines) {
    if (!l.starts_with("{\"type\":\"service_sample\"")) continue;
    if (sample_times.size() < 2) sample_times.insert(time_of(l));
    last_sample = time_of(l);
  }
  sample_times.insert(last_sample);
  std::string out;
  std::size_t events = 0, traces = 0;
  for (std::string_view l : lines) {
    const bool keep =
        l.starts_with("{\"type\":\"header\"") || l.starts_with("{\"type\":\"end\"") ||
        (l.starts_with("{\"type\":\"event\"") && events++ < events_max) ||
        (l.starts_with("{\"type\":\"trace\"") && traces++ < traces_max) ||
        (l.find("_sample\"") != std::string_view::npos && sample_times.contains(time_of(l)));
    if (keep) out += l;
  }
  return out;
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out.flush()) fuzz::fail("cannot write " + path.string());
}

void write_seeds(const fs::path& records, const fs::path& headers, const std::string& name,
                 const std::string& record) {
  fuzz::read_back(record, name);
  const std::string short_record = sparse(record);
  fuzz::read_back(short_record, name + ", made sparse");
  write(records / (name + ".jsonl"), short_record);
  write(headers / (name + ".header"), record.substr(0, record.find('\n') + 1));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: seed_records RECORD_DIR HEADER_DIR SCENARIO...\n";
    return 2;
  }
  const fs::path records = argv[1], headers = argv[2];
  fs::create_directories(records);
  fs::create_directories(headers);
  write_seeds(records, headers, "fixture", fuzz::fixture_record());
  for (int i = 3; i < argc; ++i) {
    Diagnostics diags;
    const auto loaded = sim::load_scenario_file(argv[i], diags);
    if (!loaded) fuzz::fail(std::string("a seed scenario does not load: ") + argv[i], diags);
    write_seeds(records, headers, fs::path(argv[i]).stem().string(), run_auto(loaded->scenario));
  }
  return 0;
}

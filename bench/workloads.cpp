// The normative benchmark workloads W1 (hold), W2 (PHOLD) and W3 (M/M/8 service chain) of
// /work/shared/bench-workloads.md, each on two engines in one binary: `gameday` (the project's
// kernel, integer-ns time, gameday::Rng; W3 through the real scenario loader, Simulation and a
// record file) and `baseline-pq` (a plain std::priority_queue loop with double time, FIFO
// tie-break and std::mt19937_64(42) with <random> distributions), the ceiling the kernel is
// compared against. Every run prints exactly one RESULT line on stdout, in the format the
// workload file defines; anything else goes to stderr. Timed regions follow that file: they
// include creating the initial events and end when the last counted event has executed (W1,
// W3) or when the run loop returns (W2); result computation (percentiles) is outside them.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/core/random.hpp"
#include "gameday/core/time.hpp"
#include "gameday/eventlog/writer.hpp"
#include "gameday/sim/event_queue.hpp"
#include "gameday/sim/scenario_loader.hpp"
#include "gameday/sim/simulation.hpp"

#ifndef GAMEDAY_BENCH_DIR
#define GAMEDAY_BENCH_DIR "bench"
#endif

namespace {

using Clock = std::chrono::steady_clock;
using gameday::DurationDistribution;
using gameday::Rng;
using gameday::Time;
using gameday::sim::PendingEvent;
using gameday::sim::Scheduler;

constexpr std::uint64_t rng_seed = 42;

struct Options {
  std::string workload;
  std::string engine;
  std::optional<std::uint64_t> param;     // W1: N; W2: L
  std::optional<std::uint64_t> events;    // W1: E
  std::optional<double> until;            // W2: T
  std::optional<std::uint64_t> requests;  // W3: R
  std::string scenario = GAMEDAY_BENCH_DIR "/w3_chain.yaml";
};

struct Result {
  std::uint64_t param = 0;
  std::uint64_t events = 0;
  double loop_s = 0;
  double sim_end_s = 0;
  // W3 only.
  std::uint64_t requests = 0;
  double p50_ms = 0, p99_ms = 0, mean_ms = 0;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---------------------------------------------------------------------------------------------
// The baseline: what a hand-written loop over std::priority_queue achieves.

struct BaseEvent {
  double t;
  std::uint64_t seq;
  std::uint32_t kind;
  std::uint32_t target;
};

// Min-heap on (t, seq): FIFO among equal times.
struct Later {
  bool operator()(const BaseEvent& a, const BaseEvent& b) const {
    return a.t > b.t || (a.t == b.t && a.seq > b.seq);
  }
};

using BaseQueue = std::priority_queue<BaseEvent, std::vector<BaseEvent>, Later>;

BaseQueue make_base_queue(std::size_t capacity) {
  std::vector<BaseEvent> storage;
  storage.reserve(capacity);
  return BaseQueue(Later{}, std::move(storage));
}

Result w1_baseline(std::uint64_t n, std::uint64_t e) {
  std::mt19937_64 gen(rng_seed);
  std::exponential_distribution<double> hold(1.0);
  const auto start = Clock::now();
  BaseQueue q = make_base_queue(n + 1);
  std::uint64_t seq = 0;
  for (std::uint64_t i = 0; i < n; ++i)
    q.push({hold(gen), seq++, 0, static_cast<std::uint32_t>(i)});
  std::uint64_t count = 0;
  double now = 0;
  for (;;) {
    const BaseEvent ev = q.top();
    q.pop();
    now = ev.t;
    if (++count == e) break;
    q.push({now + hold(gen), seq++, 0, ev.target});
  }
  return {n, count, seconds_since(start), now};
}

Result w2_baseline(std::uint64_t lps, double until) {
  std::mt19937_64 gen(rng_seed);
  std::exponential_distribution<double> delay(1.0);
  std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(lps - 1));
  std::vector<std::uint64_t> counters(lps);
  const auto start = Clock::now();
  BaseQueue q = make_base_queue(10 * lps + 1);
  std::uint64_t seq = 0;
  for (std::uint64_t lp = 0; lp < lps; ++lp)
    for (int k = 0; k < 10; ++k)
      q.push({1.0 + delay(gen), seq++, 0, static_cast<std::uint32_t>(lp)});
  std::uint64_t count = 0;
  double now = 0;
  while (!q.empty() && q.top().t <= until) {
    const BaseEvent ev = q.top();
    q.pop();
    now = ev.t;
    ++counters[ev.target];
    ++count;
    q.push({now + 1.0 + delay(gen), seq++, 0, pick(gen)});
  }
  const double loop_s = seconds_since(start);
  std::uint64_t total = 0;
  for (auto c : counters) total += c;
  if (total != count) std::fprintf(stderr, "W2 baseline: counter mismatch\n");
  return {lps, count, loop_s, now};
}

// Nearest-rank percentile of sorted values, p in (0, 1].
double nearest_rank(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

// W3 as a tandem of three M/M/8 FIFO tiers: kind 0 is an arrival, kind 1 + k a completion at
// tier k. A request finishing tier k enters tier k + 1 at the same instant, without an event.
Result w3_baseline(std::uint64_t r) {
  constexpr int tiers = 3;
  constexpr int servers = 8;
  constexpr double lambda = 1600.0;
  const double mean_s[tiers] = {0.001, 0.002, 0.004};
  std::mt19937_64 gen(rng_seed);
  std::exponential_distribution<double> interarrival(lambda);
  std::exponential_distribution<double> service[tiers] = {
      std::exponential_distribution<double>(1.0 / mean_s[0]),
      std::exponential_distribution<double>(1.0 / mean_s[1]),
      std::exponential_distribution<double>(1.0 / mean_s[2])};
  std::vector<double> arrival(r);
  std::vector<double> latency(r);
  int busy[tiers] = {};
  std::deque<std::uint32_t> waiting[tiers];

  const auto start = Clock::now();
  BaseQueue q = make_base_queue(1024);
  std::uint64_t seq = 0;
  std::uint64_t arrived = 0, done = 0, count = 0;
  double now = 0;
  auto enter = [&](int tier, std::uint32_t req) {
    if (busy[tier] < servers) {
      ++busy[tier];
      q.push({now + service[tier](gen), seq++, static_cast<std::uint32_t>(1 + tier), req});
    } else {
      waiting[tier].push_back(req);
    }
  };
  if (r > 0) q.push({interarrival(gen), seq++, 0, 0});
  while (!q.empty()) {
    const BaseEvent ev = q.top();
    q.pop();
    now = ev.t;
    ++count;
    if (ev.kind == 0) {
      arrival[ev.target] = now;
      ++arrived;
      if (arrived < r)
        q.push({now + interarrival(gen), seq++, 0, static_cast<std::uint32_t>(arrived)});
      enter(0, ev.target);
      continue;
    }
    const int tier = static_cast<int>(ev.kind) - 1;
    if (waiting[tier].empty()) {
      --busy[tier];
    } else {
      const std::uint32_t next = waiting[tier].front();
      waiting[tier].pop_front();
      q.push({now + service[tier](gen), seq++, ev.kind, next});
    }
    if (tier + 1 < tiers) {
      enter(tier + 1, ev.target);
    } else {
      latency[ev.target] = now - arrival[ev.target];
      ++done;
    }
  }
  const double loop_s = seconds_since(start);

  Result res{r, count, loop_s, now};
  res.requests = done;
  double sum = 0;
  for (double l : latency) sum += l;
  std::sort(latency.begin(), latency.end());
  res.p50_ms = nearest_rank(latency, 0.50) * 1e3;
  res.p99_ms = nearest_rank(latency, 0.99) * 1e3;
  res.mean_ms = sum / static_cast<double>(r) * 1e3;
  return res;
}

// ---------------------------------------------------------------------------------------------
// The project's kernel: Scheduler (4-ary heap, integer ns, (time, phase, seq) order) and
// gameday::Rng with the project's own exponential, rounded to the nanosecond.

Result w1_gameday(std::uint64_t n, std::uint64_t e) {
  Rng rng(rng_seed);
  const auto hold = DurationDistribution::exponential(gameday::seconds(1));
  const auto start = Clock::now();
  Scheduler s;
  s.reserve(n + 1);
  for (std::uint64_t i = 0; i < n; ++i)
    s.schedule(Time::zero() + hold.sample(rng), 0, static_cast<std::uint32_t>(i));
  std::uint64_t count = 0;
  for (;;) {
    const PendingEvent ev = s.next();
    if (++count == e) break;
    s.schedule_in(hold.sample(rng), 0, ev.target);
  }
  return {n, count, seconds_since(start), s.now().to_seconds()};
}

Result w2_gameday(std::uint64_t lps, double until_s) {
  Rng rng(rng_seed);
  const auto delay = DurationDistribution::exponential(gameday::seconds(1));
  const auto lookahead = gameday::seconds(1);
  const Time until = Time::zero() + gameday::Duration::from_seconds(until_s);
  std::vector<std::uint64_t> counters(lps);
  const auto start = Clock::now();
  Scheduler s;
  s.reserve(10 * lps + 1);
  for (std::uint64_t lp = 0; lp < lps; ++lp)
    for (int k = 0; k < 10; ++k)
      s.schedule(Time::zero() + lookahead + delay.sample(rng), 0, static_cast<std::uint32_t>(lp));
  std::uint64_t count = 0;
  while (s.has_next_before(until)) {
    const PendingEvent ev = s.next();
    ++counters[ev.target];
    ++count;
    const auto to = static_cast<std::uint32_t>(rng.below(lps));
    s.schedule_in(lookahead + delay.sample(rng), 0, to);
  }
  const double loop_s = seconds_since(start);
  std::uint64_t total = 0;
  for (auto c : counters) total += c;
  if (total != count) std::fprintf(stderr, "W2 gameday: counter mismatch\n");
  return {lps, count, loop_s, s.now().to_seconds()};
}

// W3 through the product: YAML file -> load_scenario_file -> Simulation (metrics on, record
// written to a real events.jsonl) -> run_to_end. Latencies come from the run summary (histogram
// based); the kernel's own event count goes to stderr, the RESULT line counts 4 per request.
std::optional<Result> w3_gameday(const Options& opt) {
  namespace fs = std::filesystem;
  gameday::Diagnostics diags;
  auto loaded = gameday::sim::load_scenario_file(opt.scenario, diags);
  for (const auto& d : diags.sorted()) std::fprintf(stderr, "%s\n", d.format().c_str());
  if (!loaded) return std::nullopt;
  gameday::sim::Scenario& scenario = loaded->scenario;
  if (scenario.traffic.empty()) {
    std::fprintf(stderr, "W3: %s has no traffic source\n", opt.scenario.c_str());
    return std::nullopt;
  }
  if (opt.requests) scenario.traffic[0].max_requests = *opt.requests;
  if (!scenario.traffic[0].max_requests) {
    std::fprintf(stderr, "W3: traffic[0] needs `requests:` (max_requests)\n");
    return std::nullopt;
  }
  const std::uint64_t r = *scenario.traffic[0].max_requests;

  std::error_code ec;
  const fs::path dir = fs::temp_directory_path() /
                       ("gameday-w3-" + std::to_string(Clock::now().time_since_epoch().count()));
  fs::create_directories(dir, ec);
  const std::string record_path = (dir / "events.jsonl").string();
  std::string error;
  auto writer = gameday::eventlog::RecordWriter::open(record_path, error);
  if (!writer) {
    std::fprintf(stderr, "W3: cannot open %s: %s\n", record_path.c_str(), error.c_str());
    return std::nullopt;
  }
  char hash[40];
  std::snprintf(hash, sizeof hash, "fnv1a64:%016" PRIx64, loaded->content_hash);
  const gameday::sim::RunInfo info{rng_seed, "bench", hash};

  const auto start = Clock::now();
  gameday::sim::Simulation sim(scenario, info, *writer);
  sim.run_to_end();
  const double loop_s = seconds_since(start);

  const gameday::sim::RunSummary summary = sim.summary();
  sim.finish("completed");
  const bool wrote = writer->close();
  const auto record_bytes = fs::file_size(record_path, ec);
  std::fprintf(
      stderr, "W3 gameday: kernel_events=%" PRIu64 " record=%s (%ju bytes%s) sim_end=%.3fs\n",
      summary.kernel_events, record_path.c_str(), static_cast<std::uintmax_t>(record_bytes),
      wrote ? "" : ", WRITE FAILED", summary.end.to_seconds());
  fs::remove_all(dir, ec);

  Result res{r, 4 * r, loop_s, sim.now().to_seconds()};
  if (summary.sources.empty()) {
    std::fprintf(stderr, "W3: the run summary has no traffic source\n");
    return std::nullopt;
  }
  const auto& src = summary.sources[0];
  res.requests = src.ok;
  if (src.requests != r || src.ok != r)
    std::fprintf(stderr,
                 "W3 gameday: expected %" PRIu64 " requests, source saw %" PRIu64 " (%" PRIu64
                 " ok): not drained?\n",
                 r, src.requests, src.ok);
  res.p50_ms = src.latency.p50.to_ms();
  res.p99_ms = src.latency.p99.to_ms();
  res.mean_ms = src.latency.mean.to_ms();
  return res;
}

// ---------------------------------------------------------------------------------------------

void print_result(const Options& opt, const Result& r) {
  const double ev_per_s = r.loop_s > 0 ? static_cast<double>(r.events) / r.loop_s : 0;
  std::printf("RESULT engine=%s workload=%s param=%" PRIu64 " events=%" PRIu64
              " loop_s=%.4f ev_per_s=%.0f sim_end=%.4f",
              opt.engine.c_str(), opt.workload.c_str(), r.param, r.events, r.loop_s, ev_per_s,
              r.sim_end_s);
  if (opt.workload == "W3")
    std::printf(" requests=%" PRIu64 " req_per_s=%.0f p50_ms=%.3f p99_ms=%.3f mean_ms=%.3f",
                r.requests, r.loop_s > 0 ? static_cast<double>(r.requests) / r.loop_s : 0, r.p50_ms,
                r.p99_ms, r.mean_ms);
  std::printf("\n");
}

int usage(const char* why) {
  std::fprintf(stderr,
               "gameday_workloads: %s\n"
               "usage: gameday_workloads --workload W1|W2|W3 --engine gameday|baseline-pq\n"
               "         [--param N] [--events E] [--until T] [--requests R] [--scenario FILE]\n"
               "  W1: --param N pending events (default 1000), --events E (default 10000000)\n"
               "  W2: --param L logical processes (default 1000), --until T (default 2000)\n"
               "  W3: --requests R (default: the scenario's; baseline 1000000),\n"
               "      --scenario FILE (default " GAMEDAY_BENCH_DIR "/w3_chain.yaml)\n",
               why);
  return 2;
}

std::optional<std::uint64_t> parse_count(std::string_view s) {
  char* end = nullptr;
  const std::string str(s);
  const double v = std::strtod(str.c_str(), &end);  // accepts 1e7
  if (end == str.c_str() || *end != '\0' || !(v >= 1) || v > 1e15) return std::nullopt;
  return static_cast<std::uint64_t>(v);
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) return usage("every option takes a value");
    const std::string_view value = argv[++i];
    if (flag == "--workload") {
      opt.workload = value;
    } else if (flag == "--engine") {
      opt.engine = value;
    } else if (flag == "--scenario") {
      opt.scenario = value;
    } else if (flag == "--until") {
      const std::string str(value);
      char* end = nullptr;
      const double v = std::strtod(str.c_str(), &end);
      if (end == str.c_str() || *end != '\0' || !(v > 0)) return usage("bad --until");
      opt.until = v;
    } else if (flag == "--param" || flag == "--events" || flag == "--requests") {
      const auto v = parse_count(value);
      if (!v) return usage("expected a positive count");
      (flag == "--param" ? opt.param : flag == "--events" ? opt.events : opt.requests) = *v;
    } else {
      return usage("unknown option");
    }
  }
  const bool gd = opt.engine == "gameday";
  if (!gd && opt.engine != "baseline-pq") return usage("--engine must be gameday or baseline-pq");

  std::optional<Result> res;
  if (opt.workload == "W1") {
    const auto n = opt.param.value_or(1000);
    const auto e = opt.events.value_or(10'000'000);
    res = gd ? w1_gameday(n, e) : w1_baseline(n, e);
  } else if (opt.workload == "W2") {
    const auto l = opt.param.value_or(1000);
    const auto t = opt.until.value_or(2000.0);
    res = gd ? w2_gameday(l, t) : w2_baseline(l, t);
  } else if (opt.workload == "W3") {
    res = gd ? w3_gameday(opt) : w3_baseline(opt.requests.value_or(1'000'000));
  } else {
    return usage("--workload must be W1, W2 or W3");
  }
  if (!res) return 1;
  print_result(opt, *res);
  return 0;
}

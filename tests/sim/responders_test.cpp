// Responders' commands at scenario level: a Simulation driven with run_until(t), then
// submit(...) at exact times, and the record read back. Every action's effect, its delay and
// its side effects (restarts start cold, `--all` and draining every zone make things worse),
// rejected commands that change nothing, the incident process, the facilitator, look-only
// commands that never reveal a fault, the automatic on-call and its runbooks, and determinism
// (same commands at the same times: the same bytes, however run_until is chunked).
//
// Most tests share one topology: `a` (one instance in z1) calls `b` (three instances, one per
// zone) at low rates over a few simulated minutes, so each test runs in well under a second.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/eventlog/reader.hpp"
#include "gameday/sim/command.hpp"
#include "run_support.hpp"

namespace gameday::sim {
namespace {

using eventlog::ErrorCause;

constexpr std::uint32_t a = 0, b = 1;                   // services
constexpr std::int64_t b1 = 1, b2 = 2, b3 = 3, b4 = 4;  // instances (a-1 is 0)

Time at(int s) {
  return Time::zero() + seconds(s);
}

using testing::Window;

// A command to submit at a whole second of simulated time.
struct Step {
  int at_s;
  std::string text;
  std::string responder = "responder";
};

struct Played {
  std::string text;  // the record as written
  eventlog::Record record;
  RunSummary summary;
  std::vector<CommandOutcome> outcomes;  // one per step, in order
  std::vector<ConsoleMessage> messages;  // everything take_messages() returned
  bool ended_early = false;

  // Sums over the samples whose intervals end in (from, to].
  Window service(std::uint32_t service, int from_s, int to_s) const {
    return testing::service_window(record, service, from_s, to_s);
  }
  Window source(int from_s, int to_s) const {
    Window w;
    for (const auto& s : record.source_samples) {
      if (s.t <= at(from_s) || s.t > at(to_s)) continue;
      w.requests += s.requests;
      w.ok += s.ok;
      for (std::size_t i = 0; i < w.errors.size(); ++i) w.errors[i] += s.errors[i];
    }
    return w;
  }
  Window dependency(int from_s, int to_s) const {  // the first edge, a->b
    Window w;
    for (const auto& s : record.dependency_samples) {
      if (s.dependency != DependencyId{0} || s.t <= at(from_s) || s.t > at(to_s)) continue;
      w.calls += s.calls;
      w.attempts += s.attempts;
      w.ok += s.ok;
      for (std::size_t i = 0; i < w.errors.size(); ++i) w.errors[i] += s.errors[i];
    }
    return w;
  }
  // b's arrivals per a's arrivals: the share of a's requests that call b.
  double call_ratio(int from_s, int to_s) const {
    return static_cast<double>(service(b, from_s, to_s).requests) /
           static_cast<double>(service(a, from_s, to_s).requests);
  }
  std::vector<const eventlog::Event*> events(std::string_view kind) const {
    return testing::events_of(record, kind);
  }
  // The first `command` line whose text is `line`.
  const eventlog::Event* command(std::string_view line) const {
    for (const auto* e : events("command"))
      if (said(*e).text == line) return e;
    ADD_FAILURE() << "no command line '" << line << "'";
    static const eventlog::Event none;
    return &none;
  }
  // The time of the first accepted command with this verb.
  std::optional<Time> first(std::string_view verb) const {
    for (const auto* e : events("command"))
      if (said(*e).accepted() && said(*e).verb == verb) return e->t;
    return std::nullopt;
  }
  // Command lines accepted (or rejected), and the accepted ones that change the system.
  std::size_t commands(bool accepted = true) const {
    std::size_t n = 0;
    for (const auto* e : events("command")) n += said(*e).accepted() == accepted;
    return n;
  }
  std::size_t actions() const {
    std::size_t n = 0;
    for (const auto* e : events("command")) {
      const auto verb = model::find_verb(said(*e).verb);
      n += said(*e).accepted() && verb && model::verb_class(*verb) == model::VerbClass::Action;
    }
    return n;
  }
  // A command line's payload (an empty one, and a failure, for another kind).
  static const eventlog::CommandIssued& said(const eventlog::Event& e) {
    return payload<eventlog::CommandIssued>(e);
  }
  static const eventlog::ActionTookEffect& effect(const eventlog::Event& e) {
    return payload<eventlog::ActionTookEffect>(e);
  }
  static std::int64_t instance(const eventlog::Event* e) {
    return payload<eventlog::InstanceChange>(*e).instance.value();
  }
  template <class T>
  static const T& payload(const eventlog::Event& e) {
    static const T none{};
    if (const T* p = e.get<T>()) return *p;
    ADD_FAILURE() << eventlog::event_kind_name(e.kind) << " does not carry this payload";
    return none;
  }
};

// Runs `yaml` to its end, submitting each step at its time. With `chunk`, run_until advances
// in steps of that size, as a live console would; with `events_per_step`, in steps of at most
// that many events, as the command line does; otherwise straight to each command.
Played play(const std::string& yaml, const std::vector<Step>& steps,
            const std::string& responders = "commands", std::uint64_t seed = 1,
            Duration chunk = Duration{}, std::uint64_t events_per_step = 0) {
  const Scenario scenario = testing::load_or_fail(yaml);
  eventlog::RecordWriter out;  // in memory
  Simulation sim(scenario, RunInfo{seed, "test", "fnv1a64:0", responders}, out);
  Played p;
  const auto advance = [&](Time to) {
    if (!chunk.is_zero())
      for (Time t = sim.now() + chunk; t < to; t += chunk) sim.run_until(t);
    if (events_per_step != 0) {
      while (!sim.run_until(to, events_per_step)) EXPECT_FALSE(sim.done());
    }
    sim.run_until(to);
    for (auto& m : sim.take_messages()) p.messages.push_back(std::move(m));
  };
  for (const Step& s : steps) {
    advance(at(s.at_s));
    p.outcomes.push_back(sim.submit(CommandInput{s.responder, s.text, std::nullopt}));
  }
  advance(sim.end_time());
  p.ended_early = sim.ended_early();
  sim.finish(p.ended_early ? "ended" : "completed");
  p.summary = sim.summary();
  p.text = out.buffer();
  Diagnostics diags;
  auto record = eventlog::parse_record(p.text, "events.jsonl", diags);
  EXPECT_TRUE(record.has_value());
  if (record) p.record = std::move(*record);
  return p;
}

// The shared topology; `b_keys` are more keys of service b (indented four spaces),
// `call_options` more keys of a's call to b (starting with a comma), `rest` what follows
// `traffic` (faults, alerts, responders...).
std::string topology(const std::string& rest, const std::string& call_options = "",
                     const std::string& b_keys = "", const std::string& duration = "4m",
                     int rate = 100) {
  return R"(
scenario: responders
duration: )" +
         duration +
         R"(
zones: [z1, z2, z3]
services:
  - name: a
    zones: [z1]
    concurrency: async
    workers: 1000
    queue: unbounded
    service_time: 1ms
    calls: [ { to: b, timeout: 500ms )" +
         call_options + R"( } ]
  - name: b
    replicas: 3
    zones: [z1, z2, z3]
    workers: 8
    queue: 100
    service_time: 10ms
    health_check: { interval: 5s, unhealthy_threshold: 2, healthy_threshold: 2 }
)" + b_keys +
         R"(traffic:
  - { name: users, to: a, rate: )" +
         std::to_string(rate) + R"(/s }
)" + rest;
}

// Percentiles come from a histogram that reports values within 0.4 %.
void expect_ms(Duration measured, double expected_ms) {
  EXPECT_NEAR(measured.to_ms(), expected_ms, expected_ms * 0.005);
}

// The record without its command lines and without sequence numbers and causes (which a
// command line shifts): what must not change when commands change nothing.
std::string without_commands(const std::string& text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.find("\"kind\":\"command\"") != std::string::npos) continue;
    for (const std::string key : {"\"seq\":", "\"cause\":"}) {
      for (std::size_t k = line.find(key); k != std::string::npos; k = line.find(key, k)) {
        std::size_t digits = k + key.size();
        while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])))
          ++digits;
        line.erase(k + key.size(), digits - k - key.size());
        k += key.size();
      }
    }
    out += line + "\n";
  }
  return out;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// `yaml` with its first `from` replaced by `to`.
std::string patch(std::string yaml, std::string_view from, std::string_view to) {
  const std::size_t k = yaml.find(from);
  EXPECT_NE(k, std::string::npos) << from;
  if (k != std::string::npos) yaml.replace(k, from.size(), to);
  return yaml;
}

// ---------------------------------------------------------------------------------------------
// Restarts.

TEST(Restart, AnInstanceGoesDownAtOnceAndComesBackColdAfterTheDelay) {
  const auto r = play(topology(""), {{60, "restart b-1"}});
  ASSERT_TRUE(r.outcomes[0].accepted) << r.outcomes[0].reply;
  EXPECT_TRUE(contains(r.outcomes[0].reply, "30s")) << r.outcomes[0].reply;
  const auto* cmd = r.command("restart b-1");
  EXPECT_EQ(cmd->t, at(60));
  const auto down = r.events("instance_down"), up = r.events("instance_up");
  const auto effect = r.events("action_effect");
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0]->t, at(60));
  EXPECT_EQ(Played::instance(down[0]), b1);
  EXPECT_EQ(down[0]->cause, cmd->seq);
  ASSERT_EQ(effect.size(), 1u);
  EXPECT_EQ(effect[0]->t, at(90));  // the default restart delay, 30 s
  EXPECT_EQ(effect[0]->cause, cmd->seq);
  EXPECT_EQ(Played::effect(*effect[0]).action, "restart b-1");
  EXPECT_EQ(Played::effect(*effect[0]).verb, "restart");
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0]->t, at(90));
  EXPECT_EQ(Played::instance(up[0]), b1);
  EXPECT_EQ(up[0]->cause, effect[0]->seq);
  // The load balancer keeps sending to the stopped process until health checks notice.
  EXPECT_EQ(r.service(b, 0, 60).errors_total(), 0u);
  EXPECT_GT(r.service(b, 60, 70).of(ErrorCause::Unavailable), 0u);
  EXPECT_EQ(r.service(b, 110, 240).errors_total(), 0u);
  // Cold after the restart (3x, fading over 2 minutes), then 10 ms again.
  expect_ms(r.service(b, 0, 60).p99_max, 10);
  EXPECT_GT(r.service(b, 100, 130).p99_max, ms(20));
  expect_ms(r.service(b, 215, 240).p99_max, 10);
  const auto done = std::find_if(r.messages.begin(), r.messages.end(), [](const auto& m) {
    return m.kind == ConsoleMessage::Kind::Effect;
  });
  ASSERT_NE(done, r.messages.end());
  EXPECT_EQ(done->t, at(90));
  EXPECT_EQ(done->text, "done: restart b-1");

  // The scenario's own delay.
  const auto quick =
      play(topology("responders: { delays: { restart: 10s } }\n"), {{60, "restart b-1"}});
  ASSERT_EQ(quick.events("instance_up").size(), 1u);
  EXPECT_EQ(quick.events("instance_up")[0]->t, at(70));
}

TEST(Restart, FailsTheRequestsInFlightOnTheInstance) {
  // One-second requests at 30/s: about ten are in flight at b-1 when it stops, twenty at the
  // others. Every user request is traced.
  std::string yaml = topology("trace_sample: 100%\n", "", "", "90s", 30);
  yaml = patch(
      patch(patch(yaml, "service_time: 10ms", "service_time: 1s"), "timeout: 500ms", "timeout: 5s"),
      "workers: 8", "workers: 50");
  const auto r = play(yaml, {{60, "restart b-1"}});
  int failed = 0, ok = 0;
  for (const auto& t : r.record.traces) {
    if (t.arrival >= at(60) || t.t < at(60)) continue;  // not in flight at 60 s
    if (!t.error) {
      ++ok;
      continue;
    }
    ++failed;
    EXPECT_EQ(*t.error, ErrorCause::Downstream);
    EXPECT_LE(t.t, at(61));  // when its work would have ended, at the latest
  }
  EXPECT_GE(failed, 3);
  EXPECT_GT(ok, failed);  // the other instances' requests complete
  EXPECT_EQ(r.service(b, 0, 60).errors_total(), 0u);
}

TEST(Restart, ARollingRestartDoesOneInstanceAfterAnother) {
  const auto r = play(topology("responders: { delays: { restart: 10s } }\n"), {{60, "restart b"}});
  ASSERT_TRUE(r.outcomes[0].accepted);
  EXPECT_TRUE(contains(r.outcomes[0].reply, "3 instances")) << r.outcomes[0].reply;
  const auto down = r.events("instance_down"), up = r.events("instance_up");
  ASSERT_EQ(down.size(), 3u);
  ASSERT_EQ(up.size(), 3u);
  const std::int64_t order[] = {b1, b2, b3};
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(down[k]->t, at(60 + 10 * static_cast<int>(k))) << k;
    EXPECT_EQ(up[k]->t, at(70 + 10 * static_cast<int>(k))) << k;
    EXPECT_EQ(Played::instance(down[k]), order[k]);
    EXPECT_EQ(Played::instance(up[k]), order[k]);
  }
  EXPECT_EQ(r.events("action_effect").size(), 3u);  // one per instance started
  // Never more than one instance down: every sample has two or three up, and users succeed.
  EXPECT_GE(r.service(b, 0, 240).up_min, 2);
  for (int t = 60; t < 90; t += 10) EXPECT_GT(r.service(a, t, t + 10).ok, 0u) << t;
}

TEST(Restart, AllAtOnceMakesTheServiceUnavailableMeanwhile) {
  const auto r = play(topology(""), {{60, "restart b --all"}});
  ASSERT_TRUE(r.outcomes[0].accepted);
  const auto down = r.events("instance_down"), up = r.events("instance_up");
  ASSERT_EQ(down.size(), 3u);
  ASSERT_EQ(up.size(), 3u);
  for (const auto* e : down) EXPECT_EQ(e->t, at(60));
  for (const auto* e : up) EXPECT_EQ(e->t, at(90));
  EXPECT_EQ(r.service(b, 60, 90).ok, 0u);
  EXPECT_EQ(r.service(a, 60, 90).ok, 0u);  // makes things worse: every user request fails
  EXPECT_GT(r.service(a, 60, 90).of(ErrorCause::Downstream), 0u);
  EXPECT_EQ(r.service(b, 60, 80).up_max, 0);  // the sample at 90 s follows the start
  EXPECT_EQ(r.service(a, 110, 240).errors_total(), 0u);
}

TEST(Restart, ClearsAHang) {
  // b with one instance: while it hangs, nothing works.
  const std::string one =
      patch(topology("faults:\n  - { name: h, kind: hang, target: b, at: 30s }\n"
                     "responders: { delays: { restart: 10s } }\n"),
            "replicas: 3", "replicas: 1");
  const auto hung = play(one, {});
  EXPECT_EQ(hung.service(a, 90, 240).ok, 0u);  // the hang lasts to the end
  const auto r = play(one, {{60, "restart b-1"}});
  ASSERT_EQ(r.events("instance_hung").size(), 1u);
  ASSERT_EQ(r.events("instance_down").size(), 1u);
  ASSERT_EQ(r.events("instance_up").size(), 1u);
  EXPECT_EQ(r.events("instance_up")[0]->t, at(70));
  EXPECT_EQ(r.service(a, 40, 60).ok, 0u);
  // Back in rotation within two health checks; then a fresh process answers everything.
  EXPECT_GT(r.service(b, 90, 240).ok, 0u);
  EXPECT_EQ(r.service(a, 90, 240).errors_total(), 0u);
}

TEST(Restart, ResetsAMemoryLeaksGrowth) {
  // +100 % service time per minute, killed at 4x: three minutes after each (re)start.
  const std::string yaml = topology(
      "faults:\n  - { name: m, kind: memory_leak, target: { service: b, instances: 1 }, at: 0s, "
      "growth: 100%/min, oom_at: 4x }\n"
      "responders: { delays: { restart: 10s } }\n",
      "", "", "5m", 30);
  const auto leak = play(yaml, {});
  ASSERT_EQ(leak.events("out_of_memory").size(), 1u);
  EXPECT_EQ(leak.events("out_of_memory")[0]->t, at(180));
  EXPECT_GT(leak.service(b, 50, 60).p99_max, ms(18));  // b-1 near 2x after a minute
  // Restarted at 60 s and up at 70 s: the leak starts over, so the next kill is at 250 s.
  const auto r = play(yaml, {{60, "restart b-1"}});
  const auto oom = r.events("out_of_memory");
  ASSERT_EQ(oom.size(), 1u);
  EXPECT_EQ(oom[0]->t, at(250));
  EXPECT_EQ(Played::instance(oom[0]), b1);
  // Growing again after the restart: near 4x (40 ms) just before the kill.
  EXPECT_GT(r.service(b, 240, 250).p99_max, ms(36));
}

TEST(Restart, DoesNotCureACrashLoop) {
  // Crashes at 30 s and every 20 s after each restart, 10 s later: up at 40 s. A restart at
  // 45 s starts a new life at 55 s, which the loop kills 20 s later, and so on.
  const auto r = play(topology("faults:\n  - { name: l, kind: crash_loop, target: { service: b, "
                               "instances: 1 }, at: 30s, uptime: 20s, restart_after: 10s }\n"
                               "responders: { delays: { restart: 10s } }\n",
                               "", "", "2m", 30),
                      {{45, "restart b-1"}});
  const auto down = r.events("instance_down"), up = r.events("instance_up");
  ASSERT_EQ(down.size(), 4u);
  EXPECT_EQ(down[0]->t, at(30));
  EXPECT_EQ(down[1]->t, at(45));  // the restart; the kill due at 60 s was for the old life
  EXPECT_EQ(down[2]->t, at(75));
  EXPECT_EQ(down[3]->t, at(105));
  ASSERT_EQ(up.size(), 4u);
  EXPECT_EQ(up[1]->t, at(55));
  EXPECT_EQ(up[2]->t, at(85));
  EXPECT_EQ(up[3]->t, at(115));
}

// ---------------------------------------------------------------------------------------------
// Rollback and revert.

TEST(Rollback, EndsABadDeployAfterItsDelay) {
  const auto r = play(topology("faults:\n  - { name: d, kind: bad_deploy, target: b, at: 30s, "
                               "rollout: 20s, share: 50% }\n"),
                      {{60, "rollback b"}, {100, "deploys"}, {200, "deploys"}});
  EXPECT_EQ(r.events("instance_deployed").size(), 3u);
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 1u);
  EXPECT_EQ(effect[0]->t, at(180));  // the default rollback delay, 2 minutes
  const auto end = r.events("fault_end");
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0]->t, at(180));
  EXPECT_EQ(end[0]->cause, effect[0]->seq);
  const auto reverted = r.events("instance_reverted");
  ASSERT_EQ(reverted.size(), 3u);
  for (const auto* e : reverted) {
    EXPECT_EQ(e->t, at(180));
    EXPECT_EQ(e->cause, end[0]->seq);
  }
  EXPECT_NEAR(r.service(b, 60, 180).share(ErrorCause::Injected), 0.5, 0.05);
  EXPECT_EQ(r.service(b, 180, 240).errors_total(), 0u);
  EXPECT_TRUE(contains(r.outcomes[1].reply, "b: deploy of a new version, 3/3 instances"))
      << r.outcomes[1].reply;
  EXPECT_TRUE(contains(r.outcomes[2].reply, "rolled back")) << r.outcomes[2].reply;
}

TEST(Revert, EndsAConfigPushAndRollbackDoesNot) {
  const auto r =
      play(topology("faults:\n  - { name: c, kind: config_push, target: b, at: 30s, factor: 3x }\n"
                    "responders: { delays: { rollback: 30s } }\n"),
           {{40, "rollback b"}, {100, "revert b"}});
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 2u);
  EXPECT_EQ(effect[0]->t, at(70));
  EXPECT_EQ(effect[1]->t, at(160));  // the default revert delay, 1 minute
  EXPECT_EQ(Played::effect(*effect[1]).action, "revert b");
  const auto end = r.events("fault_end");
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0]->t, at(160));
  EXPECT_EQ(end[0]->cause, effect[1]->seq);
  expect_ms(r.service(b, 70, 160).p50_max, 30);  // the rollback changed nothing
  expect_ms(r.service(b, 170, 240).p50_max, 10);
}

// ---------------------------------------------------------------------------------------------
// Failover.

TEST(Failover, TakesTheServiceDownWhileItSwitchesThenEndsTheFaultsOfTheOldPrimary) {
  const auto r =
      play(topology("faults:\n  - { name: slow, kind: latency, target: b, at: 30s, add: 100ms }\n"
                    "responders: { delays: { failover: 20s } }\n",
                    "", "", "5m"),
           {{60, "failover b"}});
  const auto* cmd = r.command("failover b");
  const auto down = r.events("instance_down"), up = r.events("instance_up");
  ASSERT_EQ(down.size(), 3u);
  for (const auto* e : down) {
    EXPECT_EQ(e->t, at(60));
    EXPECT_EQ(e->cause, cmd->seq);
  }
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 1u);
  EXPECT_EQ(effect[0]->t, at(80));
  const auto end = r.events("fault_end");
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0]->t, at(80));
  EXPECT_EQ(end[0]->cause, effect[0]->seq);
  ASSERT_EQ(up.size(), 3u);
  for (const auto* e : up) {
    EXPECT_EQ(e->t, at(80));
    EXPECT_EQ(e->cause, effect[0]->seq);
  }
  EXPECT_EQ(r.service(b, 60, 80).ok, 0u);
  EXPECT_GT(r.service(b, 60, 80).of(ErrorCause::Unavailable), 0u);
  EXPECT_GE(r.service(b, 40, 60).p50_max, ms(105));
  EXPECT_LT(r.service(b, 90, 300).p99_max, ms(40));  // no +100 ms, only a cold start
  expect_ms(r.service(b, 220, 300).p99_max, 10);
  ASSERT_EQ(r.events("fault_end").size(), 1u);
  EXPECT_EQ(r.events("fault_end")[0]->t, at(80));
}

// ---------------------------------------------------------------------------------------------
// Scaling.

TEST(Scale, OutFillsStandbySlotsThatTakeTrafficAndInDecommissions) {
  // One worker per instance at 75 % utilisation with two instances: queueing shows in p99.
  std::string yaml =
      topology("responders: { delays: { scale: 20s } }\n", "", "    max_replicas: 4\n", "5m", 150);
  yaml = patch(patch(patch(yaml, "replicas: 3", "replicas: 2"), "workers: 8", "workers: 1"),
               "queue: 100", "queue: unbounded");
  const auto r = play(yaml, {{30, "scale b 5"}, {60, "scale b 4"}, {250, "scale b 2"}});
  EXPECT_FALSE(r.outcomes[0].accepted);
  EXPECT_TRUE(contains(r.outcomes[0].reply, "at most 4")) << r.outcomes[0].reply;
  ASSERT_TRUE(r.outcomes[1].accepted) << r.outcomes[1].reply;
  const auto& names = r.record.header.names.instances;
  ASSERT_EQ(names.size(), 5u);
  EXPECT_FALSE(names[b2].standby);
  EXPECT_TRUE(names[b3].standby);
  EXPECT_EQ(names[b4].name, "b-4");
  EXPECT_TRUE(names[b4].standby);
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 2u);  // the rejected command has none
  const auto provisioned = r.events("instance_provisioned");
  ASSERT_EQ(provisioned.size(), 2u);
  EXPECT_EQ(provisioned[0]->t, at(80));
  EXPECT_EQ(Played::instance(provisioned[0]), b3);
  EXPECT_EQ(Played::instance(provisioned[1]), b4);
  EXPECT_EQ(provisioned[0]->cause, effect[0]->seq);
  EXPECT_EQ(r.events("instance_up").size(), 2u);
  EXPECT_EQ(r.service(b, 0, 70).up_max, 2);
  EXPECT_EQ(r.service(b, 70, 260).up_min, 4);
  // Spread over four warm instances, requests wait far less than over two.
  const Duration two = r.service(b, 20, 60).p99_max, four = r.service(b, 210, 250).p99_max;
  EXPECT_GT(two, ms(30));
  EXPECT_LT(four * 2, two) << "p99 with two instances " << two.to_ms() << " ms, with four "
                           << four.to_ms() << " ms";
  EXPECT_EQ(r.service(b, 80, 250).errors_total(), 0u);
  const auto gone = r.events("instance_decommissioned");
  ASSERT_EQ(gone.size(), 2u);
  EXPECT_EQ(gone[0]->t, at(270));
  EXPECT_EQ(Played::instance(gone[0]), b4);  // the last ones first
  EXPECT_EQ(Played::instance(gone[1]), b3);
  EXPECT_EQ(r.service(b, 270, 300).up_max, 2);
}

// ---------------------------------------------------------------------------------------------
// Draining zones.

TEST(Drain, StopsSendingToAZoneBeforeHealthChecksWould) {
  // Slow health checks: the dead instance in z2 stays in rotation for over a minute.
  const std::string yaml =
      patch(topology("faults:\n  - { name: z, kind: zone_outage, target: z2, at: 30s }\n"),
            "interval: 5s, unhealthy_threshold: 2", "interval: 30s, unhealthy_threshold: 3");
  const auto undrained = play(yaml, {});
  EXPECT_GT(undrained.service(b, 70, 90).of(ErrorCause::Unavailable), 0u);
  const auto r = play(yaml, {{40, "drain z2"}});
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 1u);
  EXPECT_EQ(effect[0]->t, at(70));  // the default drain delay, 30 s
  EXPECT_GT(r.service(b, 40, 70).of(ErrorCause::Unavailable), 0u);
  EXPECT_EQ(r.service(b, 70, 240).errors_total(), 0u);
  EXPECT_GT(r.service(b, 70, 240).ok, 0u);
}

TEST(Drain, EveryZoneDrainedMakesEverythingUnavailableUntilUndrained) {
  const auto r = play(topology(""), {{60, "drain z1"},
                                     {60, "drain z2"},
                                     {60, "drain z3"},
                                     {120, "undrain z1"},
                                     {120, "undrain z2"},
                                     {120, "undrain z3"}});
  EXPECT_EQ(r.events("action_effect").size(), 6u);
  EXPECT_EQ(r.service(a, 0, 90).errors_total(), 0u);
  const auto drained = r.service(a, 100, 150);
  EXPECT_EQ(drained.ok, 0u);
  EXPECT_EQ(drained.of(ErrorCause::Unavailable), drained.requests);
  EXPECT_EQ(r.source(100, 150).ok, 0u);
  EXPECT_EQ(r.service(a, 150, 240).errors_total(), 0u);
  EXPECT_GT(r.service(a, 150, 240).ok, 0u);
}

// ---------------------------------------------------------------------------------------------
// Load shedding and rate limiting at the entry point.

TEST(Shed, RejectsItsShareAtTheEntryUntilTurnedOff) {
  const auto r = play(topology("", "", "", "330s"), {{60, "shed users 50%"},
                                                     {140, "shed users off"},
                                                     {200, "limit users 20"},
                                                     {280, "limit users off"}});
  for (const auto& o : r.outcomes) EXPECT_TRUE(o.accepted) << o.reply;
  EXPECT_EQ(r.source(0, 75).of(ErrorCause::Rejected), 0u);
  const auto shed = r.source(80, 140);
  // 6000 requests: the binomial standard deviation of the share is 0.65 %.
  EXPECT_NEAR(shed.share(ErrorCause::Rejected), 0.5, 0.03);
  // Rejected requests never reach the service.
  EXPECT_EQ(r.service(a, 80, 140).requests, shed.requests - shed.of(ErrorCause::Rejected));
  EXPECT_EQ(r.source(160, 200).of(ErrorCause::Rejected), 0u);
  // Limited to 20 requests per second from 215 s.
  EXPECT_NEAR(static_cast<double>(r.service(a, 220, 280).requests), 20.0 * 60, 20);
  EXPECT_GT(r.source(220, 280).share(ErrorCause::Rejected), 0.7);
  EXPECT_EQ(r.source(300, 330).of(ErrorCause::Rejected), 0u);
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 4u);
  EXPECT_EQ(effect[0]->t, at(75));  // the default shed and limit delays, 15 s
  EXPECT_EQ(effect[2]->t, at(215));
  EXPECT_EQ(Played::effect(*effect[1]).action, "shed users off");
}

// ---------------------------------------------------------------------------------------------
// Retries and circuit breakers on a dependency.

TEST(Retries, OffStopsTheMultiplicationOfAttempts) {
  const auto r = play(
      topology("faults:\n  - { name: p, kind: partition, target: { from: a, to: b }, at: 30s }\n",
               ", retries: 2"),
      {{60, "retries off a->b"}, {180, "retries on a->b"}});
  const auto ratio = [&](int from, int to) {
    const auto w = r.dependency(from, to);
    return static_cast<double>(w.attempts) / static_cast<double>(w.calls);
  };
  EXPECT_NEAR(ratio(40, 90), 3.0, 0.15);
  const auto off = r.dependency(100, 180);
  EXPECT_GT(off.calls, 0u);
  EXPECT_EQ(off.attempts, off.calls);
  EXPECT_NEAR(ratio(220, 240), 3.0, 0.2);              // back on at 210 s
  EXPECT_EQ(r.events("action_effect")[0]->t, at(90));  // the default delay, 30 s
}

TEST(Breaker, ForcedOpenFailsCallsFastUntilGivenBackToItsRule) {
  const auto r = play(topology(""), {{60, "breaker open a->b"}, {150, "breaker auto a->b"}});
  const auto open = r.dependency(100, 150);
  EXPECT_GT(open.calls, 0u);
  EXPECT_EQ(open.of(ErrorCause::CircuitOpen), open.calls);
  EXPECT_EQ(open.attempts, 0u);
  EXPECT_EQ(r.service(b, 90, 180).requests, 0u);
  EXPECT_EQ(r.service(a, 100, 150).ok, 0u);
  EXPECT_EQ(r.service(a, 0, 90).errors_total(), 0u);
  EXPECT_EQ(r.dependency(180, 240).errors_total(), 0u);
  EXPECT_GT(r.service(b, 180, 240).ok, 0u);
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 2u);
  EXPECT_EQ(effect[0]->t, at(90));
  EXPECT_EQ(Played::effect(*effect[1]).action, "breaker auto a->b");
}

// ---------------------------------------------------------------------------------------------
// Caches in front of a dependency.

TEST(Cache, AFlushSendsEveryLookupToTheBackendThenWarms) {
  const auto r = play(topology("responders: { delays: { flush: 5s, cache_warm_for: 60s } }\n",
                               ", probability: 10%"),
                      {{60, "flush a->b"}});
  ASSERT_EQ(r.events("action_effect").size(), 1u);
  EXPECT_EQ(r.events("action_effect")[0]->t, at(65));
  EXPECT_NEAR(r.call_ratio(0, 60), 0.1, 0.02);
  // The sample (70 s, 80 s]: 5 to 15 s into a 60 s warm-up, misses fall from 92.5 % to 77.5 %.
  EXPECT_NEAR(r.call_ratio(70, 80), 0.85, 0.04);
  // (90 s, 100 s]: 25 to 35 s in, from 62.5 % to 47.5 %.
  EXPECT_NEAR(r.call_ratio(90, 100), 0.55, 0.04);
  EXPECT_NEAR(r.call_ratio(130, 240), 0.1, 0.02);
}

TEST(Cache, WarmingEndsACacheLoss) {
  const auto r = play(topology("faults:\n  - { name: c, kind: cache_loss, target: { from: a, to: "
                               "b }, at: 30s, warm_for: 10m }\n"
                               "responders: { delays: { warm: 20s } }\n",
                               ", probability: 10%"),
                      {{60, "warm a->b"}});
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 1u);
  EXPECT_EQ(effect[0]->t, at(80));
  const auto end = r.events("fault_end");
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0]->t, at(80));
  EXPECT_EQ(end[0]->cause, effect[0]->seq);
  EXPECT_GT(r.call_ratio(40, 60), 0.85);
  EXPECT_NEAR(r.call_ratio(80, 240), 0.1, 0.02);
}

// ---------------------------------------------------------------------------------------------
// Faults that last until an action.

TEST(UntilAction, AFaultLastsUntilThatActionTakesEffect) {
  const std::string yaml = topology(
      "faults:\n  - { name: e, kind: errors, target: a, at: 30s, share: 30%, "
      "until: { action: \"failover b\" } }\n"
      "responders: { delays: { failover: 20s } }\n");
  const auto unmitigated = play(yaml, {});
  EXPECT_TRUE(unmitigated.events("fault_end").empty());
  EXPECT_NEAR(unmitigated.service(a, 200, 240).share(ErrorCause::Injected), 0.3, 0.05);
  // Written another way, the command has the same normal form, so it counts.
  const auto r = play(yaml, {{60, "failover   b"}});
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 1u);
  EXPECT_EQ(effect[0]->t, at(80));
  const auto end = r.events("fault_end");
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0]->t, at(80));
  EXPECT_EQ(end[0]->cause, effect[0]->seq);
  EXPECT_NEAR(r.service(a, 30, 60).share(ErrorCause::Injected), 0.3, 0.05);
  EXPECT_EQ(r.service(a, 80, 240).of(ErrorCause::Injected), 0u);
  // Another action leaves it alone.
  const auto other = play(yaml, {{60, "restart b"}});
  EXPECT_TRUE(other.events("fault_end").empty());
}

// ---------------------------------------------------------------------------------------------
// Rejected commands.

TEST(Commands, RejectedOnesAreRecordedWithTheirErrorAndChangeNothing) {
  const std::string yaml = topology(
      "faults:\n  - { name: e, kind: errors, target: b, at: 30s, for: 60s, share: 20% }\n");
  const std::vector<Step> bad = {
      {30, "restrat b-1"},      {40, "scale b 9"},          {50, "drain z9"},
      {60, "flush a->b"},       {70, "retries maybe a->b"}, {80, ""},
      {90, "shed users 150%"},  {100, "restart b-7"},       {110, "ack"},
      {120, "!inject nothing"}, {130, "breaker open b->a"}, {140, "restart b --now"},
      {150, "update \" \""},    {160, "note '\t '"},        {170, "update \v"}};
  const auto r = play(yaml, bad);
  const auto baseline = play(yaml, {});
  for (std::size_t k = 0; k < bad.size(); ++k) {
    EXPECT_FALSE(r.outcomes[k].accepted) << bad[k].text;
    EXPECT_FALSE(r.outcomes[k].reply.empty()) << bad[k].text;
  }
  EXPECT_TRUE(contains(r.outcomes[0].reply, "did you mean 'restart'")) << r.outcomes[0].reply;
  EXPECT_TRUE(contains(r.outcomes[3].reply, "no cache")) << r.outcomes[3].reply;
  const auto lines = r.events("command");
  ASSERT_EQ(lines.size(), bad.size());
  for (std::size_t k = 0; k < bad.size(); ++k) {
    EXPECT_EQ(lines[k]->t, at(bad[k].at_s));
    EXPECT_FALSE(Played::said(*lines[k]).error.empty()) << bad[k].text;
  }
  EXPECT_EQ(Played::said(*lines[0]).verb, "restrat");
  EXPECT_EQ(Played::said(*lines[0]).text, "restrat b-1");
  EXPECT_EQ(r.commands(false), bad.size());
  EXPECT_EQ(r.commands(), 0u);
  EXPECT_TRUE(r.events("action_effect").empty());
  EXPECT_EQ(without_commands(r.text), without_commands(baseline.text));
  EXPECT_EQ(r.record.service_samples.size(), baseline.record.service_samples.size());
  // The comparison sees a command that does change something.
  EXPECT_NE(without_commands(play(yaml, {{60, "restart b-1"}}).text),
            without_commands(baseline.text));
}

// Whatever space ends the line, the next word is the one to complete: a line of only a '\n',
// '\r', '\v' or '\f' once read the first word of an empty list.
TEST(Commands, CompletionAfterAnySpaceOffersTheNextWord) {
  const Scenario s = testing::load_or_fail(topology(""));
  const std::vector<std::string> verbs = complete_command(s, "");
  ASSERT_FALSE(verbs.empty());
  for (const char* line : {" ", "\t", "\n", "\r", "\v", "\f", " \r\n"})
    EXPECT_EQ(complete_command(s, line), verbs) << ::testing::PrintToString(std::string(line));
  const std::vector<std::string> services = {"a", "b"};
  EXPECT_EQ(complete_command(s, "restart "), complete_command(s, "restart\v"));
  EXPECT_EQ(complete_command(s, "deps\f"), services);
}

// A fault's name gives the answer away ("db-slow"), so Tab never offers one, though the
// facilitator's `!inject` still takes it.
TEST(Commands, CompletionNeverOffersAFaultsName) {
  const Scenario s = testing::load_or_fail(topology(R"(faults:
  - { name: b-slow, kind: latency, target: b, at: 1m, for: 1m, add: 100ms }
)"));
  EXPECT_EQ(complete_command(s, "!inj"), std::vector<std::string>{"!inject"});
  EXPECT_TRUE(complete_command(s, "!inject ").empty());
  EXPECT_TRUE(complete_command(s, "!inject b").empty());
  EXPECT_TRUE(parse_command(s, "!inject b-slow").command.has_value());
}

// ---------------------------------------------------------------------------------------------
// The incident process.

// A command's normal form is what the record keeps and a replay submits again, so it must read
// back as itself: a note's text loses its surrounding spaces and quotes once and for all.
TEST(Commands, TheNormalFormOfATextReadsBackAsItself) {
  const Scenario s = testing::load_or_fail(topology(""));
  for (const char* line : {"note \"  spaced  \"", "note '\"quoted twice\"'", "note \t\tx\v",
                           "update \"a\" and \"b\"", "note x\t\f", "note \"\v y \n\""}) {
    const ParsedCommand first = parse_command(s, line);
    ASSERT_TRUE(first.command) << ::testing::PrintToString(std::string(line));
    const std::string normal = first.command->canonical(s);
    const ParsedCommand again = parse_command(s, normal);
    ASSERT_TRUE(again.command) << ::testing::PrintToString(normal);
    EXPECT_EQ(again.command->canonical(s), normal) << ::testing::PrintToString(std::string(line));
  }
  EXPECT_EQ(parse_command(s, "note \"  spaced  \"").command->text, "spaced");
}

TEST(Process, AckDeclareRolesUpdatesAndNotes) {
  const std::string yaml = topology(
      "faults:\n  - { name: e, kind: errors, target: b, at: 30s, share: 50% }\n"
      "alerts:\n  - { name: b-errors, severity: page, service: b, metric: error_ratio, "
      "window: 1m, above: 1% }\n");
  const std::vector<Step> steps = {
      {40, "ack all", "alice"},       // pending at most: not firing yet
      {95, "ack b-errors", "alice"},  // firing since 60 s, paged at 90 s
      {100, "ack all", "alice"},      // already acknowledged
      {105, "declare sev2", "alice"},
      {110, "role ic alice", "alice"},
      {115, "note \"b returns 500s\"", "alice"},                  // alice is the commander
      {120, "role commander bob", "alice"},                       // hands it over
      {125, "update \"We are investigating errors.\"", "alice"},  // alice has no role now
      {130, "note checking", "bob"},                              // bob is the commander
      {135, "role ops bob", "carol"},                             // one role per person
      {140, "note still checking", "bob"},
      {145, "status", "carol"},
      {150, "mitigated", "bob"},
      {160, "resolve", "bob"}};
  const auto r = play(yaml, steps);
  for (const auto& o : r.outcomes) EXPECT_TRUE(o.accepted) << o.reply;
  EXPECT_EQ(r.outcomes[0].reply, "nothing firing to acknowledge");
  EXPECT_EQ(r.outcomes[1].reply, "acknowledged: b-errors");
  EXPECT_EQ(r.outcomes[2].reply, "nothing firing to acknowledge");
  const auto pages = r.events("page");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0]->t, at(90));
  const auto lines = r.events("command");
  ASSERT_EQ(lines.size(), steps.size());
  for (std::size_t k = 0; k < steps.size(); ++k) {
    EXPECT_EQ(lines[k]->t, at(steps[k].at_s));
    EXPECT_EQ(Played::said(*lines[k]).responder, steps[k].responder);
    EXPECT_TRUE(Played::said(*lines[k]).accepted());
  }
  EXPECT_EQ(Played::said(*lines[3]).text, "declare SEV2");
  EXPECT_EQ(Played::said(*lines[4]).text, "role incident_commander alice");
  EXPECT_EQ(Played::said(*lines[4]).role, "");  // the role is given by this line
  EXPECT_EQ(Played::said(*lines[5]).role, "incident_commander");
  EXPECT_EQ(Played::said(*lines[5]).text, "note b returns 500s");
  EXPECT_EQ(Played::said(*lines[5]).verb, "note");
  EXPECT_EQ(Played::said(*lines[7]).role, "");
  EXPECT_EQ(Played::said(*lines[7]).text, "update We are investigating errors.");
  EXPECT_EQ(Played::said(*lines[7]).verb, "update");
  EXPECT_EQ(Played::said(*lines[8]).role, "incident_commander");
  EXPECT_EQ(Played::said(*lines[10]).role, "operations");
  EXPECT_TRUE(contains(r.outcomes[11].reply, "operations: bob")) << r.outcomes[11].reply;
  EXPECT_FALSE(contains(r.outcomes[11].reply, "incident_commander")) << r.outcomes[11].reply;
  EXPECT_TRUE(contains(r.outcomes[11].reply, "SEV2")) << r.outcomes[11].reply;
  EXPECT_EQ(r.first("declare"), at(105));
  EXPECT_TRUE(Played::said(*r.command("declare SEV2")).accepted());  // the severity, normalised
  EXPECT_EQ(r.first("mitigated"), at(150));
  EXPECT_EQ(r.first("resolve"), at(160));
  EXPECT_EQ(r.commands(), steps.size());
  EXPECT_EQ(r.actions(), 0u);
  // None of it changes the system.
  EXPECT_EQ(without_commands(r.text), without_commands(play(yaml, {}).text));
}

// ---------------------------------------------------------------------------------------------
// The facilitator.

TEST(Facilitator, InjectStartsAFaultNowAndEndStopsTheGame) {
  const auto r =
      play(topology("faults:\n  - { name: late, kind: errors, target: b, at: 10m, share: 50% }\n"),
           {{60, "!inject late", "facilitator"},
            {70, "!inject late", "facilitator"},
            {80, "!reveal", "facilitator"},
            {90, "!end", "facilitator"}});
  for (const auto& o : r.outcomes) EXPECT_TRUE(o.accepted) << o.reply;
  EXPECT_TRUE(contains(r.outcomes[1].reply, "already active")) << r.outcomes[1].reply;
  EXPECT_TRUE(contains(r.outcomes[2].reply, "late (errors)")) << r.outcomes[2].reply;
  const auto start = r.events("fault_start");
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0]->t, at(60));
  EXPECT_EQ(r.service(b, 0, 60).errors_total(), 0u);
  EXPECT_NEAR(r.service(b, 60, 90).share(ErrorCause::Injected), 0.5, 0.07);
  EXPECT_TRUE(r.ended_early);
  ASSERT_TRUE(r.record.end.has_value());
  EXPECT_EQ(r.record.end->t, at(90));
  EXPECT_EQ(r.record.end->reason, "ended");
  EXPECT_EQ(r.record.service_samples.back().t, at(90));
  EXPECT_EQ(r.summary.end, at(90));
}

TEST(Facilitator, AnInjectedSurgeSurgesFromThenAndEndsWithItsFault) {
  // Scheduled for after the run's end: only the facilitator can start it; `until` ends it.
  const auto r = play(topology("faults:\n"
                               "  - { name: rush, kind: traffic_surge, target: { source: users }, "
                               "at: 10m, factor: 3x, until: { action: shed users off } }\n"),
                      {{60, "!inject rush", "facilitator"}, {120, "shed users off", "ops"}});
  for (const auto& o : r.outcomes) EXPECT_TRUE(o.accepted) << o.reply;
  ASSERT_EQ(r.events("fault_end").size(), 1u);
  EXPECT_EQ(r.events("fault_end")[0]->t, at(135));  // the shed delay, 15 s
  const double before = static_cast<double>(r.source(0, 60).requests) / 60;
  const double during = static_cast<double>(r.source(70, 130).requests) / 60;
  const double after = static_cast<double>(r.source(140, 240).requests) / 100;
  EXPECT_NEAR(before, 100, 8);
  EXPECT_NEAR(during, 300, 15);
  EXPECT_NEAR(after, 100, 8);
}

TEST(Facilitator, EndMakesTheSimulationDone) {
  const Scenario s = testing::load_or_fail(topology(""));
  eventlog::RecordWriter out;
  Simulation sim(s, RunInfo{1, "test", "fnv1a64:0", "commands"}, out);
  sim.run_until(at(45));
  EXPECT_FALSE(sim.done());
  EXPECT_TRUE(sim.submit({"facilitator", "!end", std::nullopt}).accepted);
  EXPECT_TRUE(sim.done());
  EXPECT_TRUE(sim.ended_early());
  const auto events = sim.events_executed();
  sim.run_until(at(200));
  EXPECT_EQ(sim.now(), at(45));
  EXPECT_EQ(sim.events_executed(), events);
}

// ---------------------------------------------------------------------------------------------
// Investigation.

// Ratios are drawn on an absolute scale: a quiet service's low, flat utilisation stays low,
// and each chart says its axis.
TEST(Investigate, MetricsChartsHaveAxes) {
  const auto r = play(topology("", "", "", "2m", 50), {{70, "metrics a"}});
  const std::string& reply = r.outcomes[0].reply;
  EXPECT_TRUE(contains(reply, "samples of 10s, 0 to 1m10s")) << reply;
  EXPECT_TRUE(contains(reply, "(axis 0 to 100%)")) << reply;
  EXPECT_TRUE(contains(reply, "/s (axis 0 to ")) << reply;
  const std::size_t busy = reply.find("busy");
  ASSERT_NE(busy, std::string::npos);
  EXPECT_EQ(reply.find("\u2588", busy), std::string::npos) << "a quiet service drawn as full:\n"
                                                           << reply;
}

// A rolling deploy seen as the on-call's dashboard splits it: by version the new release fails
// and the old one does not; by instance, the reached instances; by zone, each zone's share.
TEST(Investigate, MetricsByVersionInstanceAndZoneSplitARollingDeploy) {
  const std::string yaml = topology(
      "faults:\n  - { name: release, kind: bad_deploy, target: b, at: 10s, rollout: 20s, share: "
      "50% }\n",
      "", "", "2m", 50);
  const auto r = play(yaml, {{20, "metrics b --by version"},
                             {70, "metrics b --by version"},
                             {70, "metrics b --by instance"},
                             {70, "metrics b --by zone"},
                             {70, "metrics b --by colour"}});
  ASSERT_EQ(r.outcomes.size(), 5u);
  // At 20 s the rollout has reached the first instance only.
  const std::string& early = r.outcomes[0].reply;
  EXPECT_TRUE(contains(early, "b by version, ")) << early;
  EXPECT_TRUE(contains(early, "\nv1 ")) << early;
  EXPECT_TRUE(contains(early, "\nv2 ")) << early;
  // At 70 s every instance runs v2: v1 has no instance now, v2 fails about half its requests.
  const std::string& late = r.outcomes[1].reply;
  const std::size_t v1 = late.find("\nv1 "), v2 = late.find("\nv2 ");
  ASSERT_NE(v1, std::string::npos) << late;
  ASSERT_NE(v2, std::string::npos) << late;
  EXPECT_TRUE(contains(late.substr(v1, late.find('\n', v1 + 1) - v1), " - ")) << late;
  const std::string v2_line = late.substr(v2 + 1, late.find('\n', v2 + 1) - v2 - 1);
  EXPECT_TRUE(v2_line.ends_with(" 3")) << "three instances up on v2: " << v2_line;
  for (const char* instance : {"\nb-1 ", "\nb-2 ", "\nb-3 "})
    EXPECT_TRUE(contains(r.outcomes[2].reply, instance)) << r.outcomes[2].reply;
  for (const char* zone : {"\nz1 ", "\nz2 ", "\nz3 "})
    EXPECT_TRUE(contains(r.outcomes[3].reply, zone)) << r.outcomes[3].reply;
  EXPECT_TRUE(contains(r.outcomes[4].reply, "unknown view 'colour'")) << r.outcomes[4].reply;
}

// The library's bad-deploy at 20 minutes, halfway through the rollout: smart-router's errors
// are on the new release, the old one has none; one instance of each, looked at alone, agrees.
TEST(Investigate, BadDeploysRolloutShowsOnTheNewVersionAlone) {
  std::ifstream in(std::string(GAMEDAY_SOURCE_DIR) + "/scenarios/bad-deploy.yaml");
  const std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto r = play(yaml, {{20 * 60, "metrics smart-router --by version"},
                             {20 * 60, "metrics smart-router-1"},
                             {20 * 60, "metrics smart-router-8"}});
  // The scenario takes time to look: the answers come as messages.
  std::vector<std::string> answers;
  for (const ConsoleMessage& m : r.messages)
    if (m.kind == ConsoleMessage::Kind::Answer) answers.push_back(m.text);
  ASSERT_EQ(answers.size(), 3u);
  const std::string& reply = answers[0];
  const auto error_share = [&](const std::string& version) {
    const std::size_t at = reply.find("\n" + version + " ");
    EXPECT_NE(at, std::string::npos) << reply;
    std::istringstream row(reply.substr(at + 1, reply.find('\n', at + 1) - at - 1));
    std::string key, chart, share;
    row >> key >> chart >> share;
    return std::stod(share);
  };
  EXPECT_GT(error_share("v2"), 10.0) << reply;
  EXPECT_LT(error_share("v1"), 1.0) << reply;
  EXPECT_TRUE(contains(answers[1], "release v2")) << answers[1];
  EXPECT_TRUE(contains(answers[2], "release v1")) << answers[2];
}

// A client that cannot connect logs why, as its TLS or resolver library would: the words a
// responder searches for, not the fault's name.
TEST(Investigate, LogsSayWhyAConnectionFailed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"certificate_expiry",
       "tls: failed to verify certificate for b: x509: certificate has "
       "expired or is not yet valid"},
      {"dns_failure", "dial tcp: lookup b: no such host"}};
  for (const auto& [kind, logged] : cases) {
    const std::string yaml = topology(
        "faults:\n  - { name: f, kind: " + kind + ", target: b, at: 10s }\n", "", "", "2m", 50);
    const auto r =
        play(yaml, {{70, "logs a"}, {70, "logs a --grep NO SUCH"}, {70, "logs a --grep zebra"}});
    EXPECT_TRUE(contains(r.outcomes[0].reply, logged)) << kind << ":\n" << r.outcomes[0].reply;
    // --grep keeps the lines that contain the text, in any case.
    const std::string& grepped = r.outcomes[1].reply;
    EXPECT_EQ(contains(grepped, logged), kind == "dns_failure") << grepped;
    EXPECT_FALSE(contains(grepped, "x509")) << grepped;
    EXPECT_EQ(r.outcomes[2].reply, "no log line contains 'zebra'\n");
  }
}

TEST(Investigate, AnswersShowSymptomsButNeverTheFaults) {
  const std::string yaml = topology(
      "faults:\n"
      "  - { name: mystery-one, kind: latency, target: b, at: 20s, add: 300ms }\n"
      "  - { name: mystery-two, kind: memory_leak, target: { service: b, instances: 1 }, at: 0s, "
      "growth: 100%/min, oom_at: 1.5x, restart_after: 10s }\n"
      "  - { name: mystery-three, kind: bad_deploy, target: a, at: 10s, rollout: 10s, share: 1% }\n"
      "alerts:\n  - { name: b-slow, severity: page, service: b, metric: latency_p99, window: 1m, "
      "above: 100ms, summary: b is slow }\n",
      "", "", "2m", 50);
  // A short timeout: the latency turns into timeouts at a.
  const std::string patched = patch(yaml, "timeout: 500ms", "timeout: 100ms");
  const std::vector<std::string> looks = {"status",
                                          "alerts",
                                          "metrics a",
                                          "metrics b",
                                          "deps a",
                                          "deps b",
                                          "logs a",
                                          "logs b",
                                          "deploys",
                                          "describe a",
                                          "describe b",
                                          "metrics a --by version",
                                          "metrics b --by instance"};
  std::vector<Step> steps;
  for (const auto& l : looks) steps.push_back({70, l});
  steps.push_back({70, "!reveal", "facilitator"});
  const auto r = play(patched, steps);
  for (std::size_t k = 0; k < looks.size(); ++k) {
    const std::string& reply = r.outcomes[k].reply;
    EXPECT_TRUE(r.outcomes[k].accepted) << looks[k];
    EXPECT_FALSE(reply.empty()) << looks[k];
    for (const char* secret : {"mystery", "latency", "memory_leak", "bad_deploy", "fault"})
      EXPECT_FALSE(contains(reply, secret)) << looks[k] << " says '" << secret << "':\n" << reply;
  }
  const auto reply = [&](std::string_view look) {
    return r
        .outcomes[static_cast<std::size_t>(std::find(looks.begin(), looks.end(), look) -
                                           looks.begin())]
        .reply;
  };
  EXPECT_TRUE(contains(reply("logs a"), "context deadline exceeded calling b after 100ms (504)"))
      << reply("logs a");
  EXPECT_TRUE(contains(reply("logs b"), "b-1: killed by the kernel: out of memory"))
      << reply("logs b");
  EXPECT_TRUE(contains(reply("alerts"), "FIRING")) << reply("alerts");
  EXPECT_TRUE(contains(reply("alerts"), "b-slow")) << reply("alerts");
  EXPECT_TRUE(contains(reply("deploys"), "a: deploy of a new version")) << reply("deploys");
  EXPECT_TRUE(contains(reply("describe a"), "calls b: timeout 100ms")) << reply("describe a");
  // a's call to b has no cache in front of it (no `probability`): describe says none.
  EXPECT_FALSE(contains(reply("describe a"), "cached")) << reply("describe a");
  const std::string& truth = r.outcomes.back().reply;
  EXPECT_TRUE(contains(truth, "mystery-one (latency)")) << truth;
  EXPECT_TRUE(contains(truth, "mystery-two (memory_leak)")) << truth;
  EXPECT_TRUE(contains(truth, "mystery-three (bad_deploy)")) << truth;
  // Looking changes nothing.
  EXPECT_EQ(without_commands(r.text), without_commands(play(patched, {}).text));
}

TEST(Investigate, TheScenariosInvestigateTimeDelaysTheAnswer) {
  const Scenario s = testing::load_or_fail(topology("responders: { investigate: 30s }\n"));
  eventlog::RecordWriter out;
  Simulation sim(s, RunInfo{1, "test", "fnv1a64:0", "commands"}, out);
  sim.run_until(at(60));
  const auto outcome = sim.submit({"alice", "status", std::nullopt});
  EXPECT_TRUE(outcome.accepted);
  EXPECT_TRUE(contains(outcome.reply, "looking (30s)")) << outcome.reply;
  EXPECT_TRUE(contains(sim.submit({"alice", "help", std::nullopt}).reply, "restart"));
  sim.run_until(at(89));
  for (const auto& m : sim.take_messages()) EXPECT_NE(m.kind, ConsoleMessage::Kind::Answer);
  sim.run_until(at(90));
  const auto messages = sim.take_messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, ConsoleMessage::Kind::Answer);
  EXPECT_EQ(messages[0].t, at(90));
  EXPECT_EQ(messages[0].to, "alice") << "an answer is for the one who asked";
  EXPECT_TRUE(contains(messages[0].text, "at 00:01:30 (1m30s)")) << messages[0].text;
  EXPECT_TRUE(contains(messages[0].text, "3/3")) << messages[0].text;
}

// ---------------------------------------------------------------------------------------------
// A hosted game's seats and their rules.

// Who joined may do what their seat allows; a refused command says why, changes nothing and is
// recorded, so a re-run of the record refuses it again. People without a seat (a solo console,
// a script) have no rules.
TEST(Seats, EachSeatMayDoWhatItsRulesAllowAndARefusalIsRecorded) {
  const std::string yaml = topology("");
  const auto r = play(yaml, {{10, "join ic", "ines"},
                             {10, "join ops", "omar"},
                             {10, "join comms", "cleo"},
                             {10, "join observer", "olga"},
                             {10, "join facilitator", "fay"},
                             {20, "restart b-1", "cleo"},           // 5: comms does not act
                             {20, "declare SEV2", "omar"},          // 6: only the IC declares
                             {20, "declare SEV2", "ines"},          // 7
                             {20, "update investigating", "omar"},  // 8: comms or the IC
                             {20, "update investigating", "cleo"},  // 9
                             {20, "status", "olga"},                // 10: an observer looks
                             {20, "note seen it", "olga"},          // 11: and only looks and says
                             {20, "say I see it too", "olga"},      // 12
                             {20, "!reveal", "omar"},               // 13: players never facilitate
                             {20, "!reveal", "fay"},                // 14
                             {20, "restart b-1", "omar"},           // 15
                             {20, "join ic", "zed"},                // 16: the IC seat is taken
                             {20, "leave", "ines"},                 // 17
                             {20, "declare SEV1", "ines"},          // 18: gone
                             {20, "resolve", "omar"},               // 19: no IC present: anyone
                             {20, "restart b-2", "solo"}});         // 20: no seat, no rules
  const std::vector<bool> accepted = {true, true,  true,  true, true,  false, false,
                                      true, false, true,  true, false, true,  false,
                                      true, true,  false, true, false, true,  true};
  ASSERT_EQ(r.outcomes.size(), accepted.size());
  for (std::size_t i = 0; i < accepted.size(); ++i)
    EXPECT_EQ(r.outcomes[i].accepted, accepted[i]) << i << ": " << r.outcomes[i].reply;
  EXPECT_TRUE(contains(r.outcomes[5].reply,
                       "that is for incident commander or operations; cleo is communications"))
      << r.outcomes[5].reply;
  EXPECT_TRUE(contains(r.outcomes[6].reply, "that is for incident commander; omar is operations"))
      << r.outcomes[6].reply;
  EXPECT_TRUE(contains(r.outcomes[11].reply, "olga is an observer"));
  EXPECT_TRUE(contains(r.outcomes[13].reply, "only the facilitator"));
  EXPECT_TRUE(contains(r.outcomes[16].reply, "ines is the incident_commander"));
  EXPECT_TRUE(contains(r.outcomes[18].reply, "ines has left the game"));
  // Every command is in the record with the person and the seat they had then.
  const auto commands = r.events("command");
  ASSERT_EQ(commands.size(), accepted.size());
  const auto* refused = commands[6]->get<eventlog::CommandIssued>();
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->responder, "omar");
  EXPECT_EQ(refused->role, "operations");
  EXPECT_FALSE(refused->accepted());
  EXPECT_EQ(commands[14]->get<eventlog::CommandIssued>()->role, "facilitator");
  // Only the two accepted restarts took effect.
  EXPECT_EQ(r.events("action_effect").size(), 2u);
  // A re-run of the record's commands gives the same record.
  std::vector<Step> again;
  for (const eventlog::Event* e : commands) {
    const auto* c = e->get<eventlog::CommandIssued>();
    again.push_back(
        {static_cast<int>(e->t.since_start().ns() / seconds(1).ns()), c->text, c->responder});
  }
  EXPECT_EQ(play(yaml, again).text, r.text);
}

// A scenario's own rules: here anyone may act and the scribe leads. The record's header keeps
// them, so reading it back gives the same scenario and a re-run the same refusals.
TEST(Seats, AScenariosRulesDecideWhoMayDoWhat) {
  const std::string yaml =
      topology("responders:\n  rules: { act: [anyone], lead: [scribe, ic], update: [comms] }\n");
  const auto r = play(yaml, {{10, "join comms", "cleo"},
                             {10, "join scribe", "sam"},
                             {10, "join ic", "ines"},
                             {20, "restart b-1", "cleo"},      // 3: anyone acts
                             {20, "declare SEV3", "sam"},      // 4: the scribe leads
                             {20, "update all good", "ines"},  // 5: only comms updates
                             {20, "update all good", "cleo"}});
  const std::vector<bool> accepted = {true, true, true, true, true, false, true};
  ASSERT_EQ(r.outcomes.size(), accepted.size());
  for (std::size_t i = 0; i < accepted.size(); ++i)
    EXPECT_EQ(r.outcomes[i].accepted, accepted[i]) << i << ": " << r.outcomes[i].reply;
  EXPECT_TRUE(
      contains(r.outcomes[5].reply, "that is for communications; ines is incident commander"))
      << r.outcomes[5].reply;
  const model::SeatRules& kept = r.record.header.scenario.rules;
  EXPECT_EQ(kept.act.size(), 4u);
  EXPECT_EQ(kept.lead,
            (std::vector<model::Role>{model::Role::Scribe, model::Role::IncidentCommander}));
  EXPECT_EQ(kept.update, std::vector<model::Role>{model::Role::Communications});
  EXPECT_TRUE(contains(r.text, R"("rules":{"act":["incident_commander","operations",)"));
  // Without rules, the header has none: records of other scenarios keep their bytes.
  EXPECT_FALSE(contains(play(topology(""), {}).text, R"("rules")"));
}

// ---------------------------------------------------------------------------------------------
// The automatic on-call (`--responders auto`).

TEST(AutoResponders, AckDeclareRunTheRunbookThenMitigateAndResolve) {
  const std::string yaml = topology(
      "faults:\n  - { name: slow, kind: latency, target: b, at: 60s, add: 300ms, "
      "until: { action: failover b } }\n"
      "alerts:\n  - { name: b-slow, severity: page, service: b, metric: latency_p99, window: 1m, "
      "above: 100ms }\n"
      "responders: { ack_after: 2m, resolve_after: 5m, delays: { failover: 20s } }\n"
      "runbooks:\n  - name: b-slow-book\n    alerts: [b-slow]\n    severity: SEV2\n"
      "    steps:\n      - metrics b\n"
      "      - { do: failover b, if: { service: b, p99_above: 100ms } }\n"
      "      - { do: restart b --all, if: { service: b, utilisation_above: 90% } }\n",
      "", "", "15m", 20);
  const auto none = play(yaml, {}, "none");
  EXPECT_EQ(none.record.header.responders, "none");
  EXPECT_TRUE(none.events("command").empty());
  EXPECT_TRUE(none.events("fault_end").empty());  // lasts to the end without the failover
  EXPECT_FALSE(none.first("declare").has_value());

  const auto r = play(yaml, {}, "auto");
  EXPECT_EQ(r.record.header.responders, "auto");
  const auto pages = r.events("page");
  ASSERT_FALSE(pages.empty());
  const Time paged = pages[0]->t;
  EXPECT_GT(paged, at(60));
  std::vector<std::string> said;
  for (const auto* e : r.events("command")) {
    EXPECT_EQ(Played::said(*e).responder, "oncall");
    EXPECT_TRUE(Played::said(*e).accepted()) << Played::said(*e).text;
    said.push_back(Played::said(*e).text);
  }
  ASSERT_GE(said.size(), 5u);
  EXPECT_EQ(said[0], "ack all");
  EXPECT_EQ(said[1], "declare SEV2");
  EXPECT_EQ(said[2], "role incident_commander oncall");
  const auto* ack = r.command("ack all");
  EXPECT_EQ(ack->t, paged + minutes(2));  // the constant ack_after
  EXPECT_EQ(r.first("declare"), paged + minutes(2));
  EXPECT_EQ(r.command("metrics b")->t, paged + minutes(2));
  const auto* failover = r.command("failover b");
  EXPECT_EQ(failover->t, paged + minutes(2));
  EXPECT_EQ(Played::said(*failover).role, "incident_commander");
  // The restart's condition does not hold: skipped, with a note.
  EXPECT_EQ(std::count(said.begin(), said.end(), "restart b --all"), 0);
  EXPECT_NE(std::find_if(said.begin(), said.end(),
                         [](const std::string& s) { return contains(s, "skipped"); }),
            said.end());
  const auto effect = r.events("action_effect");
  ASSERT_EQ(effect.size(), 1u);
  EXPECT_EQ(effect[0]->t, failover->t + seconds(20));
  const auto end = r.events("fault_end");
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0]->cause, effect[0]->seq);
  // Then quiet: mitigated, and resolved after five quiet minutes.
  ASSERT_TRUE(r.first("mitigated").has_value());
  ASSERT_TRUE(r.first("resolve").has_value());
  EXPECT_GT(*r.first("mitigated"), effect[0]->t);
  EXPECT_EQ(*r.first("resolve") - *r.first("mitigated"), minutes(5));
  EXPECT_EQ(r.events("alert_resolved").size(), 1u);
  EXPECT_GE(*r.first("mitigated"), r.events("alert_resolved")[0]->t);
  EXPECT_EQ(said.back(), "update Resolved.");
  EXPECT_EQ(r.commands(false), 0u);
  // The same run again: the same bytes.
  EXPECT_TRUE(play(yaml, {}, "auto").text == r.text);
}

TEST(AutoResponders, AStepAfterAnActionIsJudgedOnTheSampleAfterItsEffect) {
  // The rollback takes effect 20 s after it is typed; the on-call looks again one sample
  // interval later, at a sample instant, and must see that interval (no errors any more), not
  // the one that ended as the rollback took effect.
  const std::string yaml = topology(
      "faults:\n  - { name: d, kind: bad_deploy, target: b, at: 30s, rollout: 1s, share: 100% }\n"
      "alerts:\n  - { name: b-errors, severity: page, service: b, metric: error_ratio, "
      "window: 1m, above: 10% }\n"
      "responders: { ack_after: 1m, delays: { rollback: 20s } }\n"
      "runbooks:\n  - name: book\n    alerts: [b-errors]\n"
      "    steps:\n      - rollback b\n"
      "      - { do: restart b --all, if: { service: b, error_ratio_above: 10% } }\n",
      "", "", "5m", 20);
  const auto r = play(yaml, {}, "auto");
  const auto* rollback = r.command("rollback b");
  ASSERT_EQ(r.events("fault_end").size(), 1u);
  EXPECT_EQ(r.events("fault_end")[0]->t, rollback->t + seconds(20));
  EXPECT_EQ(rollback->t.ns() % seconds(10).ns(), 0);  // the case that matters: on the grid
  std::vector<std::string> said;
  for (const auto* e : r.events("command")) said.push_back(Played::said(*e).text);
  EXPECT_EQ(std::count(said.begin(), said.end(), "restart b --all"), 0);
  EXPECT_TRUE(r.events("instance_down").empty());
}

// ---------------------------------------------------------------------------------------------
// Determinism.

TEST(Determinism, TheSameCommandsAtTheSameTimesGiveTheSameBytesHoweverTheRunIsChunked) {
  const std::string yaml = topology(
      "faults:\n  - { name: e, kind: errors, target: b, at: 20s, share: 20% }\n"
      "responders: { delays: { restart: 10s, scale: 15s } }\n",
      ", retries: { max: 2, backoff: 20ms, jitter: full }", "    max_replicas: 4\n", "3m");
  const std::vector<Step> steps = {
      {30, "restart b-2"}, {45, "scale b 4"},      {50, "shed users 20%"}, {70, "retries off a->b"},
      {75, "restrat b"},   {90, "note looking"},   {100, "status"},        {110, "restart b --all"},
      {130, "drain z3"},   {150, "shed users off"}};
  const auto once = play(yaml, steps);
  const auto again = play(yaml, steps);
  const auto by_second = play(yaml, steps, "commands", 1, seconds(1));
  const auto by_odd_steps = play(yaml, steps, "commands", 1, ms(2300));
  // Bounded steps stop between events of one instant too (samples, health checks).
  const auto by_one_event = play(yaml, steps, "commands", 1, Duration{}, 1);
  const auto by_seven_events = play(yaml, steps, "commands", 1, Duration{}, 7);
  EXPECT_TRUE(once.text == again.text) << "records differ";
  EXPECT_TRUE(once.text == by_second.text) << "chunking run_until changed the record";
  EXPECT_TRUE(once.text == by_odd_steps.text) << "chunking run_until changed the record";
  EXPECT_TRUE(once.text == by_one_event.text) << "bounded steps changed the record";
  EXPECT_TRUE(once.text == by_seven_events.text) << "bounded steps changed the record";
  // Seven actions: the rejected line, the note and the look take no effect.
  EXPECT_EQ(once.events("action_effect").size(), 7u);
  // A command a second later is another run.
  std::vector<Step> later = steps;
  later[0].at_s = 31;
  EXPECT_NE(play(yaml, later).text, once.text);
}

}  // namespace
}  // namespace gameday::sim

namespace gameday::sim {
namespace {

// The one vocabulary: every verb has one row and a unique name that parses back to it, and the
// role aliases the parser accepts name the role the scorecard reports.
TEST(Vocabulary, EveryVerbAndRoleHasOneNameThatFindsIt) {
  std::vector<std::string_view> names;
  for (const model::VerbInfo& v : model::verbs()) {
    EXPECT_EQ(model::find_verb(v.name), v.verb) << v.name;
    EXPECT_EQ(model::verb_name(v.verb), v.name);
    EXPECT_EQ(v.name.starts_with('!'), v.cls == model::VerbClass::Facilitator) << v.name;
    names.push_back(v.name);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  EXPECT_EQ(names.size(), static_cast<std::size_t>(model::Verb::End) + 1);
  EXPECT_FALSE(model::find_verb("restrat"));
  for (const model::RoleInfo& r : model::roles())
    for (const std::string_view alias : r.names) EXPECT_EQ(model::find_role(alias), r.role);
  EXPECT_EQ(model::find_role("ic"), model::Role::IncidentCommander);
  EXPECT_EQ(model::role_name(model::Role::Communications), "communications");
  EXPECT_FALSE(model::find_role("captain"));
}

}  // namespace
}  // namespace gameday::sim

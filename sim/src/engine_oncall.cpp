// The automatic on-call of `--responders auto`: a person modelled as a few habits.
//
// Paged, they acknowledge after a delay drawn from the scenario's `ack_after`, declare an
// incident, take the incident commander role and post a first update; then they run the
// runbooks attached to the paging alerts, one step at a time, each step's condition judged on
// what the monitoring shows at that moment. Investigation steps take the scenario's
// `investigate` time and actions their delay plus one sample interval (to see the effect).
// When every SLO has met its objective for five minutes they say the impact is mitigated, and
// after `resolve_after` of that they resolve. Everything they do goes through submit(), as a
// person's commands would.
#include <algorithm>

#include "engine.hpp"

namespace gameday::sim {
namespace {

constexpr std::uint32_t next_step = 0;
constexpr std::uint32_t quiet_check = 1;
constexpr std::string_view oncall_name = "oncall";

}  // namespace

void Engine::oncall_paged(const Monitor::Sent& page) {
  for (const std::uint32_t alert : page.alerts)
    for (std::uint32_t b = 0; b < scenario_.runbooks.size(); ++b) {
      const Runbook& book = scenario_.runbooks[b];
      const bool matches = std::any_of(book.alerts.begin(), book.alerts.end(),
                                       [&](AlertId a) { return a.index() == alert; });
      if (matches && !oncall_.started[b]) {
        oncall_.started[b] = 1;
        oncall_.waiting.push_back(b);
      }
    }
  oncall_.quiet_since.reset();
  if (oncall_.ack_due || oncall_.busy) return;  // already on the way, or working
  oncall_.ack_due = true;
  // People act on whole seconds.
  const Duration ack =
      seconds(scenario_.oncall.ack_after.sample(oncall_.rng).ns() / seconds(1).ns());
  sched_.schedule_in(ack, OnCallDue, 0, next_step);
}

bool Engine::slos_healthy(Duration window) const {
  const auto samples = static_cast<std::size_t>(window.ns() / scenario_.sample_interval.ns());
  for (std::uint32_t i = 0; i < slos_.size(); ++i) {
    const std::deque<SloCounts>& h = slo_history_[i];
    std::uint64_t valid = 0, good = 0;
    for (std::size_t k = h.size() > samples ? h.size() - samples : 0; k < h.size(); ++k) {
      valid += h[k].valid;
      good += h[k].good;
    }
    if (static_cast<double>(good) < slos_[i].spec->objective * static_cast<double>(valid))
      return false;
  }
  return true;
}

bool Engine::runbook_condition_holds(const RunbookCondition& c) const {
  using K = RunbookCondition::Kind;
  if (c.kind == K::AlertFiring)
    return monitor_ && monitor_->is_firing(static_cast<std::uint32_t>(c.alert.index()));
  const std::deque<ServicePoint>& h = history_[c.service.index()];
  if (h.empty()) return false;
  const ServicePoint& p = h.back();
  switch (c.kind) {
    case K::ErrorRatioAbove: return p.error_ratio > c.value;
    case K::P99Above: return p.p99 && p.p99->to_seconds() > c.value;
    case K::UtilisationAbove: return p.utilisation > c.value;
    case K::InstancesUpBelow: return static_cast<double>(p.up) < c.value;
    case K::AlertFiring: break;
  }
  return false;
}

void Engine::on_oncall_due(std::uint32_t what) {
  const auto say = [&](std::string text) {
    submit(CommandInput{std::string(oncall_name), std::move(text), std::nullopt});
  };
  if (what == quiet_check) {
    oncall_.check_scheduled = false;
    if (oncall_.busy || oncall_.ack_due || !incident_.declared || incident_.resolved) return;
    // Slow-burn alerts keep firing long after an outage; the SLO dashboards say sooner
    // whether users are fine again.
    if (!slos_healthy(minutes(5))) {
      oncall_.quiet_since.reset();
    } else {
      if (!oncall_.quiet_since) oncall_.quiet_since = now();
      if (!incident_.mitigated) {
        say("mitigated");
        say("update \"The impact is mitigated; we are monitoring.\"");
      }
      if (now() - *oncall_.quiet_since >= scenario_.oncall.resolve_after) {
        say("resolve");
        say("update \"Resolved.\"");
        std::fill(oncall_.started.begin(), oncall_.started.end(), 0);
        return;
      }
    }
    oncall_.check_scheduled = true;
    sched_.schedule_in(minutes(1), OnCallDue, 0, quiet_check);
    return;
  }
  if (oncall_.ack_due) {
    oncall_.ack_due = false;
    say("ack all");
    if (!incident_.declared || incident_.resolved) {
      const std::string severity =
          oncall_.waiting.empty() ? "SEV2" : scenario_.runbooks[oncall_.waiting.front()].severity;
      say("declare " + severity);
      say("role ic " + std::string(oncall_name));
      say("update \"We are investigating elevated errors and latency.\"");
    }
  }
  oncall_.busy = false;
  for (;;) {
    if (!oncall_.book) {
      if (oncall_.waiting.empty()) break;
      oncall_.book = oncall_.waiting.front();
      oncall_.waiting.erase(oncall_.waiting.begin());
      oncall_.step = 0;
      say("note \"following runbook " + scenario_.runbooks[*oncall_.book].name + "\"");
    }
    const Runbook& book = scenario_.runbooks[*oncall_.book];
    if (oncall_.step >= book.steps.size()) {
      oncall_.book.reset();
      continue;
    }
    const RunbookStep& step = book.steps[oncall_.step++];
    if (step.when && !runbook_condition_holds(*step.when)) {
      say("note \"skipped '" + step.command + "': its condition does not hold\"");
      continue;
    }
    say(step.command);
    const Command c = *parse_command(scenario_, step.command).command;
    Duration wait;
    if (verb_class(c.verb) == VerbClass::Investigation && c.verb != Verb::Help)
      wait = scenario_.delays.investigate;
    if (verb_class(c.verb) == VerbClass::Action) {
      wait = action_delay(c.verb) + scenario_.sample_interval;
      if (c.verb == Verb::Restart && c.subject.kind == Subject::Kind::Service && !c.on)
        wait = action_delay(c.verb) *
                   static_cast<std::int64_t>(services_[c.subject.id].instances.size()) +
               scenario_.sample_interval;
    }
    if (wait.is_zero()) continue;
    oncall_.busy = true;
    // After the sample and alert evaluation of that instant: a step that waited for an action's
    // effect plus a sample interval must judge the interval after the effect, not the one that
    // ended as it took effect.
    sched_.schedule_in(wait, OnCallDue, 0, next_step, Phase::Monitoring);
    return;
  }
  // Nothing left to run: watch until nothing pages, then wind the incident down.
  if (!oncall_.check_scheduled) {
    oncall_.check_scheduled = true;
    sched_.schedule_in(minutes(1), OnCallDue, 0, quiet_check);
  }
}

}  // namespace gameday::sim

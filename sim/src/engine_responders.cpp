// Responders' commands: the record line, the incident's state, and actions that change the
// system after the scenario's delay for them.
//
// Every command, from a console, a script, a replayed record or the automatic on-call, comes
// through submit() at now(), so the same commands at the same times give the same run. An
// action's effect is an event like any other; what it changes names the `action_effect` line as
// its cause, and a fault declared `until: {action: ...}` ends when that action takes effect.
#include <algorithm>

#include "engine.hpp"
#include "gameday/core/assert.hpp"
#include "gameday/core/units.hpp"
#include "gameday/core/utf8.hpp"

namespace gameday::sim {
namespace {

using On = Subject::Kind;  // what a command acts on

}  // namespace

void Engine::message(ConsoleMessage::Kind kind, std::string text, std::string to) {
  messages_.push_back({now(), kind, std::move(text), std::move(to)});
}

std::string Engine::role_of(const std::string& responder) const {
  for (const auto& [person, role] : roles_)
    if (person == responder) return role;
  return "";
}

std::optional<std::string> Engine::holder_of(std::string_view role) const {
  for (const auto& [person, held] : roles_)
    if (held == role) return person;
  return std::nullopt;
}

bool Engine::held_by_someone_present(std::string_view role) const {
  for (const auto& [person, held] : roles_) {
    const auto seat = seated_.find(person);
    if (held == role && seat != seated_.end() && seat->second) return true;
  }
  return false;
}

// "incident_commander" -> "incident commander", as a sentence says it.
static std::string spoken(std::string_view role) {
  std::string s(role);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

// Seats many people may hold at once; every other role is one person's.
static bool shared_seat(std::string_view seat) {
  return seat == observer_seat || seat == facilitator_seat || seat == role_name(Role::Operations);
}

// The rules of a hosted game, for people who joined one (a solo console, a script and the
// automatic on-call have no seat, and no rules): the incident commander declares, hands roles
// out, says mitigated and resolves; communications (or the IC) posts updates; operations (or the
// IC) act; everyone investigates, acknowledges, notes and says; an observer only watches (and
// looks); only the facilitator uses `!` commands, and may use any. While nobody holds the role a
// rule names, anyone seated may do what it would: a team without a commander is not stuck.
std::string Engine::refusal(const std::string& person, const Command& c) const {
  const auto seat = seated_.find(person);
  if (c.verb == Verb::Join || c.verb == Verb::Leave) {
    if (c.verb == Verb::Leave && (seat == seated_.end() || !seat->second))
      return "leave: " + person + " is not in the game";
    if (c.verb == Verb::Join && seat != seated_.end() && seat->second)
      return "join: " + person + " is in the game already, as " + role_of(person);
    if (c.verb == Verb::Join && !shared_seat(c.text) && held_by_someone_present(c.text)) {
      const auto holder = holder_of(c.text);
      if (holder && *holder != person)
        return "join: " + *holder + " is the " + c.text + "; join in another seat, or ask them " +
               "to hand it over ('role " + c.text + " " + person + "')";
    }
    return "";
  }
  const std::string_view verb = verb_name(c.verb);
  if (seat == seated_.end()) return "";
  if (!seat->second) return std::string(verb) + ": " + person + " has left the game";
  const std::string seat_name = role_of(person);
  if (seat_name == facilitator_seat) return "";
  if (verb_class(c.verb) == VerbClass::Facilitator)
    return std::string(verb) + ": only the facilitator uses '!' commands";
  if (verb_class(c.verb) == VerbClass::Investigation) return "";
  if (seat_name == observer_seat)
    return c.verb == Verb::Say ? ""
                               : std::string(verb) + ": " + person +
                                     " is an observer; observers watch, look and say";
  // The roles a command is for, by the scenario's rules; none: anyone seated.
  const std::vector<Role>* roles = nullptr;
  if (verb_class(c.verb) == VerbClass::Action) roles = &scenario_.rules.act;
  if (c.verb == Verb::Update) roles = &scenario_.rules.update;
  if (c.verb == Verb::Declare || c.verb == Verb::Role || c.verb == Verb::Mitigated ||
      c.verb == Verb::Resolve)
    roles = &scenario_.rules.lead;
  if (roles == nullptr) return "";
  bool held = false;
  std::string for_whom;
  for (const Role r : *roles) {
    if (seat_name == role_name(r)) return "";
    held = held || held_by_someone_present(role_name(r));
    for_whom += (for_whom.empty() ? "" : " or ") + spoken(role_name(r));
  }
  if (!held) return "";
  return std::string(verb) + ": that is for " + for_whom + "; " + person + " is " +
         (seat_name.empty() ? "in no role" : spoken(seat_name));
}

std::uint64_t Engine::command_event(const CommandInput& in, std::string_view verb,
                                    std::string_view text, std::string_view error) {
  eventlog::CommandIssued c{in.responder,      role_of(in.responder), std::string(text),
                            std::string(verb), std::string(error),    in.wall_time};
  return out_.event({now(), EventKind::Command, std::move(c)});
}

CommandOutcome Engine::submit(const CommandInput& typed) {
  GAMEDAY_ASSERT_MSG(!finished_, "submit() after finish()");
  // People's bytes need not be UTF-8 (a Latin-1 terminal, a pasted byte): the record, the reply
  // and the run's state all see the same text, with U+FFFD for what was not.
  CommandInput in = typed;
  in.responder = to_valid_utf8(typed.responder);
  in.text = to_valid_utf8(typed.text);
  ParsedCommand parsed = parse_command(scenario_, in.text);
  if (parsed.command) {  // checks that need the run's state
    const Command& c = *parsed.command;
    if (c.subject.kind == On::Instance && !instances_[c.subject.id].provisioned) {
      parsed.error = std::string(verb_name(c.verb)) + ": " +
                     instance_name(scenario_, c.subject.id) +
                     " is a standby slot, not running (scale the service out to use it)";
      parsed.command.reset();
    } else if (std::string why = refusal(in.responder, c); !why.empty()) {
      parsed.error = std::move(why);
      parsed.command.reset();
    }
  }
  if (!parsed.command) {
    std::string as_typed = in.text;
    as_typed.erase(0, as_typed.find_first_not_of(" \t"));
    const std::size_t space = as_typed.find_first_of(" \t");
    command_event(in, as_typed.substr(0, space), as_typed, parsed.error);
    return {false, parsed.error};
  }
  const Command& c = *parsed.command;
  const std::string text = c.canonical(scenario_);
  const std::uint64_t seq = command_event(in, verb_name(c.verb), text, "");
  std::vector<std::uint32_t> instances;
  if (c.subject.kind == On::Instance) instances = {c.subject.id};
  if (c.subject.kind == On::Service) instances = services_[c.subject.id].instances;
  actions_.push_back({c, text, in.responder, seq, std::move(instances)});
  return {true, run_command(static_cast<std::uint32_t>(actions_.size() - 1))};
}

std::string Engine::run_command(std::uint32_t action) {
  const ActionRt& a = actions_[action];
  switch (verb_class(a.command.verb)) {
    case VerbClass::Action: return start_action(action);
    case VerbClass::Process: return process_command(a);
    case VerbClass::Facilitator: return facilitator_command(a);
    case VerbClass::Investigation:
      if (a.command.verb == Verb::Help) return command_help(a.command.text);
      if (scenario_.delays.investigate.is_zero()) return answer(a.command);
      sched_.schedule_in(scenario_.delays.investigate, AnswerDue, action);
      return "looking (" + duration_for_people(scenario_.delays.investigate) + ")...";
  }
  return "";
}

std::string Engine::process_command(const ActionRt& a) {
  const Command& c = a.command;
  switch (c.verb) {
    case Verb::Ack: {
      if (!monitor_) return "there are no alerts to acknowledge";
      std::string names;
      for (const Monitor::ActiveAlert& al : monitor_->active_alerts()) {
        const bool chosen = c.subject.kind == On::None || c.subject.id == al.id;
        if (!al.firing || !chosen || acked_[al.id]) continue;
        acked_[al.id] = 1;
        names += (names.empty() ? "" : ", ") + scenario_.monitoring.alerts[al.id].name;
      }
      return names.empty() ? "nothing firing to acknowledge" : "acknowledged: " + names;
    }
    case Verb::Declare:
      if (!incident_.declared || incident_.resolved) incident_ = {now(), {}, {}, {}};
      incident_.severity = c.text;
      return "incident declared, " + c.text;
    case Verb::Role:
    case Verb::Join: {
      // One role or seat per person, one person per role: giving a role that someone holds
      // hands it over. Operations, observers and facilitators may be many.
      const std::string& person = c.verb == Verb::Role ? c.person : a.responder;
      const bool many = shared_seat(c.text);
      std::erase_if(roles_, [&](const auto& r) {
        return r.first == person || (!many && r.second == c.text);
      });
      roles_.emplace_back(person, c.text);
      if (c.verb == Verb::Join) seated_[person] = true;
      return person + " is " + c.text;
    }
    case Verb::Leave: seated_[a.responder] = false; return a.responder + " left";
    case Verb::Say: return "said";
    case Verb::Update: return "status update posted";
    case Verb::Note: return "noted";
    case Verb::Diagnose:
      return "diagnosis noted: " + scenario_.services[c.subject.id].name +
             (c.text.empty() ? "" : " (" + c.text + ")");
    case Verb::Mitigated:
      if (!incident_.mitigated) incident_.mitigated = now();
      return "marked mitigated";
    case Verb::Resolve:
      if (!incident_.resolved) incident_.resolved = now();
      return "incident resolved";
    default: return "";
  }
}

std::string Engine::facilitator_command(const ActionRt& a) {
  const Command& c = a.command;
  switch (c.verb) {
    case Verb::Inject: {
      const FaultRt& f = faults_[c.subject.id];
      if (f.active) return f.spec->name + " is already active";
      if (f.spec->mtbf) return f.spec->name + " fails at random; it cannot be started by hand";
      on_fault_start(c.subject.id);
      return "injected " + f.spec->name;
    }
    case Verb::Reveal: return truth_answer();
    case Verb::End:
      ended_early_ = true;
      end_ = now();
      return "the game ends now";
    default: return "";
  }
}

Duration Engine::action_delay(Verb v) const {
  const ActionDelays& d = scenario_.delays;
  switch (v) {
    case Verb::Restart: return d.restart;
    case Verb::Rollback: return d.rollback;
    case Verb::Revert: return d.revert;
    case Verb::Scale: return d.scale;
    case Verb::Failover: return d.failover;
    case Verb::Drain:
    case Verb::Undrain: return d.drain;
    case Verb::Shed: return d.shed;
    case Verb::Limit: return d.limit;
    case Verb::Retries: return d.retries;
    case Verb::Breaker: return d.breaker;
    case Verb::Flush: return d.flush;
    case Verb::Warm: return d.warm;
    default: return Duration{};
  }
}

// Schedules the action's steps. A restart stops the process at once and starts it `restart`
// later; a rolling restart does one instance after another; a failover takes the service down
// while it switches. Everything else changes the system once, after its delay.
std::string Engine::start_action(std::uint32_t action) {
  const Command& c = actions_[action].command;
  const Duration delay = action_delay(c.verb);
  if (c.verb == Verb::Restart && c.subject.kind == On::Service && !c.on) {
    const auto n = static_cast<std::uint32_t>(actions_[action].instances.size());
    for (std::uint32_t k = 0; k < n; ++k) {
      sched_.schedule_in(delay * static_cast<std::int64_t>(k), ActionDue, action, 2 * k);
      sched_.schedule_in(delay * static_cast<std::int64_t>(k + 1), ActionDue, action, 2 * k + 1);
    }
    return "rolling restart of " + scenario_.services[c.subject.id].name + ": " +
           std::to_string(n) + " instances, " + duration_for_people(delay) + " each";
  }
  if (c.verb == Verb::Restart || c.verb == Verb::Failover) {
    sched_.schedule(now(), ActionDue, action, 0);
    sched_.schedule_in(delay, ActionDue, action, 1);
  } else {
    sched_.schedule_in(delay, ActionDue, action, 1);
  }
  return "on its way: takes effect in " + duration_for_people(delay);
}

std::uint64_t Engine::action_effect(const ActionRt& a) {
  eventlog::ActionTookEffect effect{a.text, std::string(verb_name(a.command.verb))};
  return out_.event({now(), EventKind::ActionEffect, std::move(effect), a.seq});
}

void Engine::end_faults(const ActionRt& a, std::uint64_t cause) {
  for (std::uint32_t f = 0; f < faults_.size(); ++f) {
    const FaultRt& fault = faults_[f];
    if (fault.active &&
        std::find(fault.enders.begin(), fault.enders.end(), a.command) != fault.enders.end())
      on_fault_end(f, cause);
  }
}

bool Engine::held_down(std::uint32_t instance) const {
  return std::any_of(faults_.begin(), faults_.end(), [&](const FaultRt& f) {
    const bool holds = f.spec->kind == FaultKind::ZoneOutage || f.spec->kind == FaultKind::Failover;
    return f.active && holds &&
           std::find(f.instances.begin(), f.instances.end(), instance) != f.instances.end();
  });
}

void Engine::on_action_due(std::uint32_t action, std::uint32_t step) {
  const ActionRt& a = actions_[action];
  const Command& c = a.command;
  static const FaultSpec restart_defaults{};  // a restarted process starts cold, as after a crash
  const std::string& name = a.text;
  std::vector<std::uint32_t> targets = a.instances;  // restarts and failovers
  std::string done = "done: " + name;
  if (c.verb == Verb::Restart && c.subject.kind == On::Service && !c.on) {
    // Rolling: instance step/2, stopped on even steps and started on odd ones.
    const auto k = step / 2, n = static_cast<std::uint32_t>(targets.size());
    done = "restarted " + instance_name(scenario_, targets[k]) + " (" + std::to_string(k + 1) +
           " of " + std::to_string(n) + ")" + (k + 1 == n ? "; done: " + name : "");
    targets = {targets[k]};
    step %= 2;
  }
  if (step == 0) {  // the stopping half of a restart or failover: no effect line yet
    for (const std::uint32_t i : targets) take_down(i, a.seq);
    return;
  }
  // Starts the process again. Faults that kill it again and again (a crash loop, a leak, random
  // failures) go on in its new life: the kill they had scheduled was for the old one.
  const auto start = [&](std::uint32_t i, std::uint64_t cause) {
    const bool was_up = instances_[i].up;
    bring_up(i, restart_defaults, cause);
    if (was_up || !instances_[i].up) return;
    for (std::uint32_t f = 0; f < faults_.size(); ++f) {
      const FaultRt& fr = faults_[f];
      const FaultKind k = fr.spec->kind;
      const bool kills =
          fr.spec->mtbf || (fr.active && (k == FaultKind::CrashLoop || k == FaultKind::MemoryLeak));
      if (kills && std::find(fr.instances.begin(), fr.instances.end(), i) != fr.instances.end())
        schedule_next_kill(i, f);
    }
  };
  const std::uint64_t cause = action_effect(a);
  // Faults end first, so that a failover's new primary starts without the old one's troubles.
  end_faults(a, cause);
  switch (c.verb) {
    case Verb::Restart:
      for (const std::uint32_t i : targets) {
        if (held_down(i) || !instances_[i].provisioned) continue;
        instances_[i].leak_since = now();  // a fresh process: a leak starts over
        start(i, cause);
        log_line(instances_[i].service, instance_name(scenario_, i) + " started (restart)");
      }
      break;
    case Verb::Failover:
      for (const std::uint32_t i : targets)
        if (!held_down(i)) start(i, cause);
      log_line(c.subject.id, "failed over to the replica");
      break;
    case Verb::Scale: scale_to(c.subject.id, static_cast<int>(c.value), cause); break;
    case Verb::Drain:
    case Verb::Undrain: zone_drained_[c.subject.id] = c.verb == Verb::Drain ? 1 : 0; break;
    case Verb::Shed: sources_[c.subject.id].shed = c.on ? c.value : 0; break;
    case Verb::Limit: {
      SourceRt& src = sources_[c.subject.id];
      src.limit = c.on ? std::optional<double>(c.value) : std::nullopt;
      src.tokens = c.value;
      src.tokens_at = now();
      break;
    }
    case Verb::Retries: dependencies_[c.subject.id].retries_off = !c.on; break;
    case Verb::Breaker: dependencies_[c.subject.id].breaker_forced_open = c.on; break;
    case Verb::Flush: dependencies_[c.subject.id].flushed_at = now(); break;
    case Verb::Warm: dependencies_[c.subject.id].flushed_at.reset(); break;
    default: break;
  }
  message(ConsoleMessage::Kind::Effect, done);
}

// Scale-out fills standby slots in order, each starting cold after it is provisioned; scale-in
// removes the last instances, failing what they were doing (no graceful drain).
void Engine::scale_to(std::uint32_t service, int count, std::uint64_t cause) {
  ServiceRt& s = services_[service];
  static const FaultSpec cold{};
  while (static_cast<int>(s.instances.size()) < count && !s.standby.empty()) {
    const std::uint32_t i = s.standby.front();
    s.standby.erase(s.standby.begin());
    s.instances.push_back(i);
    InstanceRt& in = instances_[i];
    in.provisioned = true;
    in.checks_failed = in.checks_passed = 0;
    instance_event(EventKind::InstanceProvisioned, i, cause);
    if (held_down(i)) continue;  // placed in a zone that is out: it starts when the zone is back
    bring_up(i, cold, cause);
    in.in_rotation = true;  // registered with the load balancer as it starts
  }
  while (static_cast<int>(s.instances.size()) > count) {
    const std::uint32_t i = s.instances.back();
    s.instances.pop_back();
    take_down(i, cause);
    InstanceRt& in = instances_[i];
    in.provisioned = false;
    in.in_rotation = false;
    instance_event(EventKind::InstanceDecommissioned, i, cause);
    s.standby.insert(s.standby.begin(), i);
  }
}

// Load shedding and rate limiting at the entry point: a rejected request fails at once.
bool Engine::source_admits(SourceRt& src) {
  if (src.shed > 0 && src.shed_rng.uniform() < src.shed) return false;
  if (!src.limit) return true;
  // A token bucket holding at most one second of the limit.
  src.tokens = std::min(*src.limit, src.tokens + (now() - src.tokens_at).to_seconds() * *src.limit);
  src.tokens_at = now();
  if (src.tokens < 1) return false;
  src.tokens -= 1;
  return true;
}

void Engine::deliver_notifications() {
  for (const Monitor::Sent& n : monitor_->take_sent()) {
    std::string names;
    for (const std::uint32_t a : n.alerts) {
      const AlertRule& rule = scenario_.monitoring.alerts[a];
      names += (names.empty() ? "" : "; ") + rule.name +
               (rule.summary.empty() ? "" : ": " + rule.summary);
    }
    const bool page = n.kind == EventKind::Page;
    if (page || n.kind == EventKind::Ticket) {
      for (const std::uint32_t a : n.alerts) acked_[a] = 0;  // a new page needs a new ack
      message(page ? ConsoleMessage::Kind::Page : ConsoleMessage::Kind::Ticket,
              (page ? "PAGE: " : "TICKET: ") + names);
      if (oncall_.enabled && page) oncall_paged(n);
    } else {
      message(ConsoleMessage::Kind::Resolved, "RESOLVED: " + names);
    }
  }
}

}  // namespace gameday::sim

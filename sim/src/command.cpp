// The command parser: words in, a resolved Command or a helpful error out.
#include "gameday/sim/command.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "gameday/core/units.hpp"
#include "yaml_reader.hpp"

namespace gameday::sim {
namespace {

using Kind = Subject::Kind;

std::vector<std::string> verb_names() {
  std::vector<std::string> out;
  for (const VerbInfo& i : verbs()) out.emplace_back(i.name);
  return out;
}

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

// What split_words splits on (std::isspace in the "C" locale).
constexpr std::string_view spaces = " \t\n\v\f\r";

// The text after the first `n` words, trimmed, without the quotes around it. Trimming and
// unquoting repeat until neither changes anything, so the text read back from a command's
// normal form (`note TEXT`) is the same text: a replayed game records the same notes.
std::string rest_after(std::string_view line, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t k = 0; k < n; ++k) {
    pos = line.find_first_not_of(spaces, pos);
    pos = line.find_first_of(spaces, pos);
    if (pos == std::string_view::npos) return "";
  }
  std::string_view rest = line.substr(pos);
  for (;;) {
    const auto b = rest.find_first_not_of(spaces);
    if (b == std::string_view::npos) return "";
    rest = rest.substr(b, rest.find_last_not_of(spaces) - b + 1);
    if (rest.size() < 2 || (rest.front() != '"' && rest.front() != '\'') ||
        rest.back() != rest.front())
      return std::string(rest);
    rest = rest.substr(1, rest.size() - 2);
  }
}

std::vector<std::string> service_names(const Scenario& s) {
  std::vector<std::string> out;
  for (const ServiceSpec& sv : s.services) out.push_back(sv.name);
  return out;
}

std::vector<std::string> instance_names(const Scenario& s) {
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < instance_count(s); ++i) out.push_back(instance_name(s, i));
  return out;
}

std::vector<std::string> dependency_names(const Scenario& s) {
  std::vector<std::string> out;
  for (const ServiceSpec& sv : s.services)
    for (const CallSpec& c : sv.calls) out.push_back(sv.name + "->" + s.service(c.to).name);
  return out;
}

std::vector<std::string> source_names(const Scenario& s) {
  std::vector<std::string> out;
  for (const TrafficSource& t : s.traffic) out.push_back(t.name);
  return out;
}

std::vector<std::string> alert_names(const Scenario& s) {
  std::vector<std::string> out;
  for (const AlertRule& a : s.monitoring.alerts) out.push_back(a.name);
  return out;
}

std::vector<std::string> fault_names(const Scenario& s) {
  std::vector<std::string> out;
  for (const FaultSpec& f : s.faults) out.push_back(f.name);
  return out;
}

const CallSpec& dependency_call(const Scenario& s, std::uint32_t id) {
  for (const ServiceSpec& sv : s.services) {
    if (id < sv.calls.size()) return sv.calls[id];
    id -= static_cast<std::uint32_t>(sv.calls.size());
  }
  return s.services.front().calls.front();  // unreachable for a resolved id
}

std::optional<std::uint32_t> index_of(const std::vector<std::string>& names, std::string_view n) {
  const auto it = std::find(names.begin(), names.end(), n);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - names.begin());
}

std::string unknown(std::string_view what, std::string_view word,
                    const std::vector<std::string>& candidates) {
  return "unknown " + std::string(what) + " '" + std::string(word) + "'" +
         yaml::did_you_mean(word, candidates);
}

std::string usage_of(const VerbInfo& v) {
  return "usage: " + std::string(v.name) + (v.usage.empty() ? "" : " ") + std::string(v.usage);
}

// Resolves a subject of one of the `allowed` kinds from a name.
std::optional<Subject> resolve(const Scenario& s, std::string_view word,
                               std::initializer_list<Kind> allowed, std::string& error) {
  std::vector<std::string> all;
  std::string what;
  for (const Kind k : allowed) {
    std::vector<std::string> names;
    std::string_view label;
    switch (k) {
      case Kind::Service: names = service_names(s), label = "service"; break;
      case Kind::Instance: names = instance_names(s), label = "instance"; break;
      case Kind::Zone: names = s.zones, label = "zone"; break;
      case Kind::Dependency: names = dependency_names(s), label = "dependency"; break;
      case Kind::Source: names = source_names(s), label = "traffic source"; break;
      case Kind::Alert: names = alert_names(s), label = "alert"; break;
      case Kind::Fault: names = fault_names(s), label = "fault"; break;
      case Kind::None: break;
    }
    if (const auto i = index_of(names, word)) return Subject{k, *i};
    what += (what.empty() ? "" : " or ") + std::string(label);
    all.insert(all.end(), names.begin(), names.end());
  }
  error = unknown(what, word, all);
  if (allowed.size() == 1 && *allowed.begin() == Kind::Dependency)
    error += " (write CALLER->CALLEE, as 'deps SERVICE' lists them)";
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view w) {
  try {
    std::size_t used = 0;
    const double v = std::stod(std::string(w), &used);
    if (used != w.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

std::uint32_t instance_count(const Scenario& s) {
  std::uint32_t n = 0;
  for (const ServiceSpec& sv : s.services) n += static_cast<std::uint32_t>(sv.max_replicas);
  return n;
}

std::pair<std::uint32_t, int> instance_slot(const Scenario& s, std::uint32_t instance) {
  for (std::uint32_t k = 0; k < s.services.size(); ++k) {
    const auto n = static_cast<std::uint32_t>(s.services[k].max_replicas);
    if (instance < n) return {k, static_cast<int>(instance)};
    instance -= n;
  }
  return {0, 0};
}

std::string instance_name(const Scenario& s, std::uint32_t instance) {
  const auto [service, k] = instance_slot(s, instance);
  return s.services[service].name + "-" + std::to_string(k + 1);
}

std::string Command::canonical(const Scenario& s) const {
  std::string out(verb_name(verb));
  const auto name = [&]() -> std::string {
    switch (subject.kind) {
      case Kind::Service: return s.services[subject.id].name;
      case Kind::Instance: return instance_name(s, subject.id);
      case Kind::Zone: return s.zones[subject.id];
      case Kind::Dependency: return dependency_names(s)[subject.id];
      case Kind::Source: return s.traffic[subject.id].name;
      case Kind::Alert: return s.monitoring.alerts[subject.id].name;
      case Kind::Fault: return s.faults[subject.id].name;
      case Kind::None: return "";
    }
    return "";
  };
  const auto number = [](double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  };
  switch (verb) {
    case Verb::Retries: return out + (on ? " on " : " off ") + name();
    case Verb::Breaker: return out + (on ? " open " : " auto ") + name();
    case Verb::Shed: return out + " " + name() + " " + (on ? number(value * 100) + "%" : "off");
    case Verb::Limit: return out + " " + name() + " " + (on ? number(value) : "off");
    case Verb::Scale: return out + " " + name() + " " + number(value);
    case Verb::Restart: return out + " " + name() + (on ? " --all" : "");
    case Verb::Diagnose: return out + " " + name() + (text.empty() ? "" : " " + text);
    case Verb::Metrics: return out + " " + name() + (text.empty() ? "" : " --by " + text);
    case Verb::Logs: return out + " " + name() + (text.empty() ? "" : " --grep " + text);
    case Verb::Ack: return out + " " + (subject.kind == Kind::None ? "all" : name());
    case Verb::Role: return out + " " + text + " " + person;
    case Verb::Declare:
    case Verb::Update:
    case Verb::Note:
    case Verb::Say:
    case Verb::Join:
    case Verb::Help: return text.empty() ? out : out + " " + text;
    default: return subject.kind == Kind::None ? out : out + " " + name();
  }
}

ParsedCommand parse_command(const Scenario& s, std::string_view line) {
  const std::vector<std::string> words = split_words(line);
  ParsedCommand r;
  if (words.empty()) {
    r.error = "empty command; type 'help' for the list";
    return r;
  }
  const std::optional<Verb> verb = find_verb(words[0]);
  if (!verb) {
    r.error = unknown("command", words[0], verb_names()) + "; type 'help' for the list";
    return r;
  }
  const VerbInfo* v = &verb_info(*verb);
  Command c;
  c.verb = *verb;
  c.on = false;
  const std::size_t args = words.size() - 1;
  const auto bad_usage = [&](std::string why) {
    r.error = std::string(v->name) + ": " + (why.empty() ? "" : why + "; ") + usage_of(*v);
    return r;
  };
  const auto want = [&](std::size_t n) { return args == n; };
  const auto subject = [&](const std::string& word, std::initializer_list<Kind> allowed) {
    std::string error;
    const auto sub = resolve(s, word, allowed, error);
    if (!sub) r.error = std::string(v->name) + ": " + error;
    return sub;
  };
  switch (c.verb) {
    case Verb::Restart: {
      if (args < 1 || args > 2 || (args == 2 && words[2] != "--all")) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Service, Kind::Instance});
      if (!sub) return r;
      c.subject = *sub;
      c.on = args == 2;
      break;
    }
    case Verb::Metrics: {
      static constexpr std::string_view views[] = {"instance", "version", "zone"};
      const bool by = args == 3 && words[2] == "--by" &&
                      std::find(std::begin(views), std::end(views), words[3]) != std::end(views);
      if (args == 3 && words[2] == "--by" && !by)
        return bad_usage(unknown("view", words[3], {"instance", "version", "zone"}));
      if (!want(1) && !by) return bad_usage("");
      const auto sub = by ? subject(words[1], {Kind::Service})
                          : subject(words[1], {Kind::Service, Kind::Instance});
      if (!sub) return r;
      c.subject = *sub;
      if (by) c.text = words[3];
      break;
    }
    case Verb::Logs: {
      const bool grep = args >= 3 && words[2] == "--grep";
      if (!want(1) && !grep)
        return bad_usage(args == 2 && words[2] == "--grep" ? "--grep needs a text" : "");
      const auto sub = subject(words[1], {Kind::Service});
      if (!sub) return r;
      c.subject = *sub;
      for (std::size_t i = 3; grep && i < words.size(); ++i)
        c.text += (i == 3 ? "" : " ") + words[i];
      break;
    }
    case Verb::Rollback:
    case Verb::Revert:
    case Verb::Failover:
    case Verb::Deps:
    case Verb::Describe: {
      if (!want(1)) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Service});
      if (!sub) return r;
      c.subject = *sub;
      break;
    }
    case Verb::Scale: {
      if (!want(2)) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Service});
      if (!sub) return r;
      const auto n = parse_number(words[2]);
      const int max = s.services[sub->id].max_replicas;
      if (!n || *n < 1 || *n != std::floor(*n))
        return bad_usage("expected a whole number of instances, got '" + words[2] + "'");
      if (*n > max)
        return bad_usage(s.services[sub->id].name + " has room for at most " + std::to_string(max) +
                         " instances (its max_replicas)");
      c.subject = *sub;
      c.value = *n;
      break;
    }
    case Verb::Drain:
    case Verb::Undrain: {
      if (!want(1)) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Zone});
      if (!sub) return r;
      c.subject = *sub;
      break;
    }
    case Verb::Shed:
    case Verb::Limit: {
      if (!want(2)) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Source});
      if (!sub) return r;
      c.subject = *sub;
      c.on = words[2] != "off";
      if (c.on && c.verb == Verb::Shed) {
        const auto share = parse_ratio(words[2]);
        if (!share || *share <= 0 || *share > 1)
          return bad_usage("expected a share such as 30% or 0.3, or 'off', got '" + words[2] + "'");
        c.value = *share;
      } else if (c.on) {
        const auto rate = parse_number(words[2]);
        if (!rate || *rate <= 0)
          return bad_usage("expected requests per second above 0, or 'off', got '" + words[2] +
                           "'");
        c.value = *rate;
      }
      break;
    }
    case Verb::Retries:
    case Verb::Breaker: {
      const std::string_view yes = c.verb == Verb::Retries ? "on" : "open";
      const std::string_view no = c.verb == Verb::Retries ? "off" : "auto";
      if (!want(2) || (words[1] != yes && words[1] != no)) return bad_usage("");
      const auto sub = subject(words[2], {Kind::Dependency});
      if (!sub) return r;
      c.subject = *sub;
      c.on = words[1] == yes;
      break;
    }
    case Verb::Flush:
    case Verb::Warm: {
      if (!want(1)) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Dependency});
      if (!sub) return r;
      // The loader gives every call without `probability` or `share` a probability of 1: only
      // a miss ratio below 1 means a cache in front of the callee.
      if (dependency_call(s, sub->id).probability.value_or(1.0) >= 1.0)
        return bad_usage(words[1] +
                         " has no cache in front of it (only calls made with a `probability`, "
                         "the cache's miss ratio, have one)");
      c.subject = *sub;
      break;
    }
    case Verb::Status:
    case Verb::Alerts:
    case Verb::Deploys:
    case Verb::Mitigated:
    case Verb::Resolve:
    case Verb::Leave:
    case Verb::Reveal:
    case Verb::End:
      if (!want(0)) return bad_usage("it takes no arguments");
      break;
    case Verb::Help:
      if (args > 1) return bad_usage("");
      if (args == 1) c.text = words[1];
      break;
    case Verb::Ack: {
      if (!want(1)) return bad_usage("");
      if (words[1] != "all") {
        const auto sub = subject(words[1], {Kind::Alert});
        if (!sub) return r;
        c.subject = *sub;
      }
      break;
    }
    case Verb::Declare: {
      if (!want(1)) return bad_usage("");
      std::string sev = words[1];
      std::transform(sev.begin(), sev.end(), sev.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      if (sev != "SEV1" && sev != "SEV2" && sev != "SEV3" && sev != "SEV4")
        return bad_usage("unknown severity '" + words[1] + "'");
      c.text = sev;
      break;
    }
    case Verb::Role: {
      if (!want(2)) return bad_usage("");
      if (const auto role = find_role(words[1])) {
        c.text = role_name(*role);
      } else {
        std::vector<std::string> all;
        for (const RoleInfo& info : roles())
          all.insert(all.end(), info.names.begin(), info.names.end());
        r.error =
            "role: " + unknown("role", words[1], all) + "; usage: role ic|ops|comms|scribe NAME";
        return r;
      }
      c.person = words[2];
      break;
    }
    case Verb::Join: {
      if (!want(1)) return bad_usage("");
      if (const auto role = find_role(words[1])) {
        c.text = role_name(*role);
      } else if (words[1] == observer_seat || words[1] == facilitator_seat) {
        c.text = words[1];
      } else {
        std::vector<std::string> all{std::string(observer_seat), std::string(facilitator_seat)};
        for (const RoleInfo& info : roles())
          all.insert(all.end(), info.names.begin(), info.names.end());
        r.error = "join: " + unknown("seat", words[1], all) +
                  "; usage: join ic|ops|comms|scribe|observer|facilitator";
        return r;
      }
      break;
    }
    case Verb::Diagnose: {
      if (args < 1 || args > 2) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Service});
      if (!sub) return r;
      c.subject = *sub;
      if (args == 2) {
        std::vector<std::string> kinds;
        for (const auto& k : fault_kind_names) kinds.emplace_back(k.name);
        if (std::find(kinds.begin(), kinds.end(), words[2]) == kinds.end()) {
          r.error = "diagnose: " + unknown("kind of failure", words[2], kinds) +
                    "; the kinds are those of docs/faults.md";
          return r;
        }
        c.text = words[2];
      }
      break;
    }
    case Verb::Update:
    case Verb::Note:
    case Verb::Say:
      c.text = rest_after(line, 1);
      // `update " "` says nothing: it must not count as a status update.
      if (c.text.find_first_not_of(spaces) == std::string::npos)
        return bad_usage("the text is missing");
      break;
    case Verb::Inject: {
      if (!want(1)) return bad_usage("");
      const auto sub = subject(words[1], {Kind::Fault});
      if (!sub) return r;
      c.subject = *sub;
      break;
    }
  }
  r.command = std::move(c);
  return r;
}

std::vector<std::string> complete_command(const Scenario& s, std::string_view line) {
  const std::vector<std::string> words = split_words(line);
  // After any space split_words splits on, a new word starts (a line of only spaces has none).
  const bool new_word = line.empty() || spaces.find(line.back()) != std::string_view::npos;
  const std::size_t position = words.size() - (new_word ? 0 : 1);  // index of the word typed
  const std::string prefix = new_word || words.empty() ? "" : words.back();
  std::vector<std::string> pool;
  if (position == 0) {
    pool = verb_names();
  } else {
    const std::optional<Verb> verb = find_verb(words[0]);
    if (!verb) return {};
    const std::string_view usage = verb_info(*verb).usage;
    // The argument's placeholder in the usage line decides what to offer.
    std::vector<std::string> placeholders = split_words(usage);
    if (position - 1 >= placeholders.size()) return {};
    const std::string& ph = placeholders[position - 1];
    const auto add = [&](const std::vector<std::string>& names) {
      pool.insert(pool.end(), names.begin(), names.end());
    };
    if (ph.find("SERVICE") != std::string::npos) add(service_names(s));
    if (ph.find("INSTANCE") != std::string::npos) add(instance_names(s));
    if (ph == "ZONE") add(s.zones);
    if (ph == "SOURCE") add(source_names(s));
    if (ph == "CALLER->CALLEE") add(dependency_names(s));
    if (ph.find("ALERT") != std::string::npos) add(alert_names(s)), pool.emplace_back("all");
    // No FAULT: a fault's name tells what is wrong, and the console is a player's.
    if (ph == "[COMMAND]") add(verb_names());
    if (ph == "ROLE")  // the short aliases
      for (const RoleInfo& role : roles()) pool.emplace_back(role.names[1]);
    if (ph.find('|') != std::string::npos && ph.find("SERVICE") == std::string::npos &&
        ph.find("ALERT") == std::string::npos && ph.front() != 'S' && ph.front() != '[') {
      std::string opts = ph;  // on|off, open|auto
      std::istringstream in(opts);
      std::string o;
      while (std::getline(in, o, '|')) pool.push_back(o);
    }
    if (ph == "[--all]") pool = {"--all"};
    if (ph == "[KIND]")  // kinds of failure, which name no fault of the scenario
      for (const auto& k : fault_kind_names) pool.emplace_back(k.name);
  }
  std::vector<std::string> out;
  for (std::string& c : pool)
    if (c.starts_with(prefix) && std::find(out.begin(), out.end(), c) == out.end())
      out.push_back(std::move(c));
  return out;
}

std::string command_help(std::string_view topic) {
  std::ostringstream o;
  if (!topic.empty()) {
    for (const VerbInfo& i : verbs())
      if (i.name == topic || i.name == "!" + std::string(topic)) {
        o << usage_of(i) << "\n  " << i.what << "\n";
        return o.str();
      }
    return unknown("command", topic, verb_names()) + "\n";
  }
  const std::array<std::pair<VerbClass, std::string_view>, 4> sections = {{
      {VerbClass::Action, "Actions (take effect after a delay):"},
      {VerbClass::Investigation, "Investigation (what the monitoring shows):"},
      {VerbClass::Process, "Incident process:"},
      {VerbClass::Facilitator, "Facilitator (not for responders):"},
  }};
  for (const auto& [cls, title] : sections) {
    o << title << "\n";
    for (const VerbInfo& i : verbs()) {
      if (i.cls != cls) continue;
      std::string head = "  " + std::string(i.name) + " " + std::string(i.usage);
      if (head.size() < 36) head.resize(36, ' ');
      o << head << " " << i.what << "\n";
    }
  }
  return o.str();
}

namespace {

std::optional<std::string> natural_mitigation(const Scenario& s, const FaultSpec& f) {
  Command c;
  if (f.kind == FaultKind::CacheLoss && f.target.kind == FaultTarget::Kind::Edge) {
    const auto names = dependency_names(s);
    const auto it =
        std::find(names.begin(), names.end(),
                  s.service(f.target.service).name + "->" + s.service(f.target.to).name);
    if (it == names.end()) return std::nullopt;
    c.verb = Verb::Warm;
    c.subject = {Subject::Kind::Dependency, static_cast<std::uint32_t>(it - names.begin())};
    return c.canonical(s);
  }
  if (f.target.kind != FaultTarget::Kind::Service) return std::nullopt;
  switch (f.kind) {
    case FaultKind::BadDeploy: c.verb = Verb::Rollback; break;
    case FaultKind::ConfigPush: c.verb = Verb::Revert; break;
    case FaultKind::Latency:
    case FaultKind::Errors:
    case FaultKind::CapacityLoss:
    case FaultKind::DiskFull:
    case FaultKind::Hang:
    case FaultKind::MemoryLeak:
    case FaultKind::CrashLoop:
    case FaultKind::Failover: c.verb = Verb::Failover; break;
    // Faults in front of the host (names, certificates, callers' edges) stay after a failover.
    default: return std::nullopt;
  }
  c.subject = {Subject::Kind::Service, f.target.service.value()};
  return c.canonical(s);
}

}  // namespace

std::vector<Command> fault_enders(const Scenario& s, const FaultSpec& f) {
  std::vector<Command> out;
  // Both through the parser, so that equal effects are equal values.
  for (const auto& text : {f.until_action, natural_mitigation(s, f)}) {
    if (!text) continue;
    if (auto parsed = parse_command(s, *text).command) out.push_back(std::move(*parsed));
  }
  return out;
}

}  // namespace gameday::sim

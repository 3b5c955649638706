// The blameless-language rules and the matcher that applies them line by line.
//
// Each line is first masked (code spans, URLs) or skipped (fenced code, block quotes, log
// lines, "gameday-lint: ignore"), then split into words. A word is a run of letters, digits,
// '_' and inner apostrophes or hyphens, so "just-in-time", "non-trivial" and "justify" are
// single words that never equal "just" or "trivial". A rule is a phrase of words matched
// case-insensitively against consecutive words separated only by spaces, plus an optional
// guard that looks at the next word or the line, which is where most false positives die:
// "should have alerts" is a wish, "should have noticed" a counterfactual.
#include "gameday/scoring/lint.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace gameday::scoring {
namespace {

enum class Where : std::uint8_t { Anywhere, ActionItem };

// What must hold beyond the phrase itself.
enum class Guard : std::uint8_t {
  None,
  Participle,     // next word is a past participle: "should have noticed"
  PersonVerb,     // next word is something people do: "failed to escalate"
  NotTemporal,    // "just" not as in "just after", "just in case", "just under 5 minutes"
  NotDescribing,  // "clearly" not as in "clearly documented"
  NoFigure,       // the action item names no number, date or ticket
};

struct Rule {
  LintCategory category;
  std::string_view phrase;  // words separated by spaces; "a|b" alternatives; <name>, <name's>
  Where where;
  Guard guard;
  std::string_view suggestion;
};

constexpr std::string_view suggest_system =
    "describe what the system allowed: \"the deploy tool let an unreviewed change reach "
    "production\"";
constexpr std::string_view suggest_counterfactual =
    "say what happened and why it made sense then: \"the alert was not seen because it went to a "
    "muted channel\"";
constexpr std::string_view suggest_drop_word =
    "drop the word, or say what made it hard to see at the time";
constexpr std::string_view suggest_person =
    "name the role and the gap, not the person: \"the on-call had no runbook step for "
    "failover\"";
constexpr std::string_view suggest_person_fix =
    "change the system instead: \"add a confirmation step to the failover command\"";
constexpr std::string_view suggest_action =
    "make it finishable: what changes, who owns it, by when, and how we know it is done";
constexpr std::string_view suggest_monitoring =
    "name the signal and threshold: \"page when checkout's 5-minute error ratio exceeds 2%\"";

// Longer phrases first is not required: overlapping matches keep the longest anyway.
constexpr std::array rules = {
    Rule{LintCategory::HumanError, "human|operator|user|pilot error", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "careless|carelessly|carelessness|negligent|negligently",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "negligence|sloppy|incompetent|incompetence", Where::Anywhere,
         Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "mistake|mistakes made by", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "mistake|mistakes by", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "to blame", Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "was|were at fault", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::Counterfactual, "should|could|shouldn't|couldn't have", Where::Anywhere,
         Guard::Participle, suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "should|could not have", Where::Anywhere, Guard::Participle,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "should've|could've", Where::Anywhere, Guard::Participle,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "failed to", Where::Anywhere, Guard::PersonVerb,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "forgot|neglected to", Where::Anywhere, Guard::None,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "didn't bother", Where::Anywhere, Guard::None,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "did not bother", Where::Anywhere, Guard::None,
         suggest_counterfactual},
    Rule{LintCategory::Judgemental, "obviously|simply|trivial|trivially", Where::Anywhere,
         Guard::None, suggest_drop_word},
    Rule{LintCategory::Judgemental, "just", Where::Anywhere, Guard::NotTemporal, suggest_drop_word},
    Rule{LintCategory::Judgemental, "clearly", Where::Anywhere, Guard::NotDescribing,
         suggest_drop_word},
    Rule{LintCategory::Judgemental, "of course", Where::Anywhere, Guard::None, suggest_drop_word},
    Rule{LintCategory::Judgemental, "everyone|everybody knows", Where::Anywhere, Guard::None,
         suggest_drop_word},
    Rule{LintCategory::PersonAsCause, "<name> broke", Where::Anywhere, Guard::None, suggest_person},
    Rule{LintCategory::PersonAsCause, "<name's> fault|mistake|error", Where::Anywhere, Guard::None,
         suggest_person},
    Rule{LintCategory::PersonAsCause, "his|her|their fault|mistake", Where::Anywhere, Guard::None,
         suggest_person},
    Rule{LintCategory::PersonAsCause, "be|being more careful", Where::Anywhere, Guard::None,
         suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "remind|reminding people|everyone|engineers|staff|folks",
         Where::Anywhere, Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "remind|reminding the team|engineers|on-call",
         Where::Anywhere, Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "pay|paying more|closer attention", Where::Anywhere,
         Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "should|ought to know better", Where::Anywhere, Guard::None,
         suggest_person_fix},
    Rule{LintCategory::VagueAction, "be|stay|being more vigilant", Where::Anywhere, Guard::None,
         suggest_person_fix},
    Rule{LintCategory::VagueAction, "better|more monitoring|alerting|observability|testing",
         Where::Anywhere, Guard::None, suggest_monitoring},
    Rule{LintCategory::VagueAction, "look|looking into", Where::ActionItem, Guard::None,
         suggest_action},
    Rule{LintCategory::VagueAction, "investigate further|more", Where::ActionItem, Guard::None,
         suggest_action},
    Rule{LintCategory::VagueAction, "further investigation", Where::ActionItem, Guard::None,
         suggest_action},
    Rule{LintCategory::VagueAction, "improve|improved|improving|improvements|revisit",
         Where::ActionItem, Guard::NoFigure, suggest_action},
};

// Words that start sentences or name things, not people, before "broke" or "'s fault".
constexpr std::array<std::string_view, 44> not_names = {
    "it",     "this",     "that",       "these",      "those",     "the",     "a",        "an",
    "which",  "what",     "who",        "he",         "she",       "they",    "we",       "i",
    "you",    "nothing",  "something",  "everything", "nobody",    "someone", "somebody", "anyone",
    "change", "deploy",   "deployment", "release",    "migration", "config",  "update",   "upgrade",
    "patch",  "commit",   "build",      "script",     "rollout",   "code",    "traffic",  "load",
    "then",   "suddenly", "eventually", "nobody's"};

constexpr std::array<std::string_view, 40> irregular_participles = {
    "been",       "done",  "known",   "seen",   "caught",  "gone",   "taken",  "written",
    "run",        "read",  "found",   "told",   "thought", "kept",   "got",    "gotten",
    "made",       "given", "built",   "sent",   "spent",   "held",   "heard",  "left",
    "put",        "set",   "shut",    "spoken", "begun",   "chosen", "driven", "drawn",
    "understood", "woken", "brought", "taught", "sought",  "rung",   "split",  "undone"};

constexpr std::array<std::string_view, 36> person_verbs = {
    "notice", "check",   "follow",      "escalate",     "read",    "test",
    "verify", "update",  "communicate", "page",         "ack",     "acknowledge",
    "review", "catch",   "see",         "realise",      "realize", "consider",
    "report", "monitor", "remember",    "mention",      "inform",  "notify",
    "tell",   "ask",     "look",        "double-check", "act",     "investigate",
    "raise",  "flag",    "spot",        "confirm",      "pay",     "document"};

// "just after", "just in case", "just under 5 minutes", "just now": time and amount, no judgement.
constexpr std::array<std::string_view, 18> just_neutral = {
    "after", "before", "in",   "now", "as",    "under",  "over",  "enough", "about",
    "below", "above",  "past", "shy", "prior", "beyond", "short", "over",   "when"};

constexpr std::array<std::string_view, 16> clearly_neutral = {
    "communicated", "documented", "defined", "labelled",  "labeled", "marked",
    "stated",       "written",    "visible", "explained", "worded",  "described",
    "separated",    "owned",      "scoped",  "identified"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string lower;          // ASCII-lowercased, with ’ as '
  bool spaced_before = true;  // only spaces or tabs between the previous word and this one
  bool capitalised = false;   // "Alice": an upper-case letter, then lower-case letters only
};

bool is_word_byte(unsigned char c) {
  return std::isalnum(c) != 0 || c == '_';
}

// Length of an inner apostrophe at `i` (' or the UTF-8 ’), or 0.
std::size_t apostrophe_at(std::string_view s, std::size_t i) {
  if (s[i] == '\'') return 1;
  if (s.compare(i, 3, "\xE2\x80\x99") == 0) return 3;
  return 0;
}

std::vector<Word> split_words(std::string_view s) {
  std::vector<Word> words;
  std::size_t i = 0;
  std::size_t prev_end = 0;
  while (i < s.size()) {
    if (!is_word_byte(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    Word w;
    w.begin = i;
    while (i < s.size()) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (is_word_byte(c)) {
        w.lower += static_cast<char>(std::tolower(c));
        ++i;
        continue;
      }
      // Inner hyphens and apostrophes join words: "on-call", "didn't", "Alice's".
      const std::size_t joiner = c == '-' ? 1 : apostrophe_at(s, i);
      if (joiner == 0 || i + joiner >= s.size() ||
          !is_word_byte(static_cast<unsigned char>(s[i + joiner])))
        break;
      w.lower += c == '-' ? '-' : '\'';
      i += joiner;
    }
    w.end = i;
    const std::string_view gap = s.substr(prev_end, w.begin - prev_end);
    w.spaced_before = words.empty() || gap.find_first_not_of(" \t") == std::string_view::npos;
    // A hyphen just before the word ("-just") makes it part of something else.
    if (w.begin > 0 && s[w.begin - 1] == '-') w.spaced_before = false;
    const std::string_view orig = s.substr(w.begin, w.end - w.begin);
    w.capitalised = std::isupper(static_cast<unsigned char>(orig[0])) != 0 && orig.size() > 1 &&
                    std::all_of(orig.begin() + 1, orig.end(), [](char c) {
                      const auto u = static_cast<unsigned char>(c);
                      return std::islower(u) != 0 || c == '\'' || u >= 0x80;  // a curly apostrophe
                    });
    prev_end = w.end;
    words.push_back(std::move(w));
  }
  return words;
}

bool matches_alternative(std::string_view alternatives, std::string_view word) {
  while (true) {
    const std::size_t bar = alternatives.find('|');
    if (alternatives.substr(0, bar) == word) return true;
    if (bar == std::string_view::npos) return false;
    alternatives.remove_prefix(bar + 1);
  }
}

bool is_name(const Word& w) {
  return w.capitalised && !contains(not_names, w.lower);
}

bool matches_token(std::string_view token, const Word& w) {
  if (token == "<name>") return is_name(w);
  if (token == "<name's>") {
    if (w.lower.size() < 4 || !w.lower.ends_with("'s")) return false;
    return w.capitalised && !contains(not_names, w.lower.substr(0, w.lower.size() - 2));
  }
  return matches_alternative(token, w.lower);
}

std::vector<std::string_view> tokens_of(std::string_view phrase) {
  std::vector<std::string_view> out;
  while (!phrase.empty()) {
    const std::size_t sp = phrase.find(' ');
    out.push_back(phrase.substr(0, sp));
    if (sp == std::string_view::npos) break;
    phrase.remove_prefix(sp + 1);
  }
  return out;
}

bool is_participle(std::string_view w) {
  return (w.size() > 3 && w.ends_with("ed")) || contains(irregular_participles, w);
}

bool guard_holds(Guard g, const std::vector<Word>& words, std::size_t next, std::string_view line) {
  const Word* after = next < words.size() && words[next].spaced_before ? &words[next] : nullptr;
  switch (g) {
    case Guard::None: return true;
    case Guard::Participle: return after != nullptr && is_participle(after->lower);
    case Guard::PersonVerb: return after != nullptr && contains(person_verbs, after->lower);
    case Guard::NotTemporal:
      return after == nullptr || (!contains(just_neutral, after->lower) &&
                                  !std::isdigit(static_cast<unsigned char>(after->lower[0])));
    case Guard::NotDescribing: return after == nullptr || !contains(clearly_neutral, after->lower);
    case Guard::NoFigure:
      return std::none_of(line.begin(), line.end(),
                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  }
  return true;
}

// Replaces code spans (`x`, ``x``) and URLs with spaces, keeping every column where it was.
std::string mask_line(std::string_view line) {
  std::string s(line);
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '`') {
      ++i;
      continue;
    }
    std::size_t run = 0;
    while (i + run < s.size() && s[i + run] == '`') ++run;
    const std::string fence(run, '`');
    const std::size_t close = s.find(fence, i + run);
    if (close == std::string::npos) break;  // an unclosed span is text, as in CommonMark
    std::fill(s.begin() + static_cast<std::ptrdiff_t>(i),
              s.begin() + static_cast<std::ptrdiff_t>(close + run), ' ');
    i = close + run;
  }
  for (std::string_view scheme : {"http://", "https://"}) {
    for (std::size_t at = s.find(scheme); at != std::string::npos; at = s.find(scheme, at)) {
      while (at < s.size() && std::isspace(static_cast<unsigned char>(s[at])) == 0) s[at++] = ' ';
    }
  }
  return s;
}

std::string_view trim_left(std::string_view s) {
  const std::size_t i = s.find_first_not_of(" \t");
  return i == std::string_view::npos ? std::string_view{} : s.substr(i);
}

// "2024-05-01T12:00:03Z ERROR ...", "[12:00:03] WARN ...": a pasted log line, quoted as is.
bool is_log_line(std::string_view t) {
  if (t.empty() || (std::isdigit(static_cast<unsigned char>(t[0])) == 0 && t[0] != '['))
    return false;
  for (std::string_view level : {" ERROR", " WARN", " INFO", " DEBUG", " FATAL", " TRACE"})
    if (t.find(level) != std::string_view::npos) return true;
  return false;
}

bool is_list_item(std::string_view t) {
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') return true;
  std::size_t i = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i;
  return i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool names_actions(std::string_view heading) {
  const std::string h = lower_ascii(heading);
  for (std::string_view key : {"action", "follow-up", "follow up", "followup", "todo",
                               "remediation", "next step", "to do"})
    if (h.find(key) != std::string::npos) return true;
  return false;
}

// "action_items:" or "notes: |": a YAML key whose value is the block that follows.
std::optional<std::string_view> yaml_block_key(std::string_view t) {
  const std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view value = t.substr(colon + 1);
  value = trim_left(value);
  if (!value.empty() && value != "|" && value != ">" && value != "|-" && value != ">-")
    return std::nullopt;
  const std::string_view key = t.substr(0, colon);
  const bool plain = std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == ' ';
  });
  return plain ? std::optional<std::string_view>(key) : std::nullopt;
}

// Tracks whether a line sits in a list of action items: a Markdown section whose heading
// names actions ("## Action items"), a YAML key that does ("action_items:"), or a line that
// says so itself ("TODO:", "Action:", "- [ ] ...").
class ActionContext {
 public:
  bool is_action_item(std::string_view line) {
    const std::string_view t = trim_left(line);
    const std::size_t indent = line.size() - t.size();
    if (t.empty()) return false;
    if (t[0] == '#' && indent == 0) {  // a Markdown heading starts or ends a section
      in_section_ = names_actions(t);
      yaml_indent_ = std::string::npos;
      return false;
    }
    if (yaml_indent_ != std::string::npos && indent <= yaml_indent_ && !is_list_item(t)) {
      in_section_ = false;
      yaml_indent_ = std::string::npos;
    }
    if (const auto key = yaml_block_key(t)) {
      in_section_ = names_actions(*key);
      yaml_indent_ = in_section_ ? indent : std::string::npos;
      return false;
    }
    const std::string lower = lower_ascii(t);
    for (std::string_view mark :
         {"todo", "action:", "action item", "ai:", "- [ ]", "- [x]", "* [ ]", "* [x]"})
      if (lower.starts_with(mark)) return true;
    return in_section_ && (is_list_item(t) || indent > 0);
  }

 private:
  bool in_section_ = false;
  std::size_t yaml_indent_ = std::string::npos;
};

void match_rule(const Rule& rule, const std::vector<Word>& words, std::string_view line,
                int line_number, std::vector<LintFinding>& out) {
  const std::vector<std::string_view> tokens = tokens_of(rule.phrase);
  for (std::size_t i = 0; i + tokens.size() <= words.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < tokens.size() && ok; ++k)
      ok = matches_token(tokens[k], words[i + k]) && (k == 0 || words[i + k].spaced_before);
    if (!ok || !guard_holds(rule.guard, words, i + tokens.size(), line)) continue;
    const std::size_t begin = words[i].begin;
    const std::size_t end = words[i + tokens.size() - 1].end;
    out.push_back({line_number, static_cast<int>(begin) + 1, rule.category,
                   std::string(line.substr(begin, end - begin)), std::string(rule.suggestion)});
  }
}

// Keeps the longest of overlapping findings on a line, then orders by position.
void drop_overlaps(std::vector<LintFinding>& found) {
  std::stable_sort(found.begin(), found.end(), [](const LintFinding& a, const LintFinding& b) {
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    return a.text.size() > b.text.size();
  });
  std::vector<LintFinding> kept;
  for (LintFinding& f : found) {
    if (!kept.empty() && kept.back().line == f.line &&
        kept.back().column + static_cast<int>(kept.back().text.size()) > f.column)
      continue;
    kept.push_back(std::move(f));
  }
  found = std::move(kept);
}

}  // namespace

std::string_view lint_category_name(LintCategory c) {
  switch (c) {
    case LintCategory::HumanError: return "human-error";
    case LintCategory::Counterfactual: return "counterfactual";
    case LintCategory::Judgemental: return "judgemental";
    case LintCategory::PersonAsCause: return "person";
    case LintCategory::VagueAction: return "vague-action";
  }
  return "unknown";
}

std::vector<LintFinding> lint_text(std::string_view text) {
  std::vector<LintFinding> found;
  ActionContext actions;
  std::string_view fence;  // the open code fence ("```" or "~~~"), empty outside one
  int number = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::string_view t = trim_left(line);
    if (t.starts_with("```") || t.starts_with("~~~")) {
      if (fence.empty())
        fence = t.substr(0, 3);
      else if (t.starts_with(fence))
        fence = {};
      continue;
    }
    if (!fence.empty()) continue;
    const bool action_item = actions.is_action_item(line);
    if (t.starts_with('>') || is_log_line(t) ||
        line.find("gameday-lint: ignore") != std::string_view::npos)
      continue;
    const std::string masked = mask_line(line);
    const std::vector<Word> words = split_words(masked);
    for (const Rule& rule : rules) {
      if (rule.where == Where::ActionItem && !action_item) continue;
      match_rule(rule, words, line, number, found);
    }
  }
  drop_overlaps(found);
  return found;
}

}  // namespace gameday::scoring

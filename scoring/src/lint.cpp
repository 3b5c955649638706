// The blameless-language rules and the matcher that applies them line by line.
//
// Each line is first masked (code spans, URLs) or skipped (fenced code, block quotes, log
// lines, "gameday-lint: ignore"), then split into words. A word is a run of letters, digits,
// '_' and inner apostrophes or hyphens, so "just-in-time", "non-trivial" and "justify" are
// single words that never equal "just" or "trivial". A rule is a phrase of words matched
// case-insensitively against consecutive words separated only by spaces, plus two checks that
// are where most false positives die: a guard on the next word or the line ("should have
// alerts" is a wish, "should have noticed" a counterfactual), and who does it. Fault-finding
// verbs blame only when their subject is a person: "Dave ignored the warning" blames, "the
// client ignored the header" describes software.
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
  Participle,     // next word is a past participle: "had the on-call checked"
  Hindsight,      // "should have noticed", "should have been reviewed"; not "the alert should
                  // have fired", where software is the subject
  PersonVerb,     // next word is something people do: "failed to escalate"
  NotTemporal,    // "just" not as in "just after", "had just deployed", "just 5 minutes"
  NotDescribing,  // "clearly" not as in "clearly documented"
  NoFigure,       // the action item names no number, date or ticket
  NotCompound,    // not a noun's modifier: "user error rates", "Envoy's error log"
  NotWithout,     // "operator oversight", but not "without human oversight"
};

// Who does what a phrase says, from the words before it (or after "by" in the passive).
enum Doer : std::uint8_t {
  Person = 1,      // a name, a role ("the on-call", "the DBA", "the team"), he, she, someone
  Collective = 2,  // we
  Unknown = 4,     // nobody named: a fragment ("Forgot to renew it"), an agentless passive
  Thing = 8,       // anything else: "the client ignored the header"
};
constexpr std::uint8_t anyone = Person | Collective | Unknown | Thing;

struct Rule {
  LintCategory category;
  std::string_view phrase;  // words separated by spaces; "a|b" alternatives; tokens below
  Where where;
  Guard guard;
  std::string_view suggestion;
  std::uint8_t doers = anyone;  // the rule holds only when its doer is one of these
};
// Tokens: <name> a capitalised word that is not a pronoun or common noun; <name's> its
// possessive; <person> a person word, after an optional determiner ("the on-call", "Dave");
// <person's> its possessive ("the on-call's", "Carol's").

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

constexpr std::uint8_t a_person = Person;
constexpr std::uint8_t not_a_thing = Person | Collective | Unknown;

// Longer phrases first is not required: overlapping matches keep the longest anyway.
constexpr std::array rules = {
    Rule{LintCategory::HumanError, "human|operator|user|pilot|engineer error", Where::Anywhere,
         Guard::NotCompound, suggest_system},
    Rule{LintCategory::HumanError, "careless|carelessly|carelessness|negligent|negligently",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "negligence|sloppy|sloppiness|incompetent|incompetence",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "lazy|laziness|reckless|recklessly|irresponsible|irresponsibly",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "mistake|mistakes made by", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "mistake|mistakes by", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "made|makes|make a|an mistake|error|blunder", Where::Anywhere,
         Guard::None, suggest_system, a_person},
    Rule{LintCategory::HumanError, "made|makes|make|making mistakes|errors", Where::Anywhere,
         Guard::None, suggest_system, a_person},
    Rule{LintCategory::HumanError, "fat-fingered|fat-finger|fat-fingering|unprofessional",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "blindly|inattention|inattentive|hasty|hastily|thoughtless",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "thoughtlessly|heedless|heedlessly|sloppily|carelessness",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "poor|bad judgement|judgment|call|decision|decisions",
         Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "avoidable mistake|mistakes|error|errors", Where::Anywhere,
         Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "better|more|no discipline", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "lack of discipline|diligence|care|attention", Where::Anywhere,
         Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "dithered|dawdled|procrastinated", Where::Anywhere, Guard::None,
         suggest_system, a_person},
    Rule{LintCategory::HumanError, "skipped|skip|skipping", Where::Anywhere, Guard::None,
         suggest_system, a_person},
    Rule{LintCategory::HumanError, "brushed|shrugged off", Where::Anywhere, Guard::None,
         suggest_system, a_person},
    Rule{LintCategory::HumanError, "glossed|skimmed over", Where::Anywhere, Guard::None,
         suggest_system, a_person},
    Rule{LintCategory::HumanError, "too slow|late|hesitant to", Where::Anywhere, Guard::None,
         suggest_system, a_person},
    Rule{LintCategory::HumanError, "fault of <person>", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "at fault", Where::Anywhere, Guard::None, suggest_system,
         Person | Unknown},
    Rule{LintCategory::HumanError, "held|hold|holding accountable", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "let|lets <person> down", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "let|lets everyone|everybody|us|them down", Where::Anywhere,
         Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "oversight by|from", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "<person> oversight|oversights", Where::Anywhere,
         Guard::NotWithout, suggest_system},
    Rule{LintCategory::HumanError, "to blame", Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "dropped|drop|dropping the ball", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "asleep at the wheel|switch", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "cut|cutting corners", Where::Anywhere, Guard::None,
         suggest_system},
    Rule{LintCategory::HumanError, "went|gone rogue", Where::Anywhere, Guard::None, suggest_system},
    Rule{LintCategory::HumanError, "screwed|messed|fouled up", Where::Anywhere, Guard::None,
         suggest_system, not_a_thing},
    Rule{LintCategory::HumanError, "rushed|botched|bungled|fumbled", Where::Anywhere, Guard::None,
         suggest_system, a_person},
    Rule{LintCategory::Counterfactual, "should|could|shouldn't|couldn't have", Where::Anywhere,
         Guard::Hindsight, suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "should|could not have", Where::Anywhere, Guard::Hindsight,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "should've|could've", Where::Anywhere, Guard::Hindsight,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "if only <person> had|hadn't", Where::Anywhere, Guard::None,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "if <person> had|hadn't", Where::Anywhere, Guard::None,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "if <person> had not", Where::Anywhere, Guard::None,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "had <person>", Where::Anywhere, Guard::Participle,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "had <person> not", Where::Anywhere, Guard::Participle,
         suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "failed to", Where::Anywhere, Guard::PersonVerb,
         suggest_counterfactual, not_a_thing},
    Rule{LintCategory::Counterfactual, "forgot|forgotten|neglected", Where::Anywhere, Guard::None,
         suggest_counterfactual, not_a_thing},
    Rule{LintCategory::Counterfactual, "ignored|ignore|ignores|ignoring|disregarded",
         Where::Anywhere, Guard::None, suggest_counterfactual, Person | Unknown},
    Rule{LintCategory::Counterfactual, "overlooked|overlook", Where::Anywhere, Guard::None,
         suggest_counterfactual, Person | Unknown},
    Rule{LintCategory::Counterfactual, "missed|miss", Where::Anywhere, Guard::None,
         suggest_counterfactual, a_person},
    Rule{LintCategory::Counterfactual,
         "didn't|never bother|follow|check|read|test|verify|think|listen|heed", Where::Anywhere,
         Guard::None, suggest_counterfactual, a_person},
    Rule{LintCategory::Counterfactual,
         "did not bother|follow|check|read|test|verify|think|listen|heed", Where::Anywhere,
         Guard::None, suggest_counterfactual, a_person},
    Rule{LintCategory::Counterfactual,
         "never looked|checked|noticed|read|tested|verified|followed|escalated", Where::Anywhere,
         Guard::None, suggest_counterfactual, a_person},
    Rule{LintCategory::Counterfactual, "bother|bothered to", Where::Anywhere, Guard::None,
         suggest_counterfactual, not_a_thing},
    Rule{LintCategory::Counterfactual, "didn't|hadn't|wasn't bother|bothered", Where::Anywhere,
         Guard::None, suggest_counterfactual},
    Rule{LintCategory::Counterfactual, "did|had not bother|bothered", Where::Anywhere, Guard::None,
         suggest_counterfactual},
    Rule{LintCategory::Judgemental, "obviously|trivial|trivially", Where::Anywhere, Guard::None,
         suggest_drop_word},
    // "simply" judges a person's choice ("we simply restarted it"), but software can simply do a
    // thing ("the restart simply moved the hot shard").
    Rule{LintCategory::Judgemental, "simply", Where::Anywhere, Guard::None, suggest_drop_word,
         not_a_thing},
    Rule{LintCategory::Judgemental, "no excuse|excuses", Where::Anywhere, Guard::None,
         suggest_drop_word},
    Rule{LintCategory::Judgemental, "unacceptable|inexcusable|unforgivable|embarrassing",
         Where::Anywhere, Guard::None, suggest_drop_word},
    Rule{LintCategory::Judgemental, "just", Where::Anywhere, Guard::NotTemporal, suggest_drop_word},
    Rule{LintCategory::Judgemental, "clearly", Where::Anywhere, Guard::NotDescribing,
         suggest_drop_word},
    Rule{LintCategory::Judgemental, "of course", Where::Anywhere, Guard::None, suggest_drop_word},
    Rule{LintCategory::Judgemental, "everyone|everybody knows", Where::Anywhere, Guard::None,
         suggest_drop_word},
    Rule{LintCategory::Judgemental, "any competent|reasonable|sensible", Where::Anywhere,
         Guard::None, suggest_drop_word},
    Rule{LintCategory::Judgemental, "competent", Where::Anywhere, Guard::None, suggest_drop_word},
    Rule{LintCategory::Judgemental, "was|is|were|seemed obvious", Where::Anywhere, Guard::None,
         suggest_drop_word},
    Rule{LintCategory::PersonAsCause, "<name> broke", Where::Anywhere, Guard::None, suggest_person},
    Rule{LintCategory::PersonAsCause, "<name's> fault|mistake|error", Where::Anywhere,
         Guard::NotCompound, suggest_person},
    Rule{LintCategory::PersonAsCause,
         "<person's> fault|mistake|mistakes|error|oversight|responsibility|negligence",
         Where::Anywhere, Guard::NotCompound, suggest_person},
    Rule{LintCategory::PersonAsCause, "<person's> failure|failures to", Where::Anywhere,
         Guard::PersonVerb, suggest_person},
    Rule{LintCategory::PersonAsCause, "responsible for this|the outage|incident|failure|downtime",
         Where::Anywhere, Guard::None, suggest_person},
    Rule{LintCategory::PersonAsCause, "responsible for causing", Where::Anywhere, Guard::None,
         suggest_person},
    Rule{LintCategory::PersonAsCause, "responsibility|blame for this|the outage|incident|failure",
         Where::Anywhere, Guard::None, suggest_person},
    Rule{LintCategory::PersonAsCause, "outage|incident|failure|this|that is|was on <person>",
         Where::Anywhere, Guard::None, suggest_person},
    Rule{LintCategory::PersonAsCause, "the one|person who|that broke|caused", Where::Anywhere,
         Guard::None, suggest_person},
    Rule{LintCategory::PersonAsCause, "his|her|their fault|mistake|mistakes|oversight",
         Where::Anywhere, Guard::None, suggest_person},
    Rule{LintCategory::PersonAsCause, "was|were responsible for", Where::Anywhere, Guard::None,
         suggest_person, a_person},
    Rule{LintCategory::PersonAsCause, "root cause was|is <person>", Where::Anywhere, Guard::None,
         suggest_person},
    Rule{LintCategory::PersonAsCause, "be|being|been more careful|diligent|attentive|thorough",
         Where::Anywhere, Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "more careful|diligent|attentive|thorough", Where::Anywhere,
         Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "remind|reminding|reminded people|everyone|everybody|folks",
         Where::Anywhere, Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "remind|reminding|reminded <person>", Where::Anywhere,
         Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "pay|paying|paid more|closer attention", Where::Anywhere,
         Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "not|wasn't|weren't|stopped paying attention",
         Where::Anywhere, Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "paid|pay|paying no|little attention", Where::Anywhere,
         Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "should|must know better", Where::Anywhere, Guard::None,
         suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "ought to know better", Where::Anywhere, Guard::None,
         suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "more|better training|coaching for", Where::Anywhere,
         Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause,
         "not|wasn't|weren't|isn't|aren't careful|diligent|attentive|thorough|cautious",
         Where::Anywhere, Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "retrain|retrained|retraining|re-train|re-training",
         Where::Anywhere, Guard::None, suggest_person_fix},
    Rule{LintCategory::PersonAsCause, "disciplinary|reprimand|reprimanded", Where::Anywhere,
         Guard::None, suggest_person_fix},
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

constexpr std::array<std::string_view, 48> person_verbs = {
    "notice",   "check",       "follow",    "escalate", "read",        "test",    "verify",
    "update",   "communicate", "page",      "ack",      "acknowledge", "review",  "catch",
    "see",      "realise",     "realize",   "consider", "report",      "monitor", "remember",
    "mention",  "inform",      "notify",    "tell",     "ask",         "look",    "double-check",
    "act",      "investigate", "raise",     "flag",     "spot",        "confirm", "pay",
    "document", "recognise",   "recognize", "identify", "heed",        "respond", "react",
    "detect",   "answer",      "prepare",   "plan",     "declare",     "call"};

// "just after", "just in case", "just under 5 minutes", "just now": time and amount, no judgement.
constexpr std::array<std::string_view, 24> just_neutral = {
    "after", "before", "in",    "now",   "as",  "under", "over",   "enough",
    "about", "below",  "above", "past",  "shy", "prior", "beyond", "short",
    "when",  "one",    "two",   "three", "a",   "once",  "missed", "barely"};

// "clearly documented", "clearly labels": describing how plainly something says a thing. Word
// starts, so every form of the verb counts.
constexpr std::array<std::string_view, 22> clearly_neutral = {
    "communicat", "document", "defin",   "label",  "marked",    "mark",       "stat", "writ",
    "written",    "visib",    "explain", "word",   "describ",   "separat",    "own",  "scop",
    "identif",    "show",     "indicat", "displa", "highlight", "distinguish"};

// Nouns that a preceding "error" or "X's error" only modifies: "user error rates", "Envoy's
// error log".
constexpr std::array<std::string_view, 32> modified_nouns = {
    "rate",    "rates",    "ratio",    "ratios", "budget",  "budgets",  "log",     "logs",
    "message", "messages", "code",     "codes",  "count",   "counts",   "page",    "pages",
    "spike",   "spikes",   "handling", "path",   "paths",   "metric",   "metrics", "percentage",
    "panel",   "panels",   "graph",    "graphs", "counter", "counters", "class",   "category"};

// Words for people in a role, as the subject of a fault-finding verb.
constexpr std::array<std::string_view, 46> role_words = {
    "on-call",   "oncall",    "on-caller",  "on-callers", "engineer",      "engineers", "operator",
    "operators", "developer", "developers", "dev",        "devs",          "sre",       "sres",
    "sysadmin",  "sysadmins", "admin",      "admins",     "administrator", "dba",       "dbas",
    "ic",        "commander", "responder",  "responders", "reviewer",      "reviewers", "author",
    "team",      "staff",     "employee",   "employees",  "contractor",    "manager",   "lead",
    "person",    "human",     "humans",     "intern",     "ops",           "colleague", "teammate",
    "he",        "she",       "someone",    "somebody"};

// Common first names, for "Dave ignored the warning" when no record names the people.
constexpr std::array<std::string_view, 503> first_names = {
    "aaron",     "abdul",       "adam",      "aditya",    "adrian",    "ahmed",     "aidan",
    "aisha",     "akira",       "alan",      "albert",    "alberto",   "alejandro", "aleksandr",
    "alex",      "alexander",   "alexandra", "alfie",     "ali",       "alice",     "alicia",
    "allison",   "amanda",      "amara",     "amber",     "amelia",    "amit",      "amy",
    "ana",       "ananya",      "andre",     "andrea",    "andrei",    "andrew",    "andy",
    "angela",    "anita",       "anke",      "anna",      "anne",      "annie",     "anthony",
    "antonio",   "arjun",       "arthur",    "arun",      "ashley",    "astrid",    "audrey",
    "austin",    "barbara",     "beatrice",  "ben",       "benjamin",  "bernard",   "beth",
    "betty",     "bill",        "billy",     "bjorn",     "blake",     "bob",       "bongani",
    "bradley",   "brandon",     "brenda",    "brian",     "brooke",    "bruce",     "bryan",
    "caleb",     "cameron",     "camille",   "carl",      "carla",     "carlos",    "carmen",
    "carol",     "caroline",    "carrie",    "catherine", "charles",   "charlie",   "charlotte",
    "chen",      "chiara",      "chidi",     "chloe",     "chris",     "christian", "christina",
    "christine", "christopher", "cindy",     "claire",    "clara",     "colin",     "connor",
    "craig",     "cynthia",     "dale",      "dan",       "dana",      "daniel",    "danielle",
    "darren",    "dave",        "david",     "dean",      "debbie",    "deborah",   "deepak",
    "denise",    "dennis",      "derek",     "diana",     "diane",     "diego",     "divya",
    "dmitri",    "dominic",     "don",       "donald",    "donna",     "doug",      "douglas",
    "dylan",     "edward",      "elaine",    "eleanor",   "elena",     "eli",       "elijah",
    "elisa",     "elizabeth",   "ella",      "ellen",     "emeka",     "emily",     "emma",
    "eric",      "erik",        "erin",      "ethan",     "eugene",    "evan",      "eve",
    "evelyn",    "fatima",      "fatou",     "fernando",  "fiona",     "florence",  "francesca",
    "francesco", "francis",     "frank",     "freya",     "gabriel",   "gabriela",  "gail",
    "gary",      "gaurav",      "gavin",     "gemma",     "george",    "gerald",    "gina",
    "giovanni",  "giulia",      "glenn",     "gloria",    "gordon",    "grace",     "graham",
    "greg",      "gregory",     "gustav",    "hana",      "hannah",    "hans",      "harold",
    "harry",     "haruto",      "harvey",    "hassan",    "hazel",     "heather",   "heidi",
    "helen",     "henrik",      "henry",     "hiroshi",   "holly",     "howard",    "hugo",
    "ian",       "igor",        "ingrid",    "isaac",     "isabel",    "isabella",  "ishaan",
    "ivan",      "ivana",       "jack",      "jacob",     "jacques",   "jade",      "jake",
    "jakub",     "james",       "jamie",     "jane",      "janet",     "jared",     "jasmine",
    "jason",     "javier",      "jean",      "jeff",      "jeffrey",   "jennifer",  "jenny",
    "jeremy",    "jerry",       "jesse",     "jessica",   "jill",      "jim",       "jin",
    "joan",      "joanna",      "jodie",     "joe",       "joel",      "johan",     "john",
    "jonathan",  "jordan",      "jose",      "joseph",    "joshua",    "joy",       "joyce",
    "juan",      "judith",      "judy",      "julia",     "julian",    "julie",     "jun",
    "justin",    "karen",       "karin",     "karl",      "katarzyna", "kate",      "katherine",
    "kathleen",  "kathy",       "katie",     "kavya",     "keith",     "kelly",     "ken",
    "kenji",     "kenneth",     "kevin",     "kim",       "kimberly",  "kiran",     "klaus",
    "kofi",      "kwame",       "kyle",      "lakshmi",   "lana",      "larry",     "lars",
    "laura",     "lauren",      "layla",     "lee",       "lena",      "leo",       "leon",
    "leonard",   "lerato",      "leslie",    "lewis",     "li",        "liam",      "lily",
    "linda",     "lisa",        "logan",     "lorraine",  "louis",     "louise",    "luca",
    "lucas",     "lucia",       "lucy",      "luis",      "luke",      "lynn",      "madison",
    "maggie",    "magnus",      "mallory",   "manon",     "marco",     "marcus",    "marek",
    "margaret",  "maria",       "marie",     "marilyn",   "mark",      "martin",    "marvin",
    "mary",      "mateusz",     "matt",      "matteo",    "matthew",   "maureen",   "max",
    "megan",     "mei",         "melanie",   "melissa",   "mia",       "michael",   "michelle",
    "miguel",    "mike",        "mila",      "miles",     "mohammad",  "mohammed",  "molly",
    "monica",    "morgan",      "mustafa",   "nadia",     "nancy",     "natasha",   "nathan",
    "neha",      "neil",        "nia",       "nicholas",  "nick",      "nicole",    "nigel",
    "nils",      "nina",        "noah",      "noel",      "noor",      "norman",    "olga",
    "oliver",    "olivia",      "omar",      "oscar",     "owen",      "pablo",     "pamela",
    "paolo",     "pat",         "patricia",  "patrick",   "paul",      "paula",     "pavel",
    "pedro",     "peggy",       "penny",     "peter",     "phil",      "philip",    "phoebe",
    "pierre",    "piotr",       "pooja",     "priya",     "rachel",    "rafael",    "rahul",
    "raj",       "ralph",       "randy",     "rania",     "ravi",      "ray",       "raymond",
    "rebecca",   "reggie",      "rhys",      "richard",   "rick",      "rita",      "rob",
    "robert",    "roger",       "rohan",     "ronald",    "rose",      "ross",      "roy",
    "russell",   "ruth",        "ryan",      "sakura",    "sally",     "sam",       "samantha",
    "samir",     "samuel",      "sandra",    "sanjana",   "sanjay",    "sara",      "sarah",
    "scott",     "sean",        "sergei",    "seth",      "shane",     "sharon",    "shaun",
    "sheila",    "shirley",     "shreya",    "simon",     "sofia",     "sophia",    "sophie",
    "stacy",     "stanley",     "stella",    "stephanie", "stephen",   "steve",     "stuart",
    "sue",       "sunil",       "susan",     "sven",      "takeshi",   "tanya",     "tara",
    "tariq",     "teresa",      "terry",     "thabo",     "theo",      "theresa",   "thomas",
    "tiffany",   "tim",         "timothy",   "tina",      "toby",      "todd",      "tom",
    "tomasz",    "tony",        "tracy",     "travis",    "trent",     "trevor",    "tunde",
    "tyler",     "valentina",   "valerie",   "vanessa",   "vera",      "victor",    "vikram",
    "vincent",   "vivek",       "vladimir",  "walter",    "wayne",     "wei",       "wendy",
    "wesley",    "will",        "william",   "xin",       "yan",       "ying",      "youssef",
    "yuki",      "yusuf",       "zach",      "zara",      "zhang",     "zoe"};

// Software that is written with a capital, so a capitalised subject is not always a person.
constexpr std::array<std::string_view, 40> product_names = {
    "envoy",     "redis",     "kafka",      "nginx",        "consul",    "vault",
    "istio",     "linux",     "docker",     "kubernetes",   "postgres",  "postgresql",
    "mysql",     "terraform", "prometheus", "alertmanager", "grafana",   "cloudflare",
    "chrome",    "java",      "python",     "node",         "go",        "jenkins",
    "github",    "gitlab",    "slack",      "pagerduty",    "datadog",   "elasticsearch",
    "zookeeper", "etcd",      "haproxy",    "varnish",      "memcached", "rabbitmq",
    "cassandra", "mongodb",   "ansible"};

// Words between a subject and its verb that say nothing about who: "Dave had not checked",
// "the on-call then simply ignored".
constexpr std::array<std::string_view, 61> between_subject_and_verb = {
    "could",         "would",      "should",       "might",
    "must",          "can't",      "cannot",       "couldn't",
    "wouldn't",      "won't",      "to",           "chose",
    "decided",       "opted",      "continued",    "kept",
    "blindly",       "had",        "has",          "have",
    "was",           "were",       "is",           "are",
    "been",          "be",         "being",        "did",
    "does",          "do",         "didn't",       "doesn't",
    "don't",         "hadn't",     "wasn't",       "weren't",
    "not",           "never",      "also",         "then",
    "again",         "still",      "already",      "completely",
    "simply",        "just",       "apparently",   "initially",
    "repeatedly",    "mistakenly", "accidentally", "inadvertently",
    "unfortunately", "later",      "subsequently", "evidently",
    "clearly",       "obviously",  "totally",      "entirely",
    "reportedly"};

constexpr std::array<std::string_view, 11> determiners = {
    "the", "a", "an", "our", "their", "his", "her", "that", "all", "every", "each"};

// Adverbs between "should have" and its participle: "could have just restarted".
constexpr std::array<std::string_view, 6> hindsight_adverbs = {"just",    "simply",  "easily",
                                                               "already", "quickly", "at"};

constexpr std::array<std::string_view, 6> be_forms = {"was", "were", "been", "being", "is", "are"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string lower;          // ASCII-lowercased, with ’ as '
  bool spaced_before = true;  // only spaces or tabs between the previous word and this one
  bool clause_start = true;   // first word, or punctuation that ends a clause before it
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
    w.clause_start = words.empty() || gap.find_first_of(".;:!?()[]\"") != std::string_view::npos;
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

// The people a text may name: the common first names, and those of the record it is about.
struct People {
  const std::vector<std::string>& names;  // lower-case

  // A word as a person: a person word, or a capitalised word that is neither a pronoun, a
  // common noun nor software and stands inside a sentence ("then Greg ignored it"); at a
  // sentence's start a capital says nothing, so only the name lists count there.
  bool is_person(const Word& w) const {
    if (is_person(w.lower)) return true;
    return w.capitalised && !w.clause_start && !contains(not_names, w.lower) &&
           !contains(product_names, w.lower);
  }

  bool is_person(std::string_view lower) const {
    return contains(role_words, lower) || contains(first_names, lower) || lower == "i" ||
           lower == "they" || lower == "you" ||
           std::find(names.begin(), names.end(), lower) != names.end();
  }
};

std::string_view without_possessive(std::string_view lower) {
  return lower.size() > 2 && lower.ends_with("'s") ? lower.substr(0, lower.size() - 2)
                                                   : std::string_view{};
}

// Words taken by a person token at `i` ("Dave", "the on-call", "Carol's"), or 0.
std::size_t person_at(const std::vector<Word>& words, std::size_t i, bool possessive,
                      const People& people) {
  std::size_t taken = 0;
  if (i < words.size() && contains(determiners, words[i].lower)) taken = 1;
  if (i + taken >= words.size() || (taken > 0 && !words[i + taken].spaced_before)) return 0;
  // "the platform team", "the on-call engineer": one word may qualify the role.
  if (taken > 0 && !possessive && i + taken + 1 < words.size() &&
      words[i + taken + 1].spaced_before && contains(role_words, words[i + taken + 1].lower))
    ++taken;
  const Word& w = words[i + taken];
  if (!possessive) return people.is_person(w) ? taken + 1 : 0;
  const std::string_view base = without_possessive(w.lower);
  if (base.empty()) return 0;
  const bool named = w.capitalised && !contains(not_names, base);
  return named || people.is_person(base) ? taken + 1 : 0;
}

bool matches_token(std::string_view token, const Word& w) {
  if (token == "<name>") return is_name(w);
  if (token == "<name's>") {
    const std::string_view base = without_possessive(w.lower);
    return base.size() >= 2 && w.capitalised && !contains(not_names, base);
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

// One past the last word of the phrase matched at `i`, or 0 when it does not match there.
std::size_t match_phrase(const std::vector<std::string_view>& tokens,
                         const std::vector<Word>& words, std::size_t i, const People& people) {
  std::size_t at = i;
  for (std::string_view token : tokens) {
    if (at >= words.size() || (at > i && !words[at].spaced_before)) return 0;
    if (token == "<person>" || token == "<person's>") {
      const std::size_t taken = person_at(words, at, token == "<person's>", people);
      if (taken == 0) return 0;
      at += taken;
      continue;
    }
    if (!matches_token(token, words[at])) return 0;
    ++at;
  }
  return at;
}

bool is_participle(std::string_view w) {
  return (w.size() > 3 && w.ends_with("ed")) || contains(irregular_participles, w);
}

// Who does what the words [begin, end) say: the subject before them, skipping auxiliaries and
// adverbs, or in the passive ("was ignored by the on-call") the agent after them.
Doer doer_of(const std::vector<Word>& words, std::size_t begin, std::size_t end,
             const People& people) {
  if (begin > 0 && !words[begin].clause_start && contains(be_forms, words[begin - 1].lower) &&
      is_participle(words[begin].lower)) {
    // The agent may come a few words later: "was rushed through review by the team".
    for (std::size_t j = end; j < words.size() && j < end + 4 && !words[j].clause_start; ++j)
      if (words[j].lower == "by")
        return person_at(words, j + 1, false, people) > 0 ? Person : Thing;
    return Unknown;
  }
  for (std::size_t j = begin; j > 0; --j) {
    if (words[j].clause_start) return Unknown;
    const Word& w = words[j - 1];
    if (contains(between_subject_and_verb, w.lower)) continue;
    if (w.lower == "we") return Collective;
    return people.is_person(w) ? Person : Thing;
  }
  return Unknown;
}

// "noticed", "escalated", "caught": the past of something people do.
bool is_person_verb_past(std::string_view w) {
  for (std::string_view v : person_verbs) {
    const std::string base(v);
    if (w == base + "ed" || w == base + "d" ||
        (base.ends_with('y') && w == base.substr(0, base.size() - 1) + "ied"))
      return true;
  }
  for (std::string_view irregular : {"seen", "caught", "told", "paid", "known", "read"})
    if (w == irregular) return true;
  return false;
}

bool guard_holds(Guard g, const std::vector<Word>& words, std::size_t begin, std::size_t next,
                 std::string_view line, const People& people) {
  const Word* after = next < words.size() && words[next].spaced_before ? &words[next] : nullptr;
  const Word* before = begin > 0 && !words[begin].clause_start ? &words[begin - 1] : nullptr;
  switch (g) {
    case Guard::None: return true;
    case Guard::Participle: return after != nullptr && is_participle(after->lower);
    case Guard::Hindsight: {
      std::size_t at = next;
      while (at < words.size() && contains(hindsight_adverbs, words[at].lower)) ++at;
      if (at >= words.size() || !words[at].spaced_before || !is_participle(words[at].lower))
        return false;
      return words[at].lower == "been" || is_person_verb_past(words[at].lower) ||
             doer_of(words, begin, next, people) != Thing;
    }
    case Guard::PersonVerb: return after != nullptr && contains(person_verbs, after->lower);
    case Guard::NotTemporal:
      if (before != nullptr && (before->lower == "had" || before->lower == "has" ||
                                before->lower == "have" || before->lower == "only"))
        return false;  // "had just deployed", "only just": time, no judgement
      return after == nullptr || (!contains(just_neutral, after->lower) &&
                                  !std::isdigit(static_cast<unsigned char>(after->lower[0])));
    case Guard::NotDescribing:
      return after == nullptr ||
             std::none_of(clearly_neutral.begin(), clearly_neutral.end(),
                          [&](std::string_view start) { return after->lower.starts_with(start); });
    case Guard::NoFigure:
      return std::none_of(line.begin(), line.end(),
                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    case Guard::NotCompound:  // also past a closing quote: the "user error" panel
      return next >= words.size() || !contains(modified_nouns, words[next].lower);
    case Guard::NotWithout:
      return before == nullptr ||
             !(before->lower == "without" || before->lower == "no" || before->lower == "for" ||
               before->lower == "requires" || before->lower == "require" ||
               before->lower == "need" || before->lower == "needs" || before->lower == "with");
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

// A phrase in quotes is mentioned, not used: the "human error" category of the old template.
bool is_quoted(std::string_view line, std::size_t begin, std::size_t end) {
  const auto quote_at = [&](std::size_t i) {
    return line[i] == '"' || line.compare(i, 3, "\xE2\x80\x9C") == 0 ||
           line.compare(i, 3, "\xE2\x80\x9D") == 0;
  };
  const bool open = (begin >= 1 && quote_at(begin - 1)) || (begin >= 3 && quote_at(begin - 3));
  return open && end < line.size() && quote_at(end);
}

void match_rule(const Rule& rule, const std::vector<Word>& words, std::string_view line,
                int line_number, const People& people, std::vector<LintFinding>& out) {
  const std::vector<std::string_view> tokens = tokens_of(rule.phrase);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::size_t end = match_phrase(tokens, words, i, people);
    if (end == 0 || !guard_holds(rule.guard, words, i, end, line, people) ||
        is_quoted(line, words[i].begin, words[end - 1].end))
      continue;
    if (rule.doers != anyone && (rule.doers & doer_of(words, i, end, people)) == 0) continue;
    const std::size_t begin = words[i].begin;
    out.push_back({line_number, static_cast<int>(begin) + 1, rule.category,
                   std::string(line.substr(begin, words[end - 1].end - begin)),
                   std::string(rule.suggestion)});
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

std::vector<LintFinding> lint_text(std::string_view text, const std::vector<std::string>& names) {
  std::vector<std::string> lower_names;
  for (const std::string& n : names) lower_names.push_back(lower_ascii(n));
  const People people{lower_names};
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
      match_rule(rule, words, line, number, people, found);
    }
  }
  drop_overlaps(found);
  return found;
}

bool names_a_person(std::string_view owner, const std::vector<std::string>& names) {
  const std::string lower = lower_ascii(owner);
  if (std::find(names.begin(), names.end(), std::string(owner)) != names.end()) return true;
  bool person = false;
  for (const Word& w : split_words(lower)) {
    if (contains(role_words, w.lower) && !contains(first_names, w.lower)) return false;
    person = person || contains(first_names, w.lower) ||
             std::any_of(names.begin(), names.end(),
                         [&](const std::string& n) { return lower_ascii(n) == w.lower; });
  }
  return person;
}

bool vague_done_when(std::string_view done_when) {
  if (std::any_of(done_when.begin(), done_when.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return false;
  // Word starts that name something one can look at and see done.
  static constexpr std::array<std::string_view, 40> observable = {
      "test", "alert", "page",      "fire",    "pass",     "merg",   "deploy",  "releas",
      "ship", "exist", "dashboard", "runbook", "document", "ticket", "automat", "monitor",
      "show", "below", "above",     "under",   "within",   "every",  "all",     "each",
      "no ",  "none",  "zero",      "never",   "reject",   "block",  "refus",   "enforc",
      "lint", "check", "graph",     "metric",  "slo",      "review", "approv",  "drill"};
  const std::vector<Word> words = split_words(lower_ascii(done_when));
  for (const Word& w : words)
    for (std::string_view start : observable)
      if ((w.lower + " ").starts_with(start)) return false;
  // A longer sentence usually describes a state someone can see ("the game day ends without a
  // manual failover"); a short one without a figure is a feeling ("it is better", "fixed").
  return words.size() <= 5;
}

}  // namespace gameday::scoring

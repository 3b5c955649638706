// The postmortem draft (`gameday postmortem`): a Markdown document in the shape of the SRE
// book's postmortems (header with status Draft, summary, impact, trigger, contributing factors,
// detection, response, recovery, timeline, lessons, action items, supporting data), written
// from a run's record and scorecard plus the notes people keep, which carry what only they
// know. Like the scorecard, it describes the system and the process, never a person: the
// generated text passes the blameless-language check (scoring/lint.hpp), and a test keeps it so.
//
// The notes file is YAML; its format is in docs/scoring.md ("The notes file"). It is read
// through const nodes only, and every problem is reported with file:line:col, as the scenario
// loader does. Nothing here touches the file system: the command line reads the files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gameday/core/diagnostics.hpp"
#include "gameday/core/time.hpp"
#include "gameday/eventlog/record.hpp"
#include "gameday/scoring/lint.hpp"
#include "gameday/scoring/scorecard.hpp"

namespace gameday::scoring {

// A sentence from the notes, optionally tied to a time in the run (it then joins the timeline).
struct NoteItem {
  std::string text;
  std::optional<Duration> at;     // from the start of the run
  std::optional<Duration> clock;  // or a time of day ("10:05"), placed by the scenario's clock
};

struct ActionItem {
  std::string action;     // what changes
  std::string type;       // prevent, detect, mitigate, process, repair
  std::string owner;      // a role or a team
  std::string priority;   // P0 .. P3
  std::string done_when;  // how we know it is done
  std::optional<std::string> ticket;
};

struct PostmortemNotes {
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::vector<NoteItem> observations;
  std::vector<NoteItem> contributing_factors;
  std::vector<ActionItem> action_items;
  std::vector<NoteItem> went_well;
  std::vector<NoteItem> went_poorly;
  std::vector<NoteItem> lucky;
};

// Reads a notes file's text; `file` names it in diagnostics. Returns nullopt when there is any
// error (each one in `diags` as file:line:col); warnings alone do not fail it.
std::optional<PostmortemNotes> parse_notes(std::string_view text, const std::string& file,
                                           Diagnostics& diags);

struct PostmortemInput {
  std::string run;  // how the run was named on the command line
  std::optional<PostmortemNotes> notes;
  std::string notes_file;                   // for "from the notes (FILE)"
  std::vector<LintFinding> notes_findings;  // the blameless-language check of the notes
  std::optional<std::string> picture;       // a path to link from the draft, when one exists
};

// The names of the people who issued commands in the record, in order of first appearance.
std::vector<std::string> responder_names(const eventlog::Record& record);

// The draft, as Markdown. A pure function: the same inputs give the same bytes.
std::string format_postmortem(const eventlog::Record& record, const Scorecard& card,
                              const PostmortemInput& input);

}  // namespace gameday::scoring

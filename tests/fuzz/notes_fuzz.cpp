// Fuzz target: a postmortem notes file (`postmortem --notes FILE`): read, checked for blaming
// language, and drafted into the postmortem of the fixture's run. Invariants: no crash,
// exception or sanitizer report; refused notes have at least one error.
#include "fuzz_support.hpp"
#include "gameday/scoring/postmortem.hpp"
#include "gameday/scoring/scorecard.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const eventlog::Record record = fuzz::read_back(fuzz::fixture_record(), "the fixture");
  static const scoring::Scorecard card = scoring::score(record);
  const std::string_view text = fuzz::as_text(data, size);
  Diagnostics diags;
  auto notes = scoring::parse_notes(text, "notes.yaml", diags);
  if (!notes) {
    if (!diags.has_errors()) fuzz::fail("refused notes without an error", diags);
    return 0;
  }
  scoring::PostmortemInput input{"fuzz", std::move(notes), "notes.yaml", scoring::lint_text(text),
                                 std::nullopt};
  (void)scoring::format_postmortem(record, card, input);
  return 0;
}

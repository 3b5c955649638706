// Fuzz target: the record reader on a whole file (what `score`, `postmortem`, `compare` and
// `render` read), then everything that trusts a record the reader accepted: the scorecard in
// every form, the comparison and the postmortem draft. Invariants: no crash, exception or
// sanitizer report; a refused record has at least one error.
#include "fuzz_support.hpp"
#include "record_consumers.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Diagnostics diags;
  const auto record = eventlog::parse_record(fuzz::as_text(data, size), "fuzz.jsonl", diags);
  if (!record) {
    if (!diags.has_errors()) fuzz::fail("the reader refused a record without saying why", diags);
    return 0;
  }
  fuzz::consume_record(*record);
  return 0;
}

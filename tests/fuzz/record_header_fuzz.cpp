// Fuzz target: a record's header line (its name tables and the resolved scenario, which every
// later line refers to by index) in front of the body of a real run, the fixture's. Then, as
// for whole records, everything that trusts a record the reader accepted. Invariants: no crash,
// exception or sanitizer report; a refused record has at least one error.
#include "fuzz_support.hpp"
#include "record_consumers.hpp"

using namespace gameday;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string body = [] {
    const std::string& record = fuzz::fixture_record();
    return record.substr(record.find('\n'));  // from the header's newline on
  }();
  std::string text(fuzz::as_text(data, size));
  text += body;
  Diagnostics diags;
  const auto record = eventlog::parse_record(text, "fuzz.jsonl", diags);
  if (!record) {
    if (!diags.has_errors()) fuzz::fail("the reader refused a record without saying why", diags);
    return 0;
  }
  fuzz::consume_record(*record);
  return 0;
}

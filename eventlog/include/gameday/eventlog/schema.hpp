// The record format's one source of truth: every line type and field, with its type, unit
// and meaning. docs/record-format.md is generated from this table (a test keeps them equal),
// and a test checks every line of a real run against it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gameday::eventlog {

struct FieldDoc {
  std::string_view name;
  std::string_view type;  // "int", "uint", "number", "string", "bool", "object", "array"
  std::string_view description;
  bool required = true;
};

struct LineDoc {
  std::string_view type;  // the value of the line's "type" field
  std::string_view description;
  std::vector<FieldDoc> fields;
};

const std::vector<LineDoc>& record_schema();
// The own fields of an event whose kind carries EventData alternative `data`
// (EventKindInfo::data), besides the common ones of the `event` line.
std::span<const FieldDoc> event_data_fields(std::size_t data);
const LineDoc* find_line_doc(std::string_view type);
// The Markdown page docs/record-format.md.
std::string record_schema_markdown();

// Checks every line of a record's text against the table: a line that is not a JSON object, an
// unknown line type, a field not declared for its line type (an event's own fields are allowed,
// as scalars), a required field missing, a field of the wrong JSON type. Each violation reads
// "line N: ...". Empty when the text conforms.
std::vector<std::string> schema_violations(std::string_view jsonl_text);

}  // namespace gameday::eventlog

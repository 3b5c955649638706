// The record format's one source of truth: every line type and field, with its type, unit
// and meaning. docs/record-format.md is generated from this table (a test keeps them equal),
// and a test checks every line of a real run against it.
#pragma once

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
const LineDoc* find_line_doc(std::string_view type);
// The Markdown page docs/record-format.md.
std::string record_schema_markdown();

}  // namespace gameday::eventlog

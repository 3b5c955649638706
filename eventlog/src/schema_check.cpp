// schema_violations(): checks a record's text, line by line, against record_schema().
//
// It is deliberately stricter than the reader: the reader ignores what it does not know (for
// forward compatibility), while this check exists to catch the writer emitting anything the
// table does not document. It never throws and never stops early: every violation is listed,
// each as "line N: ..." with N counted from 1.
#include <nlohmann/json.hpp>
#include <string>

#include "gameday/eventlog/record.hpp"
#include "gameday/eventlog/schema.hpp"

namespace gameday::eventlog {

namespace {

using nlohmann::json;

bool has_type(const json& v, std::string_view type) {
  if (type == "int") return v.is_number_integer();  // signed or unsigned
  if (type == "uint") return v.is_number_unsigned();
  if (type == "number") return v.is_number() || v.is_null();
  if (type == "string") return v.is_string();
  if (type == "bool") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  return false;
}

std::string found_type(const json& v) {
  if (v.is_number_unsigned()) return "uint";
  if (v.is_number_integer()) return "int";
  if (v.is_number_float()) return "number";
  return v.type_name();
}

const FieldDoc* find_field(std::span<const FieldDoc> fields, std::string_view name) {
  for (const FieldDoc& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

void check_fields(const json& j, std::span<const FieldDoc> fields, const std::string& at,
                  std::vector<std::string>& out) {
  for (const FieldDoc& f : fields) {
    const auto it = j.find(std::string(f.name));
    if (it == j.end()) {
      if (f.required) out.push_back(at + "required field '" + std::string(f.name) + "' is missing");
    } else if (!has_type(*it, f.type)) {
      out.push_back(at + "field '" + std::string(f.name) + "' should be " + std::string(f.type) +
                    ", found " + found_type(*it));
    }
  }
}

void check_object(const json& j, const LineDoc& doc, const std::string& at,
                  std::vector<std::string>& out) {
  check_fields(j, doc.fields, at, out);
  std::span<const FieldDoc> own;  // an event kind's own fields
  if (doc.type == "event") {
    const auto kind = j.find("kind");
    const auto known = kind != j.end() && kind->is_string()
                           ? find_event_kind(kind->get_ref<const std::string&>())
                           : std::nullopt;
    if (!known) {
      out.push_back(at + "unknown event kind " + (kind == j.end() ? "(none)" : kind->dump()));
      return;
    }
    own = event_data_fields(event_kind_info(*known).data);
    check_fields(j, own, at, out);
  }
  for (const auto& item : j.items()) {
    const std::string& k = item.key();
    if (find_field(doc.fields, k) == nullptr && find_field(own, k) == nullptr)
      out.push_back(at + "field '" + k + "' is not declared for " + std::string(doc.type) +
                    " lines");
  }
}

void check_line(std::string_view text, std::size_t number, std::vector<std::string>& out) {
  const std::string at = "line " + std::to_string(number) + ": ";
  if (text.empty()) {
    out.push_back(at + "empty line");
    return;
  }
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    out.push_back(at + "not valid JSON");
    return;
  }
  if (!j.is_object()) {
    out.push_back(at + "not a JSON object");
    return;
  }
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string()) {
    out.push_back(at + "no string 'type' field");
    return;
  }
  const LineDoc* doc = find_line_doc(type->get_ref<const std::string&>());
  if (doc == nullptr) {
    out.push_back(at + "unknown line type '" + type->get<std::string>() + "'");
    return;
  }
  check_object(j, *doc, at, out);
}

}  // namespace

std::vector<std::string> schema_violations(std::string_view jsonl_text) {
  std::vector<std::string> out;
  std::size_t number = 0;
  std::size_t pos = 0;
  while (pos < jsonl_text.size()) {
    ++number;
    const std::size_t nl = jsonl_text.find('\n', pos);
    const std::size_t stop = nl == std::string_view::npos ? jsonl_text.size() : nl;
    check_line(jsonl_text.substr(pos, stop - pos), number, out);
    if (nl == std::string_view::npos) {
      out.push_back("line " + std::to_string(number) + ": no newline at the end of the line");
      break;
    }
    pos = nl + 1;
  }
  return out;
}

}  // namespace gameday::eventlog

// Diagnostic formatting and collection.
#include "gameday/core/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace gameday {

std::string Diagnostic::format() const {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.column > 0) out += ':' + std::to_string(where.column);
  }
  out += severity == Severity::Error ? ": error: " : ": warning: ";
  if (!path.empty()) out += path + ": ";
  out += message;
  return out;
}

void Diagnostics::error(SourceLocation where, std::string path, std::string message) {
  add({Severity::Error, std::move(where), std::move(path), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, std::string path, std::string message) {
  add({Severity::Warning, std::move(where), std::move(path), std::move(message)});
}

bool Diagnostics::has_errors() const {
  return error_count() > 0;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  return out;
}

}  // namespace gameday

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
  items_.push_back({Severity::Error, std::move(where), std::move(path), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, std::string path, std::string message) {
  items_.push_back({Severity::Warning, std::move(where), std::move(path), std::move(message)});
}

bool Diagnostics::has_errors() const {
  return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Error; }));
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

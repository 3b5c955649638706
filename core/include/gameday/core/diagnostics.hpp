// Operating errors as values: a diagnostic names where (file, line, column, and the path of
// the offending key) and what. Collections of them let a checker report every problem it
// finds instead of stopping at the first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gameday {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

enum class Severity : std::uint8_t { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLocation where;
  std::string path;  // e.g. "services[2].calls[0].timeout"; empty when not about a key
  std::string message;

  // "file:line:col: error: path: message", the form editors and CI annotate.
  std::string format() const;
};

class Diagnostics {
 public:
  void error(SourceLocation where, std::string path, std::string message);
  void warning(SourceLocation where, std::string path, std::string message);
  void add(Diagnostic d) {
    if (d.severity == Severity::Error) ++errors_;
    items_.push_back(std::move(d));
  }

  bool has_errors() const;
  bool empty() const { return items_.empty(); }
  // Counted as they are added: readers ask after every value, so it must not walk the list.
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Sorted by file, line and column, so reports read top to bottom.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

}  // namespace gameday

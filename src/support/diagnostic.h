// Diagnostics: what aalint reports, where, and how severe it is.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace aalint {

class SourceFile;

enum class Severity { Info, Warning, Error };
const char* severityName(Severity severity);

// A range of characters in one file; lines and columns are 1-based, the end is inclusive.
struct SourceRange {
  const SourceFile* file = nullptr;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t endLine = 0;
  std::uint32_t endColumn = 0;

  bool valid() const { return file != nullptr && line != 0; }
  static SourceRange fileOnly(const SourceFile* file) { return {file, 0, 0, 0, 0}; }
};

// Where a file was included from: the including file and the line of the include directive.
struct IncludeSite {
  const SourceFile* file = nullptr;
  std::uint32_t line = 0;
};
// Outermost include first: the file named on the command line, then each include in turn.
using IncludeChain = std::vector<IncludeSite>;

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;
  std::string message;
  SourceRange range;
  IncludeChain includeChain;
  std::string profile;  // the innermost profile the finding is in, if any
  // A file named without a position (a missing path, an unreadable file).
  std::string pathOnly;
  bool lint = false;  // a lint finding (not something apparmor_parser rejects)

  const std::string& fileName() const;
};

Diagnostic makeDiagnostic(Severity severity, std::string code, const SourceRange& range, const IncludeChain& chain,
                          std::string message, std::string profile = {});

// Collects diagnostics of one run; safe to report to from several threads.
class DiagnosticSink {
public:
  void report(Diagnostic diagnostic);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // Sorts by file, position and code so that output does not depend on discovery order.
  void sort();
  // After sort(): a finding in a file included by several profiles is kept once, where it is
  // first in sorted order (whatever thread found it first).
  void removeDuplicates();
  std::size_t count(Severity atLeast) const;
  // Hands over the diagnostics reported so far.
  std::vector<Diagnostic> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(diagnostics_, {});
  }

private:
  std::mutex mutex_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace aalint

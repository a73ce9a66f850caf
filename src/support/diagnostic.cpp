#include "support/diagnostic.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "support/source_file.h"

namespace aalint {

const char* severityName(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

Diagnostic makeDiagnostic(Severity severity, std::string code, const SourceRange& range, const IncludeChain& chain,
                          std::string message, std::string profile) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  d.range = range;
  d.includeChain = chain;
  d.profile = std::move(profile);
  return d;
}

void DiagnosticSink::report(Diagnostic diagnostic) {
  std::lock_guard<std::mutex> lock(mutex_);
  diagnostics_.push_back(std::move(diagnostic));
}

const std::string& Diagnostic::fileName() const { return range.file ? range.file->path() : pathOnly; }

static const std::string& fileName(const Diagnostic& d) { return d.fileName(); }

void DiagnosticSink::sort() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::string& topA = a.includeChain.empty() ? fileName(a) : a.includeChain.front().file->path();
    const std::string& topB = b.includeChain.empty() ? fileName(b) : b.includeChain.front().file->path();
    return std::tie(topA, fileName(a), a.range.line, a.range.column, a.code, a.message) <
           std::tie(topB, fileName(b), b.range.line, b.range.column, b.code, b.message);
  });
}

void DiagnosticSink::removeDuplicates() {
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string, std::string>> seen;
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : diagnostics_)
    if (seen.emplace(d.fileName(), d.range.line, d.range.column, d.code, d.message).second) kept.push_back(std::move(d));
  diagnostics_.swap(kept);
}

std::size_t DiagnosticSink::count(Severity atLeast) const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [&](const Diagnostic& d) { return d.severity >= atLeast; });
}

}  // namespace aalint

#include "output/github_formatter.h"

#include <fmt/format.h>

namespace aalint {

// Workflow-command escaping: data escapes % CR LF; properties also escape ':' and ','.
static std::string escape(const std::string& text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

void GithubFormatter::write(const std::vector<Diagnostic>& diagnostics, const Summary&, std::ostream& out) {
  for (const Diagnostic& d : diagnostics) {
    const char* command = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice";
    std::string properties = "file=" + escape(d.fileName(), true);
    if (d.range.line) {
      properties += fmt::format(",line={},col={}", d.range.line, d.range.column);
      if (d.range.endLine) properties += fmt::format(",endLine={},endColumn={}", d.range.endLine, d.range.endColumn);
    }
    properties += ",title=" + escape("aalint " + d.code, true);
    out << "::" << command << " " << properties << "::" << escape(d.message, false) << "\n";
  }
}

}  // namespace aalint

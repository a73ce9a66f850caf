#include "output/text_formatter.h"

#include <fmt/format.h>

#include "support/source_file.h"

namespace aalint {

static const char* kBold = "\033[1m";
static const char* kRed = "\033[1;31m";
static const char* kMagenta = "\033[1;35m";
static const char* kCyan = "\033[1;36m";
static const char* kGreen = "\033[1;32m";

std::string TextFormatter::paint(const char* style, const std::string& text) const {
  return color_ ? std::string(style) + text + "\033[0m" : text;
}

// The first `count` characters of a UTF-8 line, each replaced by a space or kept as a tab, so that
// a caret line lines up under the source line.
static std::string padding(std::string_view line, std::uint32_t count) {
  std::string pad;
  std::uint32_t seen = 0;
  for (std::size_t i = 0; i < line.size() && seen < count; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += c == '\t' ? '\t' : ' ';
    ++seen;
  }
  while (seen++ < count) pad += ' ';
  return pad;
}

void TextFormatter::writeOne(const Diagnostic& d, std::ostream& out) const {
  for (std::size_t i = d.includeChain.size(); i-- > 0;) {
    const IncludeSite& site = d.includeChain[i];
    out << (i + 1 == d.includeChain.size() ? "In file included from " : "                 from ")
        << site.file->path() << ":" << site.line << (i == 0 ? ":" : ",") << "\n";
  }
  std::string location = d.fileName();
  if (d.range.line) location += fmt::format(":{}:{}", d.range.line, d.range.column);
  const char* severityStyle = d.severity == Severity::Error ? kRed : d.severity == Severity::Warning ? kMagenta : kCyan;
  out << paint(kBold, location + ":") << " " << paint(severityStyle, std::string(severityName(d.severity)) + ":") << " "
      << paint(kBold, d.message) << " [" << d.code << "]\n";
  if (!d.range.file || !d.range.line) return;
  std::string_view line = d.range.file->line(d.range.line);
  std::string gutter = fmt::format("{:>5}", d.range.line);
  out << gutter << " | " << line << "\n";
  std::uint32_t width = 1;
  if (d.range.endLine == d.range.line && d.range.endColumn >= d.range.column)
    width = d.range.endColumn - d.range.column + 1;
  std::string marker = "^" + std::string(width - 1, '~');
  out << std::string(gutter.size(), ' ') << " | " << padding(line, d.range.column - 1) << paint(kGreen, marker) << "\n";
}

void TextFormatter::write(const std::vector<Diagnostic>& diagnostics, const Summary&, std::ostream& out) {
  for (const Diagnostic& d : diagnostics) writeOne(d, out);
}

}  // namespace aalint

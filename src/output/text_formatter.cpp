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

static std::size_t characterCount(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// The byte offset of the character at index `characters` (or the end).
static std::size_t byteOffset(std::string_view text, std::size_t characters) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (seen++ == characters) return i;
  }
  return text.size();
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
  std::uint32_t column = d.range.column;
  std::uint32_t width = 1;
  if (d.range.endLine == d.range.line && d.range.endColumn >= d.range.column)
    width = d.range.endColumn - d.range.column + 1;
  // A very long line (generated policy, minified input) is shown as a window around the caret.
  constexpr std::uint32_t kContext = 60;
  std::string prefix, suffix;
  if (line.size() > 2 * kContext + 40) {
    std::size_t begin = byteOffset(line, column > kContext ? column - 1 - kContext : 0);
    std::size_t end = byteOffset(line, column - 1 + std::min<std::uint32_t>(width, kContext) + kContext);
    if (begin > 0) {
      prefix = "...";
      column = column - static_cast<std::uint32_t>(characterCount(line.substr(0, begin))) + 3;
    }
    if (end < line.size()) suffix = "...";
    line = line.substr(begin, end - begin);
    width = std::min<std::uint32_t>(width, kContext);
  }
  std::string shown = prefix + std::string(line) + suffix;
  std::string gutter = fmt::format("{:>5}", d.range.line);
  out << gutter << " | " << shown << "\n";
  std::string marker = "^" + std::string(width - 1, '~');
  out << std::string(gutter.size(), ' ') << " | " << padding(shown, column - 1) << paint(kGreen, marker) << "\n";
}

void TextFormatter::write(const std::vector<Diagnostic>& diagnostics, const Summary&, std::ostream& out) {
  for (const Diagnostic& d : diagnostics) writeOne(d, out);
}

}  // namespace aalint

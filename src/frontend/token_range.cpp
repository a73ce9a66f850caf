#include "frontend/token_range.h"

namespace aalint {

// Columns count characters (code points), as ANTLR does.
static void advance(const std::string& utf8, std::uint32_t& line, std::uint32_t& column) {
  for (unsigned char c : utf8) {
    if (c == '\n') {
      ++line;
      column = 0;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
}

SourceRange tokenRange(const SourceFile* file, const antlr4::Token* token) {
  SourceRange range;
  range.file = file;
  range.line = static_cast<std::uint32_t>(token->getLine());
  range.column = static_cast<std::uint32_t>(token->getCharPositionInLine()) + 1;
  if (token->getType() == antlr4::Token::EOF) {
    range.endLine = range.line;
    range.endColumn = range.column;
    return range;
  }
  std::uint32_t line = range.line, column = range.column - 1;
  advance(token->getText(), line, column);
  range.endLine = line;
  range.endColumn = column == 0 ? 1 : column;
  return range;
}

SourceRange spanning(const SourceRange& first, const SourceRange& last) {
  SourceRange range = first;
  range.endLine = last.endLine;
  range.endColumn = last.endColumn;
  return range;
}

SourceRange contextRange(const SourceFile* file, antlr4::ParserRuleContext* context) {
  antlr4::Token* start = context->getStart();
  antlr4::Token* stop = context->getStop();
  if (!stop || stop->getTokenIndex() < start->getTokenIndex()) stop = start;
  return spanning(tokenRange(file, start), tokenRange(file, stop));
}

}  // namespace aalint

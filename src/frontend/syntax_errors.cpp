#include "frontend/syntax_errors.h"

#include <Parser.h>
#include <Vocabulary.h>
#include <fmt/format.h>
#include <misc/IntervalSet.h>

#include <map>
#include <set>

#include "AppArmorLexer.h"
#include "frontend/token_range.h"
#include "support/source_file.h"

namespace aalint {

using grammar::AppArmorLexer;

// How a token kind is named to a user who has never seen the grammar.
static std::string describeTokenType(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  static const std::map<std::string, std::string> names = {
      {"PATH", "a path"},
      {"QUOTED", "a quoted string"},
      {"VARIABLE", "a variable"},
      {"BOOLVAR", "a boolean variable"},
      {"ID", "a name or permissions"},
      {"WORD", "a value"},
      {"NAME_WORD", "a name"},
      {"A_WORD", "a value"},
      {"CONDKEY", "'name='"},
      {"PRIORITY", "'priority='"},
      {"INC_IF", "'if'"},
      {"INC_EXISTS", "'exists'"},
      {"E_AND", "'and'"},
      {"E_OR", "'or'"},
      {"E_NOT", "'not'"},
      {"E_DEFINED", "'defined'"},
      {"E_TRUE", "'true'"},
      {"E_FALSE", "'false'"},
      {"E_IN", "'in'"},
      {"INC_MAGIC", "'<file>'"},
      {"INC_QUOTED", "'\"file\"'"},
      {"INC_BARE", "a file name"},
      {"POUND_INCLUDE", "'#include'"},
      {"UMOUNT", "'umount'"},
      {"R_LE", "'<='"},
      {"COMMA", "','"},
      {"ARROW", "'->'"},
      {"LBRACE", "'{'"},
      {"RBRACE", "'}'"},
      {"LPAREN", "'('"},
      {"RPAREN", "')'"},
  };
  if (type == antlr4::Token::EOF) return "end of file";
  std::string symbolic = vocabulary.getSymbolicName(type);
  auto it = names.find(symbolic);
  if (it != names.end()) return it->second;
  std::string literal = vocabulary.getLiteralName(type);
  if (!literal.empty()) return literal;
  // Keywords are typed by the lexer's action and have no literal: their name is the keyword.
  std::string keyword;
  for (char c : symbolic) keyword += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "'" + keyword + "'";
}

static std::string describeToken(const antlr4::Token* token) {
  if (token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return fmt::format("'{}'", text);
}

static std::string expectedList(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  const auto& vocabulary = parser->getVocabulary();
  std::set<std::string> seen;
  std::vector<std::string> names;
  for (size_t type : expected.toList()) {
    std::string name = describeTokenType(vocabulary, type);
    if (seen.insert(name).second) names.push_back(name);
  }
  if (names.empty() || names.size() > 6) return {};
  std::string list;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) list += i + 1 == names.size() ? " or " : ", ";
    list += names[i];
  }
  return list;
}

void SyntaxErrorListener::report(SourceRange range, std::string message) {
  ++errors_;
  sink_.report(makeDiagnostic(Severity::Error, "syntax-error", range, chain_, std::move(message)));
}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                                      size_t charPositionInLine, const std::string& msg, std::exception_ptr) {
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (!parser || !offending) {
    SourceRange range{&source_, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(charPositionInLine) + 1,
                      static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(charPositionInLine) + 1};
    report(range, msg);
    return;
  }

  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  const antlr4::Token* previous = nullptr;
  if (offending->getTokenIndex() > 0) {
    auto* stream = parser->getTokenStream();
    for (ssize_t i = static_cast<ssize_t>(offending->getTokenIndex()) - 1; i >= 0; --i) {
      antlr4::Token* candidate = stream->get(static_cast<size_t>(i));
      if (candidate->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
        previous = candidate;
        break;
      }
    }
  }

  // The most common mistake: a rule that does not end with a comma. Point at the rule, not at the
  // line after it.
  if (expected.contains(static_cast<size_t>(AppArmorLexer::COMMA)) && previous &&
      (offending->getType() == antlr4::Token::EOF || offending->getLine() > previous->getLine())) {
    SourceRange at = tokenRange(&source_, previous);
    at.line = at.endLine;
    at.column = at.endColumn + 1;
    at.endColumn = at.column;
    report(at, "missing ',' at end of rule");
    return;
  }

  SourceRange range = tokenRange(&source_, offending);
  std::string list = expectedList(parser);
  if (offending->getType() == AppArmorLexer::STRAY) {
    report(range, fmt::format("unexpected character {}", describeToken(offending)));
  } else if (!list.empty()) {
    report(range, fmt::format("unexpected {}; expected {}", describeToken(offending), list));
  } else {
    report(range, fmt::format("unexpected {}", describeToken(offending)));
  }
}

}  // namespace aalint

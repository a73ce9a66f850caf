#include "frontend/parse.h"

#include <antlr4-runtime.h>

#include "AppArmorLexer.h"
#include "AppArmorParser.h"
#include "frontend/ir_builder.h"
#include "frontend/memoized_lexer_simulator.h"
#include "frontend/syntax_errors.h"
#include "frontend/token_range.h"
#include "frontend/utf8_input_stream.h"
#include "support/source_file.h"

namespace aalint {

using grammar::AppArmorLexer;
using grammar::AppArmorParser;

static constexpr int kMaxNesting = 1000;

static const antlr4::Token* firstTooDeep(antlr4::CommonTokenStream& tokens) {
  int depth = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    switch (token->getType()) {
      case AppArmorLexer::LBRACE:
      case AppArmorLexer::E_LPAREN:
        if (++depth > kMaxNesting) return token;
        break;
      case AppArmorLexer::RBRACE:
      case AppArmorLexer::E_RPAREN:
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return nullptr;
}

std::unique_ptr<ir::File> parseFile(const SourceFile& source, DiagnosticSink& sink, const IncludeChain& chain) {
  Utf8InputStream input(source.text());
  input.name = source.path();
  AppArmorLexer lexer(&input);
  MemoizedLexerSimulator::install(lexer);
  lexer.removeErrorListeners();
  SyntaxErrorListener listener(source, sink, chain);
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  auto file = std::make_unique<ir::File>();
  file->source = &source;
  // The parser recurses once per nested block or group: refuse absurd nesting before it can
  // exhaust the stack.
  if (const antlr4::Token* tooDeep = firstTooDeep(tokens)) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = "nesting-too-deep";
    d.message = "blocks and groups nest deeper than " + std::to_string(kMaxNesting) + " levels";
    d.range = tokenRange(&source, tooDeep);
    d.includeChain = chain;
    sink.report(std::move(d));
    file->hasSyntaxErrors = true;
    return file;
  }
  AppArmorParser parser(&tokens);
  parser.removeErrorListeners();

  // Two-stage parsing: the fast SLL prediction succeeds on almost every real file; only a file it
  // fails on is parsed again with full LL prediction and error recovery, which reports the errors.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  AppArmorParser::PolicyContext* tree = nullptr;
  try {
    tree = parser.policy();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    tree = parser.policy();
  }

  file->hasSyntaxErrors = listener.errorCount() > 0;
  IrBuilder builder(source, sink, chain);
  builder.build(tree, *file);
  builder.collectComments(tokens, *file);
  file->hasSyntaxErrors = file->hasSyntaxErrors || builder.errorCount() > 0;
  return file;
}

}  // namespace aalint

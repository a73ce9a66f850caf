// Turns ANTLR's syntax errors into aalint diagnostics with readable messages.
#pragma once

#include <BaseErrorListener.h>

#include "support/diagnostic.h"

namespace aalint {

class SourceFile;

class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(const SourceFile& source, DiagnosticSink& sink, const IncludeChain& chain)
      : source_(source), sink_(sink), chain_(chain) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offendingSymbol, size_t line,
                   size_t charPositionInLine, const std::string& msg, std::exception_ptr e) override;

  std::size_t errorCount() const { return errors_; }

private:
  void report(SourceRange range, std::string message);

  const SourceFile& source_;
  DiagnosticSink& sink_;
  const IncludeChain& chain_;
  std::size_t errors_ = 0;
};

}  // namespace aalint

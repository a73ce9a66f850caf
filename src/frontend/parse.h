// Source text -> IR of one file: lexing and parsing with the ANTLR grammar, syntax errors reported
// with exact positions, then the parse tree turned into ir::File and discarded.
#pragma once

#include <memory>

#include "ir/ir.h"

namespace aalint {

class SourceFile;
class DiagnosticSink;

// Reports every syntax error of the file (the parser recovers at the next rule or block).
// `chain` is where the file was included from, for the diagnostics.
std::unique_ptr<ir::File> parseFile(const SourceFile& source, DiagnosticSink& sink, const IncludeChain& chain);

}  // namespace aalint

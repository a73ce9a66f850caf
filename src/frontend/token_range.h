// Source ranges of ANTLR tokens and parse-tree nodes.
#pragma once

#include <ParserRuleContext.h>
#include <Token.h>

#include "support/diagnostic.h"

namespace aalint {

SourceRange tokenRange(const SourceFile* file, const antlr4::Token* token);
SourceRange contextRange(const SourceFile* file, antlr4::ParserRuleContext* context);
SourceRange spanning(const SourceRange& first, const SourceRange& last);

}  // namespace aalint

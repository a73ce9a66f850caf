// The lexer's automaton simulator, with the edges of its DFA remembered per thread. The ANTLR 4.9
// runtime looks each edge up in a hash map under a process-wide lock, once per character read;
// the DFA only grows during a run (no state is freed, an edge once added keeps its target), so an
// edge found once may be taken again without asking.
#pragma once

#include <Lexer.h>
#include <atn/LexerATNSimulator.h>

namespace aalint {

class MemoizedLexerSimulator : public antlr4::atn::LexerATNSimulator {
public:
  // Replaces `lexer`'s simulator by one of these, over the same automata.
  static void install(antlr4::Lexer& lexer);

protected:
  using LexerATNSimulator::LexerATNSimulator;
  antlr4::dfa::DFAState* getExistingTargetState(antlr4::dfa::DFAState* s, size_t t) override;
};

}  // namespace aalint

#include "frontend/memoized_lexer_simulator.h"

#include <array>
#include <cstdint>

namespace aalint {

namespace {

// Edges by (state, symbol), one per slot: a colliding edge replaces the one before.
struct EdgeMemo {
  struct Slot {
    const antlr4::dfa::DFAState* from = nullptr;
    std::size_t symbol = 0;
    antlr4::dfa::DFAState* to = nullptr;
  };
  // The lexer's DFA takes about a thousand edges on real policy, most runs far fewer; 24 KiB of each
  // thread's memory.
  static constexpr std::size_t kSlots = 1024;
  std::array<Slot, kSlots> slots;

  static std::size_t place(const antlr4::dfa::DFAState* from, std::size_t symbol) {
    std::uint64_t key = reinterpret_cast<std::uintptr_t>(from) ^ (symbol * 0x9E3779B97F4A7C15ull);
    key *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(key >> 52) & (kSlots - 1);
  }
};

}  // namespace

void MemoizedLexerSimulator::install(antlr4::Lexer& lexer) {
  auto* standard = lexer.getInterpreter<antlr4::atn::LexerATNSimulator>();
  // setInterpreter deletes the simulator it replaces; the lexer deletes the one it holds.
  lexer.setInterpreter(new MemoizedLexerSimulator(&lexer, standard->atn, standard->_decisionToDFA,
                                                  standard->getSharedContextCache()));
}

antlr4::dfa::DFAState* MemoizedLexerSimulator::getExistingTargetState(antlr4::dfa::DFAState* s, size_t t) {
  thread_local EdgeMemo memo;
  EdgeMemo::Slot& slot = memo.slots[EdgeMemo::place(s, t)];
  if (slot.from == s && slot.symbol == t) return slot.to;
  antlr4::dfa::DFAState* target = LexerATNSimulator::getExistingTargetState(s, t);
  if (target) slot = {s, t, target};
  return target;
}

}  // namespace aalint

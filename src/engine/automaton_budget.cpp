#include "engine/automaton_budget.h"

#include <fmt/format.h>

namespace aalint::engine {

std::string describe(const AutomatonLimit& limit) {
  switch (limit.kind) {
    case AutomatonLimit::Kind::Positions: return fmt::format("its automaton grows past {} positions", limit.limit);
    case AutomatonLimit::Kind::States: return fmt::format("its automaton grows past {} states", limit.limit);
    case AutomatonLimit::Kind::Budget: break;
  }
  return fmt::format("the automata of this file have used up their {} states (--max-automaton-states)", limit.limit);
}

}  // namespace aalint::engine

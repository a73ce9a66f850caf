// Rewrites the expressions of a DFA builder so that equal factors are one set of positions.
//
// When several expressions end in the same accept id (the compiler's rules with equal
// permissions), those share their common suffixes: "/a/** rw, /b/** rw" becomes "(/a|/b)/**"
// before one accept node. Subset construction makes a state of every set of positions it meets; a
// "**" that many rules repeat is otherwise tracked once per rule, and the sets of rules a path has
// entered multiply (apparmor_parser's test profile "exploding_profile" needs more than 65,535 states
// unshared, 870 shared). When every expression has an accept id of its own (the lint rules, which
// ask which rule matches), they share their common prefixes instead: "/usr/share/a, /usr/share/b"
// read "/usr/share/" once, which keeps the states' position sets small (the builder does without
// it for lint's automata of fewer than 32 expressions, where it costs more than it saves). Either
// way the language of each accept id is unchanged, so the minimal automaton is the same.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/regex.h"

namespace aalint::engine {

struct BuilderExpression {
  std::int32_t root;
  std::optional<std::uint32_t> accept;  // none: the expression holds its own accept nodes
};

// A fresh tree holding only what the expressions reach, and the roots of the resulting expressions
// (each holding its accept nodes); the expressions without an accept id come last, unchanged.
RegexTree shareFactors(const RegexTree& tree, const std::vector<BuilderExpression>& expressions,
                        std::vector<std::int32_t>& roots);

// a | b | c ... as a balanced tree (small firstpos sets along the way); Empty for none.
std::int32_t balancedAlternation(RegexTree& tree, const std::vector<std::int32_t>& alternatives);

}  // namespace aalint::engine

// Rewrites the expressions of a DFA builder so that those ending in the same accept id share their
// common suffixes: "/a/** rw, /b/** rw" becomes "(/a|/b)/**" before one accept node.
//
// Subset construction makes a state of every set of positions it meets. A position that several
// rules repeat, like the "**" at the end of many rules with the same permissions, is tracked once
// per rule, and the sets of rules a path has entered multiply (apparmor_parser's test profile
// "exploding_profile" needs more than 65,535 states unshared, some 900 shared). Sharing the suffix
// makes those rules one position. The language of each accept id is unchanged, so the minimal
// automaton is the same.
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

// A fresh tree holding only what the expressions reach, and one root per resulting expression
// (each ending in its accept node): one per accept id, then the others.
RegexTree shareSuffixes(const RegexTree& tree, const std::vector<BuilderExpression>& expressions,
                        std::vector<std::int32_t>& roots);

// a | b | c ... as a balanced tree (small firstpos sets along the way); Empty for none.
std::int32_t balancedAlternation(RegexTree& tree, const std::vector<std::int32_t>& alternatives);

}  // namespace aalint::engine

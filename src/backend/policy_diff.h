// Whether two binary policies grant the same thing (docs/binary-policy.md §4a): records matched by
// name, every non-DFA field compared exactly, every DFA pair compared by a breadth-first walk of
// the product automaton, which yields the shortest input that tells them apart.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "backend/policy_decoder.h"

namespace aalint::backend {

struct PolicyDifference {
  std::string profile;
  std::string what;  // "caps allow", "file DFA", ...
  std::string detail;
};

// Past `maxPairs` pairs of states in one product automaton (hostile input can make billions), the
// pair is reported as not compared.
std::vector<PolicyDifference> diffPolicies(const DecodedPolicy& a, const DecodedPolicy& b,
                                           std::size_t maxPairs = 4'000'000);

// The automata of b with more states than their counterparts in a (same profile, same role): how a
// compiler's output compares with a reference's, beyond what they grant.
std::vector<PolicyDifference> largerAutomata(const DecodedPolicy& a, const DecodedPolicy& b);

}  // namespace aalint::backend

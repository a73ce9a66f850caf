// Shared walk for the path rules: every reachable state of a profile's file automaton, nearest
// first, with the rules and probes that match there and a shortest path that reaches it.
#pragma once

#include <functional>

#include "file_automaton.h"
#include "lint_rule.h"

namespace aalint::lint {

struct StateView {
  const FileAutomaton::Site& matches;
  const FileAutomaton& automaton;
  std::string witness() const { return printable(automaton.witness(matches)); }
};

// Calls `visit` for each profile whose file automaton could be built.
void forEachFileAutomaton(LintContext& context,
                          const std::function<void(const ir::ProfileInstance&, const FileAutomaton&)>& visit);

// Calls `visit` for each site of each profile's automaton where a rule matches.
void forEachFileState(LintContext& context,
                      const std::function<void(const ir::ProfileInstance&, const StateView&)>& visit);

// The allowed rules among `matching` that grant `access` here and are not denied it.
std::vector<std::size_t> effectiveGrants(const FileAutomaton& automaton, const FileAutomaton::Ids& matching,
                                         Access access);

}  // namespace aalint::lint

// IR -> the kernel's binary policy: one record per profile, child and hat, with the file DFA and the
// policy DB built on the automaton engine and packed for the kernel.
//
// What is not encoded yet (see README) is reported as a compile-unsupported error naming the rule,
// never dropped silently.
#pragma once

#include <string>
#include <vector>

#include "backend/compile_features.h"
#include "engine/automaton_budget.h"
#include "ir/policy.h"
#include "support/diagnostic.h"

namespace aalint::backend {

// Compiles every profile of the policy, its automata within `maxAutomatonStates` in all;
// diagnostics for what cannot be encoded. The bytes are valid only when no error was reported.
std::string compilePolicy(const ir::Policy& policy, const CompileFeatures& features, DiagnosticSink& sink,
                          std::uint64_t maxAutomatonStates = engine::AutomatonBudget::kDefaultStates);

}  // namespace aalint::backend

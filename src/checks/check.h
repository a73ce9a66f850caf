// Semantic checks: what apparmor_parser rejects that the grammar cannot see. One class per check,
// registered in registry.cpp; each reports with a stable code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/automaton_budget.h"
#include "ir/policy.h"
#include "support/diagnostic.h"

namespace aalint::checks {

class CheckContext {
public:
  CheckContext(DiagnosticSink& sink, engine::AutomatonBudget& budget) : sink_(sink), budget_(budget) {}
  void error(const std::string& code, const SourceRange& range, const IncludeChain& chain,
             const ir::ProfileInstance* profile, std::string message);
  void report(Severity severity, const std::string& code, const SourceRange& range, const IncludeChain& chain,
              const ir::ProfileInstance* profile, std::string message);
  std::size_t errorCount() const { return errors_; }
  // What the automata built for this file may still cost.
  engine::AutomatonBudget& budget() { return budget_; }

private:
  DiagnosticSink& sink_;
  engine::AutomatonBudget& budget_;
  std::size_t errors_ = 0;
};

class Check {
public:
  virtual ~Check() = default;
  virtual void run(const ir::Policy& policy, CheckContext& context) = 0;
};

using ir::forEachProfile;

std::vector<std::unique_ptr<Check>> allChecks();
// Runs every check on the policy; its automata are built within `budget`.
void runChecks(const ir::Policy& policy, DiagnosticSink& sink, engine::AutomatonBudget& budget);

}  // namespace aalint::checks

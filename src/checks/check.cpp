#include "checks/check.h"

namespace aalint::checks {

void CheckContext::report(Severity severity, const std::string& code, const SourceRange& range,
                          const IncludeChain& chain, const ir::ProfileInstance* profile, std::string message) {
  if (severity == Severity::Error) ++errors_;
  sink_.report(makeDiagnostic(severity, code, range, chain, std::move(message), profile ? profile->name : ""));
}

void CheckContext::error(const std::string& code, const SourceRange& range, const IncludeChain& chain,
                         const ir::ProfileInstance* profile, std::string message) {
  report(Severity::Error, code, range, chain, profile, std::move(message));
}

void runChecks(const ir::Policy& policy, DiagnosticSink& sink, engine::AutomatonBudget& budget) {
  CheckContext context(sink, budget);
  for (auto& check : allChecks()) check->run(policy, context);
}

}  // namespace aalint::checks

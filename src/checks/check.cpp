#include "checks/check.h"

namespace aalint::checks {

void CheckContext::report(Severity severity, const std::string& code, const SourceRange& range,
                          const IncludeChain& chain, const ir::ProfileInstance* profile, std::string message) {
  if (severity == Severity::Error) ++errors_;
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  d.range = range;
  d.includeChain = chain;
  if (profile) d.profile = profile->name;
  sink_.report(std::move(d));
}

void CheckContext::error(const std::string& code, const SourceRange& range, const IncludeChain& chain,
                         const ir::ProfileInstance* profile, std::string message) {
  report(Severity::Error, code, range, chain, profile, std::move(message));
}

void runChecks(const ir::Policy& policy, DiagnosticSink& sink) {
  CheckContext context(sink);
  for (auto& check : allChecks()) check->run(policy, context);
}

}  // namespace aalint::checks

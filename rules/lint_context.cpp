#include "lint_rule.h"

namespace aalint::lint {

void LintContext::report(const RuleInfo& rule, const ir::PlacedRule& at, const ir::ProfileInstance& profile,
                         std::string message, std::optional<Severity> severity) {
  report(rule, at.rule->range, at.chain, &profile, std::move(message), severity);
}

void LintContext::report(const RuleInfo& rule, const SourceRange& range, const IncludeChain& chain,
                         const ir::ProfileInstance* profile, std::string message, std::optional<Severity> severity) {
  Diagnostic d;
  d.severity = severity.value_or(rule.severity);
  d.code = rule.id;
  d.message = std::move(message);
  d.range = range;
  d.includeChain = chain;
  if (profile) d.profile = profile->name;
  d.lint = true;
  sink_.report(std::move(d));
}

const RuleInfo* findRule(const std::string& id) {
  static const std::vector<std::unique_ptr<LintRule>> rules = allLintRules();
  for (const auto& rule : rules)
    if (id == rule->info().id) return &rule->info();
  return nullptr;
}

}  // namespace aalint::lint

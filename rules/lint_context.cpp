#include "lint_rule.h"

#include <fmt/format.h>

#include "file_automaton.h"

namespace aalint::lint {

void LintContext::report(const RuleInfo& rule, const ir::PlacedRule& at, const ir::ProfileInstance& profile,
                         std::string message, std::optional<Severity> severity) {
  report(rule, at.rule->range, *at.chain, &profile, std::move(message), severity);
}

void LintContext::report(const RuleInfo& rule, const SourceRange& range, const IncludeChain& chain,
                         const ir::ProfileInstance* profile, std::string message, std::optional<Severity> severity) {
  Diagnostic d = makeDiagnostic(severity.value_or(rule.severity), rule.id, range, chain, std::move(message),
                                profile ? profile->name : "");
  d.lint = true;
  sink_.report(std::move(d));
}

LintContext::LintContext(DiagnosticSink& sink, const ir::Policy& policy, const RunIndex& index,
                         engine::AutomatonBudget& budget, bool mainFileOnly)
    : sink_(sink), policy_(policy), index_(index), budget_(budget), mainFileOnly_(mainFileOnly) {}
LintContext::~LintContext() = default;

const FileAutomaton* LintContext::fileAutomaton(const ir::ProfileInstance& profile) {
  auto it = automata_.find(&profile);
  if (it != automata_.end()) return it->second.get();
  std::optional<engine::AutomatonLimit> tooLarge;
  it = automata_
           .emplace(&profile,
                    FileAutomaton::build(fileAccesses(profile), mainFileOnly_ ? policy_.mainFile : nullptr, budget_,
                                         tooLarge))
           .first;
  if (tooLarge)
    sink_.report(makeDiagnostic(Severity::Info, "too-large", profile.declaration->header, profile.chain,
                                fmt::format("profile '{}' is too large for the path analysis: {}; the lint rules "
                                            "about paths skip it",
                                            profile.name,
                                            engine::describe(*tooLarge)),
                                profile.name));
  return it->second.get();
}

const std::vector<FileAccess>& LintContext::fileAccesses(const ir::ProfileInstance& profile) {
  auto it = accesses_.find(&profile);
  if (it == accesses_.end()) it = accesses_.emplace(&profile, lint::fileAccesses(profile)).first;
  return it->second;
}

const RuleInfo* findRule(const std::string& id) {
  static const std::vector<std::unique_ptr<LintRule>> rules = allLintRules();
  for (const auto& rule : rules)
    if (id == rule->info().id) return &rule->info();
  return nullptr;
}

}  // namespace aalint::lint

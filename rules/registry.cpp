// Every lint rule. A new rule is one file in rules/ (its class, its documentation, a make function)
// and one line here.
#include "lint_rule.h"

namespace aalint::lint {

std::unique_ptr<LintRule> makeBareRule();
std::unique_ptr<LintRule> makeBroadPath();
std::unique_ptr<LintRule> makeMissingOwner();
std::unique_ptr<LintRule> makeRedundantRule();
std::unique_ptr<LintRule> makeSensitiveRead();
std::unique_ptr<LintRule> makeSensitiveWrite();
std::unique_ptr<LintRule> makeShadowedAllow();
std::unique_ptr<LintRule> makeSilentDeny();
std::unique_ptr<LintRule> makeWriteExec();
std::unique_ptr<LintRule> makeDangerousCapability();
std::unique_ptr<LintRule> makeEmptyProfile();
std::unique_ptr<LintRule> makeMissingAbi();
std::unique_ptr<LintRule> makeNonEnforcingMode();
std::unique_ptr<LintRule> makePoundInclude();
std::unique_ptr<LintRule> makeRawNetwork();
std::unique_ptr<LintRule> makeUnconfinedExec();

std::vector<std::unique_ptr<LintRule>> allLintRules() {
  std::vector<std::unique_ptr<LintRule>> rules;
  // Security
  rules.push_back(makeUnconfinedExec());
  rules.push_back(makeDangerousCapability());
  rules.push_back(makeBareRule());
  rules.push_back(makeRawNetwork());
  rules.push_back(makeNonEnforcingMode());
  rules.push_back(makeWriteExec());
  rules.push_back(makeSensitiveRead());
  rules.push_back(makeSensitiveWrite());
  rules.push_back(makeBroadPath());
  rules.push_back(makeMissingOwner());
  rules.push_back(makeShadowedAllow());
  rules.push_back(makeSilentDeny());
  // Hygiene
  rules.push_back(makeMissingAbi());
  rules.push_back(makePoundInclude());
  rules.push_back(makeEmptyProfile());
  rules.push_back(makeRedundantRule());
  return rules;
}

}  // namespace aalint::lint

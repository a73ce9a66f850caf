// Every lint rule. A new rule is one file in rules/ (its class, its documentation, a make function)
// and one line here.
#include "lint_rule.h"

namespace aalint::lint {

std::unique_ptr<LintRule> makeBareRule();
std::unique_ptr<LintRule> makeBroadAttachment();
std::unique_ptr<LintRule> makeBroadExec();
std::unique_ptr<LintRule> makeChangeProfileBroad();
std::unique_ptr<LintRule> makeDbusBroad();
std::unique_ptr<LintRule> makeMissingConditionalInclude();
std::unique_ptr<LintRule> makeMountRule();
std::unique_ptr<LintRule> makePtraceBroad();
std::unique_ptr<LintRule> makeRuleNotEnforced();
std::unique_ptr<LintRule> makeSignalBroad();
std::unique_ptr<LintRule> makeUndefinedExecTarget();
std::unique_ptr<LintRule> makeUnixBroad();
std::unique_ptr<LintRule> makeUnusedVariable();
std::unique_ptr<LintRule> makeUsernsAdmin();
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
  rules.push_back(makeNonEnforcingMode());
  rules.push_back(makeWriteExec());
  rules.push_back(makeSensitiveRead());
  rules.push_back(makeSensitiveWrite());
  rules.push_back(makeBroadPath());
  rules.push_back(makeMissingOwner());
  rules.push_back(makeShadowedAllow());
  rules.push_back(makeRawNetwork());
  rules.push_back(makeMountRule());
  rules.push_back(makePtraceBroad());
  rules.push_back(makeSignalBroad());
  rules.push_back(makeDbusBroad());
  rules.push_back(makeUnixBroad());
  rules.push_back(makeChangeProfileBroad());
  rules.push_back(makeUsernsAdmin());
  rules.push_back(makeUndefinedExecTarget());
  rules.push_back(makeBroadExec());
  rules.push_back(makeBroadAttachment());
  rules.push_back(makeSilentDeny());
  rules.push_back(makeRuleNotEnforced());
  // Hygiene
  rules.push_back(makeMissingAbi());
  rules.push_back(makePoundInclude());
  rules.push_back(makeEmptyProfile());
  rules.push_back(makeRedundantRule());
  rules.push_back(makeUnusedVariable());
  rules.push_back(makeMissingConditionalInclude());
  return rules;
}

}  // namespace aalint::lint

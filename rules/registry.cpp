// Every lint rule. A new rule is one file in rules/ and one line here.
#include "lint_rule.h"

namespace aalint::lint {

std::vector<std::unique_ptr<LintRule>> allLintRules() {
  std::vector<std::unique_ptr<LintRule>> rules;
  return rules;
}

}  // namespace aalint::lint

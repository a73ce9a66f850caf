// missing-abi: a profile file with no `abi` declaration
//
// Without `abi <abi/3.0>,` the policy is compiled against whatever ABI the installed parser
// defaults to (or is configured with), so the same profile mediates different things on different
// systems: a rule class the default ABI lacks is silently not enforced, and an upgrade can start
// enforcing rules nobody tested.
//
// Bad:   profile foo { ... }            (no abi line)
// Good:  abi <abi/3.0>,
//        profile foo { ... }
// Fix:   declare the ABI the profile was written and tested for, before the includes.
#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"missing-abi", Category::Hygiene, Severity::Warning, true,
                     "a profile file with no 'abi' declaration",
                     "Without an abi the mediated rule classes depend on the parser's default and change between "
                     "systems and upgrades.",
                     "profile foo { ... }", "abi <abi/3.0>,\nprofile foo { ... }",
                     "Add 'abi <abi/3.0>,' (the ABI the profile was tested with) at the top of the file."};

class MissingAbi : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    const ir::Policy& policy = context.policy();
    if (policy.profiles.empty()) return;
    for (const ir::Abi* abi : policy.abis)
      if (abi->range.file == policy.mainFile) return;  // an abi from an include does not speak for this file
    const ir::ProfileInstance& first = *policy.profiles.front();
    if (!first.chain.empty()) return;  // the profile comes from an include
    context.report(kInfo, first.declaration->header, {}, &first,
                   "this file declares no abi; add 'abi <abi/3.0>,' (the ABI it was tested with) before the profile, "
                   "or it is compiled with whatever ABI the parser defaults to");
  }
};

}  // namespace

std::unique_ptr<LintRule> makeMissingAbi() { return std::make_unique<MissingAbi>(); }

}  // namespace aalint::lint

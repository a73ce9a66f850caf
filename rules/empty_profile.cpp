// empty-profile: a profile with no rules
//
// A profile with no rules (and nothing included) denies everything, so the confined program fails
// at its first file access. That is sometimes deliberate (a hat that should never be entered), but
// usually a stub that was never filled in.
//
// Bad:   profile foo { }
// Good:  profile foo { include <abstractions/base> ... }
// Fix:   add the rules the program needs, or remove the profile.
#include <fmt/format.h>

#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"empty-profile", Category::Hygiene, Severity::Warning, true, "a profile with no rules",
                     "An empty profile denies everything: the program fails at its first file access.",
                     "profile foo { }", "profile foo {\n  include <abstractions/base>\n  ...\n}",
                     "Add the rules the program needs, or remove the profile."};

class EmptyProfile : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      if (!profile.rules.empty() || !profile.children.empty()) return;
      context.report(kInfo, profile.declaration->header, profile.chain, &profile,
                     fmt::format("{} '{}' has no rules, so it denies everything", profile.hat ? "hat" : "profile",
                                 profile.name));
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeEmptyProfile() { return std::make_unique<EmptyProfile>(); }

}  // namespace aalint::lint

// change-profile-broad: change_profile to unconfined, to a glob, bare, or unsafe
//
// change_profile lets the program switch to another profile. To `unconfined` it leaves
// confinement altogether; to a glob (`-> **`) or with no target (the same as `-> **`) it may pick
// any profile, the most permissive included; `unsafe` keeps the environment across the switch.
//
// Bad:   change_profile,      change_profile -> unconfined,      change_profile -> **,
// Good:  change_profile -> myapp//restricted,
// Fix:   name the profile(s) it may change to.
#include <fmt/format.h>

#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"change-profile-broad", Category::Security, Severity::Warning, true,
                     "change_profile to unconfined, to a glob, bare, or unsafe",
                     "The program can leave confinement or pick the most permissive profile.", "change_profile,",
                     "change_profile -> myapp//restricted,", "Name the profile(s) it may change to."};

class ChangeProfileBroad : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ClassAccess& rule : classRules(profile, ir::RuleKind::ChangeProfile, {})) {
        if (rule.placed->qualifiers.deny) continue;
        const auto& target = rule.parts.arrowTarget;
        std::vector<std::string> why;
        if (!target) why.push_back("it has no target, so it may change to any profile");
        else if (target->text == "unconfined") why.push_back("it changes to unconfined: no confinement at all");
        else if (target->text.find_first_of("*?[{") != std::string::npos)
          why.push_back(fmt::format("the target '{}' is a glob, so the most permissive matching profile can be chosen",
                                    target->text));
        if (!rule.parts.words.empty() && rule.parts.words[0]->text == "unsafe")
          why.push_back("'unsafe' keeps the environment (LD_PRELOAD) across the change");
        if (why.empty()) continue;
        context.report(kInfo, *rule.placed, profile, fmt::format("change_profile: {}", fmt::join(why, "; ")));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeChangeProfileBroad() { return std::make_unique<ChangeProfileBroad>(); }

}  // namespace aalint::lint

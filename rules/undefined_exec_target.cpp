// undefined-exec-target: an exec transition to a profile the policy does not define
//
// `px -> name`, `Px -> name` and friends switch to the profile `name`; `cx -> child` (and `cx`
// without a target, which names the child by the program's path) switch to a child profile. If
// that profile does not exist the exec fails (or, with pux/PUx, runs unconfined), and apparmor_parser
// cannot tell: the target may be loaded from another file. aalint looks in every file of the run.
//
// Bad:   /usr/bin/helper Cx -> helpr,      (the child is named 'helper')
// Good:  /usr/bin/helper Cx -> helper,
//        profile helper { ... }
// Fix:   fix the name, or add the profile.
#include <fmt/format.h>

#include <algorithm>

#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"undefined-exec-target", Category::Security, Severity::Warning, true,
                     "Px/Cx/px -> name whose target profile or child is not defined in the policy being checked",
                     "The exec fails at run time (or runs unconfined with a fallback); a typo is invisible to the "
                     "compiler because the target may live in another file.",
                     "/usr/bin/helper Cx -> helpr,", "/usr/bin/helper Cx -> helper,", "Fix the name or add the profile."};

class UndefinedExecTarget : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    auto defined = [&](const std::string& name) { return context.index().defines(name); };
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const FileAccess& access : context.fileAccesses(profile)) {
        if (access.deny() || !access.perms.exec) continue;
        using T = ir::ExecMode::Transition;
        T transition = access.perms.exec->transition;
        if (transition != T::Profile && transition != T::Child) continue;
        std::string target = access.rule->execTarget ? context.policy().variables.expand(access.rule->execTarget->text).text
                                                     : std::string();
        if (target.find_first_of("&:*?[{@") != std::string::npos) continue;  // stacks, namespaces, patterns
        if (transition == T::Child) {
          std::string child = target.empty() ? access.glob() : target;
          if (child.find_first_of("*?[{") != std::string::npos) continue;
          const ir::ProfileInstance* owner = &profile;
          while (owner->parent) owner = owner->parent;  // children are named from the top profile
          if (defined(owner->name + "//" + child) || defined(profile.name + "//" + child)) continue;
          context.report(kInfo, *access.placed, profile,
                         fmt::format("'{}' changes to the child profile '{}', which '{}' does not define", ruleText(*access.placed),
                                     child, owner->name));
        } else if (!target.empty() && !defined(target)) {
          context.report(kInfo, *access.placed, profile,
                         fmt::format("'{}' changes to profile '{}', which no file checked here defines", ruleText(*access.placed),
                                     target));
        }
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeUndefinedExecTarget() { return std::make_unique<UndefinedExecTarget>(); }

}  // namespace aalint::lint

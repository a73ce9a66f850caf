// userns-admin: user namespaces together with sys_admin or net_admin in one profile
//
// Creating a user namespace gives the process every capability inside it; combined with
// `capability sys_admin` or `net_admin` it reaches the kernel code paths that most privilege
// escalations use (mounting file systems, configuring netfilter). Unprivileged user namespaces are
// restricted by AppArmor precisely for this reason.
//
// Bad:   userns,
//        capability sys_admin,
// Good:  userns,               (only what a sandbox needs, no admin capability)
// Fix:   split the privileged part into another profile, or drop the capability.
#include <fmt/format.h>

#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"userns-admin", Category::Security, Severity::Warning, true,
                     "userns together with capability sys_admin or net_admin in one profile",
                     "A user namespace plus an admin capability reaches the kernel paths most privilege escalations "
                     "use.",
                     "userns,\ncapability sys_admin,", "userns,", "Drop the capability or split the profile."};

class UsernsAdmin : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      const ir::PlacedRule* userns = nullptr;
      std::string admin;
      for (const ir::PlacedRule& placed : profile.rules) {
        if (placed.qualifiers.deny) continue;
        if (placed.rule->ruleKind == ir::RuleKind::Userns && !userns) userns = &placed;
        if (placed.rule->ruleKind == ir::RuleKind::Capability) {
          const auto& names = static_cast<const ir::CapabilityRule&>(*placed.rule).names;
          if (names.empty()) admin = "every capability";
          for (const ir::Word& n : names)
            if (n.text == "sys_admin" || n.text == "net_admin") admin = "capability " + n.text;
        }
      }
      if (userns && !admin.empty())
        context.report(kInfo, *userns, profile,
                       fmt::format("user namespaces together with {} in profile '{}': inside the namespace the "
                                   "program reaches the kernel paths most privilege escalations use",
                                   admin, profile.name));
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeUsernsAdmin() { return std::make_unique<UsernsAdmin>(); }

}  // namespace aalint::lint

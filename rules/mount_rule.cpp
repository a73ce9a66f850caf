// mount-rule: mount, remount, umount and pivot_root, graded by how unrestricted they are
//
// Mounting changes what every path means: a profile that may mount can put any file system over
// /etc, bind its own files over a binary, or pivot into a root it controls — which defeats path
// based confinement. A rule restricted to one file system type, source and mount point is
// sometimes needed (containers, sandboxes); an unrestricted one almost never is.
//
// Bad:   mount,     mount -> /**,     pivot_root,
// Good:  mount fstype=tmpfs options=(rw,nosuid,nodev) tmpfs -> /run/app/,
// Fix:   restrict the file system type, options, source and mount point.
#include <fmt/format.h>

#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"mount-rule", Category::Security, Severity::Warning, true,
                     "mount, remount, umount and pivot_root rules, graded by how unrestricted they are",
                     "Mounting changes what paths mean and can undo path-based confinement.", "mount,",
                     "mount fstype=tmpfs options=(rw,nosuid,nodev) tmpfs -> /run/app/,",
                     "Restrict fstype, options, source and mount point."};

class MountRule : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (ir::RuleKind kind : {ir::RuleKind::Mount, ir::RuleKind::Remount, ir::RuleKind::Umount, ir::RuleKind::PivotRoot})
        for (const ClassAccess& rule : classRules(profile, kind, {})) {
          if (rule.placed->qualifiers.deny) continue;
          const char* keyword = ir::ruleKindKeyword(kind);
          std::vector<std::string> open;
          bool typed = ir::findCondition(rule.parts, "fstype") || ir::findCondition(rule.parts, "vfstype");
          bool target = rule.parts.arrowTarget.has_value() || (kind != ir::RuleKind::Mount && !rule.parts.words.empty());
          if (kind == ir::RuleKind::Mount && !typed) open.push_back("any file system type");
          if (!target) open.push_back(kind == ir::RuleKind::PivotRoot ? "any new root" : "any mount point");
          auto globby = [](const std::string& s) { return s == "/**" || s == "/" || s == "**"; };
          if (rule.parts.arrowTarget && globby(rule.parts.arrowTarget->text) && kind == ir::RuleKind::Mount)
            open.push_back("every mount point");
          if (open.empty())
            context.report(kInfo, *rule.placed, profile,
                           fmt::format("'{}' may change the mount table; keep it as narrow as it is", keyword),
                           Severity::Info);
          else
            context.report(kInfo, *rule.placed, profile,
                           fmt::format("'{}' is unrestricted: it allows {}; a profile that can mount can undo "
                                       "path-based confinement",
                                       keyword, fmt::join(open, " and ")));
        }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeMountRule() { return std::make_unique<MountRule>(); }

}  // namespace aalint::lint

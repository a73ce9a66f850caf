// bare-rule: a rule class allowed without any restriction
//
// `capability,` grants every capability, `network,` every socket, `file,` every file with every
// permission, `mount,` any mount, `dbus,` any D-Bus traffic, `all,` everything. A bare rule turns
// the class off; it is rarely what the author meant outside of a deliberately permissive profile.
// Deny rules are not reported: a bare deny restricts.
//
// Bad:   network,      capability,      all,
// Good:  network inet stream,      capability net_bind_service,
// Fix:   list what the program needs.
#include <fmt/format.h>

#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"bare-rule", Category::Security, Severity::Warning, true,
                     "a rule class allowed without any restriction (capability, network, file, mount, all, ...)",
                     "A bare rule turns the whole class off: every capability, every socket, every file.",
                     "network,", "network inet stream,", "Name what the program needs."};

class BareRule : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ir::PlacedRule& placed : profile.rules) {
        if (placed.qualifiers.deny || placed.rule->malformed || !isBare(*placed.rule)) continue;
        const char* keyword = ir::ruleKindKeyword(placed.rule->ruleKind);
        context.report(kInfo, placed, profile,
                       placed.rule->ruleKind == ir::RuleKind::All
                           ? std::string("'all,' allows every operation of every class: the profile confines nothing")
                           : fmt::format("'{},' allows every {} operation; name what the program needs", keyword,
                                         keyword));
      }
    });
  }

private:
  static bool isBare(const ir::Rule& rule) {
    switch (rule.ruleKind) {
      case ir::RuleKind::All: return true;
      case ir::RuleKind::Capability: return static_cast<const ir::CapabilityRule&>(rule).names.empty();
      case ir::RuleKind::File: {
        const auto& file = static_cast<const ir::FileRule&>(rule);
        return !file.path && !file.permissions;
      }
      case ir::RuleKind::Network: case ir::RuleKind::Mount: case ir::RuleKind::Remount: case ir::RuleKind::Umount:
      case ir::RuleKind::Dbus: case ir::RuleKind::Unix: case ir::RuleKind::Signal: case ir::RuleKind::Ptrace:
      case ir::RuleKind::IoUring: case ir::RuleKind::Userns: case ir::RuleKind::Mqueue: case ir::RuleKind::PivotRoot:
        return static_cast<const ir::ClassRule&>(rule).arguments.empty();
      default: return false;
    }
  }
};

}  // namespace

std::unique_ptr<LintRule> makeBareRule() { return std::make_unique<BareRule>(); }

}  // namespace aalint::lint

#pragma once

#include "checks/class_rule.h"

namespace aalint::checks {

// mount, remount and umount rules: fstype/vfstype and options conditions, known mount options,
// no contradictory pair (ro with rw...), and no source for propagation changes and remounts.
class MountRuleCheck : public ClassRuleCheck {
public:
  explicit MountRuleCheck(ir::RuleKind kind) : kind_(kind) {}

protected:
  ir::RuleKind kind() const override { return kind_; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;

private:
  ir::RuleKind kind_;
};

}  // namespace aalint::checks

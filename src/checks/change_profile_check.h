#pragma once

#include "checks/class_rule.h"

namespace aalint::checks {

// change_profile [safe|unsafe] [EXEC] [-> PROFILE]: safe/unsafe need an exec path, one target.
class ChangeProfileRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::ChangeProfile; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

// pivot_root [oldroot=PATH] [NEWROOT] [-> PROFILE].
class PivotRootRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::PivotRoot; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

// set rlimit NAME <= VALUE: a known resource and a value in its units and range.
class RlimitRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Rlimit; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

}  // namespace aalint::checks

#pragma once

#include "checks/class_rule.h"

namespace aalint::checks {

// D-Bus rules: accesses, conditions, and which conditions each access admits ("name=" belongs to
// bind; path, interface, member and peer to send and receive; eavesdrop takes only the bus).
class DbusRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Dbus; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

}  // namespace aalint::checks

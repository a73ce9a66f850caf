#pragma once

#include "checks/class_rule.h"

namespace aalint::checks {

// POSIX and System V message queue rules: accesses, type=posix|sysv, and a queue name that fits
// the type (/name for POSIX, a number for System V).
class MqueueRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Mqueue; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

// io_uring rules: override_creds and sqpoll, with an optional label=.
class IoUringRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::IoUring; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule&, const ClassRuleParts&, const Site&) override {}
};

// User namespace rules: only "create".
class UsernsRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Userns; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule&, const ClassRuleParts&, const Site&) override {}
};

}  // namespace aalint::checks

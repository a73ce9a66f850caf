#pragma once

#include "checks/class_rule.h"

namespace aalint::checks {

// Signal rules: accesses, "set=" with signal names or rtmin+N, at most one "peer=".
class SignalRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Signal; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

// Ptrace rules: accesses and at most one "peer=".
class PtraceRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Ptrace; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule&, const ClassRuleParts&, const Site&) override {}
};

}  // namespace aalint::checks

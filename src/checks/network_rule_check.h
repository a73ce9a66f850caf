#pragma once

#include "checks/class_rule.h"

namespace aalint::checks {

// Network rules: accesses, "[domain] [type|protocol]", ip= and port= values, and peer=(...) only
// with the accesses that have a peer (send, receive, connect, accept).
class NetworkRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Network; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

// Unix socket rules: accesses, socket types, addresses, and peer=(...) only with the accesses that
// have a peer.
class UnixRuleCheck : public ClassRuleCheck {
protected:
  ir::RuleKind kind() const override { return ir::RuleKind::Unix; }
  const ClassSpec& spec() const override;
  void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) override;
};

// Socket accesses that involve a peer; "peer=(...)" means nothing for the others.
bool socketAccessHasPeer(const std::string& access);

}  // namespace aalint::checks

// The shared check of sensitive-read and sensitive-write: rules granting an access that reaches a
// probe path of a kind, with deny rules taken into account.
#pragma once

#include "path_findings.h"

namespace aalint::lint {

class SensitiveAccess : public LintRule {
public:
  SensitiveAccess(const RuleInfo& info, ProbeKind kind, Access access) : info_(info), kind_(kind), access_(access) {}
  const RuleInfo& info() const override { return info_; }
  void check(LintContext& context) override;

private:
  const RuleInfo& info_;
  ProbeKind kind_;
  Access access_;
};

}  // namespace aalint::lint

#pragma once

#include "checks/check.h"

namespace aalint::checks {

// Rule qualifiers: their order (priority=, audit, allow/deny, owner/other, safe/unsafe), no
// contradictory pairs, priority in range, and owner/other only where ownership means something.
class QualifierCheck : public Check {
public:
  void run(const ir::Policy& policy, CheckContext& context) override;
};

}  // namespace aalint::checks

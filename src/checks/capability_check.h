#pragma once

#include "checks/check.h"

namespace aalint::checks {

// Capability names.
class CapabilityCheck : public Check {
public:
  void run(const ir::Policy& policy, CheckContext& context) override;
};

}  // namespace aalint::checks

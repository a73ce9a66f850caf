#pragma once

#include "checks/check.h"

namespace aalint::checks {

// Two change_profile rules for the same program and target cannot disagree on safe/unsafe.
class ChangeProfileConflictCheck : public Check {
public:
  void run(const ir::Policy& policy, CheckContext& context) override;
};

}  // namespace aalint::checks

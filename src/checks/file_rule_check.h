#pragma once

#include "checks/check.h"

namespace aalint::checks {

// Permission strings (unknown letters, repeats, 'w' with 'a', exec modes in deny rules, plain 'x'
// outside them), exec targets without an exec mode, safe/unsafe without one.
class FileRuleCheck : public Check {
public:
  void run(const ir::Policy& policy, CheckContext& context) override;
};

}  // namespace aalint::checks

#pragma once

#include "checks/check.h"

namespace aalint::checks {

// Two exec rules of a profile whose paths overlap must agree on how the program runs, unless one
// of them names the path exactly (the exact rule wins). Decided on the automaton of the rules' globs,
// per owner/other half, as apparmor_parser decides it; both rules are reported with a path they share.
class ExecConflictCheck : public Check {
public:
  void run(const ir::Policy& policy, CheckContext& context) override;
};

}  // namespace aalint::checks

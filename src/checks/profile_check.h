#pragma once

#include "checks/check.h"

namespace aalint::checks {

// Profile headers and names: flags (known flags, one mode, no contradictory pair, valid error=,
// kill.signal= and attach_disconnected.path= values), header conditions, identities, namespaces,
// and duplicate profiles, children and hats.
class ProfileCheck : public Check {
public:
  void run(const ir::Policy& policy, CheckContext& context) override;
};

}  // namespace aalint::checks

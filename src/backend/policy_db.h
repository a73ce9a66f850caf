// The policy DB of a profile (binary-policy.md §2.3): a marker per class the features mediate,
// then the network, mount, signal and ptrace rules, each behind its class byte.
#pragma once

#include <string>

#include "backend/profile_context.h"

namespace aalint::backend {

std::string encodePolicyDb(ProfileContext& context);

}  // namespace aalint::backend

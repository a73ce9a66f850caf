// The file DFA of a profile (binary-policy.md §2.1): file, link and change_profile rules, and the
// /proc rules apparmor_parser adds for hats and change_profile. Named exec targets are appended to
// `xtable`. Empty when the profile has no file rules.
#pragma once

#include <string>
#include <vector>

#include "backend/profile_context.h"

namespace aalint::backend {

std::string encodeFileDfa(ProfileContext& context, std::vector<std::string>& xtable);

}  // namespace aalint::backend

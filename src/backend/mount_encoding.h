// mount, remount, umount and pivot_root rules → policy-DB expressions of the mount class, as
// apparmor_parser 3.0.8 encodes them (binary-policy.md §2.3): the class byte, then the mount
// point, NUL, the source, NUL, the fstypes, NUL, one byte per mount flag.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ir/class_rule_parts.h"

namespace aalint::backend {

struct PolicyDbExpression {
  std::string regex;
  std::uint32_t perms = 0;
  std::uint32_t alwaysAudited = 0;  // audit bits set whatever the qualifiers
};

// The regex of a glob as the rule being compiled wrote it (variables expanded; slashes filtered
// when `path`); nullopt when the glob is invalid.
using GlobToRegex = std::function<std::optional<std::string>(const std::string& glob, bool path)>;

struct MountEncoding {
  std::vector<PolicyDbExpression> expressions;
  // What cannot be encoded, when not empty, and where.
  std::string unsupported;
  const ir::Word* unsupportedAt = nullptr;
};

MountEncoding encodeMountRule(ir::RuleKind kind, const ir::ClassRuleParts& parts, const GlobToRegex& globRegex);

}  // namespace aalint::backend

// sensitive-read: read access that reaches secrets
//
// Reports read access that reaches password hashes (/etc/shadow, /etc/gshadow), the sudo policy,
// SSH host and user keys, GnuPG keys, browser password stores, other processes' environments and
// memory (/proc/*/environ, /proc/*/mem), kernel and physical memory. Decided on the automaton of
// the profile's rules: a glob is reported when the paths it grants include such a file and no deny
// rule cancels the read; the message names a path the rule reaches.
//
// Bad:   /etc/** r,          (reads /etc/shadow)
// Good:  /etc/myapp/** r,
// Fix:   narrow the glob, or add 'deny /etc/shadow r,' for the secrets it must not reach.
#include "sensitive_access.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"sensitive-read", Category::Security, Severity::Warning, true,
                     "read access that reaches secrets (shadow, keys, other processes' memory)",
                     "A read of a password hash, a private key or another process's environment discloses "
                     "credentials; a broad glob often reaches them by accident.",
                     "/etc/** r,", "/etc/myapp/** r,",
                     "Narrow the glob, or add 'deny /etc/shadow r,' for the secrets it must not reach."};

}  // namespace

std::unique_ptr<LintRule> makeSensitiveRead() {
  return std::make_unique<SensitiveAccess>(kInfo, ProbeKind::SensitiveRead, Access::Read);
}

}  // namespace aalint::lint

// sensitive-write: writes that reach kernel interfaces, devices, persistence points or policy
//
// Reports writes that reach kernel interfaces (/proc/sys, /proc/sysrq-trigger, /sys/kernel,
// /sys/firmware, cgroup release_agent), raw devices, files that give persistence or privilege
// (ld.so.preload, ld.so.conf, cron, sudoers, pam.d, profile.d, systemd units, shell rc files,
// authorized_keys) and AppArmor policy itself. Decided on the automaton of the profile's rules,
// with deny rules taken into account; the message names a path the rule reaches.
//
// Bad:   /proc/** rw,        (writes /proc/sys/kernel/core_pattern)
// Good:  /proc/@{pid}/stat r,
// Fix:   narrow the glob to what the program writes, or deny the sensitive paths.
#include "sensitive_access.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"sensitive-write", Category::Security, Severity::Warning, true,
                     "writes that reach kernel interfaces, raw devices, persistence points or AppArmor policy",
                     "Writing kernel tunables, raw disks, cron jobs, PAM, shell rc files, authorized_keys or the "
                     "policy itself hands over the machine or survives a reboot.",
                     "/proc/** rw,", "/proc/@{pid}/stat r,",
                     "Narrow the glob to what the program writes, or deny the sensitive paths."};

}  // namespace

std::unique_ptr<LintRule> makeSensitiveWrite() {
  return std::make_unique<SensitiveAccess>(kInfo, ProbeKind::SensitiveWrite, Access::Write);
}

}  // namespace aalint::lint

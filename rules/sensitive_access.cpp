// sensitive-read and sensitive-write: file access that reaches secrets and control points
//
// sensitive-read reports read access that reaches secrets: password hashes (/etc/shadow,
// /etc/gshadow), the sudo policy, SSH host and user keys, GnuPG keys, browser password stores, other
// processes' environments and memory (/proc/*/environ, /proc/*/mem), kernel and physical memory.
//
// sensitive-write reports writes that reach kernel interfaces (/proc/sys, /proc/sysrq-trigger,
// /sys/kernel, /sys/firmware, cgroup release_agent), raw devices, files that give persistence or
// privilege (ld.so.preload, ld.so.conf, cron, sudoers, pam.d, profile.d, systemd units, shell rc
// files, authorized_keys) and AppArmor policy itself.
//
// Both are decided on the automaton of the profile's rules: a glob is reported when the paths it
// grants include such a file, and deny rules that cancel the access are taken into account. The
// message names a path that the rule reaches.
//
// Bad:   /etc/** r,          (reads /etc/shadow)
//        /proc/** w,         (writes /proc/sys/kernel/core_pattern)
// Good:  /etc/myapp/** r,
// Fix:   narrow the glob to what the program uses, or add a deny rule for the sensitive files.
#include <fmt/format.h>

#include <set>

#include "path_findings.h"

namespace aalint::lint {

namespace {

const RuleInfo kReadInfo{"sensitive-read", Category::Security, Severity::Warning, true,
                         "read access that reaches secrets (shadow, keys, other processes' memory)",
                         "A read of a password hash, a private key or another process's environment discloses "
                         "credentials; a broad glob often reaches them by accident.",
                         "/etc/** r,", "/etc/myapp/** r,",
                         "Narrow the glob, or add 'deny /etc/shadow r,' for the secrets it must not reach."};

const RuleInfo kWriteInfo{"sensitive-write", Category::Security, Severity::Warning, true,
                          "writes that reach kernel interfaces, raw devices, persistence points or AppArmor policy",
                          "Writing kernel tunables, raw disks, cron jobs, PAM, shell rc files, authorized_keys or the "
                          "policy itself hands over the machine or survives a reboot.",
                          "/proc/** rw,", "/proc/@{pid}/stat r,",
                          "Narrow the glob to what the program writes, or deny the sensitive paths."};

class SensitiveAccess : public LintRule {
public:
  SensitiveAccess(const RuleInfo& info, ProbeKind kind, Access access) : info_(info), kind_(kind), access_(access) {}
  const RuleInfo& info() const override { return info_; }
  void check(LintContext& context) override {
    std::set<const ir::PlacedRule*> reported;
    forEachFileState(context, [&](const ir::ProfileInstance& profile, const StateView& view) {
      const Probe* probe = nullptr;
      for (std::size_t p : view.matches.probes)
        if (probes()[p].kind == kind_) {
          probe = &probes()[p];
          break;
        }
      if (!probe) return;
      for (std::size_t id : effectiveGrants(view.automaton, view.matches.rules, access_)) {
        const FileAccess& rule = view.automaton.rules()[id];
        if (!reported.insert(rule.placed).second) continue;
        std::string path = view.witness();
        bool exact = rule.glob == path;
        context.report(info_, *rule.placed, profile,
                       exact ? fmt::format("'{}' {} {}", ruleText(*rule.placed),
                                           access_ == Access::Read ? "reads" : "writes", probe->what)
                             : fmt::format("'{}' {} {}: it matches '{}'", ruleText(*rule.placed),
                                           access_ == Access::Read ? "reads" : "writes", probe->what, path));
      }
    });
  }

private:
  const RuleInfo& info_;
  ProbeKind kind_;
  Access access_;
};

}  // namespace

std::unique_ptr<LintRule> makeSensitiveRead() {
  return std::make_unique<SensitiveAccess>(kReadInfo, ProbeKind::SensitiveRead, Access::Read);
}
std::unique_ptr<LintRule> makeSensitiveWrite() {
  return std::make_unique<SensitiveAccess>(kWriteInfo, ProbeKind::SensitiveWrite, Access::Write);
}

}  // namespace aalint::lint

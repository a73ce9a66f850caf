// dangerous-capability: capabilities that amount to root, or close to it
//
// Graded by what a compromised process can do with them:
// - root-equivalent: sys_admin, sys_module, sys_rawio, sys_ptrace, mac_admin, mac_override, bpf,
//   dac_override, setuid, setgid, setfcap, setpcap, checkpoint_restore (escape the sandbox, load
//   code into the kernel, rewrite policy, become any user);
// - privileged: dac_read_search, net_admin, sys_boot, perfmon, syslog (read any file, reconfigure
//   the network, reboot, read kernel memory layout).
//
// Bad:   capability sys_admin,
// Good:  capability net_bind_service,   (only what the program needs)
// Fix:   find the operation that needs the capability (audit log, strace) and grant the narrowest
//        one; move privileged steps to a helper with its own profile.
#include <fmt/format.h>

#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"dangerous-capability", Category::Security, Severity::Warning, true,
                     "capabilities that amount to root, or close to it",
                     "A process with these capabilities can escape the profile, load kernel code, rewrite policy or "
                     "become any user; some only read any file or reconfigure the system.",
                     "capability sys_admin,", "capability net_bind_service,",
                     "Grant the narrowest capability the program needs; isolate privileged steps in a helper."};

struct Grade {
  const char* name;
  bool rootEquivalent;
  const char* why;
};

const Grade kGrades[] = {
    {"sys_admin", true, "mounts file systems, creates namespaces and performs most privileged operations: a sandbox escape"},
    {"sys_module", true, "loads code into the kernel"},
    {"sys_rawio", true, "raw I/O on devices and ports: reads and writes kernel memory"},
    {"sys_ptrace", true, "traces any process, including unconfined ones"},
    {"mac_admin", true, "changes the security policy itself"},
    {"mac_override", true, "overrides mandatory access control"},
    {"bpf", true, "loads BPF programs into the kernel"},
    {"dac_override", true, "bypasses every file permission check"},
    {"setuid", true, "becomes any user, root included"},
    {"setgid", true, "becomes any group"},
    {"setfcap", true, "gives file capabilities to any program"},
    {"setpcap", true, "changes capability sets"},
    {"checkpoint_restore", true, "restores processes with arbitrary state"},
    {"dac_read_search", false, "reads any file and directory"},
    {"net_admin", false, "reconfigures interfaces, routes and the firewall"},
    {"sys_boot", false, "reboots the machine and loads a new kernel"},
    {"perfmon", false, "reads kernel performance data and addresses"},
    {"syslog", false, "reads the kernel log and kernel addresses"},
};

class DangerousCapability : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ir::PlacedRule& placed : profile.rules) {
        if (placed.rule->ruleKind != ir::RuleKind::Capability || placed.qualifiers.deny) continue;
        for (const ir::Word& name : static_cast<const ir::CapabilityRule&>(*placed.rule).names)
          for (const Grade& grade : kGrades)
            if (name.text == grade.name)
              context.report(kInfo, name.range, *placed.chain, &profile,
                             fmt::format("capability {} is {}: it {}", grade.name,
                                         grade.rootEquivalent ? "root-equivalent" : "privileged", grade.why));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeDangerousCapability() { return std::make_unique<DangerousCapability>(); }

}  // namespace aalint::lint

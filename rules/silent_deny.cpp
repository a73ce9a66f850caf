// silent-deny: deny rules on sensitive paths that log nothing (off by default)
//
// A deny rule without `audit` is quiet: an attempt to read /etc/shadow or write /proc/sys is
// refused and leaves no trace. On paths that matter, `audit deny` records the attempt, which is
// often the first sign of a compromise.
//
// Bad:   deny /etc/shadow r,
// Good:  audit deny /etc/shadow r,
// Fix:   add `audit` in front of `deny`.
#include <fmt/format.h>

#include <set>

#include "path_findings.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"silent-deny", Category::Security, Severity::Info, false,
                     "deny without audit on a sensitive path",
                     "Quiet denials of sensitive files leave no trace of an attack.", "deny /etc/shadow r,",
                     "audit deny /etc/shadow r,", "Add 'audit' in front of 'deny'."};

class SilentDeny : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    std::set<const ir::PlacedRule*> reported;
    forEachFileState(context, [&](const ir::ProfileInstance& profile, const StateView& view) {
      for (std::size_t id : view.matches.rules) {
        const FileAccess& rule = view.automaton.rules()[id];
        if (!rule.deny() || rule.audit() || reported.count(rule.placed)) continue;
        // A probe of the kind the rule denies: reads of secrets, writes of control points.
        const Probe* sensitive = nullptr;
        for (std::size_t p : view.matches.probes) {
          ProbeKind kind = probes()[p].kind;
          if ((kind == ProbeKind::SensitiveRead && rule.perms.read) ||
              (kind == ProbeKind::SensitiveWrite && (rule.perms.write || rule.perms.append)))
            sensitive = &probes()[p];
        }
        if (!sensitive) continue;
        reported.insert(rule.placed);
        context.report(kInfo, *rule.placed, profile,
                       fmt::format("'{}' denies {} {} without logging; write 'audit deny' to record attempts",
                                   ruleText(*rule.placed),
                                   sensitive->kind == ProbeKind::SensitiveRead ? "reading" : "writing", sensitive->what));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeSilentDeny() { return std::make_unique<SilentDeny>(); }

}  // namespace aalint::lint

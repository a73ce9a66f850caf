// broad-path: globs that grant much of the filesystem
//
// A rule whose glob covers a whole subtree — the filesystem (`/**`, `/{,**}`), every home directory
// (`@{HOME}/**`), /etc, /usr, /var, /proc, /sys, /dev — is decided on the automaton: the rule is
// reported when every path of the subtree is granted. Weighted by what is granted: any write to
// such a subtree is reported; reading is reported only for the whole filesystem and all homes
// (`/etc/** r` is common and mostly harmless, `/etc/** w` is not). `owner` lowers the severity to
// info; deny rules are never reported.
//
// Bad:   /** rw,      /{,**} w,      @{HOME}/** w,
// Good:  @{HOME}/.config/myapp/** rw,
// Fix:   grant the directories the program uses.
#include <fmt/format.h>

#include <set>

#include "path_findings.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"broad-path", Category::Security, Severity::Warning, true,
                     "globs that grant much of the filesystem, weighted by permissions, owner and deny",
                     "A rule over a whole subtree confines nothing there: every file, present and future.",
                     "/** rw,", "@{HOME}/.config/myapp/** rw,", "Grant the directories the program uses."};

class BroadPath : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    forEachFileAutomaton(context, [&](const ir::ProfileInstance& profile, const FileAutomaton& automaton) {
      std::set<std::size_t> reported;
      for (std::size_t p = 0; p < probes().size(); ++p) {  // broadest subtree first
        if (probes()[p].kind != ProbeKind::Subtree) continue;
        for (std::size_t r : automaton.covering(p)) {
          const FileAccess& rule = automaton.rules()[r];
          if (rule.deny() || reported.count(r)) continue;
          bool wholeOrHomes = probes()[p].glob == "/**" || probes()[p].glob == "/home/*/**";
          bool writes = rule.writes() || rule.perms.link;
          if (!writes && !(wholeOrHomes && rule.perms.read)) continue;
          reported.insert(r);
          context.report(kInfo, *rule.placed, profile,
                         fmt::format("'{}' {} {}{}", ruleText(*rule.placed), writes ? "grants writes to" : "grants reads of",
                                     probes()[p].what,
                                     rule.ownerOnly() ? " (owner only: the files this user owns)" : ""),
                         rule.ownerOnly() ? std::optional<Severity>(Severity::Info) : std::nullopt);
        }
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeBroadPath() { return std::make_unique<BroadPath>(); }

}  // namespace aalint::lint

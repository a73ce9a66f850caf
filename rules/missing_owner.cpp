// missing-owner: writes to shared directories without `owner`
//
// /tmp, /var/tmp, /dev/shm, /run/user/* and other users' home directories hold files of several
// users. A write rule there without `owner` lets the program change other users' files too (a
// symlink or a predictable name in /tmp is a classic attack).
//
// Bad:   /tmp/** rw,
// Good:  owner /tmp/** rw,
// Fix:   add `owner`, so that the rule applies to files the program's user owns.
#include <fmt/format.h>

#include <set>

#include "path_findings.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"missing-owner", Category::Security, Severity::Info, true,
                     "writes to shared directories (/tmp, /var/tmp, /dev/shm, /run/user/*, homes) without 'owner'",
                     "Without owner, the rule reaches other users' files in a shared directory.", "/tmp/** rw,",
                     "owner /tmp/** rw,", "Add 'owner'."};

class MissingOwner : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    std::set<const ir::PlacedRule*> reported;
    forEachFileState(context, [&](const ir::ProfileInstance& profile, const StateView& view) {
      const Probe* shared = nullptr;
      for (std::size_t p : view.matches.probes)
        if (probes()[p].kind == ProbeKind::SharedDirectory) shared = &probes()[p];
      if (!shared) return;
      for (std::size_t id : effectiveGrants(view.automaton, view.matches.rules, Access::Write)) {
        const FileAccess& rule = view.automaton.rules()[id];
        if (rule.ownerOnly() || !reported.insert(rule.placed).second) continue;
        context.report(kInfo, *rule.placed, profile,
                       fmt::format("'{}' writes to {} (for example '{}') without 'owner': other users' files there "
                                   "are writable too",
                                   ruleText(*rule.placed), shared->what, view.witness()));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeMissingOwner() { return std::make_unique<MissingOwner>(); }

}  // namespace aalint::lint

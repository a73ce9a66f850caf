// shadowed-allow: an allow rule that deny rules cancel entirely
//
// Deny rules win over allow rules, and a denied access is not logged. An allow rule whose every
// path and permission is also denied grants nothing, silently: usually a mistake in one of the
// two. Decided on the automaton, per permission and per owner/other half, and aware of priority
// (an allow that outranks the deny is not cancelled). A deny that carves out only part of an allow
// (`/etc/** r` with `deny /etc/shadow r`) is the normal use of deny and is not reported.
//
// Bad:   /var/log/app/*.log w,
//        deny /var/log/** w,
// Good:  /var/log/app/*.log w,
//        deny /var/log/[^a]*/** w,
// Fix:   remove the allow rule, or narrow the deny.
#include <fmt/format.h>

#include <map>

#include "path_findings.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"shadowed-allow", Category::Security, Severity::Warning, true,
                     "an allow rule entirely cancelled by deny rules",
                     "Deny wins and is not logged: the allow grants nothing, and nobody notices.",
                     "/var/log/app/*.log w,\ndeny /var/log/** w,", "/var/log/app/*.log w,",
                     "Remove the allow rule, or narrow the deny rule."};

class ShadowedAllow : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    forEachFileAutomaton(context, [&](const ir::ProfileInstance& profile, const FileAutomaton& automaton) {
      const auto& rules = automaton.rules();
      std::vector<bool> reached(rules.size(), false), granted(rules.size(), false);
      std::map<std::size_t, std::size_t> denier;  // allow rule -> a deny rule that cancels it
      for (const FileAutomaton::Site& m : automaton.sites()) {
        for (std::size_t r : m.rules) {
          const FileAccess& rule = rules[r];
          if (rule.deny()) continue;
          reached[r] = true;
          for (Access a : {Access::Read, Access::Write, Access::Execute}) {
            if (!grants(rule, a)) continue;
            if (!deniedAmong(automaton, m.rules, rule, a)) granted[r] = true;
            else if (!denier.count(r))
              for (std::size_t d : m.rules)
                if (rules[d].deny() && rules[d].sharesHalfWith(rule)) denier[r] = d;
          }
        }
      }
      for (std::size_t r = 0; r < rules.size(); ++r) {
        const FileAccess& rule = rules[r];
        bool grantsSomething = grants(rule, Access::Read) || grants(rule, Access::Write) || grants(rule, Access::Execute);
        if (rule.deny() || !reached[r] || granted[r] || !grantsSomething || !denier.count(r)) continue;
        const FileAccess& deny = rules[denier[r]];
        context.report(kInfo, *rule.placed, profile,
                       fmt::format("'{}' grants nothing: deny rules such as '{}' ({}) cancel all of it, silently",
                                   ruleText(*rule.placed), ruleText(*deny.placed), location(*deny.placed, context.policy())));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeShadowedAllow() { return std::make_unique<ShadowedAllow>(); }

}  // namespace aalint::lint

// redundant-rule: a rule whose every permission is already granted
//
// A file rule whose paths and permissions are all granted by other rules of the profile, or by an
// included abstraction, adds nothing. It makes the profile longer and hides what it really grants;
// removing it changes nothing. Decided on the automaton, per permission, owner/other half and exec
// mode; the message names a rule that already grants it.
//
// Bad:   include <abstractions/base>
//        /etc/ld.so.cache r,          (base already grants it)
// Good:  include <abstractions/base>
// Fix:   remove the rule.
#include <fmt/format.h>

#include <map>

#include "path_findings.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"redundant-rule", Category::Hygiene, Severity::Info, true,
                     "a rule whose every permission is already granted by another rule or an included abstraction",
                     "It adds nothing and hides what the profile really grants.",
                     "include <abstractions/base>\n/etc/ld.so.cache r,", "include <abstractions/base>",
                     "Remove the rule."};

// The permission letters a rule grants, one bit each in the order of the letters' names (the first
// letter found elsewhere names the rule that grants it), and its exec mode.
constexpr unsigned kAppend = 1, kLock = 2, kLink = 4, kMmap = 8, kRead = 16, kWrite = 32, kExec = 64;
struct Letters {
  unsigned bits = 0;
  std::string exec;  // the exec mode's spelling

  explicit Letters(const FileAccess& rule) {
    const ir::FilePermissions& p = rule.perms;
    bits = (p.append || p.write ? kAppend : 0) | (p.lock ? kLock : 0) | (p.link ? kLink : 0) | (p.mmap ? kMmap : 0) |
           (p.read ? kRead : 0) | (p.write ? kWrite : 0) | (p.exec ? kExec : 0);
    if (p.exec) exec = p.exec->spelling();
  }
  bool grants(unsigned letter, const std::string& execMode) const {
    return (bits & letter) && (letter != kExec || exec == execMode);
  }
};

class RedundantRule : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    forEachFileAutomaton(context, [&](const ir::ProfileInstance& profile, const FileAutomaton& automaton) {
      const auto& rules = automaton.rules();
      std::vector<Letters> letters;
      for (const FileAccess& rule : rules) letters.emplace_back(rule);
      std::vector<bool> reached(rules.size(), false), needed(rules.size(), false);
      std::map<std::size_t, std::size_t> coveredBy;
      for (const FileAutomaton::Site& m : automaton.sites()) {
        for (std::size_t r : m.rules) {
          const FileAccess& rule = rules[r];
          if (rule.deny() || needed[r] || rule.audit() || rule.rule->execTarget) continue;
          reached[r] = true;
          for (unsigned letter = 1; letter <= kExec; letter <<= 1) {
            if (!(letters[r].bits & letter)) continue;
            bool elsewhere = false;
            for (std::size_t o : m.rules) {
              const FileAccess& other = rules[o];
              if (o == r || other.deny() || !letters[o].grants(letter, letters[r].exec)) continue;
              // The other rule must apply to every file this one does.
              if (other.ownerOnly() && !rule.ownerOnly()) continue;
              if (other.placed->qualifiers.other && !rule.placed->qualifiers.other) continue;
              elsewhere = true;
              if (!coveredBy.count(r)) coveredBy[r] = o;
              break;
            }
            if (!elsewhere) needed[r] = true;
          }
        }
      }
      for (std::size_t r = 0; r < rules.size(); ++r) {
        if (!reached[r] || needed[r] || !coveredBy.count(r)) continue;
        const FileAccess& other = rules[coveredBy[r]];
        context.report(kInfo, *rules[r].placed, profile,
                       fmt::format("'{}' adds nothing: its paths and permissions are already granted (for example by "
                                   "'{}', {})",
                                   ruleText(*rules[r].placed), ruleText(*other.placed), location(*other.placed, context.policy())));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeRedundantRule() { return std::make_unique<RedundantRule>(); }

}  // namespace aalint::lint

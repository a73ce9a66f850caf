// non-enforcing-mode: profiles that do not enforce
//
// `flags=(complain)` only logs, `unconfined` and `default_allow` allow what is not denied, and
// `prompt` asks a user-space agent. Fine while developing a profile; a shipped or deployed profile
// in one of these modes protects nothing, often without anyone noticing.
//
// Bad:   profile foo flags=(complain) { ... }
// Good:  profile foo { ... }
// Fix:   remove the flag once the profile is complete (use aa-logprof to add what complain mode
//        logged).
#include <fmt/format.h>

#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"non-enforcing-mode", Category::Security, Severity::Warning, true,
                     "a profile in complain, unconfined, default_allow or prompt mode",
                     "A profile that does not enforce protects nothing; the mode is easy to forget after development.",
                     "profile foo flags=(complain) { ... }", "profile foo { ... }",
                     "Remove the flag once the profile is complete."};

class NonEnforcingMode : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    static const std::vector<std::pair<std::string, std::string>> modes = {
        {"complain", "only logs what it would deny"},
        {"unconfined", "does not confine at all"},
        {"default_allow", "allows everything not explicitly denied"},
        {"prompt", "defers decisions to a user-space agent"}};
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ir::Condition& c : profile.declaration->conditions) {
        if (c.name.text != "flags") continue;
        for (const ir::Word& flag : c.values)
          for (const auto& [mode, effect] : modes)
            if (flag.text == mode)
              context.report(kInfo, flag.range, profile.chain, &profile,
                             fmt::format("profile '{}' is in {} mode: it {}; remove the flag when the profile is "
                                         "complete",
                                         profile.name, mode, effect));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeNonEnforcingMode() { return std::make_unique<NonEnforcingMode>(); }

}  // namespace aalint::lint

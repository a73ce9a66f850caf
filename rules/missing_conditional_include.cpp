// missing-conditional-include: `include if exists` of a file found nowhere (info, off by default)
//
// `include if exists <local/foo>` is silent when the file is missing: right for local overrides
// that may or may not be there, wrong for a misspelled abstraction, which then quietly grants
// nothing. Enable this rule to list the optional includes that resolve to nothing on the search
// path.
//
// Bad:   include if exists <abstractions/nameservise>
// Good:  include <abstractions/nameservice>
// Fix:   fix the name, or drop 'if exists' when the file must be there.
#include <fmt/format.h>

#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"missing-conditional-include", Category::Hygiene, Severity::Info, false,
                     "'include if exists' whose target exists nowhere on the search path",
                     "A misspelled optional include is silent and grants nothing.",
                     "include if exists <abstractions/nameservise>", "include <abstractions/nameservice>",
                     "Fix the name, or drop 'if exists' when the file must be there."};

class MissingConditionalInclude : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    for (const ir::IncludeUse& use : context.policy().missingOptionalIncludes) {
      const ir::Include& include = *use.include;
      context.report(kInfo, include.range, use.chain, nullptr,
                     fmt::format("'include if exists {}' finds no file on the search path, so it includes nothing",
                                 include.searched ? "<" + include.target + ">" : "\"" + include.target + "\""));
    }
  }
};

}  // namespace

std::unique_ptr<LintRule> makeMissingConditionalInclude() { return std::make_unique<MissingConditionalInclude>(); }

}  // namespace aalint::lint

// pound-include: `#include` where `include` is meant
//
// `#include <file>` is the old spelling of an include directive. It still works, but it reads as a
// comment to people and to tools that strip comments, and apparmor_parser warns about it.
//
// Bad:   #include <abstractions/base>
// Good:  include <abstractions/base>
// Fix:   drop the '#'. Use 'include if exists <file>' for optional files.
#include <fmt/format.h>

#include "lint_rule.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{
    "pound-include", Category::Hygiene, Severity::Warning, true,
    "'#include' is the old spelling of 'include'",
    "'#include' looks like a comment to readers and to tools that strip comments; apparmor_parser warns about it.",
    "#include <abstractions/base>", "include <abstractions/base>", "Drop the '#'."};

class PoundInclude : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    for (const auto& profile : context.policy().profiles) visit(*profile, context);
    // Includes of the preamble are not in any profile.
    for (const ir::IncludeUse& use : context.policy().preambleIncludes) report(use, nullptr, context);
  }

private:
  void visit(const ir::ProfileInstance& profile, LintContext& context) {
    for (const ir::IncludeUse& use : profile.includes) report(use, &profile, context);
    for (const auto& child : profile.children) visit(*child, context);
  }
  void report(const ir::IncludeUse& use, const ir::ProfileInstance* profile, LintContext& context) {
    const ir::Include& include = *use.include;
    if (!include.pound) return;
    std::string target = include.searched ? "<" + include.target + ">" : "\"" + include.target + "\"";
    context.report(kInfo, include.range, use.chain, profile,
                   fmt::format("'#include' is the old spelling of an include; write 'include {}'{}", target,
                               include.ifExists ? " (keeping 'if exists')" : ""));
  }
};

}  // namespace

std::unique_ptr<LintRule> makePoundInclude() { return std::make_unique<PoundInclude>(); }

}  // namespace aalint::lint

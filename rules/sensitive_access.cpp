#include "sensitive_access.h"

#include <fmt/format.h>

#include <set>

namespace aalint::lint {

void SensitiveAccess::check(LintContext& context) {
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
      bool exact = rule.glob() == path;
      context.report(info_, *rule.placed, profile,
                     exact ? fmt::format("'{}' {} {}", ruleText(*rule.placed),
                                         access_ == Access::Read ? "reads" : "writes", probe->what)
                           : fmt::format("'{}' {} {}: it matches '{}'", ruleText(*rule.placed),
                                         access_ == Access::Read ? "reads" : "writes", probe->what, path));
    }
  });
}

}  // namespace aalint::lint

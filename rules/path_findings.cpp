#include "path_findings.h"

namespace aalint::lint {

void forEachFileAutomaton(LintContext& context,
                          const std::function<void(const ir::ProfileInstance&, const FileAutomaton&)>& visit) {
  ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
    if (const FileAutomaton* automaton = context.fileAutomaton(profile)) visit(profile, *automaton);
  });
}

void forEachFileState(LintContext& context,
                      const std::function<void(const ir::ProfileInstance&, const StateView&)>& visit) {
  forEachFileAutomaton(context, [&](const ir::ProfileInstance& profile, const FileAutomaton& automaton) {
    for (const FileAutomaton::Site& site : automaton.sites())
      if (!site.rules.empty()) visit(profile, StateView{site, automaton});
  });
}

std::vector<std::size_t> effectiveGrants(const FileAutomaton& automaton, const FileAutomaton::Ids& matching,
                                         Access access) {
  std::vector<std::size_t> result;
  for (std::size_t id : matching) {
    const FileAccess& rule = automaton.rules()[id];
    if (!rule.deny() && grants(rule, access) && !deniedAmong(automaton, matching, rule, access)) result.push_back(id);
  }
  return result;
}

}  // namespace aalint::lint

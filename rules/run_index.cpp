#include <fmt/format.h>

#include <algorithm>

#include "engine/glob_set.h"
#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

RunIndex buildRunIndex(const std::vector<const ir::Policy*>& policies) {
  RunIndex index;
  for (const ir::Policy* policy : policies) {
    ir::forEachProfile(*policy, [&](const ir::ProfileInstance& p) { index.profileNames.push_back(p.name); });
    for (const auto& profile : policy->profiles) {
      const ir::Profile& declaration = *profile->declaration;
      const ir::Word* attachment = declaration.attachment ? &*declaration.attachment : nullptr;
      if (!attachment && !declaration.name.text.empty() && declaration.name.text[0] == '/') attachment = &declaration.name;
      if (!attachment) continue;
      index.attachmentsIn[declaration.range.file].push_back(index.attachments.size());
      index.attachments.push_back({profile.get(), policy->variables.expand(attachment->text).text});
    }
  }
  std::sort(index.profileNames.begin(), index.profileNames.end());
  if (index.attachments.size() < 2) return index;
  std::vector<std::string> globs;
  for (const auto& a : index.attachments) globs.push_back(a.glob);
  engine::GlobSetOptions whereTwoMeet;  // only states where two attachments match are asked about
  whereTwoMeet.onlyWhereGlobsMeet = true;
  engine::GlobSet set = engine::GlobSet::compile(globs, whereTwoMeet);
  if (!set.ok()) return index;
  const engine::Dfa& dfa = set.dfa();
  engine::Dfa::ShortestPaths paths = dfa.shortestPaths();
  for (std::uint32_t state : paths.order()) {
    const auto& accepts = dfa.accepts(state);
    if (accepts.size() < 2) continue;
    for (std::uint32_t a : accepts)
      if (!index.overlaps.count(a))
        index.overlaps[a] = {accepts[0] == a ? accepts[1] : accepts[0], printable(paths.to(state))};
  }
  return index;
}

}  // namespace aalint::lint

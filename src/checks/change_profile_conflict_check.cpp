#include "checks/change_profile_conflict_check.h"

#include <map>

#include <fmt/format.h>

#include "checks/class_rule.h"
#include "support/source_file.h"

namespace aalint::checks {

void ChangeProfileConflictCheck::run(const ir::Policy& policy, CheckContext& context) {
  forEachProfile(policy, [&](const ir::ProfileInstance& profile) {
    std::map<std::string, std::pair<bool, const ir::PlacedRule*>> byExec;  // exec -> (unsafe, first rule)
    for (const ir::PlacedRule& placed : profile.rules) {
      if (placed.rule->ruleKind != ir::RuleKind::ChangeProfile || placed.rule->malformed || placed.qualifiers.deny)
        continue;
      ClassRuleParts parts = splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {});
      std::size_t i = 0;
      bool unsafe = false;
      if (!parts.words.empty() && (parts.words[0]->text == "safe" || parts.words[0]->text == "unsafe")) {
        unsafe = parts.words[0]->text == "unsafe";
        i = 1;
      }
      if (i >= parts.words.size()) continue;
      std::string exec = policy.variables.expand(parts.words[i]->text).text;
      std::string target = parts.arrowTarget ? policy.variables.expand(parts.arrowTarget->text).text : "";
      auto [it, first] = byExec.emplace(exec + '\0' + target, std::make_pair(unsafe, &placed));
      if (first || it->second.first == unsafe) continue;
      const SourceRange& other = it->second.second->rule->range;
      context.error("change-profile-conflict", placed.rule->range, *placed.chain, &profile,
                    fmt::format("change_profile for '{}' is {} here but {} at {}:{}; give both rules the same mode",
                                exec, unsafe ? "unsafe" : "safe", unsafe ? "safe" : "unsafe",
                                other.file ? other.file->path() : "", other.line));
    }
  });
}

}  // namespace aalint::checks

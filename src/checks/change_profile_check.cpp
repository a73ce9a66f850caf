#include "checks/change_profile_check.h"

#include <cctype>

#include <fmt/format.h>

#include "ir/rlimit_value.h"
#include "ir/vocabulary.h"

namespace aalint::checks {

using namespace aalint::ir;

const ClassSpec& ChangeProfileRuleCheck::spec() const {
  static const ClassSpec spec{"change_profile", {}, {}, true};
  return spec;
}

void ChangeProfileRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  std::size_t i = 0;
  const ir::Word* safety = nullptr;
  if (i < parts.words.size() && !parts.words[i]->quoted &&
      (parts.words[i]->text == "safe" || parts.words[i]->text == "unsafe"))
    safety = parts.words[i++];
  const ir::Word* exec = i < parts.words.size() ? parts.words[i++] : nullptr;
  if (safety && !exec)
    site.error(safety->range, "change-profile-invalid",
               fmt::format("'{}' qualifies the program run by change_profile; name it: change_profile {} /path/to/exec "
                           "-> profile",
                           safety->text, safety->text));
  for (; i < parts.words.size(); ++i)
    site.error(parts.words[i]->range, "change-profile-invalid",
               fmt::format("unexpected '{}': change_profile takes one exec path, then '-> profile'", parts.words[i]->text));
  for (const ir::Word* w : parts.wordsAfterArrow)
    site.error(w->range, "change-profile-invalid",
               fmt::format("unexpected '{}': change_profile has one target profile", w->text));
  if (exec && (exec->text.empty() || (exec->text[0] != '/' && exec->text.rfind("@{", 0) != 0)))
    site.error(exec->range, "change-profile-invalid",
               fmt::format("the program change_profile applies to is an absolute path, not '{}'", exec->text));
  else if (exec)
    site.checkGlob(*exec);
  if (parts.arrowTarget) site.checkGlob(*parts.arrowTarget);
}

const ClassSpec& PivotRootRuleCheck::spec() const {
  static const ClassSpec spec{"pivot_root", {}, {{"oldroot", {}}}, true, false, true};
  return spec;
}

void PivotRootRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  for (std::size_t i = 1; i < parts.words.size(); ++i)
    site.error(parts.words[i]->range, "pivot-root-invalid",
               fmt::format("unexpected '{}': pivot_root takes one new root, then '-> profile'", parts.words[i]->text));
  for (const ir::Word* w : parts.wordsAfterArrow)
    site.error(w->range, "pivot-root-invalid", fmt::format("unexpected '{}': pivot_root has one target profile", w->text));
  // The new root and the old one are patterns.
  if (!parts.words.empty()) site.checkGlob(*parts.words.front());
  for (const ir::Condition* c : parts.conditions)
    for (const ir::Word& v : c->values) site.checkGlob(v, " in oldroot=");
}

const ClassSpec& RlimitRuleCheck::spec() const {
  static const ClassSpec spec{"rlimit", {}, {}, true};
  return spec;
}

void RlimitRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  auto error = [&](const SourceRange& range, const std::string& message) { site.error(range, "rlimit-invalid", message); };
  if (parts.words.empty()) {
    error(site.placed.rule->range, "set rlimit needs a resource and a limit: set rlimit NAME <= VALUE,");
    return;
  }
  const ir::Word& resource = *parts.words[0];
  if (!contains(rlimitNames(), resource.text)) {
    error(resource.range, unknownWordMessage("rlimit resource", resource.text, rlimitNames()));
    return;
  }
  if (!parts.lessEqual || parts.words.size() < 2) {
    error(resource.range, fmt::format("set rlimit {} needs '<= VALUE'", resource.text));
    return;
  }
  std::string value = parts.words[1]->text;
  // "12 weeks": a number and its unit as two words.
  if (parts.words.size() == 3) {
    const ir::Word& unit = *parts.words[2];
    if (unit.text.empty() || !std::isalpha(static_cast<unsigned char>(unit.text[0]))) {
      error(unit.range, fmt::format("'{}' after the limit is not a unit; a limit is one value, as in "
                                    "'set rlimit {} <= {}'",
                                    unit.text, resource.text, parts.words[1]->text));
      return;
    }
    value += unit.text;
  }
  if (parts.words.size() > 3) error(parts.words[3]->range, "unexpected word after the limit");
  ir::RlimitValue parsed = ir::parseRlimitValue(resource.text, value);
  if (!parsed.problem.empty()) error(parts.words[1]->range, parsed.problem);
}

}  // namespace aalint::checks

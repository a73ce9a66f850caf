#include "ir/class_rule_parts.h"

#include <algorithm>

namespace aalint::ir {

ClassRuleParts splitClassRule(const ClassRule& rule, const std::vector<std::string>& accessWords) {
  ClassRuleParts parts;
  bool afterArrow = false;
  bool accessesDone = false;
  for (std::size_t i = 0; i < rule.arguments.size(); ++i) {
    const Argument& a = rule.arguments[i];
    switch (a.kind) {
      case Argument::Kind::List:
        if (!accessesDone && parts.accesses.empty() && parts.words.empty() && parts.conditions.empty()) {
          parts.accesses = a.list;
          accessesDone = true;
        } else {
          for (const auto& w : a.list) (afterArrow ? parts.wordsAfterArrow : parts.words).push_back(&w);
        }
        break;
      case Argument::Kind::Word:
        if (afterArrow) {
          if (!parts.arrowTarget) parts.arrowTarget = a.word;
          else parts.wordsAfterArrow.push_back(&a.word);
        } else if (!accessesDone && parts.words.empty() && parts.conditions.empty() && !a.word.quoted &&
                   std::find(accessWords.begin(), accessWords.end(), a.word.text) != accessWords.end()) {
          parts.accesses.push_back(a.word);
        } else {
          accessesDone = true;
          parts.words.push_back(&a.word);
        }
        break;
      case Argument::Kind::Condition:
        accessesDone = true;
        parts.conditions.push_back(&a.condition);
        if (afterArrow) parts.conditionsAfterArrow.push_back(&a.condition);
        break;
      case Argument::Kind::Arrow:
        afterArrow = true;
        parts.arrow = &a;
        break;
      case Argument::Kind::LessEqual: parts.lessEqual = &a; break;
    }
  }
  return parts;
}

const Condition* findCondition(const ClassRuleParts& parts, const std::string& name) {
  for (const Condition* c : parts.conditions)
    if (c->name.text == name) return c;
  return nullptr;
}

}  // namespace aalint::ir

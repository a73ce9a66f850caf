// The parts of a class rule (network, dbus, signal, ...): its accesses, bare words, conditions and
// "-> target", as the rule wrote them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace aalint::ir {

struct ClassRuleParts {
  std::vector<Word> accesses;                // "send" or "(send, receive)"
  std::vector<const Word*> words;            // other bare words, in order
  std::vector<const Condition*> conditions;  // name=value, name=(...)
  std::vector<const Condition*> conditionsAfterArrow;  // those of `conditions` written after "->"
  const Argument* arrow = nullptr;           // "->"
  std::optional<Word> arrowTarget;           // "-> target"
  std::vector<const Word*> wordsAfterArrow;
  const Argument* lessEqual = nullptr;       // "<=" (rlimit)
};

// Splits a class rule into its parts; `accessWords` decides which leading words are accesses.
ClassRuleParts splitClassRule(const ClassRule& rule, const std::vector<std::string>& accessWords);
// The first condition of that name, or nullptr.
const Condition* findCondition(const ClassRuleParts& parts, const std::string& name);

}  // namespace aalint::ir

// The parts of a class rule (network, dbus, signal, ...) and the checks every class shares:
// accesses from its vocabulary, known and non-repeated conditions, no stray words.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checks/check.h"
#include "ir/class_rule_parts.h"

namespace aalint::checks {

using ir::ClassRuleParts;
using ir::splitClassRule;

struct ConditionSpec {
  bool repeatable = false;
  bool list = false;                  // may take "(a b)"
  std::vector<std::string> nested;    // for name=(k=v ...): the allowed inner names
};

struct ClassSpec {
  const char* what;  // "D-Bus", used in messages
  std::vector<std::string> accesses;
  std::map<std::string, ConditionSpec> conditions;
  bool takesWords = false;  // bare words after the accesses (domains, paths, names)
  bool globValues = false;  // condition values are AppArmor globs, checked for syntax
  bool conditionsFirst = false;  // conditions before the words (mount options=ro /dev/x -> /mnt)
};

class ClassRuleCheck : public Check {
public:
  void run(const ir::Policy& policy, CheckContext& context) final;

protected:
  struct Site {
    const ir::PlacedRule& placed;
    const ir::ProfileInstance& profile;
    CheckContext& context;
    const ir::Policy& policy;
    // A word of the rule with its variables expanded.
    std::string expanded(const ir::Word& word) const { return policy.variables.expand(word.text).text; }
    void error(const SourceRange& range, const std::string& code, std::string message) const {
      context.error(code, range, *placed.chain, &profile, std::move(message));
    }
    // Reports a word that, its variables expanded, is not a valid AppArmor glob (glob-invalid);
    // `where` ends the pattern's description, as in " in path=".
    void checkGlob(const ir::Word& word, const std::string& where = "") const;
  };

  virtual ir::RuleKind kind() const = 0;
  virtual const ClassSpec& spec() const = 0;
  // Class-specific checks, after the shared ones.
  virtual void checkRule(const ir::ClassRule& rule, const ClassRuleParts& parts, const Site& site) = 0;

  // The canonical accesses ("r" -> "receive" for D-Bus...) given by the rule; empty means all.
  static std::set<std::string> accessSet(const ClassRuleParts& parts, const std::map<std::string, std::vector<std::string>>& aliases);
};


}  // namespace aalint::checks

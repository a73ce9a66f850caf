// The elaborated policy of one compilation (a file named on the command line): includes expanded,
// conditionals decided, qualifiers of enclosing blocks applied, variables substituted. Checks,
// lint rules and the compiler work on this view; its nodes point back into the ir::File trees.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "frontend/variables.h"
#include "ir/ir.h"

namespace aalint::ir {

// A rule as it applies inside one profile.
struct PlacedRule {
  const Rule* rule = nullptr;
  EffectiveQualifiers qualifiers;  // the rule's own and those of enclosing qualifier blocks
  const IncludeChain* chain = nullptr;  // how its file was reached from the main file (Policy::placedChains)
  // File and link rules: the path (and the link or exec target) with variables expanded: the rule's
  // own text when it has none, else held in a string pool (every profile that includes an
  // abstraction expands its rules alike).
  const std::string* expandedPath = &kNoText;
  const std::string* expandedTarget = &kNoText;

  const std::string& path() const { return *expandedPath; }
  const std::string& target() const { return *expandedTarget; }
  inline static const std::string kNoText;
};

// An include directive as met during elaboration, with how its file was reached.
struct IncludeUse {
  const Include* include = nullptr;
  IncludeChain chain;
};

struct ProfileInstance {
  const Profile* declaration = nullptr;
  std::string name;  // full name: "parent//child" for children and hats
  bool hat = false;
  IncludeChain chain;
  ProfileInstance* parent = nullptr;
  std::vector<PlacedRule> rules;
  std::vector<std::unique_ptr<ProfileInstance>> children;  // child profiles and hats
  std::vector<IncludeUse> includes;  // include directives met in its body (and in what they include)
};

struct Policy {
  const SourceFile* mainFile = nullptr;
  std::vector<std::unique_ptr<ProfileInstance>> profiles;
  VariableTable variables;
  std::vector<const Abi*> abis;
  std::vector<const Alias*> aliases;
  std::vector<IncludeUse> preambleIncludes;  // include directives outside any profile
  std::vector<IncludeUse> missingOptionalIncludes;  // "include if exists" whose target was not found
  std::vector<const VariableAssignment*> assignments;  // every variable assignment met, in order
  std::vector<const SourceFile*> files;  // every file read for this compilation, main file first
  // The include chains of placed rules, each kept once for the rules of one inclusion of a file.
  std::deque<IncludeChain> placedChains;
  // The expanded paths of the placed rules, when the run shares no pool of them.
  std::deque<std::string> ownStrings;
};

// Calls `visit` for every profile of the policy, children and hats included.
template <typename Visit>
void forEachProfile(const Policy& policy, Visit&& visit) {
  std::vector<const ProfileInstance*> stack;
  for (auto it = policy.profiles.rbegin(); it != policy.profiles.rend(); ++it) stack.push_back(it->get());
  while (!stack.empty()) {
    const ProfileInstance* profile = stack.back();
    stack.pop_back();
    visit(*profile);
    for (auto it = profile->children.rbegin(); it != profile->children.rend(); ++it) stack.push_back(it->get());
  }
}

}  // namespace aalint::ir

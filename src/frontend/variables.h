// Set variables (@{NAME}) and booleans ($NAME): definition, and expansion into AppArmor globs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/ir.h"

namespace aalint {

class VariableTable {
public:
  struct Variable {
    // The words of the assignments that define it, in the files' IR (which outlives the policy):
    // every profile that includes the tunables defines the same variables again.
    std::vector<const ir::Word*> values;
    SourceRange definedAt;
  };

  // Returns an error message when the assignment is not allowed (redefinition, += before =).
  std::optional<std::string> assign(const ir::VariableAssignment& assignment);
  const Variable* find(const std::string& name) const;
  // @{profile_name}, @{attach_path} and @{exec_path} have a value in each profile unless the
  // policy defines them itself.
  // A profile without an attachment (a hat, a child named only) has no @{attach_path}.
  void setProfileContext(const std::string& profileName, const std::optional<std::string>& attachPath);
  bool isImplicit(const std::string& name) const;

  std::optional<std::string> assignBoolean(const ir::BooleanAssignment& assignment);
  // nullopt: not defined.
  std::optional<bool> boolean(const std::string& name) const;

  struct Expansion {
    std::string text;  // the glob with every variable replaced
    std::vector<std::string> errors;  // an undefined or recursive variable, each once
    std::optional<std::string> tooLarge;  // the expansion limit was reached: what to say
    bool namesProfile = false;  // it took @{profile_name}, @{attach_path} or @{exec_path} from the profile
  };
  // The values of the variables a profile's rules use, each worked out once (a profile of the
  // system's abstractions uses @{HOME} and @{PROC} hundreds of times). Valid while the table and
  // its profile context are unchanged; one per thread.
  class ValuesMemo {
    friend class VariableTable;
    struct Values {
      std::vector<std::string> values;
      std::vector<std::string> errors;
      bool namesProfile = false;
    };
    std::unordered_map<std::string, Values> byName_;
  };

  // Replaces every @{NAME} in `text`; several values become an alternation "{a,b}".
  Expansion expand(const std::string& text, ValuesMemo* memo = nullptr) const;
  // The same into `into`, whose storage is reused.
  void expand(const std::string& text, ValuesMemo* memo, Expansion& into) const;

  const std::map<std::string, Variable>& variables() const { return variables_; }
  // The words that define every variable, as bytes: tables with equal definitions expand every text
  // alike, but for the profile's own variables (Expansion::namesProfile).
  std::string definitions() const;

private:
  std::vector<std::string> valuesOf(const std::string& name, std::vector<std::string>& stack,
                                    std::vector<std::string>& errors) const;
  // valuesOf() for a variable used directly in a rule (no other variable being expanded).
  const std::vector<std::string>& memoizedValues(const std::string& name, std::vector<std::string>& errors,
                                                 ValuesMemo& memo) const;
  std::vector<std::string> expandAll(const std::string& text, std::vector<std::string>& stack,
                                     std::vector<std::string>& errors) const;

  std::map<std::string, Variable> variables_;
  std::map<std::string, bool> booleans_;
  std::map<std::string, std::string> implicit_;
  mutable bool profileNamed_ = false;  // by the expansion under way (a table is used by one thread)
};

// "@{name}", "@name", "${name}" or "$name" -> "name".
std::string variableName(const std::string& written);

// Finds "@{name}" references in text: (offset, length, name).
struct VariableReference {
  std::size_t offset;
  std::size_t length;
  std::string name;
};
std::vector<VariableReference> findVariableReferences(const std::string& text);

}  // namespace aalint

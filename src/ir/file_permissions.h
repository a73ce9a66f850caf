// File rule permissions ("rw", "mrix", "Px", ...) as AppArmor reads them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aalint::ir {

// How an exec permission runs the new program.
struct ExecMode {
  enum class Transition { Inherit, Unconfined, Profile, Child };
  enum class Fallback { None, Inherit, Unconfined };  // pix, pux: when no profile is found
  Transition transition = Transition::Inherit;
  Fallback fallback = Fallback::None;
  bool unsafe = false;  // lower-case p, c, u: the environment is not scrubbed
  std::string target;   // "-> target", after variable expansion

  bool operator==(const ExecMode& o) const {
    return transition == o.transition && fallback == o.fallback && unsafe == o.unsafe && target == o.target;
  }
  bool operator!=(const ExecMode& o) const { return !(*this == o); }
  // As it would be written: "Px", "cix -> child".
  std::string spelling() const;
};

struct PermissionProblem {
  std::size_t offset = 0;  // in the permission string
  std::size_t length = 1;
  std::string message;
};

struct FilePermissions {
  bool read = false, write = false, append = false, link = false, lock = false, mmap = false;
  bool bareExec = false;  // "x" with no transition: valid only in deny rules
  std::optional<ExecMode> exec;
  std::vector<PermissionProblem> problems;  // letters that are not permissions, repeats, conflicts
};

// Parses a permission string. `deny` and the rule's qualifiers decide what is valid.
FilePermissions parseFilePermissions(const std::string& text);

}  // namespace aalint::ir

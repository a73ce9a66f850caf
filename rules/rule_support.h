// What several lint rules need: file rules with their permissions parsed, class rules split into
// parts, and text helpers for messages.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "ir/class_rule_parts.h"
#include "ir/file_permissions.h"
#include "ir/policy.h"
#include "support/thread_cache.h"

namespace aalint::lint {

// A file rule of a profile as lint rules see it: expanded glob, parsed permissions, qualifiers.
struct FileAccess {
  const ir::PlacedRule* placed = nullptr;
  const ir::FileRule* rule = nullptr;
  ir::FilePermissions perms;

  const std::string& glob() const { return placed->path(); }  // variables expanded

  bool deny() const { return placed->qualifiers.deny; }
  bool audit() const { return placed->qualifiers.audit; }
  bool ownerOnly() const { return placed->qualifiers.owner; }
  bool writes() const { return perms.write || perms.append; }
  bool executes() const { return perms.exec.has_value() || perms.bareExec; }
  // Whether two rules can apply to the same file: owner-only and other-only rules never meet.
  bool sharesHalfWith(const FileAccess& other) const;
};

// The well-formed file rules of a profile (rules with permission errors are left to the checks).
std::vector<FileAccess> fileAccesses(const ir::ProfileInstance& profile);

// Class rules of one kind, well formed, with their parts.
struct ClassAccess {
  const ir::PlacedRule* placed = nullptr;
  const ir::ClassRule* rule = nullptr;
  ir::ClassRuleParts parts;
};
std::vector<ClassAccess> classRules(const ir::ProfileInstance& profile, ir::RuleKind kind,
                                    const std::vector<std::string>& accessWords);

// The label of peer= (or of peer=(label=...)); "" when the peer is restricted otherwise
// (peer=(addr=...)); nullopt without peer=.
std::optional<std::string> peerLabel(const ir::ClassRuleParts& parts);
// Whether the rule grants one of `wanted` (a rule without accesses grants them all).
bool grantsAccess(const ir::ClassRuleParts& parts, std::initializer_list<const char*> wanted);
// Vocabularies of accesses, for splitting class rules.
const std::vector<std::string>& socketAccesses();

// A rule's text as the user wrote it, for messages: "/tmp/** rw".
std::string ruleText(const ir::PlacedRule& placed);
// Non-printable bytes of a witness path escaped.
std::string printable(const std::string& path);
// Where a rule comes from, for messages about two rules: "line 12" or "abstractions/base:12".
std::string location(const ir::PlacedRule& placed, const ir::Policy& policy);

}  // namespace aalint::lint

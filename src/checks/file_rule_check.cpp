// File rules one at a time: the permission string and what it may be combined with.
#include <fmt/format.h>

#include "ir/file_permissions.h"
#include "checks/file_rule_check.h"
#include "engine/glob.h"

namespace aalint::checks {

using ir::ExecMode;
using ir::FilePermissions;
using ir::PermissionProblem;
using ir::parseFilePermissions;

static SourceRange subRange(const SourceRange& word, std::size_t offset, std::size_t length) {
  SourceRange r = word;
  r.column = word.column + static_cast<std::uint32_t>(offset);
  r.endLine = word.line;
  r.endColumn = r.column + static_cast<std::uint32_t>(length) - 1;
  return r;
}

// The path (and link target) of a file or link rule, after variable expansion, is a valid glob.
static void checkPaths(const ir::PlacedRule& placed, const ir::ProfileInstance& profile, CheckContext& context) {
  const ir::Word* path = nullptr;
  const ir::Word* target = nullptr;
  if (placed.rule->ruleKind == ir::RuleKind::File) {
    const auto& rule = static_cast<const ir::FileRule&>(*placed.rule);
    if (rule.path) path = &*rule.path;
  } else if (placed.rule->ruleKind == ir::RuleKind::Link) {
    const auto& rule = static_cast<const ir::LinkRule&>(*placed.rule);
    path = &rule.path;
    target = &rule.target;
  }
  auto check = [&](const ir::Word* word, const std::string& expanded) {
    if (!word) return;
    // An included rule comes back in every profile that includes its file; a main file's does not.
    const bool included = !placed.chain->empty();
    if (const auto error = engine::globError(expanded, engine::GlobMode::Default, included))
      context.error("glob-invalid", word->range, *placed.chain, &profile,
                    fmt::format("invalid pattern '{}': {}", word->text, error->message));
  };
  check(path, placed.path());
  check(target, placed.target());
  // apparmor_parser's lexer reads a quoted string in a rule's first place only as "/..." or "@{...}".
  if (path && path->quoted && path->text.rfind('/', 0) != 0 && path->text.rfind('@', 0) != 0)
    context.error("file-path-invalid", path->range, *placed.chain, &profile,
                  fmt::format("\"{}\" is not a path: a quoted path starts with '/' or a variable", path->text));
}

void FileRuleCheck::run(const ir::Policy& policy, CheckContext& context) {
  forEachProfile(policy, [&](const ir::ProfileInstance& profile) {
    for (const ir::PlacedRule& placed : profile.rules) {
      checkPaths(placed, profile, context);
      if (placed.rule->ruleKind != ir::RuleKind::File) continue;
      const auto& rule = static_cast<const ir::FileRule&>(*placed.rule);
      if (!rule.permissions) continue;
      if (!rule.path && rule.fileKeyword)
        context.error("file-rule-without-path", rule.permissions->range, *placed.chain, &profile,
                      fmt::format("'file {}' needs a path: write 'file {} /path,', or 'file,' for all files",
                                  rule.permissions->text, rule.permissions->text));
      auto error = [&](const SourceRange& range, const char* code, std::string message) {
        context.error(code, range, *placed.chain, &profile, std::move(message));
      };
      const ir::Word& word = *rule.permissions;
      FilePermissions perms = parseFilePermissions(word.text);
      for (const PermissionProblem& p : perms.problems)
        error(subRange(word.range, p.offset, p.length), "file-permission-invalid", p.message);
      const ir::EffectiveQualifiers& q = placed.qualifiers;
      if (perms.write && perms.append)
        error(word.range, "file-permission-conflict",
              "'w' and 'a' cannot be combined: 'w' already allows appending; keep one of them");
      if (q.deny && perms.exec)
        error(word.range, "deny-exec-mode",
              fmt::format("deny rules take plain 'x', not the exec mode '{}': the denied program is not run at all",
                          perms.exec->spelling()));
      if (!q.deny && perms.bareExec)
        error(word.range, "exec-mode-missing",
              "'x' needs an exec mode saying how the program runs: ix (inherit), px/Px (its profile), "
              "cx/Cx (a child profile) or ux/Ux (unconfined); plain 'x' is for deny rules");
      if (perms.link && (perms.exec || perms.bareExec) && rule.execTarget && rule.permissionsFirst)
        error(word.range, "file-permission-conflict",
              "'-> target' cannot be both a link target and an exec target: split 'l' and the exec mode into two rules");
      if (rule.execTarget && !perms.exec && !perms.link)
        error(rule.execTarget->range, "exec-target-without-exec",
              fmt::format("'-> {}' names an exec or link target, but the rule has no exec mode such as px or cx, "
                          "and no 'l'",
                          rule.execTarget->text));
      if (rule.execTarget && perms.exec && perms.exec->transition == ExecMode::Transition::Inherit)
        error(rule.execTarget->range, "exec-target-without-exec",
              fmt::format("'ix' runs the program in the current profile and takes no target; remove '-> {}'",
                          rule.execTarget->text));
      if ((q.safe || q.unsafe) && !perms.exec)
        error(rule.range, "exec-safety-without-exec",
              fmt::format("'{}' qualifies exec modes, but the rule has none", q.safe ? "safe" : "unsafe"));
    }
  });
}

}  // namespace aalint::checks

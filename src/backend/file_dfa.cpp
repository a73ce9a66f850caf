#include "backend/file_dfa.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "backend/file_accept.h"
#include "engine/glob.h"
#include "ir/class_rule_parts.h"
#include "ir/file_permissions.h"

namespace aalint::backend {

namespace {

const std::string kAnyPath = "/{,**}";

// The path and, for each alias whose source begins it, the path with the alias's target instead:
// apparmor_parser applies "alias /usr/ -> /mnt/usr/," by adding such rules.
std::vector<std::string> withAliases(const std::string& path, const std::vector<const ir::Alias*>& aliases) {
  std::vector<std::string> paths{path};
  for (const ir::Alias* alias : aliases)
    if (path.compare(0, alias->from.text.size(), alias->from.text) == 0)
      paths.push_back(alias->to.text + path.substr(alias->from.text.size()));
  return paths;
}

static std::string topName(const ir::ProfileInstance& profile) {
  const ir::ProfileInstance* top = &profile;
  while (top->parent) top = top->parent;
  return top->name;
}

// change_profile [safe|unsafe] [EXEC] [-> TARGET]: the target may be changed to now or on exec
// (the default target is any profile); the program may be exec'ed under a changed profile (any
// program when none is named); and the pair EXEC NUL TARGET allows the change on exec (and grants
// exec itself when a program is named).
std::vector<std::pair<std::string, FileContribution>> changeProfileContributions(ProfileContext& context,
                                                                                const ir::PlacedRule& placed) {
  ir::ClassRuleParts parts = ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {});
  std::size_t i = 0;
  bool unsafe = false;
  if (i < parts.words.size() && !parts.words[i]->quoted &&
      (parts.words[i]->text == "safe" || parts.words[i]->text == "unsafe"))
    unsafe = parts.words[i++]->text == "unsafe";
  std::optional<std::string> target = context.globRegex(parts.arrowTarget ? parts.arrowTarget->text : "**", false);
  std::optional<std::string> exec = i < parts.words.size() ? context.globRegex(parts.words[i]->text, true)
                                                           : std::optional<std::string>("/[^/\\x00][^\\x00]*");
  if (!target || !exec) return {};
  FileContribution onTarget, onExec, pair;
  onTarget.deny = onExec.deny = pair.deny = placed.qualifiers.deny;
  onTarget.mode = filebits::ChangeProfile | filebits::OnExec;
  onExec.mode = filebits::OnExec;
  pair.mode = filebits::OnExec;
  if (i < parts.words.size()) {
    std::uint32_t execHalf = filebits::Exec | (unsafe ? filebits::Unsafe : 0);
    pair.mode |= execHalf | execHalf << filebits::OtherShift;
  }
  return {{*target, onTarget}, {*exec, onExec}, {*exec + "\\x00" + *target, pair}};
}

}  // namespace

std::string encodeFileDfa(ProfileContext& context, std::vector<std::string>& xtable) {
  const ir::ProfileInstance& profile = context.profile();
  // Rules that contribute the same share an accept id, so that the automaton builder can share
  // their common suffixes.
  std::vector<FileContribution> contributions;
  std::map<decltype(FileContribution{}.key()), std::uint32_t> ids;
  engine::DfaBuilder builder(kConstructionStates);
  auto addParsedRegex = [&](const std::string& regex, FileContribution c) {
    engine::RegexParse parsed = engine::parseRegex(regex, builder.tree());
    if (parsed.error) return false;
    c.exact = parsed.exact;
    auto [it, fresh] = ids.emplace(c.key(), static_cast<std::uint32_t>(contributions.size()));
    if (fresh) contributions.push_back(c);
    builder.add(parsed.root, it->second);
    return true;
  };
  auto addRegex = [&](const std::string& glob, const std::string& suffix, FileContribution c) {
    engine::GlobResult converted = engine::convertGlob(engine::filterSlashes(glob));
    return converted.converted && addParsedRegex(converted.converted->regex + suffix, c);
  };
  auto add = [&](const std::string& glob, FileContribution c) { return addRegex(glob, "", c); };
  bool changesProfile = false;
  for (const ir::PlacedRule& placed : profile.rules) {
    if (placed.rule->ruleKind == ir::RuleKind::ChangeProfile) {
      changesProfile = true;
      for (auto& [regex, c] : changeProfileContributions(context, placed)) addParsedRegex(regex, c);
      continue;
    }
    if (placed.rule->ruleKind == ir::RuleKind::Link) {
      // link [subset] A -> B: A with link, and the pair A NUL B with link (and, for subset, the
      // owner half's subset bit).
      bool owner = !placed.qualifiers.other, other = !placed.qualifiers.owner;
      FileContribution path, pair;
      path.deny = pair.deny = placed.qualifiers.deny;
      path.mode = (owner ? filebits::Link : 0) | (other ? filebits::Link << filebits::OtherShift : 0);
      bool subset = static_cast<const ir::LinkRule&>(*placed.rule).subset;
      pair.mode = (owner ? filebits::Link | (subset ? filebits::Lock : 0) : 0) |
                  (other ? filebits::Link << filebits::OtherShift : 0);
      if (pair.deny && !placed.qualifiers.audit) pair.quiet = path.mode;
      engine::GlobResult target = engine::convertGlob(engine::filterSlashes(placed.target()));
      if (!target.converted) continue;
      if (!path.deny) add(placed.path(), path);
      addRegex(placed.path(), "\\x00" + target.converted->regex, pair);
      continue;
    }
    if (placed.rule->ruleKind != ir::RuleKind::File) continue;
    const auto& rule = static_cast<const ir::FileRule&>(*placed.rule);
    // A bare "file," grants what "/{,**} rwmlkix," grants (checked against apparmor_parser 3.0.8).
    bool bare = !rule.path && !rule.permissions;
    if (!bare && (!rule.path || !rule.permissions)) {
      context.unsupported(placed.rule->range, "file rules without a path or without permissions");
      continue;
    }
    const std::vector<std::string> paths = withAliases(bare ? kAnyPath : placed.path(), context.policy().aliases);
    ir::FilePermissions perms = ir::parseFilePermissions(bare ? (placed.qualifiers.deny ? "rwmlk" : "rwmlkix")
                                                              : rule.permissions->text);
    // apparmor_parser 3.0.8 ignores "-> TARGET" on a rule without an exec mode ("/a l -> /b,"
    // grants what "/a l," grants): the link rule is the way to name a link target.
    std::uint32_t xindex = 0;
    bool unsafe = false;
    if (perms.exec) {
      using T = ir::ExecMode::Transition;
      unsafe = (perms.exec->unsafe || placed.qualifiers.unsafe) && !placed.qualifiers.safe;
      T t = perms.exec->transition;
      xindex = t == T::Unconfined ? 1 : t == T::Profile ? 2 : t == T::Child ? 3 : 0;
      if (rule.execTarget && t != T::Inherit) {
        // apparmor_parser 3.0.8 writes exec targets as written, variables unexpanded.
        std::string target = rule.execTarget->text;
        if (t == T::Child) target = topName(profile) + "//" + target;
        auto at = std::find(xtable.begin(), xtable.end(), target);
        if (at == xtable.end()) {
          if (xtable.size() >= 12) {
            context.unsupported(placed.rule->range, "more than 12 named exec targets in one profile");
            continue;
          }
          xtable.push_back(target);
          at = xtable.end() - 1;
        }
        xindex = 4 + static_cast<std::uint32_t>(at - xtable.begin());
      }
    }
    std::uint32_t half = halfMode(perms, unsafe, xindex);
    bool owner = !placed.qualifiers.other, other = !placed.qualifiers.owner;
    FileContribution c;
    c.deny = placed.qualifiers.deny;
    c.mode = (owner ? half : 0) | (other ? half << filebits::OtherShift : 0);
    std::uint32_t auditable = c.mode & (filebits::AuditableMask | filebits::AuditableMask << filebits::OtherShift);
    // A quiet deny is silenced; an audited deny is logged by default, so it sets no bit at all.
    // Link permission is never quieted (its deny is carried by the link pair).
    if (c.deny && !placed.qualifiers.audit) c.quiet = auditable & ~(filebits::Link | filebits::Link << filebits::OtherShift);
    if (!c.deny && placed.qualifiers.audit) c.audit = auditable;
    // A deny does not take link away from the path alone: both halves of the link pair must
    // match, and the pair below carries the denial.
    if (c.deny) c.mode &= ~(filebits::Link | filebits::Link << filebits::OtherShift);
    if (!c.deny || c.mode)
      for (const std::string& path : paths) add(path, c);
    if (perms.link) {
      // The link pair: path, NUL, link target (any path when none is named). An allow grants link
      // and, in the owner half, subset; a deny takes link away (and quiets it).
      std::uint32_t link = (owner ? filebits::Link : 0) | (other ? filebits::Link << filebits::OtherShift : 0);
      FileContribution pair;
      pair.deny = c.deny;
      pair.mode = link | (owner ? filebits::Lock : 0);
      if (c.deny && !placed.qualifiers.audit) pair.quiet = link;
      if (!c.deny && placed.qualifiers.audit) pair.audit = link;
      for (const std::string& path : paths) addRegex(path, "\\x00/[^/].*", pair);
    }
  }
  // What apparmor_parser adds so that a profile can see whether AppArmor is on and change its
  // own label: for change_profile, attr/current and attr/exec; for hats and profiles with
  // children, attr/current (owner half only).
  bool changesHat = !profile.children.empty() || profile.hat;
  if (changesProfile || changesHat) {
    FileContribution read, write;
    read.mode = filebits::Read;
    write.mode = filebits::Write;
    add("/proc/*/attr/apparmor/", read);
    add("/sys/module/apparmor/parameters/enabled", read);
    if (changesProfile) add("/proc/*/attr/{apparmor/,}{current,exec}", write);
    if (changesHat) add("/proc/[0-9]*/attr/{apparmor/,}current", write);
  }
  if (contributions.empty()) return {};
  return context.pack(builder, [&](const engine::Dfa& dfa, std::uint32_t state) {
    std::vector<const FileContribution*> here;
    for (std::uint32_t id : dfa.accepts(state)) here.push_back(&contributions[id]);
    FileAccept merged = mergeFileContributions(here);
    return std::make_pair(merged.accept, merged.accept2);
  });
}

}  // namespace aalint::backend

#include "rule_support.h"

#include <fmt/format.h>

#include "support/source_file.h"
#include "support/text.h"

namespace aalint::lint {

bool FileAccess::sharesHalfWith(const FileAccess& other) const {
  bool ownerA = !placed->qualifiers.other, otherA = !placed->qualifiers.owner;
  bool ownerB = !other.placed->qualifiers.other, otherB = !other.placed->qualifiers.owner;
  return (ownerA && ownerB) || (otherA && otherB);
}

std::vector<FileAccess> fileAccesses(const ir::ProfileInstance& profile) {
  std::vector<FileAccess> result;
  for (const ir::PlacedRule& placed : profile.rules) {
    if (placed.rule->ruleKind != ir::RuleKind::File || placed.rule->malformed) continue;
    const auto& rule = static_cast<const ir::FileRule&>(*placed.rule);
    if (!rule.path || !rule.permissions) continue;
    FileAccess access;
    access.placed = &placed;
    access.rule = &rule;
    access.perms = ir::parseFilePermissions(rule.permissions->text);
    if (!access.perms.problems.empty()) continue;
    result.push_back(std::move(access));
  }
  return result;
}

std::vector<ClassAccess> classRules(const ir::ProfileInstance& profile, ir::RuleKind kind,
                                    const std::vector<std::string>& accessWords) {
  std::vector<ClassAccess> result;
  for (const ir::PlacedRule& placed : profile.rules) {
    if (placed.rule->ruleKind != kind || placed.rule->malformed) continue;
    const auto& rule = static_cast<const ir::ClassRule&>(*placed.rule);
    result.push_back({&placed, &rule, ir::splitClassRule(rule, accessWords)});
  }
  return result;
}

std::optional<std::string> peerLabel(const ir::ClassRuleParts& parts) {
  const ir::Condition* peer = ir::findCondition(parts, "peer");
  if (!peer) return std::nullopt;
  if (!peer->values.empty()) return peer->values.front().text;
  for (const ir::Condition& n : peer->nested)
    if (n.name.text == "label" && !n.values.empty()) return n.values.front().text;
  return std::string();
}

bool grantsAccess(const ir::ClassRuleParts& parts, std::initializer_list<const char*> wanted) {
  if (parts.accesses.empty()) return true;
  for (const ir::Word& a : parts.accesses)
    for (const char* w : wanted)
      if (a.text == w) return true;
  return false;
}

const std::vector<std::string>& socketAccesses() {
  static const std::vector<std::string> accesses = {"create", "bind",    "listen", "accept", "connect", "shutdown",
                                                    "getattr", "setattr", "getopt", "setopt", "send",    "receive",
                                                    "r",       "w",       "rw",     "wr",     "read",    "write"};
  return accesses;
}

std::string ruleText(const ir::PlacedRule& placed) {
  const SourceRange& r = placed.rule->range;
  if (!r.file || r.line == 0) return "";
  std::string_view line = r.file->line(r.line);
  std::size_t begin = 0;
  for (std::uint32_t col = 1; begin < line.size() && col < r.column; ++begin)
    if ((static_cast<unsigned char>(line[begin]) & 0xC0) != 0x80) ++col;
  std::string text(line.substr(begin));
  if (r.endLine != r.line) return text + " ...";
  auto comma = text.rfind(',');
  if (comma != std::string::npos) text = text.substr(0, comma);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  return text;
}

std::string printable(const std::string& path) { return escapeNonPrintable(path); }

std::string location(const ir::PlacedRule& placed, const ir::Policy& policy) {
  const SourceRange& r = placed.rule->range;
  if (r.file == policy.mainFile) return fmt::format("line {}", r.line);
  return fmt::format("{}:{}", r.file ? r.file->path() : "", r.line);
}

}  // namespace aalint::lint

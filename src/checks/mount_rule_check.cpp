#include "checks/mount_rule_check.h"

#include <fmt/format.h>

#include "ir/vocabulary.h"

namespace aalint::checks {

using namespace aalint::ir;

namespace {

const std::vector<std::string>& mountOptions() {
  static const std::vector<std::string> options = {
      "ro", "r", "read-only", "rw", "w", "suid", "nosuid", "dev", "nodev", "exec", "noexec", "sync", "async",
      "remount", "mand", "nomand", "dirsync", "symfollow", "nosymfollow", "atime", "noatime", "diratime",
      "nodiratime", "bind", "B", "move", "M", "rbind", "R", "verbose", "silent", "loud", "acl", "noacl",
      "unbindable", "make-unbindable", "runbindable", "make-runbindable", "private", "make-private", "rprivate",
      "make-rprivate", "slave", "make-slave", "rslave", "make-rslave", "shared", "make-shared", "rshared",
      "make-rshared", "relatime", "norelatime", "iversion", "noiversion", "strictatime", "nostrictatime",
      "lazytime", "nolazytime", "user", "nouser"};
  return options;
}

std::string canonical(const std::string& option) {
  if (option == "r" || option == "read-only") return "ro";
  if (option == "w") return "rw";
  if (option.rfind("make-", 0) == 0) return option.substr(5);
  return option;
}

bool isPropagation(const std::string& option) {
  static const std::vector<std::string> p = {"unbindable", "runbindable", "private", "rprivate",
                                             "slave",      "rslave",      "shared",  "rshared"};
  return contains(p, canonical(option));
}

}  // namespace

const ClassSpec& MountRuleCheck::spec() const {
  static const ClassSpec spec{"mount",
                              {},
                              {{"fstype", {true, true, {}}}, {"vfstype", {true, true, {}}}, {"options", {true, true, {}}}},
                              true,
                              false,
                              true};
  return spec;
}

void MountRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  auto error = [&](const SourceRange& range, const std::string& message) { site.error(range, "mount-invalid", message); };
  static const std::vector<std::pair<std::string, std::string>> opposites = {
      {"ro", "rw"},           {"suid", "nosuid"},         {"dev", "nodev"},         {"exec", "noexec"},
      {"sync", "async"},      {"mand", "nomand"},         {"symfollow", "nosymfollow"}, {"atime", "noatime"},
      {"diratime", "nodiratime"}, {"acl", "noacl"},       {"relatime", "norelatime"}, {"iversion", "noiversion"},
      {"strictatime", "nostrictatime"}, {"lazytime", "nolazytime"}, {"user", "nouser"}};
  bool propagation = false, remount = false;
  for (const ir::Condition* c : parts.conditions) {
    if (c->name.text != "options") continue;
    std::vector<std::string> given;
    for (const ir::Word& w : c->values) {
      if (!contains(mountOptions(), w.text)) {
        error(w.range, unknownWordMessage("mount option", w.text, mountOptions()));
        continue;
      }
      given.push_back(canonical(w.text));
      propagation |= isPropagation(w.text);
      remount |= w.text == "remount";
      if (c->in) continue;  // "options in (...)": alternatives, not a combination
      for (const auto& [a, b] : opposites)
        if ((canonical(w.text) == b && contains(given, a)) || (canonical(w.text) == a && contains(given, b)))
          error(w.range, fmt::format("mount options '{}' and '{}' contradict each other", a, b));
    }
  }
  if (kind() == ir::RuleKind::Mount) {
    if (!parts.words.empty() && parts.arrowTarget && (propagation || remount))
      error(parts.words.front()->range,
            fmt::format("{} takes no source: write 'mount options=(...) -> /mountpoint'",
                        remount ? "a remount" : "a propagation change (private, shared, slave, unbindable)"));
    for (std::size_t i = 1; i < parts.words.size(); ++i)
      error(parts.words[i]->range, fmt::format("unexpected '{}': a mount rule has one source, then '-> mountpoint'",
                                               parts.words[i]->text));
  } else {
    for (std::size_t i = 1; i < parts.words.size(); ++i)
      error(parts.words[i]->range,
            fmt::format("unexpected '{}': a {} rule names one mount point", parts.words[i]->text,
                        ir::ruleKindKeyword(kind())));
    if (parts.arrowTarget)
      error(parts.arrowTarget->range, fmt::format("a {} rule takes no '->'", ir::ruleKindKeyword(kind())));
  }
  for (const ir::Word* w : parts.wordsAfterArrow)
    error(w->range, fmt::format("unexpected '{}': a mount rule has one mount point", w->text));
  for (const ir::Condition* c : parts.conditionsAfterArrow)
    error(c->name.range, fmt::format("'{}=' after '->' would apply to the mount point, which takes no conditions; "
                                     "put it before the source",
                                     c->name.text));
  // Sources, mount points and file system types are patterns.
  if (!parts.words.empty()) site.checkGlob(*parts.words.front());
  if (parts.arrowTarget) site.checkGlob(*parts.arrowTarget);
  for (const ir::Condition* c : parts.conditions)
    if (c->name.text == "fstype" || c->name.text == "vfstype")
      for (const ir::Word& v : c->values) site.checkGlob(v, fmt::format(" in {}=", c->name.text));
}

}  // namespace aalint::checks

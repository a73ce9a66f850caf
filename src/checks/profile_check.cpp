#include "checks/profile_check.h"

#include <cstring>
#include <map>

#include <fmt/format.h>

#include "engine/glob.h"
#include "ir/vocabulary.h"
#include "frontend/variables.h"
#include "support/source_file.h"

namespace aalint::checks {

using namespace aalint::ir;

namespace {

const std::vector<std::string>& plainFlags() {
  static const std::vector<std::string> flags = {
      "enforce", "complain", "kill", "unconfined", "prompt", "default_allow", "audit", "debug", "mediate_deleted",
      "delegate_deleted", "attach_disconnected", "no_attach_disconnected", "chroot_relative", "namespace_relative",
      "chroot_attach", "chroot_no_attach", "interruptible", "attach_disconnected.ipc"};
  return flags;
}

const std::vector<std::string>& valuedFlags() {
  static const std::vector<std::string> flags = {"error", "kill.signal", "attach_disconnected.path",
                                                 "attach_disconnected.ipc"};
  return flags;
}

bool isErrnoName(const std::string& name) {
  for (int e = 1; e < 256; ++e) {
    const char* known = ::strerrorname_np(e);
    if (known && name == known) return true;
  }
  return false;
}

struct FlagSite {
  const ir::ProfileInstance& profile;
  CheckContext& context;
  const ir::Policy& policy;
  void error(const SourceRange& range, std::string message) const {
    context.error("profile-flag-invalid", range, profile.chain, &profile, std::move(message));
  }
};

void checkFlags(const ir::Condition& flags, const FlagSite& site) {
  if (flags.values.empty() && flags.nested.empty()) {
    site.error(flags.range, "flags=() is empty; remove it or name a flag");
    return;
  }
  static const std::vector<std::string> modes = {"enforce", "complain", "kill", "unconfined", "prompt", "default_allow"};
  static const std::vector<std::pair<std::string, std::string>> opposites = {
      {"mediate_deleted", "delegate_deleted"},   {"attach_disconnected", "no_attach_disconnected"},
      {"chroot_relative", "namespace_relative"}, {"chroot_attach", "chroot_no_attach"},
      {"attach_disconnected.ipc", "no_attach_disconnected"}};
  std::map<std::string, const ir::Word*> seen;
  std::map<std::string, std::string> values;  // valued flags: the value first given
  const ir::Word* mode = nullptr;
  std::vector<std::string> all = plainFlags();
  all.insert(all.end(), valuedFlags().begin(), valuedFlags().end());
  auto note = [&](const ir::Word& word, const std::string& name) {
    if (contains(modes, name)) {
      if (mode && mode->text != name)
        site.error(word.range, fmt::format("flags '{}' and '{}' both set the profile mode; keep one", mode->text, name));
      mode = &word;
    }
    for (const auto& [a, b] : opposites)
      if ((name == a && seen.count(b)) || (name == b && seen.count(a)))
        site.error(word.range, fmt::format("flags '{}' and '{}' contradict each other", a, b));
    seen[name] = &word;
  };
  for (const ir::Word& w : flags.values) {
    if (!contains(plainFlags(), w.text)) {
      site.error(w.range, contains(valuedFlags(), w.text) ? fmt::format("flag '{}' needs a value: {}=...", w.text, w.text)
                                                           : unknownWordMessage("profile flag", w.text, all));
      continue;
    }
    note(w, w.text);
  }
  for (const ir::Condition& c : flags.nested) {
    const std::string& name = c.name.text;
    if (!contains(valuedFlags(), name)) {
      site.error(c.name.range, unknownWordMessage("profile flag", name, all));
      continue;
    }
    note(c.name, name);
    if (c.values.size() != 1 || c.values[0].text.empty()) {
      site.error(c.range, fmt::format("flag '{}=' needs one value", name));
      continue;
    }
    const ir::Word& value = c.values[0];
    auto [previous, first] = values.emplace(name, value.text);
    if (!first && previous->second != value.text)
      site.error(value.range, fmt::format("flag '{}' is given twice, with different values ('{}' and '{}')", name,
                                          previous->second, value.text));
    std::string expanded = site.policy.variables.expand(value.text).text;
    if (name == "error" && !isErrnoName(value.text))
      site.error(value.range, fmt::format("error={} is not an errno name; use a name such as EPERM or EACCES", value.text));
    if (name == "kill.signal" && !contains(signalNames(), value.text))
      site.error(value.range, unknownWordMessage("signal", value.text, signalNames()));
    if ((name == "attach_disconnected.path" || name == "attach_disconnected.ipc") &&
        (expanded.empty() || expanded[0] != '/'))
      site.error(value.range, fmt::format("{}={} must be an absolute path starting with '/'", name, value.text));
  }
}

// Variables in a profile's name and attachment: defined, with values, and an attachment (or a
// profile named by a path) that expands to absolute paths only.
void checkNameExpansion(const ir::ProfileInstance& profile, const ir::Policy& policy, CheckContext& context) {
  const ir::Profile& declaration = *profile.declaration;
  auto error = [&](const SourceRange& range, std::string message) {
    context.error("profile-name-invalid", range, profile.chain, &profile, std::move(message));
  };
  // `isPattern`: what the profile attaches by, its attachment or else its name.
  auto check = [&](const ir::Word& word, bool mustBePath, bool isPattern) {
    if (word.text.find("@{profile_name}") != std::string::npos) return;  // reported below
    auto expansion = policy.variables.expand(word.text);
    for (const std::string& e : expansion.errors) error(word.range, e);
    if (!expansion.errors.empty()) return;
    bool incomplete = false;
    for (const VariableReference& ref : findVariableReferences(word.text)) {
      const auto* variable = policy.variables.find(ref.name);
      if (variable && variable->values.empty()) {
        error(word.range, fmt::format("@{{{}}} has no value, so the name is incomplete", ref.name));
        incomplete = true;
      }
      if (!mustBePath || ref.offset != 0 || !variable) continue;
      for (const ir::Word* value : variable->values)
        if (value->text.empty() || (value->text[0] != '/' && value->text[0] != '@'))
          error(word.range, fmt::format("'{}' expands to '{}', which is not an absolute path: every attachment must "
                                        "start with '/'",
                                        word.text, value->text));
    }
    if (mustBePath && !expansion.text.empty() && expansion.text[0] != '/' && expansion.text[0] != '{' &&
        expansion.text[0] != ':')
      error(word.range, fmt::format("'{}' is not a path: a profile without the 'profile' keyword is named by the "
                                    "absolute path it attaches to",
                                    word.text));
    // apparmor_parser turns what a profile attaches by into a pattern, for hats too.
    else if (isPattern && !incomplete)
      if (const auto invalid = engine::globError(expansion.text, engine::GlobMode::Default, false))
        error(word.range, fmt::format("invalid pattern '{}': {}", word.text, invalid->message));
  };
  check(declaration.name, declaration.form == ir::Profile::Form::Path, !declaration.attachment);
  if (declaration.attachment) check(*declaration.attachment, true, true);
}

void checkHeader(const ir::ProfileInstance& profile, const ir::Policy& policy, CheckContext& context) {
  const ir::Profile& declaration = *profile.declaration;
  FlagSite site{profile, context, policy};
  auto error = [&](const SourceRange& range, std::string message) {
    context.error("profile-header-invalid", range, profile.chain, &profile, std::move(message));
  };
  bool flagsSeen = false;
  for (const ir::Condition& c : declaration.conditions) {
    const std::string& name = c.name.text;
    if (name == "xattrs" && flagsSeen)
      error(c.name.range, "xattrs=(...) must come before flags=(...) in a profile header");
    if (name == "xattrs" && profile.hat)
      error(c.name.range, "a hat is entered by change_hat, not attached, so it takes no xattrs=(...)");
    if (name == "flags") {
      flagsSeen = true;
      checkFlags(c, site);
    } else if (name == "identities") {
      if (!c.plus) error(c.name.range, "identities=(...) is written after '+': profile NAME + identities=(...)");
      if (c.values.empty()) error(c.range, "identities=() names no identity");
      for (const ir::Word& w : c.values)
        if (w.text.find_first_of(" \t") != std::string::npos && w.text[0] != '/')
          error(w.range, fmt::format("identity '{}' contains a space; only path identities may", w.text));
    } else if (name != "xattrs") {
      error(c.name.range, unknownWordMessage("profile header condition", name, {"flags", "xattrs", "identities"}));
    }
  }
  checkNameExpansion(profile, policy, context);
  const std::string& name = declaration.name.text;
  if (name.find("@{profile_name}") != std::string::npos)
    error(declaration.name.range, "@{profile_name} cannot be used in the name it stands for");
  if (declaration.attachment && declaration.attachment->text.find("@{profile_name}") != std::string::npos)
    error(declaration.attachment->range, "@{profile_name} is defined in a profile's rules, not in its attachment");
  const SourceRange& caret = declaration.header;
  if (declaration.caret &&
      (declaration.name.range.line != caret.line || declaration.name.range.column != caret.column + 1))
    error(declaration.name.range, fmt::format("a hat's name follows '^' directly: ^{}", name));
  if (name.size() >= 2 && name[0] == ':') {
    auto close = name.find(':', 1);
    if (close == std::string::npos || close == 1)
      error(declaration.name.range, fmt::format("'{}': a namespace is written :NAMESPACE:PROFILE", name));
    else if (close + 1 >= name.size())
      error(declaration.name.range, fmt::format("'{}' names a namespace but no profile in it", name));
  }
}

// A profile's full name with any "namespace" prefix normalized: ":ns:name" and ":ns://name" alike.
std::string identity(const std::string& name) {
  if (name.size() < 2 || name[0] != ':') return name;
  auto close = name.find(':', 1);
  if (close == std::string::npos) return name;
  std::string rest = name.substr(close + 1);
  if (rest.rfind("//", 0) == 0) rest = rest.substr(2);
  return name.substr(0, close + 1) + rest;
}

void checkDuplicates(const std::vector<std::unique_ptr<ir::ProfileInstance>>& profiles, CheckContext& context) {
  std::map<std::string, const ir::ProfileInstance*> seen;
  for (const auto& p : profiles) {
    auto [it, inserted] = seen.emplace(identity(p->name), p.get());
    if (!inserted) {
      const ir::ProfileInstance& first = *it->second;
      const SourceRange& at = first.declaration->name.range;
      context.error("profile-duplicate", p->declaration->name.range, p->chain, p.get(),
                    fmt::format("{} '{}' is already defined at {}:{}", p->hat ? "hat" : p->parent ? "child profile" : "profile",
                                p->declaration->name.text, at.file ? at.file->path() : "", at.line));
    }
    checkDuplicates(p->children, context);
  }
}

}  // namespace

void ProfileCheck::run(const ir::Policy& policy, CheckContext& context) {
  forEachProfile(policy, [&](const ir::ProfileInstance& profile) { checkHeader(profile, policy, context); });
  checkDuplicates(policy.profiles, context);
}

}  // namespace aalint::checks

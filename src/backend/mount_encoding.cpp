#include "backend/mount_encoding.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace aalint::backend {

namespace {

constexpr std::uint32_t kPivotRoot = 0x1, kMount = 0x2, kUmount = 0x4;
constexpr std::uint32_t kMatchData = 0x40;  // lets the kernel go on to match the mount data

// Mount flags by bit (the kernel's MS_* values); the flags byte of a rule is bit + 1.
enum : std::uint32_t {
  Rdonly = 1u << 0, Nosuid = 1u << 1, Nodev = 1u << 2, Noexec = 1u << 3, Sync = 1u << 4, Remount = 1u << 5,
  Mand = 1u << 6, Dirsync = 1u << 7, Noatime = 1u << 10, Nodiratime = 1u << 11, Bind = 1u << 12, Move = 1u << 13,
  Rec = 1u << 14, Silent = 1u << 15, Acl = 1u << 16, Unbindable = 1u << 17, Private = 1u << 18, Slave = 1u << 19,
  Shared = 1u << 20, Relatime = 1u << 21, Iversion = 1u << 23, Strictatime = 1u << 24, Nouser = 1u << 31,
};
constexpr std::uint32_t kAllFlags = Rdonly | Nosuid | Nodev | Noexec | Sync | Remount | Mand | Dirsync | Noatime |
                                    Nodiratime | Bind | Rec | Move | Silent | Acl | Unbindable | Private | Slave |
                                    Shared | Relatime | Iversion | Strictatime;
constexpr std::uint32_t kPropagation = Unbindable | Private | Slave | Shared;
constexpr std::uint32_t kCommands = Move | Remount | Bind | Rec | kPropagation;
// Flags a kernel mount never passes on to the policy check.
constexpr std::uint32_t kMaskedByKernel = Nosuid | Noexec | Nodev | Noatime | Nodiratime | Relatime | Strictatime;
constexpr std::uint32_t kRemountFlags = kAllFlags & ~(kCommands & ~Remount & ~Bind & ~Rec);
constexpr std::uint32_t kBindFlags = Bind | Rec;
constexpr std::uint32_t kMakeFlags = kAllFlags & ~kMaskedByKernel;

struct OptionFlags {
  std::uint32_t set = 0, clear = 0;
};

const std::map<std::string, OptionFlags>& options() {
  static const std::map<std::string, OptionFlags> table = {
      {"ro", {Rdonly, 0}}, {"r", {Rdonly, 0}}, {"read-only", {Rdonly, 0}}, {"rw", {0, Rdonly}}, {"w", {0, Rdonly}},
      {"suid", {0, Nosuid}}, {"nosuid", {Nosuid, 0}}, {"dev", {0, Nodev}}, {"nodev", {Nodev, 0}},
      {"exec", {0, Noexec}}, {"noexec", {Noexec, 0}}, {"sync", {Sync, 0}}, {"async", {0, Sync}},
      {"remount", {Remount, 0}}, {"mand", {Mand, 0}}, {"nomand", {0, Mand}}, {"dirsync", {Dirsync, 0}},
      {"atime", {0, Noatime}}, {"noatime", {Noatime, 0}}, {"diratime", {0, Nodiratime}},
      {"nodiratime", {Nodiratime, 0}}, {"bind", {Bind, 0}}, {"B", {Bind, 0}}, {"move", {Move, 0}}, {"M", {Move, 0}},
      {"rbind", {Bind | Rec, 0}}, {"R", {Bind | Rec, 0}}, {"verbose", {Silent, 0}}, {"silent", {Silent, 0}},
      {"loud", {0, Silent}}, {"acl", {Acl, 0}}, {"noacl", {0, Acl}}, {"unbindable", {Unbindable, 0}},
      {"make-unbindable", {Unbindable, 0}}, {"runbindable", {Unbindable | Rec, 0}},
      {"make-runbindable", {Unbindable | Rec, 0}}, {"private", {Private, 0}}, {"make-private", {Private, 0}},
      {"rprivate", {Private | Rec, 0}}, {"make-rprivate", {Private | Rec, 0}}, {"slave", {Slave, 0}},
      {"make-slave", {Slave, 0}}, {"rslave", {Slave | Rec, 0}}, {"make-rslave", {Slave | Rec, 0}},
      {"shared", {Shared, 0}}, {"make-shared", {Shared, 0}}, {"rshared", {Shared | Rec, 0}},
      {"make-rshared", {Shared | Rec, 0}}, {"relatime", {Relatime, 0}}, {"norelatime", {0, 0}},
      {"iversion", {Iversion, 0}}, {"noiversion", {0, Iversion}}, {"strictatime", {Strictatime, 0}},
      {"user", {0, Nouser}}, {"nouser", {Nouser, 0}},
  };
  return table;
}

const std::string kAny = "[^\\x00]*";

// The flags part, in bit order: a flag both required and optional (an "options in" flag) is its byte
// or nothing, a required one its byte; a flag only cleared ("rw") writes nothing.
std::string flagsRegex(std::uint32_t required, std::uint32_t optional) {
  if (required == kAllFlags) return kAny;
  std::string regex;
  for (int bit = 0; bit < 32; ++bit) {
    std::uint32_t mask = 1u << bit;
    if (required & optional & mask) regex += fmt::format("(\\x{:02x}|)", bit + 1);
    else if (required & mask) regex += fmt::format("\\x{:02x}", bit + 1);
  }
  return regex.empty() ? "(\\xfe|)" : regex;  // no flags at all: a byte no flag has, or nothing
}

std::string join(const std::vector<std::string>& parts) {
  std::string regex = "\\x07";
  for (std::size_t i = 0; i < parts.size(); ++i) regex += (i ? "\\x00" : "") + parts[i];
  return regex;
}

}  // namespace

MountEncoding encodeMountRule(ir::RuleKind kind, const ir::ClassRuleParts& parts, const GlobToRegex& globRegex) {
  MountEncoding out;
  auto refuse = [&](std::string what, const ir::Word* at) {
    out.unsupported = std::move(what);
    out.unsupportedAt = at;
    out.expressions.clear();
    return out;
  };
  auto pathRegex = [&](const ir::Word* w) -> std::optional<std::string> { return w ? globRegex(w->text, true) : kAny; };

  const ir::Word* source = parts.words.empty() ? nullptr : parts.words.front();
  const ir::Word* mountPoint = parts.arrowTarget ? &*parts.arrowTarget : nullptr;
  if (kind != ir::RuleKind::Mount && !mountPoint) std::swap(source, mountPoint);  // umount, remount, pivot_root: one path

  if (kind == ir::RuleKind::Umount || kind == ir::RuleKind::PivotRoot) {
    const ir::Word* oldRoot = nullptr;
    for (const ir::Condition* c : parts.conditions) {
      if (kind == ir::RuleKind::PivotRoot && c->name.text == "oldroot" && c->values.size() == 1) {
        oldRoot = &c->values.front();
      } else {
        return refuse(fmt::format("the {} condition '{}='", ir::ruleKindKeyword(kind), c->name.text), &c->name);
      }
    }
    if (kind == ir::RuleKind::PivotRoot && parts.arrowTarget) return refuse("pivot_root target profiles", mountPoint);
    auto point = pathRegex(mountPoint);
    auto old = pathRegex(oldRoot);
    if (!point || !old) return out;
    if (kind == ir::RuleKind::Umount) out.expressions.push_back({join({*point}), kUmount, 0});
    else out.expressions.push_back({join({*point, *old}), kPivotRoot, 0});
    return out;
  }

  // mount and remount: conditions after "->" are ignored, as apparmor_parser 3.0.8 does.
  std::vector<const ir::Word*> fstypes;
  bool hasFstype = false;
  std::uint32_t flags = 0, inverse = 0;
  for (const ir::Condition* c : parts.conditions) {
    if (std::find(parts.conditionsAfterArrow.begin(), parts.conditionsAfterArrow.end(), c) !=
        parts.conditionsAfterArrow.end())
      continue;
    const std::string& name = c->name.text;
    if (name == "fstype" || name == "vfstype") {
      hasFstype = true;
      for (const ir::Word& w : c->values) fstypes.push_back(&w);
    } else if (name == "options" || name == "option") {
      bool optional = c->in;
      OptionFlags here;
      for (const ir::Word& w : c->values) {
        auto o = options().find(w.text);
        if (o == options().end()) return refuse(fmt::format("the mount option '{}'", w.text), &w);
        here.set |= o->second.set;
        here.clear |= o->second.clear;
      }
      if (optional) here.set = here.clear = here.set | here.clear;
      flags |= here.set;
      inverse |= here.clear;
    } else {
      return refuse(fmt::format("the mount condition '{}='", name), &c->name);
    }
  }
  if (kind == ir::RuleKind::Remount) {
    flags |= Remount;
    inverse = 0;
  } else if (!(flags | inverse)) {
    flags = inverse = kAllFlags;  // no options: any flags
  }

  auto point = pathRegex(mountPoint);
  auto device = pathRegex(source);
  if (!point || !device) return out;
  std::string types = kAny;
  if (hasFstype) {
    types = "(";
    for (std::size_t i = 0; i < fstypes.size(); ++i) {
      auto t = globRegex(fstypes[i]->text, false);
      if (!t) return out;
      types += (i ? "|" : "") + *t;
    }
    types += ")";
  }
  // apparmor_parser narrows the required flags to each command's, and the optional ones only for a
  // new mount; everything else it writes as is.
  auto narrowed = [&](std::uint32_t mask) { return flags == kAllFlags ? flags : flags & mask; };
  if ((flags & Remount) && !source && !hasFstype) {
    out.expressions.push_back({join({*point, kAny, kAny, flagsRegex(narrowed(kRemountFlags), inverse)}), kMount, kMatchData});
  }
  if ((flags & Bind) && !hasFstype)
    out.expressions.push_back({join({*point, *device, kAny, flagsRegex(narrowed(kBindFlags), inverse)}), kMount, 0});
  if ((flags & kPropagation) && !source && !hasFstype)
    out.expressions.push_back({join({*point, kAny, kAny, flagsRegex(narrowed(kMakeFlags), inverse)}), kMount, 0});
  if ((flags & Move) && !hasFstype)
    out.expressions.push_back({join({*point, *device, kAny, flagsRegex(narrowed(Move), inverse)}), kMount, 0});
  if ((flags | inverse) & ~kCommands) {
    std::uint32_t optional = inverse == kAllFlags ? inverse : inverse & ~kCommands;
    out.expressions.push_back({join({*point, *device, types, flagsRegex(narrowed(~kCommands), optional)}), kMount, kMatchData});
  }
  return out;
}

}  // namespace aalint::backend

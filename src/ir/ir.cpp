#include "ir/ir.h"

namespace aalint::ir {

void Qualifiers::mergeFrom(const Qualifiers& outer) {
  audit |= outer.audit;
  allow |= outer.allow;
  deny |= outer.deny;
  owner |= outer.owner;
  other |= outer.other;
  quiet |= outer.quiet;
  safe |= outer.safe;
  unsafe |= outer.unsafe;
  if (!priority) priority = outer.priority;
}

EffectiveQualifiers EffectiveQualifiers::within(const Qualifiers& own) const {
  EffectiveQualifiers inner = *this;
  inner.audit |= own.audit;
  inner.allow |= own.allow;
  inner.deny |= own.deny;
  inner.owner |= own.owner;
  inner.other |= own.other;
  inner.quiet |= own.quiet;
  inner.safe |= own.safe;
  inner.unsafe |= own.unsafe;
  if (own.priority) inner.priority = &*own.priority;
  return inner;
}

const char* ruleKindKeyword(RuleKind kind) {
  switch (kind) {
    case RuleKind::File: return "file";
    case RuleKind::Link: return "link";
    case RuleKind::Capability: return "capability";
    case RuleKind::Network: return "network";
    case RuleKind::Mount: return "mount";
    case RuleKind::Remount: return "remount";
    case RuleKind::Umount: return "umount";
    case RuleKind::PivotRoot: return "pivot_root";
    case RuleKind::ChangeProfile: return "change_profile";
    case RuleKind::Rlimit: return "rlimit";
    case RuleKind::Ptrace: return "ptrace";
    case RuleKind::Signal: return "signal";
    case RuleKind::Dbus: return "dbus";
    case RuleKind::Unix: return "unix";
    case RuleKind::Mqueue: return "mqueue";
    case RuleKind::IoUring: return "io_uring";
    case RuleKind::Userns: return "userns";
    case RuleKind::All: return "all";
  }
  return "rule";
}

}  // namespace aalint::ir

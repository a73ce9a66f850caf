#include "ir/ir.h"

namespace aalint::ir {

void QualifierFlags::join(const QualifierFlags& more) {
  audit |= more.audit;
  allow |= more.allow;
  deny |= more.deny;
  owner |= more.owner;
  other |= more.other;
  quiet |= more.quiet;
  safe |= more.safe;
  unsafe |= more.unsafe;
}

void Qualifiers::mergeFrom(const Qualifiers& outer) {
  join(outer);
  if (!priority) priority = outer.priority;
}

EffectiveQualifiers EffectiveQualifiers::within(const Qualifiers& own) const {
  EffectiveQualifiers inner = *this;
  inner.join(own);
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

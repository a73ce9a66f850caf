#include "backend/file_accept.h"

namespace aalint::backend {

using namespace filebits;

std::uint32_t halfMode(const ir::FilePermissions& p, bool unsafe, std::uint32_t xindex) {
  std::uint32_t mode = 0;
  if (p.read) mode |= Read;
  if (p.write) mode |= Write | Append;
  if (p.append) mode |= Append;
  if (p.link) mode |= Link;
  if (p.lock) mode |= Lock;
  if (p.mmap) mode |= Mmap;
  if (p.bareExec) mode |= Exec;
  if (p.exec) {
    mode |= Exec;
    using T = ir::ExecMode::Transition;
    if (unsafe) mode |= Unsafe;  // even on ix, where it changes nothing, as apparmor_parser writes it
    if (p.exec->transition == T::Inherit) {
      mode |= Inherit | Mmap;
    } else {
      mode |= xindex << IndexShift;
      if (p.exec->fallback == ir::ExecMode::Fallback::Inherit) mode |= Inherit | Mmap;
      if (p.exec->fallback == ir::ExecMode::Fallback::Unconfined) mode |= Pux;
    }
  }
  return mode;
}

FileAccept mergeFileContributions(const std::vector<const FileContribution*>& contributions) {
  std::uint32_t allow = 0, deny = 0, audit = 0, quiet = 0;
  // Exec type bits per half: exact rules override globbing ones.
  std::uint32_t exactExec[2] = {0, 0}, globExec[2] = {0, 0};
  bool exactSeen[2] = {false, false}, conflict = false;
  for (const FileContribution* c : contributions) {
    if (c->deny) {
      deny |= c->mode;
      quiet |= c->quiet;
      audit |= c->audit;
      continue;
    }
    allow |= c->mode & ~(ExecType | ExecType << OtherShift);
    audit |= c->audit;
    for (int half = 0; half < 2; ++half) {
      std::uint32_t bits = (c->mode >> (half * OtherShift)) & HalfMask;
      if (!(bits & Exec)) continue;
      std::uint32_t type = bits & ExecType;
      std::uint32_t& slot = c->exact ? exactExec[half] : globExec[half];
      if (c->exact) exactSeen[half] = true;
      if (slot && slot != type) conflict = true;
      slot = type;
    }
  }
  for (int half = 0; half < 2; ++half) {
    std::uint32_t type = exactSeen[half] ? exactExec[half] : globExec[half];
    allow |= type << (half * OtherShift);
  }
  // A denied exec takes every exec type bit of its half with it.
  for (int half = 0; half < 2; ++half)
    if ((deny >> (half * OtherShift)) & Exec) deny |= ExecType << (half * OtherShift);
  allow &= ~deny;
  quiet &= deny;
  FileAccept result;
  result.accept = allow;
  const std::uint32_t auditable = AuditableMask | AuditableMask << OtherShift;
  result.accept2 = (audit & auditable) | ((quiet & auditable) << 7);
  result.conflict = conflict;
  return result;
}

}  // namespace aalint::backend

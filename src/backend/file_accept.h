// The accept values of the file DFA (docs/binary-policy.md §2.1): what one file rule contributes to
// the states it reaches, and how the contributions of several rules merge in one state.
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "ir/file_permissions.h"
#include "ir/ir.h"

namespace aalint::backend {

// Permission bits of one half (owner or other), the old layout the file DFA uses.
namespace filebits {
constexpr std::uint32_t Exec = 0x1, Write = 0x2, Read = 0x4, Append = 0x8, Link = 0x10, Lock = 0x20, Mmap = 0x40;
constexpr std::uint32_t Pux = 0x80, Unsafe = 0x100, Inherit = 0x200, IndexShift = 10, IndexMask = 0x3c00;
constexpr std::uint32_t ExecType = Pux | Unsafe | Inherit | IndexMask;  // all that says how to exec
constexpr std::uint32_t HalfMask = 0x3fff;
constexpr std::uint32_t OtherShift = 14;
constexpr std::uint32_t OnExec = 0x40000000, ChangeProfile = 0x80000000;  // whole-word bits, not per half
constexpr std::uint32_t AuditableMask = 0x7f;  // per half: only these can be audited or quieted
}  // namespace filebits

// What one rule contributes.
struct FileContribution {
  bool deny = false;
  bool exact = false;     // the rule's path has no wildcard: its exec mode wins over globbing rules
  std::uint32_t mode = 0;  // both halves, exec bits included
  std::uint32_t audit = 0;
  std::uint32_t quiet = 0;

  auto key() const { return std::make_tuple(deny, exact, mode, audit, quiet); }
};

// The mode bits of a permission string, with exec mode `xindex` (1 ux, 2 px, 3 cx, 4.. x-table).
std::uint32_t halfMode(const ir::FilePermissions& perms, bool unsafe, std::uint32_t xindex);

// Merges the contributions that accept in one state into (ACCEPT, ACCEPT2).
struct FileAccept {
  std::uint32_t accept = 0;
  std::uint32_t accept2 = 0;
  bool conflict = false;  // two exec modes for the same half: apparmor_parser rejects this
};
FileAccept mergeFileContributions(const std::vector<const FileContribution*>& contributions);

}  // namespace aalint::backend

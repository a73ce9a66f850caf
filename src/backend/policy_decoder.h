// Binary policy -> profile records (docs/binary-policy.md §1.4): what `aalint dump` shows and what
// `aalint diff` compares. Accepts what the kernel's unpacker accepts, in its order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backend/dfa_tables.h"
#include "backend/tagged_stream.h"

namespace aalint::backend {

struct DecodedDfa {
  enum class Role { Attachment, Policy, File };
  Role role = Role::File;
  std::uint32_t start = 1;
  std::size_t offset = 0;  // of the table set in the buffer
  DfaTables tables;
};
const char* dfaRoleName(DecodedDfa::Role role);

struct DecodedRecord {
  std::uint32_t version = 0;
  std::string ns;  // namespace, if the record names one
  std::string name;
  std::uint32_t hatFlag = 0, mode = 0, audit = 0;
  std::optional<std::uint32_t> pathFlags;
  std::array<std::uint64_t, 3> caps{};  // allow, audit, quiet: bits 0..63
  std::optional<std::uint32_t> xmatchLength;
  std::vector<std::string> xattrs;
  std::optional<std::uint32_t> rlimitMask;
  std::vector<std::uint64_t> rlimits;
  std::vector<std::string> xtable;
  std::vector<DecodedDfa> dfas;
  std::size_t offset = 0;  // where the record starts
};

using DecodeError = StreamError;  // where in the buffer, and what is wrong there

struct DecodedPolicy {
  std::vector<DecodedRecord> records;
  std::optional<DecodeError> error;
};

DecodedPolicy decodePolicy(const std::string& buffer);

}  // namespace aalint::backend

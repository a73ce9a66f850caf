// Writing the kernel's binary policy: the tagged element stream (little-endian), DFA blobs aligned
// to 8 bytes from the start of their record, and table sets (big-endian) packed so that the
// kernel's checks hold (docs/binary-policy.md §1.3, §1.7).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/dfa.h"

namespace aalint::backend {

class StreamWriter {
public:
  void beginRecord() { recordStart_ = out_.size(); }
  void name(const std::string& n);
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void string(const std::string& s);
  void structBegin() { out_.push_back(7); }
  void structEnd() { out_.push_back(8); }
  void arrayBegin(std::uint16_t count);
  void arrayEnd() { out_.push_back(12); }
  // A BLOB holding a table set, preceded by the padding that aligns it within the record.
  void dfaBlob(const std::string& tables);
  const std::string& bytes() const { return out_; }

private:
  void little(std::uint64_t v, unsigned bytes);
  void taggedString(char tag, const std::string& s);  // name (4) and string (5): length, bytes, NUL
  std::string out_;
  std::size_t recordStart_ = 0;
};

// Packs a DFA into a kernel table set. States are numbered as the automaton numbers them; state 0
// must be the dead state and `start` must be 1. `accept(s)` gives (ACCEPT, ACCEPT2) of state s.
std::string packTables(const engine::Dfa& dfa,
                       const std::function<std::pair<std::uint32_t, std::uint32_t>(std::uint32_t)>& accept);

}  // namespace aalint::backend

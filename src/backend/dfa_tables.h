// A DFA as the kernel stores it (docs/binary-policy.md §1.7): a big-endian table set of ACCEPT,
// ACCEPT2, BASE, CHK, DEF, EC and NXT, checked as the kernel checks it, and stepped as the kernel
// steps it (equivalence classes and diff encoding included).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aalint::backend {

class DfaTables {
public:
  static constexpr std::uint32_t kMagic = 0x1B5E783D;

  // Parses and verifies the table set; an error names what the kernel would reject.
  static std::optional<DfaTables> parse(const std::string& bytes, std::string& error);

  std::uint32_t stateCount() const { return static_cast<std::uint32_t>(accept_.size()); }
  std::uint32_t accept(std::uint32_t state) const { return accept_[state]; }
  std::uint32_t accept2(std::uint32_t state) const { return accept2_[state]; }
  std::uint32_t next(std::uint32_t state, std::uint8_t byte) const;
  std::uint16_t flags() const { return flags_; }
  bool hasEquivalenceClasses() const { return !ec_.empty(); }
  std::size_t transitionSlots() const { return nxt_.size(); }

private:
  std::uint16_t flags_ = 0;
  std::vector<std::uint32_t> accept_, accept2_, base_;
  std::vector<std::uint16_t> def_, nxt_, chk_;
  std::vector<std::uint8_t> ec_;
};

}  // namespace aalint::backend

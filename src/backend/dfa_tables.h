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
  static constexpr std::uint32_t kDiffEncodeFlag = 0x80000000;  // in BASE
  static constexpr std::uint32_t kOutOfBandFlag = 0x20000000;   // in BASE: the slot before the base is symbol -1
  static constexpr std::uint16_t kOutOfBandHeaderFlag = 0x2;    // in the header: some state has an out-of-band slot

  // Parses and verifies the table set; an error names what the kernel would reject.
  static std::optional<DfaTables> parse(const std::string& bytes, std::string& error);

  std::uint32_t stateCount() const { return static_cast<std::uint32_t>(accept_.size()); }
  std::uint32_t accept(std::uint32_t state) const { return accept_[state]; }
  std::uint32_t accept2(std::uint32_t state) const { return accept2_[state]; }
  std::uint32_t next(std::uint32_t state, std::uint8_t byte) const;
  // The kernel's out-of-band transition: the dead state for a state without the flag.
  std::uint32_t outOfBand(std::uint32_t state) const;
  std::uint16_t flags() const { return flags_; }
  bool hasEquivalenceClasses() const { return !ec_.empty(); }
  std::size_t transitionSlots() const { return nxt_.size(); }

private:
  // match_char: the slot of `symbol` (a class, or -1) from the state's base, else its default.
  std::uint32_t step(std::uint32_t state, std::int32_t symbol) const;

  std::uint16_t flags_ = 0;
  std::vector<std::uint32_t> accept_, accept2_, base_;
  std::vector<std::uint16_t> def_, nxt_, chk_;
  std::vector<std::uint8_t> ec_;
};

}  // namespace aalint::backend

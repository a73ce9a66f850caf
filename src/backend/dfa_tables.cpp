#include "backend/dfa_tables.h"

#include <fmt/format.h>

namespace aalint::backend {

namespace {

enum TableId : std::uint16_t { Accept = 1, Base = 2, Chk = 3, Def = 4, Ec = 5, Meta = 6, Accept2 = 7, Nxt = 8 };

std::uint64_t bigEndian(const std::string& bytes, std::size_t at, unsigned size) {
  std::uint64_t value = 0;
  for (unsigned i = 0; i < size; ++i) value = (value << 8) | static_cast<std::uint8_t>(bytes[at + i]);
  return value;
}

}  // namespace

std::optional<DfaTables> DfaTables::parse(const std::string& bytes, std::string& error) {
  auto fail = [&](std::string message) -> std::optional<DfaTables> {
    error = std::move(message);
    return std::nullopt;
  };
  if (bytes.size() < 14) return fail("the DFA is shorter than its header");
  if (bigEndian(bytes, 0, 4) != kMagic) return fail(fmt::format("bad DFA magic 0x{:08x}", bigEndian(bytes, 0, 4)));
  std::size_t headerSize = bigEndian(bytes, 4, 4);
  DfaTables dfa;
  dfa.flags_ = static_cast<std::uint16_t>(bigEndian(bytes, 12, 2));
  if (dfa.flags_ & ~0x3u) return fail(fmt::format("unknown DFA header flags 0x{:x}", dfa.flags_));
  if (headerSize < 14 || headerSize > bytes.size()) return fail("the DFA header size is out of range");
  std::vector<bool> seen(9, false);
  for (std::size_t at = headerSize; at + 12 <= bytes.size();) {
    auto id = static_cast<std::uint16_t>(bigEndian(bytes, at, 2));
    auto size = static_cast<unsigned>(bigEndian(bytes, at + 2, 2));
    std::size_t count = bigEndian(bytes, at + 8, 4);
    if (id == 0 && size == 0 && count == 0) break;  // trailing padding
    if (id < 1 || id > 8 || id == Meta) return fail(fmt::format("table id {} is not one the kernel accepts", id));
    if (seen[id]) return fail(fmt::format("table id {} appears twice", id));
    seen[id] = true;
    if (size != 1 && size != 2 && size != 4) return fail(fmt::format("table {} has element size {}", id, size));
    if (count == 0) return fail(fmt::format("table {} is empty", id));
    if (count > bytes.size() || 12 + count * size > bytes.size() - at) return fail(fmt::format("table {} runs past the end", id));
    std::size_t data = at + 12;
    auto read32 = [&](std::vector<std::uint32_t>& into) {
      for (std::size_t i = 0; i < count; ++i) into.push_back(static_cast<std::uint32_t>(bigEndian(bytes, data + i * size, size)));
    };
    auto read16 = [&](std::vector<std::uint16_t>& into) {
      for (std::size_t i = 0; i < count; ++i) into.push_back(static_cast<std::uint16_t>(bigEndian(bytes, data + i * size, size)));
    };
    switch (id) {
      case Accept: if (size != 4) return fail("ACCEPT must hold 32-bit entries"); read32(dfa.accept_); break;
      case Accept2: if (size != 4) return fail("ACCEPT2 must hold 32-bit entries"); read32(dfa.accept2_); break;
      case Base: read32(dfa.base_); break;
      case Def: read16(dfa.def_); break;
      case Nxt: read16(dfa.nxt_); break;
      case Chk: read16(dfa.chk_); break;
      case Ec:
        if (count != 256) return fail("EC must have 256 entries");
        for (std::size_t i = 0; i < count; ++i) dfa.ec_.push_back(static_cast<std::uint8_t>(bigEndian(bytes, data + i * size, size)));
        break;
    }
    at += (12 + count * size + 7) / 8 * 8;
  }
  std::size_t states = dfa.accept_.size();
  if (!states || dfa.base_.size() != states || dfa.def_.size() != states || dfa.accept2_.size() != states)
    return fail("ACCEPT, ACCEPT2, BASE and DEF must all be present with one entry per state");
  if (dfa.nxt_.empty() || dfa.nxt_.size() != dfa.chk_.size()) return fail("NXT and CHK must be present and equally long");
  for (std::size_t s = 0; s < states; ++s) {
    if (dfa.def_[s] >= states) return fail(fmt::format("DEF[{}] = {} is not a state", s, dfa.def_[s]));
    if ((dfa.base_[s] & 0xffffffu) + 255 >= dfa.nxt_.size())
      return fail(fmt::format("BASE[{}] leaves fewer than 256 NXT slots", s));
    if (dfa.base_[s] & ~(0xffffffu | kDiffEncodeFlag | kOutOfBandFlag))
      return fail(fmt::format("BASE[{}] has unknown flags 0x{:x}", s, dfa.base_[s] & 0xff000000u));
    if ((dfa.base_[s] & kDiffEncodeFlag) && !(dfa.flags_ & 0x1u))
      return fail(fmt::format("BASE[{}] is diff-encoded but the header does not say so", s));
    if (dfa.base_[s] & kOutOfBandFlag) {
      // The kernel allows one out-of-band symbol (max_oob = 1): the slot at base - 1.
      if (!(dfa.flags_ & kOutOfBandHeaderFlag))
        return fail(fmt::format("BASE[{}] has an out-of-band transition but the header does not say so", s));
      if ((dfa.base_[s] & 0xffffffu) < 1) return fail(fmt::format("BASE[{}] leaves no slot for its out-of-band transition", s));
    }
  }
  for (std::size_t i = 0; i < dfa.nxt_.size(); ++i)
    if (dfa.nxt_[i] >= states || dfa.chk_[i] >= states) return fail(fmt::format("NXT/CHK slot {} names no state", i));
  // Diff-encoding chains must end.
  for (std::size_t s = 0; s < states; ++s) {
    std::size_t t = s, steps = 0;
    while (dfa.base_[t] & kDiffEncodeFlag) {
      t = dfa.def_[t];
      if (++steps > states) return fail(fmt::format("the diff-encoding chain of state {} loops", s));
    }
  }
  return dfa;
}

std::uint32_t DfaTables::next(std::uint32_t state, std::uint8_t byte) const {
  return step(state, ec_.empty() ? byte : ec_[byte]);
}

std::uint32_t DfaTables::outOfBand(std::uint32_t state) const {
  // No equivalence classes for the out-of-band symbol, as in the kernel.
  return base_[state] & kOutOfBandFlag ? step(state, -1) : 0;
}

std::uint32_t DfaTables::step(std::uint32_t state, std::int32_t symbol) const {
  for (;;) {
    std::uint32_t pos = static_cast<std::uint32_t>(static_cast<std::int64_t>(base_[state] & 0xffffffu) + symbol);
    if (chk_[pos] == state) return nxt_[pos];
    bool diff = base_[state] & kDiffEncodeFlag;
    state = def_[state];
    if (!diff) return state;
  }
}

}  // namespace aalint::backend

// Ids found by the hash of their key, the keys kept by whoever owns them: open addressing with
// linear probing, for the automaton builders' tables of many small keys (position sets, regex
// nodes, trie edges), with no allocation per entry.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace aalint::engine {

class HashIndex {
public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFF;

  HashIndex() = default;
  // Sized for `expected` ids from the start.
  explicit HashIndex(std::size_t expected) {
    std::size_t size = 64;
    while (size < 2 * expected) size *= 2;
    slots_.assign(size, Slot{0, kAbsent});
  }

  // The id stored under `hash` whose key `isKey(id)` accepts, or kAbsent.
  template <typename IsKey>
  std::uint32_t find(std::uint64_t hash, IsKey isKey) const {
    if (slots_.empty()) return kAbsent;
    const std::uint32_t tag = spread(hash);
    for (std::size_t at = tag & (slots_.size() - 1);; at = (at + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[at];
      if (slot.id == kAbsent) return kAbsent;
      if (slot.tag == tag && isKey(slot.id)) return slot.id;
    }
  }

  // Stores `id` under `hash`; the caller has found no id with an equal key.
  void insert(std::uint64_t hash, std::uint32_t id) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    place({spread(hash), id});
    ++count_;
  }

private:
  struct Slot {
    std::uint32_t tag;  // the spread hash, which also places the slot
    std::uint32_t id;
  };
  // Hashes are spread first, so that a caller may hash its key simply (a trie edge is its own hash).
  static std::uint32_t spread(std::uint64_t hash) {
    hash *= 0x9E3779B97F4A7C15ull;
    return static_cast<std::uint32_t>(hash >> 32);
  }
  void place(const Slot& slot) {
    std::size_t at = slot.tag & (slots_.size() - 1);
    while (slots_[at].id != kAbsent) at = (at + 1) & (slots_.size() - 1);
    slots_[at] = slot;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{0, kAbsent});
    for (const Slot& slot : old)
      if (slot.id != kAbsent) place(slot);
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace aalint::engine

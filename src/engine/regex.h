// Regular expressions over bytes, as the DFA builder reads them: "|", concatenation, postfix "*"
// and "+", groups "()", "." (any byte, NUL included), classes "[...]" "[^...]" with ranges, and
// escapes \xHH \ooo \dNNN \n \t \r \a \e \f or a backslash before a metacharacter.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace aalint::engine {

using ByteSet = std::bitset<256>;

// The byte of a set that holds exactly one, else -1. (Not count(): baseline x86-64 has no popcount
// instruction, and bitset::count() goes through libgcc.)
inline int soleByte(const ByteSet& set) {
  const std::size_t first = set._Find_first();
  return first < 256 && set._Find_next(first) == 256 ? static_cast<int>(first) : -1;
}

// Calls `visit(byte)` for each byte of the set, in order, a 64-bit word at a time (bitset's
// _Find_next costs a call per byte, and most sets of a path automaton hold all bytes but two).
template <typename Visit>
void forEachByte(const ByteSet& set, Visit visit) {
  static const ByteSet lowWord(~std::uint64_t{0});
  for (unsigned w = 0; w < 4; ++w)
    for (std::uint64_t bits = ((set >> (64 * w)) & lowWord).to_ullong(); bits; bits &= bits - 1)
      visit(64 * w + static_cast<unsigned>(__builtin_ctzll(bits)));
}

// An expression tree in an arena; children are indices into RegexTree::nodes.
struct RegexNode {
  // OutOfBand: a symbol no byte can be, which the kernel steps on between the parts of a match
  // (an attachment's path and each of its xattr values).
  enum class Kind : std::uint8_t { Empty, Bytes, Cat, Alt, Star, Plus, Accept, OutOfBand };
  Kind kind = Kind::Empty;
  std::int32_t left = -1;
  std::int32_t right = -1;
  union {  // 16 bytes a node: a large profile's tree holds tens of thousands
    std::uint32_t accept = 0;  // Accept: which expression ends here; 0 for the kinds other than Bytes
    std::uint32_t byteSet;     // Bytes: the bytes this leaf matches, as an index (RegexTree::bytesOf)
  };
};
static_assert(sizeof(RegexNode) == 16);

class RegexTree {
public:
  RegexTree() { singleByte_.fill(kNoSet); }

  // An empty tree that numbers byte sets as this one does, so that nodes copied into it from this
  // one (addFrom) keep their byte-set indices.
  RegexTree withSameByteSets() const;
  // Adds `node` of tree `from` (its children already in this tree).
  std::int32_t addFrom(const RegexTree& from, RegexNode node);
  std::int32_t empty();
  std::int32_t bytes(const ByteSet& set);
  std::int32_t byte(std::uint8_t b);  // bytes() of the set of one byte
  std::int32_t cat(std::int32_t a, std::int32_t b);
  std::int32_t alt(std::int32_t a, std::int32_t b);
  std::int32_t star(std::int32_t a);
  std::int32_t plus(std::int32_t a);
  std::int32_t accept(std::uint32_t id);
  std::int32_t outOfBand();

  const RegexNode& node(std::int32_t i) const { return nodes_[static_cast<std::size_t>(i)]; }
  const ByteSet& bytesOf(const RegexNode& leaf) const { return byteSets_[leaf.byteSet]; }
  const ByteSet& byteSet(std::uint32_t index) const { return byteSets_[index]; }
  std::size_t byteSetCount() const { return byteSets_.size(); }
  std::size_t size() const { return nodes_.size(); }
  // True when the nodes from index `first` on have no repetition and no leaf of several bytes.
  bool exactFrom(std::size_t first) const;

private:
  std::int32_t add(RegexNode node);
  std::int32_t leaf(std::uint32_t byteSet);

  // Nodes are small, byte sets large and few: a tree holds each distinct set once, so that equal
  // leaves have equal indices.
  std::vector<RegexNode> nodes_;
  std::vector<ByteSet> byteSets_;
  std::array<std::uint32_t, 256> singleByte_;  // the index of each one-byte set, or kNoSet
  std::unordered_map<ByteSet, std::uint32_t> otherSets_;
  static constexpr std::uint32_t kNoSet = ~0u;
};

struct RegexError {
  std::size_t offset = 0;
  std::string message;
};

// Parses `regex` into `tree`, returning the root, or an error.
struct RegexParse {
  std::int32_t root = -1;
  std::optional<RegexError> error;
  // AppArmor's "exact match": no class and no repetition (an alternation does not count as a
  // wildcard).
  bool exact = false;
};
RegexParse parseRegex(const std::string& regex, RegexTree& tree);

}  // namespace aalint::engine

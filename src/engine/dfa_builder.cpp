// Subset construction: regex tree → followpos → one DFA state per set of positions met.
#include <algorithm>
#include <cctype>

#include "engine/dfa.h"
#include "engine/hash_index.h"

namespace aalint::engine {

namespace {

// Splits bytes 0..255 into classes such that every leaf's byte set is a union of classes: the
// coarsest such partition, classes numbered by their smallest byte.
std::uint32_t computeClasses(const RegexTree& tree, std::array<std::uint16_t, 256>& classOf) {
  // Each set the leaves use splits the classes once, in any order: the partition is the same.
  std::vector<bool> used(tree.byteSetCount(), false);
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const RegexNode& n = tree.node(static_cast<std::int32_t>(i));
    if (n.kind == RegexNode::Kind::Bytes) used[n.byteSet] = true;
  }
  std::vector<ByteSet> classes{ByteSet().set()};
  for (std::size_t set = 0; set < used.size(); ++set) {
    if (!used[set]) continue;
    const ByteSet& bytes = tree.byteSet(static_cast<std::uint32_t>(set));
    for (std::size_t c = 0, count = classes.size(); c < count; ++c) {
      ByteSet inside = classes[c] & bytes;
      if (inside.none() || inside == classes[c]) continue;
      classes[c] &= ~bytes;
      classes.push_back(inside);
    }
  }
  // Renumbered by smallest byte.
  std::sort(classes.begin(), classes.end(),
            [](const ByteSet& a, const ByteSet& b) { return a._Find_first() < b._Find_first(); });
  for (std::size_t c = 0; c < classes.size(); ++c)
    forEachByte(classes[c], [&](unsigned b) { classOf[b] = static_cast<std::uint16_t>(c); });
  return static_cast<std::uint32_t>(classes.size());
}

// The byte a witness shows for each class: a letter or digit if the class has one, else a
// printable byte, else any.
std::vector<std::uint8_t> representatives(const std::array<std::uint16_t, 256>& classOf, std::uint32_t classCount) {
  constexpr int kUnchosen = 3;
  std::vector<std::uint8_t> chosenByte(classCount, 0);
  std::vector<std::uint8_t> rank(classCount, kUnchosen);  // of the byte chosen: 0 alphanumeric, 1 printable, 2 other
  for (int b = 0; b < 256; ++b) {
    const int byteRank = std::isalnum(b) ? 0 : std::isgraph(b) ? 1 : 2;
    std::uint8_t& classRank = rank[classOf[static_cast<std::size_t>(b)]];
    if (byteRank < classRank) {
      classRank = static_cast<std::uint8_t>(byteRank);
      chosenByte[classOf[static_cast<std::size_t>(b)]] = static_cast<std::uint8_t>(b);
    }
  }
  return chosenByte;
}

// firstpos of nodes and followpos of positions, each worked out when first asked for and kept: an
// automaton explored only where expressions meet (lint's) reaches a fifth of its positions.
class Positions {
public:
  Positions(const RegexTree& tree, std::int32_t root) : tree_(tree) {
    const std::size_t n = tree.size();
    nullable_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {  // children precede their parents in the arena
      const RegexNode& node = tree.node(static_cast<std::int32_t>(i));
      auto nullable = [&](std::int32_t child) { return static_cast<bool>(nullable_[static_cast<std::size_t>(child)]); };
      switch (node.kind) {
        case RegexNode::Kind::Empty:
        case RegexNode::Kind::Star: nullable_[i] = true; break;
        case RegexNode::Kind::Alt: nullable_[i] = nullable(node.left) || nullable(node.right); break;
        case RegexNode::Kind::Cat: nullable_[i] = nullable(node.left) && nullable(node.right); break;
        case RegexNode::Kind::Plus: nullable_[i] = nullable(node.left); break;
        default: nullable_[i] = false;
      }
    }
    // Each node's parents, and on which side of them it stands.
    parentStart_.assign(n + 1, 0);
    auto eachChild = [&](auto visit) {
      for (std::size_t i = 0; i < n; ++i) {
        const RegexNode& node = tree.node(static_cast<std::int32_t>(i));
        if (node.left >= 0) visit(node.left, static_cast<std::int32_t>(i), Side::Left);
        if (node.right >= 0) visit(node.right, static_cast<std::int32_t>(i), Side::Right);
      }
    };
    eachChild([&](std::int32_t child, std::int32_t, Side) { ++parentStart_[static_cast<std::size_t>(child) + 1]; });
    for (std::size_t i = 0; i < n; ++i) parentStart_[i + 1] += parentStart_[i];
    parents_.resize(parentStart_[n]);
    std::vector<std::uint32_t> fill(parentStart_.begin(), parentStart_.end() - 1);
    eachChild([&](std::int32_t child, std::int32_t parent, Side side) {
      parents_[fill[static_cast<std::size_t>(child)]++] = Parent(parent, side);
    });
    spans_.assign(n, Span{});
    seen_.assign(n, 0);
    const Span start = firstOf(root);
    start_.assign(pool_.begin() + start.begin, pool_.begin() + start.end);
  }

  // firstpos of the root: the positions of the start state, sorted.
  const std::vector<std::int32_t>& start() const { return start_; }
  // Whether the sets outgrew what the pool can hold (the automaton built since is wrong).
  bool overflowed() const { return overflowed_; }

  // followpos of position `p`, sorted; valid until the next call.
  std::pair<const std::int32_t*, const std::int32_t*> follow(std::int32_t p) {
    Span& known = spans_[static_cast<std::size_t>(p)];
    if (!known.known()) known = computeFollow(p);
    return {pool_.data() + known.begin, pool_.data() + known.end};
  }

private:
  enum class Side : std::uint8_t { Left, Right };
  // A parent and the side its child stands on, in 32 bits (a tree has at most 2^20 nodes).
  class Parent {
  public:
    Parent() = default;
    Parent(std::int32_t node, Side side) : packed_(static_cast<std::uint32_t>(node) << 1 | static_cast<std::uint32_t>(side)) {}
    std::int32_t node() const { return static_cast<std::int32_t>(packed_ >> 1); }
    Side side() const { return static_cast<Side>(packed_ & 1); }

  private:
    std::uint32_t packed_ = 0;
  };
  struct Span {  // into pool_
    static constexpr std::uint32_t kUnknown = ~std::uint32_t{0};
    std::uint32_t begin = kUnknown, end = 0;
    bool known() const { return begin != kUnknown; }
  };

  // Starts a walk over the nodes: each node is visited once per walk.
  void newWalk() { ++walk_; }
  bool firstVisit(std::int32_t node) {
    std::uint32_t& seen = seen_[static_cast<std::size_t>(node)];
    if (seen == walk_) return false;
    seen = walk_;
    return true;
  }

  // The positions gathered in `found`, sorted, stored in the pool. A pool past 2^32 positions (16
  // GiB) stores nothing more and says so.
  Span store(std::vector<std::int32_t>& found) {
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    if (found.size() >= Span::kUnknown - pool_.size()) {
      overflowed_ = true;
      return Span{0, 0};
    }
    Span span{static_cast<std::uint32_t>(pool_.size()), 0};
    pool_.insert(pool_.end(), found.begin(), found.end());
    span.end = static_cast<std::uint32_t>(pool_.size());
    return span;
  }

  // The leaves that can match first in `node`: down through alternations, repetitions, and the
  // left of a concatenation (its right too when the left can match nothing).
  Span firstOf(std::int32_t node) {
    const RegexNode::Kind kind = tree_.node(node).kind;
    if (kind == RegexNode::Kind::Bytes || kind == RegexNode::Kind::Accept || kind == RegexNode::Kind::OutOfBand) {
      firstFound_.assign(1, node);  // a position is its own firstpos; its span is its followpos
      return store(firstFound_);
    }
    Span& known = spans_[static_cast<std::size_t>(node)];
    if (known.known()) return known;
    std::vector<std::int32_t>& found = firstFound_;
    std::vector<std::int32_t>& stack = firstStack_;
    found.clear();
    stack.assign(1, node);
    newWalk();
    firstVisit(node);
    auto push = [&](std::int32_t child) {
      if (firstVisit(child)) stack.push_back(child);
    };
    while (!stack.empty()) {
      const std::int32_t index = stack.back();
      stack.pop_back();
      const RegexNode& at = tree_.node(index);
      switch (at.kind) {
        case RegexNode::Kind::Empty: break;
        case RegexNode::Kind::Bytes:
        case RegexNode::Kind::Accept:
        case RegexNode::Kind::OutOfBand: found.push_back(index); break;
        case RegexNode::Kind::Alt:
          push(at.left);
          push(at.right);
          break;
        case RegexNode::Kind::Cat:
          push(at.left);
          if (nullable_[static_cast<std::size_t>(at.left)]) push(at.right);
          break;
        case RegexNode::Kind::Star:
        case RegexNode::Kind::Plus: push(at.left); break;
      }
    }
    return spans_[static_cast<std::size_t>(node)] = store(found);
  }

  // What can follow position `p`: up from it through every node it can end (it is in their
  // lastpos), the firstpos of what comes after it in a concatenation, or of a repetition again.
  Span computeFollow(std::int32_t p) {
    // Most positions are a character with more of the expression after it: up through the nodes it
    // ends (each with one parent, none repeated), to the left of a concatenation whose right
    // cannot match nothing, whose first positions are all that follow.
    for (std::int32_t at = p;;) {
      const auto i = static_cast<std::size_t>(at);
      if (parentStart_[i + 1] - parentStart_[i] != 1) break;
      const Parent up = parents_[parentStart_[i]];
      const std::int32_t parent = up.node();
      const Side side = up.side();
      const RegexNode& node = tree_.node(parent);
      if (node.kind == RegexNode::Kind::Alt || (node.kind == RegexNode::Kind::Cat && side == Side::Right)) {
        at = parent;
        continue;
      }
      if (node.kind == RegexNode::Kind::Cat && !nullable_[static_cast<std::size_t>(node.right)])
        return firstOf(node.right);
      break;
    }
    std::vector<std::int32_t>& found = followFound_;
    std::vector<std::int32_t>& ends = ends_;
    std::vector<std::int32_t>& after = after_;
    found.clear();
    ends.assign(1, p);
    after.clear();
    newWalk();
    firstVisit(p);
    while (!ends.empty()) {
      const std::int32_t child = ends.back();
      ends.pop_back();
      const auto at = static_cast<std::size_t>(child);
      for (std::uint32_t k = parentStart_[at]; k < parentStart_[at + 1]; ++k) {
        const std::int32_t parent = parents_[k].node();
        const Side side = parents_[k].side();
        const RegexNode& node = tree_.node(parent);
        bool parentEnds = true;
        if (node.kind == RegexNode::Kind::Cat && side == Side::Left) {
          after.push_back(node.right);
          parentEnds = nullable_[static_cast<std::size_t>(node.right)];
        } else if (node.kind == RegexNode::Kind::Star || node.kind == RegexNode::Kind::Plus) {
          after.push_back(node.left);
        }
        if (parentEnds && firstVisit(parent)) ends.push_back(parent);
      }
    }
    for (std::int32_t next : after) {
      const Span first = firstOf(next);
      found.insert(found.end(), pool_.begin() + first.begin, pool_.begin() + first.end);
    }
    return store(found);
  }

  const RegexTree& tree_;
  std::vector<bool> nullable_;
  std::vector<std::uint32_t> parentStart_;  // parents_[parentStart_[i] .. parentStart_[i + 1]) of node i
  std::vector<Parent> parents_;
  // Into pool_, by node: a position's followpos, another node's firstpos (16 bytes a node were the
  // largest part of the work space of a large automaton).
  std::vector<Span> spans_;
  std::vector<std::int32_t> pool_;
  std::vector<std::int32_t> start_;
  std::vector<std::uint32_t> seen_;  // by node: the walk that last visited it
  std::uint32_t walk_ = 0;
  bool overflowed_ = false;
  std::vector<std::int32_t> firstFound_, firstStack_, followFound_, ends_, after_;  // kept for their capacity
};

// What lies ahead of a position, for exploreOnlyWhereExpressionsMeet(): the expressions whose
// accepts it can still reach (none, one, or many: prefixes shared by several expressions), and
// whether one of them is in focus.
struct Ahead {
  static constexpr std::uint32_t kNone = 0xFFFFFFFF, kMany = 0xFFFFFFFE;
  std::uint32_t expression = kNone;
  bool focus = false;

  void join(const Ahead& other) {
    focus = focus || other.focus;
    if (expression == kNone) expression = other.expression;
    else if (other.expression != kNone && other.expression != expression) expression = kMany;
  }
  bool single() const { return expression < kMany; }
};

// The accepts below a node are joined bottom-up; what follows a node is passed top-down (parents
// come after their children in the arena): after the left of a concatenation come the accepts of
// its right and what follows the concatenation; a repeated node may come back to its own accepts.
std::vector<Ahead> aheadOfPositions(const RegexTree& tree, const std::vector<bool>& focus) {
  const std::size_t n = tree.size();
  std::vector<Ahead> below(n), after(n);
  for (std::size_t i = 0; i < n; ++i) {
    const RegexNode& node = tree.node(static_cast<std::int32_t>(i));
    if (node.kind == RegexNode::Kind::Accept)
      below[i] = Ahead{node.accept, focus.empty() || (node.accept < focus.size() && focus[node.accept])};
    if (node.left >= 0) below[i].join(below[static_cast<std::size_t>(node.left)]);
    if (node.right >= 0) below[i].join(below[static_cast<std::size_t>(node.right)]);
  }
  for (std::size_t i = n; i-- > 0;) {
    const RegexNode& node = tree.node(static_cast<std::int32_t>(i));
    auto pass = [&](std::int32_t child, const Ahead& ahead) {
      if (child >= 0) after[static_cast<std::size_t>(child)].join(ahead);
    };
    switch (node.kind) {
      case RegexNode::Kind::Cat: {
        Ahead left = below[static_cast<std::size_t>(node.right)];
        left.join(after[i]);
        pass(node.left, left);
        pass(node.right, after[i]);
        break;
      }
      case RegexNode::Kind::Star:
      case RegexNode::Kind::Plus: {
        Ahead again = after[i];
        again.join(below[i]);
        pass(node.left, again);
        break;
      }
      default:
        pass(node.left, after[i]);
        pass(node.right, after[i]);
    }
  }
  for (std::size_t i = 0; i < n; ++i) after[i].join(below[i]);
  return after;
}

// A set of byte classes (at most 256), word by word.
struct ClassMask {
  std::array<std::uint64_t, 4> words{};

  void set(std::size_t c) { words[c / 64] |= std::uint64_t{1} << (c % 64); }
  bool test(std::size_t c) const { return (words[c / 64] >> (c % 64)) & 1; }
  bool none() const { return (words[0] | words[1] | words[2] | words[3]) == 0; }
  bool operator==(const ClassMask& o) const { return words == o.words; }
  ClassMask operator&(const ClassMask& o) const {
    ClassMask r;
    for (std::size_t w = 0; w < 4; ++w) r.words[w] = words[w] & o.words[w];
    return r;
  }
  void operator|=(const ClassMask& o) {
    for (std::size_t w = 0; w < 4; ++w) words[w] |= o.words[w];
  }
  void remove(const ClassMask& o) {
    for (std::size_t w = 0; w < 4; ++w) words[w] &= ~o.words[w];
  }
  std::size_t first() const {
    for (std::size_t w = 0; w < 4; ++w)
      if (words[w]) return w * 64 + static_cast<std::size_t>(__builtin_ctzll(words[w]));
    return 256;
  }
  template <typename Visit>
  void forEach(Visit visit) const {
    for (std::size_t w = 0; w < 4; ++w)
      for (std::uint64_t bits = words[w]; bits; bits &= bits - 1)
        visit(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
  }
};

// The position sets of the states, each kept once in one pool, found by hash. The pool is one of
// the largest blocks a large automaton takes while it is built, so a position takes 16 bits when
// it fits in 15 (trees of up to 32,768 nodes: nearly all) and 32 otherwise. A set is kept in the
// order it was collected: its hash does not depend on the order, and a caller tells membership in
// the set it looks for, so that no set needs sorting.
class StateSets {
public:
  static constexpr std::uint32_t kAbsent = HashIndex::kAbsent;

  std::uint32_t size() const { return static_cast<std::uint32_t>(start_.size() - 1); }
  // Set `id`'s positions into `out`.
  void read(std::uint32_t id, std::vector<std::int32_t>& out) const {
    out.clear();
    forEach(id, [&](std::int32_t p) {
      out.push_back(p);
      return true;
    });
  }

  static std::uint64_t hash(const std::vector<std::int32_t>& set) {
    std::uint64_t h = set.size() * 0x9E3779B97F4A7C15ull;
    for (std::int32_t x : set) h += mix(static_cast<std::uint32_t>(x));
    return h;
  }
  // The set of `size` distinct positions, each of which `holds`, under `hash`.
  template <typename Holds>
  std::uint32_t find(std::size_t size, std::uint64_t hash, Holds holds) const {
    return index_.find(hash, [&](std::uint32_t id) {
      std::size_t count = 0;
      return forEach(id, [&](std::int32_t p) { return ++count <= size && holds(p); }) && count == size;
    });
  }
  std::uint32_t add(const std::vector<std::int32_t>& set, std::uint64_t hash) {
    const std::uint32_t id = size();
    for (std::int32_t p : set) {
      const auto position = static_cast<std::uint32_t>(p);
      if (position > kShort) pool_.push_back(static_cast<std::uint16_t>(kLong | position >> 15));
      pool_.push_back(static_cast<std::uint16_t>(position & kShort));
    }
    start_.push_back(static_cast<std::uint32_t>(pool_.size()));
    index_.insert(hash, id);
    return id;
  }

private:
  static constexpr std::uint16_t kShort = 0x7FFF, kLong = 0x8000;  // kLong: the high half comes first
  // Calls visit(position) for set `id`'s positions while it returns true; returns whether it
  // always did.
  template <typename Visit>
  bool forEach(std::uint32_t id, Visit visit) const {
    const std::uint16_t* at = pool_.data() + start_[id];
    const std::uint16_t* end = pool_.data() + start_[id + 1];
    while (at != end) {
      std::uint32_t position = *at++;
      if (position & kLong) position = (position & kShort) << 15 | *at++;
      if (!visit(static_cast<std::int32_t>(position))) return false;
    }
    return true;
  }
  static std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
  std::vector<std::uint16_t> pool_;
  std::vector<std::uint32_t> start_{0};
  HashIndex index_;
};

}  // namespace

void DfaBuilder::add(std::int32_t root, std::uint32_t id) { expressions_.push_back({root, id}); }

std::optional<RegexError> DfaBuilder::addRegex(const std::string& regex, std::uint32_t id) {
  RegexParse parsed = parseRegex(regex, tree_);
  if (parsed.error) return parsed.error;
  add(parsed.root, id);
  return std::nullopt;
}

std::optional<Dfa> DfaBuilder::build() {
  if (tree_.size() > kMaxPositions) {
    exceeded_ = AutomatonLimit{AutomatonLimit::Kind::Positions, kMaxPositions};
    return std::nullopt;
  }
  Dfa dfa;
  std::vector<std::int32_t> roots;
  // Lint's automata share the expressions' common prefixes to keep large ones' position sets small;
  // for a few expressions that costs more than it saves (the language of each is the same).
  constexpr std::size_t kFewExpressions = 32;
  if (onlyWhereExpressionsMeet_ && expressions_.size() < kFewExpressions) {
    for (const BuilderExpression& e : expressions_)
      roots.push_back(e.accept ? tree_.cat(e.root, tree_.accept(*e.accept)) : e.root);
  } else {
    tree_ = shareFactors(tree_, expressions_, roots);
  }
  expressions_.clear();
  const std::int32_t root = balancedAlternation(tree_, roots);
  dfa.classCount_ = computeClasses(tree_, dfa.classOf_);
  dfa.next_ = TransitionRows(dfa.classCount_);
  dfa.representative_ = representatives(dfa.classOf_, dfa.classCount_);
  const std::size_t n = tree_.size();
  Positions positions(tree_, root);
  const std::vector<Ahead> ahead = onlyWhereExpressionsMeet_ ? aheadOfPositions(tree_, focus_) : std::vector<Ahead>();

  // A position is in the set being collected when its stamp is the current one.
  std::vector<std::uint32_t> stamp(n, 0);
  std::uint32_t currentStamp = 0;
  auto newStamp = [&] {
    if (++currentStamp == 0) {  // after 2^32 sets: no stamp may look current
      std::fill(stamp.begin(), stamp.end(), 0);
      currentStamp = 1;
    }
  };
  StateSets sets;
  // The state of `set`, whose positions are distinct and stamped.
  auto intern = [&](const std::vector<std::int32_t>& set) -> std::optional<std::uint32_t> {
    const std::uint64_t hash = StateSets::hash(set);
    auto stamped = [&](std::int32_t p) { return stamp[static_cast<std::size_t>(p)] == currentStamp; };
    if (std::uint32_t id = sets.find(set.size(), hash, stamped); id != StateSets::kAbsent) return id;
    if (sets.size() >= maxStates_) {
      exceeded_ = AutomatonLimit{AutomatonLimit::Kind::States, maxStates_};
      return std::nullopt;
    }
    if (budget_ && !budget_->spend()) {
      exceeded_ = AutomatonLimit{AutomatonLimit::Kind::Budget, budget_->limit()};
      return std::nullopt;
    }
    return sets.add(set, hash);
  };
  auto internStart = [&] {
    newStamp();
    for (std::int32_t p : positions.start()) stamp[static_cast<std::size_t>(p)] = currentStamp;
    return intern(positions.start());
  };
  if (!intern({}) || !internStart()) return std::nullopt;
  if (sets.size() == 1) sets.add({}, 1);  // nothing to match: a start state that leads nowhere
  dfa.start_ = 1;

  // The classes each byte leaf matches, as one of the distinct masks of the tree (few: leaves
  // repeat the same characters and classes), numbered by the first leaf that has it.
  constexpr std::uint32_t kNoMask = 0xFFFFFFFF;
  std::vector<ClassMask> masks;
  std::vector<std::uint32_t> maskOfSet(tree_.byteSetCount(), kNoMask);  // by byte-set index
  for (std::size_t i = 0; i < n; ++i) {
    const RegexNode& node = tree_.node(static_cast<std::int32_t>(i));
    if (node.kind != RegexNode::Kind::Bytes || tree_.bytesOf(node).none()) continue;
    std::uint32_t& id = maskOfSet[node.byteSet];
    if (id != kNoMask) continue;
    ClassMask mask;
    for (std::uint32_t c = 0; c < dfa.classCount_; ++c)
      if (tree_.bytesOf(node).test(dfa.representative_[c])) mask.set(c);
    id = static_cast<std::uint32_t>(masks.size());
    masks.push_back(mask);
  }
  auto maskOf = [&](std::int32_t p) {
    const RegexNode& node = tree_.node(p);
    return node.kind == RegexNode::Kind::Bytes ? maskOfSet[node.byteSet] : kNoMask;
  };
  bool outOfBand = false;
  for (std::size_t i = 0; i < n && !outOfBand; ++i)
    outOfBand = tree_.node(static_cast<std::int32_t>(i)).kind == RegexNode::Kind::OutOfBand;

  // Per state: its positions bucketed by mask; the classes split into groups that no mask of the
  // state tells apart; each group leads to one target, the union of the followpos sets of the
  // positions whose mask holds the group.
  std::vector<std::int32_t> current, byMask, target;
  std::vector<std::uint32_t> accepts, present, bucketStart, bucketFill, row;
  std::vector<std::uint32_t> localMask(masks.size(), kNoMask);
  std::vector<ClassMask> groups;
  auto successorOf = [&](auto forEachSource) -> std::optional<std::uint32_t> {
    newStamp();
    target.clear();
    forEachSource([&](std::int32_t p) {
      const auto [first, last] = positions.follow(p);
      for (const std::int32_t* q = first; q != last; ++q)
        if (stamp[static_cast<std::size_t>(*q)] != currentStamp) {
          stamp[static_cast<std::size_t>(*q)] = currentStamp;
          target.push_back(*q);
        }
    });
    if (target.empty()) return Dfa::kDead;
    return intern(target);
  };
  auto positionsOverflowed = [&] {
    if (positions.overflowed()) exceeded_ = AutomatonLimit{AutomatonLimit::Kind::Positions, kMaxPositions};
    return positions.overflowed();
  };
  for (std::uint32_t s = 0; s < sets.size(); ++s) {
    if (positionsOverflowed()) return std::nullopt;
    sets.read(s, current);
    accepts.clear();
    present.clear();
    for (std::int32_t p : current) {
      const RegexNode& node = tree_.node(p);
      if (node.kind == RegexNode::Kind::Accept) accepts.push_back(node.accept);
      std::uint32_t m = maskOf(p);
      if (m != kNoMask && localMask[m] == kNoMask) {
        localMask[m] = static_cast<std::uint32_t>(present.size());
        present.push_back(m);
      }
    }
    std::sort(accepts.begin(), accepts.end());
    accepts.erase(std::unique(accepts.begin(), accepts.end()), accepts.end());
    dfa.accepts_.append(accepts.data(), accepts.data() + accepts.size());

    bool explore = true;
    if (onlyWhereExpressionsMeet_) {
      Ahead here;
      for (std::int32_t p : current) here.join(ahead[static_cast<std::size_t>(p)]);
      dfa.onlyAhead_.push_back(here.single() ? here.expression : Dfa::kNoExpression);
      explore = !here.single() && here.focus;
    }
    if (outOfBand) {
      auto next = !explore ? std::optional<std::uint32_t>(Dfa::kDead) : successorOf([&](auto visit) {
        for (std::int32_t p : current)
          if (tree_.node(p).kind == RegexNode::Kind::OutOfBand) visit(p);
      });
      if (!next) return std::nullopt;
      dfa.outOfBand_.push_back(*next);
    }
    row.assign(dfa.classCount_, Dfa::kDead);
    if (explore && !present.empty()) {
      // Counting sort of the positions by their mask.
      bucketStart.assign(present.size() + 1, 0);
      for (std::int32_t p : current)
        if (std::uint32_t m = maskOf(p); m != kNoMask) ++bucketStart[localMask[m] + 1];
      for (std::size_t k = 1; k <= present.size(); ++k) bucketStart[k] += bucketStart[k - 1];
      byMask.resize(bucketStart.back());
      bucketFill.assign(bucketStart.begin(), bucketStart.end() - 1);
      for (std::int32_t p : current)
        if (std::uint32_t m = maskOf(p); m != kNoMask) byMask[bucketFill[localMask[m]]++] = p;
      ClassMask all;
      for (std::uint32_t m : present) all |= masks[m];
      groups.assign(1, all);
      for (std::uint32_t m : present)
        for (std::size_t g = 0, count = groups.size(); g < count; ++g) {
          ClassMask inside = groups[g] & masks[m];
          if (inside.none() || inside == groups[g]) continue;
          groups[g].remove(masks[m]);
          groups.push_back(inside);
        }
      for (const ClassMask& group : groups) {
        const std::size_t representative = group.first();
        auto next = successorOf([&](auto visit) {
          for (std::size_t k = 0; k < present.size(); ++k)
            if (masks[present[k]].test(representative))
              for (std::uint32_t at = bucketStart[k]; at < bucketStart[k + 1]; ++at) visit(byMask[at]);
        });
        if (!next) return std::nullopt;
        group.forEach([&](std::size_t c) { row[c] = *next; });
      }
    }
    dfa.next_.appendRow(row.data(), sets.size() - 1);
    for (std::uint32_t m : present) localMask[m] = kNoMask;
  }
  if (positionsOverflowed()) return std::nullopt;
  tree_ = RegexTree();  // the automaton is often minimized next: free the tree's memory first
  return dfa;
}

}  // namespace aalint::engine

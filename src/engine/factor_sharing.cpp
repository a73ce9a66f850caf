#include "engine/factor_sharing.h"

#include <algorithm>
#include <map>

#include "engine/hash_index.h"

namespace aalint::engine {

namespace {

// Structural identity of every node: equal subtrees get equal numbers. A byte leaf is numbered by
// its byte set (a tree holds each set once); other nodes after those, by hash. Children precede
// their parents in the arena, so one pass in order suffices; each number above the byte sets
// stands for the first node that has it.
std::vector<std::int32_t> structuralIds(const RegexTree& tree) {
  const std::size_t n = tree.size();
  const auto byteSets = static_cast<std::int32_t>(tree.byteSetCount());
  std::vector<std::int32_t> id(n), firstWithId;
  std::size_t inner = 0;
  for (std::size_t i = 0; i < n; ++i) inner += tree.node(static_cast<std::int32_t>(i)).kind != RegexNode::Kind::Bytes;
  HashIndex index(inner);
  auto idOf = [&](std::int32_t child) { return child < 0 ? -1 : id[static_cast<std::size_t>(child)]; };
  for (std::size_t i = 0; i < n; ++i) {
    const RegexNode& node = tree.node(static_cast<std::int32_t>(i));
    if (node.kind == RegexNode::Kind::Bytes) {
      id[i] = static_cast<std::int32_t>(node.byteSet);
      continue;
    }
    const std::int32_t left = idOf(node.left), right = idOf(node.right);
    std::uint64_t h = static_cast<std::uint64_t>(node.kind);
    for (std::uint64_t part : {std::uint64_t{static_cast<std::uint32_t>(left)}, std::uint64_t{static_cast<std::uint32_t>(right)},
                               std::uint64_t{node.accept}})
      h = (h ^ part) * 0x100000001B3ull;
    std::uint32_t same = index.find(h, [&](std::uint32_t candidate) {
      const RegexNode& other = tree.node(firstWithId[candidate]);
      return other.kind == node.kind && idOf(other.left) == left && idOf(other.right) == right &&
             other.accept == node.accept;
    });
    if (same == HashIndex::kAbsent) {
      same = static_cast<std::uint32_t>(firstWithId.size());
      firstWithId.push_back(static_cast<std::int32_t>(i));
      index.insert(h, same);
    }
    id[i] = byteSets + static_cast<std::int32_t>(same);
  }
  return id;
}

// The factors of a concatenation, left to right (Empty factors left out), into `out`; iterative, as
// a rule can be thousands of factors long. `stack` is scratch space, kept by the caller.
void factors(const RegexTree& tree, std::int32_t root, std::vector<std::int32_t>& out, std::vector<std::int32_t>& stack) {
  out.clear();
  stack.assign(1, root);
  while (!stack.empty()) {
    std::int32_t i = stack.back();
    stack.pop_back();
    const RegexNode& n = tree.node(i);
    if (n.kind == RegexNode::Kind::Cat) {
      stack.push_back(n.right);
      stack.push_back(n.left);
    } else if (n.kind != RegexNode::Kind::Empty) {
      out.push_back(i);
    }
  }
}

// Copies subtrees of `from` into `into`, with work space kept from one copy to the next.
class SubtreeCopier {
public:
  SubtreeCopier(const RegexTree& from, RegexTree& into) : from_(from), into_(into) {}

  std::int32_t copy(std::int32_t root) {
    const RegexNode& top = from_.node(root);
    if (top.left < 0 && top.right < 0) return into_.addFrom(from_, top);  // most factors
    nodes_.clear();
    stack_.assign(1, root);
    while (!stack_.empty()) {
      std::int32_t i = stack_.back();
      stack_.pop_back();
      nodes_.push_back(i);
      const RegexNode& n = from_.node(i);
      if (n.left >= 0) stack_.push_back(n.left);
      if (n.right >= 0) stack_.push_back(n.right);
    }
    std::sort(nodes_.begin(), nodes_.end());  // children first
    nodes_.erase(std::unique(nodes_.begin(), nodes_.end()), nodes_.end());
    copied_.resize(nodes_.size());  // of nodes_[k]
    auto copyOf = [&](std::int32_t i) {
      return copied_[static_cast<std::size_t>(std::lower_bound(nodes_.begin(), nodes_.end(), i) - nodes_.begin())];
    };
    for (std::size_t k = 0; k < nodes_.size(); ++k) {
      RegexNode n = from_.node(nodes_[k]);
      if (n.left >= 0) n.left = copyOf(n.left);
      if (n.right >= 0) n.right = copyOf(n.right);
      copied_[k] = into_.addFrom(from_, n);
    }
    return copied_.back();  // the root: the largest index
  }

private:
  const RegexTree& from_;
  RegexTree& into_;
  std::vector<std::int32_t> nodes_, stack_, copied_;
};

// Expressions as a trie of their factors: read from the end (a path from the root spells a common
// suffix), or from the start (a common prefix). Children and accept ids are linked lists in
// insertion order, so that a node costs no allocation of its own.
class FactorTrie {
public:
  enum class Direction { Suffixes, Prefixes };
  explicit FactorTrie(Direction direction) : direction_(direction) {}

  // `ends`: what the expression leaves at its last trie node (an accept id), or nothing.
  void insert(const std::vector<std::int32_t>& factorNodes, const std::vector<std::int32_t>& ids,
              std::optional<std::uint32_t> ends) {
    std::uint32_t at = 0;
    auto idOf = [&](std::int32_t f) { return ids[static_cast<std::size_t>(f)]; };
    auto step = [&](std::int32_t f) {
      const std::int32_t id = idOf(f);
      std::uint64_t edge = static_cast<std::uint64_t>(at) << 32 | static_cast<std::uint32_t>(id);
      std::uint32_t child = edges_.find(edge, [&](std::uint32_t c) { return nodes_[c].parent == at && idOf(nodes_[c].factor) == id; });
      if (child == HashIndex::kAbsent) {
        child = static_cast<std::uint32_t>(nodes_.size());
        nodes_.push_back({f, at});
        append(nodes_[at].firstChild, nodes_[at].lastChild, child, [&](std::uint32_t n) -> std::uint32_t& {
          return nodes_[n].nextSibling;
        });
        edges_.insert(edge, child);
      }
      at = child;
    };
    if (direction_ == Direction::Suffixes)
      std::for_each(factorNodes.rbegin(), factorNodes.rend(), step);
    else
      std::for_each(factorNodes.begin(), factorNodes.end(), step);
    nodes_[at].ends = true;
    if (ends) {
      accepts_.push_back({*ends, kNone});
      append(nodes_[at].firstAccept, nodes_[at].lastAccept, static_cast<std::uint32_t>(accepts_.size() - 1),
             [&](std::uint32_t a) -> std::uint32_t& { return accepts_[a].next; });
    }
  }

  // Once every expression is in: frees what only insert() needs, before build() grows a tree.
  void doneInserting() { edges_ = HashIndex(); }

  // The alternation of every expression, in `into`. Suffixes: for a node, the prefixes before each
  // child's factor, followed by that factor; prefixes: each child's factor followed by what
  // follows it. Children are made after their parents, so building from the last node back has
  // each child's expression ready.
  std::int32_t build(SubtreeCopier& copier, RegexTree& into) const {
    std::vector<std::int32_t> expression(nodes_.size()), alternatives;
    for (std::size_t i = nodes_.size(); i-- > 0;) {
      const Node& node = nodes_[i];
      alternatives.clear();
      if (node.ends && node.firstAccept == kNone) alternatives.push_back(into.empty());
      for (std::uint32_t a = node.firstAccept; a != kNone; a = accepts_[a].next)
        alternatives.push_back(into.accept(accepts_[a].id));
      for (std::uint32_t child = node.firstChild; child != kNone; child = nodes_[child].nextSibling) {
        std::int32_t factor = copier.copy(nodes_[child].factor);
        alternatives.push_back(direction_ == Direction::Suffixes ? into.cat(expression[child], factor)
                                                                 : into.cat(factor, expression[child]));
      }
      expression[i] = balancedAlternation(into, alternatives);
    }
    return expression[0];
  }

private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  struct Node {
    std::int32_t factor;  // the factor on the edge from the parent
    std::uint32_t parent;
    std::uint32_t firstChild = kNone, lastChild = kNone, nextSibling = kNone;
    std::uint32_t firstAccept = kNone, lastAccept = kNone;  // prefixes: the ids of the expressions ending here
    bool ends = false;  // an expression ends here
  };
  struct AcceptLink {
    std::uint32_t id;
    std::uint32_t next;
  };
  template <typename NextOf>
  static void append(std::uint32_t& first, std::uint32_t& last, std::uint32_t item, NextOf nextOf) {
    if (first == kNone) first = item;
    else nextOf(last) = item;
    last = item;
  }
  Direction direction_;
  std::vector<Node> nodes_{Node{-1, 0}};
  std::vector<AcceptLink> accepts_;
  HashIndex edges_;
};

}  // namespace

std::int32_t balancedAlternation(RegexTree& tree, const std::vector<std::int32_t>& alternatives) {
  if (alternatives.empty()) return tree.empty();
  if (alternatives.size() == 1) return alternatives.front();
  std::vector<std::int32_t> level = alternatives;
  while (level.size() > 1) {
    std::vector<std::int32_t> upper;
    for (std::size_t i = 0; i + 1 < level.size(); i += 2) upper.push_back(tree.alt(level[i], level[i + 1]));
    if (level.size() % 2) upper.push_back(level.back());
    level.swap(upper);
  }
  return level.front();
}

RegexTree shareFactors(const RegexTree& tree, const std::vector<BuilderExpression>& expressions,
                       std::vector<std::int32_t>& roots) {
  std::vector<std::int32_t> ids = structuralIds(tree);
  std::map<std::uint32_t, std::size_t> perAccept;
  for (const BuilderExpression& e : expressions)
    if (e.accept) ++perAccept[*e.accept];
  bool grouped = false;
  for (const auto& entry : perAccept) grouped = grouped || entry.second > 1;
  RegexTree shared = tree.withSameByteSets();
  SubtreeCopier copier(tree, shared);
  roots.clear();
  std::vector<std::int32_t> factorNodes, stack;
  if (grouped) {
    std::map<std::uint32_t, FactorTrie> byAccept;
    for (const BuilderExpression& e : expressions)
      if (e.accept) {
        factors(tree, e.root, factorNodes, stack);
        byAccept.try_emplace(*e.accept, FactorTrie::Direction::Suffixes).first->second.insert(factorNodes, ids, std::nullopt);
      }
    for (auto& entry : byAccept) entry.second.doneInserting();
    std::vector<std::int32_t>().swap(ids);
    for (const auto& [accept, trie] : byAccept)
      roots.push_back(shared.cat(trie.build(copier, shared), shared.accept(accept)));
  } else {
    FactorTrie trie(FactorTrie::Direction::Prefixes);
    for (const BuilderExpression& e : expressions)
      if (e.accept) {
        factors(tree, e.root, factorNodes, stack);
        trie.insert(factorNodes, ids, e.accept);
      }
    trie.doneInserting();
    std::vector<std::int32_t>().swap(ids);
    if (!perAccept.empty()) roots.push_back(trie.build(copier, shared));
  }
  for (const BuilderExpression& e : expressions)
    if (!e.accept) roots.push_back(copier.copy(e.root));
  return shared;
}

}  // namespace aalint::engine

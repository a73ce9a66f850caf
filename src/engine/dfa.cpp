#include "engine/dfa.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace aalint::engine {

namespace {

struct VectorHash {
  std::size_t operator()(const std::vector<std::int32_t>& v) const {
    std::size_t h = v.size();
    for (std::int32_t x : v) h = h * 1000003u ^ static_cast<std::size_t>(x);
    return h;
  }
};

void sortUnique(std::vector<std::int32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Splits bytes 0..255 into classes such that every leaf's byte set is a union of classes.
std::uint32_t computeClasses(const RegexTree& tree, std::array<std::uint16_t, 256>& classOf) {
  classOf.fill(0);
  std::uint32_t count = 1;
  std::unordered_set<ByteSet> seen;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const RegexNode& n = tree.node(static_cast<std::int32_t>(i));
    if (n.kind != RegexNode::Kind::Bytes || n.bytes.all() || !seen.insert(n.bytes).second) continue;
    // Refine: a byte's new class is its old class and whether the set holds it.
    std::array<std::int16_t, 512> renumber;
    renumber.fill(-1);
    std::int16_t fresh = 0;
    for (std::size_t b = 0; b < 256; ++b) {
      std::int16_t& to = renumber[classOf[b] * 2u + (n.bytes.test(b) ? 1u : 0u)];
      if (to < 0) to = fresh++;
      classOf[b] = static_cast<std::uint16_t>(to);
    }
    count = static_cast<std::uint32_t>(fresh);
  }
  return count;
}

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
  tree_ = shareFactors(tree_, expressions_, roots);
  expressions_.clear();
  const std::int32_t root = balancedAlternation(tree_, roots);

  dfa.classCount_ = computeClasses(tree_, dfa.classOf_);
  dfa.representative_.assign(dfa.classCount_, 0);
  std::vector<bool> chosen(dfa.classCount_, false);
  for (int pass = 0; pass < 3; ++pass)
    for (int b = 0; b < 256; ++b) {
      std::uint16_t cls = dfa.classOf_[static_cast<std::size_t>(b)];
      bool wanted = pass == 0 ? std::isalnum(b) != 0 : pass == 1 ? std::isgraph(b) != 0 : true;
      if (!chosen[cls] && wanted) {
        dfa.representative_[cls] = static_cast<std::uint8_t>(b);
        chosen[cls] = true;
      }
    }

  // nullable / firstpos / lastpos bottom-up: children always precede their parents in the arena.
  const std::size_t n = tree_.size();
  std::vector<bool> nullable(n);
  std::vector<std::vector<std::int32_t>> first(n), last(n), follow(n);
  // A node's firstpos and lastpos are needed only until its parents have theirs: released then,
  // which keeps a profile of many rules from holding them all at once.
  std::vector<std::uint32_t> parents(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const RegexNode& node = tree_.node(static_cast<std::int32_t>(i));
    if (node.left >= 0) ++parents[static_cast<std::size_t>(node.left)];
    if (node.right >= 0) ++parents[static_cast<std::size_t>(node.right)];
  }
  auto release = [&](std::int32_t child) {
    if (child < 0 || --parents[static_cast<std::size_t>(child)] != 0) return;
    std::vector<std::int32_t>().swap(first[static_cast<std::size_t>(child)]);
    std::vector<std::int32_t>().swap(last[static_cast<std::size_t>(child)]);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const RegexNode& node = tree_.node(static_cast<std::int32_t>(i));
    auto L = static_cast<std::size_t>(node.left), R = static_cast<std::size_t>(node.right);
    switch (node.kind) {
      case RegexNode::Kind::Empty: nullable[i] = true; break;
      case RegexNode::Kind::Bytes:
      case RegexNode::Kind::Accept:
      case RegexNode::Kind::OutOfBand:
        first[i] = last[i] = {static_cast<std::int32_t>(i)};
        break;
      case RegexNode::Kind::Alt:
        nullable[i] = nullable[L] || nullable[R];
        first[i] = first[L];
        first[i].insert(first[i].end(), first[R].begin(), first[R].end());
        last[i] = last[L];
        last[i].insert(last[i].end(), last[R].begin(), last[R].end());
        break;
      case RegexNode::Kind::Cat:
        nullable[i] = nullable[L] && nullable[R];
        first[i] = first[L];
        if (nullable[L]) first[i].insert(first[i].end(), first[R].begin(), first[R].end());
        last[i] = last[R];
        if (nullable[R]) last[i].insert(last[i].end(), last[L].begin(), last[L].end());
        for (std::int32_t p : last[L]) {
          auto& f = follow[static_cast<std::size_t>(p)];
          f.insert(f.end(), first[R].begin(), first[R].end());
        }
        break;
      case RegexNode::Kind::Star:
      case RegexNode::Kind::Plus:
        nullable[i] = node.kind == RegexNode::Kind::Star || nullable[L];
        first[i] = first[L];
        last[i] = last[L];
        for (std::int32_t p : last[L]) {
          auto& f = follow[static_cast<std::size_t>(p)];
          f.insert(f.end(), first[L].begin(), first[L].end());
        }
        break;
    }
    sortUnique(first[i]);
    sortUnique(last[i]);
    release(node.left);
    release(node.right);
  }
  for (auto& f : follow) sortUnique(f);

  // Each position set is kept once, in `states`; `ids` finds it by its hash.
  std::unordered_multimap<std::size_t, std::uint32_t> ids;
  std::vector<std::vector<std::int32_t>> states;
  auto intern = [&](const std::vector<std::int32_t>& set) -> std::optional<std::uint32_t> {
    const std::size_t hash = VectorHash()(set);
    for (auto [it, end] = ids.equal_range(hash); it != end; ++it)
      if (states[it->second] == set) return it->second;
    if (states.size() >= maxStates_) {
      exceeded_ = AutomatonLimit{AutomatonLimit::Kind::States, maxStates_};
      return std::nullopt;
    }
    if (budget_ && !budget_->spend()) {
      exceeded_ = AutomatonLimit{AutomatonLimit::Kind::Budget, budget_->limit()};
      return std::nullopt;
    }
    auto id = static_cast<std::uint32_t>(states.size());
    ids.emplace(hash, id);
    states.push_back(set);
    return id;
  };
  if (!intern({}) || !intern(first[static_cast<std::size_t>(root)])) return std::nullopt;
  if (states.size() == 1) states.emplace_back();  // nothing to match: a start state that leads nowhere
  dfa.start_ = 1;

  // For each state, the classes are split into groups that no leaf of the state tells apart; each
  // group leads to one target, the union of the followpos sets of the leaves matching it.
  // The classes each leaf matches (at most 256 classes: bytes), walking only the bytes it matches.
  using ClassMask = std::bitset<256>;
  std::vector<ClassMask> leafMask(n);
  for (std::size_t i = 0; i < n; ++i) {
    const RegexNode& node = tree_.node(static_cast<std::int32_t>(i));
    if (node.kind != RegexNode::Kind::Bytes) continue;
    for (std::size_t b = node.bytes._Find_first(); b < 256; b = node.bytes._Find_next(b)) leafMask[i].set(dfa.classOf_[b]);
  }
  std::vector<ClassMask> groups;
  std::vector<std::uint64_t> stamp(n, 0);
  std::uint64_t currentStamp = 0;
  std::vector<std::int32_t> target;
  bool outOfBand = false;
  for (std::size_t i = 0; i < n && !outOfBand; ++i)
    outOfBand = tree_.node(static_cast<std::int32_t>(i)).kind == RegexNode::Kind::OutOfBand;
  // The followpos sets of the leaves of a state that `matches`, as a state.
  auto successor = [&](std::uint32_t s, auto matches) -> std::optional<std::uint32_t> {
    ++currentStamp;
    target.clear();
    for (std::int32_t p : states[s]) {
      if (!matches(p)) continue;
      for (std::int32_t q : follow[static_cast<std::size_t>(p)])
        if (stamp[static_cast<std::size_t>(q)] != currentStamp) {
          stamp[static_cast<std::size_t>(q)] = currentStamp;
          target.push_back(q);
        }
    }
    if (target.empty()) return Dfa::kDead;
    std::sort(target.begin(), target.end());
    return intern(target);
  };
  for (std::uint32_t s = 0; s < states.size(); ++s) {
    dfa.accepts_.emplace_back();
    ClassMask all;
    for (std::int32_t p : states[s]) {
      const RegexNode& node = tree_.node(p);
      if (node.kind == RegexNode::Kind::Accept) dfa.accepts_[s].push_back(node.accept);
      else all |= leafMask[static_cast<std::size_t>(p)];
    }
    if (outOfBand) {
      auto next = successor(s, [&](std::int32_t p) { return tree_.node(p).kind == RegexNode::Kind::OutOfBand; });
      if (!next) return std::nullopt;
      dfa.outOfBand_.push_back(*next);
    }
    std::sort(dfa.accepts_[s].begin(), dfa.accepts_[s].end());
    dfa.accepts_[s].erase(std::unique(dfa.accepts_[s].begin(), dfa.accepts_[s].end()), dfa.accepts_[s].end());
    groups.assign(1, all);
    for (std::int32_t p : states[s]) {
      const ClassMask& mask = leafMask[static_cast<std::size_t>(p)];
      if (mask.none()) continue;
      for (std::size_t g = 0, count = groups.size(); g < count; ++g) {
        ClassMask inside = groups[g] & mask;
        if (inside.none() || inside == groups[g]) continue;
        groups[g] &= ~mask;
        groups.push_back(inside);
      }
    }
    std::size_t row = dfa.next_.size();
    dfa.next_.resize(row + dfa.classCount_, Dfa::kDead);
    for (const ClassMask& group : groups) {
      if (group.none()) continue;
      std::size_t representative = group._Find_first();
      auto next = successor(s, [&](std::int32_t p) { return leafMask[static_cast<std::size_t>(p)].test(representative); });
      if (!next) return std::nullopt;
      for (std::size_t c = representative; c < dfa.classCount_; c = group._Find_next(c)) dfa.next_[row + c] = *next;
    }
  }
  return dfa;
}

std::uint32_t Dfa::run(const std::string& input) const {
  std::uint32_t s = start_;
  for (char c : input) s = step(s, static_cast<std::uint8_t>(c));
  return s;
}

Dfa::ShortestPaths Dfa::shortestPaths() const {
  // Breadth-first over bytes in increasing order of their class representative gives the shortest,
  // then smallest and most readable, input to each state.
  ShortestPaths paths;
  paths.parent_.assign(stateCount(), -2);
  paths.via_.assign(stateCount(), 0);
  // Letters and digits first, then other printable characters, then the rest, so that witnesses
  // read like paths ("/tmp/a", not "/tmp/ ").
  auto readability = [](std::uint8_t b) { return std::isalnum(b) ? 0 : std::isgraph(b) ? 1 : b == ' ' ? 2 : 3; };
  std::vector<std::uint8_t> bytes;
  for (std::uint16_t c = 0; c < classCount_; ++c) bytes.push_back(representative_[c]);
  std::sort(bytes.begin(), bytes.end(), [&](std::uint8_t a, std::uint8_t b) {
    return std::make_pair(readability(a), a) < std::make_pair(readability(b), b);
  });
  paths.parent_[start_] = -1;
  paths.order_.push_back(start_);
  for (std::size_t i = 0; i < paths.order_.size(); ++i) {
    std::uint32_t s = paths.order_[i];
    for (std::uint8_t byte : bytes) {
      std::uint32_t t = step(s, byte);
      if (t == kDead || paths.parent_[t] != -2) continue;
      paths.parent_[t] = s;
      paths.via_[t] = byte;
      paths.order_.push_back(t);
    }
  }
  return paths;
}

std::string Dfa::ShortestPaths::to(std::uint32_t state) const {
  std::string text;
  for (std::uint32_t t = state; parent_[t] >= 0; t = static_cast<std::uint32_t>(parent_[t])) text += static_cast<char>(via_[t]);
  std::reverse(text.begin(), text.end());
  return text;
}

std::optional<std::string> Dfa::shortestTo(const std::function<bool(std::uint32_t)>& wanted) const {
  ShortestPaths paths = shortestPaths();
  for (std::uint32_t s : paths.order())
    if (wanted(s)) return paths.to(s);
  return std::nullopt;
}

void Dfa::minimize(const std::function<std::uint64_t(std::uint32_t)>& key) {
  const std::uint32_t n = stateCount();
  const std::uint32_t k = symbolCount();  // the byte classes, and the out-of-band symbol as one more
  // Initial partition: by key (or accept set). States whose every future is worth what the dead
  // state is worth end up in the dead state's block, and are removed with it.
  std::vector<std::uint32_t> block(n);
  {
    std::map<std::uint64_t, std::uint32_t> byKey;
    std::map<std::vector<std::uint32_t>, std::uint64_t> acceptIds;
    for (std::uint32_t s = 0; s < n; ++s) {
      std::uint64_t value = key ? key(s) : acceptIds.emplace(accepts_[s], acceptIds.size()).first->second;
      block[s] = byKey.emplace(value, byKey.size()).first->second;
    }
  }
  std::uint32_t blocks = 0;
  for (std::uint32_t b : block) blocks = std::max(blocks, b + 1);

  // Inverse transitions per class, as CSR.
  std::vector<std::uint32_t> inverseStart(static_cast<std::size_t>(k) * (n + 1) + 1, 0), inverse(static_cast<std::size_t>(n) * k);
  for (std::uint32_t s = 0; s < n; ++s)
    for (std::uint32_t c = 0; c < k; ++c) ++inverseStart[c * (n + 1) + target(s, c) + 1];
  for (std::size_t i = 1; i < inverseStart.size(); ++i) inverseStart[i] += inverseStart[i - 1];
  {
    std::vector<std::uint32_t> fill(inverseStart.begin(), inverseStart.end() - 1);
    for (std::uint32_t s = 0; s < n; ++s)
      for (std::uint32_t c = 0; c < k; ++c) inverse[fill[c * (n + 1) + target(s, c)]++] = s;
  }

  // Partition as contiguous ranges of `elements`.
  std::vector<std::uint32_t> elements(n), position(n), first(blocks), end(blocks);
  {
    std::vector<std::uint32_t> counts(blocks + 1, 0);
    for (std::uint32_t s = 0; s < n; ++s) ++counts[block[s] + 1];
    for (std::uint32_t b = 0; b < blocks; ++b) counts[b + 1] += counts[b];
    for (std::uint32_t b = 0; b < blocks; ++b) first[b] = end[b] = counts[b];
    for (std::uint32_t s = 0; s < n; ++s) {
      position[s] = end[block[s]]++;
      elements[position[s]] = s;
    }
  }
  std::vector<std::uint32_t> marked(blocks, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> work;
  std::vector<std::vector<bool>> inWork;
  auto pushWork = [&](std::uint32_t b, std::uint32_t c) {
    if (inWork.size() <= b) inWork.resize(b + 1, std::vector<bool>(k, false));
    if (inWork[b][c]) return;
    inWork[b][c] = true;
    work.emplace_back(b, c);
  };
  for (std::uint32_t b = 0; b < blocks; ++b)
    for (std::uint32_t c = 0; c < k; ++c) pushWork(b, c);

  std::vector<std::uint32_t> touched, splitterStates;
  while (!work.empty()) {
    auto [splitter, c] = work.back();
    work.pop_back();
    inWork[splitter][c] = false;
    touched.clear();
    // Mark every state that reaches the splitter block on class c. Marking reorders blocks, the
    // splitter among them, so its members are read first.
    splitterStates.assign(elements.begin() + first[splitter], elements.begin() + end[splitter]);
    for (std::uint32_t target : splitterStates) {
      std::size_t row = static_cast<std::size_t>(c) * (n + 1) + target;
      for (std::uint32_t j = inverseStart[row]; j < inverseStart[row + 1]; ++j) {
        std::uint32_t s = inverse[j];
        std::uint32_t b = block[s];
        std::uint32_t boundary = first[b] + marked[b];
        if (position[s] < boundary) continue;  // already marked
        if (marked[b] == 0) touched.push_back(b);
        // Swap s to the marked front of its block.
        std::uint32_t other = elements[boundary];
        std::swap(elements[position[s]], elements[boundary]);
        position[other] = position[s];
        position[s] = boundary;
        ++marked[b];
      }
    }
    for (std::uint32_t b : touched) {
      std::uint32_t size = end[b] - first[b];
      if (marked[b] == size) {
        marked[b] = 0;
        continue;
      }
      // Split: the marked front becomes a new block.
      std::uint32_t fresh = blocks++;
      first.push_back(first[b]);
      end.push_back(first[b] + marked[b]);
      marked.push_back(0);
      first[b] = first[b] + marked[b];
      marked[b] = 0;
      for (std::uint32_t i = first[fresh]; i < end[fresh]; ++i) block[elements[i]] = fresh;
      for (std::uint32_t cc = 0; cc < k; ++cc) {
        if (inWork.size() > b && inWork[b][cc]) {
          pushWork(fresh, cc);
        } else {
          std::uint32_t freshSize = end[fresh] - first[fresh], oldSize = end[b] - first[b];
          pushWork(freshSize <= oldSize ? fresh : b, cc);
        }
      }
    }
  }

  // Rebuild with one state per block; the dead state represents its block. A start state that
  // accepts no more than the dead state stays a state of its own: tables start at state 1.
  std::vector<std::uint32_t> representatives(blocks);
  for (std::uint32_t b = 0; b < blocks; ++b) representatives[b] = elements[first[b]];
  representatives[block[kDead]] = kDead;
  if (start_ != kDead && block[start_] == block[kDead]) {
    block[start_] = blocks++;
    representatives.push_back(start_);
  }
  std::vector<std::uint32_t> nextNew(static_cast<std::size_t>(blocks) * classCount_);
  std::vector<std::uint32_t> outOfBandNew(hasOutOfBand() ? blocks : 0);
  std::vector<std::vector<std::uint32_t>> acceptsNew(blocks);
  for (std::uint32_t b = 0; b < blocks; ++b) {
    std::uint32_t representative = representatives[b];
    acceptsNew[b] = accepts_[representative];
    for (std::uint32_t c = 0; c < classCount_; ++c)
      nextNew[static_cast<std::size_t>(b) * classCount_ + c] = block[next(representative, static_cast<std::uint16_t>(c))];
    if (hasOutOfBand()) outOfBandNew[b] = block[outOfBand_[representative]];
  }
  start_ = block[start_];
  next_.swap(nextNew);
  outOfBand_.swap(outOfBandNew);
  accepts_.swap(acceptsNew);
  renumberCanonically();
}

void Dfa::renumberCanonically() {
  const std::uint32_t n = stateCount();
  // Dead state: the state all of whose transitions loop to itself without accepting; after
  // construction it is state 0, after minimization the block that held state 0.
  std::uint32_t dead = kDead;
  for (std::uint32_t s = 0; s < n; ++s) {
    bool sink = accepts_[s].empty();
    for (std::uint32_t c = 0; sink && c < symbolCount(); ++c) sink = target(s, c) == s;
    if (sink) {
      dead = s;
      break;
    }
  }
  std::vector<std::int64_t> newId(n, -1);
  std::vector<std::uint32_t> order;
  newId[dead] = 0;
  order.push_back(dead);
  std::deque<std::uint32_t> queue;
  if (newId[start_] < 0) {
    newId[start_] = static_cast<std::int64_t>(order.size());
    order.push_back(start_);
  }
  queue.push_back(start_);
  std::vector<std::uint16_t> classesByByte;
  {
    std::vector<bool> seen(classCount_, false);
    for (int b = 0; b < 256; ++b) {
      std::uint16_t c = classOf_[static_cast<std::size_t>(b)];
      if (!seen[c]) {
        seen[c] = true;
        classesByByte.push_back(c);
      }
    }
  }
  while (!queue.empty()) {
    std::uint32_t s = queue.front();
    queue.pop_front();
    auto visit = [&](std::uint32_t t) {
      if (newId[t] >= 0) return;
      newId[t] = static_cast<std::int64_t>(order.size());
      order.push_back(t);
      queue.push_back(t);
    };
    for (std::uint16_t c : classesByByte) visit(next(s, c));
    if (hasOutOfBand()) visit(outOfBand_[s]);
  }
  // Unreachable states are dropped.
  std::vector<std::uint32_t> nextNew(order.size() * classCount_);
  std::vector<std::uint32_t> outOfBandNew(hasOutOfBand() ? order.size() : 0);
  std::vector<std::vector<std::uint32_t>> acceptsNew(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    acceptsNew[i] = accepts_[order[i]];
    for (std::uint32_t c = 0; c < classCount_; ++c)
      nextNew[i * classCount_ + c] = static_cast<std::uint32_t>(newId[next(order[i], static_cast<std::uint16_t>(c))]);
    if (hasOutOfBand()) outOfBandNew[i] = static_cast<std::uint32_t>(newId[outOfBand_[order[i]]]);
  }
  start_ = static_cast<std::uint32_t>(newId[start_]);
  next_.swap(nextNew);
  outOfBand_.swap(outOfBandNew);
  accepts_.swap(acceptsNew);
}

}  // namespace aalint::engine

#include "engine/dfa.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace aalint::engine {

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
  std::vector<std::uint16_t> classes(classCount_);
  for (std::uint16_t c = 0; c < classCount_; ++c) classes[c] = c;
  std::sort(classes.begin(), classes.end(), [&](std::uint16_t a, std::uint16_t b) {
    return std::make_pair(readability(representative_[a]), representative_[a]) <
           std::make_pair(readability(representative_[b]), representative_[b]);
  });
  std::vector<std::uint32_t> targets(classCount_);
  paths.parent_[start_] = -1;
  paths.order_.push_back(start_);
  for (std::size_t i = 0; i < paths.order_.size(); ++i) {
    const std::uint32_t s = paths.order_[i];
    targetsOf(s, targets.data());
    for (std::uint16_t c : classes) {
      const std::uint32_t t = targets[c];
      if (t == kDead || paths.parent_[t] != -2) continue;
      paths.parent_[t] = s;
      paths.via_[t] = representative_[c];
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
  // Three steps, so that each one's work arrays are freed before the next allocates its own: a
  // compile's peak memory is the minimization of its largest automaton.
  Partition partition = equivalenceBlocks(key);
  mergeBlocks(partition);
  renumberCanonically();
}

// Hopcroft's partition refinement: the block of each state, states in one block being equivalent.
Dfa::Partition Dfa::equivalenceBlocks(const std::function<std::uint64_t(std::uint32_t)>& key) const {
  const std::uint32_t n = stateCount();
  const std::uint32_t k = symbolCount();  // the byte classes, and the out-of-band symbol as one more
  // Initial partition: by key (or accept set). States whose every future is worth what the dead
  // state is worth end up in the dead state's block, and are removed with it.
  std::vector<std::uint32_t> block(n);
  {
    std::map<std::uint64_t, std::uint32_t> byKey;
    std::map<std::vector<std::uint32_t>, std::uint64_t> acceptIds;
    for (std::uint32_t s = 0; s < n; ++s) {
      std::uint64_t value = key ? key(s) : acceptIds.emplace(accepts_[s].toVector(), acceptIds.size()).first->second;
      block[s] = byKey.emplace(value, byKey.size()).first->second;
    }
  }
  std::uint32_t blocks = 0;
  for (std::uint32_t b : block) blocks = std::max(blocks, b + 1);

  // The loops below read the table class by class: each state's row is looked up once.
  return next_.visitRows([&](auto rowOf) -> Partition {
    std::vector<decltype(rowOf(0))> rows(n);
    for (std::uint32_t s = 0; s < n; ++s) rows[s] = rowOf(s);
    auto target = [&](std::uint32_t s, std::uint32_t c) -> std::uint32_t {
      return c < classCount_ ? rows[s][c] : outOfBand_[s];
    };

    // Inverse transitions, as CSR by target: source and class in one word (states < 2^22, symbols
    // < 2^10), each target's sorted by class, then source. Transitions to the dead state are not
    // stored but found by a scan.
    std::vector<std::uint32_t> inverseStart(static_cast<std::size_t>(n) + 1, 0);
    for (std::uint32_t s = 0; s < n; ++s)
      for (std::uint32_t c = 0; c < k; ++c)
        if (std::uint32_t t = target(s, c); t != kDead) ++inverseStart[t + 1];
    for (std::size_t i = 1; i < inverseStart.size(); ++i) inverseStart[i] += inverseStart[i - 1];
    std::vector<std::uint32_t> inverse(inverseStart.back());
    {
      std::vector<std::uint32_t> fill(inverseStart.begin(), inverseStart.end() - 1);
      for (std::uint32_t c = 0; c < k; ++c)
        for (std::uint32_t s = 0; s < n; ++s)
          if (std::uint32_t t = target(s, c); t != kDead) inverse[fill[t]++] = s << 10 | c;
    }
    auto forEachSource = [&](std::uint32_t t, std::uint32_t c, auto visit) {
      if (t == kDead) {
        for (std::uint32_t s = 0; s < n; ++s)
          if (target(s, c) == kDead) visit(s);
        return;
      }
      const auto end = inverse.begin() + inverseStart[t + 1];
      auto j = std::partition_point(inverse.begin() + inverseStart[t], end,
                                    [c](std::uint32_t entry) { return (entry & 0x3FF) < c; });
      for (; j != end && (*j & 0x3FF) == c; ++j) visit(*j >> 10);
    };

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
    // Splitters are blocks, each taken for every class at once (a worklist of blocks, not of
    // block-class pairs, which would hold blocks × classes entries).
    std::vector<std::uint32_t> work;
    std::vector<bool> inWork;
    auto pushWork = [&](std::uint32_t b) {
      if (inWork.size() <= b) inWork.resize(static_cast<std::size_t>(b) + 1, false);
      if (inWork[b]) return;
      inWork[b] = true;
      work.push_back(b);
    };
    // Every block but one is a splitter to begin with (the automaton is complete, so splitting by
    // the others splits by it too). Left out: the dead state's block, whose predecessors are the
    // expensive ones to find.
    for (std::uint32_t b = 0; b < blocks; ++b)
      if (b != block[kDead]) pushWork(b);

    std::vector<std::uint32_t> touched, splitterStates;
    while (!work.empty()) {
      const std::uint32_t splitter = work.back();
      work.pop_back();
      inWork[splitter] = false;
      // Marking reorders blocks, the splitter among them, so its members are read first.
      splitterStates.assign(elements.begin() + first[splitter], elements.begin() + end[splitter]);
      for (std::uint32_t c = 0; c < k; ++c) {
        touched.clear();
        // Mark every state that reaches the splitter block on class c.
        for (std::uint32_t reached : splitterStates)
          forEachSource(reached, c, [&](std::uint32_t s) {
            std::uint32_t b = block[s];
            std::uint32_t boundary = first[b] + marked[b];
            if (position[s] < boundary) return;  // already marked
            if (marked[b] == 0) touched.push_back(b);
            // Swap s to the marked front of its block.
            std::uint32_t other = elements[boundary];
            std::swap(elements[position[s]], elements[boundary]);
            position[other] = position[s];
            position[s] = boundary;
            ++marked[b];
          });
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
          const bool waiting = b < inWork.size() && inWork[b];
          pushWork(waiting || end[fresh] - first[fresh] <= end[b] - first[b] ? fresh : b);
        }
      }
    }

    // Each block is represented by its first member.
    std::vector<std::uint32_t> representatives(blocks);
    for (std::uint32_t b = 0; b < blocks; ++b) representatives[b] = elements[first[b]];
    return {std::move(block), std::move(representatives)};
  });
}

// One state per block; the dead state represents its block. A start state that accepts no more
// than the dead state stays a state of its own: tables start at state 1.
void Dfa::mergeBlocks(Partition& partition) {
  std::vector<std::uint32_t>& block = partition.block;
  std::vector<std::uint32_t>& representatives = partition.representatives;
  std::uint32_t blocks = static_cast<std::uint32_t>(representatives.size());
  representatives[block[kDead]] = kDead;
  if (start_ != kDead && block[start_] == block[kDead]) {
    block[start_] = blocks++;
    representatives.push_back(start_);
  }
  TransitionRows nextNew(classCount_);
  std::vector<std::uint32_t> targets(classCount_);
  std::vector<std::uint32_t> outOfBandNew(hasOutOfBand() ? blocks : 0);
  AcceptTable acceptsNew;
  for (std::uint32_t b = 0; b < blocks; ++b) {
    std::uint32_t representative = representatives[b];
    acceptsNew.append(accepts_[representative]);
    targetsOf(representative, targets.data());
    for (std::uint32_t& t : targets) t = block[t];
    nextNew.appendRow(targets.data(), blocks - 1);
    if (hasOutOfBand()) outOfBandNew[b] = block[outOfBand_[representative]];
  }
  start_ = block[start_];
  next_ = std::move(nextNew);
  outOfBand_.swap(outOfBandNew);
  accepts_ = std::move(acceptsNew);
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
  std::vector<std::uint32_t> targets(classCount_);
  while (!queue.empty()) {
    std::uint32_t s = queue.front();
    queue.pop_front();
    auto visit = [&](std::uint32_t t) {
      if (newId[t] >= 0) return;
      newId[t] = static_cast<std::int64_t>(order.size());
      order.push_back(t);
      queue.push_back(t);
    };
    targetsOf(s, targets.data());
    for (std::uint16_t c : classesByByte) visit(targets[c]);
    if (hasOutOfBand()) visit(outOfBand_[s]);
  }
  // Unreachable states are dropped.
  TransitionRows nextNew(classCount_);
  std::vector<std::uint32_t> outOfBandNew(hasOutOfBand() ? order.size() : 0);
  AcceptTable acceptsNew;
  for (std::size_t i = 0; i < order.size(); ++i) {
    acceptsNew.append(accepts_[order[i]]);
    targetsOf(order[i], targets.data());
    for (std::uint32_t& t : targets) t = static_cast<std::uint32_t>(newId[t]);
    nextNew.appendRow(targets.data(), static_cast<std::uint32_t>(order.size() - 1));
    if (hasOutOfBand()) outOfBandNew[i] = static_cast<std::uint32_t>(newId[outOfBand_[order[i]]]);
  }
  start_ = static_cast<std::uint32_t>(newId[start_]);
  next_ = std::move(nextNew);
  outOfBand_.swap(outOfBandNew);
  accepts_ = std::move(acceptsNew);
}

}  // namespace aalint::engine

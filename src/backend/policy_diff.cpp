#include "backend/policy_diff.h"

#include <algorithm>
#include <deque>
#include <map>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "support/text.h"

namespace aalint::backend {

namespace {

// A file DFA's accept value with its x-table indexes (owner bits 10-13, other bits 24-27) replaced
// by the names they point to, so that two policies that order their x-tables differently compare
// equal.
struct AcceptValue {
  std::uint32_t accept, accept2;
  std::string ownerTarget, otherTarget;
  bool operator==(const AcceptValue& o) const {
    return std::tie(accept, accept2, ownerTarget, otherTarget) == std::tie(o.accept, o.accept2, o.ownerTarget, o.otherTarget);
  }
};

AcceptValue acceptValue(const DecodedRecord& r, const DecodedDfa& d, std::uint32_t state) {
  AcceptValue v{d.tables.accept(state), d.tables.accept2(state), {}, {}};
  if (d.role != DecodedDfa::Role::File) return v;
  auto resolve = [&](unsigned shift, std::string& into) {
    std::uint32_t index = (v.accept >> shift) & 0xfu;
    if (index < 4) return;
    std::size_t entry = index - 4;
    into = entry < r.xtable.size() ? r.xtable[entry] : fmt::format("<x-table entry {} missing>", entry);
    v.accept &= ~(0xfu << shift);
  };
  resolve(10, v.ownerTarget);
  resolve(24, v.otherTarget);
  return v;
}

std::string describe(const AcceptValue& v) {
  std::string s = fmt::format("accept 0x{:08x} accept2 0x{:08x}", v.accept, v.accept2);
  if (!v.ownerTarget.empty()) s += " -> " + escapeNonPrintable(v.ownerTarget);
  return s;
}

// The shortest input on which the two automata reach states with different accept values. Its
// symbols are bytes and the out-of-band transition (written "<oob>") that separates an
// attachment's path from its xattr values.
bool firstDifference(const DecodedRecord& ra, const DecodedDfa& a, const DecodedRecord& rb, const DecodedDfa& b,
                     std::size_t maxPairs, std::string& detail) {
  constexpr int kOutOfBand = 256;
  struct Pair {
    std::uint32_t a, b;
    bool operator==(const Pair& o) const { return a == o.a && b == o.b; }
  };
  struct PairHash {
    std::size_t operator()(const Pair& p) const { return (static_cast<std::size_t>(p.a) << 32) ^ p.b; }
  };
  std::unordered_map<Pair, std::pair<Pair, int>, PairHash> parent;  // pair -> (previous pair, symbol)
  std::deque<Pair> queue;
  Pair start{a.start, b.start};
  parent[start] = {start, -1};
  queue.push_back(start);
  while (!queue.empty()) {
    Pair p = queue.front();
    queue.pop_front();
    AcceptValue va = acceptValue(ra, a, p.a), vb = acceptValue(rb, b, p.b);
    if (!(va == vb)) {
      std::vector<std::string> symbols;
      for (Pair q = p; parent[q].second >= 0; q = parent[q].first) {
        int symbol = parent[q].second;
        symbols.push_back(symbol == kOutOfBand ? "<oob>" : escapeNonPrintable(std::string(1, static_cast<char>(symbol))));
      }
      std::reverse(symbols.begin(), symbols.end());
      detail = fmt::format("on input \"{}\": {} vs {}", fmt::join(symbols, ""), describe(va), describe(vb));
      return true;
    }
    for (int symbol = 0; symbol <= kOutOfBand; ++symbol) {
      Pair q = symbol == kOutOfBand
                   ? Pair{a.tables.outOfBand(p.a), b.tables.outOfBand(p.b)}
                   : Pair{a.tables.next(p.a, static_cast<std::uint8_t>(symbol)),
                          b.tables.next(p.b, static_cast<std::uint8_t>(symbol))};
      if (q.a == 0 && q.b == 0) continue;  // both dead: nothing more to see
      if (parent.emplace(q, std::make_pair(p, symbol)).second) queue.push_back(q);
      if (parent.size() > maxPairs) {
        // Two hostile automata can pair up billions of states: not the same, as far as aalint can tell.
        detail = fmt::format("not compared: the automata pair up more than {} states", maxPairs);
        return true;
      }
    }
  }
  return false;
}

std::string key(const DecodedRecord& r) { return r.ns.empty() ? r.name : ":" + r.ns + ":" + r.name; }

}  // namespace

std::vector<PolicyDifference> diffPolicies(const DecodedPolicy& a, const DecodedPolicy& b, std::size_t maxPairs) {
  std::vector<PolicyDifference> out;
  std::map<std::string, const DecodedRecord*> left, right;
  for (const DecodedRecord& r : a.records) left[key(r)] = &r;
  for (const DecodedRecord& r : b.records) right[key(r)] = &r;
  for (const auto& [name, r] : left)
    if (!right.count(name)) out.push_back({name, "profile", "only in the first policy"});
  for (const auto& [name, r] : right)
    if (!left.count(name)) out.push_back({name, "profile", "only in the second policy"});
  for (const auto& entry : left) {
    const std::string& name = entry.first;
    const DecodedRecord* ra = entry.second;
    auto it = right.find(name);
    if (it == right.end()) continue;
    const DecodedRecord& rb = *it->second;
    auto field = [&](const char* what, auto x, auto y) {
      if (!(x == y)) out.push_back({name, what, fmt::format("{} vs {}", x, y)});
    };
    field("version", ra->version, rb.version);
    field("hat flag", ra->hatFlag, rb.hatFlag);
    field("mode", ra->mode, rb.mode);
    field("audit", ra->audit, rb.audit);
    field("path flags", ra->pathFlags.value_or(0), rb.pathFlags.value_or(0));
    field("caps allow", fmt::format("0x{:x}", ra->caps[0]), fmt::format("0x{:x}", rb.caps[0]));
    field("caps audit", fmt::format("0x{:x}", ra->caps[1]), fmt::format("0x{:x}", rb.caps[1]));
    field("caps quiet", fmt::format("0x{:x}", ra->caps[2]), fmt::format("0x{:x}", rb.caps[2]));
    field("attachment length", ra->xmatchLength.value_or(0), rb.xmatchLength.value_or(0));
    field("rlimit mask", ra->rlimitMask.value_or(0), rb.rlimitMask.value_or(0));
    if (ra->rlimits != rb.rlimits) out.push_back({name, "rlimits", "different limits"});
    if (ra->xattrs != rb.xattrs) out.push_back({name, "xattrs", "different xattrs"});
    for (auto role : {DecodedDfa::Role::Attachment, DecodedDfa::Role::Policy, DecodedDfa::Role::File}) {
      const DecodedDfa* da = nullptr;
      const DecodedDfa* db = nullptr;
      for (const auto& d : ra->dfas)
        if (d.role == role) da = &d;
      for (const auto& d : rb.dfas)
        if (d.role == role) db = &d;
      std::string what = fmt::format("{} DFA", dfaRoleName(role));
      if (!da && !db) continue;
      if (!da || !db) {
        out.push_back({name, what, da ? "only in the first policy" : "only in the second policy"});
        continue;
      }
      std::string detail;
      if (firstDifference(*ra, *da, rb, *db, maxPairs, detail)) out.push_back({name, what, detail});
    }
  }
  return out;
}

std::vector<PolicyDifference> largerAutomata(const DecodedPolicy& a, const DecodedPolicy& b) {
  std::vector<PolicyDifference> out;
  for (const DecodedRecord& rb : b.records)
    for (const DecodedRecord& ra : a.records) {
      if (key(ra) != key(rb)) continue;
      for (const DecodedDfa& db : rb.dfas)
        for (const DecodedDfa& da : ra.dfas)
          if (da.role == db.role && db.tables.stateCount() > da.tables.stateCount())
            out.push_back({key(rb), fmt::format("{} DFA size", dfaRoleName(db.role)),
                           fmt::format("{} states vs {}", db.tables.stateCount(), da.tables.stateCount())});
    }
  return out;
}

}  // namespace aalint::backend

#include "backend/policy_writer.h"

#include <algorithm>
#include <map>
#include <set>

#include "backend/dfa_tables.h"

namespace aalint::backend {

void StreamWriter::little(std::uint64_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void StreamWriter::taggedString(char tag, const std::string& s) {
  out_.push_back(tag);
  little(s.size() + 1, 2);
  out_ += s;
  out_.push_back('\0');
}

void StreamWriter::name(const std::string& n) { taggedString(4, n); }

void StreamWriter::u32(std::uint32_t v) {
  out_.push_back(2);
  little(v, 4);
}

void StreamWriter::u64(std::uint64_t v) {
  out_.push_back(3);
  little(v, 8);
}

void StreamWriter::string(const std::string& s) { taggedString(5, s); }

void StreamWriter::arrayBegin(std::uint16_t count) {
  out_.push_back(11);
  little(count, 2);
}

void StreamWriter::dfaBlob(const std::string& tables) {
  out_.push_back(6);
  std::size_t afterLength = out_.size() + 4 - recordStart_;
  std::size_t pad = (8 - afterLength % 8) % 8;
  little(pad + tables.size(), 4);
  out_.append(pad, '\0');
  out_ += tables;
}

namespace {

void bigEndian(std::string& out, std::uint64_t v, unsigned bytes) {
  for (unsigned i = bytes; i-- > 0;) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

template <typename T>
void table(std::string& out, std::uint16_t id, const std::vector<T>& values) {
  bigEndian(out, id, 2);
  bigEndian(out, sizeof(T), 2);
  bigEndian(out, 0, 4);
  bigEndian(out, values.size(), 4);
  for (T v : values) bigEndian(out, v, sizeof(T));
  while (out.size() % 8) out.push_back('\0');
}

// The NXT/CHK slot of symbol `symbol` (-1: out of band) of a state whose base is `base`.
std::size_t slot(std::size_t base, int symbol) {
  return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(base) + symbol);
}

// First fit over the NXT/CHK slots: each state gets the lowest base at which every slot it needs
// is free. Candidates are found through the free slots, not by trying every base: a profile of
// 50,000 states would otherwise take minutes.
class SlotAllocator {
public:
  // `symbols`: ascending, -1 standing for the out-of-band slot. The base is at least `lowest`, and
  // the 256 slots from it exist afterwards, as the kernel requires.
  std::size_t place(const std::vector<int>& symbols, std::size_t lowest) {
    // Slots are only ever taken, so a base that did not fit a row of these symbols will not fit
    // the next one: its search starts after the last base given to them.
    // (A row without explicit slots shares any base.)
    std::size_t at = lowest;
    if (!symbols.empty()) {
      std::size_t& cursor = cursors_[symbols];
      at = find(symbols, std::max(lowest, cursor));
      cursor = at + 1;
    }
    for (std::size_t i = used_.size(); i < at + 256; ++i) free_.insert(free_.end(), i);
    if (used_.size() < at + 256) used_.resize(at + 256, false);
    for (int b : symbols) {
      used_[slot(at, b)] = true;
      free_.erase(slot(at, b));
    }
    return at;
  }
  std::size_t size() const { return used_.size(); }

private:
  std::size_t find(const std::vector<int>& symbols, std::size_t lowest) const {
    const int first = symbols.front();
    auto fits = [&](std::size_t at) {
      for (int b : symbols)
        if (slot(at, b) < used_.size() && used_[slot(at, b)]) return false;
      return true;
    };
    // A base fits only if its first symbol's slot is free: free slots below the end, in order,
    // then any base whose slots all lie past the end.
    for (auto it = free_.lower_bound(slot(lowest, first)); it != free_.end(); ++it)
      if (fits(slot(*it, -first))) return slot(*it, -first);
    return std::max<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(lowest),
                                    static_cast<std::ptrdiff_t>(used_.size()) - first);
  }

  std::vector<bool> used_;
  std::set<std::size_t> free_;  // the unused slots below used_.size()
  std::map<std::vector<int>, std::size_t> cursors_;
};

}  // namespace

std::string packTables(const engine::Dfa& dfa,
                       const std::function<std::pair<std::uint32_t, std::uint32_t>(std::uint32_t)>& accept) {
  const std::uint32_t n = dfa.stateCount();
  std::vector<std::uint32_t> accepts(n), accepts2(n), base(n, 0);
  std::vector<std::uint16_t> def(n, 0), nxt, chk;
  // Each state's explicit slots: (symbol, target), symbols ascending, -1 for out of band.
  std::vector<std::vector<std::pair<int, std::uint16_t>>> rows(n);
  // The most common target of a state (by bytes, the lowest on a tie) becomes its default; the
  // other bytes get explicit slots.
  std::vector<std::uint32_t> byClass(dfa.classCount()), classBytes(dfa.classCount(), 0);
  for (int b = 0; b < 256; ++b) ++classBytes[dfa.classOf(static_cast<std::uint8_t>(b))];
  std::vector<std::uint32_t> bytesTo(n, 0);  // per target, while a state is tallied
  for (std::uint32_t s = 0; s < n; ++s) {
    std::tie(accepts[s], accepts2[s]) = accept(s);
    dfa.targetsOf(s, byClass.data());
    for (std::uint32_t c = 0; c < dfa.classCount(); ++c) bytesTo[byClass[c]] += classBytes[c];
    std::uint32_t fallback = byClass[0];
    for (std::uint32_t t : byClass)
      if (bytesTo[t] > bytesTo[fallback] || (bytesTo[t] == bytesTo[fallback] && t < fallback)) fallback = t;
    for (std::uint32_t t : byClass) bytesTo[t] = 0;
    def[s] = static_cast<std::uint16_t>(fallback);
    // The out-of-band transition takes the slot just before the base (the kernel steps on -1), so
    // such a state's base is at least 1 (the kernel's max_oob).
    if (dfa.outOfBand(s) != engine::Dfa::kDead) rows[s].emplace_back(-1, dfa.outOfBand(s));
    for (int b = 0; b < 256; ++b)
      if (std::uint32_t t = byClass[dfa.classOf(static_cast<std::uint8_t>(b))]; t != fallback)
        rows[s].emplace_back(b, static_cast<std::uint16_t>(t));
  }
  // Dense rows first, while the table has few holes; the sparse ones then fill the holes quickly.
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t s = 0; s < n; ++s) order[s] = s;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return rows[a].size() > rows[b].size(); });
  SlotAllocator slots;
  std::vector<int> symbols;
  for (std::uint32_t s : order) {
    symbols.clear();
    for (const auto& entry : rows[s]) symbols.push_back(entry.first);
    const bool outOfBand = !symbols.empty() && symbols.front() < 0;
    std::size_t at = slots.place(symbols, outOfBand ? 1 : 0);
    base[s] = static_cast<std::uint32_t>(at) | (outOfBand ? DfaTables::kOutOfBandFlag : 0);
    nxt.resize(slots.size(), 0);
    chk.resize(slots.size(), 0);
    for (const auto& [symbol, to] : rows[s]) {
      nxt[slot(at, symbol)] = to;
      chk[slot(at, symbol)] = static_cast<std::uint16_t>(s);
    }
  }
  std::string tables;
  table(tables, 1, accepts);
  table(tables, 7, accepts2);
  table(tables, 2, base);
  table(tables, 4, def);
  table(tables, 8, nxt);
  table(tables, 3, chk);
  std::string header;
  bigEndian(header, 0x1B5E783D, 4);
  bigEndian(header, 24, 4);
  bigEndian(header, 24 + tables.size(), 4);
  bigEndian(header, dfa.hasOutOfBand() ? DfaTables::kOutOfBandHeaderFlag : 0, 2);
  header += std::string("notflex\0\0", 9);
  header.resize(24, '\0');
  return header + tables;
}

}  // namespace aalint::backend

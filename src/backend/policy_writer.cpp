#include "backend/policy_writer.h"

#include "backend/dfa_tables.h"

#include <algorithm>
#include <array>
#include <map>

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

}  // namespace

// The NXT/CHK slot of symbol `symbol` (-1: out of band) of a state whose base is `base`.
static std::size_t slot(std::size_t base, int symbol) {
  return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(base) + symbol);
}

std::string packTables(const engine::Dfa& dfa,
                       const std::function<std::pair<std::uint32_t, std::uint32_t>(std::uint32_t)>& accept) {
  const std::uint32_t n = dfa.stateCount();
  std::vector<std::uint32_t> accepts(n), accepts2(n), base(n, 0);
  std::vector<std::uint16_t> def(n, 0), nxt, chk;
  std::vector<bool> used;
  for (std::uint32_t s = 0; s < n; ++s) {
    std::tie(accepts[s], accepts2[s]) = accept(s);
    // The most common target becomes the default; the other bytes get explicit slots.
    std::array<std::uint32_t, 256> target{};
    std::map<std::uint32_t, int> counts;
    for (int b = 0; b < 256; ++b) {
      target[static_cast<std::size_t>(b)] = dfa.step(s, static_cast<std::uint8_t>(b));
      ++counts[target[static_cast<std::size_t>(b)]];
    }
    std::uint32_t fallback = 0;
    int best = -1;
    for (const auto& [t, count] : counts)
      if (count > best) best = count, fallback = t;
    def[s] = static_cast<std::uint16_t>(fallback);
    std::vector<int> explicitBytes;
    for (int b = 0; b < 256; ++b)
      if (target[static_cast<std::size_t>(b)] != fallback) explicitBytes.push_back(b);
    // The out-of-band transition takes the slot just before the base (the kernel steps on -1), so
    // such a state's base is at least 1 (the kernel's max_oob).
    const std::uint32_t outOfBand = dfa.outOfBand(s);
    if (outOfBand != engine::Dfa::kDead) explicitBytes.insert(explicitBytes.begin(), -1);
    // First fit: the lowest base whose slots for these bytes are all free.
    std::size_t at = outOfBand != engine::Dfa::kDead ? 1 : 0;
    for (;; ++at) {
      bool fits = true;
      for (int b : explicitBytes)
        if (slot(at, b) < used.size() && used[slot(at, b)]) {
          fits = false;
          break;
        }
      if (fits) break;
    }
    base[s] = static_cast<std::uint32_t>(at) | (outOfBand != engine::Dfa::kDead ? DfaTables::kOutOfBandFlag : 0);
    if (used.size() < at + 256) {
      used.resize(at + 256, false);
      nxt.resize(at + 256, 0);
      chk.resize(at + 256, 0);
    }
    for (int b : explicitBytes) {
      used[slot(at, b)] = true;
      nxt[slot(at, b)] = static_cast<std::uint16_t>(b < 0 ? outOfBand : target[static_cast<std::size_t>(b)]);
      chk[slot(at, b)] = static_cast<std::uint16_t>(s);
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

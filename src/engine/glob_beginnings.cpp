#include "engine/glob_beginnings.h"

#include <cctype>

#include "engine/glob.h"

namespace aalint::engine {

namespace {

// How far a beginning reaches: to the first wildcard, or past the wildcards that stay within a
// path component.
enum class Reach { Literal, Patterns };

constexpr std::size_t kMany = 64;

// The "]" that closes a class opened at glob[from - 1] (the first one not escaped, as the glob
// converter reads it), or npos.
std::size_t classClose(const std::string& glob, std::size_t from) {
  for (std::size_t k = from; k < glob.size(); ++k) {
    if (glob[k] == '\\') ++k;
    else if (glob[k] == ']') return k;
  }
  return std::string::npos;
}

// Whether the readers of a glob's text below stop at `c`: an escape, a variable, or a "^", "}", ","
// or "]" outside what they read as a class or an alternation.
bool outOfReach(char c) { return c == '\\' || c == '@' || c == '^' || c == '}' || c == ',' || c == ']'; }

// The last character of the wildcard at glob[at] when a pattern beginning can hold it, else npos:
// "**" crosses components, and a class with an escape, or empty, is left to the automaton.
std::size_t wildcardEnd(const std::string& glob, std::size_t at) {
  if (glob[at] == '?') return at;
  if (glob[at] == '*') return at + 1 < glob.size() && glob[at + 1] == '*' ? std::string::npos : at;
  std::size_t close = classClose(glob, at + 1);
  if (close == std::string::npos) return close;
  const std::string content = glob.substr(at + 1, close - at - 1);
  if (content.empty() || content == "^" || content.find('\\') != std::string::npos) return std::string::npos;
  return close;
}

// The closing brace of the alternation opened at glob[at], or npos when it is unbalanced; its
// branches (from, to) are added to `branches`.
std::size_t alternationEnd(const std::string& glob, std::size_t at,
                           std::vector<std::pair<std::size_t, std::size_t>>& branches) {
  std::size_t depth = 0, start = at + 1;
  for (std::size_t k = at + 1; k < glob.size(); ++k) {
    if (glob[k] == '\\') ++k;
    else if (glob[k] == '[') { k = classClose(glob, k + 1); if (k == std::string::npos) break; }
    else if (glob[k] == '{') ++depth;
    else if (glob[k] == '}' && depth-- == 0) { branches.emplace_back(start, k); return k; }
    else if (glob[k] == ',' && depth == 0) { branches.emplace_back(start, k); start = k + 1; }
  }
  return std::string::npos;
}

// Appends glob[from, to) read backwards to `out`, as a glob: its units (a byte, a class, a run of
// stars, an alternation whose branches are read backwards) in reverse order. False at an escape or
// a variable (units of several bytes, rare in paths) and at an unbalanced class or alternation.
bool appendReversed(const std::string& glob, std::size_t from, std::size_t to, std::string& out) {
  std::vector<std::string> units;
  for (std::size_t k = from; k < to;) {
    const char c = glob[k];
    std::size_t end = k + 1;
    if (c == '\\' || c == '}' || (c == '@' && end < to && glob[end] == '{')) return false;
    if (c == '*') {
      while (end < to && glob[end] == '*') ++end;
    } else if (c == '[') {
      const std::size_t close = classClose(glob, k + 1);
      if (close == std::string::npos || close >= to) return false;
      end = close + 1;
    } else if (c == '{') {
      std::vector<std::pair<std::size_t, std::size_t>> branches;
      const std::size_t close = alternationEnd(glob, k, branches);
      if (close == std::string::npos || close >= to) return false;
      std::string alternation = "{";
      for (std::size_t b = 0; b < branches.size(); ++b) {
        if (b > 0) alternation += ',';
        if (!appendReversed(glob, branches[b].first, branches[b].second, alternation)) return false;
      }
      units.push_back(alternation + '}');
      k = close + 1;
      continue;
    }
    units.push_back(glob.substr(k, end - k));
    k = end;
  }
  for (auto unit = units.rbegin(); unit != units.rend(); ++unit) out += *unit;
  return true;
}

// A beginning of a glob, and whether the glob ends with it (then so does every path it matches
// there) or goes on (with anything, as far as the beginning can tell).
struct Beginning {
  std::string text;
  bool complete;
};

// Adds the beginnings of glob[at...] after `prefix` to `out`; false when they would be too many to
// be worth it (then `out` is left as it is: the caller gives up at once, as alternations in a row
// would otherwise be explored exponentially).
bool collect(const std::string& glob, std::size_t at, std::string prefix, Reach reach, std::vector<Beginning>& out) {
  while (at < glob.size()) {
    char c = glob[at];
    if (outOfReach(c)) break;
    if (c == '*' || c == '?' || c == '[') {
      std::size_t end = reach == Reach::Patterns ? wildcardEnd(glob, at) : std::string::npos;
      if (end == std::string::npos) break;
      prefix.append(glob, at, end - at + 1);
      at = end + 1;
      continue;
    }
    if (c != '{') {
      prefix += c;
      ++at;
      continue;
    }
    // The branches of this alternation, up to its closing brace; each read to its end continues
    // after it.
    std::vector<std::pair<std::size_t, std::size_t>> branches;
    const std::size_t close = alternationEnd(glob, at, branches);
    if (close == std::string::npos) break;  // unbalanced: stop here
    for (auto [from, to] : branches) {
      std::vector<Beginning> inner;
      if (!collect(glob.substr(from, to - from), 0, "", reach, inner)) inner.assign(1, Beginning{"", false});
      for (const Beginning& branch : inner) {
        if (branch.complete && !collect(glob, close + 1, prefix + branch.text, reach, out)) return false;
        if (!branch.complete) out.push_back({prefix + branch.text, false});
        if (out.size() >= kMany) return false;
      }
    }
    return true;
  }
  out.push_back({prefix, at == glob.size()});
  return out.size() < kMany;
}

// Of a glob whose slashes are filtered.
std::vector<Beginning> beginnings(const std::string& glob, Reach reach) {
  std::vector<Beginning> out;
  if (!collect(glob, 0, "", reach, out)) return {Beginning{"", false}};  // anything
  return out;
}

// The bytes of a class's content, read as the regular-expression parser reads it ("^" negates,
// "a-z" is a range unless the "-" is last).
ByteSet classBytes(const std::string& content) {
  ByteSet set;
  std::size_t i = content[0] == '^' ? 1 : 0;
  while (i < content.size()) {
    auto low = static_cast<unsigned char>(content[i]), high = low;
    if (i + 2 < content.size() && content[i + 1] == '-') {
      high = static_cast<unsigned char>(content[i + 2]);
      i += 3;
    } else {
      ++i;
    }
    for (unsigned b = low; b <= high; ++b) set.set(b);
  }
  if (content[0] == '^') set.flip();
  return set;
}

const ByteSet& notSlash() {
  static const ByteSet set = ~ByteSet().set('/');
  return set;
}

// The bytes of the class opened at glob[at], and its "]" in `close`; nullopt when the class is
// unbalanced, empty, or holds an escape or a "[" (left to the automaton).
std::optional<ByteSet> readableClass(const std::string& glob, std::size_t at, std::size_t& close) {
  close = classClose(glob, at + 1);
  if (close == std::string::npos || close == at + 1) return std::nullopt;
  const std::string content = glob.substr(at + 1, close - at - 1);
  if (content.find_first_of("\\[") != std::string::npos) return std::nullopt;
  return classBytes(content);
}

// Appends to `out` a string that glob[from, to) matches: each wildcard read as "x", a class as its
// first letter or digit, an alternation as its first branch. False where that is not sure: an
// escape, a variable, a class without a letter or digit, an unbalanced class or alternation.
bool appendExample(const std::string& glob, std::size_t from, std::size_t to, std::string& out) {
  for (std::size_t k = from; k < to;) {
    const char c = glob[k];
    if (outOfReach(c)) return false;
    if (c == '*' || c == '?') {
      out += 'x';
      while (++k < to && glob[k] == '*') {
      }
    } else if (c == '[') {
      std::size_t close;
      const std::optional<ByteSet> bytes = readableClass(glob, k, close);
      if (!bytes || close >= to) return false;
      int letter = 0;
      while (letter < 256 && !(bytes->test(static_cast<std::size_t>(letter)) && std::isalnum(letter))) ++letter;
      if (letter == 256) return false;
      out += static_cast<char>(letter);
      k = close + 1;
    } else if (c == '{') {
      std::vector<std::pair<std::size_t, std::size_t>> branches;
      const std::size_t close = alternationEnd(glob, k, branches);
      if (close == std::string::npos || close >= to) return false;
      if (!appendExample(glob, branches[0].first, branches[0].second, out)) return false;
      k = close + 1;
    } else {
      out += c;
      ++k;
    }
  }
  return true;
}

// Whether glob[at...] may match path[from...]; true where the text does not tell (an escape, a
// variable, an odd class or brace) and once `steps` are spent. A star may match nothing here.
bool mayMatchFrom(const std::string& glob, std::size_t at, const std::string& path, std::size_t from,
                  std::size_t& steps) {
  while (at < glob.size()) {
    if (steps == 0) return true;
    --steps;
    const char c = glob[at];
    if (outOfReach(c)) return true;
    if (c == '*') {
      std::size_t end = at;
      while (end < glob.size() && glob[end] == '*') ++end;
      const bool crossesSlashes = end - at > 1;
      for (std::size_t k = from;; ++k) {
        if (mayMatchFrom(glob, end, path, k, steps)) return true;
        if (k == path.size() || (path[k] == '/' && !crossesSlashes)) return false;
      }
    }
    if (c == '{') {
      std::vector<std::pair<std::size_t, std::size_t>> branches;
      const std::size_t close = alternationEnd(glob, at, branches);
      if (close == std::string::npos) return true;
      for (auto [branchFrom, branchTo] : branches) {
        const std::string rest = glob.substr(branchFrom, branchTo - branchFrom) + glob.substr(close + 1);
        if (mayMatchFrom(rest, 0, path, from, steps)) return true;
      }
      return false;
    }
    if (from == path.size()) return false;
    const auto byte = static_cast<unsigned char>(path[from]);
    if (c == '?') {
      if (byte == '/') return false;
      ++at;
    } else if (c == '[') {
      std::size_t close;
      const std::optional<ByteSet> bytes = readableClass(glob, at, close);
      if (!bytes) return true;
      if (!bytes->test(byte)) return false;
      at = close + 1;
    } else {
      if (byte != static_cast<unsigned char>(c)) return false;
      ++at;
    }
    ++from;
  }
  return from == path.size();
}

}  // namespace

std::vector<std::string> literalPrefixes(const std::string& glob) {
  std::vector<std::string> texts;
  for (Beginning& beginning : beginnings(filterSlashes(glob), Reach::Literal))
    texts.push_back(std::move(beginning.text));
  return texts;
}

std::optional<std::string> examplePath(const std::string& glob) {
  const std::string filtered = filterSlashes(glob);
  std::string path;
  if (!appendExample(filtered, 0, filtered.size(), path) || path.find("//") != std::string::npos) return std::nullopt;
  return path;
}

bool mayMatch(const std::string& glob, const std::string& path) {
  std::size_t steps = 4096;
  return mayMatchFrom(filterSlashes(glob), 0, path, 0, steps);
}

bool mayMeet(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a)
    for (const std::string& y : b)
      if (x.compare(0, y.size(), y) == 0 || y.compare(0, x.size(), x) == 0) return true;
  return false;
}

PatternBeginnings::PatternBeginnings(const std::string& glob) { add(filterSlashes(glob)); }

PatternBeginnings PatternBeginnings::endingsOf(const std::string& glob) {
  const std::string filtered = filterSlashes(glob);
  std::string backwards;
  if (!appendReversed(filtered, 0, filtered.size(), backwards)) backwards = "**";  // anything
  PatternBeginnings endings;
  endings.add(backwards);  // not filtered again: a path that begins "//" ends "//" read backwards
  return endings;
}

void PatternBeginnings::add(const std::string& glob) {
  std::vector<Beginning> beginningsOfGlob = beginnings(glob, Reach::Patterns);
  if (beginningsOfGlob.size() == 1 && beginningsOfGlob[0].text.empty() && !beginningsOfGlob[0].complete)
    beginningsOfGlob = beginnings(glob, Reach::Literal);
  nodes_.push_back({{Token::Kind::Byte, 0, 0}});  // the root
  for (const auto& [pattern, complete] : beginningsOfGlob) {
    std::uint32_t at = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const auto c = static_cast<std::uint8_t>(pattern[i]);
      Token token{Token::Kind::Byte, c, 0};
      if (c == '*') {
        token = {Token::Kind::Star, 0, 0};
      } else if (c == '?') {
        token = {Token::Kind::NotSlash, 0, 0};
      } else if (c == '[') {
        const std::size_t close = pattern.find(']', i + 1);
        token = {Token::Kind::Set, 0, setIndex(classBytes(pattern.substr(i + 1, close - i - 1)))};
        i = close;
      }
      at = childOf(at, token);
    }
    (complete ? nodes_[at].complete : nodes_[at].open) = true;
  }
}

std::uint32_t PatternBeginnings::childOf(std::uint32_t parent, const Token& token) {
  std::uint32_t* link = &nodes_[parent].firstChild;
  while (*link != kNone) {
    if (nodes_[*link].token == token) return *link;
    link = &nodes_[*link].nextSibling;
  }
  *link = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back({token});
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

std::uint16_t PatternBeginnings::setIndex(const ByteSet& set) {
  for (std::size_t k = 0; k < sets_.size(); ++k)
    if (sets_[k] == set) return static_cast<std::uint16_t>(k);
  sets_.push_back(set);
  return static_cast<std::uint16_t>(sets_.size() - 1);
}

std::uint32_t PatternBeginnings::plainStep(std::uint32_t node) const {
  const std::uint32_t child = nodes_[node].firstChild;
  if (nodes_[node].token.kind == Token::Kind::Star || child == kNone || nodes_[child].nextSibling != kNone ||
      nodes_[child].token.kind != Token::Kind::Byte)
    return kNone;
  return child;
}

template <typename Step>
void PatternBeginnings::forEachStep(std::uint32_t node, Step step) const {
  if (node != 0 && nodes_[node].token.kind == Token::Kind::Star) step(Token{Token::Kind::NotSlash, 0, 0}, node);
  for (std::uint32_t child = nodes_[node].firstChild; child != kNone; child = nodes_[child].nextSibling)
    if (nodes_[child].token.kind != Token::Kind::Star) step(nodes_[child].token, child);
}

bool PatternBeginnings::overlap(const Token& mine, const PatternBeginnings& other, const Token& theirs) const {
  using Kind = Token::Kind;
  auto admits = [](const Token& token, const std::vector<ByteSet>& sets, std::uint8_t c) {
    if (token.kind == Kind::Byte) return token.byte == c;
    return token.kind == Kind::Set ? sets[token.set].test(c) : c != '/';
  };
  if (mine.kind == Kind::Byte) return admits(theirs, other.sets_, mine.byte);
  if (theirs.kind == Kind::Byte) return admits(mine, sets_, theirs.byte);
  const ByteSet& a = mine.kind == Kind::Set ? sets_[mine.set] : notSlash();
  const ByteSet& b = theirs.kind == Kind::Set ? other.sets_[theirs.set] : notSlash();
  return (a & b).any();
}

// Both tries read one string at once: a pair of nodes (u, v) says that some string leads from the
// root to u in this trie and to v in the other. Reaching the end of a beginning that goes on in
// either means that a string it matches begins one that a beginning of the other matches; the ends
// of both globs at once, that they match a string in common.
bool PatternBeginnings::mayMeet(const PatternBeginnings& other, std::size_t& budget) const {
  const std::size_t width = other.nodes_.size(), pairs = nodes_.size() * width;
  constexpr std::size_t kMaxPairs = std::size_t{1} << 24;
  if (pairs > kMaxPairs) return true;  // too large to ask: they may
  thread_local std::vector<std::uint64_t> seen;
  thread_local std::vector<std::size_t> touched;  // the words of seen to clear afterwards
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> pending;
  if (seen.size() < (pairs + 63) / 64) seen.resize((pairs + 63) / 64);
  pending.clear();
  bool spent = false;
  auto reach = [&](std::uint32_t u, std::uint32_t v) {
    const std::size_t bit = u * width + v;
    if (seen[bit / 64] >> (bit % 64) & 1) return;
    if (budget == 0) {
      spent = true;
      return;
    }
    --budget;
    if (seen[bit / 64] == 0) touched.push_back(bit / 64);
    seen[bit / 64] |= std::uint64_t{1} << (bit % 64);
    pending.emplace_back(u, v);
  };
  reach(0, 0);
  auto meetAt = [&](std::uint32_t u, std::uint32_t v) {
    const Node &mine = nodes_[u], &theirs = other.nodes_[v];
    return mine.open || theirs.open || (mine.complete && theirs.complete);
  };
  bool meet = false;
  while (!pending.empty() && !meet && !spent) {
    std::uint32_t u = pending.back().first, v = pending.back().second;
    pending.pop_back();
    while (!meetAt(u, v)) {  // through the bytes that both read alone
      const std::uint32_t c = plainStep(u), d = other.plainStep(v);
      if (c == kNone || d == kNone) break;
      if (nodes_[c].token.byte != other.nodes_[d].token.byte) {
        u = v = kNone;
        break;
      }
      u = c;
      v = d;
    }
    if (u == kNone) continue;
    if (meetAt(u, v)) {
      meet = true;
      break;
    }
    for (std::uint32_t c = nodes_[u].firstChild; c != kNone; c = nodes_[c].nextSibling)
      if (nodes_[c].token.kind == Token::Kind::Star) reach(c, v);  // a star may match nothing
    for (std::uint32_t d = other.nodes_[v].firstChild; d != kNone; d = other.nodes_[d].nextSibling)
      if (other.nodes_[d].token.kind == Token::Kind::Star) reach(u, d);
    forEachStep(u, [&](const Token& mine, std::uint32_t to) {
      other.forEachStep(v, [&](const Token& theirs, std::uint32_t otherTo) {
        if (overlap(mine, other, theirs)) reach(to, otherTo);
      });
    });
  }
  for (std::size_t word : touched) seen[word] = 0;
  touched.clear();
  return meet || spent;
}

}  // namespace aalint::engine

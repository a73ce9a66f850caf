// The beginnings of a glob: cheap tests of whether two globs can match a common path before any
// automaton is built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/regex.h"

namespace aalint::engine {

// The literal beginnings of a glob (after slash filtering): up to its first wildcard, escape or
// variable, one per branch of the alternations met on the way ("{/home/*/,/root/}x" gives "/home/"
// and "/root/x"). Every path the glob matches begins with one of them. Few; an empty string
// (anything) when there would be too many.
std::vector<std::string> literalPrefixes(const std::string& glob);

// A path the glob matches, read from its text ("/usr/lib/*.so*" gives "/usr/lib/x.sox"), without
// building its automaton; nullopt when its text does not make one sure (an escape, a variable) or
// the path would hold "//".
std::optional<std::string> examplePath(const std::string& glob);

// Whether the glob may match the path, read from its text: false only when it certainly does not.
// (A star is let match nothing even where the glob converter asks for a character, and a text it
// does not read, such as an escape or a variable, or too long a search, answers that it may.)
bool mayMatch(const std::string& glob, const std::string& path);

// Whether globs with these beginnings may match a common path: a beginning of one begins one of the
// other's. When not, they certainly match none.
bool mayMeet(const std::vector<std::string>& a, const std::vector<std::string>& b);

// The beginnings of a glob as patterns: like its literal beginnings, but reaching on past "*", "?"
// and character classes, which match within a path component, up to its first "**", escape or
// variable ("{/home/*,/root}/.fonts/**" gives "/home/*/.fonts/" and "/root/.fonts/"). Every path the
// glob matches begins with a string that one of them matches. When the alternations would make too
// many, the literal beginnings.
class PatternBeginnings {
public:
  // A budget for the questions about one profile: Debian's largest look at about 50,000 pairs.
  static constexpr std::size_t kPairsPerProfile = std::size_t{1} << 21;

  explicit PatternBeginnings(const std::string& glob);
  // The pattern beginnings of a glob read backwards: every path the glob matches, read backwards,
  // begins with a string that one of them matches. Globs whose endings do not meet match no path
  // in common ("/**.png" and "/etc/shadow", "/usr/lib/**.so" and "/usr/lib/**.py"). A glob with an
  // escape or a variable has endings that match anything.
  static PatternBeginnings endingsOf(const std::string& glob);

  // Whether a string matched by a beginning of one begins a string matched by a beginning of the
  // other (the same string, where both globs end with their beginnings: "/home/*/" does not meet
  // "/home/*/.cache/"). When not, the globs certainly match no path in common ("/home/*/.fonts/**" and
  // "/home/*/.config/app/**", "/proc/[1-9]*/status" and "/proc/sys/**"). `budget` is how many
  // pairs of positions the caller's questions may still look at: once it is spent the answer is
  // that they may, so that hostile globs (long runs of stars, asked of each other in thousands of
  // pairs) cost bounded time.
  bool mayMeet(const PatternBeginnings& other, std::size_t& budget) const;

private:
  PatternBeginnings() = default;
  void add(const std::string& glob);  // its beginnings, of a glob whose slashes are filtered
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  struct Token {
    enum class Kind : std::uint8_t { Byte, NotSlash, Star, Set } kind;  // "?" is NotSlash; a class, Set
    std::uint8_t byte;
    std::uint16_t set;  // into sets_
    bool operator==(const Token& other) const {
      return kind == other.kind && byte == other.byte && set == other.set;
    }
  };
  // The beginnings as a trie of their tokens.
  struct Node {
    Token token;  // on the edge from the parent
    std::uint32_t firstChild = kNone, nextSibling = kNone;
    bool open = false;      // a beginning that goes on ends here: anything may follow
    bool complete = false;  // the glob ends here
  };
  std::uint32_t childOf(std::uint32_t parent, const Token& token);
  std::uint16_t setIndex(const ByteSet& set);
  // Calls `step(token, to)` for each token that leaves `node` by consuming a byte; a node reached
  // by a star may consume more bytes of that star and stay where it is.
  // The only way on from `node` when that is one byte (no branch, no star), else kNone.
  std::uint32_t plainStep(std::uint32_t node) const;
  template <typename Step>
  void forEachStep(std::uint32_t node, Step step) const;
  bool overlap(const Token& mine, const PatternBeginnings& other, const Token& theirs) const;

  std::vector<Node> nodes_;
  std::vector<ByteSet> sets_;
};

}  // namespace aalint::engine

#include "engine/regex.h"

#include <cctype>

namespace aalint::engine {

std::int32_t RegexTree::add(RegexNode node) {
  nodes_.push_back(node);
  return static_cast<std::int32_t>(nodes_.size() - 1);
}
RegexTree RegexTree::withSameByteSets() const {
  RegexTree tree;
  tree.byteSets_ = byteSets_;
  tree.singleByte_ = singleByte_;
  tree.otherSets_ = otherSets_;
  return tree;
}

std::int32_t RegexTree::addFrom(const RegexTree& from, RegexNode node) {
  const bool sameIndex = node.kind != RegexNode::Kind::Bytes ||
                         (node.byteSet < byteSets_.size() && byteSets_[node.byteSet] == from.bytesOf(node));
  return sameIndex ? add(node) : bytes(from.bytesOf(node));
}
std::int32_t RegexTree::empty() { return add(RegexNode{}); }
std::int32_t RegexTree::bytes(const ByteSet& set) {
  if (const int sole = soleByte(set); sole >= 0) return byte(static_cast<std::uint8_t>(sole));
  std::uint32_t& index = otherSets_.try_emplace(set, kNoSet).first->second;
  if (index == kNoSet) {
    index = static_cast<std::uint32_t>(byteSets_.size());
    byteSets_.push_back(set);
  }
  return leaf(index);
}
std::int32_t RegexTree::byte(std::uint8_t b) {
  std::uint32_t& index = singleByte_[b];
  if (index == kNoSet) {
    index = static_cast<std::uint32_t>(byteSets_.size());
    byteSets_.emplace_back().set(b);
  }
  return leaf(index);
}
std::int32_t RegexTree::leaf(std::uint32_t byteSet) {
  RegexNode n;
  n.kind = RegexNode::Kind::Bytes;
  n.byteSet = byteSet;
  return add(n);
}
static RegexNode binary(RegexNode::Kind kind, std::int32_t a, std::int32_t b) {
  RegexNode n;
  n.kind = kind;
  n.left = a;
  n.right = b;
  return n;
}
std::int32_t RegexTree::cat(std::int32_t a, std::int32_t b) { return add(binary(RegexNode::Kind::Cat, a, b)); }
std::int32_t RegexTree::alt(std::int32_t a, std::int32_t b) { return add(binary(RegexNode::Kind::Alt, a, b)); }
std::int32_t RegexTree::star(std::int32_t a) { return add(binary(RegexNode::Kind::Star, a, -1)); }
std::int32_t RegexTree::plus(std::int32_t a) { return add(binary(RegexNode::Kind::Plus, a, -1)); }
std::int32_t RegexTree::accept(std::uint32_t id) {
  RegexNode n;
  n.kind = RegexNode::Kind::Accept;
  n.accept = id;
  return add(n);
}

std::int32_t RegexTree::outOfBand() {
  RegexNode n;
  n.kind = RegexNode::Kind::OutOfBand;
  return add(n);
}

bool RegexTree::exactFrom(std::size_t first) const {
  for (std::size_t i = first; i < nodes_.size(); ++i) {
    const RegexNode& n = nodes_[i];
    if (n.kind == RegexNode::Kind::Star || n.kind == RegexNode::Kind::Plus) return false;
    if (n.kind == RegexNode::Kind::Bytes && soleByte(bytesOf(n)) < 0) return false;
  }
  return true;
}

namespace {

class RegexParser {
public:
  RegexParser(const std::string& text, RegexTree& tree) : text_(text), tree_(tree) {}

  RegexParse run() {
    RegexParse result;
    std::int32_t root = alternation(0);
    if (!error_ && pos_ < text_.size()) fail(text_[pos_] == ')' ? "')' without a matching '('" : "unexpected character");
    if (error_) {
      result.error = error_;
      return result;
    }
    result.root = root;
    return result;
  }

private:
  static constexpr int kMaxDepth = 1000;

  void fail(const char* message) {
    if (!error_) error_ = RegexError{pos_, message};
  }
  bool atEnd() const { return pos_ >= text_.size(); }

  std::int32_t alternation(int depth) {
    if (depth > kMaxDepth) {
      fail("groups nest too deeply");
      return tree_.empty();
    }
    std::int32_t left = concatenation(depth);
    while (!error_ && !atEnd() && text_[pos_] == '|') {
      ++pos_;
      left = tree_.alt(left, concatenation(depth));
    }
    return left;
  }

  std::int32_t concatenation(int depth) {
    std::int32_t result = -1;
    while (!error_ && !atEnd() && text_[pos_] != '|' && text_[pos_] != ')') {
      std::int32_t atom = repetition(depth);
      result = result < 0 ? atom : tree_.cat(result, atom);
    }
    return result < 0 ? tree_.empty() : result;
  }

  std::int32_t repetition(int depth) {
    std::int32_t atom = this->atom(depth);
    while (!error_ && !atEnd() && (text_[pos_] == '*' || text_[pos_] == '+')) {
      atom = text_[pos_] == '*' ? tree_.star(atom) : tree_.plus(atom);
      ++pos_;
    }
    return atom;
  }

  // Decodes the escape after a backslash at pos_ - 1; advances pos_.
  int escaped() {
    if (atEnd()) {
      fail("a trailing '\\' escapes nothing");
      return 0;
    }
    char c = text_[pos_++];
    auto number = [&](int base, std::size_t maxDigits) {
      int value = 0;
      std::size_t n = 0;
      while (!atEnd() && n < maxDigits) {
        char d = text_[pos_];
        int digit = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                    : (base == 16 && std::isxdigit(static_cast<unsigned char>(d))) ? std::tolower(d) - 'a' + 10
                                                                                   : 99;
        if (digit >= base) break;
        value = value * base + digit;
        ++pos_;
        ++n;
      }
      if (n == 0) fail("an escape needs digits");
      if (value > 255) fail("an escaped byte is above 255");
      return value & 0xff;
    };
    switch (c) {
      case 'x': return number(16, 2);
      case 'd': return number(10, 3);
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': return '\a';
      case 'e': return 0x1b;
      case 'f': return '\f';
      default:
        if (c >= '0' && c <= '7') {
          --pos_;
          return number(8, 3);
        }
        return static_cast<unsigned char>(c);
    }
  }

  std::int32_t characterClass() {
    ByteSet set;
    bool negated = false;
    if (!atEnd() && text_[pos_] == '^') {
      negated = true;
      ++pos_;
    }
    bool first = true;
    while (true) {
      if (atEnd()) {
        fail("'[' without a matching ']'");
        return tree_.empty();
      }
      char c = text_[pos_];
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      ++pos_;
      int low = c == '\\' ? escaped() : static_cast<unsigned char>(c);
      int high = low;
      if (!atEnd() && text_[pos_] == '-' && pos_ + 1 < text_.size() && text_[pos_ + 1] != ']') {
        ++pos_;
        char h = text_[pos_++];
        high = h == '\\' ? escaped() : static_cast<unsigned char>(h);
        if (high < low) fail("a range in '[...]' runs backwards");
      }
      for (int b = low; b <= high && b < 256; ++b) set.set(static_cast<std::size_t>(b));
    }
    if (negated) set.flip();
    return tree_.bytes(set);
  }

  std::int32_t atom(int depth) {
    char c = text_[pos_++];
    ByteSet set;
    switch (c) {
      case '(': {
        std::int32_t inner = alternation(depth + 1);
        if (atEnd() || text_[pos_] != ')') {
          fail("'(' without a matching ')'");
          return inner;
        }
        ++pos_;
        return inner;
      }
      case '.': set.set(); return tree_.bytes(set);
      case '[': return characterClass();
      case '*':
      case '+': fail("a repetition needs something to repeat"); return tree_.empty();
      case '\\': return tree_.byte(static_cast<std::uint8_t>(escaped()));
      default: return tree_.byte(static_cast<std::uint8_t>(c));
    }
  }

  const std::string& text_;
  RegexTree& tree_;
  std::size_t pos_ = 0;
  std::optional<RegexError> error_;
};

}  // namespace

RegexParse parseRegex(const std::string& regex, RegexTree& tree) {
  const std::size_t first = tree.size();
  RegexParse parsed = RegexParser(regex, tree).run();
  parsed.exact = !parsed.error && tree.exactFrom(first);  // a parse adds only the nodes of its expression
  return parsed;
}

}  // namespace aalint::engine

// The lexer's input: UTF-8 text as the code points ANTLR reads, with every token's text handed back
// as a slice of the original bytes. ANTLRInputStream converts the whole text to UTF-32 and each
// token back through std::wstring_convert: a tenth of the instructions of checking a tree.
#pragma once

#include <ANTLRInputStream.h>

#include <cstddef>
#include <string>
#include <vector>

namespace aalint {

class Utf8InputStream : public antlr4::ANTLRInputStream {
public:
  // `utf8` must outlive the stream. An invalid sequence (the source loader lets none through) reads
  // as one U+FFFD per byte.
  explicit Utf8InputStream(const std::string& utf8);

  // The bytes of the code points a..b (ANTLR's inclusive interval), clipped to the text.
  std::string getText(const antlr4::misc::Interval& interval) override;

private:
  std::size_t byteOffset(std::size_t codePoint) const {
    return byteOffsets_.empty() ? codePoint : byteOffsets_[codePoint];
  }

  const std::string& utf8_;
  std::vector<std::size_t> byteOffsets_;  // of each code point and of the end; empty for ASCII text
};

}  // namespace aalint

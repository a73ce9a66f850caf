#include "frontend/utf8_input_stream.h"

#include <algorithm>

#include "support/text.h"

namespace aalint {

Utf8InputStream::Utf8InputStream(const std::string& utf8) : utf8_(utf8) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    _data.assign(utf8.begin(), utf8.end());
    return;
  }
  _data.reserve(utf8.size());
  byteOffsets_.reserve(utf8.size() + 1);
  for (std::size_t at = 0; at < utf8.size();) {
    char32_t codePoint;
    std::size_t length = decodeUtf8(utf8, at, codePoint);
    if (length == 0) {
      codePoint = U'\uFFFD';
      length = 1;
    }
    _data.push_back(codePoint);
    byteOffsets_.push_back(at);
    at += length;
  }
  byteOffsets_.push_back(utf8.size());
}

std::string Utf8InputStream::getText(const antlr4::misc::Interval& interval) {
  if (interval.a < 0 || interval.b < 0) return "";
  const std::size_t size = _data.size();
  const auto first = static_cast<std::size_t>(interval.a);
  const std::size_t last = std::min(static_cast<std::size_t>(interval.b), size - 1);
  if (first >= size || last + 1 <= first) return "";
  return utf8_.substr(byteOffset(first), byteOffset(last + 1) - byteOffset(first));
}

}  // namespace aalint

#include "support/text.h"

#include <fmt/format.h>

#include <cstdint>

namespace aalint {

std::size_t decodeUtf8(const std::string& text, std::size_t at, char32_t& codePoint) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) {
    codePoint = lead;
    return 1;
  }
  std::size_t length;
  std::uint32_t value;
  if ((lead & 0xE0) == 0xC0) { length = 2; value = lead & 0x1F; }
  else if ((lead & 0xF0) == 0xE0) { length = 3; value = lead & 0x0F; }
  else if ((lead & 0xF8) == 0xF0) { length = 4; value = lead & 0x07; }
  else return 0;
  if (at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(at + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(at + k) & 0x3F);
  }
  static const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < minimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  codePoint = value;
  return length;
}

std::string escapeNonPrintable(const std::string& text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    char32_t codePoint = 0;
    const std::size_t length = decodeUtf8(text, at, codePoint);
    const bool printable = length == 1 ? codePoint >= 0x20 && codePoint < 0x7f : length > 1 && codePoint >= 0xA0;
    if (printable) {
      out.append(text, at, length);
      at += length;
    } else {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[at]));
      ++at;
    }
  }
  return out;
}

}  // namespace aalint

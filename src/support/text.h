// Small text helpers: UTF-8, and text shown in messages.
#pragma once

#include <string>

namespace aalint {

// The code point of the UTF-8 sequence that starts at text[at], and its length in bytes; 0 when the
// sequence is invalid (truncated, overlong, a surrogate, or beyond U+10FFFF).
std::size_t decodeUtf8(const std::string& text, std::size_t at, char32_t& codePoint);

// Control bytes and bytes that are not UTF-8 written as \xHH, so that a witness path can be shown
// (printable ASCII and characters beyond ASCII are kept).
std::string escapeNonPrintable(const std::string& text);

}  // namespace aalint

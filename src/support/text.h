// Small text helpers shared by messages.
#pragma once

#include <string>

namespace aalint {

// Bytes outside printable ASCII written as \xHH, so that a witness path can be shown.
std::string escapeNonPrintable(const std::string& text);

}  // namespace aalint

// Writing a file so that it is either the old file or the whole new one: a temporary file in the
// same directory, flushed to disk, then renamed over the target.
#pragma once

#include <optional>
#include <string>

namespace aalint {

// nullopt on success, else what went wrong; the target is untouched on failure.
std::optional<std::string> writeFileAtomically(const std::string& path, const std::string& contents);

}  // namespace aalint

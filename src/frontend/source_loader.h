// Reading policy files safely: only regular files, within a size limit, as valid UTF-8 text.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "support/diagnostic.h"

namespace aalint {

class SourceFile;

struct LoadLimits {
  // The largest real profiles are a few hundred KB. Parsing and analysis take up to about 200 bytes
  // of memory per byte of policy: 4 MiB keeps any one file under 1 GiB.
  std::size_t maxFileBytes = 4u << 20;
};

struct LoadFailure {
  std::string message;  // "is a FIFO, not a regular file", "No such file or directory", ...
  // For text problems (a NUL byte, invalid UTF-8): where in the file.
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct LoadResult {
  std::unique_ptr<SourceFile> file;
  std::optional<LoadFailure> failure;
};

// `displayPath` names the file in diagnostics; `path` is what is opened.
LoadResult loadSource(const std::string& path, const std::string& displayPath, const LoadLimits& limits);
// Standard input, read once.
LoadResult loadStandardInput(const LoadLimits& limits);

// Checks text for NUL bytes and invalid UTF-8; a failure names the first bad position.
std::optional<LoadFailure> validateText(const std::string& text);

}  // namespace aalint

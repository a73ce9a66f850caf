#include "frontend/source_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "support/source_file.h"
#include "support/text.h"

namespace aalint {

static const char* fileTypeName(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

std::optional<LoadFailure> validateText(const std::string& text) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') return LoadFailure{"contains a NUL byte: not a text file", line, column};
    char32_t codePoint;
    std::size_t length = decodeUtf8(text, i, codePoint);
    if (length == 0)
      return LoadFailure{fmt::format("invalid UTF-8 (byte 0x{:02x}): not a text file", static_cast<unsigned char>(text[i])),
                         line, column};
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return std::nullopt;
}

static LoadResult finish(std::string displayPath, std::string text) {
  LoadResult result;
  if (auto failure = validateText(text)) {
    result.failure = failure;
    return result;
  }
  result.file = std::make_unique<SourceFile>(std::move(displayPath), std::move(text));
  return result;
}

static LoadResult failed(std::string message) {
  LoadResult result;
  result.failure = LoadFailure{std::move(message), 0, 0};
  return result;
}

LoadResult loadSource(const std::string& path, const std::string& displayPath, const LoadLimits& limits) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check below rejects it.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return failed(std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int saved = errno;
    ::close(fd);
    return failed(std::strerror(saved));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return failed(fmt::format("is {}, not a regular file", fileTypeName(st.st_mode)));
  }
  if (static_cast<std::size_t>(st.st_size) > limits.maxFileBytes) {
    ::close(fd);
    return failed(fmt::format("is {} bytes, over the limit of {} bytes (--max-file-size)", st.st_size,
                              limits.maxFileBytes));
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      return failed(std::strerror(saved));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > limits.maxFileBytes) {
      ::close(fd);
      return failed(fmt::format("is over the limit of {} bytes (--max-file-size)", limits.maxFileBytes));
    }
  }
  ::close(fd);
  return finish(displayPath, std::move(text));
}

LoadResult loadStandardInput(const LoadLimits& limits) {
  std::string text;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > limits.maxFileBytes)
      return failed(fmt::format("is over the limit of {} bytes (--max-file-size)", limits.maxFileBytes));
  }
  return finish("<stdin>", std::move(text));
}

}  // namespace aalint

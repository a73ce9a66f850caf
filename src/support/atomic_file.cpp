#include "support/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace aalint {

std::optional<std::string> writeFileAtomically(const std::string& path, const std::string& contents) {
  std::string directory = ".";
  auto slash = path.find_last_of('/');
  if (slash != std::string::npos) directory = slash == 0 ? "/" : path.substr(0, slash);
  std::string temporary = directory + "/.aalint-XXXXXX";
  int fd = ::mkstemp(&temporary[0]);
  if (fd < 0) return std::string(std::strerror(errno));
  auto fail = [&](int error) -> std::optional<std::string> {
    ::close(fd);
    ::unlink(temporary.c_str());
    return std::string(std::strerror(error));
  };
  for (std::size_t written = 0; written < contents.size();) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    return std::string(std::strerror(error));
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    return std::string(std::strerror(error));
  }
  return std::nullopt;
}

}  // namespace aalint

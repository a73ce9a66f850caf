#include "support/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace aalint {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  std::string directory = ".";
  auto slash = path_.find_last_of('/');
  if (slash != std::string::npos) directory = slash == 0 ? "/" : path_.substr(0, slash);
  temporary_ = directory + "/.aalint-XXXXXX";
  fd_ = ::mkstemp(&temporary_[0]);
  if (fd_ < 0) openError_ = std::string(std::strerror(errno));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) abandon(0);
}

std::optional<std::string> AtomicFile::abandon(int error) {
  ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_.c_str());
  return std::string(std::strerror(error));
}

std::optional<std::string> AtomicFile::append(std::string_view bytes) {
  if (fd_ < 0) return openError_ ? openError_ : std::string("the file is closed");
  for (std::size_t written = 0; written < bytes.size();) {
    ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon(errno);
    }
    written += static_cast<std::size_t>(n);
  }
  return std::nullopt;
}

std::optional<std::string> AtomicFile::commit() {
  if (fd_ < 0) return openError_ ? openError_ : std::string("the file is closed");
  if (::fchmod(fd_, 0644) != 0 || ::fsync(fd_) != 0) return abandon(errno);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 || ::rename(temporary_.c_str(), path_.c_str()) != 0) {
    int error = errno;
    ::unlink(temporary_.c_str());
    return std::string(std::strerror(error));
  }
  return std::nullopt;
}

std::optional<std::string> writeFileAtomically(const std::string& path, const std::string& contents) {
  AtomicFile file(path);
  if (auto problem = file.append(contents)) return problem;
  return file.commit();
}

}  // namespace aalint

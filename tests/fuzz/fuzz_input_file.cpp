#include "fuzz_input_file.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace aalint::fuzz {

namespace {

// Made on first use, removed when the process exits.
class PrivateDirectory {
public:
  PrivateDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "aalint-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) std::abort();
    path_ = pattern;
    std::filesystem::create_directories(path_ + "/includes/abstractions");
    std::ofstream(path_ + "/includes/abstractions/base") << "/etc/ld.so.cache r,\n/usr/lib/** mr,\n";
    std::ofstream(path_ + "/includes/tunables") << "@{HOME}=/home/*/ /root/\n";
  }
  ~PrivateDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

const std::string& privateDirectory() {
  static const PrivateDirectory dir;
  return dir.path();
}

}  // namespace

std::string writeInputFile(const std::uint8_t* data, std::size_t size) {
  std::string path = privateDirectory() + "/input";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

std::string includeDirectory() { return privateDirectory() + "/includes"; }

}  // namespace aalint::fuzz

#include "cli_support.h"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string scratchDirectory(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("aalint-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

CliResult runAalint(const std::string& arguments, const std::string& input) {
  std::string dir = scratchDirectory("cli");
  std::string in = dir + "/stdin", out = dir + "/stdout", err = dir + "/stderr";
  writeFile(in, input);
  std::string command = std::string("NO_COLOR= ") + AALINT_BINARY + " " + arguments + " <" + in + " >" + out + " 2>" + err;
  int raw = std::system(command.c_str());
  CliResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  result.out = readFile(out);
  result.err = readFile(err);
  return result;
}

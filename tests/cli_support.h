// Runs the aalint binary as a user would, capturing its exit status and output.
#pragma once

#include <string>

struct CliResult {
  int status = -1;
  std::string out;
  std::string err;
};

// `arguments` are appended to the aalint command line as shell words; `input` is its standard input.
CliResult runAalint(const std::string& arguments, const std::string& input = "");

// A fresh scratch directory under the build tree, removed and recreated.
std::string scratchDirectory(const std::string& name);
void writeFile(const std::string& path, const std::string& text);
std::string readFile(const std::string& path);

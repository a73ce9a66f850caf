// `aalint dump BLOB` and `aalint diff A B`: decode binary policy (aalint's or apparmor_parser's)
// and say whether two grant the same thing.
#pragma once

#include <string>
#include <vector>

namespace aalint {

int dumpCommand(const std::vector<std::string>& args);
// `aalint compile [-o FILE | -S] [--features-file F] [-I DIR] PATH...`
int compileCommand(const std::vector<std::string>& args);
int diffCommand(std::vector<std::string> args);
// `aalint load|replace [--interface DIR] [--features-file F] [-I DIR] PATH...`, `aalint remove NAME...`
int kernelCommand(const std::string& verb, const std::vector<std::string>& args);

}  // namespace aalint

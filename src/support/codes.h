// Every diagnostic code aalint reports for policy that apparmor_parser would reject (and for input
// it cannot read), with its documentation: `aalint codes` lists them, `aalint explain CODE` prints one.
#pragma once

#include <string>
#include <vector>

namespace aalint {

struct CodeDoc {
  const char* code;
  const char* summary;  // one line
  const char* details;  // what is wrong and how to fix it, with an example
};

const std::vector<CodeDoc>& errorCodes();
const CodeDoc* findCode(const std::string& code);

}  // namespace aalint

// Suppression comments: "# aalint: ignore=ID[,ID]" on a rule's line or the line before it,
// "# aalint: ignore-file=ID[,ID]" anywhere in a file, and apparmor.d's "#aa:lint ignore=ID".
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"

namespace aalint {

struct Suppression {
  SourceRange range;  // the comment
  std::vector<std::string> ids;
  bool wholeFile = false;
  bool used = false;

  bool covers(const Diagnostic& d) const;
};

std::vector<Suppression> suppressionsIn(const ir::File& file);

}  // namespace aalint

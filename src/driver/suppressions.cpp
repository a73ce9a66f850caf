#include "driver/suppressions.h"

#include <algorithm>
#include <regex>

namespace aalint {

bool Suppression::covers(const Diagnostic& d) const {
  if (d.range.file != range.file) return false;
  if (std::find(ids.begin(), ids.end(), d.code) == ids.end() && std::find(ids.begin(), ids.end(), "*") == ids.end())
    return false;
  return wholeFile || d.range.line == range.line || d.range.line == range.line + 1;
}

std::vector<Suppression> suppressionsIn(const ir::File& file) {
  static const std::regex pattern(R"(^#\s*(aalint:|aa:lint)\s*(ignore|ignore-file)\s*=\s*([A-Za-z0-9_*,\s-]+?)\s*$)");
  std::vector<Suppression> found;
  for (const ir::Comment& comment : file.comments) {
    std::smatch m;
    if (!std::regex_match(comment.text, m, pattern)) continue;
    Suppression s;
    s.range = comment.range;
    s.wholeFile = m[2] == "ignore-file";
    std::string list = m[3];
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      std::string id = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      id.erase(std::remove_if(id.begin(), id.end(), [](char c) { return c == ' ' || c == '\t'; }), id.end());
      if (!id.empty()) s.ids.push_back(id);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!s.ids.empty()) found.push_back(std::move(s));
  }
  return found;
}

}  // namespace aalint

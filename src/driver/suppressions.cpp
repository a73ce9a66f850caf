#include "driver/suppressions.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace aalint {

bool Suppression::covers(const Diagnostic& d) const {
  if (d.range.file != range.file) return false;
  if (std::find(ids.begin(), ids.end(), d.code) == ids.end() && std::find(ids.begin(), ids.end(), "*") == ids.end())
    return false;
  return wholeFile || d.range.line == range.line || d.range.line == range.line + 1;
}

namespace {

// A comment "# aalint: ignore=ID[,ID]", "# aalint: ignore-file=ID", "#aa:lint ignore=ID" (spaces
// optional around each part): whether it is one, whether for the whole file, and its list of ids.
struct Directive {
  bool wholeFile;
  std::string list;
};
std::optional<Directive> directiveIn(const std::string& text) {
  std::size_t at = 0;
  auto skipSpaces = [&] {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  };
  auto take = [&](const char* word) {
    const std::size_t length = std::char_traits<char>::length(word);
    if (text.compare(at, length, word) != 0) return false;
    at += length;
    return true;
  };
  if (!take("#")) return std::nullopt;
  skipSpaces();
  if (!take("aalint:") && !take("aa:lint")) return std::nullopt;
  skipSpaces();
  Directive directive{take("ignore-file"), ""};
  if (!directive.wholeFile && !take("ignore")) return std::nullopt;
  skipSpaces();
  if (!take("=")) return std::nullopt;
  directive.list = text.substr(at);
  auto allowed = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::isspace(static_cast<unsigned char>(c)) ||
           c == '_' || c == '*' || c == ',' || c == '-';
  };
  if (!std::all_of(directive.list.begin(), directive.list.end(), allowed)) return std::nullopt;
  return directive;
}

}  // namespace

std::vector<Suppression> suppressionsIn(const ir::File& file) {
  std::vector<Suppression> found;
  for (const ir::Comment& comment : file.comments) {
    std::optional<Directive> directive = directiveIn(comment.text);
    if (!directive) continue;
    Suppression s;
    s.range = comment.range;
    s.wholeFile = directive->wholeFile;
    const std::string& list = directive->list;
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      std::string id = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      id.erase(std::remove_if(id.begin(), id.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
               id.end());
      if (!id.empty()) s.ids.push_back(id);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!s.ids.empty()) found.push_back(std::move(s));
  }
  return found;
}

}  // namespace aalint

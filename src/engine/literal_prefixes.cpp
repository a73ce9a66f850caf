#include "engine/literal_prefixes.h"

#include "engine/glob.h"

namespace aalint::engine {

namespace {

void collect(const std::string& glob, std::size_t at, std::string prefix, std::vector<std::string>& out) {
  constexpr std::size_t kMany = 64;
  while (at < glob.size() && out.size() < kMany) {
    char c = glob[at];
    if (c == '*' || c == '?' || c == '[' || c == '\\' || c == '@' || c == '^' || c == '}' || c == ',') break;
    if (c != '{') {
      prefix += c;
      ++at;
      continue;
    }
    // The branches of this alternation, up to its closing brace; each continues after it.
    std::size_t depth = 0, start = at + 1, close = at;
    std::vector<std::pair<std::size_t, std::size_t>> branches;
    for (std::size_t k = at + 1; k < glob.size(); ++k) {
      if (glob[k] == '\\') ++k;
      else if (glob[k] == '{') ++depth;
      else if (glob[k] == '}' && depth-- == 0) { branches.emplace_back(start, k); close = k; break; }
      else if (glob[k] == ',' && depth == 0) { branches.emplace_back(start, k); start = k + 1; }
    }
    if (close == at) break;  // unbalanced: stop here
    for (auto [from, to] : branches) {
      std::vector<std::string> inner;
      collect(glob.substr(from, to - from), 0, "", inner);
      for (const std::string& branch : inner) {
        bool whole = branch.size() == to - from && glob.compare(from, to - from, branch) == 0;
        if (whole) collect(glob, close + 1, prefix + branch, out);
        else out.push_back(prefix + branch);
      }
    }
    return;
  }
  if (out.size() >= kMany) {
    out.assign(1, std::string());  // too many to be worth it: anything
    return;
  }
  out.push_back(prefix);
}

}  // namespace

std::vector<std::string> literalPrefixes(const std::string& glob) {
  std::vector<std::string> prefixes;
  collect(filterSlashes(glob), 0, "", prefixes);  // as the automaton sees it
  return prefixes;
}

bool mayMeet(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a)
    for (const std::string& y : b)
      if (x.compare(0, y.size(), y) == 0 || y.compare(0, x.size(), x) == 0) return true;
  return false;
}

}  // namespace aalint::engine

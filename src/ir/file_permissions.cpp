#include "ir/file_permissions.h"

#include <fmt/format.h>

namespace aalint::ir {

std::string ExecMode::spelling() const {
  std::string s;
  auto letter = [&](char lower) { return unsafe ? lower : static_cast<char>(lower - 'a' + 'A'); };
  switch (transition) {
    case Transition::Inherit: s = "i"; break;
    case Transition::Unconfined: s = letter('u'); break;
    case Transition::Profile: s = letter('p'); break;
    case Transition::Child: s = letter('c'); break;
  }
  if (fallback == Fallback::Inherit) s += 'i';
  if (fallback == Fallback::Unconfined) s += unsafe ? 'u' : 'U';
  s += 'x';
  if (!target.empty()) s += " -> " + target;
  return s;
}

FilePermissions parseFilePermissions(const std::string& text) {
  FilePermissions perms;
  auto problem = [&](std::size_t offset, std::size_t length, std::string message) {
    perms.problems.push_back({offset, length, std::move(message)});
  };
  // apparmor_parser accepts a letter given twice ("rr"), so aalint does too.
  auto setOnce = [&](bool& flag, std::size_t, char) { flag = true; };
  std::optional<std::size_t> cutOff;  // where an exec mode starts that the string ends inside
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case 'r': case 'R': setOnce(perms.read, i, c); continue;
      case 'w': case 'W': setOnce(perms.write, i, c); continue;
      case 'a': setOnce(perms.append, i, c); continue;
      case 'l': case 'L': setOnce(perms.link, i, c); continue;
      case 'k': setOnce(perms.lock, i, c); continue;
      case 'm': case 'M': setOnce(perms.mmap, i, c); continue;
      default: break;
    }
    // An exec mode: [pPcC]?[iIuU]?x, or plain x.
    std::size_t start = i;
    ExecMode mode;
    bool hasTransition = false;
    if (c == 'p' || c == 'P' || c == 'c' || c == 'C') {
      mode.transition = (c == 'p' || c == 'P') ? ExecMode::Transition::Profile : ExecMode::Transition::Child;
      mode.unsafe = c == 'p' || c == 'c';
      hasTransition = true;
      if (++i >= text.size()) { cutOff = start; break; }
      c = text[i];
      if (c == 'i' || c == 'I') {
        mode.fallback = ExecMode::Fallback::Inherit;
        if (++i >= text.size()) { cutOff = start; break; }
        c = text[i];
      } else if (c == 'u' || c == 'U') {
        mode.fallback = ExecMode::Fallback::Unconfined;
        if (++i >= text.size()) { cutOff = start; break; }
        c = text[i];
      }
    } else if (c == 'i' || c == 'I') {
      mode.transition = ExecMode::Transition::Inherit;
      hasTransition = true;
      if (++i >= text.size()) { cutOff = start; break; }
      c = text[i];
    } else if (c == 'u' || c == 'U') {
      mode.transition = ExecMode::Transition::Unconfined;
      mode.unsafe = c == 'u';
      hasTransition = true;
      if (++i >= text.size()) { cutOff = start; break; }
      c = text[i];
    }
    if (c != 'x' && c != 'X') {
      problem(start, i - start + 1,
              hasTransition ? fmt::format("'{}' is not an exec mode; exec modes end in 'x', as in 'ix' or 'Px'",
                                          text.substr(start, i - start + 1))
                            : fmt::format("'{}' is not a file permission; use r, w, a, l, k, m or an exec mode "
                                          "such as ix, Px, Cx",
                                          c));
      continue;
    }
    if (!hasTransition) {
      perms.bareExec = true;
      continue;
    }
    if (perms.exec) {
      // The same mode twice ("pxpx") is accepted, as apparmor_parser accepts it.
      if (*perms.exec != mode)
        problem(start, i - start + 1,
                fmt::format("conflicting exec modes '{}' and '{}': a rule has one exec mode", perms.exec->spelling(),
                            text.substr(start, i - start + 1)));
      continue;
    }
    perms.exec = mode;
  }
  if (cutOff)
    problem(*cutOff, text.size() - *cutOff,
            fmt::format("exec mode '{}' is missing its final 'x'", text.substr(*cutOff)));
  return perms;
}

}  // namespace aalint::ir

#include "engine/glob.h"

#include <cctype>
#include <memory>
#include <string_view>
#include <vector>

#include "support/thread_cache.h"

namespace aalint::engine {

std::string filterSlashes(const std::string& path) {
  if (path.size() < 2) return path;
  std::string out;
  std::size_t i = 0;
  if (path[0] == '/' && path[1] == '/' && (path.size() == 2 || path[2] != '/')) {
    out = "//";
    i = 2;
  }
  bool seenSlash = false;
  for (; i < path.size(); ++i) {
    if (path[i] == '/') {
      if (!seenSlash) out += '/';
      seenSlash = true;
    } else {
      out += path[i];
      seenSlash = false;
    }
  }
  return out;
}

// Length of a valid escape sequence body after a backslash at text[i] (i points after the
// backslash), or 0: \xHH, \ooo, \dNNN, \n \t \r \a \e \f, and escaped punctuation.
static std::size_t escapeLength(const std::string& text, std::size_t i) {
  if (i >= text.size()) return 0;
  char c = text[i];
  auto digits = [&](std::size_t from, std::size_t max, int base) {
    std::size_t n = 0;
    while (from + n < text.size() && n < max) {
      char d = text[from + n];
      bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(d)) != 0
                           : (d >= '0' && d < static_cast<char>('0' + std::min(base, 10)));
      if (!ok) break;
      ++n;
    }
    return n;
  };
  if (c == 'x') {
    std::size_t n = digits(i + 1, 2, 16);
    return n ? n + 1 : 0;
  }
  if (c == 'd') {
    std::size_t n = digits(i + 1, 3, 10);
    return n ? n + 1 : 0;
  }
  if (c >= '0' && c <= '7') return digits(i, 3, 8);
  if (c == 'n' || c == 't' || c == 'r' || c == 'a' || c == 'e' || c == 'f') return 1;
  return 0;
}

// What AppArmor's regex engine refuses in a character class once the glob is converted: nothing
// in it ("[]", "[^]"), or a range without its end ("[a-]", "[a\\-]"; "[-]" is a dash).
static std::optional<std::string> classProblem(std::string_view written) {
  std::size_t members = 0;
  char last = 0;
  for (std::size_t i = !written.empty() && written[0] == '^' ? 1 : 0; i < written.size(); ++i, ++members) {
    if (written[i] == '\\' && i + 1 < written.size()) ++i;
    last = written[i];
  }
  if (members == 0) return "an empty character class '[]' matches nothing";
  if (members > 1 && last == '-')
    return "a range in '[...]' needs its last character, as in '[a-z]'; write a dash first to mean '-'";
  return std::nullopt;
}

GlobResult convertGlob(const std::string& glob, GlobMode mode) {
  static constexpr int kMaxAlternationDepth = 50;
  const bool nul = mode == GlobMode::Null;
  GlobResult result;
  ConvertedGlob out;
  std::string& re = out.regex;
  bool escape = false;
  bool inClass = false;
  std::vector<int> alternatives;  // per open "{": number of "," seen
  std::size_t classStart = 0;
  auto fail = [&](std::size_t offset, std::string message) {
    result.error = GlobError{offset, std::move(message)};
    return result;
  };

  for (std::size_t i = 0; i < glob.size(); ++i) {
    char c = glob[i];
    if (escape) {
      escape = false;
      switch (c) {
        case '\\': re += "\\\\"; break;
        case '*': case '[': case ']': case '{': case '}': re += '\\'; re += c; break;
        case '?': re += '?'; break;
        case ',': re += inClass ? "\\," : ","; break;
        case '.': case '+': case '|': case '(': case ')': case '^': case '$': re += '\\'; re += c; break;
        default: {
          std::size_t n = escapeLength(glob, i);
          if (n) {
            re += '\\';
            re.append(glob, i, n);
            i += n - 1;
          } else {
            re += c;  // a character quoted unnecessarily
          }
        }
      }
      continue;
    }
    switch (c) {
      case '\\': escape = true; break;
      case '*': {
        out.hasWildcards = true;
        if (inClass) { re += '*'; break; }
        if (!re.empty() && re.back() == '/') {
          std::size_t j = i;
          while (j < glob.size() && glob[j] == '*') ++j;
          if (j == glob.size() || glob[j] == '/') re += nul ? "[^/]" : "[^/\\x00]";
        }
        if (i + 1 < glob.size() && glob[i + 1] == '*') {
          re += nul ? ".*" : "[^\\x00]*";
          ++i;
        } else {
          re += nul ? "[^/]*" : "[^/\\x00]*";
        }
        break;
      }
      case '?':
        out.hasWildcards = true;
        re += inClass ? "?" : (nul ? "[^/]" : "[^/\\x00]");
        break;
      case '[':
        out.hasWildcards = true;
        if (!inClass) classStart = i;
        inClass = true;
        re += '[';
        break;
      case ']':
        if (!inClass) return fail(i, "']' without a matching '['");
        if (auto problem = classProblem(std::string_view(glob).substr(classStart + 1, i - classStart - 1)))
          return fail(classStart, *problem);
        inClass = false;
        re += ']';
        break;
      case '{':
        if (inClass) { re += '{'; break; }
        alternatives.push_back(0);
        if (alternatives.size() >= kMaxAlternationDepth)
          return fail(i, "alternations '{...}' nest deeper than 49 levels");
        re += '(';
        break;
      case '}':
        if (inClass) { re += '}'; break; }
        if (alternatives.empty()) return fail(i, "'}' without a matching '{'");
        if (alternatives.back() == 0)
          return fail(i, "an alternation needs at least two choices separated by ',', as in '{a,b}'");
        alternatives.pop_back();
        re += ')';
        break;
      case ',':
        if (!alternatives.empty() && !inClass) {
          ++alternatives.back();
          re += '|';
        } else {
          re += ',';
        }
        break;
      case '^': case '$':
        if (!inClass) re += '\\';
        re += c;
        break;
      case '.': case '+': case '|': case '(': case ')':
        re += '\\';
        re += c;
        break;
      default: re += c;
    }
  }
  if (inClass) return fail(classStart, "'[' without a matching ']'");
  if (!alternatives.empty()) return fail(glob.rfind('{'), "'{' without a matching '}'");
  if (escape) return fail(glob.size() - 1, "a trailing '\\' escapes nothing");
  result.converted = std::move(out);
  return result;
}

// A valid glob (nearly every one) is remembered as a null pointer: thousands of globs are
// remembered on each thread.
static std::unique_ptr<GlobError> errorOf(const std::string& glob, GlobMode mode) {
  std::optional<GlobError> error = convertGlob(glob, mode).error;
  return error ? std::make_unique<GlobError>(std::move(*error)) : nullptr;
}

std::optional<GlobError> globError(const std::string& glob, GlobMode mode, bool remember) {
  if (!remember) return convertGlob(glob, mode).error;
  const std::unique_ptr<GlobError>& known =
      mode == GlobMode::Null ? cachedOnThread<std::unique_ptr<GlobError>, kRememberedGlobs>(
                                   glob, [](const std::string& g) { return errorOf(g, GlobMode::Null); })
                             : cachedOnThread<std::unique_ptr<GlobError>, kRememberedGlobs>(
                                   glob, [](const std::string& g) { return errorOf(g, GlobMode::Default); });
  if (!known) return std::nullopt;
  return *known;
}

}  // namespace aalint::engine

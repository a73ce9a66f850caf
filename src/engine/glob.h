// AppArmor globs (AARE) -> the regular-expression dialect of the DFA builder.
//
// Conversion rules (docs/binary-policy.md §2.2): "*" matches within a path component, "**" across
// components, "?" one character other than "/", "{a,b}" alternation, "[...]" character classes;
// a "*" or "**" that is a whole path component ("/*", "/**/") must match at least one character.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace aalint::engine {

enum class GlobMode {
  Default,  // file paths: globs never match NUL
  Null,     // xattr values and abstract unix addresses: globs may match NUL
};

struct GlobError {
  std::size_t offset = 0;  // byte offset in the glob
  std::string message;
};

struct ConvertedGlob {
  std::string regex;
  bool hasWildcards = false;  // "*", "?", "[...]": not a plain string (alternations alone do not count)
};

// Converts a glob; an unbalanced "{" "}" "[" "]", an empty or single-item alternation, nesting
// deeper than 49 and a trailing backslash are errors.
struct GlobResult {
  std::optional<ConvertedGlob> converted;
  std::optional<GlobError> error;
};
GlobResult convertGlob(const std::string& glob, GlobMode mode = GlobMode::Default);

// How many globs a thread remembers the conversion of: enough for the system's abstractions
// (Debian's have about 1,500 rules), few enough that a run of thousands of profiles, each with globs
// of its own, keeps its memory flat.
constexpr std::size_t kRememberedGlobs = 2048;

// What convertGlob would report about `glob`. With `remember`, the answer is remembered on the
// calling thread: the checks ask it of the same abstraction rules in every profile that includes
// them. A glob that never comes back (a main file's) should not be remembered, or it pushes those
// out of the thread's memory.
std::optional<GlobError> globError(const std::string& glob, GlobMode mode = GlobMode::Default, bool remember = true);

// Collapses runs of "/" to one, except a leading "//" followed by a character other than "/".
std::string filterSlashes(const std::string& path);

}  // namespace aalint::engine

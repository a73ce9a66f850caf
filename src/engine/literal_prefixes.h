// The literal beginnings of a glob, a cheap test of whether two globs can match a common path
// before any automaton is built.
#pragma once

#include <string>
#include <vector>

namespace aalint::engine {

// The literal beginnings of a glob (after slash filtering): up to its first wildcard, escape or
// variable, one per branch of the alternations met on the way ("{/home/*/,/root/}x" gives "/home/"
// and "/root/x"). Every path the glob matches begins with one of them. Few; an empty string
// (anything) when there would be too many.
std::vector<std::string> literalPrefixes(const std::string& glob);

// Whether globs with these beginnings may match a common path: a beginning of one begins one of the
// other's. When not, they certainly match none.
bool mayMeet(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace aalint::engine

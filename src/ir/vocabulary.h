// Word lists of the policy language and "did you mean" suggestions for words not in them.
#pragma once

#include <string>
#include <vector>

namespace aalint::ir {

// The closest word within a small edit distance, or "".
std::string closestWord(const std::string& word, const std::vector<std::string>& vocabulary);
// "unknown KIND 'word'; did you mean 'x'?" or "...; expected one of a, b, c".
std::string unknownWordMessage(const std::string& kind, const std::string& word,
                               const std::vector<std::string>& vocabulary);
bool contains(const std::vector<std::string>& vocabulary, const std::string& word);

const std::vector<std::string>& capabilityNames();
const std::vector<std::string>& networkDomains();
const std::vector<std::string>& networkTypes();
const std::vector<std::string>& networkProtocols();
const std::vector<std::string>& signalNames();
const std::vector<std::string>& rlimitNames();

}  // namespace aalint::ir

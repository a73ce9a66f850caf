// The fuzzed bytes as a policy file: the front end reads files, so each input is written to one
// file per process (in a private directory) and named to the run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace aalint::fuzz {

// Writes the bytes to the process's input file; returns its path.
std::string writeInputFile(const std::uint8_t* data, std::size_t size);

// A directory of small include targets, so that fuzzed includes do not read the system's policy.
std::string includeDirectory();

}  // namespace aalint::fuzz

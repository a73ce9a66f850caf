// Fuzz target (c): bytes → binary-policy decoder → diff. Untrusted blobs must be refused with an
// error or decoded; a decoded policy must grant the same as itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "backend/policy_decoder.h"
#include "backend/policy_diff.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aalint::backend;
  DecodedPolicy policy = decodePolicy(std::string(reinterpret_cast<const char*>(data), size));
  if (policy.error) return 0;
  auto differences = diffPolicies(policy, policy);
  if (!differences.empty()) {
    std::cerr << "a policy differs from itself: " << differences.front().what << ": " << differences.front().detail << "\n";
    std::abort();
  }
  return 0;
}

// Fuzz target (b): bytes → front end → compiler → decoder. Whatever compiles without an error
// must decode: the decoder accepts what the kernel's unpacker accepts, so a blob it refuses is
// a compiler bug the kernel would refuse too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "backend/policy_compiler.h"
#include "backend/policy_decoder.h"
#include "driver/run.h"
#include "fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aalint;
  RunOptions options;
  options.mode = RunMode::Check;
  options.useConfig = false;
  options.elaboration.searchPath.includeDirs = {fuzz::includeDirectory()};
  DiagnosticSink sink;
  RunResult result = run({fuzz::writeInputFile(data, size)}, options, sink);
  if (sink.count(Severity::Error)) return 0;
  backend::CompileFeatures features;  // the Debian 12 kernel's
  std::string blob;
  for (const auto& policy : result.policies) blob += backend::compilePolicy(*policy, features, sink);
  if (sink.count(Severity::Error) || blob.empty()) return 0;
  backend::DecodedPolicy decoded = backend::decodePolicy(blob);
  if (decoded.error) {
    std::cerr << "aalint compiled a policy its decoder refuses: at byte " << decoded.error->offset << ": "
              << decoded.error->message << "\n";
    std::abort();
  }
  return 0;
}

// IR -> the kernel's binary policy: one record per profile, child and hat, with the file DFA and the
// policy DB built on the automaton engine and packed for the kernel.
//
// What is not encoded yet (see README) is reported as a compile-unsupported error naming the rule,
// never dropped silently.
#pragma once

#include <string>
#include <vector>

#include "ir/policy.h"
#include "support/diagnostic.h"

namespace aalint::backend {

struct CompileFeatures {
  std::uint32_t abi = 7;  // kernel ABI of the version word: 7, 6 or 5
  bool mount = true, ptrace = true, signal = true, networkV8 = true, dbus = false, afUnix = false;
};

// The features of a features file or directory (libapparmor's aa_features_new); nullopt with a
// message when it cannot be read.
std::optional<CompileFeatures> readFeatures(const std::string& path, std::string& error);

// Compiles every profile of the policy; diagnostics for what cannot be encoded. The bytes are
// valid only when no error was reported.
std::string compilePolicy(const ir::Policy& policy, const CompileFeatures& features, DiagnosticSink& sink);

// compilePolicy for each policy on `jobs` threads; the bytes are in the policies' order, whatever
// the number of threads.
std::string compilePolicies(const std::vector<const ir::Policy*>& policies, const CompileFeatures& features,
                            DiagnosticSink& sink, unsigned jobs);

}  // namespace aalint::backend

// IR -> the kernel's binary policy: one record per profile, child and hat, with the file DFA and the
// policy DB built on the automaton engine and packed for the kernel.
//
// Covered so far: names and namespaces, flags and path flags, capabilities, rlimits, file rules
// (owner/other halves, allow/deny/audit, exec modes with exact-over-glob precedence, named
// transitions through the x-table), the policy DB's mediation markers and network rules by domain
// and type, and the implicit rules of hats. Rule classes not yet encoded (link, mount, signal,
// ptrace, dbus, unix, change_profile, attachments with patterns...) are reported, never dropped
// silently.
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

}  // namespace aalint::backend

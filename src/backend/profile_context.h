// What every encoder of one profile shares: the profile, the features compiled for, the variables
// its rules see, where to report what cannot be encoded, and how an automaton becomes tables.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "backend/compile_features.h"
#include "engine/dfa.h"
#include "frontend/variables.h"
#include "ir/policy.h"
#include "support/diagnostic.h"

namespace aalint::backend {

// The most states an automaton of the kernel's policy format can have (16-bit state numbers). The
// construction stops there too: apparmor_parser factors the rules before building and can compile
// some profiles whose plain subset construction grows past it.
constexpr std::uint32_t kKernelStates = 65535;
// The most states the construction may reach before minimization: an automaton whose minimal form
// fits the kernel's format can pass through a few times as many.
constexpr std::uint32_t kConstructionStates = 4 * kKernelStates;

// ":ns:name" or ":ns://name" → (ns, name), as apparmor_parser splits a profile name.
std::pair<std::optional<std::string>, std::string> splitNamespace(const std::string& name);

class ProfileContext {
public:
  // Every automaton of the profile is built within `budget`, which the profiles of a file share.
  ProfileContext(const ir::Policy& policy, const ir::ProfileInstance& profile, const CompileFeatures& features,
                 DiagnosticSink& sink, engine::AutomatonBudget& budget);

  const ir::ProfileInstance& profile() const { return profile_; }
  const ir::Policy& policy() const { return policy_; }
  const CompileFeatures& features() const { return features_; }

  // A compile-unsupported error: "aalint compile does not encode WHAT yet".
  void unsupported(const SourceRange& range, const std::string& what);

  // The regex of a glob as a rule of this profile wrote it: variables expanded (@{profile_name}
  // too), slashes filtered for paths (not for profile names). nullopt when the glob is invalid.
  std::optional<std::string> globRegex(const std::string& text, bool path);

  // Builds, minimizes and packs an automaton whose accept values `value` computes from a state;
  // empty (and reported as too-large) when it exceeds the kernel's 65,535 states or the budget.
  using AcceptValue = std::function<std::pair<std::uint32_t, std::uint32_t>(const engine::Dfa&, std::uint32_t)>;
  std::string pack(engine::DfaBuilder& builder, const AcceptValue& value);

private:
  const ir::Policy& policy_;
  const ir::ProfileInstance& profile_;
  const CompileFeatures& features_;
  DiagnosticSink& sink_;
  engine::AutomatonBudget& budget_;
  VariableTable variables_;
};

}  // namespace aalint::backend

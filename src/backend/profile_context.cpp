#include "backend/profile_context.h"

#include <fmt/format.h>

#include "backend/policy_writer.h"
#include "engine/glob.h"

namespace aalint::backend {

std::pair<std::optional<std::string>, std::string> splitNamespace(const std::string& name) {
  if (name.size() < 2 || name[0] != ':') return {std::nullopt, name};
  auto close = name.find(':', 1);
  if (close == std::string::npos) return {std::nullopt, name};
  std::string rest = name.substr(close + 1);
  if (rest.rfind("//", 0) == 0) rest = rest.substr(2);
  return {name.substr(1, close - 1), rest};
}

ProfileContext::ProfileContext(const ir::Policy& policy, const ir::ProfileInstance& profile,
                               const CompileFeatures& features, DiagnosticSink& sink, engine::AutomatonBudget& budget)
    : policy_(policy),
      profile_(profile),
      features_(features),
      sink_(sink),
      budget_(budget),
      variables_(policy.variables) {
  variables_.setProfileContext(profile.name, std::nullopt);
}

void ProfileContext::unsupported(const SourceRange& range, const std::string& what) {
  sink_.report(makeDiagnostic(Severity::Error, "compile-unsupported", range, profile_.chain,
                              fmt::format("aalint compile does not encode {} yet", what), profile_.name));
}

std::optional<std::string> ProfileContext::globRegex(const std::string& text, bool path) {
  std::string expanded = variables_.expand(text).text;
  engine::GlobResult g = engine::convertGlob(path ? engine::filterSlashes(expanded) : expanded);
  if (!g.converted) return std::nullopt;
  return g.converted->regex;
}

std::string ProfileContext::pack(engine::DfaBuilder& builder, const AcceptValue& value) {
  builder.setBudget(&budget_);
  std::optional<engine::Dfa> dfa = builder.build();
  auto valueOf = [&](std::uint32_t s) {
    // The empty string grants nothing: apparmor_parser never gives the start state permissions
    // (a change_profile target of '**' does not match the empty name).
    return s == dfa->start() ? std::make_pair(0u, 0u) : value(*dfa, s);
  };
  if (dfa)
    dfa->minimize([&](std::uint32_t s) {
      auto [a, b] = valueOf(s);
      return (static_cast<std::uint64_t>(a) << 32) | b;
    });
  std::string reason;
  if (!dfa && builder.exceeded()->kind == engine::AutomatonLimit::Kind::States)
    reason = fmt::format("its automaton grows past {} states before minimization (the kernel's policy format "
                         "holds {})",
                         kConstructionStates, kKernelStates);
  else if (!dfa)
    reason = engine::describe(*builder.exceeded());
  else if (dfa->stateCount() > kKernelStates)
    reason = fmt::format("its minimal automaton has {} states, more than the {} the kernel's policy format holds",
                         dfa->stateCount(), kKernelStates);
  if (!reason.empty()) {
    sink_.report(makeDiagnostic(Severity::Error, "too-large", profile_.declaration->header, profile_.chain,
                                fmt::format("profile '{}' is too large for aalint to compile: {}", profile_.name, reason),
                                profile_.name));
    return {};
  }
  return packTables(*dfa, valueOf);
}

}  // namespace aalint::backend

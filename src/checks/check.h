// Semantic checks: what apparmor_parser rejects that the grammar cannot see. One class per check,
// registered in registry.cpp; each reports with a stable code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ir/policy.h"
#include "support/diagnostic.h"

namespace aalint::checks {

class CheckContext {
public:
  explicit CheckContext(DiagnosticSink& sink) : sink_(sink) {}
  void error(const std::string& code, const SourceRange& range, const IncludeChain& chain,
             const ir::ProfileInstance* profile, std::string message);
  void report(Severity severity, const std::string& code, const SourceRange& range, const IncludeChain& chain,
              const ir::ProfileInstance* profile, std::string message);
  std::size_t errorCount() const { return errors_; }

private:
  DiagnosticSink& sink_;
  std::size_t errors_ = 0;
};

class Check {
public:
  virtual ~Check() = default;
  virtual void run(const ir::Policy& policy, CheckContext& context) = 0;
};

// Calls `visit` for every profile of the policy, children and hats included.
template <typename Visit>
void forEachProfile(const ir::Policy& policy, Visit&& visit) {
  std::vector<const ir::ProfileInstance*> stack;
  for (auto it = policy.profiles.rbegin(); it != policy.profiles.rend(); ++it) stack.push_back(it->get());
  while (!stack.empty()) {
    const ir::ProfileInstance* profile = stack.back();
    stack.pop_back();
    visit(*profile);
    for (auto it = profile->children.rbegin(); it != profile->children.rend(); ++it) stack.push_back(it->get());
  }
}

std::vector<std::unique_ptr<Check>> allChecks();
// Runs every check on the policy.
void runChecks(const ir::Policy& policy, DiagnosticSink& sink);

}  // namespace aalint::checks

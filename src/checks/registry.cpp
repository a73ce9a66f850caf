// Every semantic check, in the order they run. A new check is one line here.
#include "checks/check.h"
#include "checks/exec_conflict_check.h"
#include "checks/file_rule_check.h"

namespace aalint::checks {

std::vector<std::unique_ptr<Check>> allChecks() {
  std::vector<std::unique_ptr<Check>> checks;
  checks.push_back(std::make_unique<FileRuleCheck>());
  checks.push_back(std::make_unique<ExecConflictCheck>());
  return checks;
}

}  // namespace aalint::checks

// Every semantic check, in the order they run. A new check is one line here.
#include "checks/check.h"
#include "checks/capability_check.h"
#include "checks/change_profile_check.h"
#include "checks/change_profile_conflict_check.h"
#include "checks/dbus_rule_check.h"
#include "checks/exec_conflict_check.h"
#include "checks/file_rule_check.h"
#include "checks/misc_class_checks.h"
#include "checks/mount_rule_check.h"
#include "checks/network_rule_check.h"
#include "checks/profile_check.h"
#include "checks/qualifier_check.h"
#include "checks/signal_rule_check.h"

namespace aalint::checks {

std::vector<std::unique_ptr<Check>> allChecks() {
  std::vector<std::unique_ptr<Check>> checks;
  checks.push_back(std::make_unique<ProfileCheck>());
  checks.push_back(std::make_unique<QualifierCheck>());
  checks.push_back(std::make_unique<FileRuleCheck>());
  checks.push_back(std::make_unique<CapabilityCheck>());
  checks.push_back(std::make_unique<ExecConflictCheck>());
  checks.push_back(std::make_unique<DbusRuleCheck>());
  checks.push_back(std::make_unique<SignalRuleCheck>());
  checks.push_back(std::make_unique<PtraceRuleCheck>());
  checks.push_back(std::make_unique<NetworkRuleCheck>());
  checks.push_back(std::make_unique<UnixRuleCheck>());
  checks.push_back(std::make_unique<MqueueRuleCheck>());
  checks.push_back(std::make_unique<IoUringRuleCheck>());
  checks.push_back(std::make_unique<UsernsRuleCheck>());
  checks.push_back(std::make_unique<MountRuleCheck>(ir::RuleKind::Mount));
  checks.push_back(std::make_unique<MountRuleCheck>(ir::RuleKind::Remount));
  checks.push_back(std::make_unique<MountRuleCheck>(ir::RuleKind::Umount));
  checks.push_back(std::make_unique<ChangeProfileRuleCheck>());
  checks.push_back(std::make_unique<ChangeProfileConflictCheck>());
  checks.push_back(std::make_unique<PivotRootRuleCheck>());
  checks.push_back(std::make_unique<RlimitRuleCheck>());
  return checks;
}

}  // namespace aalint::checks

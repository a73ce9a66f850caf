#include "backend/kernel_interface.h"

#include <fcntl.h>
#include <sys/apparmor.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fmt/format.h>

namespace aalint::backend {

std::string explainKernelError(int error) {
  switch (error) {
    case EPROTO: return "the kernel rejected the policy's format (EPROTO); its log (dmesg) says which part";
    case EPROTONOSUPPORT: return "the kernel does not support this policy ABI (EPROTONOSUPPORT): compile with its features";
    case EEXIST: return "a profile of that name is already loaded (EEXIST): use 'aalint replace'";
    case ENOENT: return "no such profile, or no AppArmor policy interface here (ENOENT)";
    case EACCES:
    case EPERM: return fmt::format("not allowed ({}): loading policy needs CAP_MAC_ADMIN and an unconfined caller",
                                   error == EACCES ? "EACCES" : "EPERM");
    default: return std::strerror(error);
  }
}

std::optional<std::string> kernelAction(KernelAction action, const std::string& policyOrName,
                                        const std::string& featuresPath, const std::string& interfaceDir) {
  aa_features* features = nullptr;
  if (!featuresPath.empty() && aa_features_new(&features, AT_FDCWD, featuresPath.c_str()) != 0)
    return fmt::format("cannot read features '{}': {}", featuresPath, std::strerror(errno));
  aa_kernel_interface* kernel = nullptr;
  int rc = aa_kernel_interface_new(&kernel, features, interfaceDir.empty() ? nullptr : interfaceDir.c_str());
  int error = errno;
  if (features) aa_features_unref(features);
  if (rc != 0) return fmt::format("cannot open the kernel's policy interface: {}", explainKernelError(error));
  switch (action) {
    case KernelAction::Load:
      rc = aa_kernel_interface_load_policy(kernel, policyOrName.data(), policyOrName.size());
      break;
    case KernelAction::Replace:
      rc = aa_kernel_interface_replace_policy(kernel, policyOrName.data(), policyOrName.size());
      break;
    case KernelAction::Remove:
      rc = aa_kernel_interface_remove_policy(kernel, policyOrName.c_str());
      break;
  }
  error = errno;
  aa_kernel_interface_unref(kernel);
  if (rc != 0) return explainKernelError(error);
  return std::nullopt;
}

}  // namespace aalint::backend

// Loading, replacing and removing policy through libapparmor's kernel interface.
#pragma once

#include <optional>
#include <string>

namespace aalint::backend {

enum class KernelAction { Load, Replace, Remove };

// `interfaceDir`: the securityfs policy directory (the default when empty); tests point it at a
// plain directory holding .load, .replace and .remove. `policyOrName`: the binary policy for Load
// and Replace, the profile's name for Remove. Returns an explained error, or nullopt.
std::optional<std::string> kernelAction(KernelAction action, const std::string& policyOrName,
                                        const std::string& featuresPath, const std::string& interfaceDir);

// What an errno from the kernel interface means for the user.
std::string explainKernelError(int error);

}  // namespace aalint::backend

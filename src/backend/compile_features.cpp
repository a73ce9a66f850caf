#include "backend/compile_features.h"

#include <fcntl.h>
#include <sys/apparmor.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fmt/format.h>

namespace aalint::backend {

namespace {

struct FeaturesDeleter {
  void operator()(aa_features* f) const { aa_features_unref(f); }
};

}  // namespace

std::optional<CompileFeatures> readFeatures(const std::string& path, std::string& error) {
  aa_features* raw = nullptr;
  if (aa_features_new(&raw, AT_FDCWD, path.c_str()) != 0) {
    error = fmt::format("cannot read features '{}': {}", path, std::strerror(errno));
    return std::nullopt;
  }
  std::unique_ptr<aa_features, FeaturesDeleter> features(raw);
  CompileFeatures f;
  f.abi = aa_features_supports(raw, "policy/versions/v7") ? 7 : aa_features_supports(raw, "policy/versions/v6") ? 6 : 5;
  f.mount = aa_features_supports(raw, "mount");
  f.ptrace = aa_features_supports(raw, "ptrace");
  f.signal = aa_features_supports(raw, "signal");
  f.networkV8 = aa_features_supports(raw, "network_v8");
  f.dbus = aa_features_supports(raw, "dbus");
  f.afUnix = aa_features_supports(raw, "network/af_unix");
  return f;
}

}  // namespace aalint::backend

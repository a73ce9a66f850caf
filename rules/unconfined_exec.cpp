// unconfined-exec: programs run without confinement
//
// `ux`/`Ux` runs the program with no AppArmor policy at all, and `pux`/`PUx`, `cux`/`CUx` do so
// whenever the target profile is missing. Everything the profile denies is then open to the child.
// It is worse with lower-case `ux`, which also keeps the environment (LD_PRELOAD and friends reach
// the unconfined program), when the target is a shell or an interpreter (it runs anything), and when
// the path is a glob (every program it matches escapes).
//
// Bad:   /usr/bin/helper ux,    /bin/sh Ux,    /opt/tools/* PUx,
// Good:  /usr/bin/helper Px,    (with a profile for the helper)
//        /usr/bin/helper Cx -> helper,  (a child profile)
// Fix:   give the program a profile (Px) or a child profile (Cx); use ix when it may share this one.
#include <fmt/format.h>

#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"unconfined-exec", Category::Security, Severity::Warning, true,
                     "programs run without confinement: ux, Ux, pux, PUx, cux, CUx",
                     "An unconfined child escapes everything this profile denies; lower-case ux also keeps the "
                     "environment, a shell or interpreter runs anything, and a glob lets every matching program out.",
                     "/usr/bin/helper ux,", "/usr/bin/helper Px,",
                     "Confine the program with its own profile (Px) or a child profile (Cx), or inherit (ix)."};

bool isShellOrInterpreter(const std::string& path) {
  static const char* const names[] = {"sh",   "bash", "dash",    "zsh",    "ksh",  "csh",    "tcsh", "fish",
                                      "busybox", "python", "python3", "perl", "ruby", "node", "lua",  "php",
                                      "env",  "su",   "sudo",    "tclsh",  "awk",  "gawk"};
  std::string base = path.substr(path.find_last_of('/') + 1);
  for (const char* name : names) {
    std::string n = name;
    if (base == n) return true;
    // python3.11, perl5.36, ...
    if (base.rfind(n, 0) == 0 && base.size() > n.size() && (std::isdigit(static_cast<unsigned char>(base[n.size()])) || base[n.size()] == '*'))
      return true;
  }
  return false;
}

class UnconfinedExec : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const FileAccess& access : context.fileAccesses(profile)) {
        if (access.deny() || !access.perms.exec) continue;
        const ir::ExecMode& mode = *access.perms.exec;
        bool unconfined = mode.transition == ir::ExecMode::Transition::Unconfined;
        bool fallback = mode.fallback == ir::ExecMode::Fallback::Unconfined;
        if (!unconfined && !fallback) continue;
        std::vector<std::string> worse;
        if (unconfined && (mode.unsafe || access.placed->qualifiers.unsafe) && !access.placed->qualifiers.safe)
          worse.push_back("'ux' also keeps the environment (LD_PRELOAD reaches the unconfined program)");
        if (isShellOrInterpreter(access.glob())) worse.push_back("the target is a shell or interpreter, which runs anything");
        bool glob = access.glob().find_first_of("*?[{") != std::string::npos;
        if (glob) worse.push_back("the path is a glob, so every program it matches runs unconfined");
        std::string what = unconfined ? fmt::format("'{}' runs {} with no confinement", access.rule->permissions->text, access.rule->path->text)
                                      : fmt::format("'{}' runs {} unconfined when its profile is missing",
                                                    access.rule->permissions->text, access.rule->path->text);
        std::string message = what;
        for (const std::string& w : worse) message += "; " + w;
        message += unconfined ? "; give it a profile (Px) or a child profile (Cx)" : "; use 'Pix'/'Px' so a missing profile fails closed";
        context.report(kInfo, *access.placed, profile, message, worse.empty() ? std::nullopt : std::optional<Severity>(Severity::Error));
      }
    });
  }
};

}  // namespace

std::unique_ptr<LintRule> makeUnconfinedExec() { return std::make_unique<UnconfinedExec>(); }

}  // namespace aalint::lint

// raw-network: raw and packet sockets, and rules the kernel maps to them
//
// A raw socket lets a process forge any packet of its domain (spoofed sources, crafted ICMP, port
// scans); a packet socket sees and injects whole link-layer frames. AppArmor mediates by domain and
// socket type, so `network inet icmp` is not "ping": ICMP is carried on SOCK_RAW, and the rule
// grants every raw inet socket. Raw netlink sockets reach kernel subsystems directly.
//
// Bad:   network inet raw,   network packet,   network inet icmp,
// Good:  network inet dgram,          (unprivileged ICMP sockets, as ping uses on Linux)
// Fix:   use datagram ICMP sockets where the program supports them, or keep the raw rule in a
//        small profile of its own (a ping helper) and document why.
#include <fmt/format.h>

#include "lint_rule.h"
#include "rule_support.h"

namespace aalint::lint {

namespace {

const RuleInfo kInfo{"raw-network", Category::Security, Severity::Warning, true,
                     "raw or packet sockets, including protocol rules the kernel maps to raw sockets",
                     "Raw sockets can forge any packet of their domain; packet sockets see and inject link-layer "
                     "frames. 'network inet icmp' grants every raw inet socket, because ICMP is mediated as SOCK_RAW.",
                     "network inet icmp,", "network inet dgram,",
                     "Prefer datagram ICMP sockets, or isolate the raw socket in a small helper profile."};

const std::vector<std::string> kAccesses = {"create", "bind",    "listen", "accept", "connect", "shutdown",
                                            "getattr", "setattr", "getopt", "setopt", "send",    "receive",
                                            "r",       "w",       "rw",     "wr",     "read",    "write"};

class RawNetwork : public LintRule {
public:
  const RuleInfo& info() const override { return kInfo; }
  void check(LintContext& context) override {
    ir::forEachProfile(context.policy(), [&](const ir::ProfileInstance& profile) {
      for (const ClassAccess& rule : classRules(profile, ir::RuleKind::Network, kAccesses)) {
        if (rule.placed->qualifiers.deny) continue;
        std::string domain, kind;
        for (const ir::Word* w : rule.parts.words) (domain.empty() && kind.empty() && isDomain(w->text) ? domain : kind) = w->text;
        if (auto message = problem(domain, kind)) context.report(kInfo, *rule.placed, profile, *message);
      }
    });
  }

private:
  static bool isDomain(const std::string& word) {
    return word != "raw" && word != "packet" && word != "icmp" && word != "tcp" && word != "udp" && word != "stream" &&
           word != "dgram" && word != "seqpacket" && word != "rdm";
  }
  static std::optional<std::string> problem(const std::string& domain, const std::string& kind) {
    std::string where = domain.empty() ? "of every domain" : "of domain '" + domain + "'";
    if (domain == "packet")
      return "packet sockets see and inject link-layer frames of every interface; keep them out of general profiles";
    if (kind == "raw" || kind == "packet")
      return fmt::format("'{}' sockets {} can forge any packet; use stream or datagram sockets if the program allows",
                         kind, where);
    if (kind == "icmp")
      return fmt::format("'network {} icmp' grants every raw socket {}: the kernel mediates ICMP as SOCK_RAW, so this "
                         "is not limited to ping; prefer 'network {} dgram' (unprivileged ICMP)",
                         domain.empty() ? "inet" : domain, where, domain.empty() ? "inet" : domain);
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LintRule> makeRawNetwork() { return std::make_unique<RawNetwork>(); }

}  // namespace aalint::lint

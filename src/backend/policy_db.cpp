#include "backend/policy_db.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "backend/mount_encoding.h"
#include "ir/class_rule_parts.h"
#include "ir/vocabulary.h"

namespace aalint::backend {

namespace {

constexpr std::uint32_t kPolicyMarker = 0x4;             // AA_MAY_READ on a class byte: "mediated"
constexpr std::uint32_t kNetworkPermissions = 0x1fc076;  // map_perms(AA_VALID_NET_PERMS)

void mountRule(ProfileContext& context, const ir::PlacedRule& placed,
               const std::function<void(const PolicyDbExpression&)>& add) {
  ir::ClassRuleParts parts = ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {});
  MountEncoding encoding = encodeMountRule(placed.rule->ruleKind, parts,
                                           [&](const std::string& glob, bool path) { return context.globRegex(glob, path); });
  if (!encoding.unsupported.empty()) {
    context.unsupported(encoding.unsupportedAt ? encoding.unsupportedAt->range : placed.rule->range, encoding.unsupported);
    return;
  }
  for (const PolicyDbExpression& e : encoding.expressions) add(e);
}

int signalNumber(const std::string& name) {
  static const std::vector<std::string> names = {"hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe", "kill", "usr1",
                                                 "segv", "usr2", "pipe", "alrm", "term", "stkflt", "chld", "cont", "stop",
                                                 "stp", "ttin", "ttou", "urg", "xcpu", "xfsz", "vtalrm", "prof", "winch",
                                                 "io", "pwr", "sys", "emt"};
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i) + 1;
  if (name == "exists") return 35;
  if (name.rfind("rtmin+", 0) == 0) return 128 + std::stoi(name.substr(6));
  return 0;
}

// signal and ptrace: class byte, [signals,] then the peer label.
std::optional<std::pair<std::string, std::uint32_t>> peerRule(ProfileContext& context, const ir::PlacedRule& placed) {
  bool signal = placed.rule->ruleKind == ir::RuleKind::Signal;
  static const std::vector<std::string> signalAccesses = {"send", "receive", "r", "w", "rw", "wr", "read", "write"};
  static const std::vector<std::string> ptraceAccesses = {"r", "w", "rw", "wr", "read", "write", "readby", "trace", "tracedby"};
  ir::ClassRuleParts parts = ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), signal ? signalAccesses : ptraceAccesses);
  static const std::map<std::string, std::uint32_t> signalBits = {{"send", 0x2}, {"w", 0x2}, {"write", 0x2}, {"receive", 0x4},
                                                                  {"r", 0x4}, {"read", 0x4}, {"rw", 0x6}, {"wr", 0x6}};
  static const std::map<std::string, std::uint32_t> ptraceBits = {{"read", 0x4}, {"r", 0x4}, {"trace", 0x2}, {"w", 0x2},
                                                                  {"write", 0x2}, {"rw", 0x6}, {"wr", 0x6},
                                                                  {"readby", 0x10}, {"tracedby", 0x8}};
  std::uint32_t perms = 0;
  for (const ir::Word& a : parts.accesses) perms |= (signal ? signalBits : ptraceBits).at(a.text);
  if (!perms) perms = signal ? 0x6 : 0x1e;
  std::string peer = "[^\\x00]+";
  for (const ir::Condition* c : parts.conditions) {
    if (c->name.text == "peer" && c->values.size() == 1) {
      std::optional<std::string> regex = context.globRegex(c->values.front().text, false);
      if (!regex) return std::nullopt;
      peer = *regex;
    } else if (c->name.text != "set" || !signal) {
      context.unsupported(c->range, fmt::format("the {} condition '{}='", signal ? "signal" : "ptrace", c->name.text));
      return std::nullopt;
    }
  }
  if (!signal) return std::make_pair("(\\x10|)\\x09" + peer, perms);
  std::string set;
  for (const ir::Condition* c : parts.conditions)
    if (c->name.text == "set")
      for (const ir::Word& w : c->values) {
        int number = signalNumber(w.text);
        if (number > 0) set += fmt::format("\\x{:02x}", number);
      }
  // Without a signal set: any signal byte after the class byte, or none after the label class,
  // as apparmor_parser 3.0.8 encodes it.
  if (set.empty()) return std::make_pair("(\\x10\\x0a|\\x0a.)" + peer, perms);
  return std::make_pair("\\x0a[" + set + "]" + peer, perms);
}


std::optional<std::string> networkRegex(ProfileContext& context, const ir::PlacedRule& placed) {
  static const std::map<std::string, int> families = {
      {"unspec", 0}, {"unix", 1}, {"local", 1}, {"inet", 2}, {"ax25", 3}, {"ipx", 4}, {"appletalk", 5}, {"netrom", 6},
      {"bridge", 7}, {"atmpvc", 8}, {"x25", 9}, {"inet6", 10}, {"rose", 11}, {"netbeui", 13}, {"security", 14},
      {"key", 15}, {"netlink", 16}, {"route", 16}, {"packet", 17}, {"ash", 18}, {"econet", 19}, {"atmsvc", 20},
      {"rds", 21}, {"sna", 22}, {"irda", 23}, {"pppox", 24}, {"wanpipe", 25}, {"llc", 26}, {"ib", 27},
      {"mpls", 28}, {"can", 29}, {"tipc", 30}, {"bluetooth", 31}, {"iucv", 32}, {"rxrpc", 33}, {"isdn", 34},
      {"phonet", 35}, {"ieee802154", 36}, {"caif", 37}, {"alg", 38}, {"nfc", 39}, {"vsock", 40}, {"kcm", 41},
      {"qipcrtr", 42}, {"smc", 43}, {"xdp", 44}, {"mctp", 45}};
  static const std::map<std::string, int> types = {{"stream", 1}, {"dgram", 2},  {"raw", 3},   {"rdm", 4},
                                                   {"seqpacket", 5}, {"packet", 10}, {"tcp", 1}, {"udp", 2},
                                                   {"icmp", 3}};
  // No type: every socket type, one by one (a type of 0 is not a socket).
  static const std::string kAnyType = "(\\x00\\x01|\\x00\\x02|\\x00\\x03|\\x00\\x04|\\x00\\x05|\\x00\\x0a)";
  auto anyFamily = [&] {
    std::set<int> codes;
    for (const auto& [name, code] : families) codes.insert(code);
    std::string alternatives;
    for (int code : codes) alternatives += fmt::format("{}\\x{:02x}\\x{:02x}", alternatives.empty() ? "" : "|", code >> 8, code & 0xff);
    return "(" + alternatives + ")";
  };
  const auto& rule = static_cast<const ir::ClassRule&>(*placed.rule);
  ir::ClassRuleParts parts = ir::splitClassRule(rule, {});
  bool plain = parts.conditions.empty() && parts.accesses.empty();
  if (plain && parts.words.empty()) {
    // "network,": every domain apparmor_parser 3.0.8 knows (0 to 45); an allow for the socket types
    // 0 to 15, a deny or an audit for any type (checked against its output).
    bool anyType = placed.qualifiers.deny || placed.qualifiers.audit;
    return std::string("\\x0e\\x00[\\x00-\\x2d]") + (anyType ? ".." : "\\x00[\\x00-\\x0f]");
  }
  if (plain && parts.words.size() == 1 && types.count(parts.words[0]->text) &&
      !families.count(parts.words[0]->text)) {  // "packet" is a domain first
    int type = types.at(parts.words[0]->text);  // a type in every known domain
    return fmt::format("\\x0e{}\\x{:02x}\\x{:02x}", anyFamily(), type >> 8, type & 0xff);
  }
  if (!parts.conditions.empty() || !parts.accesses.empty() || parts.words.empty() || parts.words.size() > 2 ||
      !families.count(parts.words[0]->text) || (parts.words.size() == 2 && !types.count(parts.words[1]->text))) {
    context.unsupported(placed.rule->range, "network rules other than 'network DOMAIN [TYPE]'");
    return std::nullopt;
  }
  int family = families.at(parts.words[0]->text);
  std::string regex = fmt::format("\\x0e\\x{:02x}\\x{:02x}", family >> 8, family & 0xff);
  if (parts.words.size() == 2) {
    int type = types.at(parts.words[1]->text);
    regex += fmt::format("\\x{:02x}\\x{:02x}", type >> 8, type & 0xff);
  } else {
    regex += kAnyType;
  }
  return regex;
}

}  // namespace

std::string encodePolicyDb(ProfileContext& context) {
  const ir::ProfileInstance& profile = context.profile();
  struct Value {
    std::uint32_t perms;
    bool deny;
    bool quiet;
    bool audit;
    std::uint32_t alwaysAudited = 0;  // audit bits set whatever the qualifiers (mount's "match data")
  };
  std::vector<Value> values;  // per expression
  engine::DfaBuilder builder(kConstructionStates);
  auto addRule = [&](const std::string& regex, std::uint32_t perms, const ir::PlacedRule* placed,
                     std::uint32_t alwaysAudited = 0) {
    builder.addRegex(regex, static_cast<std::uint32_t>(values.size()));
    bool deny = placed && placed->qualifiers.deny;
    bool audit = placed && placed->qualifiers.audit;
    values.push_back({perms, deny, deny && !audit, !deny && audit, deny ? 0 : alwaysAudited});
  };
  auto add = [&](const std::string& regex, std::uint32_t perms) { addRule(regex, perms, nullptr); };
  if (context.features().abi > 5) add("\\x02", kPolicyMarker);
  if (context.features().mount) add("\\x07", kPolicyMarker);
  if (context.features().ptrace) add("\\x09", kPolicyMarker);
  if (context.features().signal) add("\\x0a", kPolicyMarker);
  if (context.features().networkV8) add("\\x0e", kPolicyMarker);
  for (const ir::PlacedRule& placed : profile.rules) {
    switch (placed.rule->ruleKind) {
      case ir::RuleKind::File: case ir::RuleKind::Link: case ir::RuleKind::Capability: case ir::RuleKind::Rlimit:
      case ir::RuleKind::ChangeProfile:  // in the file DFA
        break;
      case ir::RuleKind::Network:
        if (auto regex = networkRegex(context, placed)) addRule(*regex, kNetworkPermissions, &placed);
        break;
      case ir::RuleKind::Mount: case ir::RuleKind::Remount: case ir::RuleKind::Umount: case ir::RuleKind::PivotRoot:
        if (!context.features().mount) {
          context.unsupported(placed.rule->range, "mount rules for kernels without mount mediation");
          break;
        }
        mountRule(context, placed, [&](const PolicyDbExpression& e) { addRule(e.regex, e.perms, &placed, e.alwaysAudited); });
        break;
      case ir::RuleKind::Signal:
      case ir::RuleKind::Ptrace:
        if (auto rule = peerRule(context, placed)) addRule(rule->first, rule->second, &placed);
        break;
      case ir::RuleKind::Unix:
        if (context.features().afUnix) {
          context.unsupported(placed.rule->range, "unix rules for kernels that mediate them");
        } else if (!placed.qualifiers.deny) {
          // Without af_unix mediation the kernel sees unix sockets as a network domain only.
          const ir::Condition* type = ir::findCondition(ir::splitClassRule(static_cast<const ir::ClassRule&>(*placed.rule), {}), "type");
          std::string socketType = type && !type->values.empty() ? type->values.front().text : "";
          static const std::map<std::string, int> types = {{"stream", 1}, {"dgram", 2}, {"seqpacket", 5}};
          std::string regex = "\\x0e\\x00\\x01";
          regex += types.count(socketType) ? fmt::format("\\x00\\x{:02x}", types.at(socketType)) : std::string("\\x00[\\x00-\\x0f]");
          add(regex, kNetworkPermissions);
        }
        break;
      case ir::RuleKind::Dbus:
        if (!context.features().dbus) break;  // the kernel does not mediate D-Bus: dbus-daemon queries it, if at all
        context.unsupported(placed.rule->range, "dbus rules for kernels that mediate them");
        break;
      default:
        context.unsupported(placed.rule->range, fmt::format("{} rules", ir::ruleKindKeyword(placed.rule->ruleKind)));
    }
  }
  return context.pack(builder, [&](const engine::Dfa& dfa, std::uint32_t state) {
    std::uint32_t allow = 0, deny = 0, quiet = 0, audit = 0;
    for (std::uint32_t id : dfa.accepts(state)) {
      const Value& v = values[id];
      (v.deny ? deny : allow) |= v.perms;
      if (v.quiet) quiet |= v.perms;
      if (v.audit) audit |= v.perms;
      audit |= v.alwaysAudited;
    }
    allow &= ~deny;
    return std::make_pair(allow, (audit & 0x1fc07f) | ((quiet & deny & 0x1fc07f) << 7));
  });
}

}  // namespace aalint::backend

#include "checks/network_rule_check.h"

#include <arpa/inet.h>

#include <functional>

#include <fmt/format.h>

#include "ir/vocabulary.h"
#include "engine/glob.h"

namespace aalint::checks {

using namespace aalint::ir;

static const std::vector<std::string> kSocketAccesses = {
    "create", "bind",    "listen", "accept", "connect", "shutdown", "getattr", "setattr", "getopt",
    "setopt", "send",    "receive", "r",     "w",       "rw", "wr",      "read",    "write"};

bool socketAccessHasPeer(const std::string& access) {
  static const std::vector<std::string> withPeer = {"send", "receive", "connect", "accept", "r", "w", "rw", "wr", "read", "write"};
  return contains(withPeer, access);
}

static void checkPeerAccesses(const ClassRuleParts& parts, const ClassRuleCheck* self, const char* what,
                              const std::function<void(const SourceRange&, const std::string&)>& error) {
  (void)self;
  const ir::Condition* peer = nullptr;
  for (const ir::Condition* c : parts.conditions)
    if (c->name.text == "peer") peer = c;
  if (!peer) return;
  for (const ir::Word& access : parts.accesses)
    if (!socketAccessHasPeer(access.text))
      error(peer->name.range, fmt::format("'{}' has no peer: peer=(...) applies to send, receive, connect and "
                                          "accept; put '{}' in a {} rule without peer=",
                                          access.text, access.text, what));
}

const ClassSpec& NetworkRuleCheck::spec() const {
  static const ClassSpec spec{"network",
                              kSocketAccesses,
                              {{"ip", {}}, {"port", {}}, {"interface", {}}, {"peer", {false, true, {"ip", "port", "label"}}}},
                              true};
  return spec;
}

static bool isPort(const std::string& text, long& value) {
  if (text.empty() || text.size() > 5) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  value = std::stol(text);
  return value <= 65535;
}

static std::optional<std::string> portProblem(const std::string& text) {
  long low = 0, high = 0;
  auto dash = text.find('-');
  if (dash == std::string::npos) {
    if (!isPort(text, low)) return fmt::format("'{}' is not a port: use a number from 0 to 65535, or a range like 1024-2048", text);
    return std::nullopt;
  }
  if (!isPort(text.substr(0, dash), low) || !isPort(text.substr(dash + 1), high))
    return fmt::format("'{}' is not a port range: use LOW-HIGH with ports from 0 to 65535", text);
  if (low > high) return fmt::format("port range '{}' runs backwards", text);
  return std::nullopt;
}

static std::optional<std::string> ipProblem(const std::string& text) {
  if (text == "none") return std::nullopt;
  std::string address = text;
  std::optional<int> prefix;
  auto slash = text.find('/');
  if (slash != std::string::npos) {
    address = text.substr(0, slash);
    std::string bits = text.substr(slash + 1);
    bool digits = !bits.empty() && bits.size() <= 3;
    for (char c : bits) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits) return fmt::format("'{}': the prefix length after '/' must be a number", text);
    prefix = std::stoi(bits);
  }
  unsigned char buffer[16];
  if (::inet_pton(AF_INET, address.c_str(), buffer) == 1) {
    if (prefix && *prefix > 32) return fmt::format("'{}': an IPv4 prefix is at most 32 bits", text);
    return std::nullopt;
  }
  if (::inet_pton(AF_INET6, address.c_str(), buffer) == 1) {
    if (prefix && *prefix > 128) return fmt::format("'{}': an IPv6 prefix is at most 128 bits", text);
    return std::nullopt;
  }
  return fmt::format("'{}' is not an IP address; use an IPv4 or IPv6 address, or 'none'", text);
}

static void checkAddressConditions(const std::vector<const ir::Condition*>& conditions,
                                   const std::function<void(const SourceRange&, const std::string&)>& error) {
  for (const ir::Condition* c : conditions) {
    for (const ir::Word& v : c->values) {
      std::optional<std::string> problem;
      if (c->name.text == "port") problem = portProblem(v.text);
      if (c->name.text == "ip") problem = ipProblem(v.text);
      if (problem) error(v.range, *problem);
    }
    if (c->name.text == "peer") {
      std::vector<const ir::Condition*> nested;
      for (const ir::Condition& n : c->nested) nested.push_back(&n);
      checkAddressConditions(nested, error);
    }
  }
}

void NetworkRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  auto error = [&](const SourceRange& range, const std::string& message) { site.error(range, "network-invalid", message); };
  const std::string* domain = nullptr;
  std::size_t i = 0;
  if (i < parts.words.size() && contains(networkDomains(), parts.words[i]->text)) domain = &parts.words[i++]->text;
  if (i < parts.words.size()) {
    const ir::Word& w = *parts.words[i];
    if (contains(networkTypes(), w.text) || contains(networkProtocols(), w.text)) {
      ++i;
    } else {
      std::vector<std::string> expected = domain ? networkTypes() : networkDomains();
      if (domain) expected.insert(expected.end(), networkProtocols().begin(), networkProtocols().end());
      error(w.range, unknownWordMessage(domain ? "socket type or protocol" : "network domain", w.text, expected));
      return;
    }
  }
  for (; i < parts.words.size(); ++i)
    error(parts.words[i]->range,
          fmt::format("unexpected '{}': a network rule names at most a domain and a type or protocol, as in "
                      "'network inet stream'",
                      parts.words[i]->text));
  bool hasAddress = false;
  for (const ir::Condition* c : parts.conditions) hasAddress |= c->name.text != "interface";
  if (domain && hasAddress && *domain != "inet" && *domain != "inet6")
    error(parts.conditions.front()->name.range,
          fmt::format("ip=, port= and peer=(...) apply to inet and inet6 sockets, not to '{}'", *domain));
  checkAddressConditions(parts.conditions, error);
  checkPeerAccesses(parts, this, "network", error);
}

const ClassSpec& UnixRuleCheck::spec() const {
  static const ClassSpec spec{"unix",
                              kSocketAccesses,
                              {{"type", {}}, {"protocol", {}}, {"addr", {}}, {"label", {}}, {"attr", {}}, {"opt", {}},
                               {"peer", {false, true, {"label", "addr"}}}},
                              false};
  return spec;
}

void UnixRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  auto error = [&](const SourceRange& range, const std::string& message) { site.error(range, "unix-invalid", message); };
  static const std::vector<std::string> types = {"stream", "dgram", "seqpacket", "raw", "rdm", "packet"};
  auto checkGlob = [&](const ir::Word& w) {
    if (const auto& invalid = engine::globError(site.expanded(w), engine::GlobMode::Null))
      error(w.range, fmt::format("invalid address '{}': {}", w.text, invalid->message));
  };
  // apparmor_parser reads an address before expanding variables: "@{name}" passes, "${name}" not.
  auto checkAddress = [&](const ir::Word& w) {
    if (w.text == "none" || w.text == "auto") return;
    if (w.text.empty() || w.text.front() != '@')
      error(w.range, fmt::format("invalid unix address '{}': an address is abstract ('@name'), 'none' (unnamed) "
                                 "or 'auto' (autobound); sockets in the file system are allowed by file rules",
                                 w.text));
    else
      checkGlob(w);
  };
  for (const ir::Condition* c : parts.conditions) {
    const std::string& name = c->name.text;
    if (name == "type")
      for (const ir::Word& v : c->values)
        if (!contains(types, v.text)) error(v.range, unknownWordMessage("unix socket type", v.text, types));
    if (name == "addr")
      for (const ir::Word& v : c->values) checkAddress(v);
    if (name == "label")
      error(c->name.range, "'label=' is the peer's label in a unix rule: write it inside peer=(label=...)");
    if (name == "protocol" || name == "attr" || name == "opt")
      error(c->name.range, fmt::format("'{}=' is not supported in unix rules yet", name));
    if (name == "peer")
      for (const ir::Condition& n : c->nested)
        for (const ir::Word& v : n.values) n.name.text == "addr" ? checkAddress(v) : checkGlob(v);
  }
  checkPeerAccesses(parts, this, "unix", error);
}

}  // namespace aalint::checks

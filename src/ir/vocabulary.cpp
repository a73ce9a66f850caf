#include "ir/vocabulary.h"

#include <algorithm>

#include <fmt/format.h>

namespace aalint::ir {

static std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string closestWord(const std::string& word, const std::vector<std::string>& vocabulary) {
  std::string best;
  std::size_t bestDistance = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3 + 1)) + 1;
  for (const std::string& candidate : vocabulary) {
    std::size_t d = editDistance(word, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

bool contains(const std::vector<std::string>& vocabulary, const std::string& word) {
  return std::find(vocabulary.begin(), vocabulary.end(), word) != vocabulary.end();
}

std::string unknownWordMessage(const std::string& kind, const std::string& word,
                               const std::vector<std::string>& vocabulary) {
  std::string suggestion = closestWord(word, vocabulary);
  if (!suggestion.empty()) return fmt::format("unknown {} '{}'; did you mean '{}'?", kind, word, suggestion);
  if (vocabulary.size() <= 20) return fmt::format("unknown {} '{}'; expected one of: {}", kind, word, fmt::join(vocabulary, ", "));
  return fmt::format("unknown {} '{}'", kind, word);
}

const std::vector<std::string>& capabilityNames() {
  static const std::vector<std::string> names = {
      "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
      "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
      "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
      "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap",
      "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
      "checkpoint_restore"};
  return names;
}

const std::vector<std::string>& networkDomains() {
  static const std::vector<std::string> names = {
      "unspec", "unix", "local", "inet", "ax25", "ipx", "appletalk", "netrom", "bridge", "atmpvc", "x25", "inet6",
      "rose", "netbeui", "security", "key", "netlink", "route", "packet", "ash", "econet", "atmsvc", "rds", "sna",
      "irda", "pppox", "wanpipe", "llc", "ib", "mpls", "can", "tipc", "bluetooth", "iucv", "rxrpc", "isdn",
      "phonet", "ieee802154", "caif", "alg", "nfc", "vsock", "kcm", "qipcrtr", "smc", "xdp", "mctp"};
  return names;
}

const std::vector<std::string>& networkTypes() {
  static const std::vector<std::string> names = {"stream", "dgram", "seqpacket", "rdm", "raw", "packet"};
  return names;
}

const std::vector<std::string>& networkProtocols() {
  static const std::vector<std::string> names = {"tcp", "udp", "icmp"};
  return names;
}

const std::vector<std::string>& signalNames() {
  static const std::vector<std::string> names = {
      "hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe", "kill", "usr1", "segv", "usr2", "pipe", "alrm", "term",
      "stkflt", "chld", "cont", "stop", "stp", "ttin", "ttou", "urg", "xcpu", "xfsz", "vtalrm", "prof", "winch", "io",
      "pwr", "sys", "emt", "exists"};
  return names;
}

const std::vector<std::string>& rlimitNames() {
  static const std::vector<std::string> names = {"cpu",    "fsize",      "data",     "stack",  "core",   "rss",
                                                 "nproc",  "nofile",     "memlock",  "as",     "locks",  "sigpending",
                                                 "msgqueue", "nice",     "rtprio",   "rttime", "ofile"};
  return names;
}

}  // namespace aalint::ir

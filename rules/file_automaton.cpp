#include "file_automaton.h"

#include <algorithm>
#include <map>

#include "engine/glob_beginnings.h"
#include "near_file.h"

namespace aalint::lint {

const std::vector<Probe>& probes() {
  static const std::vector<Probe> list = {
      {ProbeKind::SensitiveRead, "/etc/shadow", "password hashes"},
      {ProbeKind::SensitiveRead, "/etc/gshadow", "group password hashes"},
      {ProbeKind::SensitiveRead, "/etc/sudoers", "the sudo policy"},
      {ProbeKind::SensitiveRead, "/etc/sudoers.d/*", "the sudo policy"},
      {ProbeKind::SensitiveRead, "/etc/ssh/ssh_host_*_key", "SSH host private keys"},
      {ProbeKind::SensitiveRead, "/{home/*,root}/.ssh/id_*", "users' SSH private keys"},
      {ProbeKind::SensitiveRead, "/{home/*,root}/.gnupg/**", "users' GnuPG keys"},
      {ProbeKind::SensitiveRead, "/{home/*,root}/.mozilla/firefox/*/{logins.json,key4.db}",
       "saved browser passwords"},
      {ProbeKind::SensitiveRead, "/{home/*,root}/.config/{google-chrome,chromium}/*/Login Data",
       "saved browser passwords"},
      {ProbeKind::SensitiveRead, "/proc/[0-9]*/environ", "other processes' environments (tokens, passwords)"},
      {ProbeKind::SensitiveRead, "/proc/[0-9]*/mem", "other processes' memory"},
      {ProbeKind::SensitiveRead, "/proc/kcore", "kernel memory"},
      {ProbeKind::SensitiveRead, "/dev/{mem,kmem,port}", "physical and kernel memory"},
      {ProbeKind::SensitiveWrite, "/proc/sys/**", "kernel tunables"},
      {ProbeKind::SensitiveWrite, "/proc/sysrq-trigger", "the SysRq trigger (reboot, crash)"},
      {ProbeKind::SensitiveWrite, "/sys/kernel/**", "kernel interfaces"},
      {ProbeKind::SensitiveWrite, "/sys/firmware/**", "firmware interfaces"},
      {ProbeKind::SensitiveWrite, "/sys/fs/cgroup/**/release_agent", "the cgroup release agent (a container escape)"},
      // Device names, not "/dev/sd*": '/**.png w' does not write a disk.
      {ProbeKind::SensitiveWrite, "/dev/{sd,vd,hd,xvd}[a-z]{,[a-z]}{,[0-9],[0-9][0-9]}", "raw block devices"},
      {ProbeKind::SensitiveWrite, "/dev/nvme[0-9]n[0-9]{,p[0-9],p[0-9][0-9]}", "raw block devices"},
      {ProbeKind::SensitiveWrite, "/dev/{mmcblk[0-9]{,p[0-9],p[0-9][0-9]},dm-[0-9]{,[0-9]},loop[0-9]{,[0-9]}}",
       "raw block devices"},
      {ProbeKind::SensitiveWrite, "/dev/{mem,kmem,port}", "physical and kernel memory"},
      {ProbeKind::SensitiveWrite, "/etc/ld.so.preload", "the dynamic loader's preload list"},
      {ProbeKind::SensitiveWrite, "/etc/ld.so.conf{,.d/*}", "the dynamic loader's search path"},
      {ProbeKind::SensitiveWrite, "/etc/{crontab,cron.d/*,cron.hourly/*,cron.daily/*,cron.weekly/*,cron.monthly/*}",
       "cron jobs"},
      {ProbeKind::SensitiveWrite, "/var/spool/cron/**", "cron jobs"},
      {ProbeKind::SensitiveWrite, "/etc/sudoers{,.d/*}", "the sudo policy"},
      {ProbeKind::SensitiveWrite, "/etc/pam.d/*", "PAM configuration"},
      {ProbeKind::SensitiveWrite, "/etc/profile{,.d/*}", "login shell startup files"},
      {ProbeKind::SensitiveWrite, "/{etc,usr/lib,lib}/systemd/{system,user}/**", "systemd units"},
      {ProbeKind::SensitiveWrite, "/{home/*,root}/.config/systemd/user/**", "users' systemd units"},
      {ProbeKind::SensitiveWrite, "/{home/*,root}/.{bashrc,profile,bash_profile,bash_login,zshrc,zprofile}",
       "users' shell startup files"},
      {ProbeKind::SensitiveWrite, "/etc/bash.bashrc", "shell startup files"},
      {ProbeKind::SensitiveWrite, "/{home/*,root}/.ssh/authorized_keys*", "SSH authorized keys"},
      {ProbeKind::SensitiveWrite, "/etc/apparmor.d/**", "AppArmor policy"},
      {ProbeKind::SensitiveWrite, "/var/cache/apparmor/**", "compiled AppArmor policy"},
      {ProbeKind::SensitiveWrite, "/sys/kernel/security/**", "the LSM interfaces (policy loading)"},
      {ProbeKind::SharedDirectory, "/tmp/**", "/tmp"},
      {ProbeKind::SharedDirectory, "/var/tmp/**", "/var/tmp"},
      {ProbeKind::SharedDirectory, "/dev/shm/**", "/dev/shm"},
      {ProbeKind::SharedDirectory, "/run/user/*/**", "other users' runtime directories"},
      {ProbeKind::SharedDirectory, "/home/*/**", "other users' home directories"},
      {ProbeKind::Subtree, "/**", "the whole filesystem"},
      {ProbeKind::Subtree, "/home/*/**", "every home directory"},
      {ProbeKind::Subtree, "/etc/**", "all of /etc"},
      {ProbeKind::Subtree, "/usr/**", "all of /usr"},
      {ProbeKind::Subtree, "/var/**", "all of /var"},
      {ProbeKind::Subtree, "/proc/**", "all of /proc"},
      {ProbeKind::Subtree, "/sys/**", "all of /sys"},
      {ProbeKind::Subtree, "/dev/**", "all of /dev"},
  };
  return list;
}

namespace {

// A path of the subtree a probe glob names: each "**" read as "x/y", each other "*" as "x".
std::string samplePath(const std::string& probe) {
  std::string path;
  for (std::size_t i = 0; i < probe.size(); ++i)
    if (probe.compare(i, 2, "**") == 0) {
      path += "x/y";
      ++i;
    } else {
      path += probe[i] == '*' ? 'x' : probe[i];
    }
  return path;
}

// Whether `glob` matches `path`, by an automaton of the glob alone, kept per thread (the
// abstractions' globs come back in every profile); true when the glob is invalid.
bool matchesAlone(const std::string& glob, const std::string& path) {
  const engine::GlobSet& alone = cachedOnThread<engine::GlobSet, 256>(
      glob, [](const std::string& text) { return engine::GlobSet::compile({text}); });
  return !alone.ok() || alone.matches(0, path);
}

// What the cover test needs of a subtree probe, worked out once.
struct Subtree {
  std::vector<std::string> prefixes;  // its literal beginnings
  std::string sample;                 // a path of the subtree, when `sampleMatches`
  engine::PatternBeginnings sampleBeginnings;
  bool sampleMatches;
};
// For a probe of kind Subtree (an index into probes()).
const Subtree& subtree(std::size_t probe) {
  static const std::vector<std::optional<Subtree>> table = [] {
    std::vector<std::optional<Subtree>> all(probes().size());
    for (std::size_t p = 0; p < probes().size(); ++p) {
      const std::string& glob = probes()[p].glob;
      if (probes()[p].kind != ProbeKind::Subtree) continue;
      const std::string sample = samplePath(glob);
      all[p].emplace(Subtree{engine::literalPrefixes(glob), sample, engine::PatternBeginnings(sample),
                             matchesAlone(glob, sample)});
    }
    return all;
  }();
  return *table[probe];
}

// Whether `rule` may cover all of the subtree of a probe: one of its literal prefixes must begin
// the probe's, and it must match a path of the subtree (when the sample path is one): first asked
// of its pattern beginnings, then of its automaton.
bool mayCover(const std::string& rule, const Subtree& probe, std::size_t& pairBudget) {
  auto begins = [&](const std::string& outer) {
    return std::any_of(probe.prefixes.begin(), probe.prefixes.end(),
                       [&](const std::string& path) { return path.compare(0, outer.size(), outer) == 0; });
  };
  const std::vector<std::string>& outers = literalPrefixes(rule);
  if (std::none_of(outers.begin(), outers.end(), begins)) return false;
  if (!probe.sampleMatches) return true;
  return patternBeginnings(rule).mayMeet(probe.sampleBeginnings, pairBudget) && matchesAlone(rule, probe.sample);
}

// The rules of the file (of `all`) that may meet no other rule entering the automaton and no probe
// in it: they match alone wherever they match (most rules of a profile name a directory of their
// own), so they need no automaton.
std::vector<bool> matchingAlone(const std::vector<FileAccess>& all, const std::vector<bool>& enters,
                                const std::vector<std::size_t>& probeIds, NearFile& near, const SourceFile* file) {
  for (std::size_t k = 0; k < all.size(); ++k)
    if (enters[k] && all[k].placed->rule->range.file != file) near.markMet(all[k].glob());
  for (std::size_t p : probeIds) near.markMet(probes()[p].glob);
  near.markMeetingOwnRules();
  return near.unmarked();
}

}  // namespace

std::unique_ptr<FileAutomaton> FileAutomaton::build(const std::vector<FileAccess>& all, const SourceFile* file,
                                                    engine::AutomatonBudget& budget,
                                                    std::optional<engine::AutomatonLimit>& tooLarge) {
  auto automaton = std::make_unique<FileAutomaton>();
  std::size_t pairBudget = engine::PatternBeginnings::kPairsPerProfile;
  std::optional<NearFile> near;
  if (file) near.emplace(all, file, pairBudget);
  // An included rule that bears on a rule of the file only if that one may be redundant waits
  // until every included rule has told what it may grant.
  std::vector<bool> enters(all.size(), !near);
  std::vector<std::pair<std::size_t, std::vector<std::uint32_t>>> waiting;
  std::vector<std::uint32_t> ifRedundant;
  for (std::size_t k = 0; near && k < all.size(); ++k) {
    ifRedundant.clear();
    if (all[k].placed->rule->range.file == file || near->meetsBearing(all[k], ifRedundant)) enters[k] = true;
    else if (!ifRedundant.empty()) waiting.emplace_back(k, ifRedundant);
  }
  for (const auto& [k, rules] : waiting)
    enters[k] = std::any_of(rules.begin(), rules.end(), [&](std::uint32_t own) { return near->mayBeRedundant(own); });

  // Subtree probes are a question of cover, asked of the rules that may cover one; the other
  // probes, of where globs meet.
  std::vector<std::size_t> probeIds;  // the probes in the automaton
  std::vector<std::pair<std::size_t, std::size_t>> mayCoverPairs;  // (rule, subtree probe), a rule by its index in `all`
  std::vector<std::size_t> mayCoverAny;  // the rules that enter with a "**"
  for (std::size_t k = 0; k < all.size(); ++k)
    if (enters[k] && all[k].glob().find("**") != std::string::npos) mayCoverAny.push_back(k);
  for (std::size_t p = 0; p < probes().size(); ++p) {
    const Probe& probe = probes()[p];
    if (probe.kind == ProbeKind::Subtree) {
      for (std::size_t k : mayCoverAny)
        if (mayCover(all[k].glob(), subtree(p), pairBudget)) mayCoverPairs.emplace_back(k, p);
    } else if (!near || near->mayMeet(probe)) {
      probeIds.push_back(p);
    }
  }

  // The rules that match alone come after those of the automaton.
  const std::vector<bool> alone =
      near ? matchingAlone(all, enters, probeIds, *near, file) : std::vector<bool>(all.size(), false);
  std::vector<std::size_t> ruleAt(all.size());  // index in rules_ of a rule of `all`
  auto place = [&](bool lone) {
    for (std::size_t k = 0; k < all.size(); ++k)
      if (enters[k] && alone[k] == lone) {
        ruleAt[k] = automaton->rules_.size();
        automaton->rules_.push_back(all[k]);
      }
  };
  place(false);
  const std::size_t ruleCount = automaton->rules_.size();  // in the automaton
  place(true);
  for (auto& [rule, probe] : mayCoverPairs) rule = ruleAt[rule];
  automaton->covering_.resize(probes().size());
  if (!mayCoverPairs.empty() && !automaton->coverSubtrees(mayCoverPairs, budget, tooLarge)) return nullptr;

  std::vector<std::string> globs;
  for (std::size_t r = 0; r < ruleCount; ++r) globs.push_back(automaton->rules_[r].glob());
  for (std::size_t p : probeIds) globs.emplace_back(probes()[p].glob);
  // The sites' ids are kept in one array (a site's rules, then its probes: accept ids are sorted,
  // the rules' first), made into ranges once it is complete.
  std::vector<std::size_t>& ids = automaton->ids_;
  struct Extent {
    std::size_t begin, split, end;
  };
  std::vector<Extent> extents;
  auto addSite = [&](std::uint32_t state, bool beyond, const std::uint32_t* first, const std::uint32_t* last) {
    const std::size_t begin = ids.size();
    const std::uint32_t* probesFrom = std::lower_bound(first, last, static_cast<std::uint32_t>(ruleCount));
    ids.insert(ids.end(), first, probesFrom);
    const std::size_t split = ids.size();
    for (const std::uint32_t* id = probesFrom; id != last; ++id) ids.push_back(probeIds[*id - ruleCount]);
    automaton->sites_.push_back({state, beyond, {}, {}});
    extents.push_back({begin, split, ids.size()});
  };
  if (!globs.empty()) {
    // For the main file's findings: only where one of its rules meets another rule or a probe.
    std::vector<bool> focus;
    if (file) {
      focus.assign(globs.size(), false);
      for (std::size_t r = 0; r < ruleCount; ++r) focus[r] = automaton->rules_[r].placed->rule->range.file == file;
    }
    automaton->set_ = engine::GlobSet::compile(globs, {kMaxStates, &budget, true, focus});
    if (!automaton->set_.ok()) {
      tooLarge = automaton->set_.exceeded();
      return nullptr;
    }
    const engine::Dfa& dfa = automaton->set_.dfa();
    automaton->paths_ = dfa.shortestPaths();
    for (std::uint32_t state : automaton->paths_.order()) {
      const engine::AcceptIds accepts = dfa.accepts(state);
      if (!accepts.empty()) addSite(state, false, accepts.data(), accepts.data() + accepts.size());
      const std::uint32_t ahead = dfa.onlyAhead(state);
      const bool aheadIsHere = accepts.size() == 1 && accepts[0] == ahead;
      if (ahead != engine::Dfa::kNoExpression && !aheadIsHere) addSite(state, true, &ahead, &ahead + 1);
    }
  }
  for (std::size_t lone = ruleCount; lone < automaton->rules_.size(); ++lone) {
    ids.push_back(lone);
    automaton->sites_.push_back({kAlone, true, {}, {}});
    extents.push_back({ids.size() - 1, ids.size(), ids.size()});
  }
  for (std::size_t k = 0; k < extents.size(); ++k) {
    automaton->sites_[k].rules = {ids.data() + extents[k].begin, ids.data() + extents[k].split};
    automaton->sites_[k].probes = {ids.data() + extents[k].split, ids.data() + extents[k].end};
  }
  return automaton;
}

std::string FileAutomaton::witness(const Site& site) const {
  if (site.state != kAlone) return paths_.to(site.state);
  const std::string& glob = rules_[*site.rules.begin()].glob();
  return engine::examplePath(glob).value_or(glob);
}

bool FileAutomaton::coverSubtrees(const std::vector<std::pair<std::size_t, std::size_t>>& pairs,
                                  engine::AutomatonBudget& budget, std::optional<engine::AutomatonLimit>& tooLarge) {
  // One automaton over the rules and subtree probes of the pairs.
  std::vector<std::string> globs;
  std::map<std::size_t, std::size_t> ruleAt, probeAt;
  for (auto [r, p] : pairs)
    if (ruleAt.emplace(r, globs.size()).second) globs.push_back(rules_[r].glob());
  for (auto [r, p] : pairs)
    if (probeAt.emplace(p, globs.size()).second) globs.emplace_back(probes()[p].glob);
  engine::GlobSet set = engine::GlobSet::compile(globs, {kMaxStates, &budget, false, {}});
  if (!set.ok()) {
    tooLarge = set.exceeded();
    return false;
  }
  std::vector<std::pair<std::size_t, std::size_t>> asked;
  for (auto [r, p] : pairs) asked.emplace_back(ruleAt[r], probeAt[p]);
  const std::vector<bool> covered = set.covers(asked);
  for (std::size_t k = 0; k < pairs.size(); ++k)
    if (covered[k]) covering_[pairs[k].second].push_back(pairs[k].first);
  return true;
}

const std::vector<std::size_t>& FileAutomaton::covering(std::size_t subtreeProbe) const {
  return covering_[subtreeProbe];
}

bool grants(const FileAccess& rule, Access access) {
  switch (access) {
    case Access::Read: return rule.perms.read;
    case Access::Write: return rule.writes();
    case Access::Execute: return rule.executes() || rule.perms.mmap;
  }
  return false;
}

bool deniedAmong(const FileAutomaton& automaton, const FileAutomaton::Ids& matching, const FileAccess& rule,
                 Access access) {
  for (std::size_t id : matching) {
    const FileAccess& other = automaton.rules()[id];
    if (!other.deny() || !other.sharesHalfWith(rule)) continue;
    // A deny of exec is written with plain 'x'; a deny of mmap with 'm'.
    bool denies = access == Access::Execute ? (other.perms.bareExec || other.perms.exec || other.perms.mmap)
                                            : grants(other, access);
    // A covering deny only cancels the allow when the allow does not outrank it.
    bool outranked = false;
    if (rule.placed->qualifiers.priority && other.placed->qualifiers.priority)
      outranked = std::stol(rule.placed->qualifiers.priority->text) > std::stol(other.placed->qualifiers.priority->text);
    else if (rule.placed->qualifiers.priority)
      outranked = std::stol(rule.placed->qualifiers.priority->text) > 0;
    if (denies && !outranked) return true;
  }
  return false;
}

}  // namespace aalint::lint

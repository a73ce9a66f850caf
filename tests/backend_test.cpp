// Binary policy decoding and comparison, against blobs that apparmor_parser (installed by
// scripts/install-deps, used here as the oracle only) compiles at test time.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "backend/policy_decoder.h"
#include "backend/policy_diff.h"
#include "cli_support.h"

using namespace aalint::backend;

namespace {

// Compiles `profile` with apparmor_parser for the Debian 12 kernel's features.
std::string compile(const std::string& profile) {
  std::string dir = scratchDirectory("compile");
  writeFile(dir + "/p", profile);
  std::string command = "apparmor_parser -QKS -M /usr/share/apparmor-features/features " + dir + "/p > " + dir +
                        "/p.bin 2>/dev/null";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "apparmor_parser could not compile: " << profile);
  return readFile(dir + "/p.bin");
}

std::uint32_t run(const DecodedDfa& dfa, const std::string& input) {
  std::uint32_t s = dfa.start;
  for (char c : input) s = dfa.tables.next(s, static_cast<std::uint8_t>(c));
  return s;
}

}  // namespace

TEST_CASE("decoding apparmor_parser's blob of a small profile (binary-policy.md §1.8)") {
  std::string blob = compile("profile t { /tmp/a r, capability net_raw, }\n");
  CHECK(blob.size() == 2593);
  DecodedPolicy policy = decodePolicy(blob);
  REQUIRE_FALSE(policy.error);
  REQUIRE(policy.records.size() == 1);
  const DecodedRecord& r = policy.records[0];
  CHECK(r.version == 0x00202007);
  CHECK(r.name == "t");
  CHECK(r.mode == 0);
  CHECK(r.caps[0] == 0x2000);  // net_raw
  REQUIRE(r.dfas.size() == 2);
  const DecodedDfa& policydb = r.dfas[0];
  CHECK(policydb.role == DecodedDfa::Role::Policy);
  CHECK(policydb.offset == 0x90);
  CHECK(policydb.tables.stateCount() == 3);
  // The mediation markers: FILE, MOUNT, PTRACE, SIGNAL, NET (class bytes 2, 7, 9, 10, 14).
  for (char marker : {'\x02', '\x07', '\x09', '\x0a', '\x0e'}) CHECK(policydb.tables.accept(run(policydb, std::string(1, marker))) == 0x4);
  CHECK(policydb.tables.accept(run(policydb, "\x03")) == 0);
  const DecodedDfa& file = r.dfas[1];
  CHECK(file.role == DecodedDfa::Role::File);
  CHECK(file.offset == 0x538);
  CHECK(file.tables.stateCount() == 8);
  CHECK(file.tables.accept(run(file, "/tmp/a")) == 0x10004);  // r for owner and other
  CHECK(file.tables.accept(run(file, "/tmp/b")) == 0);
}

TEST_CASE("children, hats, the x-table and rlimits are decoded") {
  std::string blob = compile(
      "profile x {\n  /usr/bin/a px -> other,\n  /usr/bin/b cx -> child,\n  set rlimit nofile <= 1024,\n"
      "  profile child { }\n  ^hat { }\n}\nprofile other { }\n");
  DecodedPolicy policy = decodePolicy(blob);
  REQUIRE_FALSE(policy.error);
  std::vector<std::string> names;
  for (const auto& r : policy.records) names.push_back(r.name + (r.hatFlag ? " (hat)" : ""));
  CHECK(names == std::vector<std::string>{"other", "x", "x//child", "x//hat (hat)"});
  const DecodedRecord& x = policy.records[1];
  CHECK(x.xtable == std::vector<std::string>{"x//child", "other"});
  REQUIRE(x.rlimitMask);
  CHECK(*x.rlimitMask == 0x80);
  CHECK(x.rlimits.at(7) == 1024);
}

TEST_CASE("diff: equal policies written differently, and the shortest input that tells others apart") {
  DecodedPolicy carved = decodePolicy(compile("profile t { /foo/[abc] r, audit deny /foo/b r, }\n"));
  DecodedPolicy narrow = decodePolicy(compile("profile t { /foo/[ac] r, }\n"));
  DecodedPolicy wide = decodePolicy(compile("profile t { /foo/[abc] r, }\n"));
  CHECK(diffPolicies(carved, narrow).empty());
  auto differences = diffPolicies(narrow, wide);
  REQUIRE(differences.size() == 1);
  CHECK(differences[0].what == "file DFA");
  CHECK(differences[0].detail ==
        "on input \"/foo/b\": accept 0x00000000 accept2 0x00000000 vs accept 0x00010004 accept2 0x00000000");

  // Past the limit of state pairs, a DFA pair is not compared, never called the same.
  auto limited = diffPolicies(carved, narrow, 3);
  REQUIRE(limited.size() == 1);
  CHECK(limited[0].detail == "not compared: the automata pair up more than 3 states");

  DecodedPolicy capA = decodePolicy(compile("profile t { capability chown, }\n"));
  DecodedPolicy capB = decodePolicy(compile("profile t { capability kill, }\n"));
  auto caps = diffPolicies(capA, capB);
  REQUIRE(caps.size() == 1);
  CHECK(caps[0].what == "caps allow");
  CHECK(caps[0].detail == "0x1 vs 0x20");
}

TEST_CASE("diff steps across the out-of-band transition between an attachment's path and its xattrs") {
  DecodedPolicy one = decodePolicy(compile("/usr/bin/t xattrs=(a=1 b=2) { }\n"));
  DecodedPolicy other = decodePolicy(compile("/usr/bin/t xattrs=(a=1 b=3) { }\n"));
  const DecodedDfa& attachment = one.records.at(0).dfas.at(0);
  REQUIRE(attachment.role == DecodedDfa::Role::Attachment);
  CHECK(attachment.tables.flags() == DfaTables::kOutOfBandHeaderFlag);
  // The path alone attaches; its out-of-band transition leads to the values, the last named first.
  std::uint32_t path = run(attachment, "/usr/bin/t");
  CHECK(attachment.tables.accept(path) == 0x1);
  CHECK(attachment.tables.outOfBand(run(attachment, "/usr/bin/")) == 0);
  std::uint32_t value = attachment.tables.outOfBand(path);
  for (char c : std::string("\0002", 2)) value = attachment.tables.next(value, static_cast<std::uint8_t>(c));
  CHECK(attachment.tables.accept(value) == 0x1);
  CHECK(one.records.at(0).xattrs == std::vector<std::string>{"b", "a"});

  auto differences = diffPolicies(one, other);
  REQUIRE(differences.size() == 1);
  CHECK(differences[0].what == "attachment DFA");
  CHECK(differences[0].detail ==
        "on input \"/usr/bin/t<oob>\\x002\": accept 0x00000001 accept2 0x00000000 vs accept 0x00000000 accept2 "
        "0x00000000");
}

TEST_CASE("truncated and bit-flipped blobs give an error, never a crash") {
  std::string blob = compile("profile t { /tmp/a r, /usr/bin/* ix, capability net_raw, network inet stream, }\n");
  REQUIRE_FALSE(decodePolicy(blob).error);
  for (std::size_t cut = 0; cut < blob.size(); cut += 7) CHECK(decodePolicy(blob.substr(0, cut)).error);
  std::size_t decoded = 0;
  for (std::size_t i = 0; i < blob.size(); ++i)
    for (int bit : {0, 3, 7}) {
      std::string flipped = blob;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      DecodedPolicy p = decodePolicy(flipped);  // must not crash or hang
      if (!p.error) {
        ++decoded;
        // Whatever decodes must be walkable.
        for (const auto& r : p.records)
          for (const auto& d : r.dfas) (void)run(d, "/tmp/a");
      }
    }
  CHECK(decoded > 0);  // flips inside accept values and names still decode
}

TEST_CASE("aalint dump and diff on the command line") {
  std::string dir = scratchDirectory("blobs");
  writeFile(dir + "/a.bin", compile("profile t { /foo/[ac] r, }\n"));
  writeFile(dir + "/b.bin", compile("profile t { /foo/[abc] r, }\n"));
  CliResult dump = runAalint("dump " + dir + "/a.bin");
  CHECK(dump.status == 0);
  CHECK(dump.out.rfind("record 1 at byte 0: profile 't' (version 0x00202007)\n", 0) == 0);
  CliResult json = runAalint("dump --format json " + dir + "/a.bin");
  CHECK(json.status == 0);
  CHECK(json.out.find("\"role\": \"file\"") != std::string::npos);
  CliResult same = runAalint("diff " + dir + "/a.bin " + dir + "/a.bin");
  CHECK(same.status == 0);
  CliResult different = runAalint("diff " + dir + "/a.bin " + dir + "/b.bin");
  CHECK(different.status == 1);
  CHECK(different.out == "t: file DFA: on input \"/foo/b\": accept 0x00000000 accept2 0x00000000 vs accept 0x00010004 "
                         "accept2 0x00000000\n");
  // --sizes also names each automaton of the second policy larger than the first's.
  writeFile(dir + "/c.bin", compile("profile t { /srv/** r, }\n"));
  writeFile(dir + "/d.bin", compile("profile t { /srv/** r, /srv/a/b/c w, }\n"));
  CHECK(runAalint("diff " + dir + "/c.bin " + dir + "/d.bin").out.find("file DFA size") == std::string::npos);
  CliResult sizes = runAalint("diff --sizes " + dir + "/c.bin " + dir + "/d.bin");
  CHECK(sizes.status == 1);
  CHECK(sizes.out.find("\nt: file DFA size: 13 states vs 8\n") != std::string::npos);
  writeFile(dir + "/junk.bin", "not a policy");
  CliResult junk = runAalint("dump " + dir + "/junk.bin");
  CHECK(junk.status == 2);
  CHECK(junk.out.find("[policy-invalid]") != std::string::npos);
}

TEST_CASE("every Debian profile compiled by apparmor_parser decodes, and equals itself") {
  std::string dir = scratchDirectory("debian-blobs");
  std::string command = "cd /etc/apparmor.d && for f in *; do [ -f \"$f\" ] && apparmor_parser -QKS -M "
                        "/usr/share/apparmor-features/features \"$f\" > " + dir + "/\"$f\".bin 2>/dev/null; done; true";
  REQUIRE(std::system(command.c_str()) == 0);
  std::size_t records = 0, files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string blob = readFile(entry.path().string());
    if (blob.empty()) continue;
    ++files;
    CAPTURE(entry.path().string());
    DecodedPolicy policy = decodePolicy(blob);
    REQUIRE_FALSE(policy.error);
    records += policy.records.size();
    CHECK(diffPolicies(policy, policy).empty());
  }
  CHECK(files >= 20);
  CHECK(records >= files);
}

// aalint compile: the same policy written differently gives the same bytes; different policies do
// not; and what aalint compiles grants exactly what apparmor_parser's blob grants (aalint diff).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include <fmt/format.h>

#include "backend/policy_decoder.h"
#include "backend/policy_diff.h"
#include "cli_support.h"

using namespace aalint::backend;

namespace {

std::string compileWithAalint(const std::string& profile) {
  std::string dir = scratchDirectory("aalint-compile");
  writeFile(dir + "/p", profile);
  CliResult r = runAalint("compile -o " + dir + "/p.bin " + dir + "/p");
  REQUIRE_MESSAGE(r.status == 0, profile << "\n" << r.err);
  return readFile(dir + "/p.bin");
}

std::string compileWithParser(const std::string& path) {
  std::string out = scratchDirectory("parser-compile") + "/p.bin";
  std::string command =
      "apparmor_parser -QKS -M /usr/share/apparmor-features/features " + path + " > " + out + " 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  return readFile(out);
}

// Each automaton of `ours` that has more states than apparmor_parser's for the same profile.
std::string largerAutomataText(const DecodedPolicy& reference, const DecodedPolicy& ours) {
  std::string larger;
  for (const PolicyDifference& d : largerAutomata(reference, ours))
    larger += d.profile + ": " + d.what + ": " + d.detail + "\n";
  return larger;
}

}  // namespace

TEST_CASE("equal policies compile to identical bytes") {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"profile t { /f rw, }", "profile t { rw /f, }"},
      {"profile t { /f r, /f w, }", "profile t { /f rw, }"},
      {"@{D} = /srv\nprofile t { @{D}/** r, }", "profile t { /srv/** r, }"},
      {"profile t { /a r, /b r, }", "profile t { /{a,b} r, }"},
      {"profile t { capability chown, capability kill, }", "profile t { capability kill chown, }"},
      {"profile t { owner /h/** rw, }", "profile t { owner { /h/** rw, } }"},
      {"profile t { /* px, /f px, }", "profile t { /* px, }"},
      {"profile t { /foo/[abc] r, audit deny /foo/b r, }", "profile t { /foo/[ac] r, audit deny /foo/b r, }"},
  };
  for (const auto& pair : pairs) {
    const std::string& a = pair.first;
    const std::string& b = pair.second;
    CAPTURE(a);
    CAPTURE(b);
    CHECK(compileWithAalint(a + "\n") == compileWithAalint(b + "\n"));
  }
}

TEST_CASE("different policies compile to different bytes") {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"profile t { /f r, }", "profile t { /f w, }"},
      {"profile t { /f r, }", "profile t { owner /f r, }"},
      {"profile t { /* px, /f ix, }", "profile t { /* px, }"},
      {"profile t { /foo/[abc] r, }", "profile t { /foo/[ac] r, }"},
      {"profile t { capability chown, }", "profile t { audit capability chown, }"},
      {"profile t { network inet stream, }", "profile t { network inet dgram, }"},
      {"/t xattrs=(a=1 b=2) { }", "/t xattrs=(b=2 a=1) { }"},
  };
  for (const auto& pair : pairs) {
    const std::string& a = pair.first;
    const std::string& b = pair.second;
    CAPTURE(a);
    CAPTURE(b);
    CHECK(compileWithAalint(a + "\n") != compileWithAalint(b + "\n"));
  }
}

TEST_CASE("the worked example of binary-policy.md is reproduced byte for byte") {
  std::string dir = scratchDirectory("example");
  writeFile(dir + "/t", "profile t { /tmp/a r, capability net_raw, }\n");
  CHECK(compileWithAalint(readFile(dir + "/t")) == compileWithParser(dir + "/t"));
}

TEST_CASE("constructs the differential bench once found wrong grant what apparmor_parser grants") {
  // Each of these differed from apparmor_parser 3.0.8 in bench/differential-compile.sh at some point.
  for (const char* profile : {
           "/x { capability, }\n",                      // every one of the 64 bits, not only known names
           "/x { audit capability, }\n",
           "/x { deny capability, }\n",
           "/x { capability, deny capability chown, }\n",
           "/x { ^hat { audit allow capability, } }\n",
           "/x { change_profile -> foo, }\n",            // on exec of any program, with no exec bits
           "/x { change_profile, }\n",                   // '**' does not match the empty name
           "/x { change_profile -> {,a}, }\n",
           "/x { change_profile unsafe /bin/x -> foo, }\n",
           "/x { change_profile safe /bin/* -> @{profile_name}//*, }\n",
           "/x { deny change_profile /bin/x -> foo, change_profile /bin/* -> foo, }\n",
           "/x { ^hat { change_profile -> :ns:foo, } }\n",
           "@{FOO}=/bar /baz\n@{BAR}=baz foo\nprofile /x@{BAR} @{FOO} { }\n",  // names with variables expanded
           "@{FOO}=bar\nprofile /x { profile @{FOO} { } }\n",
           "/x { unsafe ix /foo, }\n",
           "/x { umount /mnt/, deny umount /m*, audit umount, }\n",
           "/x { pivot_root oldroot=/old/ /new/, deny pivot_root /n*/, }\n",
           "/x { audit signal, deny signal send, audit ptrace, deny ptrace read, }\n",  // audit kept under a deny
           "/x { mount, }\n",                           // allowed with "go on to match the data"
           "/x { audit mount, deny mount, }\n",
           "/x { audit deny mount, }\n",                 // nothing left: as few states as apparmor_parser
           "/x { mount fstype=tmpfs -> /mnt/, }\n",     // an fstype rules out the remount encoding
           "/x { audit mount fstype=(proc,sysfs), }\n",
           "/x { mount options=(ro,nodev) /dev/sda1 -> /media/**, }\n",
           "/x { mount options in (ro,rw) fstype=(ext3,ext4) /dev/sd* -> /mnt/*, }\n",
           "/x { mount options=bind /a -> /b, mount options=(rbind) /c -> /d, }\n",
           "/x { mount options=(make-private) -> /x, mount options=(move) /a -> /b, }\n",
           "/x { remount /r/, remount options=(ro) /q/, }\n",
           "/x { deny mount options=(rw) -> /deny/, mount -> /**, }\n",
           "/x { set rlimit rttime <= 60minutes, set rlimit cpu <= 1500ms, set rlimit nice <= -5, }\n",
           "alias /usr/ -> /mnt/usr/,\nalias /usr/ -> /u/,\n/x { /usr/bin/a r, deny /usr/** w, /usr/l l, /etc/x r, }\n",
           "/x { network, }\n",                        // socket types 0 to 15
           "/x { deny network, network inet, }\n",     // a deny of any type
           "/x { audit network, }\n",
           "/x { file, }\n",                          // what /{,**} rwmlkix grants
           "/x { audit owner file, deny /y w, }\n",
           "/x { audit /a rl, }\n",                   // the link pair is audited too
           "/x { deny /a l, /** rwl, }\n",            // a deny of link alone takes the pair away
           "/x { /a l -> /b, deny /c l -> /d, }\n",    // 3.0.8 ignores a link target in a file rule
           "/?a { }\n/[ab]a { }\n/[^ab]a { }\n/* { }\nprofile :ns:* { }\n",  // attachment lengths
           "@{FOO}=bar\nprofile @{FOO} { }\n/x@{FOO} { }\n",  // no attachment: not a pattern once expanded
           "profile ** { }\n",                          // the attachment does not match the empty path
           "/usr/bin/t xattrs=(b.x=1 a.x=\"*/**\" c) { }\n",  // xattrs: last written first; values glob NUL
           "profile p { profile c xattrs=(a=1) { } }\n",  // a child attaches by its own name
           "profile :ns:q xattrs=(z) { }\n",
           // Rules with the same permissions share their suffixes (as in exploding_profile.sd).
           "/x { /a/**{b,c,d}/** rw, /a/**log{,s}/** rw, /a/**e/** r, /a/b/** rw, /a/**/f.php rw, }\n",
           "/x { /s/**/c0/**.x0 rw, /s/**/c1/**.x1 rw, /s/**/c2/**.x2 rw, /s/**/c3/**.x3 rw, /s/**/c4/**.x4 rw, }\n",
       }) {
    CAPTURE(profile);
    std::string dir = scratchDirectory("construct");
    writeFile(dir + "/p", profile);
    DecodedPolicy ours = decodePolicy(compileWithAalint(profile));
    DecodedPolicy reference = decodePolicy(compileWithParser(dir + "/p"));
    std::string differences;
    for (const PolicyDifference& d : diffPolicies(reference, ours)) differences += d.what + ": " + d.detail + "\n";
    CHECK(differences == "");
    CHECK(largerAutomataText(reference, ours) == "");
  }
}

TEST_CASE("aalint compile grants what apparmor_parser grants, for every Debian profile it compiles") {
  std::size_t compiled = 0, refused = 0;
  std::string differences, larger;
  for (const char* tree : {"/etc/apparmor.d", "/usr/share/apparmor/extra-profiles"})
    for (const auto& entry : std::filesystem::directory_iterator(tree)) {
      if (!entry.is_regular_file() || entry.path().filename() == "README") continue;
      std::string path = entry.path().string();
      std::string out = scratchDirectory("debian-compile") + "/p.bin";
      CliResult r = runAalint("compile -o " + out + " " + path);
      if (r.status != 0) {
        // Only constructs aalint does not encode yet may stop it, and it must say which.
        CHECK_MESSAGE(r.err.find("[compile-unsupported]") != std::string::npos, path << "\n" << r.err);
        ++refused;
        continue;
      }
      ++compiled;
      DecodedPolicy ours = decodePolicy(readFile(out));
      DecodedPolicy reference = decodePolicy(compileWithParser(path));
      REQUIRE_FALSE(ours.error);
      REQUIRE_FALSE(reference.error);
      for (const PolicyDifference& d : diffPolicies(reference, ours))
        differences += path + ": " + d.profile + ": " + d.what + ": " + d.detail + "\n";
      larger += largerAutomataText(reference, ours);
    }
  CHECK(differences == "");
  CHECK(larger == "");
  CHECK(compiled >= 143);
  MESSAGE("compiled " << compiled << ", not yet compilable " << refused);
}

TEST_CASE("compile writes its output atomically and refuses policy with errors") {
  std::string dir = scratchDirectory("atomic");
  writeFile(dir + "/good", "profile t { /a r, }\n");
  writeFile(dir + "/bad", "profile t { /a rz, }\n");
  writeFile(dir + "/out.bin", "previous contents");
  CliResult bad = runAalint("compile -o " + dir + "/out.bin " + dir + "/bad");
  CHECK(bad.status == 1);
  CHECK(bad.err.find("[file-permission-invalid]") != std::string::npos);
  CHECK(readFile(dir + "/out.bin") == "previous contents");  // untouched
  CliResult good = runAalint("compile -o " + dir + "/out.bin " + dir + "/good");
  CHECK(good.status == 0);
  CHECK_FALSE(decodePolicy(readFile(dir + "/out.bin")).error);
  std::size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    leftovers += entry.path().filename().string().rfind(".aalint-", 0) == 0;
  CHECK(leftovers == 0);
  CHECK(runAalint("compile " + dir + "/good").status == 2);  // neither -o nor -S
}

TEST_CASE("load, replace and remove go through libapparmor's kernel interface") {
  // A plain directory with .load, .replace and .remove stands in for securityfs.
  std::string dir = scratchDirectory("kernel");
  std::string interface = dir + "/fs";
  std::filesystem::create_directories(interface);
  for (const char* file : {".load", ".replace", ".remove"}) writeFile(interface + "/" + file, "");
  writeFile(dir + "/t", "profile t { /tmp/a r, capability net_raw, }\n");
  CHECK(runAalint("load --interface " + interface + " " + dir + "/t").status == 0);
  CHECK(readFile(interface + "/.load") == compileWithParser(dir + "/t"));  // the whole policy, one write
  CHECK(runAalint("replace --interface " + interface + " " + dir + "/t").status == 0);
  CHECK(readFile(interface + "/.replace") == readFile(interface + "/.load"));
  CHECK(runAalint("remove --interface " + interface + " t").status == 0);
  CHECK(readFile(interface + "/.remove") == std::string("t\0", 2));
  // --binary hands compiled policy files to the kernel as they are, in order.
  writeFile(dir + "/a.bin", "first");
  writeFile(dir + "/b.bin", "second");
  writeFile(interface + "/.replace", "");
  CHECK(runAalint("replace --binary --interface " + interface + " " + dir + "/a.bin " + dir + "/b.bin").status == 0);
  CHECK(readFile(interface + "/.replace") == "firstsecond");
  CliResult unreadable = runAalint("load --binary --interface " + interface + " " + dir + "/none.bin");
  CHECK(unreadable.status == 2);
  CHECK(unreadable.err == "aalint: cannot read " + dir + "/none.bin: No such file or directory\n");
  std::filesystem::remove(interface + "/.load");
  CliResult missing = runAalint("load --interface " + interface + " " + dir + "/t");
  CHECK(missing.status == 1);
  CHECK(missing.err == "aalint: cannot load the policy: no such profile, or no AppArmor policy interface here (ENOENT)\n");
}

TEST_CASE("a file both named and included by another is compiled each way, at any -j") {
  // Named files are freed once compiled; one that another file includes is read again or kept.
  std::string dir = scratchDirectory("named-and-included");
  writeFile(dir + "/a", "profile a { /a r, }\n");
  for (char c : {'b', 'c'}) writeFile(dir + "/" + c, fmt::format("include \"{}/a\"\nprofile {} {{ /{} r, }}\n", dir, c, c));
  CliResult one = runAalint("compile -S -j 1 --features-file /usr/share/apparmor-features/features " + dir);
  CliResult three = runAalint("compile -S -j3 --features-file /usr/share/apparmor-features/features " + dir);
  CHECK(one.status == 0);
  CHECK(three.out == one.out);
  std::vector<std::string> names;
  for (const auto& record : decodePolicy(one.out).records) names.push_back(record.name);
  CHECK(names == std::vector<std::string>{"a", "a", "b", "a", "c"});
  // An error in the shared file is reported once, where it is, however many files meet it.
  writeFile(dir + "/a", "profile a { /a rz, }\n");
  CliResult check = runAalint("check -j 3 " + dir);
  CHECK(check.status == 1);
  CHECK(check.out == dir + "/a:1:17: error: 'z' is not a file permission; use r, w, a, l, k, m or an exec mode such "
                           "as ix, Px, Cx [file-permission-invalid]\n"
                     "    1 | profile a { /a rz, }\n"
                     "      |                 ^\n");
}

TEST_CASE("a rule aalint cannot encode stops the compile and is named, never dropped") {
  std::string dir = scratchDirectory("unencodable");
  writeFile(dir + "/p", "profile m {\n  mount options=(ro, nosymfollow) -> /m/,\n}\n");
  CliResult r = runAalint("compile -S --features-file /usr/share/apparmor-features/features " + dir + "/p");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.rfind(dir + "/p:2:22: error: aalint compile does not encode the mount option 'nosymfollow' yet "
                          "[compile-unsupported]\n", 0) == 0);
}

TEST_CASE("compile -j N writes the same bytes as one thread, in the order of the files") {
  std::string dir = scratchDirectory("jobs");
  for (char c = 'a'; c <= 'f'; ++c) writeFile(dir + "/" + c, fmt::format("profile {} {{ /{} r, }}\n", c, c));
  CliResult one = runAalint("compile -S -j 1 --features-file /usr/share/apparmor-features/features " + dir);
  CliResult three = runAalint("compile -S -j3 --features-file /usr/share/apparmor-features/features " + dir);
  CHECK(one.status == 0);
  CHECK(three.status == 0);
  CHECK(three.out == one.out);
  DecodedPolicy decoded = decodePolicy(one.out);
  REQUIRE(decoded.records.size() == 6);
  CHECK(decoded.records.front().name == "a");
  CHECK(decoded.records.back().name == "f");
  CHECK(runAalint("compile -S -j 0 " + dir).status == 2);
  // Files are written out as they are compiled, yet an error in a late file leaves no output at all.
  writeFile(dir + "/z", "profile z { /z rz, }\n");
  writeFile(dir + "/out.bin", "previous contents");
  CliResult failedToStdout = runAalint("compile -S -j 1 " + dir);
  CHECK(failedToStdout.status == 1);
  CHECK(failedToStdout.out.empty());
  CHECK(runAalint("compile -o " + dir + "/out.bin -j 2 " + dir + "/a " + dir + "/z").status == 1);
  CHECK(readFile(dir + "/out.bin") == "previous contents");
  CHECK(runAalint("compile -o " + dir + "/out.bin -j 3 --features-file /usr/share/apparmor-features/features " +
                  dir + "/a " + dir + "/b " + dir + "/c " + dir + "/d " + dir + "/e " + dir + "/f").status == 0);
  CHECK(readFile(dir + "/out.bin") == one.out);
}

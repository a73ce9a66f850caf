// Hostile input: every case ends with the exact error and exit status, within the limits, and
// never loses what the user had on disk. (The NUL byte, invalid UTF-8, FIFO, device, unreadable
// and deep-nesting cases are in cli_test.cpp; truncated and bit-flipped blobs in backend_test.cpp.)
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "backend/policy_decoder.h"
#include "cli_support.h"

namespace {

// The diagnostics of text output, without the source lines and carets under them.
std::string diagnosticLines(const std::string& out) {
  std::string lines;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    std::string line = out.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
    if (line.rfind("/", 0) == 0) lines += line;
    start = end == std::string::npos ? out.size() : end + 1;
  }
  return lines;
}

// A profile of `count` rules of a directory each, and a rule that meets every one of them.
std::string manyRules(std::size_t count, const char* separator) {
  std::string text = "profile p {";
  for (std::size_t i = 0; i < count; ++i) text += fmt::format("{}/srv/data/f{}/** rw,", separator, i);
  return text + separator + "/srv/data/** r,\n}\n";
}

// `aalint check` accepts the file: exit 0, nothing printed.
void checkAccepts(const std::string& path) {
  CliResult r = runAalint("check " + path);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
}

// `aalint check ARGUMENTS` fails (exit 1), and its first diagnostic is `first`.
void checkRejects(const std::string& arguments, const std::string& first) {
  CliResult r = runAalint("check " + arguments);
  CHECK(r.status == 1);
  CHECK(r.out.rfind(first, 0) == 0);
}

}  // namespace

TEST_CASE("a 100 MB file is refused before it is read") {
  std::string dir = scratchDirectory("hostile-big");
  std::filesystem::resize_file((writeFile(dir + "/big", ""), dir + "/big"), 100u << 20);
  CliResult r = runAalint("check " + dir + "/big");
  CHECK(r.status == 2);
  CHECK(r.out == dir + "/big: error: cannot read: is 104857600 bytes, over the limit of 4194304 bytes "
                       "(--max-file-size) [input-error]\n");
  CHECK(runAalint("check --max-file-size 200000000 " + dir + "/big").status == 1);  // raised: read, and not policy
}

TEST_CASE("100,000 rules on one line are checked, linted and compiled") {
  std::string dir = scratchDirectory("hostile-line");
  writeFile(dir + "/p", manyRules(100000, " "));
  checkAccepts(dir + "/p");
  // Too many positions for the path analysis and for the kernel's automaton: said, not crashed.
  CliResult lint = runAalint("-q --format json " + dir + "/p");
  CHECK(lint.out.find("\"code\": \"too-large\"") != std::string::npos);
  CliResult compile = runAalint("compile -S " + dir + "/p");
  CHECK(compile.status == 1);
  CHECK(compile.out.empty());
  CHECK(compile.err.rfind(dir + "/p:1:1: error: profile 'p' is too large for aalint to compile: its automaton grows "
                                "past 1048576 positions [too-large]\n",
                          0) == 0);
}

TEST_CASE("alternations in a row are not expanded one by one") {
  // 2^40 paths: the quick tests of which globs may meet read at most 64 beginnings of a glob (they
  // were expanded all, and this file hung check and lint).
  std::string glob = "/x/";
  for (int i = 0; i < 40; ++i) glob += "{a,b}";
  std::string dir = scratchDirectory("hostile-alternations");
  writeFile(dir + "/p", fmt::format("profile p /usr/bin/p {{\n  {}*/z ux,\n  /x/b*/z ix,\n  /x/** w,\n}}\n", glob));
  const std::string conflict = fmt::format(
      "{0}/p:2:3: error: exec mode 'ux' conflicts with 'ix' at {0}/p:3: both rules match '/x/b{1}/z'; give them the "
      "same exec mode, or add a rule for the exact path [exec-mode-conflict]\n",
      dir, std::string(39, 'a'));
  checkRejects(dir + "/p", conflict);
  CliResult lint = runAalint("-q --select write-exec " + dir + "/p");
  CHECK(lint.status == 1);
  CHECK(lint.out.find(dir + "/p:4:3: warning: '/x/** w' and '/x/b*/z ix' (line 3) both cover '/x/b/z': the program "
                            "can write a file it can also execute [write-exec]\n") != std::string::npos);
}

TEST_CASE("a profile of 100,000 rules, one per line, is linted within the limits") {
  std::string dir = scratchDirectory("hostile-rules");
  writeFile(dir + "/p", manyRules(100000, "\n  "));
  CliResult lint = runAalint("--select broad-path,write-exec " + dir + "/p");
  CHECK(lint.status == 0);  // only an info: the path rules skip it
  CHECK(lint.out.rfind(dir + "/p:1:1: info: profile 'p' is too large for the path analysis: its automaton grows "
                             "past 1048576 positions; the lint rules about paths skip it [too-large]\n",
                       0) == 0);
  // Without the rule that meets them all, each rule matches alone: no automaton is needed, and the
  // rules about paths look at every one (a rule that writes and maps is found).
  std::string alone = manyRules(100000, "\n  ");
  alone.replace(alone.find("/srv/data/** r,"), 15, "/srv/app/** rwm,");
  writeFile(dir + "/q", alone);
  lint = runAalint("-q --select broad-path,write-exec " + dir + "/q");
  CHECK(lint.status == 1);
  CHECK(diagnosticLines(lint.out) == dir + "/q:100002:3: warning: '/srv/app/** rwm' lets the program write files it "
                                           "can also map executable [write-exec]\n");
}

namespace {

// Globs that end in a wildcard after a '**' make subset construction keep track of every mix of
// half-matched rules: each such profile needs more states than any limit allows. For the path
// analysis, which tells the rules apart, the rules share their ending (rules that cannot meet are
// not asked about together); for the compiler, which tells apart only their permissions, each
// rule ends in its own.
enum class Endings { Shared, OwnEach };
std::string explodingProfiles(int count, Endings endings) {
  std::string text;
  for (int p = 0; p < count; ++p) {
    text += fmt::format("profile e{} {{\n", p);
    for (int i = 0; i < 14; ++i)
      text += fmt::format("  /srv/**/c{0}/**.x{1} rw,\n", i, endings == Endings::OwnEach ? std::to_string(i) : "");
    text += "}\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a file of many exploding profiles stops at the per-file automaton budget") {
  std::string dir = scratchDirectory("hostile-exploding");
  writeFile(dir + "/p", explodingProfiles(30, Endings::Shared));
  auto tooLarge = [&](int profile, const std::string& why) {
    return fmt::format("{}/p:{}:1: info: profile 'e{}' is too large for the path analysis: {}; the lint rules about "
                       "paths skip it [too-large]\n",
                       dir, profile * 16 + 1, profile, why);
  };
  const std::string spent = "the automata of this file have used up their 1000000 states (--max-automaton-states)";
  CliResult lint = runAalint("-q --select broad-path " + dir + "/p");
  CHECK(lint.status == 0);
  lint.out = diagnosticLines(lint.out);
  // Each of the first five profiles takes 200,000 states of the budget; the rest are skipped at once.
  std::string expected;
  for (int p = 0; p < 30; ++p) expected += tooLarge(p, p < 5 ? "its automaton grows past 200000 states" : spent);
  CHECK(lint.out == expected);

  CliResult smaller = runAalint("-q --select broad-path --max-automaton-states 250000 " + dir + "/p");
  CHECK(smaller.out.find(tooLarge(1, "the automata of this file have used up their 250000 states "
                                     "(--max-automaton-states)")) != std::string::npos);

  writeFile(dir + "/p", explodingProfiles(30, Endings::OwnEach));
  CliResult compile = runAalint("compile -S --max-automaton-states 300000 " + dir + "/p");
  CHECK(compile.status == 1);
  CHECK(compile.err.find(dir + "/p:1:1: error: profile 'e0' is too large for aalint to compile: its automaton grows "
                               "past 262140 states before minimization (the kernel's policy format holds 65535) "
                               "[too-large]") != std::string::npos);
  CHECK(compile.err.find(dir + "/p:17:1: error: profile 'e1' is too large for aalint to compile: the automata of "
                               "this file have used up their 300000 states (--max-automaton-states) [too-large]") !=
        std::string::npos);
}

TEST_CASE("profiles that include the same abstraction thousands of times stop at the rule limit") {
  // Each profile places the abstraction's rules again: 4 MiB of such profiles would take gigabytes.
  std::string dir = scratchDirectory("hostile-includes");
  writeFile(dir + "/abstraction", "/usr/lib/** mr,\n/etc/ld.so.cache r,\n/dev/null rw,\n/proc/*/maps r,\n");
  std::string text;
  for (int i = 0; i < 3000; ++i) text += fmt::format("profile p{} {{ include \"{}/abstraction\" }}\n", i, dir);
  writeFile(dir + "/p", text);
  checkRejects("--max-rules 10000 " + dir + "/p",
               "In file included from " + dir + "/p:2501:\n" + dir +
                   "/abstraction:1:1: error: with its includes this file places more than 10000 rules in its "
                   "profiles (--max-rules); aalint reads no further rules of it [too-large]\n");
  CliResult compile = runAalint("compile -S --max-rules 10000 " + dir + "/p");
  CHECK(compile.status == 1);
  CHECK(compile.out.empty());
  checkAccepts(dir + "/p");  // 12,000 rules: within the default limit
}

TEST_CASE("profiles that each include a directory of many files stop at the include limit") {
  // Every profile reads the directory again: 4 MiB of such profiles would be hundreds of millions
  // of includes, even of empty files.
  std::string dir = scratchDirectory("hostile-include-count");
  std::filesystem::create_directories(dir + "/many");
  for (int i = 0; i < 50; ++i) writeFile(fmt::format("{}/many/f{}", dir, i), "");
  std::string text;
  for (int i = 0; i < 200; ++i) text += fmt::format("profile p{} {{ include \"{}/many\" }}\n", i, dir);
  writeFile(dir + "/p", text);
  checkRejects("--max-includes 1000 " + dir + "/p",
               dir + "/p:21:15: error: this file includes files more than 1000 times, once per profile that includes "
                     "them (--max-includes); aalint reads no further includes of it [too-large]\n");
  checkAccepts(dir + "/p");  // 10,000 includes: within the default limit
  CHECK(runAalint("check --max-includes 0 " + dir + "/p").status == 2);
  CHECK(runAalint("compile -S --max-includes x " + dir + "/p").status == 2);
}

TEST_CASE("exec rules whose automaton is too large to build are said to be unchecked") {
  std::string dir = scratchDirectory("hostile-exec-budget");
  writeFile(dir + "/p", "profile p {\n  /usr/bin/a* ix,\n  /usr/bin/*b px,\n}\n");
  checkRejects("--max-automaton-states 3 " + dir + "/p",
               dir + "/p:1:1: error: profile 'p' is too large for aalint to check its exec rules for conflicts: the "
                     "automata of this file have used up their 3 states (--max-automaton-states) [too-large]\n");
  CHECK(runAalint("check --max-automaton-states 0 " + dir + "/p").status == 2);
}

TEST_CASE("an include cycle through three files ends quietly") {
  std::string dir = scratchDirectory("hostile-cycle");
  writeFile(dir + "/a", "include \"" + dir + "/b\"\n");
  writeFile(dir + "/b", "include \"" + dir + "/c\"\n");
  writeFile(dir + "/c", "include \"" + dir + "/a\"\n/x r,\n");
  writeFile(dir + "/main", "profile p {\n  include \"" + dir + "/a\"\n}\n");
  checkAccepts(dir + "/main");
}

TEST_CASE("a directory of 3,000 files is included") {
  std::string dir = scratchDirectory("hostile-directory");
  std::filesystem::create_directories(dir + "/many");
  for (int i = 0; i < 3000; ++i) writeFile(fmt::format("{}/many/f{}", dir, i), fmt::format("/m{} r,\n", i));
  writeFile(dir + "/main", "profile p {\n  include \"" + dir + "/many\"\n}\n");
  checkAccepts(dir + "/main");
}

TEST_CASE("a symlink loop is an error, named or included") {
  std::string dir = scratchDirectory("hostile-symlinks");
  std::filesystem::create_symlink(dir + "/loop2", dir + "/loop1");
  std::filesystem::create_symlink(dir + "/loop1", dir + "/loop2");
  CliResult named = runAalint("check " + dir + "/loop1");
  CHECK(named.status == 2);
  CHECK(named.out == dir + "/loop1: error: cannot open: Too many levels of symbolic links [input-error]\n");
  writeFile(dir + "/main", "profile p {\n  include \"" + dir + "/loop1\"\n}\n");
  CliResult included = runAalint("check " + dir + "/main");
  CHECK(included.status == 1);
  CHECK(included.out.rfind(dir + "/main:2:3: error: cannot open include '" + dir +
                               "/loop1': Too many levels of symbolic links [include-not-found]\n",
                           0) == 0);
}

TEST_CASE("a deleted file is an input error") {
  std::string dir = scratchDirectory("hostile-deleted");
  writeFile(dir + "/p", "profile p { }\n");
  std::filesystem::remove(dir + "/p");
  CliResult r = runAalint("check " + dir + "/p");
  CHECK(r.status == 2);
  CHECK(r.out == dir + "/p: error: cannot open: No such file or directory [input-error]\n");
}

TEST_CASE("a compile killed at any moment leaves the old output file whole") {
  std::string dir = scratchDirectory("hostile-kill");
  std::filesystem::create_directories(dir + "/profiles");
  for (int i = 0; i < 2000; ++i)
    writeFile(fmt::format("{}/profiles/p{}", dir, i),
              fmt::format("profile p{0} {{\n  /srv/p{0}/** rw,\n  /etc/{{a,b,c}}*/** r,\n  capability chown,\n}}\n", i));
  REQUIRE(runAalint("compile -o " + dir + "/reference.bin " + dir + "/profiles").status == 0);
  const std::string reference = readFile(dir + "/reference.bin");
  const std::string old = "what the user had before";
  for (const char* delay : {"0.01", "0.03", "0.06", "0.1", "0.2", "0.4"}) {
    CAPTURE(delay);
    writeFile(dir + "/out.bin", old);
    std::string command = fmt::format("{} compile -j1 -o {}/out.bin {}/profiles & pid=$!; sleep {}; kill -9 $pid; wait $pid",
                                      AALINT_BINARY, dir, dir, delay);
    REQUIRE(std::system(("sh -c '" + command + "' >/dev/null 2>&1").c_str()) != -1);
    std::string now = readFile(dir + "/out.bin");
    CHECK((now == old || now == reference));
  }
}

TEST_CASE("variables that multiply past the limit are an error, not an out-of-memory kill") {
  std::string dir = scratchDirectory("hostile-variables");
  writeFile(dir + "/p", "@{A}=a b c d\n@{B}=@{A}@{A}@{A}@{A}@{A}@{A}@{A}@{A}@{A}@{A}\nprofile p {\n  /x/@{B} r,\n}\n");
  checkRejects(dir + "/p", dir + "/p:4:3: error: expanding the variables gives more than 65536 alternatives, "
                                "aalint's limit [too-large]\n");
}

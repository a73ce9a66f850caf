// The automaton engine on its own: glob conversion, regex parsing, DFA construction, minimization
// and the queries built on them.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <set>

#include "engine/dfa.h"
#include "engine/glob.h"
#include "engine/glob_set.h"
#include "engine/glob_beginnings.h"
#include "engine/regex.h"

using namespace aalint::engine;

static std::string regexOf(const std::string& glob) {
  GlobResult r = convertGlob(glob);
  REQUIRE_MESSAGE(r.converted, glob);
  return r.converted->regex;
}

// The error of an invalid glob, as the conversion reports it and as the checks ask it (remembered:
// asked twice, the second answer comes from the thread's cache).
static std::string errorOf(const std::string& glob) {
  GlobResult r = convertGlob(glob);
  REQUIRE_MESSAGE(r.error, glob);
  for (int asked = 0; asked < 2; ++asked) {
    const std::optional<GlobError> remembered = globError(glob);
    REQUIRE_MESSAGE(remembered, glob);
    CHECK(remembered->message == r.error->message);
    CHECK(remembered->offset == r.error->offset);
  }
  CHECK(globError(glob, GlobMode::Null).has_value() == convertGlob(glob, GlobMode::Null).error.has_value());
  return r.error->message;
}

TEST_CASE("glob to regex follows AppArmor's conversion table") {
  CHECK(regexOf("/etc/passwd") == "/etc/passwd");
  CHECK(regexOf("/tmp/*.txt") == "/tmp/[^/\\x00]*\\.txt");
  CHECK(regexOf("/tmp/*") == "/tmp/[^/\\x00][^/\\x00]*");
  CHECK(regexOf("/tmp/**") == "/tmp/[^/\\x00][^\\x00]*");
  CHECK(regexOf("/**/x") == "/[^/\\x00][^\\x00]*/x");
  CHECK(regexOf("/a/*/b") == "/a/[^/\\x00][^/\\x00]*/b");
  CHECK(regexOf("/a**") == "/a[^\\x00]*");
  CHECK(regexOf("/a?c") == "/a[^/\\x00]c");
  CHECK(regexOf("/{usr,}/bin") == "/(usr|)/bin");
  CHECK(regexOf("/a[bc]d") == "/a[bc]d");
  CHECK(regexOf("/a[{,}]") == "/a[{,}]");
  CHECK(regexOf("/a+b(c)|d") == "/a\\+b\\(c\\)\\|d");
  CHECK(regexOf("/a^b$") == "/a\\^b\\$");
  CHECK(regexOf("/a\\*b") == "/a\\*b");
  CHECK(regexOf("/a\\{b\\}") == "/a\\{b\\}");
  CHECK(regexOf("/a\\x41") == "/a\\x41");
  CHECK(regexOf("/a\\,b") == "/a,b");
  CHECK(regexOf("/a\\?") == "/a?");
  CHECK(convertGlob("/a/*", GlobMode::Null).converted->regex == "/a/[^/][^/]*");
  CHECK(convertGlob("/a/**", GlobMode::Null).converted->regex == "/a/[^/].*");
  CHECK_FALSE(convertGlob("/{a,b}").converted->hasWildcards);
  CHECK(convertGlob("/a*").converted->hasWildcards);
}

TEST_CASE("glob errors: unbalanced, empty or single alternations, nesting, trailing backslash") {
  CHECK(errorOf("/a{b,c") == "'{' without a matching '}'");
  CHECK(errorOf("/a}") == "'}' without a matching '{'");
  CHECK(errorOf("/a{b}") == "an alternation needs at least two choices separated by ',', as in '{a,b}'");
  CHECK(errorOf("/a{}") == "an alternation needs at least two choices separated by ',', as in '{a,b}'");
  CHECK(errorOf("/a[bc") == "'[' without a matching ']'");
  CHECK(errorOf("/a]") == "']' without a matching '['");
  CHECK(errorOf("/a\\") == "a trailing '\\' escapes nothing");
  std::string deep = "/";
  for (int i = 0; i < 50; ++i) deep += "{a,";
  CHECK(errorOf(deep) == "alternations '{...}' nest deeper than 49 levels");
}

TEST_CASE("slash filtering") {
  CHECK(filterSlashes("/a//b///c/") == "/a/b/c/");
  CHECK(filterSlashes("//net/share") == "//net/share");
  CHECK(filterSlashes("///x") == "/x");
}

TEST_CASE("regex parsing: escapes, classes, any byte") {
  RegexTree tree;
  DfaBuilder builder;
  REQUIRE_FALSE(builder.addRegex("a\\x41[^/\\x00]\\101\\d066.", 0));
  auto dfa = builder.build();
  REQUIRE(dfa);
  CHECK(dfa->accepts(dfa->run(std::string("aAxAB") + '\0')).size() == 1);
  CHECK(dfa->accepts(dfa->run("aA/ABz")).empty());
  RegexTree bad;
  CHECK(parseRegex("(ab", bad).error->message == std::string("'(' without a matching ')'"));
  CHECK(parseRegex("a)", bad).error->message == std::string("')' without a matching '('"));
  CHECK(parseRegex("[a", bad).error->message == std::string("'[' without a matching ']'"));
  CHECK(parseRegex("*a", bad).error);
}

TEST_CASE("a DFA over several globs accepts the ids of every glob matching") {
  GlobSet set = GlobSet::compile({"/bin/a*", "/bin/*b", "/bin/cat", "/usr/**"});
  REQUIRE(set.ok());
  CHECK(set.matches(0, "/bin/ab"));
  CHECK(set.matches(1, "/bin/ab"));
  CHECK_FALSE(set.matches(0, "/bin/ba"));
  CHECK(set.matches(3, "/usr/lib/x/y"));
  CHECK_FALSE(set.matches(3, "/usr/"));
  CHECK(set.exact(2));
  CHECK_FALSE(set.exact(0));
  CHECK(set.intersection(0, 1) == std::string("/bin/ab"));
  CHECK_FALSE(set.intersection(0, 3));
  CHECK(set.covers(1, 1));
  CHECK_FALSE(set.covers(0, 1));
  CHECK(set.difference(1, 0) == std::string("/bin/b"));
}

TEST_CASE("an automaton over no globs has a start state that accepts nothing") {
  GlobSet set = GlobSet::compile({});
  REQUIRE(set.ok());
  const Dfa& dfa = set.dfa();
  CHECK(dfa.stateCount() == 2);  // the dead state and the start
  CHECK(dfa.accepts(dfa.run("/etc/passwd")).empty());
  Dfa::ShortestPaths paths = dfa.shortestPaths();
  CHECK(paths.order().size() == 1);
}

TEST_CASE("containment and witnesses") {
  GlobSet set = GlobSet::compile({"/etc/**", "/etc/shadow", "/etc/*", "/{etc,var}/sh*", "/etc/ssh/*_key"});
  REQUIRE(set.ok());
  CHECK(set.covers(0, 1));
  CHECK(set.covers(0, 2));
  CHECK_FALSE(set.covers(2, 0));
  CHECK(set.difference(0, 2) == std::string("/etc/0/"));
  CHECK(set.covers(3, 1));
  CHECK(set.intersection(0, 4) == std::string("/etc/ssh/_key"));
  CHECK(set.matches(0, "/etc/ssh/ssh_host_rsa_key"));
  // Many pairs at once answer as one at a time.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t outer = 0; outer < 5; ++outer)
    for (std::size_t inner = 0; inner < 5; ++inner) pairs.emplace_back(outer, inner);
  const std::vector<bool> covered = set.covers(pairs);
  for (std::size_t k = 0; k < pairs.size(); ++k) CHECK(covered[k] == set.covers(pairs[k].first, pairs[k].second));
  // Each covers itself; /etc/** covers three others; /etc/* and /{etc,var}/sh* cover /etc/shadow.
  CHECK(std::count(covered.begin(), covered.end(), true) == 10);
}

namespace {

// The sets of globs that match a common path, as an automaton tells them: the accept set of each
// reachable state, and the single glob left where exploration stopped. Restricted to the sets that
// hold `with` when it is given.
std::set<std::vector<std::uint32_t>> meetings(const Dfa& dfa, std::optional<std::uint32_t> with = std::nullopt) {
  std::set<std::vector<std::uint32_t>> sets;
  auto keep = [&](const std::vector<std::uint32_t>& ids) {
    if (!ids.empty() && (!with || std::count(ids.begin(), ids.end(), *with))) sets.insert(ids);
  };
  const Dfa::ShortestPaths paths = dfa.shortestPaths();
  for (std::uint32_t s : paths.order()) {
    keep(dfa.accepts(s).toVector());
    if (dfa.onlyAhead(s) != Dfa::kNoExpression) keep({dfa.onlyAhead(s)});
  }
  return sets;
}

}  // namespace

TEST_CASE("an automaton built only where globs meet finds every set of globs that match together") {
  const std::vector<std::vector<std::string>> cases = {
      {"/opt/app/**", "/opt/app/plugins/*.so", "/usr/lib/x", "/usr/lib/y*"},
      {"/**/ r", "/**pcap{,ng}", "/usr/lib/gtk-*/**", "/usr/lib/*-linux-gnu*/gtk/**", "/usr/share/a/**"},
      {"/etc/cron.d/*", "/etc/{crontab,cron.d/*,cron.daily/*}", "/etc/sudoers{,.d/*}", "/etc/**"},
      {"/home/*/.config/a/**", "/{home/*,root}/.config/**", "/tmp/**", "/tmp/a/b"},
  };
  for (const auto& globs : cases) {
    CAPTURE(globs.front());
    GlobSet whole = GlobSet::compile(globs);
    GlobSetOptions options;
    options.onlyWhereGlobsMeet = true;
    GlobSet met = GlobSet::compile(globs, options);
    REQUIRE(whole.ok());
    REQUIRE(met.ok());
    CHECK(met.dfa().stateCount() <= whole.dfa().stateCount());
    CHECK(meetings(met.dfa()) == meetings(whole.dfa()));
    // With a focus, the sets that hold the focused glob are all found.
    options.focus = std::vector<bool>(globs.size(), false);
    options.focus[1] = true;
    GlobSet focused = GlobSet::compile(globs, options);
    REQUIRE(focused.ok());
    CHECK(meetings(focused.dfa(), 1) == meetings(whole.dfa(), 1));
  }
}

TEST_CASE("exploration stops where one glob is left, and says which") {
  GlobSetOptions options;
  options.onlyWhereGlobsMeet = true;
  GlobSet set = GlobSet::compile({"/usr/lib/**", "/usr/share/**", "/usr/*/x"}, options);
  REQUIRE(set.ok());
  const Dfa& dfa = set.dfa();
  CHECK(dfa.onlyAhead(dfa.run("/usr/l")) == Dfa::kNoExpression);  // "/usr/lib/**" and "/usr/*/x"
  CHECK(dfa.accepts(dfa.run("/usr/lib/x")) == std::vector<std::uint32_t>{0, 2});
  CHECK(dfa.onlyAhead(dfa.run("/usr/a")) == 2);  // only "/usr/*/x" is left: not explored further
  CHECK(dfa.run("/usr/ab") == Dfa::kDead);
  std::uint32_t y = dfa.run("/usr/lib/y");
  CHECK(dfa.onlyAhead(y) == 0);
  CHECK(dfa.accepts(y) == std::vector<std::uint32_t>{0});
  CHECK(dfa.run("/usr/lib/y/z") == Dfa::kDead);
  GlobSet whole = GlobSet::compile({"/usr/lib/**", "/usr/share/**", "/usr/*/x"});
  CHECK(dfa.stateCount() < whole.dfa().stateCount());
}

TEST_CASE("literal beginnings tell globs that cannot meet without an automaton") {
  using Prefixes = std::vector<std::string>;
  CHECK(literalPrefixes("{/home/*/,/root/}x") == Prefixes{"/home/", "/root/x"});
  CHECK(literalPrefixes("/usr//lib/**.so") == Prefixes{"/usr/lib/"});  // slashes filtered first
  CHECK(literalPrefixes("/{usr/,}bin/{dash,bash}") == Prefixes{"/usr/bin/dash", "/usr/bin/bash", "/bin/dash", "/bin/bash"});
  CHECK(literalPrefixes("@{HOME}/x") == Prefixes{""});  // an unexpanded variable: anything
  CHECK(mayMeet(literalPrefixes("/usr/bin/*"), literalPrefixes("/usr/bin/ls")));
  CHECK(mayMeet(literalPrefixes("/{usr/,}bin/ls"), literalPrefixes("/bin/l*")));
  CHECK_FALSE(mayMeet(literalPrefixes("/usr/bin/app-helper"), literalPrefixes("/{usr/,}bin/ls")));
  CHECK_FALSE(mayMeet(literalPrefixes("/etc/a/**"), literalPrefixes("/etc/b*")));
  // Whatever the beginnings say cannot meet, the automaton agrees.
  const std::vector<std::string> globs = {"/usr/bin/*", "/{usr/,}bin/ls", "/usr/bin/app-helper", "/etc/a/**",
                                          "/etc/b*", "/etc/**", "/home/*/.ssh/id_*", "/{home/*,root}/.ssh/**"};
  GlobSet set = GlobSet::compile(globs);
  REQUIRE(set.ok());
  for (std::size_t a = 0; a < globs.size(); ++a)
    for (std::size_t b = 0; b < globs.size(); ++b)
      if (!mayMeet(literalPrefixes(globs[a]), literalPrefixes(globs[b]))) CHECK_FALSE(set.intersection(a, b));
}

// Whether two globs may meet, as their pattern beginnings or endings tell.
bool beginningsMeet(const std::string& a, const std::string& b) {
  std::size_t budget = PatternBeginnings::kPairsPerProfile;
  return PatternBeginnings(a).mayMeet(PatternBeginnings(b), budget);
}
bool endingsMeet(const std::string& a, const std::string& b) {
  std::size_t budget = PatternBeginnings::kPairsPerProfile;
  return PatternBeginnings::endingsOf(a).mayMeet(PatternBeginnings::endingsOf(b), budget);
}

// How many pairs of `globs` `meet` tells apart; the automaton must find each of them apart too.
std::size_t pairsApart(const std::vector<std::string>& globs, bool (*meet)(const std::string&, const std::string&)) {
  GlobSet set = GlobSet::compile(globs);
  REQUIRE(set.ok());
  std::size_t apart = 0;
  for (std::size_t a = 0; a < globs.size(); ++a)
    for (std::size_t b = 0; b < globs.size(); ++b)
      if (!meet(globs[a], globs[b])) {
        ++apart;
        CHECK_MESSAGE(!set.intersection(a, b), globs[a] << " and " << globs[b]);
      }
  return apart;
}

TEST_CASE("pattern beginnings see past wildcards within a path component") {
  auto meet = beginningsMeet;
  CHECK_FALSE(meet("{/home/*,/root}/.fonts/**", "{/home/*,/root}/.config/app/**"));
  CHECK_FALSE(meet("/proc/{[1-9],[1-9][0-9]}/status", "/proc/sys/**"));
  CHECK_FALSE(meet("/usr/lib/*-linux-gnu*/perl/**", "/usr/lib/app/**"));
  CHECK_FALSE(meet("/dev/[^s]*", "/dev/sda"));
  CHECK_FALSE(meet("/a/b?c", "/a/b/c"));
  CHECK_FALSE(meet("/a/*/x", "/a/b/c/y"));
  CHECK(meet("/usr/lib/*-linux-gnu*/perl/**", "/usr/lib/x86_64-linux-gnu/perl/5.36/x.pm"));
  CHECK(meet("/proc/[1-9]*/status", "/proc/1/st*"));
  CHECK(meet("/dev/[^s]*", "/dev/tty"));
  CHECK_FALSE(meet("/a/*", "/a/b/c"));  // the globs end: so do the paths
  CHECK_FALSE(meet("/home/*/", "/home/*/.cache/"));
  CHECK(meet("/a/*", "/a/b"));
  CHECK(meet("/a/{b,c{d,e}}", "/a/ce"));
  CHECK(meet("/a/**/x", "/a/b/c/y"));  // "**" crosses components: anything after "/a/"
  CHECK(meet("@{HOME}/x", "/etc/y"));  // an unexpanded variable: anything
  // Whatever the beginnings say cannot meet, the automaton agrees.
  const std::vector<std::string> globs = {
      "/usr/bin/*", "/{usr/,}bin/ls", "/etc/a/**", "/etc/b*", "/home/*/.ssh/id_*", "/{home/*,root}/.ssh/**",
      "/proc/{[1-9],[1-9][0-9]}/status", "/proc/[0-9]*/environ", "/proc/sys/**", "/dev/[^s]*", "/dev/sd[a-z]",
      "/a/b?c", "/a/b/c", "/a/*/x", "/a/*", "/a/{b,c*}[0-9]/d", "/a/c1/d", "/x/[*]/y", "/x/*/y", "/x/[-a]z",
      "/x/-z", "/x/{[,],a}b", "/x/,b", "/{usr/,}lib/*-linux-gnu/**", "/lib/x86_64-linux-gnu/libc.so.6"};
  CHECK(pairsApart(globs, beginningsMeet) > globs.size() * globs.size() / 2);  // most pairs apart
  // A spent budget answers that they may: hostile globs asked of each other cost bounded time.
  const PatternBeginnings stars("/a*x*x*x*x*x*x*x*x1/q"), others("/a*x*x*x*x*x*x*x*x2/z");
  std::size_t plenty = 100'000, spent = 0, few = 20;
  CHECK_FALSE(stars.mayMeet(others, plenty));
  CHECK(stars.mayMeet(others, spent));
  CHECK(stars.mayMeet(others, few));
  CHECK(few == 0);
}

TEST_CASE("pattern endings read globs backwards") {
  using Pair = std::pair<const char*, const char*>;
  for (const Pair& pair : {Pair{"/**.[pP][nN][gG]", "/dev/null"}, Pair{"/**.[pP][nN][gG]", "/home/*/.cache/"},
                           Pair{"/usr/lib/**.so", "/usr/lib/**.py"}, Pair{"/**/{,x}log", "/var/**/*.txt"},
                           Pair{"/**.[jJ][pP]{,[eE]}[gG]", "/**.pn{g,G}"}})
    CHECK_FALSE_MESSAGE(endingsMeet(pair.first, pair.second), pair.first << " and " << pair.second);
  for (const Pair& pair : {Pair{"/**.[pP][nN][gG]", "/{usr/,}lib{,32,64}/**.so*"},  // "/lib/.so.PNG"
                           Pair{"/**.[pP][nN][gG]", "/tmp/**"},
                           Pair{"/**/{,x}log", "/var/log"},  // the empty branch stays
                           Pair{"/**.[jJ][pP]{,[eE]}[gG]", "/**.jpg"},
                           Pair{"/a/\\*.png", "/b/x.txt"},  // an escape: anything
                           Pair{"/a/@{x}", "/b/y"}})         // a variable: anything
    CHECK_MESSAGE(endingsMeet(pair.first, pair.second), pair.first << " and " << pair.second);
  // Whatever the endings say cannot meet, the automaton agrees.
  const std::vector<std::string> globs = {
      "/**.[pP][nN][gG]", "/**.[jJ][pP]{,[eE]}[gG]", "/{usr/,}lib{,32,64}/**.so*", "/usr/lib/**.so", "/dev/null",
      "/tmp/orcexec.*", "/home/*/.cache/", "/home/*/.cache/**", "/**/{,x}log", "/var/log", "/var/log/syslog",
      "/var/**/*.txt", "/x/{a,}b", "/x/{,a}b", "/x/b", "/etc/shadow", "/**", "/x/**/y", "/x/*y", "/x/?y", "/x/[^y]",
      "/x/[-a]y", "/x/{[,],a}b", "/x/,b", "/proc/[0-9]*/environ", "/**/environ", "/a/b\\*c", "/a/b*c",
      "/a/{b,c{d,e}}f"};
  CHECK(pairsApart(globs, endingsMeet) > globs.size() * globs.size() / 3);
}

TEST_CASE("beginnings and endings never tell apart globs that meet") {
  // Globs drawn from a fixed seed: whenever either test says two cannot meet, the automaton agrees.
  const std::vector<std::string> tokens = {"a", "b", "ab", "/", "*", "**", "?", "[ab]", "[^a]", "{a,b}", "{,a/}",
                                           "{a*,b}", ".", "{b,a{,b}}", "//", "{a,}", "[/a]"};
  std::mt19937 random(20261129);
  std::vector<std::string> globs;
  while (globs.size() < 90) {
    std::string glob = "/";
    for (std::size_t n = 1 + random() % 6; n > 0; --n) glob += tokens[random() % tokens.size()];
    if (GlobSet::compile({glob}).ok()) globs.push_back(glob);
  }
  CHECK(pairsApart(globs, beginningsMeet) > globs.size() * globs.size() / 4);
  CHECK(pairsApart(globs, endingsMeet) > globs.size() * globs.size() / 4);

  // An example path of a glob is one it matches; a path it matches, it may match.
  GlobSet set = GlobSet::compile(globs);
  REQUIRE(set.ok());
  std::vector<std::string> paths;
  for (const std::string& glob : globs)
    if (std::optional<std::string> example = examplePath(glob)) paths.push_back(*example);
  CHECK(paths.size() > globs.size() / 2);
  while (paths.size() < 300) {
    std::string path;
    for (std::size_t n = random() % 8; n > 0; --n) path += "ab/."[random() % 4];
    paths.push_back(path);
  }
  std::size_t told = 0;
  for (std::size_t g = 0; g < globs.size(); ++g) {
    if (std::optional<std::string> example = examplePath(globs[g]))
      CHECK_MESSAGE(set.matches(g, *example), globs[g] << " and " << *example);
    for (const std::string& path : paths) {
      const bool may = mayMatch(globs[g], path);
      told += !may;
      if (set.matches(g, path)) CHECK_MESSAGE(may, globs[g] << " and " << path);
    }
  }
  CHECK(told > globs.size() * paths.size() / 2);
}

TEST_CASE("examples and matches read from a glob's text") {
  CHECK(examplePath("/usr/lib/*.so*") == "/usr/lib/x.sox");
  CHECK(examplePath("{/home/*,/root}/.[^.]*/**") == "/home/x/.0x/x");
  CHECK(examplePath("/{,usr/}bin/[a-]") == "/bin/a");
  CHECK_FALSE(examplePath("/a/\\*"));
  CHECK_FALSE(examplePath("/a/[/.]"));
  CHECK_FALSE(examplePath("/{a/,}/b"));  // "/a//b"
  CHECK(mayMatch("/usr/lib/**.so*", "/usr/lib/x86_64-linux-gnu/libc.so.6"));
  CHECK(mayMatch("/proc/{[1-9],[1-9][0-9]}/status", "/proc/42/status"));
  CHECK(mayMatch("/a/\\*", "/a/b"));  // an escape: it may
  CHECK_FALSE(mayMatch("/usr/share/**/locale/**", "/usr/share/purple/ca-certs/x"));
  CHECK_FALSE(mayMatch("/usr/lib/*.so", "/usr/lib/x/y.so"));
  CHECK_FALSE(mayMatch("/proc/{[1-9],[1-9][0-9]}/status", "/proc/123/status"));
}

TEST_CASE("minimization merges equivalent states and keeps the language") {
  DfaBuilder builder;
  REQUIRE_FALSE(builder.addRegex("(ab|cb|db)(x|y)", 0));
  auto dfa = builder.build();
  REQUIRE(dfa);
  std::uint32_t before = dfa->stateCount();
  dfa->minimize();
  CHECK(dfa->stateCount() < before);
  // dead, start, after a|c|d, after b, accept
  CHECK(dfa->stateCount() == 5);
  CHECK(dfa->start() == 1);
  for (const char* s : {"abx", "cby", "dbx"}) CHECK(dfa->accepts(dfa->run(s)).size() == 1);
  for (const char* s : {"ab", "ebx", "abxy", ""}) CHECK(dfa->accepts(dfa->run(s)).empty());
}

TEST_CASE("minimization is canonical: the same language gives the same automaton") {
  auto build = [](const std::string& regex) {
    DfaBuilder builder;
    REQUIRE_FALSE(builder.addRegex(regex, 0));
    auto dfa = builder.build();
    REQUIRE(dfa);
    dfa->minimize();
    return *dfa;
  };
  Dfa a = build("/(usr/|)bin/(x|y)");
  Dfa b = build("/bin/x|/bin/y|/usr/bin/(y|x)");
  REQUIRE(a.stateCount() == b.stateCount());
  REQUIRE(a.classCount() == b.classCount());
  for (std::uint32_t s = 0; s < a.stateCount(); ++s) {
    CHECK(a.accepts(s) == b.accepts(s));
    for (int byte = 0; byte < 256; ++byte)
      CHECK(a.step(s, static_cast<std::uint8_t>(byte)) == b.step(s, static_cast<std::uint8_t>(byte)));
  }
}

TEST_CASE("the out-of-band symbol is a transition of its own, kept by minimization") {
  // a(ACCEPT | OOB b ACCEPT) and (a|c)OOB b: only what follows "a" accepts before the OOB step.
  DfaBuilder builder;
  RegexTree& tree = builder.tree();
  auto byte = [&](char c) {
    ByteSet set;
    set.set(static_cast<unsigned char>(c));
    return tree.bytes(set);
  };
  builder.addWithAccepts(tree.cat(byte('a'), tree.alt(tree.accept(0), tree.cat(tree.outOfBand(), tree.cat(byte('b'), tree.accept(0))))));
  builder.add(tree.cat(tree.alt(byte('a'), byte('c')), tree.cat(tree.outOfBand(), byte('b'))), 1);
  auto dfa = builder.build();
  REQUIRE(dfa);
  dfa->minimize();
  REQUIRE(dfa->hasOutOfBand());
  // dead, start, after a, after c, after a OOB, after c OOB, after a OOB b, after c OOB b
  CHECK(dfa->stateCount() == 8);
  std::uint32_t afterA = dfa->run("a"), afterC = dfa->run("c");
  CHECK(dfa->accepts(afterA) == std::vector<std::uint32_t>{0});
  CHECK(dfa->accepts(afterC).empty());
  CHECK(dfa->outOfBand(dfa->start()) == Dfa::kDead);
  CHECK(dfa->step(dfa->outOfBand(afterA), 'b') != Dfa::kDead);
  CHECK(dfa->accepts(dfa->step(dfa->outOfBand(afterA), 'b')) == std::vector<std::uint32_t>{0, 1});
  CHECK(dfa->accepts(dfa->step(dfa->outOfBand(afterC), 'b')) == std::vector<std::uint32_t>{1});
  CHECK(dfa->outOfBand(dfa->outOfBand(afterA)) == Dfa::kDead);
}

TEST_CASE("expressions of one accept id share their suffixes, so that their stars do not multiply states") {
  // "/a/**wN/**" for twenty words: which words a path has passed is all unshared construction
  // can track (2^20 sets); shared, the trailing "**" is one position.
  auto build = [](bool sameId) {
    DfaBuilder builder(20000);
    for (std::uint32_t i = 0; i < 20; ++i)
      REQUIRE_FALSE(builder.addRegex("/a/[^\\x00]*w" + std::to_string(i) + "/[^\\x00]*", sameId ? 0 : i));
    return builder.build();
  };
  auto shared = build(true);
  REQUIRE(shared);
  CHECK(shared->stateCount() < 1000);
  for (const char* path : {"/a/w3/", "/a/x/w19/y", "/a/w1w2/z"})
    CHECK(shared->accepts(shared->run(path)) == std::vector<std::uint32_t>{0});
  for (const char* path : {"/a/w3", "/b/w3/", "/a/w20/"}) CHECK(shared->accepts(shared->run(path)).empty());
  CHECK_FALSE(build(false).has_value());  // each word its own id: the sets of words are told apart
}

TEST_CASE("an automaton of more than 65,536 states keeps every target past 16 bits") {
  // The 17th byte from the end is an 'a': 2^17 states, each remembering the last 17 bytes' a's.
  std::string regex = "(a|b)*a";
  for (int i = 0; i < 16; ++i) regex += "(a|b)";
  DfaBuilder builder(1u << 18);
  REQUIRE_FALSE(builder.addRegex(regex, 0));
  auto built = builder.build();
  REQUIRE(built);
  CHECK(built->stateCount() > 65536);
  Dfa minimal = *built;
  minimal.minimize();
  CHECK(minimal.stateCount() == (1u << 17) + 1);  // and the dead state
  std::mt19937 random(7);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string input(17 + random() % 8, 'b');
    for (char& c : input)
      if (random() % 2) c = 'a';
    const bool expected = input[input.size() - 17] == 'a';
    CHECK(built->accepts(built->run(input)).empty() != expected);
    CHECK(minimal.accepts(minimal.run(input)).empty() != expected);
  }
  CHECK(minimal.run(std::string(17, 'a')) > 65535);
}

TEST_CASE("an automaton of more than 32,768 positions keeps every position whole in its states") {
  // Positions past 15 bits take two units in a state's set: 1,500 words of 24 random letters share
  // little but their first letters, and their tree has some 70,000 nodes.
  std::mt19937 random(11);
  std::vector<std::string> words;
  DfaBuilder builder;
  for (std::uint32_t id = 0; id < 1500; ++id) {
    std::string word;
    for (int i = 0; i < 24; ++i) word += static_cast<char>('a' + random() % 26);
    words.push_back(word);
    REQUIRE_FALSE(builder.addRegex(word, id));
  }
  CHECK(builder.tree().size() > 65536);
  auto built = builder.build();
  REQUIRE(built);
  for (std::uint32_t id = 0; id < words.size(); ++id) {
    CHECK(built->accepts(built->run(words[id])) == std::vector<std::uint32_t>{id});
    std::string other = words[id];
    other.back() = other.back() == 'z' ? 'a' : static_cast<char>(other.back() + 1);
    const auto otherAccepts = built->accepts(built->run(other));
    CHECK(std::all_of(otherAccepts.begin(), otherAccepts.end(), [&](std::uint32_t a) { return words[a] == other; }));
  }
}

TEST_CASE("a state limit stops a runaway construction") {
  DfaBuilder builder(50);
  REQUIRE_FALSE(builder.addRegex("(a|b)*a(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)", 0));
  CHECK_FALSE(builder.build().has_value());
  REQUIRE(builder.exceeded());
  CHECK(describe(*builder.exceeded()) == "its automaton grows past 50 states");
}

TEST_CASE("automata built against one budget share it") {
  AutomatonBudget budget(10);
  auto build = [&](const char* regex) {
    DfaBuilder builder;
    builder.setBudget(&budget);
    REQUIRE_FALSE(builder.addRegex(regex, 0));
    auto dfa = builder.build();
    if (!dfa) CHECK(describe(*builder.exceeded()) ==
                    "the automata of this file have used up their 10 states (--max-automaton-states)");
    return dfa.has_value();
  };
  CHECK(build("abcd"));  // dead, start and four more: 6 states
  CHECK(budget.spent() == 6);
  CHECK_FALSE(build("efgh"));
  CHECK(budget.exhausted());
}

// The command line as a user meets it: exit statuses, text and JSON output, bad input.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli_support.h"

namespace {

const std::string kExample = "testdata/docker-nginx";

std::string withoutComma(const std::string& text, const std::string& rule) {
  std::string copy = text;
  auto at = copy.find(rule + ",");
  REQUIRE(at != std::string::npos);
  copy.erase(at + rule.size(), 1);
  return copy;
}

}  // namespace

TEST_CASE("the bundled example is valid policy, with the findings a reviewer would make") {
  CliResult check = runAalint("check " + kExample);
  CHECK(check.status == 0);
  CHECK(check.out == "");

  CliResult lint = runAalint("--format json " + kExample);
  CHECK(lint.status == 1);  // warnings fail by default (--fail-on warning)
  std::vector<std::string> found;
  nlohmann::json document = nlohmann::json::parse(lint.out);
  for (const auto& d : document["diagnostics"])
    found.push_back(std::to_string(d["line"].get<int>()) + ":" + std::to_string(d["column"].get<int>()) + " " +
                    d["severity"].get<std::string>() + " " + d["code"].get<std::string>());
  CHECK(found == std::vector<std::string>{"1:1 warning pound-include", "4:1 warning missing-abi",
                                          "6:3 warning pound-include", "11:3 warning raw-network"});
  CHECK(runAalint("--fail-on error " + kExample).status == 0);
  CliResult spelledOut = runAalint("lint --format json " + kExample);
  CHECK(spelledOut.status == 1);
  CHECK(spelledOut.out == lint.out);
}

TEST_CASE("a removed comma is an error on the line of the rule, exit 1") {
  std::string dir = scratchDirectory("comma");
  std::string file = dir + "/docker-nginx";
  writeFile(file, withoutComma(readFile(kExample), "/var/log/nginx/* w"));
  CliResult r = runAalint("check " + file);
  CHECK(r.status == 1);
  CHECK(r.out == file + ":23:21: error: missing ',' at end of rule [syntax-error]\n"
                        "   23 |   /var/log/nginx/* w\n"
                        "      |                     ^\n");
  CHECK(r.err == "1 error, 0 warnings, 0 info in 1 file\n");

  writeFile(file, withoutComma(readFile(kExample), "network inet udp"));
  r = runAalint("check " + file);
  CHECK(r.status == 1);
  CHECK(r.out.rfind(file + ":10:19: error: missing ',' at end of rule [syntax-error]\n", 0) == 0);
}

TEST_CASE("JSON output has the documented shape") {
  CliResult clean = runAalint("check --format json " + kExample);
  CHECK(clean.status == 0);
  auto document = nlohmann::json::parse(clean.out);
  CHECK(document["version"] == 1);
  CHECK(document["diagnostics"].empty());
  CHECK(document["summary"]["files"] == 1);
  CHECK(document["summary"]["errors"] == 0);

  std::string dir = scratchDirectory("json");
  std::string file = dir + "/docker-nginx";
  writeFile(file, withoutComma(readFile(kExample), "/run/nginx.pid w"));
  CliResult broken = runAalint("check --format=json " + file);
  CHECK(broken.status == 1);
  CHECK(broken.err == "");
  document = nlohmann::json::parse(broken.out);
  REQUIRE(document["diagnostics"].size() == 1);
  const auto& d = document["diagnostics"][0];
  CHECK(d["file"] == file);
  CHECK(d["line"] == 24);
  CHECK(d["column"] == 19);
  CHECK(d["end_line"] == 24);
  CHECK(d["end_column"] == 19);
  CHECK(d["severity"] == "error");
  CHECK(d["code"] == "syntax-error");
  CHECK(d["message"] == "missing ',' at end of rule");
  CHECK(d["profile"].is_null());
  CHECK(d["include_chain"].is_array());
  CHECK(document["summary"]["errors"] == 1);
}

TEST_CASE("errors inside an include name the include chain") {
  CliResult r = runAalint("check -I testdata/includes --format json testdata/diagnostics/include-errors.aa");
  CHECK(r.status == 1);
  auto document = nlohmann::json::parse(r.out);
  const auto& d = document["diagnostics"][0];
  CHECK(d["file"] == "testdata/includes/abstractions/broken");
  CHECK(d["line"] == 2);
  REQUIRE(d["include_chain"].size() == 1);
  CHECK(d["include_chain"][0]["file"] == "testdata/diagnostics/include-errors.aa");
  CHECK(d["include_chain"][0]["line"] == 3);

  CliResult text = runAalint("check -I testdata/includes testdata/diagnostics/include-errors.aa");
  CHECK(text.out.rfind("In file included from testdata/diagnostics/include-errors.aa:3:\n"
                       "testdata/includes/abstractions/broken:2:16: error: missing ',' at end of rule [syntax-error]\n",
                       0) == 0);
  // With several threads the includes are parsed ahead; a file with errors is still reported from
  // where it is included.
  CHECK(runAalint("check -j 3 -I testdata/includes testdata/diagnostics/include-errors.aa").out == text.out);
  CHECK(runAalint("check -j 1 -I testdata/includes testdata/diagnostics/include-errors.aa").out == text.out);
}

TEST_CASE("check reports only what apparmor_parser rejects") {
  // The include cycle is an info note for lint, and nothing for check.
  CliResult lint = runAalint("-I testdata/includes --fail-on info testdata/diagnostics/include-errors.aa");
  CHECK(lint.out.find("[include-cycle]") != std::string::npos);
  CliResult check = runAalint("check -I testdata/includes testdata/diagnostics/include-errors.aa");
  CHECK(check.status == 1);
  CHECK(check.out.find("[include-cycle]") == std::string::npos);
  CHECK(check.out.find("[syntax-error]") != std::string::npos);
}

TEST_CASE("standard input is read with '-'") {
  CliResult r = runAalint("check -", "profile p {\n  /etc/hosts r\n}\n");
  CHECK(r.status == 1);
  CHECK(r.out.rfind("<stdin>:2:15: error: missing ',' at end of rule [syntax-error]\n", 0) == 0);
  CHECK(runAalint("check -", "profile p { /etc/hosts r, }\n").status == 0);
}

TEST_CASE("usage and input errors exit 2 with a clear message") {
  CliResult missing = runAalint("/nonexistent/profile");
  CHECK(missing.status == 2);
  CHECK(missing.out == "/nonexistent/profile: error: cannot open: No such file or directory [input-error]\n");

  std::string empty = scratchDirectory("empty");
  CliResult none = runAalint(empty);
  CHECK(none.status == 2);
  CHECK(none.out == empty + ": error: directory holds no policy files [input-error]\n");

  CHECK(runAalint("").status == 2);
  CliResult badOption = runAalint("--no-such-option x");
  CHECK(badOption.status == 2);
  CHECK(badOption.err.find("unrecognised option '--no-such-option'") != std::string::npos);
  CHECK(runAalint("--format xml " + kExample).status == 2);
  CHECK(runAalint("--color sometimes " + kExample).status == 2);
  CliResult version = runAalint("--version");
  CHECK(version.status == 0);
  CHECK(version.out.rfind("aalint ", 0) == 0);
  CliResult help = runAalint("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("--format") != std::string::npos);
}

TEST_CASE("binary data, NUL bytes and invalid UTF-8 are rejected with a position") {
  std::string dir = scratchDirectory("binary");
  writeFile(dir + "/nul", std::string("profile p {\n  /a r,\0\n}\n", 24));
  CliResult nul = runAalint(dir + "/nul");
  CHECK(nul.status == 1);
  CHECK(nul.out == dir + "/nul:2:8: error: contains a NUL byte: not a text file [not-text]\n");

  writeFile(dir + "/latin1", "profile p {\n  /caf\xe9 r,\n}\n");
  CliResult latin1 = runAalint(dir + "/latin1");
  CHECK(latin1.status == 1);
  CHECK(latin1.out == dir + "/latin1:2:7: error: invalid UTF-8 (byte 0xe9): not a text file [not-text]\n");

  std::string blob = "\x7f" "ELF";
  for (int i = 0; i < 4096; ++i) blob += static_cast<char>((i * 7919) & 0xff);
  writeFile(dir + "/blob", blob);
  CliResult binary = runAalint(dir + "/blob");
  CHECK(binary.status == 1);
  CHECK(binary.out.find("[not-text]") != std::string::npos);

  writeFile(dir + "/big", std::string(2048, '#'));
  CliResult big = runAalint("--max-file-size 1024 " + dir + "/big");
  CHECK(big.status == 2);
  CHECK(big.out == dir + "/big: error: cannot read: is 2048 bytes, over the limit of 1024 bytes (--max-file-size) [input-error]\n");
}

TEST_CASE("a FIFO or a device as include target is an error, never a hang") {
  std::string dir = scratchDirectory("fifo");
  REQUIRE(::mkfifo((dir + "/fifo").c_str(), 0600) == 0);
  writeFile(dir + "/profile", "profile p {\n  include \"" + dir + "/fifo\"\n  include \"/dev/zero\"\n}\n");
  CliResult r = runAalint("check " + dir + "/profile");
  CHECK(r.status == 1);
  CHECK(r.out.find(dir + "/profile:2:3: error: include target '" + dir +
                   "/fifo' is a FIFO, not a regular file or directory [include-not-regular]") != std::string::npos);
  CHECK(r.out.find(dir + "/profile:3:3: error: include target '/dev/zero' is a device, not a regular file or "
                         "directory [include-not-regular]") != std::string::npos);
  // Named on the command line, a FIFO is refused without waiting for a writer.
  CliResult direct = runAalint(dir + "/fifo");
  CHECK(direct.status == 2);
  CHECK(direct.out == dir + "/fifo: error: cannot read: is a FIFO, not a regular file [input-error]\n");
}

TEST_CASE("an unreadable file is an input error") {
  std::string dir = scratchDirectory("unreadable");
  std::string file = dir + "/secret";
  writeFile(file, "profile p {}\n");
  ::chmod(file.c_str(), 0);
  ::chmod(dir.c_str(), 0755);
  // root reads anything: run as nobody when we are root.
  if (::geteuid() == 0) {
    int raw = std::system(("setpriv --reuid=65534 --regid=65534 --clear-groups " + std::string(AALINT_BINARY) + " " +
                           file + " >/dev/null 2>&1").c_str());
    CHECK(WEXITSTATUS(raw) == 2);
  } else {
    CliResult r = runAalint(file);
    CHECK(r.status == 2);
    CHECK(r.out == file + ": error: cannot open: Permission denied [input-error]\n");
  }
}

TEST_CASE("a directory means the policy files directly in it, skipping leftovers") {
  std::string dir = scratchDirectory("tree");
  writeFile(dir + "/good", "profile good { /a r, }\n");
  writeFile(dir + "/bad.dpkg-old", "this is not policy\n");
  writeFile(dir + "/.hidden", "neither is this\n");
  writeFile(dir + "/backup~", "nor this\n");
  ::mkdir((dir + "/sub").c_str(), 0755);
  writeFile(dir + "/sub/ignored", "not read either\n");
  CliResult r = runAalint("check --format json " + dir);
  CHECK(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["summary"]["files"] == 1);
}

TEST_CASE("color is used only when asked for, and never with NO_COLOR") {
  std::string dir = scratchDirectory("color");
  writeFile(dir + "/p", "profile p {\n  /a r\n}\n");
  CHECK(runAalint("--color always " + dir + "/p").out.find("\033[") != std::string::npos);
  CHECK(runAalint("--color never " + dir + "/p").out.find("\033[") == std::string::npos);
  CHECK(runAalint(dir + "/p").out.find("\033[") == std::string::npos);  // not a terminal
}

TEST_CASE("codes and explain document the diagnostics") {
  CliResult codes = runAalint("codes");
  CHECK(codes.status == 0);
  CHECK(codes.out.find("exec-mode-conflict") != std::string::npos);
  CliResult explain = runAalint("explain exec-mode-conflict");
  CHECK(explain.status == 0);
  CHECK(explain.out.rfind("exec-mode-conflict: two exec rules match a common path with different exec modes\n", 0) == 0);
  CHECK(runAalint("explain no-such-code").status == 2);
}

TEST_CASE("absurd nesting is an error with a position, not a crash") {
  std::string dir = scratchDirectory("deep");
  std::string text = "profile p {\n";
  for (int i = 0; i < 100000; ++i) text += "audit {";
  writeFile(dir + "/deep", text + "\n");
  CliResult r = runAalint("-q " + dir + "/deep");
  CHECK(r.status == 1);
  CHECK(r.out.rfind(dir + "/deep:2:7000: error: blocks and groups nest deeper than 1000 levels [nesting-too-deep]\n", 0) == 0);
  // The source line is shown as a window around the caret.
  CHECK(r.out.find("...dit {audit {") != std::string::npos);
  CHECK(r.out.size() < 1000);
}

TEST_CASE("rules and explain document the lint rules") {
  CliResult rules = runAalint("rules");
  CHECK(rules.status == 0);
  CHECK(rules.out.find("write-exec") != std::string::npos);
  CHECK(rules.out.find("silent-deny") != std::string::npos);
  CHECK(rules.out.find("(off by default)") != std::string::npos);
  CliResult explain = runAalint("explain raw-network");
  CHECK(explain.status == 0);
  CHECK(explain.out.rfind("raw-network (security, warning)\n", 0) == 0);
  CHECK(explain.out.find("network inet icmp,") != std::string::npos);
  CHECK(runAalint("--select no-such-rule " + kExample).status == 2);
}

TEST_CASE(".aalint.toml selects rules, sets severities and ignores paths; --config and --no-config") {
  std::string dir = scratchDirectory("config");
  ::mkdir((dir + "/profiles").c_str(), 0755);
  ::mkdir((dir + "/profiles/local").c_str(), 0755);
  writeFile(dir + "/profiles/nginx", readFile(kExample));
  writeFile(dir + "/profiles/local/extra", "profile extra {\n  capability sys_admin,\n}\n");
  writeFile(dir + "/.aalint.toml",
            "fail-on = \"error\"\n[rules]\ndisable = [\"missing-abi\", \"pound-include\"]\n"
            "[rules.severity]\nraw-network = \"info\"\n[[ignore]]\npaths = [\"profiles/local/*\"]\n");
  CliResult r = runAalint("--format json " + dir + "/profiles/nginx " + dir + "/profiles/local/extra");
  CHECK(r.status == 0);  // fail-on = error, and the only finding is an info now
  nlohmann::json document = nlohmann::json::parse(r.out);
  REQUIRE(document["diagnostics"].size() == 1);
  CHECK(document["diagnostics"][0]["code"] == "raw-network");
  CHECK(document["diagnostics"][0]["severity"] == "info");

  CliResult ignoring = runAalint("--no-config --format json " + dir + "/profiles/nginx");
  CHECK(ignoring.status == 1);
  CHECK(nlohmann::json::parse(ignoring.out)["diagnostics"].size() == 4);

  writeFile(dir + "/bad.toml", "[rules]\nenable = [\"no-such-rule\"]\n");
  CliResult bad = runAalint("--config " + dir + "/bad.toml " + dir + "/profiles/nginx");
  CHECK(bad.status == 2);
  CHECK(bad.out == dir + "/bad.toml:2:10: error: unknown lint rule 'no-such-rule' in 'rules.enable'; 'aalint rules' "
                         "lists them [config-error]\n");
}

TEST_CASE("suppression comments silence one finding; unused ones are reported") {
  std::string dir = scratchDirectory("suppress");
  writeFile(dir + "/p",
            "abi <abi/3.0>,\n"
            "profile p {\n"
            "  capability sys_admin, # aalint: ignore=dangerous-capability\n"
            "  # aalint: ignore=raw-network\n"
            "  network inet raw,\n"
            "  #aa:lint ignore=bare-rule\n"
            "  network,\n"
            "  capability sys_module,\n"
            "  /etc/hosts r, # aalint: ignore=write-exec\n"
            "}\n");
  CliResult r = runAalint("--fail-on info --format json " + dir + "/p");
  nlohmann::json document = nlohmann::json::parse(r.out);
  std::vector<std::string> found;
  for (const auto& d : document["diagnostics"])
    found.push_back(std::to_string(d["line"].get<int>()) + " " + d["code"].get<std::string>());
  CHECK(found == std::vector<std::string>{"8 dangerous-capability", "9 unused-suppression"});
  CHECK(r.status == 1);

  writeFile(dir + "/q", "abi <abi/3.0>,\n# aalint: ignore-file=dangerous-capability\nprofile q {\n  capability sys_admin,\n}\n");
  CHECK(runAalint(dir + "/q").out == "");
}

TEST_CASE("SARIF and GitHub annotations") {
  CliResult sarif = runAalint("--format sarif " + kExample);
  CHECK(sarif.status == 1);
  nlohmann::json log = nlohmann::json::parse(sarif.out);
  CHECK(log["version"] == "2.1.0");
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "aalint");
  REQUIRE(run["results"].size() == 4);
  const auto& raw = run["results"][3];
  CHECK(raw["ruleId"] == "raw-network");
  CHECK(raw["level"] == "warning");
  const auto& region = raw["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startLine"] == 11);
  CHECK(region["startColumn"] == 3);
  CHECK(region["endColumn"] == 21);  // exclusive end
  const auto& rule = run["tool"]["driver"]["rules"][raw["ruleIndex"].get<int>()];
  CHECK(rule["id"] == "raw-network");
  CHECK(rule["shortDescription"]["text"].get<std::string>().find("raw") != std::string::npos);
  CHECK(rule["properties"]["tags"][0] == "security");

  CliResult github = runAalint("--format github " + kExample);
  CHECK(github.out.find("::warning file=testdata/docker-nginx,line=11,col=3,endLine=11,endColumn=20,title=aalint "
                        "raw-network::'network inet icmp' grants every raw socket") != std::string::npos);
}

TEST_CASE("lint output does not depend on the number of threads") {
  CliResult one = runAalint("-j 1 --fail-on info -I testdata/includes testdata/rules");
  CliResult three = runAalint("-j 3 --fail-on info -I testdata/includes testdata/rules");
  CHECK(one.status == 1);
  CHECK(one.out.size() > 1000);
  CHECK(one.out == three.out);
  CHECK(runAalint("-j 0 " + kExample).status == 2);
}

TEST_CASE("an included rule's path is expanded with each file's variables and each profile's name") {
  // A lint run expands an abstraction's paths once for all the files whose variables are the same;
  // a path that names the profile is expanded for each profile. (Read in this order with one
  // thread, a path remembered for the wrong variables or the wrong profile would hide a finding.)
  std::string dir = scratchDirectory("expanded-per-policy");
  writeFile(dir + "/tunables", "@{D}=/etc\n");
  writeFile(dir + "/abstraction", "@{D}/shadow r,\n/@{profile_name}/gshadow r,\n");
  auto profile = [&](const std::string& file, const std::string& variables, const std::string& name) {
    writeFile(dir + "/" + file,
              variables + "\nprofile " + name + " /usr/bin/" + file + " {\n  include \"" + dir + "/abstraction\"\n}\n");
    return " " + dir + "/" + file;
  };
  const std::string files = profile("own-srv", "@{D}=/srv", "srv") +
                            profile("tunables-srv", "include \"" + dir + "/tunables\"", "srv") +
                            profile("tunables-etc", "include \"" + dir + "/tunables\"", "etc");
  const std::string chain = "In file included from " + dir + "/tunables-etc:3:\n";
  const std::string expected =
      chain + dir + "/abstraction:1:1: warning: '@{D}/shadow r' reads password hashes [sensitive-read]\n" + chain + dir +
      "/abstraction:2:1: warning: '/@{profile_name}/gshadow r' reads group password hashes [sensitive-read]\n";
  for (const char* jobs : {"1", "2"}) {
    CliResult lint = runAalint(fmt::format("-q -j {} --show-included --select sensitive-read{}", jobs, files));
    std::string found;  // each finding's include chain and diagnostic
    std::istringstream lines(lint.out);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("In file", 0) == 0 || line.rfind(dir, 0) == 0) found += line + "\n";
    CHECK(found == expected);
  }
}

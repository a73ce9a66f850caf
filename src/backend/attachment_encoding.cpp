#include "backend/attachment_encoding.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "engine/dfa.h"
#include "engine/glob.h"

namespace aalint::backend {

namespace {

bool hasPattern(const std::string& text) { return text.find_first_of("*?[{") != std::string::npos; }

// How many characters an attachment matches before its first wildcard, the shortest way: the
// kernel prefers the attachment with the longest such prefix. An alternation counts its shortest
// branch, and stops the count if any branch reaches a wildcard (apparmor_parser 3.0.8's measure).
struct PrefixLength {
  std::size_t length = 0;
  bool stopped = false;
};
PrefixLength literalPrefixLength(const std::string& glob, std::size_t from, std::size_t* end = nullptr,
                                        bool inAlternation = false) {
  PrefixLength total;
  std::size_t i = from;
  while (i < glob.size()) {
    char c = glob[i];
    if (inAlternation && (c == ',' || c == '}')) break;
    if (c == '\\' && i + 1 < glob.size()) {
      if (!total.stopped) ++total.length;
      i += 2;
    } else if (c == '?' || c == '[') {
      // One character counts; '?' and a negated class end the literal prefix, a plain class does
      // not (apparmor_parser 3.0.8, checked on its own test profiles).
      if (!total.stopped) ++total.length;
      if (c == '?' || (i + 1 < glob.size() && glob[i + 1] == '^')) total.stopped = true;
      if (c == '[') {
        while (i < glob.size() && glob[i] != ']') ++i;
      }
      ++i;
    } else if (c == '*') {
      // A whole-component '*' or '**' needs one character, which counts; then the prefix ends.
      std::size_t run = i;
      while (run < glob.size() && glob[run] == '*') ++run;
      bool wholeComponent = i > 0 && glob[i - 1] == '/' && (run == glob.size() || glob[run] == '/');
      if (!total.stopped && wholeComponent) ++total.length;
      total.stopped = true;
      i = run;
    } else if (c == '{') {
      std::optional<PrefixLength> shortest;
      bool anyStopped = false;
      ++i;
      for (;;) {
        std::size_t branchEnd = i;
        PrefixLength branch = literalPrefixLength(glob, i, &branchEnd, true);
        anyStopped |= branch.stopped;
        if (!shortest || branch.length < shortest->length) shortest = branch;
        i = branchEnd;
        if (i >= glob.size() || glob[i] == '}') break;
        ++i;  // ','
      }
      ++i;  // '}'
      if (!total.stopped) total.length += shortest ? shortest->length : 0;
      total.stopped = total.stopped || anyStopped;
    } else {
      if (!total.stopped) ++total.length;
      ++i;
    }
  }
  if (end) *end = i;
  return total;
}

struct Xattr {
  const ir::Word* name;
  const ir::Word* value;  // nullptr: any value
};

// The entries of xattrs=(...) in the order the record and the DFA list them: apparmor_parser 3.0.8
// keeps them last written first. NAME=VALUE entries are nested conditions, a bare NAME a value.
std::vector<Xattr> xattrsOf(const ir::Profile& declaration) {
  std::vector<Xattr> xattrs;
  for (const ir::Condition& c : declaration.conditions) {
    if (c.name.text != "xattrs") continue;
    for (const ir::Condition& entry : c.nested)
      xattrs.push_back({&entry.name, entry.values.empty() ? nullptr : &entry.values.front()});
    for (const ir::Word& name : c.values) xattrs.push_back({&name, nullptr});
  }
  auto position = [](const Xattr& x) { return std::make_tuple(x.name->range.line, x.name->range.column); };
  std::sort(xattrs.begin(), xattrs.end(), [&](const Xattr& a, const Xattr& b) { return position(a) > position(b); });
  return xattrs;
}

// Parses a glob into the builder's tree; nullopt when it cannot be converted.
std::optional<std::int32_t> globTree(engine::DfaBuilder& builder, const std::string& glob, engine::GlobMode mode) {
  engine::GlobResult converted = engine::convertGlob(glob, mode);
  if (!converted.converted) return std::nullopt;
  engine::RegexParse parsed = engine::parseRegex(converted.converted->regex, builder.tree());
  if (parsed.error) return std::nullopt;
  return parsed.root;
}

}  // namespace

std::optional<AttachmentEncoding> encodeAttachment(ProfileContext& context) {
  const ir::ProfileInstance& profile = context.profile();
  const ir::Profile& declaration = *profile.declaration;
  const VariableTable& variables = context.policy().variables;
  std::vector<Xattr> xattrs = xattrsOf(declaration);
  std::string glob;
  if (declaration.attachment) {
    glob = engine::filterSlashes(variables.expand(declaration.attachment->text).text);
  } else {
    // A top-level name attaches when it is a pattern once its variables are expanded; any name
    // (a child's is its own part) when it asks for xattrs. Names are not slash-filtered.
    glob = splitNamespace(variables.expand(declaration.name.text).text).second;
    if (xattrs.empty() && (profile.parent != nullptr || !hasPattern(glob))) return std::nullopt;
  }

  // path (ACCEPT | OOB \0 value1 (ACCEPT | OOB \0 value2 (... ACCEPT))): the kernel checks for exec
  // permission after the path and after each value.
  engine::DfaBuilder builder(kConstructionStates);
  engine::RegexTree& tree = builder.tree();
  std::optional<std::int32_t> path = globTree(builder, glob, engine::GlobMode::Default);
  if (!path) {
    context.unsupported(declaration.name.range, fmt::format("the attachment '{}'", glob));
    return std::nullopt;
  }
  std::int32_t rest = tree.accept(0);
  engine::ByteSet nul, any;
  nul.set(0);
  any.set();
  for (auto x = xattrs.rbegin(); x != xattrs.rend(); ++x) {
    std::optional<std::int32_t> value =
        x->value ? globTree(builder, x->value->text, engine::GlobMode::Null) : tree.star(tree.bytes(any));
    if (!value) {
      context.unsupported(x->value->range, fmt::format("the xattr value '{}'", x->value->text));
      return std::nullopt;
    }
    rest = tree.alt(tree.accept(0), tree.cat(tree.outOfBand(), tree.cat(tree.bytes(nul), tree.cat(*value, rest))));
  }
  builder.addWithAccepts(tree.cat(*path, rest));

  AttachmentEncoding encoding;
  encoding.tables = context.pack(builder, [&](const engine::Dfa& dfa, std::uint32_t state) {
    return std::make_pair(dfa.accepts(state).empty() ? 0u : 0x1u, 0u);
  });
  if (encoding.tables.empty()) return std::nullopt;
  encoding.length = static_cast<std::uint32_t>(literalPrefixLength(glob, 0).length);
  for (const Xattr& x : xattrs) encoding.xattrNames.push_back(x.name->text);
  return encoding;
}

}  // namespace aalint::backend

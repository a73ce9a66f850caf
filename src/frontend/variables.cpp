#include "frontend/variables.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace aalint {

static constexpr std::size_t kMaxAlternatives = 65536;

// Variables whose values are lists multiply: @{B}=@{A}@{A}@{A}... grows exponentially.
static const std::string& limitMessage() {
  static const std::string message =
      fmt::format("expanding the variables gives more than {} alternatives, aalint's limit", kMaxAlternatives);
  return message;
}

std::vector<VariableReference> findVariableReferences(const std::string& text) {
  std::vector<VariableReference> refs;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] != '@' || text[i + 1] != '{') continue;
    std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) break;
    std::string name = text.substr(i + 2, close - i - 2);
    bool valid = !name.empty() && std::isalpha(static_cast<unsigned char>(name[0]));
    for (char c : name) valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (valid) refs.push_back({i, close + 1 - i, name});
    i = close;
  }
  return refs;
}

static VariableTable::Variable definedBy(const ir::VariableAssignment& a) {
  VariableTable::Variable variable{{}, a.name.range};
  variable.values.reserve(a.values.size());
  for (const ir::Word& value : a.values) variable.values.push_back(&value);
  return variable;
}

std::optional<std::string> VariableTable::assign(const ir::VariableAssignment& a) {
  auto it = variables_.find(a.name.text);
  switch (a.op) {
    case ir::AssignmentOp::Append:
      if (it == variables_.end())
        return fmt::format("'+=' adds to @{{{}}}, which is not defined yet; define it with '=' first", a.name.text);
      for (const ir::Word& value : a.values) it->second.values.push_back(&value);
      return std::nullopt;
    case ir::AssignmentOp::SetIfUnset:
      if (it == variables_.end()) variables_[a.name.text] = definedBy(a);
      return std::nullopt;
    case ir::AssignmentOp::Override:
      variables_[a.name.text] = definedBy(a);
      return std::nullopt;
    case ir::AssignmentOp::Set:
      if (it != variables_.end())
        return fmt::format("@{{{}}} is already defined; use '+=' to add values", a.name.text);
      variables_[a.name.text] = definedBy(a);
      return std::nullopt;
  }
  return std::nullopt;
}

std::string VariableTable::definitions() const {
  std::string bytes;
  for (const auto& [name, variable] : variables_) {
    bytes += name;
    bytes += '=';
    for (const ir::Word* word : variable.values) bytes.append(reinterpret_cast<const char*>(&word), sizeof word);
    bytes += '\0';
  }
  return bytes;
}

const VariableTable::Variable* VariableTable::find(const std::string& name) const {
  auto it = variables_.find(name);
  return it == variables_.end() ? nullptr : &it->second;
}

std::string variableName(const std::string& written) {
  std::string name = written;
  if (!name.empty() && (name[0] == '@' || name[0] == '$')) name.erase(0, 1);
  if (name.size() >= 2 && name.front() == '{' && name.back() == '}') name = name.substr(1, name.size() - 2);
  return name;
}

void VariableTable::setProfileContext(const std::string& profileName, const std::optional<std::string>& attachPath) {
  implicit_.clear();
  // The name stands for itself: a profile named by a glob is not a pattern here.
  std::string escaped;
  for (char c : profileName) {
    if (std::string("*?[]{},\\").find(c) != std::string::npos) escaped += '\\';
    escaped += c;
  }
  implicit_["profile_name"] = escaped;
  if (attachPath) {
    implicit_["attach_path"] = *attachPath;
    implicit_["exec_path"] = *attachPath;
  }
}

bool VariableTable::isImplicit(const std::string& name) const {
  return name == "profile_name" || name == "attach_path" || name == "exec_path";
}

std::optional<std::string> VariableTable::assignBoolean(const ir::BooleanAssignment& a) {
  if (a.values.size() != 1) return fmt::format("boolean ${} needs exactly one value, true or false", a.name.text);
  std::string value = a.values.front().text;
  std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
  if (value != "true" && value != "false")
    return fmt::format("boolean ${} must be true or false, not '{}'", a.name.text, a.values.front().text);
  bool exists = booleans_.count(a.name.text) > 0;
  if (a.op == ir::AssignmentOp::Set && exists) return fmt::format("boolean ${} is already defined", a.name.text);
  if (a.op == ir::AssignmentOp::SetIfUnset && exists) return std::nullopt;
  booleans_[a.name.text] = value == "true";
  return std::nullopt;
}

std::optional<bool> VariableTable::boolean(const std::string& name) const {
  auto it = booleans_.find(name);
  if (it == booleans_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> VariableTable::valuesOf(const std::string& name, std::vector<std::string>& stack,
                                                 std::vector<std::string>& errors) const {
  auto addError = [&](std::string message) {
    if (std::find(errors.begin(), errors.end(), message) == errors.end()) errors.push_back(std::move(message));
  };
  const Variable* variable = find(name);
  if (!variable && isImplicit(name)) {
    profileNamed_ = true;
    auto it = implicit_.find(name);
    if (it != implicit_.end()) return {it->second};
    addError(fmt::format("@{{{}}} is only defined in a profile that attaches to a path; this profile has no "
                         "attachment",
                         name));
    return {""};
  }
  if (!variable) {
    addError(fmt::format("variable @{{{}}} is used but never defined", name));
    return {""};
  }
  if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
    addError(fmt::format("variable @{{{}}} is defined in terms of itself", name));
    return {""};
  }
  stack.push_back(name);
  std::vector<std::string> values;
  for (const ir::Word* value : variable->values)
    for (std::string& expanded : expandAll(value->text, stack, errors)) values.push_back(std::move(expanded));
  stack.pop_back();
  return values;
}

// Every combination of the variables' values, as separate strings.
std::vector<std::string> VariableTable::expandAll(const std::string& text, std::vector<std::string>& stack,
                                                  std::vector<std::string>& errors) const {
  auto refs = findVariableReferences(text);
  if (refs.empty()) return {text};
  const VariableReference& ref = refs.front();
  std::string prefix = text.substr(0, ref.offset);
  std::string suffix = text.substr(ref.offset + ref.length);
  std::vector<std::string> results;
  std::vector<std::string> tails = expandAll(suffix, stack, errors);
  for (const std::string& value : valuesOf(ref.name, stack, errors))
    for (const std::string& tail : tails) {
      if (results.size() >= kMaxAlternatives) {
        if (std::find(errors.begin(), errors.end(), limitMessage()) == errors.end()) errors.push_back(limitMessage());
        return results;
      }
      results.push_back(prefix + value + tail);
    }
  return results;
}

const std::vector<std::string>& VariableTable::memoizedValues(const std::string& name, std::vector<std::string>& errors,
                                                             ValuesMemo& memo) const {
  auto [it, fresh] = memo.byName_.try_emplace(name);
  ValuesMemo::Values& known = it->second;
  if (fresh) {
    const bool namedBefore = std::exchange(profileNamed_, false);
    std::vector<std::string> stack;
    known.values = valuesOf(name, stack, known.errors);
    known.namesProfile = profileNamed_;
    profileNamed_ = namedBefore;
  }
  profileNamed_ = profileNamed_ || known.namesProfile;
  for (const std::string& error : known.errors)
    if (std::find(errors.begin(), errors.end(), error) == errors.end()) errors.push_back(error);
  return known.values;
}

VariableTable::Expansion VariableTable::expand(const std::string& text, ValuesMemo* memo) const {
  Expansion result;
  expand(text, memo, result);
  return result;
}

void VariableTable::expand(const std::string& text, ValuesMemo* memo, Expansion& result) const {
  result.text.clear();
  result.errors.clear();
  result.tooLarge.reset();
  profileNamed_ = false;
  const std::vector<VariableReference> refs = findVariableReferences(text);
  std::vector<std::string> unmemoized;
  std::size_t position = 0;
  for (const VariableReference& ref : refs) {
    result.text.append(text, position, ref.offset - position);
    position = ref.offset + ref.length;
    std::vector<std::string> stack;
    const std::vector<std::string>& values =
        memo ? memoizedValues(ref.name, result.errors, *memo) : (unmemoized = valuesOf(ref.name, stack, result.errors));
    if (values.size() == 1) {
      result.text += values.front();
      continue;
    }
    // Avoid "//" at the seams of an alternation, where slash filtering cannot reach. A single value
    // is substituted as it is (apparmor_parser 3.0.8 does the same: "/@{PROC}" gives "//proc/").
    const bool prefixEndsWithSlash = !result.text.empty() && result.text.back() == '/';
    const bool suffixStartsWithSlash = position < text.size() && text[position] == '/';
    result.text += '{';
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i];
      std::size_t from = prefixEndsWithSlash && !value.empty() && value.front() == '/' ? 1 : 0, to = value.size();
      if (suffixStartsWithSlash && to > from && value[to - 1] == '/') --to;
      if (i) result.text += ',';
      result.text.append(value, from, to - from);
    }
    result.text += '}';
  }
  result.text.append(text, position, std::string::npos);
  result.namesProfile = profileNamed_;
  auto limit = std::find(result.errors.begin(), result.errors.end(), limitMessage());
  if (limit != result.errors.end()) {
    result.tooLarge = *limit;
    result.errors.erase(limit);
  }
}

}  // namespace aalint

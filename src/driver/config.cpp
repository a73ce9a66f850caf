#include "driver/config.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "lint_rule.h"

namespace aalint {

namespace fs = std::filesystem;

bool Config::ignored(const std::string& file, const std::string& rule) const {
  std::string relative = file;
  std::error_code ec;
  fs::path rel = fs::relative(fs::absolute(file, ec), fs::absolute(directory, ec), ec);
  if (!ec && !rel.empty() && rel.native().rfind("..", 0) != 0) relative = rel.string();
  for (const Ignore& ignore : ignores) {
    if (!ignore.rules.count("*") && !ignore.rules.count(rule)) continue;
    for (const std::string& pattern : ignore.paths)
      if (::fnmatch(pattern.c_str(), relative.c_str(), 0) == 0 || ::fnmatch(pattern.c_str(), file.c_str(), 0) == 0)
        return true;
  }
  return false;
}

namespace {

std::optional<Severity> parseSeverity(const std::string& text) {
  if (text == "error") return Severity::Error;
  if (text == "warning") return Severity::Warning;
  if (text == "info") return Severity::Info;
  return std::nullopt;
}

class Reader {
public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  std::optional<ConfigError> error;

  void fail(const toml::node* node, std::string message) {
    if (error) return;
    ConfigError e{path_, 0, 0, std::move(message)};
    if (node) {
      e.line = static_cast<std::uint32_t>(node->source().begin.line);
      e.column = static_cast<std::uint32_t>(node->source().begin.column);
    }
    error = e;
  }

  std::vector<std::string> strings(const toml::node& node, const char* what) {
    std::vector<std::string> out;
    const toml::array* array = node.as_array();
    if (!array) {
      fail(&node, fmt::format("'{}' must be an array of strings", what));
      return out;
    }
    for (const toml::node& item : *array) {
      if (auto s = item.value<std::string>()) out.push_back(*s);
      else fail(&item, fmt::format("'{}' must hold strings", what));
    }
    return out;
  }

  std::set<std::string> ruleIds(const toml::node& node, const char* what, bool allowStar) {
    std::set<std::string> ids;
    for (const std::string& id : strings(node, what)) {
      if (!(allowStar && id == "*") && !lint::findRule(id))
        fail(&node, fmt::format("unknown lint rule '{}' in '{}'; 'aalint rules' lists them", id, what));
      ids.insert(id);
    }
    return ids;
  }

  Severity severity(const toml::node& node, const std::string& what) {
    auto text = node.value<std::string>();
    auto s = text ? parseSeverity(*text) : std::nullopt;
    if (!s) fail(&node, fmt::format("'{}' must be \"error\", \"warning\" or \"info\"", what));
    return s.value_or(Severity::Warning);
  }

  Config read(const toml::table& root) {
    Config config;
    for (const auto& [key, node] : root) {
      std::string k(key.str());
      if (k == "fail-on") config.failOn = severity(node, k);
      else if (k == "show-included") {
        if (auto b = node.value<bool>()) config.showIncluded = *b;
        else fail(&node, "'show-included' must be true or false");
      } else if (k == "rules") rules(node, config);
      else if (k == "ignore") ignores(node, config);
      else fail(&node, fmt::format("unknown key '{}'; expected fail-on, show-included, [rules] or [[ignore]]", k));
    }
    return config;
  }

private:
  void rules(const toml::node& node, Config& config) {
    const toml::table* table = node.as_table();
    if (!table) return fail(&node, "[rules] must be a table");
    for (const auto& [key, value] : *table) {
      std::string k(key.str());
      if (k == "select") config.select = ruleIds(value, "rules.select", false);
      else if (k == "enable") config.enable = ruleIds(value, "rules.enable", false);
      else if (k == "disable") config.disable = ruleIds(value, "rules.disable", false);
      else if (k == "severity") {
        const toml::table* severities = value.as_table();
        if (!severities) return fail(&value, "[rules.severity] must be a table of rule = \"severity\"");
        for (const auto& [id, level] : *severities) {
          std::string rule(id.str());
          if (!lint::findRule(rule)) fail(&level, fmt::format("unknown lint rule '{}' in [rules.severity]", rule));
          config.severities[rule] = severity(level, "rules.severity." + rule);
        }
      } else fail(&value, fmt::format("unknown key 'rules.{}'; expected select, enable, disable or severity", k));
    }
  }

  void ignores(const toml::node& node, Config& config) {
    const toml::array* array = node.as_array();
    if (!array) return fail(&node, "[[ignore]] must be an array of tables");
    for (const toml::node& entry : *array) {
      const toml::table* table = entry.as_table();
      if (!table) return fail(&entry, "each [[ignore]] must be a table with paths and rules");
      Config::Ignore ignore;
      for (const auto& [key, value] : *table) {
        std::string k(key.str());
        if (k == "paths") ignore.paths = strings(value, "ignore.paths");
        else if (k == "rules") ignore.rules = ruleIds(value, "ignore.rules", true);
        else fail(&value, fmt::format("unknown key 'ignore.{}'; expected paths and rules", k));
      }
      if (ignore.rules.empty()) ignore.rules.insert("*");
      config.ignores.push_back(std::move(ignore));
    }
  }

  std::string path_;
};

}  // namespace

std::variant<Config, ConfigError> loadConfig(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return ConfigError{path, static_cast<std::uint32_t>(e.source().begin.line),
                       static_cast<std::uint32_t>(e.source().begin.column), std::string(e.description())};
  }
  Reader reader(path);
  Config config = reader.read(root);
  if (reader.error) return *reader.error;
  config.path = path;
  config.directory = fs::path(path).parent_path().string();
  if (config.directory.empty()) config.directory = ".";
  return config;
}

const Config* ConfigFinder::forFile(const std::string& file, std::vector<ConfigError>& errors) {
  std::error_code ec;
  fs::path dir = fs::absolute(file == "-" ? "." : file, ec);
  if (file != "-") dir = dir.parent_path();
  std::vector<std::string> visited;
  const Config* found = nullptr;
  for (fs::path d = dir;; d = d.parent_path()) {
    auto cached = byDirectory_.find(d.string());
    if (cached != byDirectory_.end()) {
      found = cached->second.get();
      break;
    }
    visited.push_back(d.string());
    fs::path candidate = d / ".aalint.toml";
    if (fs::is_regular_file(candidate, ec)) {
      auto loaded = loadConfig(candidate.string());
      if (auto* error = std::get_if<ConfigError>(&loaded)) {
        errors.push_back(*error);
        byDirectory_[d.string()] = nullptr;
        break;
      }
      byDirectory_[d.string()] = std::make_shared<const Config>(std::get<Config>(std::move(loaded)));
      found = byDirectory_[d.string()].get();
      break;
    }
    if (d == d.parent_path()) break;
  }
  std::shared_ptr<const Config> shared;
  for (auto& [key, value] : byDirectory_)
    if (value.get() == found) shared = value;
  for (const std::string& v : visited) byDirectory_[v] = shared;
  return found;
}

}  // namespace aalint

#include "checks/change_profile_check.h"

#include <fmt/format.h>

#include "ir/vocabulary.h"

namespace aalint::checks {

using namespace aalint::ir;

const ClassSpec& ChangeProfileRuleCheck::spec() const {
  static const ClassSpec spec{"change_profile", {}, {}, true};
  return spec;
}

void ChangeProfileRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  std::size_t i = 0;
  const ir::Word* safety = nullptr;
  if (i < parts.words.size() && !parts.words[i]->quoted &&
      (parts.words[i]->text == "safe" || parts.words[i]->text == "unsafe"))
    safety = parts.words[i++];
  const ir::Word* exec = i < parts.words.size() ? parts.words[i++] : nullptr;
  if (safety && !exec)
    site.error(safety->range, "change-profile-invalid",
               fmt::format("'{}' qualifies the program run by change_profile; name it: change_profile {} /path/to/exec "
                           "-> profile",
                           safety->text, safety->text));
  for (; i < parts.words.size(); ++i)
    site.error(parts.words[i]->range, "change-profile-invalid",
               fmt::format("unexpected '{}': change_profile takes one exec path, then '-> profile'", parts.words[i]->text));
  for (const ir::Word* w : parts.wordsAfterArrow)
    site.error(w->range, "change-profile-invalid",
               fmt::format("unexpected '{}': change_profile has one target profile", w->text));
}

const ClassSpec& PivotRootRuleCheck::spec() const {
  static const ClassSpec spec{"pivot_root", {}, {{"oldroot", {}}}, true};
  return spec;
}

void PivotRootRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  for (std::size_t i = 1; i < parts.words.size(); ++i)
    site.error(parts.words[i]->range, "pivot-root-invalid",
               fmt::format("unexpected '{}': pivot_root takes one new root, then '-> profile'", parts.words[i]->text));
  for (const ir::Word* w : parts.wordsAfterArrow)
    site.error(w->range, "pivot-root-invalid", fmt::format("unexpected '{}': pivot_root has one target profile", w->text));
}

const ClassSpec& RlimitRuleCheck::spec() const {
  static const ClassSpec spec{"rlimit", {}, {}, true};
  return spec;
}

namespace {

enum class Unit { Count, Size, Time, Nice };

Unit unitOf(const std::string& resource) {
  if (resource == "cpu" || resource == "rttime") return Unit::Time;
  if (resource == "nice") return Unit::Nice;
  static const std::vector<std::string> sizes = {"fsize", "data", "stack", "core", "rss", "as", "memlock", "msgqueue"};
  return contains(sizes, resource) ? Unit::Size : Unit::Count;
}

std::optional<std::string> valueProblem(const std::string& resource, const std::string& value) {
  if (value == "infinity") return std::nullopt;
  std::size_t digits = 0;
  bool negative = !value.empty() && value[0] == '-';
  while (negative + digits < value.size() && std::isdigit(static_cast<unsigned char>(value[negative + digits]))) ++digits;
  if (digits == 0) return fmt::format("'{}' is not a limit: use a number or 'infinity'", value);
  std::string suffix = value.substr(negative + digits);
  Unit unit = unitOf(resource);
  if (unit == Unit::Nice) {
    long n = std::stol(value.substr(0, negative + digits));
    if (!suffix.empty() || n < -20 || n > 19) return fmt::format("nice limit '{}' must be a number from -20 to 19", value);
    return std::nullopt;
  }
  if (negative) return fmt::format("{} limit '{}' cannot be negative", resource, value);
  static const std::vector<std::string> sizeUnits = {"K", "KB", "M", "MB", "G", "GB"};
  static const std::vector<std::string> timeUnits = {"us", "microsecond", "microseconds", "ms", "millisecond",
                                                     "milliseconds", "s", "sec", "second", "seconds", "min",
                                                     "minute", "minutes", "h", "hour", "hours", "d", "day", "days",
                                                     "week", "weeks"};
  if (suffix.empty()) return std::nullopt;
  if (unit == Unit::Size && !contains(sizeUnits, suffix))
    return fmt::format("unknown size unit '{}' in '{}': use K, KB, M, MB, G or GB", suffix, value);
  if (unit == Unit::Time && !contains(timeUnits, suffix))
    return fmt::format("unknown time unit '{}' in '{}': use us, ms, seconds, minutes, hours, days or weeks", suffix, value);
  if (unit == Unit::Count) return fmt::format("the {} limit is a count and takes no unit ('{}')", resource, value);
  return std::nullopt;
}

}  // namespace

void RlimitRuleCheck::checkRule(const ir::ClassRule&, const ClassRuleParts& parts, const Site& site) {
  auto error = [&](const SourceRange& range, const std::string& message) { site.error(range, "rlimit-invalid", message); };
  if (parts.words.empty()) {
    error(site.placed.rule->range, "set rlimit needs a resource and a limit: set rlimit NAME <= VALUE,");
    return;
  }
  const ir::Word& resource = *parts.words[0];
  if (!contains(rlimitNames(), resource.text)) {
    error(resource.range, unknownWordMessage("rlimit resource", resource.text, rlimitNames()));
    return;
  }
  if (!parts.lessEqual || parts.words.size() < 2) {
    error(resource.range, fmt::format("set rlimit {} needs '<= VALUE'", resource.text));
    return;
  }
  std::string value = parts.words[1]->text;
  // "12 weeks": a number and its unit as two words.
  if (parts.words.size() == 3) value += parts.words[2]->text;
  if (parts.words.size() > 3) error(parts.words[3]->range, "unexpected word after the limit");
  if (auto problem = valueProblem(resource.text, value)) error(parts.words[1]->range, *problem);
}

}  // namespace aalint::checks

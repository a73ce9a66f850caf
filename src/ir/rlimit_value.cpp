#include "ir/rlimit_value.h"

#include <cctype>
#include <map>

#include <fmt/format.h>

namespace aalint::ir {

namespace {

enum class Unit { Count, Size, Time, Nice };

Unit unitOf(const std::string& resource) {
  if (resource == "cpu" || resource == "rttime") return Unit::Time;
  if (resource == "nice") return Unit::Nice;
  static const std::map<std::string, bool> sizes = {{"fsize", true}, {"data", true}, {"stack", true},   {"core", true},
                                                    {"rss", true},   {"as", true},   {"memlock", true}, {"msgqueue", true}};
  return sizes.count(resource) ? Unit::Size : Unit::Count;
}

const std::map<std::string, std::uint64_t>& sizeUnits() {
  static const std::map<std::string, std::uint64_t> units = {{"K", 1ull << 10}, {"KB", 1ull << 10}, {"M", 1ull << 20},
                                                             {"MB", 1ull << 20}, {"G", 1ull << 30}, {"GB", 1ull << 30}};
  return units;
}

// In microseconds.
const std::map<std::string, std::uint64_t>& timeUnits() {
  static const std::uint64_t second = 1000000, minute = 60 * second, hour = 60 * minute, day = 24 * hour;
  static const std::map<std::string, std::uint64_t> units = {
      {"us", 1},           {"microsecond", 1}, {"microseconds", 1}, {"ms", 1000},     {"millisecond", 1000},
      {"milliseconds", 1000}, {"s", second},   {"sec", second},     {"second", second}, {"seconds", second},
      {"min", minute},     {"minute", minute}, {"minutes", minute}, {"h", hour},      {"hour", hour},
      {"hours", hour},     {"d", day},         {"day", day},        {"days", day},    {"week", 7 * day},
      {"weeks", 7 * day}};
  return units;
}

RlimitValue problem(std::string message) { return {std::nullopt, std::move(message)}; }

}  // namespace

RlimitValue parseRlimitValue(const std::string& resourceAsWritten, const std::string& text) {
  const std::string resource = resourceAsWritten == "ofile" ? "nofile" : resourceAsWritten;
  if (text == "infinity") return {UINT64_MAX, {}};
  std::size_t digits = 0;
  bool negative = !text.empty() && text[0] == '-';
  while (negative + digits < text.size() && std::isdigit(static_cast<unsigned char>(text[negative + digits]))) ++digits;
  if (digits == 0) return problem(fmt::format("'{}' is not a limit: use a number or 'infinity'", text));
  if (digits > 18) return problem(fmt::format("limit '{}' is too large", text));
  long long number = std::stoll(text.substr(0, negative + digits));
  std::string suffix = text.substr(negative + digits);
  Unit unit = unitOf(resource);
  if (unit == Unit::Nice) {
    if (!suffix.empty() || number < -20 || number > 19)
      return problem(fmt::format("nice limit '{}' must be a number from -20 to 19", text));
    return {static_cast<std::uint64_t>(20 + number), {}};  // the kernel stores 20 + the value
  }
  if (negative) return problem(fmt::format("{} limit '{}' cannot be negative", resource, text));
  auto value = static_cast<std::uint64_t>(number);
  if (suffix.empty()) return {value, {}};
  switch (unit) {
    case Unit::Count: return problem(fmt::format("the {} limit is a count and takes no unit ('{}')", resource, text));
    case Unit::Size: {
      auto factor = sizeUnits().find(suffix);
      if (factor == sizeUnits().end())
        return problem(fmt::format("unknown size unit '{}' in '{}': use K, KB, M, MB, G or GB", suffix, text));
      return {value * factor->second, {}};
    }
    case Unit::Time: {
      auto factor = timeUnits().find(suffix);
      if (factor == timeUnits().end())
        return problem(fmt::format("unknown time unit '{}' in '{}': use us, ms, seconds, minutes, hours, days or weeks",
                                   suffix, text));
      std::uint64_t microseconds = value * factor->second;
      if (resource == "rttime") return {microseconds, {}};
      // cpu is counted in whole seconds.
      if (microseconds < 1000000) return problem(fmt::format("the cpu limit '{}' is less than the minimum of 1 second", text));
      return {microseconds / 1000000, {}};
    }
    case Unit::Nice: break;
  }
  return {value, {}};
}

}  // namespace aalint::ir

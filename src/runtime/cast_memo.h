// The answers of dynamic_cast remembered per question: see cached_dynamic_cast.cpp for why it is
// in front of every dynamic_cast of the program. A table of `Slots` places, each question in one
// place by hash, a newer question taking the place of an older one.
//
// Why it is exact: the runtime's answer depends on the object only through its vtable pointer,
// which fixes the object's dynamic type and where the source subobject lies in it; the rest are the
// call's constant arguments. So the answer, as an offset from the source pointer (or "no such
// base"), is kept per (vtable pointer, source type, target type, hint).
#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>

namespace aalint::runtime {

template <std::size_t Slots>
class CastMemo {
  static_assert(Slots > 0 && (Slots & (Slots - 1)) == 0, "a power of two");

public:
  using Cast = void* (*)(const void* source, const void* sourceType, const void* targetType, std::ptrdiff_t hint);

  void* cast(const void* source, const void* sourceType, const void* targetType, std::ptrdiff_t hint, Cast uncached) {
    const void* vtable = *static_cast<const void* const*>(source);
    Answer& answer = answers_[slotOf(vtable, targetType)];
    if (answer.vtable != vtable || answer.targetType != targetType || answer.sourceType != sourceType ||
        answer.hint != hint)
      return ask(answer, vtable, source, sourceType, targetType, hint, uncached);
    return answer.offset != Answer::kNotFound ? const_cast<char*>(static_cast<const char*>(source)) + answer.offset
                                              : nullptr;
  }

private:
  // 32 bytes, so that a table of few places covers the questions a run asks in few pages of each
  // thread's memory. Hints and offsets are small: a question whose are not is not kept.
  struct Answer {
    static constexpr std::int32_t kNotFound = INT32_MIN;
    const void* vtable = nullptr;
    const void* sourceType = nullptr;
    const void* targetType = nullptr;
    std::int32_t hint = 0;
    std::int32_t offset = kNotFound;  // from the source pointer to the result
  };

  // Asks the runtime and keeps the answer in `place`. Apart from cast(), so that a question answered
  // before costs no saving of registers.
  [[gnu::noinline]] static void* ask(Answer& place, const void* vtable, const void* source, const void* sourceType,
                                     const void* targetType, std::ptrdiff_t hint, Cast uncached) {
    void* result = uncached(source, sourceType, targetType, hint);
    const std::ptrdiff_t offset = result ? static_cast<const char*>(result) - static_cast<const char*>(source) : 0;
    auto fits = [](std::ptrdiff_t v) { return v > Answer::kNotFound && v <= INT32_MAX; };
    if (fits(hint) && fits(offset))
      place = {vtable, sourceType, targetType, static_cast<std::int32_t>(hint),
               result ? static_cast<std::int32_t>(offset) : Answer::kNotFound};
    return result;
  }

  static std::size_t slotOf(const void* vtable, const void* targetType) {
    const std::uint64_t mixed =
        (reinterpret_cast<std::uintptr_t>(vtable) ^ reinterpret_cast<std::uintptr_t>(targetType) << 7) *
        0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(mixed >> 32) & (Slots - 1);
  }

  Answer answers_[Slots];
};

}  // namespace aalint::runtime

// Runs work(i) for every i below count on up to `jobs` threads (the calling thread is one of them).
// Each index runs once; which thread runs it is not defined, so results go to slots by index.
#pragma once

#include <cstddef>
#include <functional>

namespace aalint {

void forEachIndex(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work);

}  // namespace aalint

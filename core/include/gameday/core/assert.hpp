// Assertions for programmer errors. They stay on in release builds: a broken invariant in a
// simulator silently corrupts every figure derived from the run, which is worse than a stop.
// Operating errors (bad input, missing files) are values (see diagnostics.hpp), never asserts.
#pragma once

namespace gameday::detail {
[[noreturn]] void assert_failed(const char* expr, const char* file, int line, const char* msg);
}

#define GAMEDAY_ASSERT(expr)                                                \
  do {                                                                      \
    if (!(expr)) [[unlikely]]                                               \
      ::gameday::detail::assert_failed(#expr, __FILE__, __LINE__, nullptr); \
  } while (false)

#define GAMEDAY_ASSERT_MSG(expr, msg)                                     \
  do {                                                                    \
    if (!(expr)) [[unlikely]]                                             \
      ::gameday::detail::assert_failed(#expr, __FILE__, __LINE__, (msg)); \
  } while (false)

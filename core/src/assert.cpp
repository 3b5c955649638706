// Assertion failure reporting: print where and why, then abort.
#include "gameday/core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace gameday::detail {

void assert_failed(const char* expr, const char* file, int line, const char* msg) {
  std::fprintf(stderr, "gameday: internal error: assertion `%s` failed at %s:%d%s%s\n", expr, file,
               line, msg ? ": " : "", msg ? msg : "");
  std::abort();
}

}  // namespace gameday::detail

// Invariant checks for programmer errors. Never reachable from input: bad
// input is reported as a Status or an input issue, never by a failed check.
#ifndef SPARKDX_BASE_CHECK_H_
#define SPARKDX_BASE_CHECK_H_

#include <cstdlib>

namespace sparkdx {
[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);
}  // namespace sparkdx

#define SPARKDX_CHECK(condition)                                   \
  do {                                                             \
    if (!(condition)) ::sparkdx::CheckFailed(#condition, __FILE__, __LINE__); \
  } while (0)

#ifdef NDEBUG
#define SPARKDX_DCHECK(condition) \
  do {                            \
  } while (0)
#else
#define SPARKDX_DCHECK(condition) SPARKDX_CHECK(condition)
#endif

#endif  // SPARKDX_BASE_CHECK_H_

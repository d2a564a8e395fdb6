#include "base/check.h"

#include <cstdio>

namespace sparkdx {

// The one place the core writes to stderr: a broken invariant is a bug in
// sparkdx, and the process is about to abort anyway.
void CheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "sparkdx internal check failed: %s at %s:%d\n", condition, file, line);
  std::abort();
}

}  // namespace sparkdx

// libFuzzer harness over the whole pipeline (see differential_check.h for the
// property checked). Beyond the property, the sanitizers catch memory errors
// and undefined behaviour, and libFuzzer's -timeout catches hangs.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/differential_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string problem = sparkdx::fuzz::CheckOneInput(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    std::abort();
  }
  return 0;
}

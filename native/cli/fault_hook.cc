#include "fault_hook.h"

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace sparkdx::cli {

void MaybeInjectFault() {
  const char* fault = std::getenv("SPARKDX_CLI_FAULT");
  if (fault != nullptr && std::strcmp(fault, "internal") == 0) {
    throw std::runtime_error("fault injected by SPARKDX_CLI_FAULT=internal");
  }
}

}  // namespace sparkdx::cli

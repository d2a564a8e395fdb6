#include "support/test_paths.h"

#include <cstdlib>
#include <filesystem>

namespace sparkdx::testing {

std::string SourceDir() {
#ifdef SPARKDX_SOURCE_DIR
  return SPARKDX_SOURCE_DIR;
#else
  const char* dir = std::getenv("SPARKDX_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
#endif
}

std::string CorpusDir() {
  // SPARKDX_CORPUS_DIR in the environment overrides the default location.
  const char* env = std::getenv("SPARKDX_CORPUS_DIR");
  std::string dir = env != nullptr ? env : SourceDir() + "/../shared/eventlogs";
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) ? dir : "";
}

}  // namespace sparkdx::testing

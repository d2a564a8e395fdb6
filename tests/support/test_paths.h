// Where tests find the repository's files and the shared corpus.
#ifndef SPARKDX_TESTS_SUPPORT_TEST_PATHS_H_
#define SPARKDX_TESTS_SUPPORT_TEST_PATHS_H_

#include <string>

namespace sparkdx::testing {

// The repository root (tests read samples/ from here).
std::string SourceDir();
// ../shared/eventlogs next to the repository, or "" when it does not exist.
std::string CorpusDir();

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_TEST_PATHS_H_

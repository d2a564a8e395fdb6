// AnalyzePath: feeds a file or a directory to an Analyzer the way the CLI
// does (list the files, plan them, feed each in chunks) and finishes it, so
// tests can read both the report and the REST answers.
#ifndef SPARKDX_TESTS_SUPPORT_ANALYZE_PATH_H_
#define SPARKDX_TESTS_SUPPORT_ANALYZE_PATH_H_

#include <cstddef>
#include <filesystem>
#include <memory>

#include "sparkdx/analyzer.h"

namespace sparkdx::testing {

struct AnalyzedPath {
  std::unique_ptr<Analyzer> analyzer;  // finished: Rest() may be called
  AnalysisResult result;
};

// Odd chunk sizes (the default) exercise every boundary the decoders and
// the line framer handle.
AnalyzedPath AnalyzePath(const std::filesystem::path& path, size_t chunk_bytes = 65521,
                         const AnalyzerOptions& options = {});

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_ANALYZE_PATH_H_

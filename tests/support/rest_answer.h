// Helpers for REST tests: analyse an event log given as text, then ask the
// finished analyzer REST paths.
#ifndef SPARKDX_TESTS_SUPPORT_REST_ANSWER_H_
#define SPARKDX_TESTS_SUPPORT_REST_ANSWER_H_

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "sparkdx/analyzer.h"

namespace sparkdx::testing {

// One log (a file named `name`) fed in one piece, finished.
std::unique_ptr<Analyzer> AnalyzeLogText(const std::string& text, const std::string& name = "eventlog");

// The answer at `path`, parsed; a test failure (and null) unless HTTP 200.
nlohmann::json RestJson(const Analyzer& analyzer, const std::string& path);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_REST_ANSWER_H_

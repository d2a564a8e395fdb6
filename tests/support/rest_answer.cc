#include "support/rest_answer.h"

#include <gtest/gtest.h>

namespace sparkdx::testing {

std::unique_ptr<Analyzer> AnalyzeLogText(const std::string& text, const std::string& name) {
  auto analyzer = std::make_unique<Analyzer>();
  analyzer->BeginFile(name, text.size());
  analyzer->Feed(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  analyzer->EndFile();
  analyzer->Finish();
  return analyzer;
}

nlohmann::json RestJson(const Analyzer& analyzer, const std::string& path) {
  RestResponse response = analyzer.Rest(path);
  EXPECT_EQ(response.http_status, 200) << path << ": " << response.error;
  if (response.http_status != 200) return nullptr;
  return nlohmann::json::parse(response.body);
}

}  // namespace sparkdx::testing

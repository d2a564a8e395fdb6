// Diagnosis over every real log of ../shared/eventlogs: the wall-clock
// breakdown of every application, job and SQL execution sums to its
// duration; every finding is complete (rule id, severity, category, entity,
// evidence with units, an explanation quoting numbers, a recommendation,
// an impact estimate, a confidence); every rule either ran or said why not.
// Prints the findings per log, the raw material of docs/evaluation.md.
// Skipped with a message when ../shared is absent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "support/analyze_path.h"
#include "support/corpus_cases.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

int64_t SumParts(const Json& parts) {
  int64_t sum = 0;
  if (parts.is_array()) {
    for (const Json& p : parts) sum += p["ms"].get<int64_t>();
  } else {
    for (const auto& [key, ms] : parts.items()) sum += ms.get<int64_t>();
  }
  return sum;
}

bool HasDigit(const std::string& text) { return text.find_first_of("0123456789") != std::string::npos; }

void ExpectCompleteFinding(const Json& f) {
  for (const char* key : {"rule_id", "severity", "category", "entity", "cause", "evidence", "explanation",
                          "recommendation", "impact", "confidence"}) {
    EXPECT_TRUE(f.contains(key)) << key;
  }
  EXPECT_TRUE(std::set<std::string>({"info", "warning", "critical"}).count(f["severity"].get<std::string>()));
  EXPECT_TRUE(std::set<std::string>({"resource_configuration", "data_distribution", "algorithmic"})
                  .count(f["category"].get<std::string>()));
  EXPECT_FALSE(f["evidence"].empty()) << f["rule_id"];
  for (const Json& e : f["evidence"]) EXPECT_FALSE(e["unit"].get<std::string>().empty());
  EXPECT_TRUE(HasDigit(f["explanation"].get<std::string>())) << f["rule_id"] << ": no number quoted";
  EXPECT_FALSE(f["recommendation"].empty()) << f["rule_id"];
  EXPECT_FALSE(f["impact"]["estimate"].get<std::string>().empty()) << f["rule_id"];
}

TEST(DiagnosisCorpusTest, BreakdownsSumAndFindingsAreComplete) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: diagnosis corpus test skipped";
  int applications = 0, findings = 0;
  std::map<std::string, int> by_rule;
  for (const testing::CorpusCase& c : testing::CorpusCases(corpus)) {
    SCOPED_TRACE(c.name);
    testing::AnalyzedPath analysed = testing::AnalyzePath(c.path);
    Json report = Json::parse(analysed.result.report_json);
    for (const Json& app : report["applications"]) {
      ++applications;
      const Json& b = app["breakdown"];
      ASSERT_TRUE(b.is_object());
      int64_t wall = b["wall_clock_ms"].get<int64_t>();
      EXPECT_EQ(SumParts(b["parts"]), wall);
      double shares = 0;
      for (const Json& p : b["parts"]) shares += p["share"].get<double>();
      if (wall > 0) EXPECT_NEAR(shares, 1.0, 0.01);
      for (const char* scope : {"jobs", "sql"}) {
        for (const Json& j : b[scope]) EXPECT_EQ(SumParts(j["parts"]), j["wall_clock_ms"].get<int64_t>()) << scope;
      }
      size_t checks = app["checks_passed"].size() + app["checks_not_run"].size();
      std::set<std::string> fired;
      std::string line;
      for (const Json& f : app["findings"]) {
        ExpectCompleteFinding(f);
        fired.insert(f["rule_id"].get<std::string>());
        ++by_rule[f["rule_id"].get<std::string>()];
        ++findings;
        line += " " + f["rule_id"].get<std::string>() + "(" + f["severity"].get<std::string>() + ")";
      }
      // Every rule is accounted for once: passed, not run, or fired.
      for (const Json& id : app["checks_passed"]) EXPECT_EQ(fired.count(id.get<std::string>()), 0u);
      EXPECT_GT(checks + fired.size(), 0u);
      std::printf("%-90s%s\n", c.name.c_str(), line.empty() ? " (no findings)" : line.c_str());
    }
  }
  std::printf("diagnosis: %d applications, %d findings\n", applications, findings);
  for (const auto& [rule, n] : by_rule) std::printf("  %-36s %d\n", rule.c_str(), n);
  EXPECT_GT(applications, 0);
}

}  // namespace
}  // namespace sparkdx

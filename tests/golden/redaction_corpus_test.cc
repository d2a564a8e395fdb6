// --redact on every real log of ../shared/eventlogs (skipped with a message
// when that folder is absent): identifying strings found in the raw events
// by a scan of their own (not the redactor's code) must not appear in the
// redacted report in any format (JSON, text, Markdown, HTML).
//
// What the scan takes from the decoded lines:
//   - the string values of "Host", "App Name", "App ID" and "User" fields
//     (task, executor and block manager hosts; the application; its user);
//   - IPv4 addresses anywhere in the text;
//   - values of Spark, Hadoop, system and metrics properties whose key
//     matches Spark's own default spark.redaction.regex
//     ((?i)secret|password|token|access[.]key), and the user.name property;
//   - <name> of /user/<name>/ paths.
// Exclusions, so the check means "this input's data leaked" and not "a
// common word appears": values shorter than 4 bytes, values made only of
// digits, "true"/"false", the log's own "Spark Version" strings (a
// four-part version such as 3.1.1.119 reads as an IPv4 address; the
// report keeps spark_version), and the generic words of kGenericWords below
// (the redactor replaces those only where a whole field equals them,
// docs/redaction.md).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "report/html/html_page.h"
#include "sparkdx/analyzer.h"
#include "support/file_bytes.h"
#include "support/analyze_path.h"
#include "support/corpus_cases.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const char* const kGenericWords[] = {"localhost", "driver", "executor", "spark", "root", "hadoop", "yarn", "hive",
                                     "hdfs", "user", "users", "admin", "default", "ubuntu", "local", "null", "none",
                                     "unknown", "test", "main", "master", "worker", "home", "data", "jobs"};

bool Kept(const std::string& value) {
  if (value.size() < 4 || value == "true" || value == "false") return false;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  std::string lower = value;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : kGenericWords) {
    if (lower == word) return false;
  }
  return true;
}

// Spark's default spark.redaction.regex, (?i)secret|password|token|access[.]key.
bool SparkRedactsKey(const std::string& key) {
  std::string lower = key;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("secret") != std::string::npos || lower.find("password") != std::string::npos ||
         lower.find("token") != std::string::npos || lower.find("access.key") != std::string::npos;
}

// Every JSON string value of `"<field>":"..."` in `text`, unescaped.
void StringFields(const std::string& text, const std::string& field, std::set<std::string>* out) {
  const std::string needle = "\"" + field + "\":\"";
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    size_t start = pos + needle.size() - 1;  // the opening quote
    size_t end = start + 1;
    while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    Json value = Json::parse(text.substr(start, end + 1 - start), nullptr, false);
    if (value.is_string()) out->insert(value.get<std::string>());
  }
}

void Ipv4Addresses(const std::string& text, std::set<std::string>* out) {
  auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  for (size_t i = 0; i < text.size(); ++i) {
    if (!digit(i) || (i > 0 && (digit(i - 1) || text[i - 1] == '.'))) continue;
    size_t j = i;
    int groups = 0;
    bool ok = true;
    while (groups < 4) {
      size_t start = j;
      while (digit(j) && j - start < 4) ++j;
      if (j == start || j - start > 3 || std::stoi(text.substr(start, j - start)) > 255) {
        ok = false;
        break;
      }
      if (++groups < 4) {
        if (j >= text.size() || text[j] != '.') {
          ok = false;
          break;
        }
        ++j;
      }
    }
    if (ok && !digit(j) && !(j < text.size() && text[j] == '.' && digit(j + 1))) out->insert(text.substr(i, j - i));
    i = j > i ? j - 1 : i;
  }
}

void UserPathNames(const std::string& text, std::set<std::string>* out) {
  for (size_t pos = text.find("/user/"); pos != std::string::npos; pos = text.find("/user/", pos + 1)) {
    size_t start = pos + 6, end = start;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                                 text[end] == '-' || text[end] == '.')) {
      ++end;
    }
    if (end < text.size() && text[end] == '/') out->insert(text.substr(start, end - start));
  }
}

// Properties of SparkListenerEnvironmentUpdate lines (sections are objects
// in Spark 3+, arrays of pairs before).
void EnvironmentValues(const std::string& line, std::set<std::string>* out) {
  Json event = Json::parse(line, nullptr, false);
  if (!event.is_object()) return;
  for (const char* section : {"Spark Properties", "Hadoop Properties", "System Properties", "Metrics Properties"}) {
    if (!event.contains(section)) continue;
    auto take = [&](const std::string& key, const Json& value) {
      if (!value.is_string()) return;
      if (SparkRedactsKey(key) || key == "user.name") out->insert(value.get<std::string>());
    };
    const Json& entries = event[section];
    if (entries.is_object()) {
      for (const auto& [key, value] : entries.items()) take(key, value);
    } else if (entries.is_array()) {
      for (const Json& pair : entries) {
        if (pair.is_array() && pair.size() == 2 && pair[0].is_string()) take(pair[0].get<std::string>(), pair[1]);
      }
    }
  }
}

std::set<std::string> SensitiveValues(const std::vector<fs::path>& files) {
  std::set<std::string> found, versions;
  for (const fs::path& file : files) {
    const std::string text = testing::DecodeWithLibraries(file);
    StringFields(text, "Spark Version", &versions);
    for (const char* field : {"Host", "App Name", "App ID", "User"}) StringFields(text, field, &found);
    Ipv4Addresses(text, &found);
    UserPathNames(text, &found);
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (text.substr(start, std::min<size_t>(200, end - start)).find("SparkListenerEnvironmentUpdate") !=
          std::string::npos) {
        EnvironmentValues(text.substr(start, end - start), &found);
      }
      start = end + 1;
    }
  }
  std::set<std::string> kept;
  for (const std::string& value : found) {
    if (Kept(value) && versions.count(value) == 0) kept.insert(value);
  }
  return kept;
}

TEST(RedactionCorpus, NoIdentifyingValueSurvivesInAnyFormat) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: redaction corpus test skipped";
  AnalyzerOptions options;
  options.redact = true;
  size_t cases = 0, values_checked = 0;
  for (const testing::CorpusCase& c : testing::CorpusCases(corpus)) {
    const std::set<std::string> sensitive = SensitiveValues(c.files);
    const std::string report = testing::AnalyzePath(c.path, 65521, options).result.report_json;
    ASSERT_NE(report.find("\"redacted\":true"), std::string::npos) << c.name;
    ++cases;
    values_checked += sensitive.size();
    for (ReportFormat format :
         {ReportFormat::kJson, ReportFormat::kText, ReportFormat::kMarkdown, ReportFormat::kHtml}) {
      const std::string out = FormatReport(report, format, FormatOptions{});
      for (const std::string& value : sensitive) {
        EXPECT_EQ(out.find(value), std::string::npos)
            << c.name << ": \"" << value << "\" in format " << static_cast<int>(format) << " near: "
            << out.substr(out.find(value) > 80 ? out.find(value) - 80 : 0, 200);
        if (format == ReportFormat::kHtml) EXPECT_EQ(out.find(html::Escape(value)), std::string::npos) << value;
      }
    }
  }
  std::printf("redaction: %zu corpus logs, %zu identifying values checked in 4 formats\n", cases, values_checked);
}

}  // namespace
}  // namespace sparkdx

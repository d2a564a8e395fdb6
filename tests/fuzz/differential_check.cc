#include "fuzz/differential_check.h"

#include <nlohmann/json.hpp>

#include "sparkdx/analyzer.h"

namespace sparkdx::fuzz {
namespace {

using Json = nlohmann::json;

const char* const kNames[] = {"app", "app.zstd", "app.lz4", "app.snappy", "app.lzf", "app.gz", "logs.zip", "app.inprogress"};

Json Analyze(const std::string& name, const uint8_t* data, size_t size, size_t chunk) {
  AnalyzerOptions options;
  options.max_line_bytes = 1u << 20;  // keep memory small while fuzzing
  options.max_decoded_bytes = 64u << 20;
  Analyzer analyzer(options);
  analyzer.BeginFile(name, size);
  for (size_t offset = 0; offset < size; offset += chunk) {
    size_t n = chunk < size - offset ? chunk : size - offset;
    if (!analyzer.Feed(data + offset, n)) break;
  }
  analyzer.EndFile();
  AnalysisResult result = analyzer.Finish();
  (void)FormatReport(result.report_json, ReportFormat::kText);  // the renderer must cope with any report
  return Json::parse(result.report_json);
}

Json WithoutStoppedBytesRead(Json report) {
  for (Json& input : report["inputs"]) {
    if (input["status"] != "ok") input.erase("bytes_read");
  }
  return report;
}

}  // namespace

std::string CheckOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return "";
  std::string name = kNames[data[0] % 8];
  size_t chunk = 1 + (static_cast<size_t>(data[1]) * 131) % 4099;
  data += 2;
  size -= 2;
  Json whole = Analyze(name, data, size, size > 0 ? size : 1);
  Json split = Analyze(name, data, size, chunk);
  const Json& a = whole["accounting"];
  if (a["lines"].get<uint64_t>() !=
      a["events"].get<uint64_t>() + a["blank_lines"].get<uint64_t>() + a["malformed_lines"].get<uint64_t>()) {
    return "line accounting does not balance: " + a.dump();
  }
  if (WithoutStoppedBytesRead(whole) != WithoutStoppedBytesRead(split)) {
    return "reports differ between one piece and " + std::to_string(chunk) + "-byte pieces:\n" + whole.dump() +
           "\n" + split.dump();
  }
  return "";
}

}  // namespace sparkdx::fuzz

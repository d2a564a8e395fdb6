// sparkdx's core API: push the bytes of Spark event logs in, get one
// versioned JSON report out. The core never reads files, prints, exits or
// reads the environment; shells (the CLI, the WebAssembly worker) do I/O.
//
//   sparkdx::Analyzer analyzer;
//   sparkdx::InputPlan plan = sparkdx::PlanInputs(files);   // see input_plan.h
//   for (const auto& log : plan.logs) {
//     analyzer.BeginLog(log);
//     for (const auto& file : log.files) {
//       analyzer.BeginFile(file.path, file.size_bytes);
//       while (n = read(...)) if (!analyzer.Feed(bytes, n)) break;   // or FeedBuffer/CommitFeed
//       analyzer.EndFile();
//     }
//     analyzer.EndLog();
//   }
//   analyzer.AddSkippedFiles(plan.skipped);
//   sparkdx::AnalysisResult result = analyzer.Finish();   // result.report_json
//
// Bytes may be pushed in chunks of any size; the result does not depend on
// how the input was split. Zip archives are recognised by content and
// unpacked as they stream (several attempts give several applications).
// Every failure is recorded in the report with the input's name and byte
// offset; what was decoded before it is still analysed.
#ifndef SPARKDX_ANALYZER_H_
#define SPARKDX_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sparkdx/input_plan.h"
#include "sparkdx/options.h"

namespace sparkdx {

inline constexpr int kReportSchemaVersion = 1;
const char* Version();  // "0.1.0"

struct AnalysisProgress {
  uint64_t bytes_read = 0;     // raw bytes pushed so far, all files
  uint64_t bytes_expected = 0; // sum of the sizes announced to BeginFile (0 when unknown)
  uint64_t bytes_decoded = 0;  // after decompression
  uint64_t lines = 0;
  uint64_t events = 0;
};

struct AnalysisResult {
  std::string report_json;  // compact JSON; see docs/report.md
  int files_ok = 0;
  int files_partial = 0;
  int files_error = 0;
  int applications = 0;
  uint64_t tasks = 0;              // task attempts kept in the model
  uint64_t task_store_bytes = 0;   // memory holding their records (for benchmarks)
  uint64_t task_bytes = 0;         // all memory kept per task: records, messages, accumulators, index sets
};

// An answer of the History Server's REST API (Analyzer::Rest).
struct RestResponse {
  int http_status = 200;  // 200; 400 for a bad query parameter; 404 for an unknown path, app, job, stage...
  std::string body;       // on 200: the JSON Spark sends, laid out the way Spark's Jackson writer does
  std::string error;      // otherwise: what was wrong, naming the path or parameter
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Starts a log (one application attempt) as planned by PlanInputs. Files
  // begun outside BeginLog/EndLog each form a log of their own.
  void BeginLog(const PlannedLog& log);
  void EndLog();

  // `path` names the file in the report and decides its role by Spark's
  // naming rules; `size_bytes` is its size when known (0 for stdin), used
  // only for progress (bytes_expected).
  void BeginFile(std::string_view path, uint64_t size_bytes);
  // Pushes the next bytes of the current file. Returns false once the file
  // needs no more bytes (fatal error, limit, not an event log): stop reading.
  bool Feed(const uint8_t* data, size_t size);
  // Zero-copy variant: fill FeedBuffer(n)[0, m) with m <= n, then CommitFeed(m).
  uint8_t* FeedBuffer(size_t size);
  bool CommitFeed(size_t size);
  // The shell could not read the current file (I/O error): recorded, file ends.
  void FailFile(std::string_view message);
  void EndFile();

  // Files of the input that belong to no log (hidden files, stray markers).
  void AddSkippedFiles(const std::vector<SkippedFile>& skipped);

  AnalysisProgress progress() const;
  // Ends the analysis (closing an open file or log) and returns the report.
  AnalysisResult Finish();

  // After Finish(): what Spark's History Server answers at GET
  // /api/v1/<path> for the logs analysed (each log is one application
  // attempt), e.g. "applications/app-1/stages?status=complete". The routes
  // are listed in docs/rest.md.
  RestResponse Rest(std::string_view path) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The REST routes Analyzer::Rest answers, for help text:
// "applications", "applications/{app-id}", ..., "applications/{app-id}[/{attempt-id}]/jobs", ...
std::vector<std::string> RestRouteList();

// kHtml is one self-contained page (inline styles, no script, nothing
// fetched) that looks like the web page; it opens offline from a file.
enum class ReportFormat { kJson, kJsonCompact, kText, kMarkdown, kHtml };

struct FormatOptions {
  // Text only: ANSI colours for headings, severities and a breakdown bar.
  // Shells ask for it on a terminal unless NO_COLOR is set (no-color.org).
  bool ansi_color = false;
};

// Renders a report produced by Finish() in the given format. Renderers read
// only the JSON document, so the web page and the CLI show the same thing.
std::string FormatReport(const std::string& report_json, ReportFormat format);
std::string FormatReport(const std::string& report_json, ReportFormat format, const FormatOptions& options);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYZER_H_

// The JavaScript surface of the core (Embind). The only file that includes
// emscripten/bind.h; it converts between JS values and the core's types and
// does nothing else (no JSON parsing, no analysis).
//
//   const mod = await createSparkdx({ wasmBinary });
//   mod.version()                                   // "0.1.0"
//   const plan = mod.planInputs([{path, size}, ...]);
//     // {logs: [{name, layout, files: [{path, size}], inProgress, sparkVersionHint, notes}],
//     //  skipped: [{path, reason}]}
//   const a = new mod.Analyzer({maxDecodedBytes, maxExpansionRatio, maxLineBytes});  // keys optional
//   a.beginLog(plan.logs[i]); a.beginFile(path, size /* optional, 0 = unknown */); a.feed(u8) -> bool;
//   a.failFile(msg); a.endFile(); a.endLog(); a.addSkippedFiles(plan.skipped);
//   a.progress() -> {bytesRead, bytesExpected, bytesDecoded, lines, events}
//   a.finish() -> {reportJson, filesOk, filesPartial, filesError, applications, tasks, taskStoreBytes, taskBytes}
//   a.rest('applications/<id>/stages?status=failed') -> {status, body, error}   // after finish();
//     // what Spark's History Server answers at /api/v1/<path>: status 200 with the JSON body, else 400/404 and error
//   a.delete();
//   mod.formatReport(reportJson, 'text' | 'json' | 'json-compact' | 'markdown' | 'html') -> string
//     // html: one self-contained page (inline styles, no script), for "save report"
//   new mod.Analyzer({..., redact: true}): the report with names, hosts, paths and
//     // secrets replaced by pseudonyms (docs/redaction.md)
//
// Loading: the node build (sparkdx-node.cjs) exports the factory itself
// (require(path), not .default); pass {wasmBinary} in node. The web build
// (sparkdx.mjs) is an ES6 module whose default export is the factory.
//
// 64-bit counts cross as JS numbers (exact up to 2^53); sizes and options
// also accept BigInt. Argument errors (a wrong type, an unknown layout or
// format) throw a JS TypeError; nothing is changed in the analyzer then, but
// the strings already converted for that call are not freed (a few bytes).
// feed() copies at most 4 MiB per TypedArray.set and hands each slice to the
// core, so the feed buffer stays small however large the pushed array is.
// Running out of memory (the heap is capped at 4 GB) aborts the module: the
// call throws a RuntimeError and the module must be discarded.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sparkdx/analyzer.h"
#include "sparkdx/input_plan.h"
#include "sparkdx/options.h"

namespace sparkdx::wasm {
namespace {

using emscripten::val;

// Large pushes are copied in slices so the feed buffer stays this small.
constexpr size_t kFeedSliceBytes = 4u << 20;

[[noreturn]] void ThrowTypeError(const std::string& message) {
  val::global("TypeError").new_(val("sparkdx: " + message)).throw_();
}

bool IsObject(const val& value) { return !value.isNull() && value.typeOf().as<std::string>() == "object"; }

bool Present(const val& object, const char* key) {
  if (object.isUndefined() || object.isNull()) return false;
  val value = object[key];
  return !value.isUndefined() && !value.isNull();
}

std::string StringField(const val& object, const char* key) {
  if (!Present(object, key)) return std::string();
  val value = object[key];
  if (!value.isString()) ThrowTypeError(std::string(key) + " must be a string");
  return value.as<std::string>();
}

// A non-negative integer given as a number or a BigInt; `fallback` when absent.
uint64_t CountValue(const val& value, const char* what, uint64_t fallback) {
  if (value.isUndefined() || value.isNull()) return fallback;
  if (value.isNumber()) {
    double number = value.as<double>();
    if (!(number >= 0) || std::isinf(number)) ThrowTypeError(std::string(what) + " must be a non-negative number");
    if (number >= 18446744073709551615.0) return UINT64_MAX;
    return static_cast<uint64_t>(number);
  }
  if (value.typeOf().as<std::string>() == "bigint") {
    // BigInt -> decimal string -> integer, without needing WASM_BIGINT.
    std::string digits = value.call<std::string>("toString");
    if (digits.empty() || digits[0] == '-') ThrowTypeError(std::string(what) + " must be non-negative");
    uint64_t result = 0;
    for (char c : digits) {
      uint64_t next = result * 10 + static_cast<uint64_t>(c - '0');
      if (next / 10 != result) return UINT64_MAX;
      result = next;
    }
    return result;
  }
  ThrowTypeError(std::string(what) + " must be a number");
}

uint64_t CountField(const val& object, const char* key, uint64_t fallback) {
  if (!Present(object, key)) return fallback;
  return CountValue(object[key], key, fallback);
}

double Number(uint64_t value) { return static_cast<double>(value); }

std::vector<val> ArrayElements(const val& array, const char* what) {
  std::vector<val> elements;
  if (array.isUndefined() || array.isNull()) return elements;
  if (!array.isArray()) ThrowTypeError(std::string(what) + " must be an array");
  const size_t n = array["length"].as<size_t>();
  elements.reserve(n);
  for (size_t i = 0; i < n; ++i) elements.push_back(array[i]);
  return elements;
}

// --- core types <-> JS objects ---

std::vector<InputFile> InputFilesFromJs(const val& array, const char* what) {
  std::vector<InputFile> files;
  for (const val& element : ArrayElements(array, what)) {
    InputFile file;
    file.path = StringField(element, "path");
    file.size_bytes = CountField(element, "size", 0);
    files.push_back(std::move(file));
  }
  return files;
}

val InputFilesToJs(const std::vector<InputFile>& files) {
  val array = val::array();
  for (size_t i = 0; i < files.size(); ++i) {
    val file = val::object();
    file.set("path", files[i].path);
    file.set("size", Number(files[i].size_bytes));
    array.set(i, file);
  }
  return array;
}

val StringsToJs(const std::vector<std::string>& strings) {
  val array = val::array();
  for (size_t i = 0; i < strings.size(); ++i) array.set(i, strings[i]);
  return array;
}

LogLayout LayoutFromName(const std::string& name) {
  for (LogLayout layout : {LogLayout::kSingleFile, LogLayout::kRolling, LogLayout::kDatabricks, LogLayout::kLegacy}) {
    if (name == LogLayoutName(layout)) return layout;
  }
  ThrowTypeError("unknown layout '" + name + "' (single_file, rolling, databricks or legacy)");
}

val PlannedLogToJs(const PlannedLog& log) {
  val object = val::object();
  object.set("name", log.name);
  object.set("layout", std::string(LogLayoutName(log.layout)));
  object.set("files", InputFilesToJs(log.files));
  object.set("inProgress", log.in_progress);
  object.set("sparkVersionHint", log.spark_version_hint);
  object.set("notes", StringsToJs(log.notes));
  return object;
}

PlannedLog PlannedLogFromJs(const val& object) {
  if (!IsObject(object)) ThrowTypeError("beginLog needs a planned log object (an element of planInputs().logs)");
  PlannedLog log;
  log.name = StringField(object, "name");
  if (Present(object, "layout")) log.layout = LayoutFromName(StringField(object, "layout"));
  log.files = InputFilesFromJs(object["files"], "files");
  log.in_progress = Present(object, "inProgress") && object["inProgress"].as<bool>();
  log.spark_version_hint = StringField(object, "sparkVersionHint");
  for (const val& note : ArrayElements(object["notes"], "notes")) {
    if (!note.isString()) ThrowTypeError("notes must be strings");
    log.notes.push_back(note.as<std::string>());
  }
  return log;
}

// --- the module's functions ---

std::string VersionJs() { return Version(); }

val PlanInputsJs(const val& files) {
  InputPlan plan = PlanInputs(InputFilesFromJs(files, "planInputs' argument"));
  val logs = val::array();
  for (size_t i = 0; i < plan.logs.size(); ++i) logs.set(i, PlannedLogToJs(plan.logs[i]));
  val skipped = val::array();
  for (size_t i = 0; i < plan.skipped.size(); ++i) {
    val file = val::object();
    file.set("path", plan.skipped[i].path);
    file.set("reason", plan.skipped[i].reason);
    skipped.set(i, file);
  }
  val result = val::object();
  result.set("logs", logs);
  result.set("skipped", skipped);
  return result;
}

std::string FormatReportJs(const std::string& report_json, const std::string& format) {
  ReportFormat report_format;
  if (format == "text") {
    report_format = ReportFormat::kText;
  } else if (format == "json") {
    report_format = ReportFormat::kJson;
  } else if (format == "json-compact") {
    report_format = ReportFormat::kJsonCompact;
  } else if (format == "markdown") {
    report_format = ReportFormat::kMarkdown;
  } else if (format == "html") {
    report_format = ReportFormat::kHtml;
  } else {
    ThrowTypeError("unknown report format '" + format + "' (text, json, json-compact, markdown or html)");
  }
  return FormatReport(report_json, report_format);
}

AnalyzerOptions OptionsFromJs(const val& object) {
  AnalyzerOptions options;
  if (object.isUndefined() || object.isNull()) return options;
  if (!IsObject(object)) ThrowTypeError("Analyzer options must be an object");
  options.max_decoded_bytes = CountField(object, "maxDecodedBytes", options.max_decoded_bytes);
  uint64_t ratio = CountField(object, "maxExpansionRatio", options.max_expansion_ratio);
  if (ratio > UINT32_MAX) ThrowTypeError("maxExpansionRatio is too large");
  options.max_expansion_ratio = static_cast<uint32_t>(ratio);
  options.max_line_bytes = CountField(object, "maxLineBytes", options.max_line_bytes);
  if (options.max_line_bytes == 0) ThrowTypeError("maxLineBytes must be positive");
  options.max_zip_reorder_bytes = CountField(object, "maxZipReorderBytes", options.max_zip_reorder_bytes);
  if (Present(object, "redact")) {
    val redact = object["redact"];
    if (!redact.isTrue() && !redact.isFalse()) ThrowTypeError("redact must be a boolean");
    options.redact = redact.isTrue();
  }
  return options;
}

// The Analyzer as JS sees it: the core's Analyzer plus conversions.
class JsAnalyzer {
 public:
  JsAnalyzer() = default;
  explicit JsAnalyzer(const val& options) : analyzer_(OptionsFromJs(options)) {}

  void BeginLog(const val& planned) { analyzer_.BeginLog(PlannedLogFromJs(planned)); }
  void EndLog() { analyzer_.EndLog(); }
  void BeginFile(const std::string& path, const val& size) { analyzer_.BeginFile(path, CountValue(size, "size", 0)); }
  void BeginFileWithoutSize(const std::string& path) { analyzer_.BeginFile(path, 0); }

  // One JS call copies each slice (TypedArray.set) straight into the core's
  // feed buffer. The view is made after FeedBuffer, which may grow memory.
  bool Feed(const val& bytes) {
    if (!bytes.instanceof(val::global("Uint8Array"))) ThrowTypeError("feed needs a Uint8Array");
    const size_t total = bytes["length"].as<size_t>();
    if (total <= kFeedSliceBytes) return FeedSlice(bytes, total);
    for (size_t offset = 0; offset < total; offset += kFeedSliceBytes) {
      size_t n = total - offset < kFeedSliceBytes ? total - offset : kFeedSliceBytes;
      if (!FeedSlice(bytes.call<val>("subarray", offset, offset + n), n)) return false;
    }
    return true;
  }

  void FailFile(const std::string& message) { analyzer_.FailFile(message); }
  void EndFile() { analyzer_.EndFile(); }
  void AddSkippedFiles(const val& skipped) {
    std::vector<SkippedFile> files;
    for (const val& element : ArrayElements(skipped, "addSkippedFiles' argument")) {
      files.push_back({StringField(element, "path"), StringField(element, "reason")});
    }
    analyzer_.AddSkippedFiles(files);
  }

  val Progress() const {
    AnalysisProgress progress = analyzer_.progress();
    val object = val::object();
    object.set("bytesRead", Number(progress.bytes_read));
    object.set("bytesExpected", Number(progress.bytes_expected));
    object.set("bytesDecoded", Number(progress.bytes_decoded));
    object.set("lines", Number(progress.lines));
    object.set("events", Number(progress.events));
    return object;
  }

  val Rest(const std::string& path) const {
    RestResponse response = analyzer_.Rest(path);
    val object = val::object();
    object.set("status", response.http_status);
    object.set("body", response.body);
    object.set("error", response.error);
    return object;
  }

  val Finish() {
    AnalysisResult result = analyzer_.Finish();
    val object = val::object();
    object.set("reportJson", result.report_json);
    object.set("filesOk", result.files_ok);
    object.set("filesPartial", result.files_partial);
    object.set("filesError", result.files_error);
    object.set("applications", result.applications);
    object.set("tasks", Number(result.tasks));
    object.set("taskStoreBytes", Number(result.task_store_bytes));
    object.set("taskBytes", Number(result.task_bytes));
    return object;
  }

 private:
  bool FeedSlice(const val& bytes, size_t n) {
    uint8_t* buffer = analyzer_.FeedBuffer(n);
    if (n > 0) val(emscripten::typed_memory_view(n, buffer)).call<void>("set", bytes);
    return analyzer_.CommitFeed(n);
  }

  Analyzer analyzer_;
};

}  // namespace
}  // namespace sparkdx::wasm

EMSCRIPTEN_BINDINGS(sparkdx) {
  using namespace sparkdx::wasm;
  emscripten::function("version", &VersionJs);
  emscripten::function("planInputs", &PlanInputsJs);
  emscripten::function("formatReport", &FormatReportJs);
  emscripten::class_<JsAnalyzer>("Analyzer")
      .constructor<>()
      .constructor<const emscripten::val&>()
      .function("beginLog", &JsAnalyzer::BeginLog)
      .function("endLog", &JsAnalyzer::EndLog)
      .function("beginFile", &JsAnalyzer::BeginFile)
      .function("beginFile", &JsAnalyzer::BeginFileWithoutSize)
      .function("feed", &JsAnalyzer::Feed)
      .function("failFile", &JsAnalyzer::FailFile)
      .function("endFile", &JsAnalyzer::EndFile)
      .function("addSkippedFiles", &JsAnalyzer::AddSkippedFiles)
      .function("progress", &JsAnalyzer::Progress)
      .function("finish", &JsAnalyzer::Finish)
      .function("rest", &JsAnalyzer::Rest);
}

#include "sparkdx/analyzer.h"

#include <simdjson.h>

#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/log_state.h"
#include "analyzer/zip_unpacker.h"
#include "base/check.h"
#include "base/iso_time.h"
#include "base/padded_buffer.h"
#include "input/file_pipeline.h"
#include "issues/issue_log.h"
#include "redact/redact_report.h"
#include "report/report_builder.h"
#include "report/rest/rest_api.h"

namespace sparkdx {
namespace {

// "2 jobs, 3 stage attempts and 41 tasks have no end event; they are
// reported as running up to the log's last event (<time>)", naming only
// the non-zero counts.
std::string WorkNotEndedMessage(const std::string& log_name, const OpenAtEndCounts& open, int64_t last_event_ms) {
  struct Part {
    int64_t count;
    const char* one;
    const char* many;
  };
  const Part all[] = {{open.jobs, "job", "jobs"},
                      {open.stage_attempts, "stage attempt", "stage attempts"},
                      {open.tasks, "task", "tasks"}};
  std::vector<std::string> parts;
  int64_t total = 0;
  for (const Part& part : all) {
    if (part.count <= 0) continue;
    parts.push_back(std::to_string(part.count) + " " + (part.count == 1 ? part.one : part.many));
    total += part.count;
  }
  std::string list;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) list += i + 1 == parts.size() ? " and " : ", ";
    list += parts[i];
  }
  bool single = total == 1;
  std::string message = log_name + ": " + list + (single ? " has" : " have") + " no end event; " +
                        (single ? "it is" : "they are") + " reported as running up to the log's last event";
  if (last_event_ms >= 0) message += " (" + FormatIsoTimestampMs(last_event_ms) + ")";
  return message;
}

}  // namespace

const char* Version() { return "0.1.0"; }

class Analyzer::Impl : public LogHost {
 public:
  explicit Impl(AnalyzerOptions options) : options_(options) {}

  // --- the shell-facing flow ---
  void BeginLog(const PlannedLog& planned) {
    EndFile();
    EndLog();
    user_log_ = NewLog(planned);
    user_log_explicit_ = true;
  }

  void EndLog() {
    EndFile();
    if (user_log_ != nullptr) CloseLogState(user_log_);
    user_log_ = nullptr;
    user_log_explicit_ = false;
  }

  void BeginFile(std::string_view path, uint64_t size_bytes) {
    EndFile();
    if (user_log_ == nullptr) {
      PlannedLog planned;
      planned.name = std::string(path);
      user_log_ = NewLog(planned);
      user_log_explicit_ = false;
    }
    size_t index = NewInput(std::string(path), user_log_);
    inputs_[index].size_hint = size_bytes;
    // The unpacker only acts if the file turns out to be a zip archive.
    unpacker_ = std::make_unique<ZipUnpacker>(std::string(path), this, options_.max_zip_reorder_bytes);
    file_ = std::make_unique<FilePipeline>(options_, &parser_, &user_log_->listener, &issues_, &inputs_[index],
                                           unpacker_.get());
    unpacker_->set_archive(file_.get());
    file_index_ = index;
  }

  bool Feed(const uint8_t* data, size_t size) {
    if (!file_) return false;
    return file_->Feed(data, size);
  }

  uint8_t* FeedBuffer(size_t size) {
    if (feed_buffer_.capacity() < size) {
      feed_buffer_ = PaddedBuffer();
      feed_buffer_.Reserve(size);
    }
    return feed_buffer_.data();
  }

  bool CommitFeed(size_t size) {
    SPARKDX_CHECK(size <= feed_buffer_.capacity());
    return Feed(feed_buffer_.data(), size);
  }

  bool FeedCopy(const uint8_t* data, size_t size) {
    // Copy in the shells' piece size, so the padded buffer stays small for
    // huge pushes and results match what the shells produce.
    while (size > 0) {
      size_t n = size < kFeedChunkBytes ? size : kFeedChunkBytes;
      std::memcpy(FeedBuffer(n), data, n);
      if (!CommitFeed(n)) return false;
      data += n;
      size -= n;
    }
    return file_ != nullptr && !file_->stopped();
  }

  void FailFile(std::string_view message) {
    if (file_) file_->FailRead(std::string(message));
    EndFile();
  }

  void EndFile() {
    if (!file_) return;
    file_->Finish();
    unpacker_->Finish();
    InputRecord& record = inputs_[file_index_];
    if (file_->is_zip()) {
      record.log_index = -1;
    } else {
      user_log_->container_only = false;
    }
    file_.reset();
    unpacker_.reset();
    if (!user_log_explicit_) {
      CloseLogState(user_log_);
      user_log_ = nullptr;
    }
  }

  void AddSkippedFiles(const std::vector<SkippedFile>& skipped) {
    for (const SkippedFile& file : skipped) {
      NoteIssue(IssueKind::kFileSkipped, file.path, -1, file.path + ": skipped: " + file.reason);
    }
  }

  AnalysisProgress progress() const {
    AnalysisProgress progress;
    for (const InputRecord& record : inputs_) {
      progress.bytes_read += record.bytes_read;
      progress.bytes_expected += record.size_hint;
      progress.bytes_decoded += record.bytes_decoded;
      progress.lines += record.accounting.lines;
      progress.events += record.accounting.events;
    }
    return progress;
  }

  AnalysisResult Finish() {
    EndLog();
    AnalysisResult result;
    ReportData data;
    data.inputs = &inputs_;
    data.issues = &issues_;
    data.options = &options_;
    for (const auto& log : logs_) {
      if (log->container_only || !log->has_events) continue;
      data.logs.push_back(log.get());
      ++result.applications;
      const AppStatus& status = log->listener.status();
      result.tasks += status.task_end_count + status.running_tasks.size();
      result.task_store_bytes += status.task_store_bytes();
      result.task_bytes += status.per_task_bytes();
    }
    for (const InputRecord& record : inputs_) {
      switch (record.status) {
        case InputStatus::kOk: ++result.files_ok; break;
        case InputStatus::kPartial: ++result.files_partial; break;
        case InputStatus::kError: ++result.files_error; break;
      }
    }
    result.report_json = BuildReportJson(data);
    if (options_.redact) {
      // Last, so every field of the report, whoever added it, is covered.
      std::vector<const AppStatus*> statuses;
      for (const LogState* log : data.logs) statuses.push_back(&log->listener.status());
      result.report_json = redact::RedactReportJson(result.report_json, statuses);
    }
    return result;
  }

  RestResponse Rest(std::string_view path) const {
    std::vector<const AppStatus*> attempts;
    for (const auto& log : logs_) {
      if (log->container_only || !log->has_events) continue;
      attempts.push_back(&log->listener.status());
    }
    return AnswerRest(attempts, path);
  }

  // --- LogHost: logs and files found inside zip archives ---
  void OpenLog(const PlannedLog& planned) override {
    CloseEntryLog();
    entry_log_ = NewLog(planned);
  }

  void CloseLog(const PlannedLog& facts) override {
    if (entry_log_ == nullptr) return;
    entry_log_->in_progress = entry_log_->in_progress || facts.in_progress;
    if (!facts.spark_version_hint.empty()) entry_log_->listener.SetSparkVersionHint(facts.spark_version_hint);
    for (const std::string& note : facts.notes) {
      NoteIssue(IssueKind::kRollingLogIncomplete, entry_log_->name, -1, entry_log_->name + ": " + note);
    }
    CloseEntryLog();
  }

  FilePipeline* OpenFile(const std::string& name, uint64_t) override {
    SPARKDX_CHECK(entry_log_ != nullptr);
    CloseEntryFile(Status::Ok());
    entry_index_ = NewInput(name, entry_log_);
    entry_file_ = std::make_unique<FilePipeline>(options_, &parser_, &entry_log_->listener, &issues_,
                                                 &inputs_[entry_index_], nullptr);
    entry_log_->container_only = false;
    return entry_file_.get();
  }

  void CloseFile(const Status& entry_status) override { CloseEntryFile(entry_status); }

  void NoteIssue(IssueKind kind, const std::string& input, int64_t byte_offset, const std::string& message) override {
    Issue issue;
    issue.kind = kind;
    issue.input = input;
    issue.byte_offset = byte_offset;
    issue.message = message;
    issues_.Add(std::move(issue));
  }

 private:
  LogState* NewLog(const PlannedLog& planned) {
    auto log = std::make_unique<LogState>();
    log->index = logs_.size();
    log->name = planned.name;
    log->layout = planned.layout;
    log->in_progress = planned.in_progress;
    if (!planned.spark_version_hint.empty()) log->listener.SetSparkVersionHint(planned.spark_version_hint);
    for (const std::string& note : planned.notes) {
      NoteIssue(IssueKind::kRollingLogIncomplete, planned.name, -1, planned.name + ": " + note);
    }
    logs_.push_back(std::move(log));
    return logs_.back().get();
  }

  size_t NewInput(std::string name, LogState* log) {
    InputRecord record;
    record.name = std::move(name);
    record.log_index = static_cast<int>(log->index);
    inputs_.push_back(std::move(record));
    log->input_indices.push_back(inputs_.size() - 1);
    return inputs_.size() - 1;
  }

  void CloseEntryFile(const Status& entry_status) {
    if (!entry_file_) return;
    // The archive's verdict on the entry (CRC, sizes, truncation) makes the
    // entry partial; a size limit was already recorded on the archive.
    if (!entry_status.ok() && entry_status.code() != StatusCode::kResourceExhausted) {
      IssueKind kind = entry_status.code() == StatusCode::kTruncated ? IssueKind::kInputTruncated
                       : entry_status.code() == StatusCode::kCorrupt ? IssueKind::kZipChecksumMismatch
                                                                       : IssueKind::kInputCorrupt;
      entry_file_->Fail(kind, inputs_[entry_index_].name + ": " + entry_status.message());
    }
    entry_file_->Finish();
    entry_file_.reset();
  }

  void CloseEntryLog() {
    CloseEntryFile(Status::Ok());
    if (entry_log_ != nullptr) CloseLogState(entry_log_);
    entry_log_ = nullptr;
  }

  void CloseLogState(LogState* log) {
    log->listener.Finish();
    for (size_t index : log->input_indices) log->has_events = log->has_events || inputs_[index].accounting.events > 0;
    // A log that yielded no event is not an application: its files' errors say why.
    if (log->container_only || !log->has_events) return;
    const AppStatus& status = log->listener.status();
    if (log->in_progress) {
      NoteIssue(IssueKind::kLogInProgress, log->name, -1,
                log->name + ": the log was still being written (in progress); the run may be incomplete");
    }
    if (status.application_starts == 0) {
      NoteIssue(IssueKind::kApplicationStartMissing, log->name, -1,
                log->name + ": no SparkListenerApplicationStart event; the application id and name are unknown");
    }
    if (!status.attempt.completed) {
      NoteIssue(IssueKind::kApplicationEndMissing, log->name, -1,
                log->name + ": no SparkListenerApplicationEnd event; the application crashed or was still running");
    }
    // What the History Server would show as still running: diagnosis must
    // not read those figures as finished work.
    if (status.open_at_end.any()) {
      NoteIssue(IssueKind::kWorkNotEnded, log->name, -1,
                WorkNotEndedMessage(log->name, status.open_at_end, status.last_event_time_ms));
    }
  }

  AnalyzerOptions options_;
  simdjson::ondemand::parser parser_;
  IssueLog issues_;
  std::deque<InputRecord> inputs_;  // a deque: pipelines keep pointers to their record
  std::vector<std::unique_ptr<LogState>> logs_;
  LogState* user_log_ = nullptr;
  bool user_log_explicit_ = false;
  std::unique_ptr<ZipUnpacker> unpacker_;
  std::unique_ptr<FilePipeline> file_;
  size_t file_index_ = 0;
  LogState* entry_log_ = nullptr;
  std::unique_ptr<FilePipeline> entry_file_;
  size_t entry_index_ = 0;
  PaddedBuffer feed_buffer_;
};

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>(options)) {}
Analyzer::~Analyzer() = default;
void Analyzer::BeginLog(const PlannedLog& log) { impl_->BeginLog(log); }
void Analyzer::EndLog() { impl_->EndLog(); }
void Analyzer::BeginFile(std::string_view path, uint64_t size_bytes) { impl_->BeginFile(path, size_bytes); }
bool Analyzer::Feed(const uint8_t* data, size_t size) { return impl_->FeedCopy(data, size); }
uint8_t* Analyzer::FeedBuffer(size_t size) { return impl_->FeedBuffer(size); }
bool Analyzer::CommitFeed(size_t size) { return impl_->CommitFeed(size); }
void Analyzer::FailFile(std::string_view message) { impl_->FailFile(message); }
void Analyzer::EndFile() { impl_->EndFile(); }
void Analyzer::AddSkippedFiles(const std::vector<SkippedFile>& skipped) { impl_->AddSkippedFiles(skipped); }
AnalysisProgress Analyzer::progress() const { return impl_->progress(); }
AnalysisResult Analyzer::Finish() { return impl_->Finish(); }
RestResponse Analyzer::Rest(std::string_view path) const { return impl_->Rest(path); }

}  // namespace sparkdx

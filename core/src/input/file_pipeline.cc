#include "input/file_pipeline.h"

#include <algorithm>
#include <string>

#include "base/format.h"
#include "input/file_name_rules.h"

namespace sparkdx {

const char* InputStatusName(InputStatus status) {
  switch (status) {
    case InputStatus::kOk: return "ok";
    case InputStatus::kPartial: return "partial";
    case InputStatus::kError: return "error";
  }
  return "error";
}

FilePipeline::FilePipeline(const AnalyzerOptions& options, simdjson::ondemand::parser* parser,
                           StatusListener* listener, IssueLog* issues, InputRecord* record, ZipEntrySink* zip_sink)
    : options_(options),
      issues_(issues),
      record_(record),
      zip_sink_(zip_sink),
      framer_(&reader_, options.max_line_bytes),
      reader_(parser, listener, issues, record->name, &record->accounting) {}

FilePipeline::~FilePipeline() = default;

void FilePipeline::Fail(IssueKind kind, const std::string& message, int64_t byte_offset) {
  if (fatal_) return;
  fatal_ = true;
  stopped_ = true;
  record_->error = message;
  Issue issue;
  issue.kind = kind;
  issue.input = record_->name;
  issue.byte_offset = byte_offset;
  issue.message = message;
  issues_->Add(std::move(issue));
}

uint64_t FilePipeline::AdmitDecoded(uint64_t bytes) {
  const uint64_t decoded = record_->bytes_decoded;
  uint64_t allowed = bytes;
  std::string why;  // set when a limit stops decoding
  if (options_.max_decoded_bytes > 0 && decoded + bytes > options_.max_decoded_bytes) {
    allowed = options_.max_decoded_bytes > decoded ? options_.max_decoded_bytes - decoded : 0;
    why = Label() + ": decoding stopped after " + std::to_string(options_.max_decoded_bytes) +
          " decoded bytes, the limit (raise it with --max-decoded-bytes)";
  }
  // The expansion guard looks at fixed points of the decoded stream, so where
  // it stops does not depend on how the input was split.
  if (options_.max_expansion_ratio > 0) {
    constexpr uint64_t kStep = AnalyzerOptions::kRatioGuardStepBytes;
    uint64_t first = std::max(AnalyzerOptions::kRatioGuardMinBytes, (decoded / kStep + 1) * kStep);
    for (uint64_t mark = first; mark <= decoded + allowed; mark += kStep) {
      if (mark / options_.max_expansion_ratio > record_->bytes_read) {
        allowed = mark - decoded;
        why = Label() + ": decoding stopped after " + std::to_string(mark) + " decoded bytes from " +
              std::to_string(record_->bytes_read) + " read: over " + std::to_string(options_.max_expansion_ratio) +
              ":1, a likely decompression bomb (raise --max-expansion-ratio to go on)";
        break;
      }
    }
  }
  record_->bytes_decoded += allowed;
  // A limit may fall exactly at the end of these bytes: stop all the same.
  if (!why.empty()) Fail(IssueKind::kDecodedLimitReached, why, -1);
  return allowed;
}

bool FilePipeline::Write(const uint8_t* data, size_t size) {
  if (stopped_) return false;
  size_t allowed = static_cast<size_t>(AdmitDecoded(size));
  framer_.Consume(data, allowed);
  if (reader_.rejected()) {
    fatal_ = true;
    stopped_ = true;
    record_->error = Label() + ": " + reader_.rejection();
    // Count what was decoded up to the line that settled it, not the rest of this block.
    record_->bytes_decoded -= framer_.bytes() - reader_.rejected_at_byte();
    return false;
  }
  return !stopped_;
}

bool FilePipeline::StartDecoding(const uint8_t* data, size_t size, bool at_end) {
  FileNameInfo name_info = ClassifyFileName(record_->name);
  std::optional<CodecKind> named = CodecFromExtension(name_info.extension);
  SniffResult sniff = SniffCodec(data, size, at_end, named);
  if (sniff.verdict == SniffResult::Verdict::kNeedMoreBytes) return false;
  sniffed_ = true;
  if (sniff.verdict == SniffResult::Verdict::kUnsupported) {
    Fail(IssueKind::kInputUnsupported, Label() + ": unsupported format: " + sniff.message, 0);
    return true;
  }
  if (sniff.verdict == SniffResult::Verdict::kUnknown) {
    Fail(IssueKind::kInputUnrecognised, Label() + ": " + sniff.message, 0);
    return true;
  }
  record_->codec = std::string(CodecName(sniff.codec));
  bool lz4_family = named == CodecKind::kLz4Block && sniff.codec == CodecKind::kLz4Frame;
  if (named && *named != sniff.codec && !lz4_family) {
    Issue issue;
    issue.kind = IssueKind::kCodecNameMismatch;
    issue.input = record_->name;
    issue.byte_offset = 0;
    issue.message = Label() + ": the name says " + std::string(CodecName(*named)) + " but the content is " +
                    std::string(CodecName(sniff.codec)) + "; reading it as " + std::string(CodecName(sniff.codec));
    issues_->Add(std::move(issue));
  }
  if (sniff.codec == CodecKind::kZip) {
    if (zip_sink_ == nullptr) {
      Fail(IssueKind::kInputUnsupported, Label() + ": unsupported format: a zip archive inside a zip archive", 0);
      return true;
    }
    zip_ = std::make_unique<ZipReader>(zip_sink_);
    return true;
  }
  decompressor_ = MakeDecompressor(sniff.codec);
  return true;
}

bool FilePipeline::Decode(const uint8_t* data, size_t size) {
  if (zip_) {
    Status status = zip_->Feed(data, size);
    if (!status.ok()) {
      if (status.code() != StatusCode::kResourceExhausted) {
        Fail(IssueKind::kInputCorrupt, Label() + ": " + status.message(), -1);
      }
      stopped_ = true;
      fatal_ = true;
      return false;
    }
    return true;
  }
  Status status = decompressor_->Decode(data, size, this);
  if (!status.ok()) {
    Fail(status.code() == StatusCode::kUnsupported ? IssueKind::kInputUnsupported : IssueKind::kInputCorrupt,
          Label() + ": " + status.message(), -1);
    return false;
  }
  return !stopped_;
}

bool FilePipeline::Feed(const uint8_t* data, size_t size) {
  if (stopped_ || size == 0) return !stopped_;
  record_->bytes_read += size;
  if (!sniffed_) {
    if (sniff_buffer_.empty() && size >= kSniffLookaheadBytes) {
      if (!StartDecoding(data, size, false)) return true;
    } else {
      size_t take = std::min(kSniffLookaheadBytes - sniff_buffer_.size(), size);
      sniff_buffer_.Append(data, take);
      if (sniff_buffer_.size() < kSniffLookaheadBytes) return true;
      if (!StartDecoding(sniff_buffer_.data(), sniff_buffer_.size(), false)) return true;
      if (stopped_) return false;
      // Decode what was held back, then the rest of this chunk.
      PaddedBuffer held = std::move(sniff_buffer_);
      if (!Decode(held.data(), held.size())) return false;
      return Decode(data + take, size - take);
    }
    if (stopped_) return false;
  }
  return Decode(data, size);
}

void FilePipeline::FailRead(const std::string& message) {
  Fail(IssueKind::kInputUnreadable, Label() + ": " + message, static_cast<int64_t>(record_->bytes_read));
}

void FilePipeline::FinishDecoder() {
  Status status = zip_ ? zip_->Finish() : decompressor_ ? decompressor_->Finish(this) : Status::Ok();
  if (status.ok()) return;
  truncated_ = status.code() == StatusCode::kTruncated;
  Fail(truncated_ ? IssueKind::kInputTruncated : IssueKind::kInputCorrupt, Label() + ": " + status.message(), -1);
}

void FilePipeline::Finish() {
  if (finished_) return;
  finished_ = true;
  if (!sniffed_ && !fatal_) {
    if (record_->bytes_read == 0) {
      Fail(IssueKind::kInputEmpty, Label() + ": empty file (0 bytes)", 0);
    } else if (StartDecoding(sniff_buffer_.data(), sniff_buffer_.size(), true) && !stopped_) {
      PaddedBuffer held = std::move(sniff_buffer_);
      Decode(held.data(), held.size());
    }
  }
  if (!fatal_) FinishDecoder();
  if (!zip_) {
    framer_.Finish();  // lines decoded before a failure are still analysed
    reader_.Finish(!fatal_);
  }
  if (reader_.last_line_torn()) truncated_ = true;

  bool produced = zip_ ? zip_->entries_seen() > 0 : record_->accounting.events > 0;
  if (reader_.rejected()) {
    record_->status = InputStatus::kError;
    if (record_->error.empty()) record_->error = Label() + ": " + reader_.rejection();
  } else if (!produced && (fatal_ || record_->bytes_read == 0)) {
    record_->status = InputStatus::kError;
  } else if (fatal_ || truncated_) {
    record_->status = InputStatus::kPartial;
    if (record_->error.empty()) {
      record_->error = Label() + ": the last line is torn (the log was cut while being written)";
    }
  } else {
    record_->status = InputStatus::kOk;
  }
}

}  // namespace sparkdx

// FilePipeline: everything that happens to the bytes of one file (or one zip
// entry): sniff the format, decode, frame lines, read events into the log's
// model, enforce the decoded-size guard, and keep the per-file record the
// report shows (codec, bytes, status, error).
//
// Status rules (docs/report.md):
//   ok       every byte decoded and every line accounted for
//   partial  events were read, then decoding stopped (corrupt data, a limit,
//            a read error) or the stream ended torn (frame or last line)
//   error    nothing usable: empty, unrecognised or unsupported format, not
//            an event log, or a failure before the first event
#ifndef SPARKDX_INPUT_FILE_PIPELINE_H_
#define SPARKDX_INPUT_FILE_PIPELINE_H_

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/padded_buffer.h"
#include "codec/decompressor.h"
#include "codec/sniff.h"
#include "eventlog/accounting.h"
#include "eventlog/event_reader.h"
#include "eventlog/line_framer.h"
#include "input/zip_reader.h"
#include "issues/issue_log.h"
#include "status/listener.h"
#include "sparkdx/options.h"

namespace sparkdx {

enum class InputStatus : uint8_t { kOk, kPartial, kError };
const char* InputStatusName(InputStatus status);

// What the report says about one file.
struct InputRecord {
  std::string name;
  std::string codec;            // "" until sniffed
  uint64_t size_hint = 0;       // the size the shell announced (0: unknown)
  uint64_t bytes_read = 0;      // raw bytes fed
  uint64_t bytes_decoded = 0;   // bytes after decompression (for a zip: of its entries)
  InputStatus status = InputStatus::kOk;
  std::string error;            // the message behind a non-ok status
  LineAccounting accounting;
  int log_index = -1;           // the application this file belongs to; -1 for a zip container
};

class FilePipeline : public ByteSink {
 public:
  // `zip_sink` receives the entries when the file turns out to be a zip
  // archive; nullptr refuses archives (a zip inside a zip).
  FilePipeline(const AnalyzerOptions& options, simdjson::ondemand::parser* parser, StatusListener* listener,
               IssueLog* issues, InputRecord* record, ZipEntrySink* zip_sink);
  ~FilePipeline() override;

  // Raw bytes of the file, in order. `data` must have kPaddingBytes readable
  // bytes after `size`. Returns false once the file needs no more bytes (a
  // fatal error, a limit, or a rejection); further calls are ignored.
  bool Feed(const uint8_t* data, size_t size);
  // The shell could not read on: records the error and stops.
  void FailRead(const std::string& message);
  // Ends the file early with an issue of `kind` and `message` (the first
  // failure wins); what was decoded so far is kept.
  void Fail(IssueKind kind, const std::string& message, int64_t byte_offset = -1);
  // End of the file's bytes: flushes, sets the final status.
  void Finish();

  bool stopped() const { return stopped_; }
  bool is_zip() const { return zip_ != nullptr; }

  // Decoded bytes from the decompressor.
  bool Write(const uint8_t* data, size_t size) override;

  // Counts `bytes` more decoded bytes against the limits and returns how
  // many of them may be used; fewer means a limit was reached (recorded as
  // an issue) and decoding stops there, at the same byte however the input
  // was split. Zip containers count their entries' bytes here so the
  // archive's guard sees the whole archive.
  uint64_t AdmitDecoded(uint64_t bytes);

 private:
  bool StartDecoding(const uint8_t* data, size_t size, bool at_end);
  bool Decode(const uint8_t* data, size_t size);
  void FinishDecoder();
  std::string Label() const { return record_->name; }

  const AnalyzerOptions& options_;
  IssueLog* issues_;
  InputRecord* record_;
  ZipEntrySink* zip_sink_;
  LineFramer framer_;
  EventReader reader_;
  PaddedBuffer sniff_buffer_;
  bool sniffed_ = false;
  std::unique_ptr<Decompressor> decompressor_;
  std::unique_ptr<ZipReader> zip_;
  bool stopped_ = false;
  bool fatal_ = false;          // decoding ended early (vs. a clean end)
  bool truncated_ = false;      // the stream ended torn
  bool finished_ = false;
};

}  // namespace sparkdx

#endif  // SPARKDX_INPUT_FILE_PIPELINE_H_

// ZipUnpacker: turns the entries of one zip archive into logs. Single-file
// logs stream straight through. The files of a rolling, Databricks or legacy
// log must be fed in order, but archives list them in directory order
// (events_10 before events_2), so an entry that is not the next one expected
// is held in memory (as compressed bytes) until its turn, within
// AnalyzerOptions::max_zip_reorder_bytes.
#ifndef SPARKDX_ANALYZER_ZIP_UNPACKER_H_
#define SPARKDX_ANALYZER_ZIP_UNPACKER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/padded_buffer.h"
#include "input/file_name_rules.h"
#include "input/zip_reader.h"
#include "issues/issue_log.h"
#include "sparkdx/input_plan.h"

namespace sparkdx {

class FilePipeline;

// What the unpacker needs from the analyzer.
class LogHost {
 public:
  virtual ~LogHost() = default;
  virtual void OpenLog(const PlannedLog& log) = 0;
  // Closes the open log; `facts` carries what was learnt while reading it
  // (in_progress, spark_version_hint, notes).
  virtual void CloseLog(const PlannedLog& facts) = 0;
  // Starts a file of the open log; returns its pipeline (owned by the host).
  virtual FilePipeline* OpenFile(const std::string& name, uint64_t size_bytes) = 0;
  virtual void CloseFile(const Status& entry_status) = 0;
  virtual void NoteIssue(IssueKind kind, const std::string& input, int64_t byte_offset, const std::string& message) = 0;
};

class ZipUnpacker : public ZipEntrySink {
 public:
  ZipUnpacker(std::string archive_name, LogHost* host, uint64_t max_reorder_bytes);
  ~ZipUnpacker() override;
  // The archive's own pipeline, whose expansion guard counts every entry's bytes.
  void set_archive(FilePipeline* archive) { archive_ = archive; }

  // The archive ended (cleanly or not): feeds what is still held and closes the open log.
  void Finish();

  void OnEntryBegin(const std::string& name, uint64_t archive_offset) override;
  DataVerdict OnEntryData(const uint8_t* data, size_t size) override;
  void OnEntryEnd(const Status& status) override;
  void OnEntrySkipped(const std::string& name, uint64_t archive_offset, const Status& why) override;

 private:
  struct HeldEntry {
    std::string name;
    FileNameInfo info;
    PaddedBuffer bytes;
    Status status;
  };
  struct Group {
    std::string key;
    LogLayout layout = LogLayout::kSingleFile;
    bool log_open = false;
    int64_t next_order = 1;
    bool fed_any = false;
    bool has_status_marker = false;
    bool complete_marker = false;
    bool in_progress = false;
    std::string spark_version_hint;
    std::vector<HeldEntry> held;
  };

  std::string EntryDisplayName(const std::string& name) const { return archive_name_ + ":" + name; }
  void StartGroup(const FileNameInfo& info);
  void CloseGroup();
  void OpenGroupLog();
  PlannedLog GroupFacts() const;
  void FeedHeld(HeldEntry& entry);
  void FeedReadyHeld();
  void ReleaseHeld();  // the reorder budget ran out: feed what is held, in order
  bool IsNextInOrder(const FileNameInfo& info) const;

  std::string archive_name_;
  FilePipeline* archive_ = nullptr;
  LogHost* host_;
  uint64_t max_reorder_bytes_;
  uint64_t held_bytes_ = 0;
  std::unique_ptr<Group> group_;
  bool single_log_open_ = false;
  // The entry being read.
  // kStreamStopped: the entry's pipeline wants no more bytes (its own error
  // or limit); the rest of the entry is still read and counted.
  enum class EntryMode { kNone, kStream, kStreamStopped, kHold, kDiscard };
  EntryMode mode_ = EntryMode::kNone;
  FilePipeline* stream_ = nullptr;
  HeldEntry holding_;
};

}  // namespace sparkdx

#endif  // SPARKDX_ANALYZER_ZIP_UNPACKER_H_

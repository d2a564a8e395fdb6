#include "analyzer/zip_unpacker.h"

#include <algorithm>

#include "input/file_pipeline.h"

namespace sparkdx {
namespace {

LogLayout LayoutOf(FileRole role) {
  switch (role) {
    case FileRole::kRollingEvents:
    case FileRole::kRollingStatus: return LogLayout::kRolling;
    case FileRole::kDatabricksPart: return LogLayout::kDatabricks;
    case FileRole::kLegacyEvents:
    case FileRole::kLegacyMarker: return LogLayout::kLegacy;
    default: return LogLayout::kSingleFile;
  }
}

}  // namespace

ZipUnpacker::ZipUnpacker(std::string archive_name, LogHost* host, uint64_t max_reorder_bytes)
    : archive_name_(std::move(archive_name)), host_(host), max_reorder_bytes_(max_reorder_bytes) {}

ZipUnpacker::~ZipUnpacker() = default;

bool ZipUnpacker::IsNextInOrder(const FileNameInfo& info) const {
  switch (group_->layout) {
    case LogLayout::kRolling:
      if (info.compact) return !group_->fed_any;
      return info.order == group_->next_order;
    case LogLayout::kLegacy:
      return info.order == group_->next_order;
    default:
      return false;  // Databricks chunks: the live file must come last, so wait for all
  }
}

void ZipUnpacker::StartGroup(const FileNameInfo& info) {
  group_ = std::make_unique<Group>();
  group_->key = info.log_key;
  group_->layout = LayoutOf(info.role);
}

PlannedLog ZipUnpacker::GroupFacts() const {
  PlannedLog facts;
  facts.name = EntryDisplayName(group_->key);
  facts.layout = group_->layout;
  facts.in_progress = group_->in_progress;
  facts.spark_version_hint = group_->spark_version_hint;
  if (group_->layout == LogLayout::kRolling && !group_->has_status_marker) {
    facts.notes.push_back("no appstatus_ file: the directory may be incomplete");
  }
  if (group_->layout == LogLayout::kLegacy && !group_->complete_marker) facts.in_progress = true;
  return facts;
}

void ZipUnpacker::OpenGroupLog() {
  if (group_->log_open) return;
  host_->OpenLog(GroupFacts());
  group_->log_open = true;
}

void ZipUnpacker::FeedHeld(HeldEntry& entry) {
  OpenGroupLog();
  FilePipeline* pipeline = host_->OpenFile(entry.name, entry.bytes.size());
  pipeline->Feed(entry.bytes.data(), entry.bytes.size());
  host_->CloseFile(entry.status);
  held_bytes_ -= entry.bytes.size();
  group_->fed_any = true;
  group_->next_order = entry.info.order + 1;
}

void ZipUnpacker::FeedReadyHeld() {
  for (bool fed = true; fed && group_;) {
    fed = false;
    for (size_t i = 0; i < group_->held.size(); ++i) {
      if (!IsNextInOrder(group_->held[i].info)) continue;
      HeldEntry entry = std::move(group_->held[i]);
      group_->held.erase(group_->held.begin() + static_cast<std::ptrdiff_t>(i));
      FeedHeld(entry);
      fed = true;
      break;
    }
  }
}

void ZipUnpacker::ReleaseHeld() {
  std::vector<HeldEntry> held = std::move(group_->held);
  group_->held.clear();
  std::stable_sort(held.begin(), held.end(), [](const HeldEntry& a, const HeldEntry& b) {
    return a.info.order < b.info.order;
  });
  int64_t compact = -1;
  if (!group_->fed_any) {
    for (const HeldEntry& entry : held) {
      if (entry.info.compact) compact = std::max(compact, entry.info.order);
    }
  }
  for (HeldEntry& entry : held) {
    if (compact >= 0 && entry.info.order <= compact && !(entry.info.compact && entry.info.order == compact)) {
      host_->NoteIssue(IssueKind::kFileSkipped, entry.name, -1,
                       entry.name + ": skipped: replaced by the compacted file events_" + std::to_string(compact));
      held_bytes_ -= entry.bytes.size();
      continue;
    }
    if (group_->fed_any && entry.info.order > group_->next_order && group_->layout != LogLayout::kDatabricks) {
      host_->NoteIssue(IssueKind::kRollingLogIncomplete, entry.name, -1,
                       entry.name + ": parts " + std::to_string(group_->next_order) + " to " +
                           std::to_string(entry.info.order - 1) + " of " + EntryDisplayName(group_->key) +
                           " are missing from the archive");
    }
    FeedHeld(entry);
  }
}

void ZipUnpacker::CloseGroup() {
  if (!group_) return;
  if (!group_->held.empty()) ReleaseHeld();
  if (group_->log_open) host_->CloseLog(GroupFacts());
  group_.reset();
}

void ZipUnpacker::OnEntryBegin(const std::string& name, uint64_t archive_offset) {
  FileNameInfo info = ClassifyFileName(name);
  std::string display = EntryDisplayName(name);
  mode_ = EntryMode::kDiscard;
  if (info.role == FileRole::kIgnored) {
    host_->NoteIssue(IssueKind::kFileSkipped, display, static_cast<int64_t>(archive_offset),
                     display + ": skipped: " + info.ignore_reason);
    return;
  }
  if (info.role == FileRole::kEventLog) {
    CloseGroup();
    PlannedLog log;
    log.name = display;
    log.in_progress = info.in_progress;
    host_->OpenLog(log);
    single_log_open_ = true;
    stream_ = host_->OpenFile(display, 0);
    mode_ = EntryMode::kStream;
    return;
  }
  if (!group_ || group_->key != info.log_key) {
    CloseGroup();
    StartGroup(info);
  }
  switch (info.role) {
    case FileRole::kRollingStatus:
      group_->has_status_marker = true;
      group_->in_progress = group_->in_progress || info.in_progress;
      return;
    case FileRole::kLegacyMarker:
      if (BaseName(name) == "APPLICATION_COMPLETE") group_->complete_marker = true;
      if (BaseName(name).substr(0, 14) == "SPARK_VERSION_") group_->spark_version_hint = info.marker_value;
      return;
    default:
      break;
  }
  group_->in_progress = group_->in_progress || info.in_progress;
  if (IsNextInOrder(info)) {
    OpenGroupLog();
    stream_ = host_->OpenFile(display, 0);
    group_->fed_any = true;
    group_->next_order = info.order + 1;
    mode_ = EntryMode::kStream;
  } else {
    holding_ = HeldEntry{display, info, PaddedBuffer(), Status()};
    mode_ = EntryMode::kHold;
  }
}

ZipEntrySink::DataVerdict ZipUnpacker::OnEntryData(const uint8_t* data, size_t size) {
  // The archive counts every byte of every entry it delivers, used or not,
  // so its total never depends on where an entry's own reading stopped.
  size_t allowed = static_cast<size_t>(archive_->AdmitDecoded(size));
  if (archive_->stopped()) {
    // A limit on the archive: use what it admits, then stop reading it.
    if (allowed > 0 && mode_ == EntryMode::kStream) stream_->Feed(data, allowed);
    if (allowed > 0 && mode_ == EntryMode::kHold) holding_.bytes.Append(data, allowed);
    return DataVerdict::kAbortArchive;
  }
  switch (mode_) {
    case EntryMode::kStream:
      if (!stream_->Feed(data, size)) mode_ = EntryMode::kStreamStopped;
      return DataVerdict::kContinue;
    case EntryMode::kHold:
      if (held_bytes_ + holding_.bytes.size() + size > max_reorder_bytes_) {
        host_->NoteIssue(IssueKind::kRollingLogIncomplete, holding_.name, -1,
                         holding_.name + ": the archive lists the parts of " + EntryDisplayName(group_->key) +
                             " out of order and they exceed the reorder budget; parts are read in archive order");
        ReleaseHeld();
        OpenGroupLog();
        stream_ = host_->OpenFile(holding_.name, 0);
        group_->fed_any = true;
        group_->next_order = holding_.info.order + 1;
        mode_ = stream_->Feed(holding_.bytes.data(), holding_.bytes.size()) && stream_->Feed(data, size)
                    ? EntryMode::kStream
                    : EntryMode::kStreamStopped;
        holding_ = HeldEntry();
        return DataVerdict::kContinue;
      }
      holding_.bytes.Append(data, size);
      return DataVerdict::kContinue;
    case EntryMode::kStreamStopped:
    case EntryMode::kDiscard:
    case EntryMode::kNone:
      return DataVerdict::kContinue;
  }
  return DataVerdict::kContinue;
}

void ZipUnpacker::OnEntryEnd(const Status& status) {
  switch (mode_) {
    case EntryMode::kStream:
    case EntryMode::kStreamStopped:
      host_->CloseFile(status);
      stream_ = nullptr;
      if (single_log_open_) {
        host_->CloseLog(PlannedLog());
        single_log_open_ = false;
      } else {
        FeedReadyHeld();
      }
      break;
    case EntryMode::kHold:
      holding_.status = status;
      held_bytes_ += holding_.bytes.size();
      group_->held.push_back(std::move(holding_));
      holding_ = HeldEntry();
      FeedReadyHeld();
      break;
    default:
      break;
  }
  mode_ = EntryMode::kNone;
}

void ZipUnpacker::OnEntrySkipped(const std::string& name, uint64_t archive_offset, const Status& why) {
  IssueKind kind = ZipReader::IsSafeEntryName(name) ? IssueKind::kZipEntrySkipped : IssueKind::kZipUnsafeEntryName;
  host_->NoteIssue(kind, archive_name_, static_cast<int64_t>(archive_offset), archive_name_ + ": " + why.message());
}

void ZipUnpacker::Finish() {
  if (mode_ == EntryMode::kStream || mode_ == EntryMode::kStreamStopped || mode_ == EntryMode::kHold) {
    OnEntryEnd(TruncatedError("archive ended"));
  }
  CloseGroup();
}

}  // namespace sparkdx

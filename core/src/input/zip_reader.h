// ZipReader: a streaming reader of zip archives as the History Server's
// /api/v1/applications/<id>/logs endpoint writes them (java.util.zip:
// deflated entries with data descriptors, ZIP64 for big entries, a directory
// entry per rolling log). It reads local headers front to back and never
// needs the central directory, so it works on a pipe.
//
// Supported: stored and deflated entries, general-purpose bit 3 (sizes in a
// data descriptor after the data, with or without its signature, 32- or
// 64-bit sizes), ZIP64 extra fields, CRC-32 verification. Entries whose name
// is absolute or contains a ".." component, encrypted entries and unknown
// methods are skipped and reported; when such an entry's size is unknown
// the rest of the archive cannot be located and reading stops with an error.
#ifndef SPARKDX_INPUT_ZIP_READER_H_
#define SPARKDX_INPUT_ZIP_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "codec/decompressor.h"

namespace sparkdx {

class Inflater;

class ZipEntrySink {
 public:
  virtual ~ZipEntrySink() = default;
  // A file entry begins. Its decoded bytes follow through OnEntryData (with
  // kPaddingBytes readable after them), then OnEntryEnd.
  virtual void OnEntryBegin(const std::string& name, uint64_t archive_offset) = 0;
  enum class DataVerdict { kContinue, kDiscardEntry, kAbortArchive };
  // kDiscardEntry drops the rest of this entry (reading goes on to find its
  // end); kAbortArchive stops reading the archive at once (a size limit).
  virtual DataVerdict OnEntryData(const uint8_t* data, size_t size) = 0;
  // `status` is not ok for a CRC mismatch or a corrupt/truncated entry.
  virtual void OnEntryEnd(const Status& status) = 0;
  // An entry that is not delivered (unsafe name, encrypted, unknown method).
  virtual void OnEntrySkipped(const std::string& name, uint64_t archive_offset, const Status& why) = 0;
};

class ZipReader {
 public:
  explicit ZipReader(ZipEntrySink* sink);
  ~ZipReader();

  // Consumes archive bytes (any split). A non-ok Status is fatal for the
  // rest of the archive; entries completed before it stay delivered. Stored
  // entries are passed to the sink without a copy, so `data` needs
  // kPaddingBytes readable bytes after `size` (the Analyzer's feed buffer
  // has them).
  Status Feed(const uint8_t* data, size_t size);
  // End of the archive bytes.
  Status Finish();

  uint64_t entries_seen() const { return entries_seen_; }

  // True when `name` is relative and never climbs out of the archive.
  static bool IsSafeEntryName(const std::string& name);

 private:
  enum class State { kSignature, kLocalHeader, kNameAndExtra, kStoredData, kDeflatedData, kSkipData, kDescriptor, kDone };
  Status OnHeaderBytes();     // buffer_ holds what the current header state needed
  Status BeginEntry();        // local header, name and extra fields are in buffer_
  Status EndOfData();         // the entry's data is consumed
  Status OnDescriptor();      // buffer_ holds the data descriptor
  void FinishEntry(const Status& status);
  void Expect(State state, size_t bytes);
  Status Fail(Status status);
  Status Abort();
  std::string EntryLabel() const;

  ZipEntrySink* sink_;
  State state_ = State::kSignature;
  Status error_;
  uint64_t offset_ = 0;            // archive bytes consumed
  uint64_t entry_start_ = 0;       // archive offset of the current local header
  uint64_t entries_seen_ = 0;
  std::vector<uint8_t> buffer_;    // the header, name, extra or descriptor being assembled
  size_t buffer_needed_ = 0;

  // The current entry.
  std::string name_;
  uint16_t flags_ = 0;
  uint16_t method_ = 0;
  uint32_t expected_crc_ = 0;
  uint64_t compressed_size_ = 0;
  uint64_t uncompressed_size_ = 0;
  bool has_descriptor_ = false;
  bool zip64_ = false;
  bool descriptor_signature_seen_ = false;
  bool begun_ = false;             // OnEntryBegin was called for the current entry
  bool deliver_ = false;           // data goes to the sink (begun_ and not declined)
  bool abort_ = false;             // the sink asked to stop reading the archive
  uint64_t data_remaining_ = 0;    // for stored and skipped entries of known size
  uint64_t compressed_seen_ = 0;
  uint64_t uncompressed_seen_ = 0;
  uint32_t crc_ = 0;
  std::unique_ptr<Inflater> inflater_;

  class EntryByteSink;
  std::unique_ptr<EntryByteSink> entry_sink_;
};

}  // namespace sparkdx

#endif  // SPARKDX_INPUT_ZIP_READER_H_

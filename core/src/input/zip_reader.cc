#include "input/zip_reader.h"

#include <zlib.h>

#include <cstring>
#include <string>

#include "base/format.h"
#include "codec/inflater.h"

namespace sparkdx {
namespace {

constexpr uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr uint32_t kEndOfCentralDirectorySignature = 0x06054b50;
constexpr uint32_t kZip64EndSignature = 0x06064b50;
constexpr uint32_t kDescriptorSignature = 0x08074b50;
constexpr size_t kLocalHeaderBytes = 26;  // after the signature
constexpr uint16_t kFlagEncrypted = 1u << 0;
constexpr uint16_t kFlagDescriptor = 1u << 3;
constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflated = 8;
constexpr uint16_t kZip64ExtraId = 0x0001;
constexpr uint32_t kZip64Marker = 0xFFFFFFFFu;

uint16_t Le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t Le32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t Le64(const uint8_t* p) { return Le32(p) | (static_cast<uint64_t>(Le32(p + 4)) << 32); }

bool IsDirectoryName(const std::string& name) {
  return !name.empty() && (name.back() == '/' || name.back() == '\\');
}

}  // namespace

// Receives the current entry's decoded bytes: checksums and counts them, and
// passes them on while the entry is delivered.
class ZipReader::EntryByteSink : public ByteSink {
 public:
  explicit EntryByteSink(ZipReader* reader) : reader_(reader) {}
  bool Write(const uint8_t* data, size_t size) override {
    reader_->crc_ = static_cast<uint32_t>(crc32(reader_->crc_, data, static_cast<uInt>(size)));
    reader_->uncompressed_seen_ += size;
    if (!reader_->deliver_) return true;  // keep decoding: the entry's end must be found
    switch (reader_->sink_->OnEntryData(data, size)) {
      case ZipEntrySink::DataVerdict::kContinue: break;
      case ZipEntrySink::DataVerdict::kDiscardEntry: reader_->deliver_ = false; break;
      case ZipEntrySink::DataVerdict::kAbortArchive: reader_->abort_ = true; return false;
    }
    return true;
  }

 private:
  ZipReader* reader_;
};

ZipReader::ZipReader(ZipEntrySink* sink) : sink_(sink), entry_sink_(std::make_unique<EntryByteSink>(this)) {
  Expect(State::kSignature, 4);
}

ZipReader::~ZipReader() = default;

bool ZipReader::IsSafeEntryName(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.front() == '\\') return false;
  if (name.size() >= 2 && name[1] == ':') return false;  // a drive letter
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string::npos) end = name.size();
    if (name.compare(start, end - start, "..") == 0) return false;
    start = end + 1;
  }
  return true;
}

void ZipReader::Expect(State state, size_t bytes) {
  state_ = state;
  buffer_.clear();
  buffer_needed_ = bytes;
}

Status ZipReader::Abort() {
  Status status = ResourceExhaustedError("reading stopped inside " + EntryLabel());
  FinishEntry(status);
  return Fail(status);
}

Status ZipReader::Fail(Status status) {
  error_ = std::move(status);
  state_ = State::kDone;
  return error_;
}

std::string ZipReader::EntryLabel() const {
  return "zip entry \"" + Excerpt(name_, 200) + "\" (at byte " + std::to_string(entry_start_) + ")";
}

void ZipReader::FinishEntry(const Status& status) {
  if (begun_) sink_->OnEntryEnd(status);
  begun_ = false;
  deliver_ = false;
  Expect(State::kSignature, 4);
}

Status ZipReader::BeginEntry() {
  const uint8_t* h = buffer_.data();
  flags_ = Le16(h + 2);
  method_ = Le16(h + 4);
  expected_crc_ = Le32(h + 10);
  compressed_size_ = Le32(h + 14);
  uncompressed_size_ = Le32(h + 18);
  size_t name_length = Le16(h + 22);
  name_.assign(reinterpret_cast<const char*>(h + kLocalHeaderBytes), name_length);
  has_descriptor_ = (flags_ & kFlagDescriptor) != 0;
  zip64_ = false;
  const uint8_t* extra = h + kLocalHeaderBytes + name_length;
  const uint8_t* end = h + buffer_.size();
  while (extra + 4 <= end) {
    uint16_t id = Le16(extra), length = Le16(extra + 2);
    const uint8_t* body = extra + 4;
    if (body + length > end) break;
    if (id == kZip64ExtraId) {
      zip64_ = true;
      const uint8_t* field = body;
      if (uncompressed_size_ == kZip64Marker && field + 8 <= body + length) {
        uncompressed_size_ = Le64(field);
        field += 8;
      }
      if (compressed_size_ == kZip64Marker && field + 8 <= body + length) compressed_size_ = Le64(field);
    }
    extra = body + length;
  }
  crc_ = 0;
  compressed_seen_ = 0;
  uncompressed_seen_ = 0;
  ++entries_seen_;

  Status skip_reason;
  if (!IsSafeEntryName(name_)) {
    skip_reason = CorruptError("unsafe " + EntryLabel() + ": absolute or climbing out of the archive");
  } else if (flags_ & kFlagEncrypted) {
    skip_reason = UnsupportedError("encrypted " + EntryLabel());
  } else if (method_ != kMethodStored && method_ != kMethodDeflated) {
    skip_reason = UnsupportedError(EntryLabel() + " uses compression method " + std::to_string(method_) +
                                   " (only stored and deflated are supported)");
  }
  if (!skip_reason.ok()) sink_->OnEntrySkipped(name_, entry_start_, skip_reason);
  bool decodable = !(flags_ & kFlagEncrypted) && (method_ == kMethodStored || method_ == kMethodDeflated);
  begun_ = skip_reason.ok() && !IsDirectoryName(name_);
  if (begun_) sink_->OnEntryBegin(name_, entry_start_);
  deliver_ = begun_;

  if (decodable && method_ == kMethodDeflated) {
    if (!inflater_) inflater_ = std::make_unique<Inflater>(Inflater::Framing::kRawDeflate);
    inflater_->Reset();
    Expect(State::kDeflatedData, 0);
    return Status::Ok();
  }
  if (has_descriptor_) {
    // Data of unknown length that we do not inflate (stored, encrypted or
    // an unknown method): nothing marks its end.
    Status status = UnsupportedError(EntryLabel() +
                                     " has no size in its header and only deflated data shows where it ends; "
                                     "the rest of the archive cannot be located");
    FinishEntry(status);
    return Fail(status);
  }
  if (decodable && compressed_size_ != uncompressed_size_) {
    Status status = CorruptError("stored " + EntryLabel() + " has different compressed and decoded sizes");
    FinishEntry(status);
    return Fail(status);
  }
  data_remaining_ = compressed_size_;
  Expect(decodable ? State::kStoredData : State::kSkipData, 0);
  if (data_remaining_ == 0) return EndOfData();
  return Status::Ok();
}

Status ZipReader::EndOfData() {
  if (has_descriptor_) {
    Expect(State::kDescriptor, 4);  // the optional signature, or the CRC
    descriptor_signature_seen_ = false;
    return Status::Ok();
  }
  Status status;
  if (state_ != State::kSkipData) {
    if (compressed_seen_ != compressed_size_ || uncompressed_seen_ != uncompressed_size_) {
      status = CorruptError(EntryLabel() + ": data does not match the sizes in its header");
    } else if (crc_ != expected_crc_) {
      status = CorruptError(EntryLabel() + " fails its crc-32 check");
    }
  }
  FinishEntry(status);
  return Status::Ok();
}

Status ZipReader::OnDescriptor() {
  if (buffer_.size() == 4 && !descriptor_signature_seen_ && Le32(buffer_.data()) == kDescriptorSignature) {
    descriptor_signature_seen_ = true;
    buffer_.clear();  // the optional signature; the descriptor itself follows
    return Status::Ok();
  }
  bool wide = zip64_ || compressed_seen_ >= kZip64Marker || uncompressed_seen_ >= kZip64Marker;
  size_t descriptor_bytes = wide ? 20 : 12;
  if (buffer_.size() < descriptor_bytes) {
    buffer_needed_ = descriptor_bytes;
    return Status::Ok();
  }
  uint32_t crc = Le32(buffer_.data());
  uint64_t compressed = wide ? Le64(buffer_.data() + 4) : Le32(buffer_.data() + 4);
  uint64_t uncompressed = wide ? Le64(buffer_.data() + 12) : Le32(buffer_.data() + 8);
  Status status;
  if (compressed != compressed_seen_ || uncompressed != uncompressed_seen_) {
    status = CorruptError(EntryLabel() + ": sizes disagree with its data descriptor");
  } else if (crc != crc_) {
    status = CorruptError(EntryLabel() + " fails its crc-32 check");
  }
  FinishEntry(status);
  return Status::Ok();
}

Status ZipReader::OnHeaderBytes() {
  switch (state_) {
    case State::kSignature: {
      uint32_t signature = Le32(buffer_.data());
      entry_start_ = offset_ - 4;
      if (signature == kLocalHeaderSignature) {
        Expect(State::kLocalHeader, kLocalHeaderBytes);
      } else if (signature == kCentralHeaderSignature || signature == kEndOfCentralDirectorySignature ||
                 signature == kZip64EndSignature) {
        state_ = State::kDone;  // the central directory: every entry has been read
      } else if (signature == kDescriptorSignature && entry_start_ == 0) {
        buffer_.clear();  // a spanned-archive marker at the very start; skip it
      } else {
        return Fail(CorruptError("expected a zip header at byte " + std::to_string(entry_start_) + ", found " +
                                 HexBytes(buffer_.data(), 4)));
      }
      return Status::Ok();
    }
    case State::kLocalHeader: {
      size_t rest = static_cast<size_t>(Le16(buffer_.data() + 22)) + Le16(buffer_.data() + 24);
      state_ = State::kNameAndExtra;
      buffer_needed_ = kLocalHeaderBytes + rest;
      if (rest == 0) return BeginEntry();
      return Status::Ok();
    }
    case State::kNameAndExtra:
      return BeginEntry();
    case State::kDescriptor:
      return OnDescriptor();
    default:
      return Status::Ok();
  }
}

Status ZipReader::Feed(const uint8_t* data, size_t size) {
  if (!error_.ok()) return error_;
  size_t pos = 0;
  while (pos < size && state_ != State::kDone) {
    switch (state_) {
      case State::kSignature:
      case State::kLocalHeader:
      case State::kNameAndExtra:
      case State::kDescriptor: {
        size_t take = std::min(buffer_needed_ - buffer_.size(), size - pos);
        buffer_.insert(buffer_.end(), data + pos, data + pos + take);
        pos += take;
        offset_ += take;
        if (buffer_.size() == buffer_needed_) {
          Status status = OnHeaderBytes();
          if (!status.ok()) return status;
        }
        break;
      }
      case State::kStoredData:
      case State::kSkipData: {
        size_t take = static_cast<size_t>(std::min<uint64_t>(data_remaining_, size - pos));
        if (state_ == State::kStoredData) entry_sink_->Write(data + pos, take);
        if (abort_) return Abort();
        compressed_seen_ += take;
        data_remaining_ -= take;
        pos += take;
        offset_ += take;
        if (data_remaining_ == 0) {
          Status status = EndOfData();
          if (!status.ok()) return status;
        }
        break;
      }
      case State::kDeflatedData: {
        size_t used = 0;
        Inflater::Result result = inflater_->Inflate(data + pos, size - pos, entry_sink_.get(), &used);
        pos += used;
        offset_ += used;
        compressed_seen_ += used;
        if (abort_) return Abort();
        if (result == Inflater::Result::kError) {
          Status status = CorruptError("corrupt deflate data in " + EntryLabel() + ": " + inflater_->error_message());
          FinishEntry(status);
          return Fail(status);
        }
        if (result == Inflater::Result::kStreamEnd) {
          Status status = EndOfData();
          if (!status.ok()) return status;
        }
        break;
      }
      case State::kDone:
        break;
    }
  }
  offset_ += size - pos;
  return Status::Ok();
}

Status ZipReader::Finish() {
  if (!error_.ok()) return error_;
  if (state_ == State::kDone) return Status::Ok();
  if (state_ == State::kSignature && buffer_.empty()) {
    if (entries_seen_ == 0) return Fail(CorruptError("empty zip archive"));
    // Every entry ended cleanly, but the central directory never came: a cut download.
    return Fail(TruncatedError("zip archive ends at byte " + std::to_string(offset_) +
                               " without its central directory"));
  }
  Status status = TruncatedError(EntryLabel() + " is cut short: the archive ends at byte " + std::to_string(offset_));
  // Until the name and extra fields are complete, name_ still holds the
  // previous entry's name, so the cut is reported without one.
  if (state_ == State::kSignature || state_ == State::kLocalHeader || state_ == State::kNameAndExtra) {
    status = TruncatedError("zip archive ends inside a header at byte " + std::to_string(offset_));
  }
  FinishEntry(status);
  return Fail(status);
}

}  // namespace sparkdx

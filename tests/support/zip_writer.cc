// Test builder for zip archives, written for tests; follows the archive shape
// of PROTOCOLS.md §1.5 and APPNOTE 6.3 (see zip_writer.h).
#include "support/zip_writer.h"

#include <zlib.h>

namespace sparkdx::testing {
namespace {

constexpr uint16_t kFlagEncrypted = 1u << 0;
constexpr uint16_t kFlagDescriptor = 1u << 3;
constexpr uint16_t kFlagUtf8 = 1u << 11;  // ZipOutputStream always sets it
constexpr uint16_t kDosTime = 0;                                  // 00:00:00
constexpr uint16_t kDosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;  // 2024-01-01
constexpr uint32_t kMarker32 = 0xFFFFFFFFu;

void Put16(std::string* out, uint64_t value) {
  for (int i = 0; i < 2; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}
void Put32(std::string* out, uint64_t value) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}
void Put64(std::string* out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

}  // namespace

std::string RawDeflate(std::string_view data, int level) {
  z_stream z{};
  deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

const ZipEntryLayout& ZipWriter::AddFile(const std::string& name, std::string_view data,
                                         const ZipEntryOptions& options) {
  bool deflated = options.method == ZipEntryOptions::Method::kDeflated;
  std::string payload = deflated ? RawDeflate(data, options.deflate_level) : std::string(data);
  uint32_t crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  if (options.wrong_crc) crc ^= 1;

  Central central;
  central.name = name;
  central.flags = kFlagUtf8;
  if (options.data_descriptor) central.flags |= kFlagDescriptor;
  if (options.encrypted_flag) central.flags |= kFlagEncrypted;
  central.method = options.method_number ? *options.method_number : (deflated ? 8 : 0);
  central.crc = crc;
  central.compressed = payload.size();
  central.size = data.size();
  central.offset = out_.size();
  central.zip64 = options.zip64;

  ZipEntryLayout layout;
  layout.name = name;
  layout.header_offset = out_.size();

  // Local header: with a descriptor the CRC and sizes are zero here.
  uint64_t header_crc = options.data_descriptor ? 0 : crc;
  uint64_t header_compressed = options.data_descriptor ? 0 : payload.size();
  uint64_t header_size = options.data_descriptor ? 0 : data.size();
  std::string extra;
  if (options.zip64) {
    Put16(&extra, 0x0001);
    Put16(&extra, 16);
    Put64(&extra, header_size);
    Put64(&extra, header_compressed);
  }
  Put32(&out_, 0x04034b50);
  Put16(&out_, options.zip64 ? 45 : 20);
  Put16(&out_, central.flags);
  Put16(&out_, central.method);
  Put16(&out_, kDosTime);
  Put16(&out_, kDosDate);
  Put32(&out_, header_crc);
  if (options.header_size_override) {
    Put32(&out_, *options.header_size_override);
    Put32(&out_, *options.header_size_override);
  } else {
    Put32(&out_, options.zip64 ? kMarker32 : header_compressed);
    Put32(&out_, options.zip64 ? kMarker32 : header_size);
  }
  Put16(&out_, name.size());
  Put16(&out_, extra.size());
  out_ += name;
  out_ += extra;

  layout.data_offset = out_.size();
  layout.data_bytes = payload.size();
  out_ += payload;

  if (options.data_descriptor) {
    if (options.descriptor_signature) Put32(&out_, 0x08074b50);
    Put32(&out_, crc);
    if (options.zip64) {
      Put64(&out_, payload.size());
      Put64(&out_, data.size());
    } else {
      Put32(&out_, payload.size());
      Put32(&out_, data.size());
    }
  }
  layout.end_offset = out_.size();
  central_.push_back(central);
  layouts_.push_back(layout);
  return layouts_.back();
}

const ZipEntryLayout& ZipWriter::AddDirectory(const std::string& name, const ZipEntryOptions& options) {
  std::string directory = name.empty() || name.back() == '/' ? name : name + "/";
  return AddFile(directory, std::string_view(), options);
}

void ZipWriter::AddRawBytes(std::string_view bytes) { out_ += bytes; }

std::string ZipWriter::Finish(bool central_directory) const {
  std::string archive = out_;
  if (!central_directory) return archive;
  uint64_t directory_offset = archive.size();
  bool any_zip64 = false;
  for (const Central& c : central_) {
    std::string extra;
    if (c.zip64) {
      any_zip64 = true;
      Put16(&extra, 0x0001);
      Put16(&extra, 24);
      Put64(&extra, c.size);
      Put64(&extra, c.compressed);
      Put64(&extra, c.offset);
    }
    Put32(&archive, 0x02014b50);
    Put16(&archive, (3 << 8) | (c.zip64 ? 45 : 20));  // made by Unix
    Put16(&archive, c.zip64 ? 45 : 20);
    Put16(&archive, c.flags);
    Put16(&archive, c.method);
    Put16(&archive, kDosTime);
    Put16(&archive, kDosDate);
    Put32(&archive, c.crc);
    Put32(&archive, c.zip64 ? kMarker32 : c.compressed);
    Put32(&archive, c.zip64 ? kMarker32 : c.size);
    Put16(&archive, c.name.size());
    Put16(&archive, extra.size());
    Put16(&archive, 0);  // comment
    Put16(&archive, 0);  // disk
    Put16(&archive, 0);  // internal attributes
    Put32(&archive, 0);  // external attributes
    Put32(&archive, c.zip64 ? kMarker32 : c.offset);
    archive += c.name;
    archive += extra;
  }
  uint64_t directory_bytes = archive.size() - directory_offset;
  if (any_zip64) {
    uint64_t record_offset = archive.size();
    Put32(&archive, 0x06064b50);
    Put64(&archive, 44);
    Put16(&archive, (3 << 8) | 45);
    Put16(&archive, 45);
    Put32(&archive, 0);
    Put32(&archive, 0);
    Put64(&archive, central_.size());
    Put64(&archive, central_.size());
    Put64(&archive, directory_bytes);
    Put64(&archive, directory_offset);
    Put32(&archive, 0x07064b50);  // locator
    Put32(&archive, 0);
    Put64(&archive, record_offset);
    Put32(&archive, 1);
  }
  Put32(&archive, 0x06054b50);
  Put16(&archive, 0);
  Put16(&archive, 0);
  Put16(&archive, central_.size());
  Put16(&archive, central_.size());
  Put32(&archive, directory_bytes);
  Put32(&archive, directory_offset);
  Put16(&archive, 0);
  return archive;
}

}  // namespace sparkdx::testing

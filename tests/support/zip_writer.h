// Test builder for zip archives in memory, written for tests. It follows the
// archive shape PROTOCOLS.md §1.5 describes for the History Server's /logs
// download (java.util.zip.ZipOutputStream) and the zip format (APPNOTE 6.3):
//
//   local header  PK\3\4 | version | flags | method | time | date | crc-32 |
//                 compressed size | size | name length | extra length | name | extra
//   data          stored bytes or raw deflate (zlib, window bits -15)
//   descriptor    [PK\7\8] | crc-32 | compressed size | size   (flag bit 3; sizes
//                 are 8 bytes each with ZIP64)
//   central directory headers PK\1\2, then [ZIP64 end record and locator] and
//   the end record PK\5\6.
//
// Knobs make broken archives: a wrong CRC, unsafe names (pass them as the
// name), an encrypted flag, an unknown method, a missing central directory;
// truncation is a substr() of the result.
#ifndef SPARKDX_TESTS_SUPPORT_ZIP_WRITER_H_
#define SPARKDX_TESTS_SUPPORT_ZIP_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx::testing {

struct ZipEntryOptions {
  enum class Method { kStored, kDeflated };
  Method method = Method::kDeflated;
  int deflate_level = 6;
  // General-purpose bit 3: zero CRC and sizes in the local header, the real
  // ones in a data descriptor after the data (what ZipOutputStream writes).
  bool data_descriptor = false;
  bool descriptor_signature = true;  // the optional PK\7\8 before the descriptor
  // A ZIP64 extra field in the local header (header sizes 0xFFFFFFFF) and
  // 8-byte sizes in the descriptor.
  bool zip64 = false;

  // Breakage.
  bool wrong_crc = false;       // every stored CRC (header, descriptor, central) is off by one bit
  bool encrypted_flag = false;  // flag bit 0; the data is written unencrypted
  std::optional<uint16_t> method_number;  // written instead of 0/8 (e.g. 99 for AES, 12 for bzip2)
  std::optional<uint32_t> header_size_override;  // written as both local-header sizes
};

// Where one entry landed in the archive.
struct ZipEntryLayout {
  std::string name;
  size_t header_offset = 0;  // its local header
  size_t data_offset = 0;    // its first data byte
  size_t data_bytes = 0;     // compressed bytes
  size_t end_offset = 0;     // one past its data descriptor (or data)
};

class ZipWriter {
 public:
  // Adds a file entry; returns its layout.
  const ZipEntryLayout& AddFile(const std::string& name, std::string_view data, const ZipEntryOptions& options = {});
  // Adds a directory entry ("name/"), as ZipOutputStream writes it: by
  // default deflated (an empty deflate stream) with a data descriptor.
  const ZipEntryLayout& AddDirectory(const std::string& name, const ZipEntryOptions& options = DirectoryDefaults());
  // Appends arbitrary bytes where the next header would go.
  void AddRawBytes(std::string_view bytes);

  // The whole archive: entries, then (when `central_directory`) the central
  // directory and end record(s).
  std::string Finish(bool central_directory = true) const;

  const std::vector<ZipEntryLayout>& entries() const { return layouts_; }
  // Offset where the central directory starts in Finish()'s output.
  size_t central_directory_offset() const { return out_.size(); }

  static ZipEntryOptions DirectoryDefaults() {
    ZipEntryOptions options;
    options.data_descriptor = true;
    return options;
  }

 private:
  struct Central {
    std::string name;
    uint16_t flags = 0;
    uint16_t method = 0;
    uint32_t crc = 0;
    uint64_t compressed = 0;
    uint64_t size = 0;
    uint64_t offset = 0;
    bool zip64 = false;
  };

  std::string out_;
  std::vector<Central> central_;
  std::vector<ZipEntryLayout> layouts_;
};

// Raw deflate (no zlib or gzip wrapper) of `data`.
std::string RawDeflate(std::string_view data, int level = 6);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_ZIP_WRITER_H_

// The streaming zip reader against archives built by our ZipWriter
// (PROTOCOLS.md §1.5); the authentic java.util.zip archive of a History
// Server download is checked in tests/unit/codec/java_fixtures_test.cc.
#include "input/zip_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/chunk_sweep.h"
#include "support/spark_event_text.h"
#include "support/zip_writer.h"

namespace sparkdx {
namespace {

using testing::DefaultSparkEventText;
using testing::DescribeStatus;
using testing::ReadZipAll;
using testing::ZipEntryLayout;
using testing::ZipEntryOptions;
using testing::ZipReadResult;
using testing::ZipWriter;

constexpr ZipEntryOptions::Method kStored = ZipEntryOptions::Method::kStored;

ZipEntryOptions Stored() {
  ZipEntryOptions options;
  options.method = kStored;
  return options;
}

ZipEntryOptions Deflated(bool descriptor, bool signature = true) {
  ZipEntryOptions options;
  options.data_descriptor = descriptor;
  options.descriptor_signature = signature;
  return options;
}

std::string Label(const std::string& name, size_t offset) {
  return "zip entry \"" + name + "\" (at byte " + std::to_string(offset) + ")";
}

// The History Server's shape: a rolling directory and a second attempt.
ZipWriter HistoryServerArchive(const std::string& text) {
  ZipWriter zip;
  zip.AddDirectory("eventlog_v2_app-1_1/");
  zip.AddFile("eventlog_v2_app-1_1/appstatus_app-1_1", "", Deflated(true));
  zip.AddFile("eventlog_v2_app-1_1/events_10_app-1_1", text.substr(0, 5000), Deflated(true));
  zip.AddFile("eventlog_v2_app-1_1/events_1_app-1_1", text.substr(5000, 70000), Deflated(true));
  zip.AddFile("app-1_2", text, Deflated(true));
  return zip;
}

TEST(ZipReaderTest, ReadsStoredAndDeflatedEntries) {
  const std::string& text = DefaultSparkEventText();
  ZipWriter zip;
  const ZipEntryLayout stored = zip.AddFile("stored.json", text.substr(0, 1000), Stored());
  const ZipEntryLayout deflated = zip.AddFile("deflated.json", text, Deflated(false));
  const ZipEntryLayout empty = zip.AddFile("empty.json", "", Stored());
  ZipReadResult result = ReadZipAll(zip.Finish());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  ASSERT_EQ(result.entries.size(), 3u);
  EXPECT_EQ(result.entries[0].name, "stored.json");
  EXPECT_EQ(result.entries[0].offset, stored.header_offset);
  EXPECT_EQ(result.entries[0].data, text.substr(0, 1000));
  EXPECT_EQ(result.entries[1].name, "deflated.json");
  EXPECT_EQ(result.entries[1].offset, deflated.header_offset);
  EXPECT_TRUE(result.entries[1].data == text);
  EXPECT_EQ(result.entries[2].offset, empty.header_offset);
  EXPECT_EQ(result.entries[2].data, "");
  for (const ZipReadResult::Entry& entry : result.entries) {
    EXPECT_TRUE(entry.ended);
    EXPECT_EQ(DescribeStatus(entry.status), "ok") << entry.name;
  }
  EXPECT_TRUE(result.skipped.empty());
}

TEST(ZipReaderTest, ReadsDataDescriptorsWithAndWithoutTheirSignature) {
  const std::string& text = DefaultSparkEventText();
  ZipWriter zip;
  zip.AddFile("signed", text, Deflated(true, true));
  zip.AddFile("unsigned", text.substr(0, 3000), Deflated(true, false));
  zip.AddFile("empty-unsigned", "", Deflated(true, false));
  zip.AddFile("after", "tail\n", Stored());
  ZipReadResult result = ReadZipAll(zip.Finish());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  ASSERT_EQ(result.entries.size(), 4u);
  EXPECT_TRUE(result.entries[0].data == text);
  EXPECT_EQ(result.entries[1].data, text.substr(0, 3000));
  EXPECT_EQ(result.entries[2].data, "");
  EXPECT_EQ(result.entries[3].data, "tail\n");
  for (const ZipReadResult::Entry& entry : result.entries) EXPECT_EQ(DescribeStatus(entry.status), "ok") << entry.name;
}

TEST(ZipReaderTest, ReadsZip64Entries) {
  const std::string& text = DefaultSparkEventText();
  ZipEntryOptions stored64 = Stored();
  stored64.zip64 = true;
  ZipEntryOptions deflated64 = Deflated(false);
  deflated64.zip64 = true;
  ZipEntryOptions streamed64 = Deflated(true);
  streamed64.zip64 = true;  // 8-byte sizes in the descriptor
  ZipEntryOptions streamed64_unsigned = streamed64;
  streamed64_unsigned.descriptor_signature = false;
  ZipWriter zip;
  zip.AddFile("stored64", text.substr(0, 2000), stored64);
  zip.AddFile("deflated64", text, deflated64);
  zip.AddFile("streamed64", text, streamed64);
  zip.AddFile("streamed64-unsigned", text.substr(100, 999), streamed64_unsigned);
  zip.AddFile("plain", "x", Stored());
  ZipReadResult result = ReadZipAll(zip.Finish());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  ASSERT_EQ(result.entries.size(), 5u);
  EXPECT_EQ(result.entries[0].data, text.substr(0, 2000));
  EXPECT_TRUE(result.entries[1].data == text);
  EXPECT_TRUE(result.entries[2].data == text);
  EXPECT_EQ(result.entries[3].data, text.substr(100, 999));
  EXPECT_EQ(result.entries[4].data, "x");
  for (const ZipReadResult::Entry& entry : result.entries) EXPECT_EQ(DescribeStatus(entry.status), "ok") << entry.name;
}

TEST(ZipReaderTest, DirectoryEntriesAreNotDelivered) {
  ZipWriter zip;
  zip.AddDirectory("eventlog_v2_a/");                // ZipOutputStream: deflated, with a descriptor
  zip.AddDirectory("stored_dir/", Stored());         // other tools: stored, sizes in the header
  zip.AddFile("eventlog_v2_a/events_1_a", "{}\n", Deflated(true));
  ZipReadResult result = ReadZipAll(zip.Finish());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  ASSERT_EQ(result.entries.size(), 1u);
  EXPECT_EQ(result.entries[0].name, "eventlog_v2_a/events_1_a");
  EXPECT_EQ(result.entries[0].data, "{}\n");
  EXPECT_TRUE(result.skipped.empty());
}

TEST(ZipReaderTest, ReadsSeveralAttemptsInArchiveOrder) {
  const std::string& text = DefaultSparkEventText();
  ZipWriter zip = HistoryServerArchive(text);
  std::string archive = zip.Finish();
  ZipReadResult result = ReadZipAll(archive);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  ASSERT_EQ(result.entries.size(), 4u);
  EXPECT_EQ(result.entries[0].name, "eventlog_v2_app-1_1/appstatus_app-1_1");
  EXPECT_EQ(result.entries[1].name, "eventlog_v2_app-1_1/events_10_app-1_1");
  EXPECT_EQ(result.entries[2].name, "eventlog_v2_app-1_1/events_1_app-1_1");
  EXPECT_EQ(result.entries[3].name, "app-1_2");
  EXPECT_TRUE(result.entries[3].data == text);
  for (size_t i = 0; i < result.entries.size(); ++i) {
    EXPECT_EQ(result.entries[i].offset, zip.entries()[i + 1].header_offset);
  }
}

TEST(ZipReaderTest, SkipsAndReportsUnsafeNames) {
  ZipWriter zip;
  const char* const unsafe[] = {"../../x", "/etc/passwd", "a/../../b", "..\\evil", "\\abs", "C:\\Windows\\x", ".."};
  std::vector<size_t> offsets;
  for (const char* name : unsafe) {
    offsets.push_back(zip.AddFile(name, "payload", Stored()).header_offset);
    // The same with an unknown size: the deflate stream still shows its end.
    offsets.push_back(zip.AddFile(name, "payload", Deflated(true)).header_offset);
  }
  zip.AddFile("safe/..name/x..", "ok\n", Stored());
  ZipReadResult result = ReadZipAll(zip.Finish());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  ASSERT_EQ(result.entries.size(), 1u);
  EXPECT_EQ(result.entries[0].name, "safe/..name/x..");
  EXPECT_EQ(result.entries[0].data, "ok\n");
  ASSERT_EQ(result.skipped.size(), 2 * std::size(unsafe));
  for (size_t i = 0; i < result.skipped.size(); ++i) {
    const std::string name = unsafe[i / 2];
    EXPECT_EQ(result.skipped[i].name, name);
    EXPECT_EQ(result.skipped[i].offset, offsets[i]);
    EXPECT_EQ(DescribeStatus(result.skipped[i].why),
              "corrupt: unsafe " + Label(name, offsets[i]) + ": absolute or climbing out of the archive");
  }
}

TEST(ZipReaderTest, SafeNameRules) {
  EXPECT_TRUE(ZipReader::IsSafeEntryName("app.zstd"));
  EXPECT_TRUE(ZipReader::IsSafeEntryName("eventlog_v2_a/events_1_a"));
  EXPECT_TRUE(ZipReader::IsSafeEntryName("dir/"));
  EXPECT_TRUE(ZipReader::IsSafeEntryName("a..b/..c/d.."));
  EXPECT_TRUE(ZipReader::IsSafeEntryName("./x"));
  EXPECT_FALSE(ZipReader::IsSafeEntryName(""));
  EXPECT_FALSE(ZipReader::IsSafeEntryName("/etc/passwd"));
  EXPECT_FALSE(ZipReader::IsSafeEntryName("\\x"));
  EXPECT_FALSE(ZipReader::IsSafeEntryName("c:x"));
  EXPECT_FALSE(ZipReader::IsSafeEntryName(".."));
  EXPECT_FALSE(ZipReader::IsSafeEntryName("../x"));
  EXPECT_FALSE(ZipReader::IsSafeEntryName("a/.."));
  EXPECT_FALSE(ZipReader::IsSafeEntryName("a\\..\\..\\b"));
}

TEST(ZipReaderTest, ReportsCrcMismatchesAndKeepsReading) {
  const std::string& text = DefaultSparkEventText();
  for (ZipEntryOptions options : {Stored(), Deflated(false), Deflated(true), Deflated(true, false)}) {
    SCOPED_TRACE(std::string(options.method == kStored ? "stored" : "deflated") +
                 (options.data_descriptor ? " with descriptor" : ""));
    options.wrong_crc = true;
    ZipWriter zip;
    zip.AddFile("bad", text.substr(0, 20000), options);
    zip.AddFile("good", "fine\n", Stored());
    ZipReadResult result = ReadZipAll(zip.Finish());
    EXPECT_EQ(DescribeStatus(result.status), "ok");
    ASSERT_EQ(result.entries.size(), 2u);
    // The bytes were delivered as they streamed; the verdict comes at the end.
    EXPECT_EQ(result.entries[0].data, text.substr(0, 20000));
    EXPECT_EQ(DescribeStatus(result.entries[0].status), "corrupt: " + Label("bad", 0) + " fails its crc-32 check");
    EXPECT_EQ(DescribeStatus(result.entries[1].status), "ok");
  }
}

TEST(ZipReaderTest, ReportsSizesThatDisagreeWithTheData) {
  ZipEntryOptions options = Deflated(false);
  options.header_size_override = 12345;
  ZipWriter zip;
  zip.AddFile("sized", DefaultSparkEventText().substr(0, 100), options);
  ZipReadResult result = ReadZipAll(zip.Finish());
  ASSERT_EQ(result.entries.size(), 1u);
  EXPECT_EQ(DescribeStatus(result.entries[0].status),
            "corrupt: " + Label("sized", 0) + ": data does not match the sizes in its header");
}

TEST(ZipReaderTest, SkipsEncryptedAndUnknownMethodEntriesOfKnownSize) {
  ZipEntryOptions encrypted = Stored();
  encrypted.encrypted_flag = true;
  ZipEntryOptions encrypted_deflated = Deflated(false);
  encrypted_deflated.encrypted_flag = true;
  ZipEntryOptions bzip2 = Stored();
  bzip2.method_number = 12;
  ZipWriter zip;
  size_t a = zip.AddFile("secret", "hidden bytes", encrypted).header_offset;
  size_t b = zip.AddFile("secret2", DefaultSparkEventText().substr(0, 5000), encrypted_deflated).header_offset;
  size_t c = zip.AddFile("bz", "BZh9 pretend", bzip2).header_offset;
  zip.AddFile("visible", "seen\n", Stored());
  ZipReadResult result = ReadZipAll(zip.Finish());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  ASSERT_EQ(result.entries.size(), 1u);
  EXPECT_EQ(result.entries[0].data, "seen\n");
  ASSERT_EQ(result.skipped.size(), 3u);
  EXPECT_EQ(DescribeStatus(result.skipped[0].why), "unsupported: encrypted " + Label("secret", a));
  EXPECT_EQ(DescribeStatus(result.skipped[1].why), "unsupported: encrypted " + Label("secret2", b));
  EXPECT_EQ(DescribeStatus(result.skipped[2].why),
            "unsupported: " + Label("bz", c) + " uses compression method 12 (only stored and deflated are supported)");
}

TEST(ZipReaderTest, StopsAtEntriesWhoseEndCannotBeFound) {
  // Encrypted or unknown-method data with its size only in a descriptor
  // (and stored data likewise): nothing marks where it ends.
  ZipEntryOptions encrypted = Deflated(true);
  encrypted.encrypted_flag = true;
  ZipEntryOptions aes = Deflated(true);
  aes.method_number = 99;
  ZipEntryOptions stored_streamed = Stored();
  stored_streamed.data_descriptor = true;
  struct Case {
    const char* what;
    ZipEntryOptions options;
    bool skipped;  // reported through OnEntrySkipped; otherwise begun, then ended with the error
  };
  const Case cases[] = {{"encrypted", encrypted, true}, {"method 99", aes, true}, {"stored", stored_streamed, false}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    ZipWriter zip;
    zip.AddFile("first", "one\n", Stored());
    size_t offset = zip.AddFile("blocked", "some data\n", c.options).header_offset;
    zip.AddFile("never", "two\n", Stored());
    ZipReadResult result = ReadZipAll(zip.Finish());
    std::string expected = "unsupported: " + Label("blocked", offset) +
                           " has no size in its header and only deflated data shows where it ends; the rest of "
                           "the archive cannot be located";
    EXPECT_EQ(DescribeStatus(result.status), expected);
    ASSERT_EQ(result.entries.size(), c.skipped ? 1u : 2u);
    EXPECT_EQ(result.entries[0].data, "one\n");
    EXPECT_EQ(DescribeStatus(result.entries[0].status), "ok");
    if (c.skipped) {
      ASSERT_EQ(result.skipped.size(), 1u);
      EXPECT_EQ(result.skipped[0].name, "blocked");
      EXPECT_EQ(result.skipped[0].offset, offset);
    } else {
      EXPECT_TRUE(result.skipped.empty());
      EXPECT_EQ(result.entries[1].name, "blocked");
      EXPECT_EQ(DescribeStatus(result.entries[1].status), expected);
    }
  }
}

TEST(ZipReaderTest, TruncatedArchiveKeepsWholeEntriesAndNamesTheCut) {
  const std::string& text = DefaultSparkEventText();
  ZipWriter zip = HistoryServerArchive(text);
  std::string archive = zip.Finish();
  const std::vector<ZipEntryLayout>& layout = zip.entries();
  std::vector<size_t> points;
  for (const ZipEntryLayout& entry : layout) {
    for (size_t delta : {size_t{1}, size_t{3}, size_t{4}, size_t{20}, size_t{30}, size_t{31}}) {
      points.push_back(entry.header_offset + delta);
    }
    points.push_back(entry.data_offset);
    points.push_back(entry.data_offset + entry.data_bytes / 2);
    points.push_back(entry.data_offset + entry.data_bytes);  // inside the descriptor
    points.push_back(entry.end_offset - 1);
    points.push_back(entry.end_offset);  // a clean cut between entries
  }
  for (size_t cut : points) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    ZipReadResult result = ReadZipAll(std::string_view(archive).substr(0, cut));
    std::string expected = "ok";
    size_t whole = 0;
    for (size_t i = 0; i < layout.size(); ++i) {
      const ZipEntryLayout& entry = layout[i];
      if (entry.end_offset <= cut) {
        if (entry.name.back() != '/') ++whole;
        continue;
      }
      if (entry.header_offset >= cut) break;
      expected = cut < entry.data_offset
                     ? "truncated: zip archive ends inside a header at byte " + std::to_string(cut)
                     : "truncated: " + Label(entry.name, entry.header_offset) +
                           " is cut short: the archive ends at byte " + std::to_string(cut);
      break;
    }
    if (expected == "ok") {
      expected = "truncated: zip archive ends at byte " + std::to_string(cut) + " without its central directory";
    }
    EXPECT_EQ(DescribeStatus(result.status), expected);
    size_t ended_ok = 0;
    for (const ZipReadResult::Entry& entry : result.entries) {
      EXPECT_TRUE(entry.ended) << entry.name;
      if (entry.status.ok()) ++ended_ok;
    }
    EXPECT_EQ(ended_ok, whole);
    // A torn file entry is ended with the same truncation status.
    if (result.entries.size() > whole) {
      EXPECT_EQ(DescribeStatus(result.entries.back().status), expected);
    }
  }
}

TEST(ZipReaderTest, MissingCentralDirectoryIsATruncation) {
  ZipWriter zip = HistoryServerArchive(DefaultSparkEventText());
  std::string archive = zip.Finish(/*central_directory=*/false);
  ZipReadResult result = ReadZipAll(archive);
  EXPECT_EQ(DescribeStatus(result.status), "truncated: zip archive ends at byte " + std::to_string(archive.size()) +
                                               " without its central directory");
  ASSERT_EQ(result.entries.size(), 4u);
  for (const ZipReadResult::Entry& entry : result.entries) EXPECT_EQ(DescribeStatus(entry.status), "ok");
}

TEST(ZipReaderTest, EmptyAndGarbageArchives) {
  EXPECT_EQ(DescribeStatus(ReadZipAll("").status), "corrupt: empty zip archive");
  ZipWriter empty;
  ZipReadResult no_entries = ReadZipAll(empty.Finish());
  EXPECT_EQ(DescribeStatus(no_entries.status), "ok");
  EXPECT_TRUE(no_entries.entries.empty());
  ZipWriter zip;
  zip.AddFile("a", "1\n", Stored());
  zip.AddRawBytes("junk");
  size_t junk_at = zip.entries()[0].end_offset;
  ZipReadResult garbage = ReadZipAll(zip.Finish());
  EXPECT_EQ(DescribeStatus(garbage.status),
            "corrupt: expected a zip header at byte " + std::to_string(junk_at) + ", found 6a 75 6e 6b");
  ASSERT_EQ(garbage.entries.size(), 1u);
  EXPECT_EQ(garbage.entries[0].data, "1\n");
  // A spanned-archive marker before the first header is skipped.
  ZipWriter spanned;
  spanned.AddRawBytes(std::string("PK\x07\x08", 4));
  spanned.AddFile("a", "1\n", Stored());
  ZipReadResult marked = ReadZipAll(spanned.Finish());
  EXPECT_EQ(DescribeStatus(marked.status), "ok");
  ASSERT_EQ(marked.entries.size(), 1u);
  EXPECT_EQ(marked.entries[0].offset, 4u);
}

TEST(ZipReaderTest, CorruptDeflateDataFailsTheArchive) {
  const std::string& text = DefaultSparkEventText();
  ZipWriter zip;
  const ZipEntryLayout& entry = zip.AddFile("broken", text, Deflated(true));
  size_t data_offset = entry.data_offset;
  std::string archive = zip.Finish();
  archive[data_offset] = static_cast<char>(0x07);  // block type 3 (reserved)
  ZipReadResult result = ReadZipAll(archive);
  EXPECT_EQ(DescribeStatus(result.status),
            "corrupt: corrupt deflate data in " + Label("broken", 0) + ": invalid block type");
  ASSERT_EQ(result.entries.size(), 1u);
  EXPECT_EQ(DescribeStatus(result.entries[0].status), DescribeStatus(result.status));
}

TEST(ZipReaderTest, SinkCanDiscardAnEntryOrAbortTheArchive) {
  const std::string& text = DefaultSparkEventText();
  for (ZipEntryOptions options : {Stored(), Deflated(true)}) {
    ZipWriter zip;
    zip.AddFile("big", text, options);
    zip.AddFile("next", "after\n", Stored());
    std::string archive = zip.Finish();
    {
      ZipReadResult result;
      testing::RecordingZipSink sink(&result);
      sink.set_verdict(ZipEntrySink::DataVerdict::kDiscardEntry, 1);
      ZipReader reader(&sink);
      // In pieces, so a stored entry's data comes in several calls too.
      for (size_t at = 0; at < archive.size(); at += 1000) {
        size_t piece = std::min<size_t>(1000, archive.size() - at);
        ASSERT_EQ(DescribeStatus(reader.Feed(reinterpret_cast<const uint8_t*>(archive.data() + at), piece)), "ok");
      }
      EXPECT_EQ(DescribeStatus(reader.Finish()), "ok");
      ASSERT_EQ(result.entries.size(), 2u);
      EXPECT_LT(result.entries[0].data.size(), text.size());
      EXPECT_EQ(DescribeStatus(result.entries[0].status), "ok");  // still checked to its end
      EXPECT_EQ(result.entries[1].data, "after\n");
    }
    {
      ZipReadResult result;
      testing::RecordingZipSink sink(&result);
      sink.set_verdict(ZipEntrySink::DataVerdict::kAbortArchive, 1);
      ZipReader reader(&sink);
      Status status = reader.Feed(reinterpret_cast<const uint8_t*>(archive.data()), archive.size());
      EXPECT_EQ(DescribeStatus(status), "resource_exhausted: reading stopped inside " + Label("big", 0));
      EXPECT_EQ(DescribeStatus(reader.Finish()), DescribeStatus(status));
      ASSERT_EQ(result.entries.size(), 1u);
      EXPECT_EQ(DescribeStatus(result.entries[0].status), DescribeStatus(status));
    }
  }
}

TEST(ZipReaderTest, EveryChunkSplitGivesTheSameResult) {
  const std::string& text = DefaultSparkEventText();
  // Small: every split point of an archive with every kind of entry.
  ZipWriter small;
  small.AddDirectory("d/");
  small.AddFile("d/stored", "stored bytes\n", Stored());
  small.AddFile("d/deflated", text.substr(0, 1200), Deflated(true));
  small.AddFile("d/unsigned", text.substr(0, 300), Deflated(true, false));
  ZipEntryOptions zip64 = Deflated(true);
  zip64.zip64 = true;
  small.AddFile("d/zip64", text.substr(0, 200), zip64);
  small.AddFile("../evil", "x", Stored());
  ZipEntryOptions encrypted = Stored();
  encrypted.encrypted_flag = true;
  small.AddFile("d/secret", "y", encrypted);
  ZipEntryOptions bad_crc = Stored();
  bad_crc.wrong_crc = true;
  small.AddFile("d/badcrc", "z\n", bad_crc);
  std::string small_archive = small.Finish();
  ASSERT_LT(small_archive.size(), 4096u);
  EXPECT_TRUE(testing::SweepZipReader(small_archive));
  EXPECT_TRUE(testing::SweepZipReader(small_archive.substr(0, small_archive.size() / 2)));

  // Big: the History Server shape, whole and cut.
  std::string archive = HistoryServerArchive(text).Finish();
  EXPECT_TRUE(testing::SweepZipReader(archive));
  EXPECT_TRUE(testing::SweepZipReader(archive.substr(0, archive.size() - 300)));
}

}  // namespace
}  // namespace sparkdx

// zstd event logs (PROTOCOLS.md §5.6): many frames, because Spark closes a
// frame on every flush, plus skippable frames and torn last frames of
// in-progress logs. Frames come from libzstd; the authentic zstd-jni output
// is checked in java_fixtures_test.cc.
#include "codec/zstd_decompressor.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/chunk_sweep.h"
#include "support/library_encoders.h"
#include "support/spark_event_text.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using testing::CollectingSink;
using testing::DecodeAll;
using testing::DefaultSparkEventText;
using testing::DescribeStatus;
using testing::FrameLayout;
using testing::ZstdCompress;
using testing::ZstdOptions;
using testing::ZstdSkippableFrame;

constexpr CodecKind kZstd = CodecKind::kZstd;

// Spark-like: a frame per flush, a flush every `every` events.
ZstdOptions SparkLike(const std::string& text, size_t every, int skippable_every = 0) {
  ZstdOptions options;
  options.cuts = testing::LineCuts(text, every);
  options.skippable_every = skippable_every;
  return options;
}

TEST(ZstdTest, RoundTripsSparkEventTextInOneFrame) {
  const std::string& text = DefaultSparkEventText();
  for (int level : {1, 3, 19}) {
    for (bool checksum : {false, true}) {
      ZstdOptions options;
      options.level = level;
      options.checksum = checksum;
      options.content_size = checksum;
      testing::DecodeResult result = DecodeAll(kZstd, ZstdCompress(text, options));
      EXPECT_EQ(DescribeStatus(result.status), "ok") << "level " << level;
      EXPECT_TRUE(result.output == text) << "level " << level;
    }
  }
}

TEST(ZstdTest, DecodesManyFramesAndSkippableFramesLikeCloseFrameOnFlush) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = ZstdCompress(text, SparkLike(text, 2, 3), &layout);
  ASSERT_GT(layout.size(), 200u);
  testing::DecodeResult result = DecodeAll(kZstd, stream);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
  // Skippable frames of every magic nibble, empty ones, and one at the very end.
  std::string tail;
  for (uint8_t nibble = 0; nibble < 16; ++nibble) tail += ZstdSkippableFrame(nibble, nibble % 2 ? "" : "payload");
  EXPECT_TRUE(DecodeAll(kZstd, stream + tail).output == text);
  EXPECT_EQ(DescribeStatus(DecodeAll(kZstd, stream + tail).status), "ok");
}

TEST(ZstdTest, EmptyInputEmptyFramesAndSkippableFramesAloneDecodeToNothing) {
  testing::DecodeResult empty = DecodeAll(kZstd, "");
  EXPECT_EQ(DescribeStatus(empty.status), "ok");
  EXPECT_EQ(empty.writes, 0u);
  testing::DecodeResult empty_frame = DecodeAll(kZstd, ZstdCompress(""));
  EXPECT_EQ(DescribeStatus(empty_frame.status), "ok");
  EXPECT_EQ(empty_frame.output, "");
  testing::DecodeResult skippable = DecodeAll(kZstd, ZstdSkippableFrame(0, "x") + ZstdSkippableFrame(15, ""));
  EXPECT_EQ(DescribeStatus(skippable.status), "ok");
  EXPECT_EQ(skippable.output, "");
}

TEST(ZstdTest, RejectsCorruptionRightAfterTheMagic) {
  // Frame header descriptor 0x08: the reserved bit is set.
  std::string reserved_bit("\x28\xb5\x2f\xfd\x08\x00\x01\x00\x00", 9);
  reserved_bit += std::string(11, '\0');
  EXPECT_EQ(DescribeStatus(DecodeAll(kZstd, reserved_bit).status),
            "corrupt: corrupt zstd data in the frame starting at byte 0: Unsupported frame parameter");
  // A good frame header, then a block of the reserved type 3 (libzstd's
  // wording of this error differs between versions, so only the prefix).
  std::string reserved_block("\x28\xb5\x2f\xfd\x00\x00\x07\x00\x00", 9);
  reserved_block += std::string(11, '\0');
  testing::DecodeResult result = DecodeAll(kZstd, reserved_block);
  EXPECT_EQ(result.status.code(), StatusCode::kCorrupt) << DescribeStatus(result.status);
  EXPECT_EQ(result.status.message().rfind("corrupt zstd data in the frame starting at byte 0: ", 0), 0u)
      << result.status.message();
  // A frame header cut short is truncation, not corruption.
  EXPECT_EQ(DescribeStatus(DecodeAll(kZstd, std::string("\x28\xb5\x2f\xfd\xe4", 5)).status),
            "truncated: truncated zstd frame at byte 0 (input ends at byte 5)");
  // Not a zstd magic at all after a good frame.
  std::string good = ZstdCompress("first\n");
  testing::DecodeResult after = DecodeAll(kZstd, good + "garbage!");
  EXPECT_EQ(DescribeStatus(after.status), "corrupt: corrupt zstd data in the frame starting at byte " +
                                              std::to_string(good.size()) + ": Unknown frame descriptor");
  EXPECT_EQ(after.output, "first\n");
}

TEST(ZstdTest, CorruptFrameKeepsEveryEarlierFrame) {
  const std::string& text = DefaultSparkEventText();
  ZstdOptions options = SparkLike(text, 5);
  options.checksum = true;
  std::vector<FrameLayout> layout;
  std::string stream = ZstdCompress(text, options, &layout);
  const FrameLayout& frame = layout[20];
  // The last 4 bytes of a frame with a checksum are XXH64's low half.
  stream[frame.offset + frame.encoded_bytes - 2] ^= 0x01;
  testing::DecodeResult result = DecodeAll(kZstd, stream);
  EXPECT_EQ(DescribeStatus(result.status), "corrupt: corrupt zstd data in the frame starting at byte " +
                                               std::to_string(frame.offset) + ": Restored data doesn't match checksum");
  // The frame's own bytes reach the sink before its checksum is checked.
  EXPECT_TRUE(result.output.size() >= frame.decoded_offset &&
              result.output.size() <= frame.decoded_offset + frame.decoded_bytes);
  EXPECT_TRUE(text.compare(0, result.output.size(), result.output) == 0);
}

TEST(ZstdTest, TruncatedStreamDeliversWhatItCanAndNamesTheTornFrame) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = ZstdCompress(text, SparkLike(text, 6, 4), &layout);
  testing::ExpectCutsKeepWholeFrames(kZstd, text, stream, layout, {0, 1, 4, 5, 8, 9}, 1, "zstd frame");
}

TEST(ZstdTest, TornBigFrameStillDeliversItsCompleteBlocks) {
  // One 300 KB frame holds several 128 KiB blocks; cut in the last one.
  const std::string& text = DefaultSparkEventText();
  std::string stream = ZstdCompress(text);
  testing::DecodeResult result = DecodeAll(kZstd, std::string_view(stream).substr(0, stream.size() - 100));
  EXPECT_EQ(DescribeStatus(result.status), "truncated: truncated zstd frame at byte 0 (input ends at byte " +
                                               std::to_string(stream.size() - 100) + ")");
  EXPECT_GE(result.output.size(), 128u * 1024);
  EXPECT_TRUE(text.compare(0, result.output.size(), result.output) == 0);
}

TEST(ZstdTest, SinkReturningFalseStopsDecoding) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = ZstdCompress(text, SparkLike(text, 10), &layout);
  std::unique_ptr<Decompressor> decoder = MakeDecompressor(kZstd);
  CollectingSink sink(/*stop_after=*/3);
  Status status = decoder->Decode(reinterpret_cast<const uint8_t*>(stream.data()), stream.size(), &sink);
  EXPECT_EQ(DescribeStatus(status), "ok");
  EXPECT_EQ(sink.writes, 3u);
  EXPECT_TRUE(sink.output == text.substr(0, layout[2].decoded_offset + layout[2].decoded_bytes));
}

TEST(ZstdTest, EveryChunkSplitGivesTheSameResult) {
  std::string small_text = DefaultSparkEventText().substr(0, 6000);
  ZstdOptions small = SparkLike(small_text, 1, 2);
  std::string small_stream = ZstdCompress(small_text, small);
  ASSERT_LT(small_stream.size(), 4096u);
  EXPECT_TRUE(testing::SweepDecoder(kZstd, small_stream));
  EXPECT_TRUE(testing::SweepDecoder(kZstd, small_stream.substr(0, small_stream.size() - 7)));

  const std::string& text = DefaultSparkEventText();
  std::string stream = ZstdCompress(text, SparkLike(text, 3, 7));
  EXPECT_TRUE(testing::SweepDecoder(kZstd, stream));
  EXPECT_TRUE(testing::SweepDecoder(kZstd, stream.substr(0, stream.size() / 2)));
  std::string corrupt = stream + "not zstd";
  EXPECT_TRUE(testing::SweepDecoder(kZstd, corrupt));
}

// Logs written by Spark 4.1 itself (zstd-jni, closeFrameOnFlush), when the
// shared corpus is present: every frame decodes to the lines Spark wrote.
TEST(ZstdTest, DecodesRealSparkLogsFromTheCorpus) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "the shared event-log corpus (../shared/eventlogs) is not present";
  struct Case {
    const char* path;
    size_t lines;
  };
  const Case cases[] = {
      {"mcp-spark-history-server/spark-events/application_1713000000000_0001_1.zstd", 81},
      {"mcp-spark-history-server/spark-events/application_1713000000000_0001_2.zstd", 268},
      {"mcp-spark-history-server/spark-events/local-1776286804625.zstd", 268},
  };
  int found = 0;
  for (const Case& c : cases) {
    std::ifstream file(corpus + "/" + c.path, std::ios::binary);
    if (!file) continue;
    ++found;
    std::stringstream bytes;
    bytes << file.rdbuf();
    testing::DecodeResult result = DecodeAll(kZstd, bytes.str());
    EXPECT_EQ(DescribeStatus(result.status), "ok") << c.path;
    EXPECT_EQ(testing::CountLines(result.output), c.lines) << c.path;
    // Sweep the smallest one only: a one-byte-chunk pass over all is slow.
    if (c.lines == 81) EXPECT_TRUE(testing::SweepDecoder(kZstd, bytes.str())) << c.path;
  }
  if (found == 0) GTEST_SKIP() << "the corpus has none of the Spark 4.1 zstd logs";
}

}  // namespace
}  // namespace sparkdx

namespace sparkdx {
namespace {

// Regression: a corrupt block in the middle of a many-block frame. zstd does
// not report output written by a call that fails, so the decoder must feed it
// one block per call; otherwise good blocks before the corrupt one were lost,
// more or fewer depending on how the input was split.
TEST(ZstdRegressionTest, CorruptBlockMidFrameKeepsEveryEarlierBlockUnderEverySplit) {
  std::string text;
  for (int i = 0; text.size() < (3u << 20); ++i) {
    text += "{\"Event\":\"SparkListenerTaskEnd\",\"Task Info\":{\"Task ID\":" + std::to_string(i * 7919 % 100003) +
            ",\"Launch Time\":" + std::to_string(1700000000000 + i * 37) + "}}\n";
  }
  std::string frame(ZSTD_compressBound(text.size()), '\0');
  frame.resize(ZSTD_compress(frame.data(), frame.size(), text.data(), text.size(), 1));
  // Walk the blocks (3-byte headers: last flag, type, size) and mark the
  // middle one with the reserved block type, which zstd must reject. (Flipping
  // payload bytes is not enough: without a checksum zstd may decode them.)
  std::vector<size_t> block_starts;
  // Frame header (RFC 8878 3.1.1.1): magic, descriptor, optional window byte,
  // dictionary id and content size.
  uint8_t descriptor = static_cast<uint8_t>(frame[4]);
  bool single_segment = descriptor & 0x20;
  const size_t kDictionaryIdBytes[] = {0, 1, 2, 4};
  const size_t kContentSizeBytes[] = {single_segment ? size_t{1} : size_t{0}, 2, 4, 8};
  size_t pos = 5 + (single_segment ? 0 : 1) + kDictionaryIdBytes[descriptor & 3] + kContentSizeBytes[descriptor >> 6];
  for (;;) {
    block_starts.push_back(pos);
    uint32_t header = static_cast<uint8_t>(frame[pos]) | (static_cast<uint8_t>(frame[pos + 1]) << 8) |
                      (static_cast<uint8_t>(frame[pos + 2]) << 16);
    uint32_t type = (header >> 1) & 3, size = header >> 3;
    pos += 3 + (type == 1 ? 1 : size);
    if (header & 1) break;
  }
  ASSERT_GT(block_starts.size(), 8u);
  std::string corrupt = frame;
  corrupt[block_starts[block_starts.size() / 2]] |= 0x06;  // block type 3: reserved
  testing::DecodeResult whole = testing::DecodeAll(CodecKind::kZstd, corrupt);
  ASSERT_FALSE(whole.status.ok());
  EXPECT_GT(whole.output.size(), text.size() / 3) << "the blocks before the damage must be delivered";
  EXPECT_EQ(text.compare(0, whole.output.size(), whole.output), 0);
  EXPECT_TRUE(testing::SweepDecoder(CodecKind::kZstd, corrupt));
}

}  // namespace
}  // namespace sparkdx

// lz4-java "LZ4Block" streams (PROTOCOLS.md §5.3), written by our test
// encoder; the authentic lz4-java output is checked in java_fixtures_test.cc.
#include "codec/lz4_block_decompressor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/chunk_sweep.h"
#include "support/library_encoders.h"
#include "support/lz4_java_writer.h"
#include "support/spark_event_text.h"

namespace sparkdx {
namespace {

using testing::CollectingSink;
using testing::DecodeAll;
using testing::DefaultSparkEventText;
using testing::DescribeStatus;
using testing::Lz4JavaBlock;
using testing::Lz4JavaCompress;
using testing::Lz4JavaHeader;
using testing::Lz4JavaOptions;
using testing::Lz4JavaWriter;

constexpr CodecKind kLz4 = CodecKind::kLz4Block;

std::string Compress(const std::string& text, Lz4JavaWriter* writer, const std::vector<size_t>& flushes = {},
                     bool end_mark = true) {
  size_t written = 0;
  for (size_t cut : flushes) {
    writer->Write(std::string_view(text).substr(written, cut - written));
    writer->Flush();
    written = cut;
  }
  writer->Write(std::string_view(text).substr(written));
  writer->Finish(end_mark);
  return writer->bytes();
}

TEST(Lz4BlockTest, RoundTripsSparkEventText) {
  const std::string& text = DefaultSparkEventText();
  Lz4JavaWriter writer;
  std::string stream = Compress(text, &writer);
  // Spark's 32 KiB blocks: token 0x25 (LZ4, level 5), last a RAW end mark 0x15.
  ASSERT_GE(writer.blocks().size(), 10u);
  EXPECT_EQ(static_cast<uint8_t>(stream[8]), 0x25);
  EXPECT_EQ(static_cast<uint8_t>(stream[writer.blocks().back().offset + 8]), 0x15);
  EXPECT_EQ(stream.size(), writer.blocks().back().offset + 21);
  testing::DecodeResult result = DecodeAll(kLz4, stream);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
}

TEST(Lz4BlockTest, LevelFollowsTheBlockSize) {
  EXPECT_EQ(Lz4JavaWriter::CompressionLevel(64), 0);
  EXPECT_EQ(Lz4JavaWriter::CompressionLevel(1024), 0);
  EXPECT_EQ(Lz4JavaWriter::CompressionLevel(1025), 1);
  EXPECT_EQ(Lz4JavaWriter::CompressionLevel(32 * 1024), 5);
  EXPECT_EQ(Lz4JavaWriter::CompressionLevel(64 * 1024), 6);
  EXPECT_EQ(Lz4JavaWriter::CompressionLevel(32 << 20), 15);
}

TEST(Lz4BlockTest, RoundTripsEveryBlockSizeWithFlushesAndRawBlocks) {
  const std::string text = DefaultSparkEventText().substr(0, 100000);
  for (size_t block_size : {size_t{64}, size_t{1000}, size_t{4096}, size_t{65536}, size_t{1} << 20}) {
    SCOPED_TRACE("block size " + std::to_string(block_size));
    Lz4JavaWriter writer(block_size);
    std::string stream = Compress(text, &writer, testing::LineCuts(text, 3));
    testing::DecodeResult result = DecodeAll(kLz4, stream);
    EXPECT_EQ(DescribeStatus(result.status), "ok");
    EXPECT_TRUE(result.output == text);
  }
  Lz4JavaWriter raw;
  raw.set_force_raw(true);
  std::string stream = Compress(text, &raw);
  EXPECT_EQ(static_cast<uint8_t>(stream[8]), 0x15);
  EXPECT_EQ(DecodeAll(kLz4, stream).output, text);
}

TEST(Lz4BlockTest, IncompressibleBlocksAreWrittenRawAndDecoded) {
  std::string noise;
  uint32_t state = 7;
  for (int i = 0; i < 50000; ++i) {
    state = state * 1664525u + 1013904223u;
    noise.push_back(static_cast<char>(state >> 24));
  }
  Lz4JavaWriter writer;
  std::string stream = Compress(noise, &writer);
  ASSERT_TRUE(writer.blocks()[0].raw);
  EXPECT_EQ(static_cast<uint8_t>(stream[8]), 0x15);
  EXPECT_TRUE(DecodeAll(kLz4, stream).output == noise);
}

TEST(Lz4BlockTest, EmptyInputAndAnEndMarkAloneDecodeToNothing) {
  testing::DecodeResult empty = DecodeAll(kLz4, "");
  EXPECT_EQ(DescribeStatus(empty.status), "ok");
  EXPECT_EQ(empty.writes, 0u);
  // lz4-java's close() on a stream that never got a byte: just the end mark.
  std::string end_mark = Lz4JavaCompress("");
  ASSERT_EQ(end_mark, Lz4JavaHeader(0x15, 0, 0, 0));
  testing::DecodeResult marked = DecodeAll(kLz4, end_mark);
  EXPECT_EQ(DescribeStatus(marked.status), "ok");
  EXPECT_EQ(marked.output, "");
}

TEST(Lz4BlockTest, AcceptsAMissingEndMarkAsAnInProgressLogHas) {
  const std::string& text = DefaultSparkEventText();
  Lz4JavaOptions options;
  options.end_mark = false;
  testing::DecodeResult result = DecodeAll(kLz4, Lz4JavaCompress(text, options));
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
}

TEST(Lz4BlockTest, DecodesConcatenatedStreams) {
  const std::string& text = DefaultSparkEventText();
  for (bool end_mark : {true, false}) {
    Lz4JavaOptions options;
    options.streams = 3;
    options.end_mark = end_mark;
    options.flush_points = testing::LineCuts(text, 50);
    testing::DecodeResult result = DecodeAll(kLz4, Lz4JavaCompress(text, options));
    EXPECT_EQ(DescribeStatus(result.status), "ok");
    EXPECT_TRUE(result.output == text);
  }
  // Streams of different block sizes (tokens 0x25 then 0x2a) back to back.
  std::string mixed = Lz4JavaCompress(text.substr(0, 1000)) +
                      Lz4JavaCompress(text.substr(1000), Lz4JavaOptions{.block_size = 1 << 20});
  EXPECT_TRUE(DecodeAll(kLz4, mixed).output == text);
}

TEST(Lz4BlockTest, RejectsCorruptionRightAfterTheMagic) {
  std::string stream = Lz4JavaCompress("hello\n");
  std::string bad_method = stream;
  bad_method[8] = static_cast<char>(0x35);
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, bad_method).status),
            "corrupt: unknown lz4 block method (token 35) at byte 0");

  std::string bad_magic = stream;
  bad_magic[0] = 'l';
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, bad_magic).status), "corrupt: bad lz4 block magic at byte 0");

  // Decoded length above 1 << (10 + level): 40000 > 32768 for level 5.
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, Lz4JavaHeader(0x25, 100, 40000, 0)).status),
            "corrupt: invalid lz4 block lengths (compressed 100, decoded 40000) at byte 0");
  // RAW blocks store exactly the decoded bytes.
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, Lz4JavaHeader(0x15, 10, 11, 0)).status),
            "corrupt: invalid lz4 block lengths (compressed 10, decoded 11) at byte 0");
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, Lz4JavaHeader(0x25, -1, 10, 0)).status),
            "corrupt: invalid lz4 block lengths (compressed -1, decoded 10) at byte 0");
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, Lz4JavaHeader(0x25, 0, 10, 0)).status),
            "corrupt: invalid lz4 block lengths (compressed 0, decoded 10) at byte 0");
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, Lz4JavaHeader(0x15, 0, 0, 0x123)).status),
            "corrupt: lz4 end-of-stream block with a checksum at byte 0");
}

TEST(Lz4BlockTest, BadMagicInALaterBlockNamesItsOffset) {
  const std::string& text = DefaultSparkEventText();
  Lz4JavaWriter writer;
  std::string stream = Compress(text, &writer);
  const Lz4JavaBlock& third = writer.blocks()[2];
  stream[third.offset + 3] = 'X';
  testing::DecodeResult result = DecodeAll(kLz4, stream);
  EXPECT_EQ(DescribeStatus(result.status), "corrupt: bad lz4 block magic at byte " + std::to_string(third.offset));
  EXPECT_TRUE(result.output == text.substr(0, third.decoded_offset));
}

TEST(Lz4BlockTest, DetectsChecksumCorruption) {
  const std::string& text = DefaultSparkEventText();
  Lz4JavaWriter writer;
  std::string stream = Compress(text, &writer);
  const Lz4JavaBlock& block = writer.blocks()[3];
  std::string expected_prefix = text.substr(0, block.decoded_offset);
  std::string expected_error = "corrupt: lz4 block checksum mismatch at byte " + std::to_string(block.offset);

  std::string bad_checksum = stream;
  bad_checksum[block.offset + 17] ^= 0x01;
  testing::DecodeResult result = DecodeAll(kLz4, bad_checksum);
  EXPECT_EQ(DescribeStatus(result.status), expected_error);
  EXPECT_TRUE(result.output == expected_prefix);

  // The stored value is masked to 28 bits; a high-nibble bit makes it unequal too.
  std::string high_bit = stream;
  high_bit[block.offset + 20] ^= 0x10;
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, high_bit).status), expected_error);

  // A flipped byte in a RAW payload is only caught by the checksum.
  Lz4JavaWriter raw_writer;
  raw_writer.set_force_raw(true);
  std::string raw = Compress(text.substr(0, 100000), &raw_writer);
  raw[raw_writer.blocks()[1].offset + 21 + 500] ^= 0x20;
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, raw).status),
            "corrupt: lz4 block checksum mismatch at byte " + std::to_string(raw_writer.blocks()[1].offset));
}

TEST(Lz4BlockTest, RejectsAPayloadThatIsNotLz4) {
  // A block whose payload is not a valid LZ4 block of the declared size.
  std::string stream = Lz4JavaHeader(0x25, 4, 100, 0) + std::string("\xf0\xff\xff\xff", 4);
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4, stream).status), "corrupt: corrupt lz4 block at byte 0");
}

// The expected outcome of decoding stream[0, cut): every complete block, and
// kTruncated naming the torn block when the cut is inside one.
void ExpectCutOutcome(const std::string& text, const std::string& stream, const std::vector<Lz4JavaBlock>& blocks,
                      size_t cut) {
  SCOPED_TRACE("cut at " + std::to_string(cut));
  size_t decoded = 0;
  std::string expected_status = "ok";
  for (const Lz4JavaBlock& block : blocks) {
    if (block.offset + block.encoded_bytes <= cut) {
      decoded = block.decoded_offset + block.decoded_bytes;
    } else if (block.offset < cut) {
      expected_status = "truncated: truncated lz4 block at byte " + std::to_string(block.offset) +
                        " (input ends at byte " + std::to_string(cut) + ")";
    }
  }
  testing::DecodeResult result = DecodeAll(kLz4, std::string_view(stream).substr(0, cut));
  EXPECT_EQ(DescribeStatus(result.status), expected_status);
  EXPECT_TRUE(result.output == text.substr(0, decoded)) << result.output.size() << " vs " << decoded;
}

TEST(Lz4BlockTest, TruncatedStreamDeliversEveryWholeBlockAndNamesTheTornOne) {
  const std::string& text = DefaultSparkEventText();
  Lz4JavaWriter writer;
  std::string stream = Compress(text, &writer, testing::LineCuts(text, 40));
  std::vector<size_t> cuts;
  for (const Lz4JavaBlock& block : writer.blocks()) {
    for (size_t delta : {size_t{0}, size_t{1}, size_t{8}, size_t{9}, size_t{20}, size_t{21}, size_t{22}}) {
      cuts.push_back(block.offset + delta);
    }
    cuts.push_back(block.offset + block.encoded_bytes - 1);
  }
  for (size_t k = 1; k < 100; ++k) cuts.push_back(stream.size() * k / 100);
  for (size_t cut : cuts) {
    if (cut <= stream.size()) ExpectCutOutcome(text, stream, writer.blocks(), cut);
  }
}

TEST(Lz4BlockTest, SinkReturningFalseStopsDecoding) {
  const std::string& text = DefaultSparkEventText();
  Lz4JavaWriter writer;
  std::string stream = Compress(text, &writer);
  std::unique_ptr<Decompressor> decoder = MakeDecompressor(kLz4);
  CollectingSink sink(/*stop_after=*/2);
  Status status = decoder->Decode(reinterpret_cast<const uint8_t*>(stream.data()), stream.size(), &sink);
  EXPECT_EQ(DescribeStatus(status), "ok");
  EXPECT_EQ(sink.writes, 2u);
  EXPECT_TRUE(sink.output == text.substr(0, 2 * 32768));
}

TEST(Lz4BlockTest, EveryChunkSplitGivesTheSameResult) {
  // Small: 64-byte blocks, flushes and RAW blocks, every split point.
  std::string small_text = DefaultSparkEventText().substr(0, 1500);
  Lz4JavaWriter small(64);
  std::string small_stream = Compress(small_text, &small, {10, 11, 200, 700});
  ASSERT_LT(small_stream.size(), 4096u);
  size_t plans = 0;
  EXPECT_TRUE(testing::SweepDecoder(kLz4, small_stream, &plans));
  EXPECT_GT(plans, small_stream.size() - 2);

  // Big: the whole log, concatenated streams.
  Lz4JavaOptions options;
  options.streams = 2;
  options.flush_points = testing::LineCuts(DefaultSparkEventText(), 25);
  EXPECT_TRUE(testing::SweepDecoder(kLz4, Lz4JavaCompress(DefaultSparkEventText(), options)));

  // Broken streams must fail identically however they are split.
  Lz4JavaWriter writer;
  std::string stream = Compress(DefaultSparkEventText(), &writer);
  std::string corrupt = stream;
  corrupt[writer.blocks()[4].offset + 17] ^= 0x40;
  EXPECT_TRUE(testing::SweepDecoder(kLz4, corrupt));
  EXPECT_TRUE(testing::SweepDecoder(kLz4, stream.substr(0, writer.blocks()[5].offset + 30)));
}

}  // namespace
}  // namespace sparkdx

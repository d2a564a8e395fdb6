// snappy-java SnappyOutputStream streams (PROTOCOLS.md §5.4), written by our
// test encoder; the authentic snappy-java output is checked in
// java_fixtures_test.cc.
#include "codec/snappy_java_decompressor.h"

#include <gtest/gtest.h>

#include <snappy.h>

#include <string>
#include <vector>

#include "support/chunk_sweep.h"
#include "support/library_encoders.h"
#include "support/snappy_java_writer.h"
#include "support/spark_event_text.h"

namespace sparkdx {
namespace {

using testing::CollectingSink;
using testing::DecodeAll;
using testing::DefaultSparkEventText;
using testing::DescribeStatus;
using testing::SnappyJavaChunk;
using testing::SnappyJavaCompress;
using testing::SnappyJavaHeader;
using testing::SnappyJavaOptions;
using testing::SnappyJavaWriter;

constexpr CodecKind kSnappy = CodecKind::kSnappyJava;

std::string Be32(uint32_t value) {
  std::string bytes;
  for (int i = 3; i >= 0; --i) bytes.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  return bytes;
}

std::string RawSnappy(std::string_view data) {
  std::string block;
  snappy::Compress(data.data(), data.size(), &block);
  return block;
}

TEST(SnappyJavaTest, RoundTripsSparkEventText) {
  const std::string& text = DefaultSparkEventText();
  std::string stream = SnappyJavaCompress(text);
  ASSERT_EQ(stream.substr(0, 16), std::string("\x82SNAPPY\0\0\0\0\x01\0\0\0\x01", 16));
  testing::DecodeResult result = DecodeAll(kSnappy, stream);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
}

TEST(SnappyJavaTest, RoundTripsSmallChunksFromFlushesAndOtherBlockSizes) {
  const std::string text = DefaultSparkEventText().substr(0, 120000);
  for (size_t block_size : {size_t{1024}, size_t{32768}, size_t{1} << 20}) {
    SCOPED_TRACE("block size " + std::to_string(block_size));
    SnappyJavaOptions options;
    options.block_size = block_size;
    options.flush_points = testing::LineCuts(text, 1);  // a flush after every event
    testing::DecodeResult result = DecodeAll(kSnappy, SnappyJavaCompress(text, options));
    EXPECT_EQ(DescribeStatus(result.status), "ok");
    EXPECT_TRUE(result.output == text);
  }
}

TEST(SnappyJavaTest, EmptyInputAndAHeaderAloneDecodeToNothing) {
  testing::DecodeResult empty = DecodeAll(kSnappy, "");
  EXPECT_EQ(DescribeStatus(empty.status), "ok");
  EXPECT_EQ(empty.writes, 0u);
  // snappy-java's close() on an unused stream writes just the header.
  testing::DecodeResult header = DecodeAll(kSnappy, SnappyJavaCompress(""));
  EXPECT_EQ(DescribeStatus(header.status), "ok");
  EXPECT_EQ(header.output, "");
}

TEST(SnappyJavaTest, DecodesConcatenatedStreams) {
  const std::string& text = DefaultSparkEventText();
  SnappyJavaOptions options;
  options.streams = 4;
  options.flush_points = testing::LineCuts(text, 7);
  std::string stream = SnappyJavaCompress(text, options);
  testing::DecodeResult result = DecodeAll(kSnappy, stream);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
  // A second header right after the first (an empty first stream).
  EXPECT_EQ(DecodeAll(kSnappy, SnappyJavaHeader() + SnappyJavaCompress("abc\n")).output, "abc\n");
}

TEST(SnappyJavaTest, RejectsCorruptionRightAfterTheMagic) {
  EXPECT_EQ(DescribeStatus(DecodeAll(kSnappy, SnappyJavaHeader(1, 2) + Be32(3) + "abc").status),
            "unsupported: unsupported snappy-java stream version 1 (compatible 2) at byte 0");
  EXPECT_EQ(DescribeStatus(DecodeAll(kSnappy, SnappyJavaHeader(0, 1)).status),
            "unsupported: unsupported snappy-java stream version 0 (compatible 1) at byte 0");
  std::string bad_magic = SnappyJavaCompress("hello\n");
  bad_magic[7] = 'x';
  EXPECT_EQ(DescribeStatus(DecodeAll(kSnappy, bad_magic).status), "corrupt: bad snappy-java stream magic at byte 0");
  // Chunk lengths: zero, and absurdly large.
  EXPECT_EQ(DescribeStatus(DecodeAll(kSnappy, SnappyJavaHeader() + Be32(0)).status),
            "corrupt: invalid snappy-java chunk length 0 at byte 16");
  EXPECT_EQ(DescribeStatus(DecodeAll(kSnappy, SnappyJavaHeader() + Be32(0x7fffffff)).status),
            "corrupt: invalid snappy-java chunk length 2147483647 at byte 16");
  // A chunk that is not a snappy block.
  EXPECT_EQ(DescribeStatus(DecodeAll(kSnappy, SnappyJavaHeader() + Be32(3) + "\xff\xff\xff").status),
            "corrupt: corrupt snappy chunk header at byte 16");
  std::string block = RawSnappy("hello hello hello hello\n");
  block[block.size() - 1] = static_cast<char>(0xff);
  block[1] = static_cast<char>(0x7f);  // a copy tag where literals were
  EXPECT_EQ(DescribeStatus(DecodeAll(kSnappy, SnappyJavaHeader() + Be32(static_cast<uint32_t>(block.size())) + block)
                               .status),
            "corrupt: corrupt snappy chunk at byte 16");
}

TEST(SnappyJavaTest, ABadSecondHeaderIsReportedAtItsOffset) {
  std::string first = SnappyJavaCompress("first\n");
  std::string second = SnappyJavaHeader(2, 9) + Be32(3);
  testing::DecodeResult result = DecodeAll(kSnappy, first + second);
  EXPECT_EQ(DescribeStatus(result.status), "unsupported: unsupported snappy-java stream version 2 (compatible 9) at byte " +
                                               std::to_string(first.size()));
  EXPECT_EQ(result.output, "first\n");
}

TEST(SnappyJavaTest, CorruptChunkKeepsEverythingBeforeIt) {
  const std::string& text = DefaultSparkEventText();
  SnappyJavaWriter writer;
  writer.Write(text);
  writer.Flush();
  std::string stream = writer.bytes();
  const SnappyJavaChunk& chunk = writer.chunks()[3];
  stream[chunk.offset + 4] = static_cast<char>(0xff);  // the varint of the decoded length
  stream[chunk.offset + 5] = static_cast<char>(0xff);
  stream[chunk.offset + 6] = static_cast<char>(0xff);
  stream[chunk.offset + 7] = static_cast<char>(0xff);
  stream[chunk.offset + 8] = static_cast<char>(0xff);
  testing::DecodeResult result = DecodeAll(kSnappy, stream);
  EXPECT_EQ(DescribeStatus(result.status), "corrupt: corrupt snappy chunk header at byte " + std::to_string(chunk.offset));
  EXPECT_TRUE(result.output == text.substr(0, chunk.decoded_offset));
}

void ExpectCutOutcome(const std::string& text, const std::string& stream, const SnappyJavaWriter& writer, size_t cut) {
  SCOPED_TRACE("cut at " + std::to_string(cut));
  size_t decoded = 0;
  std::string torn_at;
  for (size_t header : writer.header_offsets()) {
    if (header < cut && cut < header + 16) torn_at = std::to_string(header);
  }
  for (const SnappyJavaChunk& chunk : writer.chunks()) {
    if (chunk.offset + chunk.encoded_bytes <= cut) {
      decoded = chunk.decoded_offset + chunk.decoded_bytes;
    } else if (chunk.offset < cut) {
      torn_at = std::to_string(chunk.offset);
    }
  }
  std::string expected_status = "ok";
  if (!torn_at.empty()) {
    expected_status =
        "truncated: truncated snappy-java chunk at byte " + torn_at + " (input ends at byte " + std::to_string(cut) + ")";
  }
  testing::DecodeResult result = DecodeAll(kSnappy, std::string_view(stream).substr(0, cut));
  EXPECT_EQ(DescribeStatus(result.status), expected_status);
  EXPECT_TRUE(result.output == text.substr(0, decoded)) << result.output.size() << " vs " << decoded;
}

TEST(SnappyJavaTest, TruncatedStreamDeliversEveryWholeChunkAndNamesTheTornOne) {
  const std::string& text = DefaultSparkEventText();
  SnappyJavaWriter writer;
  size_t written = 0;
  std::vector<size_t> cuts = testing::LineCuts(text, 30);
  for (size_t i = 0; i < cuts.size(); ++i) {
    writer.Write(std::string_view(text).substr(written, cuts[i] - written));
    written = cuts[i];
    if (i == cuts.size() / 2) {
      writer.StartNewStream();
    } else {
      writer.Flush();
    }
  }
  writer.Write(std::string_view(text).substr(written));
  writer.Flush();
  const std::string& stream = writer.bytes();
  std::vector<size_t> points;
  for (size_t header : writer.header_offsets()) {
    for (size_t delta = 0; delta <= 17; ++delta) points.push_back(header + delta);
  }
  for (const SnappyJavaChunk& chunk : writer.chunks()) {
    for (size_t delta : {size_t{0}, size_t{1}, size_t{3}, size_t{4}, size_t{5}}) points.push_back(chunk.offset + delta);
    points.push_back(chunk.offset + chunk.encoded_bytes - 1);
  }
  for (size_t k = 1; k < 100; ++k) points.push_back(stream.size() * k / 100);
  for (size_t cut : points) {
    if (cut <= stream.size()) ExpectCutOutcome(text, stream, writer, cut);
  }
}

TEST(SnappyJavaTest, SinkReturningFalseStopsDecoding) {
  const std::string& text = DefaultSparkEventText();
  std::string stream = SnappyJavaCompress(text);
  std::unique_ptr<Decompressor> decoder = MakeDecompressor(kSnappy);
  CollectingSink sink(/*stop_after=*/1);
  Status status = decoder->Decode(reinterpret_cast<const uint8_t*>(stream.data()), stream.size(), &sink);
  EXPECT_EQ(DescribeStatus(status), "ok");
  EXPECT_EQ(sink.writes, 1u);
  EXPECT_TRUE(sink.output == text.substr(0, 32768));
}

TEST(SnappyJavaTest, EveryChunkSplitGivesTheSameResult) {
  std::string small_text = DefaultSparkEventText().substr(0, 2500);
  SnappyJavaOptions small;
  small.block_size = 1024;
  small.flush_points = {5, 6, 100, 1500};
  small.streams = 2;
  std::string small_stream = SnappyJavaCompress(small_text, small);
  ASSERT_LT(small_stream.size(), 4096u);
  EXPECT_TRUE(testing::SweepDecoder(kSnappy, small_stream));

  SnappyJavaOptions big;
  big.streams = 3;
  big.flush_points = testing::LineCuts(DefaultSparkEventText(), 10);
  std::string stream = SnappyJavaCompress(DefaultSparkEventText(), big);
  EXPECT_TRUE(testing::SweepDecoder(kSnappy, stream));
  EXPECT_TRUE(testing::SweepDecoder(kSnappy, stream.substr(0, stream.size() - 100)));
  std::string corrupt = stream;
  corrupt[stream.size() / 2] ^= 0x55;
  EXPECT_TRUE(testing::SweepDecoder(kSnappy, corrupt));
}

}  // namespace
}  // namespace sparkdx

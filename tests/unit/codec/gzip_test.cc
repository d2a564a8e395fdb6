// gzip (RFC 1952) with several members, as Databricks' rotated chunks and
// `cat a.gz b.gz` give. Members come from zlib.
#include "codec/gzip_decompressor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/chunk_sweep.h"
#include "support/library_encoders.h"
#include "support/spark_event_text.h"

namespace sparkdx {
namespace {

using testing::CollectingSink;
using testing::DecodeAll;
using testing::DefaultSparkEventText;
using testing::DescribeStatus;
using testing::FrameLayout;
using testing::GzipCompress;

constexpr CodecKind kGzip = CodecKind::kGzip;

TEST(GzipTest, RoundTripsSparkEventText) {
  const std::string& text = DefaultSparkEventText();
  std::string stream = GzipCompress(text);
  ASSERT_EQ(stream.substr(0, 2), "\x1f\x8b");
  testing::DecodeResult result = DecodeAll(kGzip, stream);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
}

TEST(GzipTest, DecodesSeveralMembers) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = GzipCompress(text, testing::LineCuts(text, 20), &layout);
  ASSERT_GT(layout.size(), 10u);
  testing::DecodeResult result = DecodeAll(kGzip, stream);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
  // An empty member between two others changes nothing.
  std::string with_empty = GzipCompress("a\n") + GzipCompress("") + GzipCompress("b\n");
  EXPECT_EQ(DecodeAll(kGzip, with_empty).output, "a\nb\n");
}

TEST(GzipTest, EmptyInputAndAnEmptyMemberDecodeToNothing) {
  testing::DecodeResult empty = DecodeAll(kGzip, "");
  EXPECT_EQ(DescribeStatus(empty.status), "ok");
  EXPECT_EQ(empty.writes, 0u);
  testing::DecodeResult empty_member = DecodeAll(kGzip, GzipCompress(""));
  EXPECT_EQ(DescribeStatus(empty_member.status), "ok");
  EXPECT_EQ(empty_member.output, "");
}

TEST(GzipTest, RejectsCorruptionRightAfterTheMagic) {
  // Compression method 7 instead of 8 (deflate).
  EXPECT_EQ(DescribeStatus(DecodeAll(kGzip, std::string("\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\x03", 10) +
                                                std::string(20, 'x'))
                               .status),
            "corrupt: corrupt gzip data in the member starting at byte 0: unknown compression method");
  EXPECT_EQ(DescribeStatus(DecodeAll(kGzip, std::string("\x1f\x8c\x08\x00", 4)).status),
            "corrupt: corrupt gzip data in the member starting at byte 0: incorrect header check");
  // Trailing bytes that are not another member.
  std::string member = GzipCompress("x\n");
  testing::DecodeResult trailing = DecodeAll(kGzip, member + "junk");
  EXPECT_EQ(DescribeStatus(trailing.status), "corrupt: unexpected bytes after the gzip member ending at byte " +
                                                 std::to_string(member.size()));
  EXPECT_EQ(trailing.output, "x\n");
}

TEST(GzipTest, DetectsCrcAndLengthCorruptionInTheTrailer) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = GzipCompress(text, testing::LineCuts(text, 100), &layout);
  const FrameLayout& second = layout[1];
  std::string bad_crc = stream;
  bad_crc[second.offset + second.encoded_bytes - 8] ^= 0x01;
  testing::DecodeResult result = DecodeAll(kGzip, bad_crc);
  EXPECT_EQ(DescribeStatus(result.status), "corrupt: corrupt gzip data in the member starting at byte " +
                                               std::to_string(second.offset) + ": incorrect data check");
  EXPECT_TRUE(result.output == text.substr(0, second.decoded_offset + second.decoded_bytes));
  std::string bad_length = stream;
  bad_length[second.offset + second.encoded_bytes - 4] ^= 0x01;
  EXPECT_EQ(DescribeStatus(DecodeAll(kGzip, bad_length).status),
            "corrupt: corrupt gzip data in the member starting at byte " + std::to_string(second.offset) +
                ": incorrect length check");
}

TEST(GzipTest, TruncatedStreamDeliversWhatItCanAndNamesTheTornMember) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = GzipCompress(text, testing::LineCuts(text, 40), &layout);
  testing::ExpectCutsKeepWholeFrames(kGzip, text, stream, layout, {0, 1, 2, 9, 10, 11}, 8, "gzip member");
}

TEST(GzipTest, SinkReturningFalseStopsDecoding) {
  const std::string& text = DefaultSparkEventText();
  std::string stream = GzipCompress(text);
  std::unique_ptr<Decompressor> decoder = MakeDecompressor(kGzip);
  CollectingSink sink(/*stop_after=*/1);
  Status status = decoder->Decode(reinterpret_cast<const uint8_t*>(stream.data()), stream.size(), &sink);
  EXPECT_EQ(DescribeStatus(status), "ok");
  EXPECT_EQ(sink.writes, 1u);
  EXPECT_TRUE(sink.output == text.substr(0, kDecodeBlockBytes));
}

TEST(GzipTest, EveryChunkSplitGivesTheSameResult) {
  std::string small_text = DefaultSparkEventText().substr(0, 9000);
  std::string small_stream = GzipCompress(small_text, {3000, 3001, 8000});
  ASSERT_LT(small_stream.size(), 4096u);
  EXPECT_TRUE(testing::SweepDecoder(kGzip, small_stream));
  EXPECT_TRUE(testing::SweepDecoder(kGzip, small_stream.substr(0, small_stream.size() - 5)));

  const std::string& text = DefaultSparkEventText();
  std::string stream = GzipCompress(text, testing::LineCuts(text, 50));
  EXPECT_TRUE(testing::SweepDecoder(kGzip, stream));
  std::string corrupt = stream;
  corrupt[stream.size() / 2] ^= 0x08;
  EXPECT_TRUE(testing::SweepDecoder(kGzip, corrupt));
}

}  // namespace
}  // namespace sparkdx

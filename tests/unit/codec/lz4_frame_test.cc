// LZ4 frame format (the lz4 command-line tool), with concatenated frames.
// Frames come from liblz4's frame API.
#include "codec/lz4_frame_decompressor.h"

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
using testing::Lz4FrameCompress;

constexpr CodecKind kLz4Frame = CodecKind::kLz4Frame;

TEST(Lz4FrameTest, RoundTripsSparkEventText) {
  const std::string& text = DefaultSparkEventText();
  for (bool checksum : {true, false}) {
    std::string stream = Lz4FrameCompress(text, {}, nullptr, checksum);
    ASSERT_EQ(stream.substr(0, 4), "\x04\x22\x4d\x18");
    testing::DecodeResult result = DecodeAll(kLz4Frame, stream);
    EXPECT_EQ(DescribeStatus(result.status), "ok");
    EXPECT_TRUE(result.output == text);
  }
}

TEST(Lz4FrameTest, DecodesConcatenatedFrames) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = Lz4FrameCompress(text, testing::LineCuts(text, 15), &layout);
  ASSERT_GT(layout.size(), 20u);
  testing::DecodeResult result = DecodeAll(kLz4Frame, stream);
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
}

TEST(Lz4FrameTest, EmptyInputAndAnEmptyFrameDecodeToNothing) {
  testing::DecodeResult empty = DecodeAll(kLz4Frame, "");
  EXPECT_EQ(DescribeStatus(empty.status), "ok");
  EXPECT_EQ(empty.writes, 0u);
  testing::DecodeResult empty_frame = DecodeAll(kLz4Frame, Lz4FrameCompress(""));
  EXPECT_EQ(DescribeStatus(empty_frame.status), "ok");
  EXPECT_EQ(empty_frame.output, "");
}

TEST(Lz4FrameTest, RejectsCorruptionRightAfterTheMagic) {
  // FLG version bits 00 instead of 01.
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4Frame, std::string("\x04\x22\x4d\x18\x00\x40\x00", 7)).status),
            "corrupt: corrupt lz4 frame starting at byte 0: ERROR_headerVersion_wrong");
  // A wrong header checksum byte.
  std::string stream = Lz4FrameCompress("hello\n");
  stream[6] ^= 0x01;
  EXPECT_EQ(DescribeStatus(DecodeAll(kLz4Frame, stream).status),
            "corrupt: corrupt lz4 frame starting at byte 0: ERROR_headerChecksum_invalid");
}

TEST(Lz4FrameTest, DetectsContentChecksumCorruption) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = Lz4FrameCompress(text, testing::LineCuts(text, 100), &layout);
  const FrameLayout& second = layout[1];
  stream[second.offset + second.encoded_bytes - 1] ^= 0x01;
  testing::DecodeResult result = DecodeAll(kLz4Frame, stream);
  EXPECT_EQ(DescribeStatus(result.status), "corrupt: corrupt lz4 frame starting at byte " +
                                               std::to_string(second.offset) + ": ERROR_contentChecksum_invalid");
  // The frame's blocks were delivered before its checksum was read, however
  // the input is split (see EveryChunkSplitGivesTheSameResult).
  EXPECT_TRUE(result.output == text.substr(0, second.decoded_offset + second.decoded_bytes));
}

TEST(Lz4FrameTest, TruncatedStreamDeliversWhatItCanAndNamesTheTornFrame) {
  const std::string& text = DefaultSparkEventText();
  std::vector<FrameLayout> layout;
  std::string stream = Lz4FrameCompress(text, testing::LineCuts(text, 60), &layout);
  testing::ExpectCutsKeepWholeFrames(kLz4Frame, text, stream, layout, {0, 1, 4, 6, 7, 11}, 8, "lz4 frame");
}

TEST(Lz4FrameTest, SinkReturningFalseStopsDecoding) {
  const std::string& text = DefaultSparkEventText();
  std::string stream = Lz4FrameCompress(text);
  std::unique_ptr<Decompressor> decoder = MakeDecompressor(kLz4Frame);
  CollectingSink sink(/*stop_after=*/1);
  Status status = decoder->Decode(reinterpret_cast<const uint8_t*>(stream.data()), stream.size(), &sink);
  EXPECT_EQ(DescribeStatus(status), "ok");
  EXPECT_EQ(sink.writes, 1u);
  EXPECT_TRUE(text.compare(0, sink.output.size(), sink.output) == 0);
}

TEST(Lz4FrameTest, EveryChunkSplitGivesTheSameResult) {
  std::string small_text = DefaultSparkEventText().substr(0, 5000);
  std::string small_stream = Lz4FrameCompress(small_text, {100, 101, 3000});
  ASSERT_LT(small_stream.size(), 4096u);
  EXPECT_TRUE(testing::SweepDecoder(kLz4Frame, small_stream));
  EXPECT_TRUE(testing::SweepDecoder(kLz4Frame, small_stream.substr(0, small_stream.size() - 3)));

  const std::string& text = DefaultSparkEventText();
  std::string stream = Lz4FrameCompress(text, testing::LineCuts(text, 30));
  EXPECT_TRUE(testing::SweepDecoder(kLz4Frame, stream));
  std::string corrupt = stream;
  corrupt[stream.size() - 2] ^= 0x08;
  EXPECT_TRUE(testing::SweepDecoder(kLz4Frame, corrupt));
}

}  // namespace
}  // namespace sparkdx

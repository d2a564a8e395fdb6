// compress-lzf LZFOutputStream chunks (PROTOCOLS.md §5.5), written by our
// own LZF compressor; the authentic compress-lzf output is checked in
// java_fixtures_test.cc.
#include "codec/lzf_decompressor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/chunk_sweep.h"
#include "support/library_encoders.h"
#include "support/lzf_writer.h"
#include "support/spark_event_text.h"

namespace sparkdx {
namespace {

using testing::CollectingSink;
using testing::DecodeAll;
using testing::DefaultSparkEventText;
using testing::DescribeStatus;
using testing::LzfChunk;
using testing::LzfCompress;
using testing::LzfCompressBlock;
using testing::LzfOptions;
using testing::LzfWriter;

constexpr CodecKind kLzf = CodecKind::kLzf;

std::string Decode(std::string_view block, size_t decoded_size, bool* ok) {
  std::string out(decoded_size, '\0');
  *ok = LzfDecodeBlock(reinterpret_cast<const uint8_t*>(block.data()), block.size(),
                       reinterpret_cast<uint8_t*>(out.data()), out.size());
  return out;
}

std::string Chunk(uint8_t type, std::string_view payload, size_t decoded = 0) {
  std::string chunk = "ZV";
  chunk.push_back(static_cast<char>(type));
  chunk.push_back(static_cast<char>(payload.size() >> 8));
  chunk.push_back(static_cast<char>(payload.size() & 0xff));
  if (type == 1) {
    chunk.push_back(static_cast<char>(decoded >> 8));
    chunk.push_back(static_cast<char>(decoded & 0xff));
  }
  return chunk + std::string(payload);
}

TEST(LzfTest, DecodesHandWrittenLiblzfSequences) {
  bool ok = false;
  // Literal run of 3 ("abc"), then a back-reference of length 3+2=5 at
  // distance 3 that overlaps the bytes it produces: "abcabcab".
  EXPECT_EQ(Decode(std::string("\x02" "abc" "\x60\x02", 6), 8, &ok), "abcabcab");
  EXPECT_TRUE(ok);
  // Distance 1 repeats one byte: a run.
  EXPECT_EQ(Decode(std::string("\x00" "z" "\xa0\x00", 4), 8, &ok), "zzzzzzzz");
  EXPECT_TRUE(ok);
  // Length 7 takes an extension byte: 7 + 10 + 2 = 19 copied bytes.
  EXPECT_EQ(Decode(std::string("\x00" "q" "\xe0\x0a\x00", 5), 20, &ok), std::string(20, 'q'));
  EXPECT_TRUE(ok);
  // The longest back-reference: 7 + 255 + 2 = 264.
  EXPECT_EQ(Decode(std::string("\x00" "q" "\xe0\xff\x00", 5), 265, &ok), std::string(265, 'q'));
  EXPECT_TRUE(ok);
  // A 13-bit distance: high bits in the control byte (0x20 | 0x01 => 256 + 0 + 1 = 257).
  std::string literals;
  for (int i = 0; i < 257; ++i) literals.push_back(static_cast<char>('a' + i % 26));
  std::string block;
  for (size_t at = 0; at < literals.size(); at += 32) {
    size_t run = std::min<size_t>(32, literals.size() - at);
    block.push_back(static_cast<char>(run - 1));
    block += literals.substr(at, run);
  }
  block += std::string("\x21\x00", 2);
  EXPECT_EQ(Decode(block, 260, &ok), literals + literals.substr(0, 3));
  EXPECT_TRUE(ok);
}

TEST(LzfTest, RejectsInconsistentBlocks) {
  bool ok = true;
  Decode(std::string("\x20\x05", 2), 3, &ok);  // a reference before the start
  EXPECT_FALSE(ok);
  Decode(std::string("\x05" "abc", 4), 6, &ok);  // a literal run past the input
  EXPECT_FALSE(ok);
  Decode(std::string("\x02" "abc", 4), 2, &ok);  // more output than declared
  EXPECT_FALSE(ok);
  Decode(std::string("\x02" "abc", 4), 4, &ok);  // less output than declared
  EXPECT_FALSE(ok);
  Decode(std::string("\x00" "a" "\xe0", 3), 20, &ok);  // a cut extension byte
  EXPECT_FALSE(ok);
  Decode(std::string("\x00" "a" "\x20", 3), 4, &ok);  // a cut distance byte
  EXPECT_FALSE(ok);
}

TEST(LzfTest, OurCompressorRoundTripsThroughTheDecoder) {
  std::vector<std::string> inputs = {"", "a", "ab", "abc", "abcabcabcabc", std::string(1000, 'x'),
                                     std::string(70000, '\0')};
  inputs.push_back(DefaultSparkEventText().substr(0, 65535));
  std::string noise;
  uint32_t state = 99;
  for (int i = 0; i < 5000; ++i) {
    state = state * 1664525u + 1013904223u;
    noise.push_back(static_cast<char>(state >> 24));
  }
  inputs.push_back(noise);
  for (const std::string& input : inputs) {
    SCOPED_TRACE("input of " + std::to_string(input.size()) + " bytes");
    std::string block = LzfCompressBlock(input);
    bool ok = false;
    EXPECT_TRUE(Decode(block, input.size(), &ok) == input);
    EXPECT_TRUE(ok);
  }
  // It really compresses, with long (extension-byte) and overlapping matches.
  std::string run_block = LzfCompressBlock(std::string(1000, 'x'));
  EXPECT_LT(run_block.size(), 20u);
  EXPECT_EQ(static_cast<uint8_t>(run_block[2]) >> 5, 7);  // the first reference uses the extension byte
}

TEST(LzfTest, RoundTripsSparkEventText) {
  const std::string& text = DefaultSparkEventText();
  LzfWriter writer;
  writer.Write(text);
  writer.Flush();
  ASSERT_TRUE(writer.chunks()[0].compressed);
  EXPECT_EQ(writer.chunks()[0].decoded_bytes, 65535u);
  EXPECT_EQ(writer.bytes().substr(0, 3), std::string("ZV\x01", 3));
  testing::DecodeResult result = DecodeAll(kLzf, writer.bytes());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
}

TEST(LzfTest, RoundTripsRawChunksFlushesAndSmallChunks) {
  const std::string& text = DefaultSparkEventText();
  LzfOptions options;
  options.flush_points = testing::LineCuts(text, 1);  // Spark: finishBlockOnFlush after every event
  EXPECT_TRUE(DecodeAll(kLzf, LzfCompress(text, options)).output == text);
  LzfWriter raw(1000);
  raw.set_force_raw(true);
  raw.Write(text);
  raw.Flush();
  EXPECT_EQ(raw.bytes().substr(0, 5), std::string("ZV\x00\x03\xe8", 5));
  testing::DecodeResult result = DecodeAll(kLzf, raw.bytes());
  EXPECT_EQ(DescribeStatus(result.status), "ok");
  EXPECT_TRUE(result.output == text);
  // Tiny chunks do not compress and are written raw.
  LzfWriter tiny;
  tiny.Write("{}\n");
  tiny.Flush();
  EXPECT_FALSE(tiny.chunks()[0].compressed);
  EXPECT_EQ(DecodeAll(kLzf, tiny.bytes()).output, "{}\n");
}

TEST(LzfTest, EmptyInputAndEmptyChunksDecodeToNothing) {
  testing::DecodeResult empty = DecodeAll(kLzf, "");
  EXPECT_EQ(DescribeStatus(empty.status), "ok");
  EXPECT_EQ(empty.writes, 0u);
  testing::DecodeResult empty_chunk = DecodeAll(kLzf, Chunk(0, "") + Chunk(0, "x"));
  EXPECT_EQ(DescribeStatus(empty_chunk.status), "ok");
  EXPECT_EQ(empty_chunk.output, "x");
}

TEST(LzfTest, ConcatenatedFilesAreJustMoreChunks) {
  const std::string& text = DefaultSparkEventText();
  std::string stream = LzfCompress(text.substr(0, 12345)) + LzfCompress(text.substr(12345));
  EXPECT_TRUE(DecodeAll(kLzf, stream).output == text);
}

TEST(LzfTest, RejectsCorruptionRightAfterTheMagic) {
  EXPECT_EQ(DescribeStatus(DecodeAll(kLzf, std::string("ZV\x02\x00\x01x", 6)).status),
            "corrupt: bad lzf chunk header (5a 56 02) at byte 0");
  EXPECT_EQ(DescribeStatus(DecodeAll(kLzf, "ZX").status), "truncated: truncated lzf chunk at byte 0 (input ends at byte 2)");
  std::string first = Chunk(0, "hello\n");
  testing::DecodeResult result = DecodeAll(kLzf, first + "ZW\x01\x00\x00\x00\x00");
  EXPECT_EQ(DescribeStatus(result.status), "corrupt: bad lzf chunk header (5a 57 01) at byte 11");
  EXPECT_EQ(result.output, "hello\n");
  // A compressed chunk whose data does not produce the declared length.
  EXPECT_EQ(DescribeStatus(DecodeAll(kLzf, first + Chunk(1, std::string("\x02" "abc", 4), 5)).status),
            "corrupt: corrupt lzf chunk at byte 11");
  EXPECT_EQ(DescribeStatus(DecodeAll(kLzf, Chunk(1, "", 5)).status), "corrupt: corrupt lzf chunk at byte 0");
  EXPECT_EQ(DescribeStatus(DecodeAll(kLzf, Chunk(1, std::string("\x20\x05", 2), 3)).status),
            "corrupt: corrupt lzf chunk at byte 0");
}

TEST(LzfTest, TruncatedStreamDeliversEveryWholeChunkAndNamesTheTornOne) {
  const std::string& text = DefaultSparkEventText();
  LzfWriter writer(20000);
  size_t written = 0;
  for (size_t cut : testing::LineCuts(text, 25)) {
    writer.Write(std::string_view(text).substr(written, cut - written));
    writer.Flush();
    written = cut;
  }
  writer.Write(std::string_view(text).substr(written));
  writer.Flush();
  const std::string& stream = writer.bytes();
  std::vector<size_t> points;
  for (const LzfChunk& chunk : writer.chunks()) {
    for (size_t delta = 0; delta <= 8; ++delta) points.push_back(chunk.offset + delta);
    points.push_back(chunk.offset + chunk.encoded_bytes - 1);
  }
  for (size_t k = 1; k < 100; ++k) points.push_back(stream.size() * k / 100);
  for (size_t cut : points) {
    if (cut > stream.size()) continue;
    SCOPED_TRACE("cut at " + std::to_string(cut));
    size_t decoded = 0;
    std::string expected_status = "ok";
    for (const LzfChunk& chunk : writer.chunks()) {
      if (chunk.offset + chunk.encoded_bytes <= cut) {
        decoded = chunk.decoded_offset + chunk.decoded_bytes;
      } else if (chunk.offset < cut) {
        expected_status = "truncated: truncated lzf chunk at byte " + std::to_string(chunk.offset) +
                          " (input ends at byte " + std::to_string(cut) + ")";
      }
    }
    testing::DecodeResult result = DecodeAll(kLzf, std::string_view(stream).substr(0, cut));
    EXPECT_EQ(DescribeStatus(result.status), expected_status);
    EXPECT_TRUE(result.output == text.substr(0, decoded)) << result.output.size() << " vs " << decoded;
  }
}

TEST(LzfTest, SinkReturningFalseStopsDecoding) {
  const std::string& text = DefaultSparkEventText();
  std::string stream = LzfCompress(text);
  std::unique_ptr<Decompressor> decoder = MakeDecompressor(kLzf);
  CollectingSink sink(/*stop_after=*/1);
  Status status = decoder->Decode(reinterpret_cast<const uint8_t*>(stream.data()), stream.size(), &sink);
  EXPECT_EQ(DescribeStatus(status), "ok");
  EXPECT_EQ(sink.writes, 1u);
  EXPECT_TRUE(sink.output == text.substr(0, 65535));
}

TEST(LzfTest, EveryChunkSplitGivesTheSameResult) {
  std::string small_text = DefaultSparkEventText().substr(0, 3000);
  LzfOptions small;
  small.chunk_size = 700;
  small.flush_points = {1, 2, 50, 1000};
  std::string small_stream = LzfCompress(small_text, small);
  ASSERT_LT(small_stream.size(), 4096u);
  EXPECT_TRUE(testing::SweepDecoder(kLzf, small_stream));

  LzfOptions big;
  big.flush_points = testing::LineCuts(DefaultSparkEventText(), 10);
  std::string stream = LzfCompress(DefaultSparkEventText(), big);
  EXPECT_TRUE(testing::SweepDecoder(kLzf, stream));
  EXPECT_TRUE(testing::SweepDecoder(kLzf, stream.substr(0, stream.size() - 3)));
  std::string corrupt = stream;
  corrupt[stream.size() / 3] ^= 0x11;
  EXPECT_TRUE(testing::SweepDecoder(kLzf, corrupt));
}

}  // namespace
}  // namespace sparkdx

#include "codec/sniff.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/decompressor.h"
#include "support/library_encoders.h"
#include "support/lz4_java_writer.h"
#include "support/lzf_writer.h"
#include "support/snappy_java_writer.h"
#include "support/zip_writer.h"

namespace sparkdx {
namespace {

using Verdict = SniffResult::Verdict;

SniffResult Sniff(std::string_view bytes, bool at_end = false) {
  return SniffCodec(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), at_end);
}

std::string First16(const std::string& bytes) { return bytes.substr(0, 16); }

struct MagicCase {
  std::string name;
  std::string bytes;  // the start of a real stream of that format
  CodecKind codec;
};

std::vector<MagicCase> MagicCases() {
  std::string text = "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.1\"}\n";
  testing::ZipWriter zip;
  zip.AddFile("app.zstd", "x");
  testing::ZipWriter empty_zip;
  testing::LzfWriter raw_lzf;
  raw_lzf.set_force_raw(true);
  raw_lzf.Write(text);
  raw_lzf.Flush();
  std::string spanned("PK\x07\x08", 4);
  spanned += zip.Finish();
  return {
      {"zstd frame", First16(testing::ZstdCompress(text)), CodecKind::kZstd},
      {"zstd skippable frame 0", First16(testing::ZstdSkippableFrame(0, "abcdefgh") + testing::ZstdCompress(text)),
       CodecKind::kZstd},
      {"zstd skippable frame f", First16(testing::ZstdSkippableFrame(15, "") + testing::ZstdCompress(text)), CodecKind::kZstd},
      {"gzip", First16(testing::GzipCompress(text)), CodecKind::kGzip},
      {"lz4-java block", First16(testing::Lz4JavaCompress(text)), CodecKind::kLz4Block},
      {"lz4 frame", First16(testing::Lz4FrameCompress(text)), CodecKind::kLz4Frame},
      {"snappy-java", First16(testing::SnappyJavaCompress(text)), CodecKind::kSnappyJava},
      {"lzf raw chunk", First16(raw_lzf.bytes()), CodecKind::kLzf},
      {"lzf compressed chunk", First16(testing::LzfCompress(text + text)), CodecKind::kLzf},
      {"zip local header", First16(zip.Finish()), CodecKind::kZip},
      {"empty zip (end record only)", First16(empty_zip.Finish()), CodecKind::kZip},
      {"spanned zip marker", First16(spanned), CodecKind::kZip},
      {"plain json", text.substr(0, 16), CodecKind::kPlain},
  };
}

TEST(SniffTest, RecognisesEveryMagic) {
  for (const MagicCase& c : MagicCases()) {
    SCOPED_TRACE(c.name);
    ASSERT_EQ(c.bytes.size(), 16u);
    for (bool at_end : {false, true}) {
      SniffResult result = Sniff(c.bytes, at_end);
      EXPECT_EQ(result.verdict, Verdict::kKnown) << result.message;
      EXPECT_EQ(result.codec, c.codec) << CodecName(result.codec);
    }
  }
  // The writers really produce the magic the table lists.
  EXPECT_EQ(testing::LzfCompress(std::string(1000, 'a')).substr(0, 3), std::string("ZV\x01", 3));
  EXPECT_EQ(testing::LzfCompress("{}\n").substr(0, 3), std::string("ZV\x00", 3));
}

TEST(SniffTest, AsksForMoreBytesWhileAMagicIsStillPossible) {
  for (const MagicCase& c : MagicCases()) {
    if (c.codec == CodecKind::kPlain) continue;
    SCOPED_TRACE(c.name);
    // Every proper prefix of the format's magic (at most 10 bytes long).
    size_t magic_bytes = c.codec == CodecKind::kLz4Block || c.codec == CodecKind::kSnappyJava ? 8
                         : c.codec == CodecKind::kLzf                                            ? 3
                         : c.codec == CodecKind::kGzip                                           ? 2
                                                                                                 : 4;
    for (size_t n = 0; n < magic_bytes; ++n) {
      EXPECT_EQ(Sniff(c.bytes.substr(0, n)).verdict, Verdict::kNeedMoreBytes) << n << " bytes";
    }
  }
  EXPECT_EQ(Sniff(std::string("\xff\x06\x00\x00sNaPp", 9)).verdict, Verdict::kNeedMoreBytes);
  EXPECT_EQ(Sniff("BZ").verdict, Verdict::kNeedMoreBytes);
  EXPECT_EQ(Sniff(std::string("\xfd" "7zX", 4)).verdict, Verdict::kNeedMoreBytes);
}

TEST(SniffTest, ShortInputsAtTheEndAreJudgedOnWhatThereIs) {
  // A 2-byte file "ZV" cannot be lzf (whose magic has 3 bytes): it is text.
  SniffResult zv = Sniff("ZV", /*at_end=*/true);
  EXPECT_EQ(zv.verdict, Verdict::kKnown);
  EXPECT_EQ(zv.codec, CodecKind::kPlain);
  // Exactly a magic and nothing else still names the format.
  SniffResult lzf = Sniff(std::string("ZV\x00", 3), /*at_end=*/true);
  EXPECT_EQ(lzf.verdict, Verdict::kKnown);
  EXPECT_EQ(lzf.codec, CodecKind::kLzf);
  SniffResult zstd = Sniff("\x28\xb5\x2f\xfd", /*at_end=*/true);
  EXPECT_EQ(zstd.codec, CodecKind::kZstd);
  // A lone gzip first byte is a control byte: binary of unknown format.
  SniffResult gzip_start = Sniff("\x1f", /*at_end=*/true);
  EXPECT_EQ(gzip_start.verdict, Verdict::kUnknown);
  EXPECT_EQ(gzip_start.message, "unrecognised format (first bytes: 1f)");
  // Text that merely starts like a magic ("P" of "PK", "L" of "LZ4Block").
  EXPECT_EQ(Sniff("PK", true).codec, CodecKind::kPlain);
  EXPECT_EQ(Sniff("LZ4", true).codec, CodecKind::kPlain);
  EXPECT_EQ(Sniff("P*M", true).codec, CodecKind::kPlain);
}

TEST(SniffTest, TextVersusBinary) {
  const char* const texts[] = {
      "{\"Event\":\"SparkListenerLogStart\"}",
      "\xef\xbb\xbf{\"Event\":\"x\"}",  // UTF-8 byte-order mark
      "\n\n  {\"Event\":\"x\"}",
      "{\"Event\":\"x\"}\r\n{\"",
      "\t{\"App Name\":\"Über ✓\"}",
      "not json at all, but text",
  };
  for (const char* text : texts) {
    SniffResult result = Sniff(text, true);
    EXPECT_EQ(result.verdict, Verdict::kKnown) << text;
    EXPECT_EQ(result.codec, CodecKind::kPlain) << text;
  }
  SniffResult binary = Sniff(std::string("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f", 16));
  EXPECT_EQ(binary.verdict, Verdict::kUnknown);
  EXPECT_EQ(binary.message, "unrecognised format (first bytes: 00 01 02 03 04 05 06 07)");
  SniffResult del = Sniff("{\"Event\":\x7f}", true);
  EXPECT_EQ(del.verdict, Verdict::kUnknown);
  EXPECT_EQ(del.message, "unrecognised format (first bytes: 7b 22 45 76 65 6e 74 22)");
  SniffResult nul_in_text = Sniff(std::string("{\"Event\":\"x\"}\0", 14), true);
  EXPECT_EQ(nul_in_text.verdict, Verdict::kUnknown);
}

TEST(SniffTest, ReportsFormatsItRecognisesButDoesNotDecode) {
  struct Case {
    std::string bytes;
    const char* message;
  };
  const Case cases[] = {
      {std::string("\xff\x06\x00\x00sNaPpY\x00\x0a\x00\x00", 14),
       "snappy framing format (Spark writes snappy-java streams, not this)"},
      {"BZh91AY&SY", "bzip2 compression"},
      {std::string("\xfd" "7zXZ\x00\x00\x04", 8), "xz compression"},
  };
  for (const Case& c : cases) {
    SniffResult result = Sniff(c.bytes, true);
    EXPECT_EQ(result.verdict, Verdict::kUnsupported) << c.message;
    EXPECT_EQ(result.message, c.message);
  }
}

TEST(SniffTest, ExtensionsNameCodecs) {
  EXPECT_EQ(CodecFromExtension("zstd"), CodecKind::kZstd);
  EXPECT_EQ(CodecFromExtension("zst"), CodecKind::kZstd);
  EXPECT_EQ(CodecFromExtension("lz4"), CodecKind::kLz4Block);
  EXPECT_EQ(CodecFromExtension("snappy"), CodecKind::kSnappyJava);
  EXPECT_EQ(CodecFromExtension("lzf"), CodecKind::kLzf);
  EXPECT_EQ(CodecFromExtension("gz"), CodecKind::kGzip);
  EXPECT_EQ(CodecFromExtension("gzip"), CodecKind::kGzip);
  EXPECT_EQ(CodecFromExtension("zip"), CodecKind::kZip);
  EXPECT_EQ(CodecFromExtension(""), std::nullopt);
  EXPECT_EQ(CodecFromExtension("inprogress"), std::nullopt);
  EXPECT_EQ(CodecFromExtension("json"), std::nullopt);
  EXPECT_EQ(CodecFromExtension("ZSTD"), std::nullopt);  // Spark writes lower-case short names only
}

TEST(SniffTest, CodecNamesAreTheReportNames) {
  EXPECT_EQ(CodecName(CodecKind::kPlain), "plain");
  EXPECT_EQ(CodecName(CodecKind::kGzip), "gzip");
  EXPECT_EQ(CodecName(CodecKind::kZstd), "zstd");
  EXPECT_EQ(CodecName(CodecKind::kLz4Block), "lz4");
  EXPECT_EQ(CodecName(CodecKind::kLz4Frame), "lz4-frame");
  EXPECT_EQ(CodecName(CodecKind::kSnappyJava), "snappy");
  EXPECT_EQ(CodecName(CodecKind::kLzf), "lzf");
  EXPECT_EQ(CodecName(CodecKind::kZip), "zip");
  EXPECT_EQ(MakeDecompressor(CodecKind::kZip), nullptr);
}

}  // namespace
}  // namespace sparkdx

namespace sparkdx {
namespace {

TEST(SniffTieBreakTest, AFileCutInsideItsMagicFollowsItsName) {
  const uint8_t zstd_start[] = {0x28, 0xb5};
  SniffResult named = SniffCodec(zstd_start, sizeof(zstd_start), /*at_end=*/true, CodecKind::kZstd);
  EXPECT_EQ(named.verdict, SniffResult::Verdict::kKnown);
  EXPECT_EQ(named.codec, CodecKind::kZstd);
  // Without a name, or with a name the bytes do not match, content rules.
  SniffResult unnamed = SniffCodec(zstd_start, sizeof(zstd_start), true);
  EXPECT_EQ(unnamed.codec, CodecKind::kPlain);
  SniffResult other = SniffCodec(zstd_start, sizeof(zstd_start), true, CodecKind::kLz4Block);
  EXPECT_EQ(other.codec, CodecKind::kPlain);
  const uint8_t lz4_start[] = {'L', 'Z', '4', 'B'};
  EXPECT_EQ(SniffCodec(lz4_start, sizeof(lz4_start), true, CodecKind::kLz4Block).codec, CodecKind::kLz4Block);
  // A complete magic is never overridden by a name.
  const uint8_t gzip[] = {0x1f, 0x8b, 0x08, 0x00};
  EXPECT_EQ(SniffCodec(gzip, sizeof(gzip), true, CodecKind::kZstd).codec, CodecKind::kGzip);
}

}  // namespace
}  // namespace sparkdx

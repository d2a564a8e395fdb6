// Authentic fixtures: tests/java/SparkCodecWriter.java writes an event log
// exactly as Spark's EventLoggingListener and CompressionCodec do, with the
// Java libraries Spark ships (lz4-java, snappy-java, compress-lzf, zstd-jni),
// plus a History-Server-style zip (java.util.zip). The files are produced
// into a temporary directory once per test process and must decode to the
// exact input text. When `java` or a jar is missing the tests are skipped.
#include <gtest/gtest.h>
#include <snappy.h>
#include <zstd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "codec/decompressor.h"
#include "codec/sniff.h"
#include "sparkdx/analyzer.h"
#include "support/file_bytes.h"
#include "support/chunk_sweep.h"
#include "support/library_encoders.h"
#include "support/lz4_java_writer.h"
#include "support/lzf_writer.h"
#include "support/snappy_java_writer.h"
#include "support/spark_event_text.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

namespace fs = std::filesystem;

constexpr char kAppId[] = "application_1713000000000_0042";
constexpr size_t kRollingParts = 12;  // SparkCodecWriter.ROLLING_PARTS
constexpr size_t kFlushEvery = 4;     // SparkCodecWriter.FLUSH_EVERY
constexpr const char* kJars[] = {"/usr/share/java/lz4-java.jar", "/usr/share/java/snappy-java.jar",
                                 "/usr/share/java/compress-lzf.jar", "/usr/share/java/zstd-jni.jar"};

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary);
  file << bytes;
}

uint32_t Le32(const std::string& bytes, size_t at) {
  uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<uint8_t>(bytes[at + i]);
  return value;
}

class JavaFixturesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    state_ = new State;
    if (std::system("command -v java > /dev/null 2>&1") != 0) {
      state_->skip = "`java` is not on PATH (Java 17 runs tests/java/SparkCodecWriter.java)";
      return;
    }
    std::string classpath;
    for (const char* jar : kJars) {
      if (!fs::exists(jar)) {
        state_->skip = std::string(jar) +
                       " is missing (Debian: liblz4-java libsnappy-java libcompress-lzf-java libzstd-jni-java)";
        return;
      }
      classpath += (classpath.empty() ? "" : ":") + std::string(jar);
    }
    std::random_device random;
    state_->dir = fs::temp_directory_path() / ("sparkdx-java-fixtures-" + std::to_string(random()));
    fs::create_directories(state_->dir);

    testing::SparkEventTextOptions attempt1;
    attempt1.app_id = kAppId;
    attempt1.attempt_id = "1";
    attempt1.seed = 7;
    state_->text = testing::MakeSparkEventText(attempt1);
    testing::SparkEventTextOptions attempt2 = attempt1;
    attempt2.attempt_id = "2";
    attempt2.seed = 8;
    attempt2.target_bytes = 120 * 1024;
    state_->text2 = testing::MakeSparkEventText(attempt2);
    WriteFile(state_->dir / "in.jsonl", state_->text);
    WriteFile(state_->dir / "in2.jsonl", state_->text2);

    std::string source = testing::SourceDir() + "/tests/java/SparkCodecWriter.java";
    std::string command = "java -Xshare:auto -XX:TieredStopAtLevel=1 -cp " + classpath + " '" + source + "' '" +
                          (state_->dir / "in.jsonl").string() + "' '" + (state_->dir / "out").string() + "' '" +
                          (state_->dir / "in2.jsonl").string() + "' > '" + (state_->dir / "java.log").string() +
                          "' 2>&1";
    state_->java_exit = std::system(command.c_str());
    state_->java_log = testing::ReadFileBytes(state_->dir / "java.log");
    state_->out = state_->dir / "out";
    state_->zstd_writer = testing::ReadFileBytes(state_->out / "zstd-writer.txt");
  }

  static void TearDownTestSuite() {
    if (!state_->dir.empty()) {
      std::error_code ignored;
      fs::remove_all(state_->dir, ignored);
    }
    delete state_;
    state_ = nullptr;
  }

  void SetUp() override {
    if (!state_->skip.empty()) GTEST_SKIP() << state_->skip;
    ASSERT_EQ(state_->java_exit, 0) << "SparkCodecWriter.java failed:\n" << state_->java_log;
    // zstd-jni could not load its JNI library: frames came from the zstd CLI.
    if (state_->zstd_writer != "zstd-jni\n") {
      RecordProperty("zstd_writer", state_->zstd_writer);
      std::cerr << "note: " << state_->java_log;
    }
  }

  struct State {
    std::string skip;
    fs::path dir;
    fs::path out;
    std::string text;
    std::string text2;
    int java_exit = -1;
    std::string java_log;
    std::string zstd_writer;
  };
  static State* state_;
};

JavaFixturesTest::State* JavaFixturesTest::state_ = nullptr;

// Decoded sizes of an LZF stream's chunks.
std::vector<size_t> LzfChunkSizes(const std::string& stream) {
  std::vector<size_t> sizes;
  for (size_t at = 0; at + 5 <= stream.size();) {
    size_t first = (static_cast<uint8_t>(stream[at + 3]) << 8) | static_cast<uint8_t>(stream[at + 4]);
    if (stream[at + 2] == 1) {
      sizes.push_back((static_cast<uint8_t>(stream[at + 5]) << 8) | static_cast<uint8_t>(stream[at + 6]));
      at += 7 + first;
    } else {
      sizes.push_back(first);
      at += 5 + first;
    }
  }
  return sizes;
}

// Decoded sizes of a snappy-java stream's chunks (one stream, no concatenation).
std::vector<size_t> SnappyChunkSizes(const std::string& stream) {
  std::vector<size_t> sizes;
  for (size_t at = 16; at + 4 <= stream.size();) {
    size_t length = (static_cast<size_t>(static_cast<uint8_t>(stream[at])) << 24) |
                    (static_cast<size_t>(static_cast<uint8_t>(stream[at + 1])) << 16) |
                    (static_cast<size_t>(static_cast<uint8_t>(stream[at + 2])) << 8) |
                    static_cast<uint8_t>(stream[at + 3]);
    size_t decoded = 0;
    if (at + 4 + length > stream.size() || !snappy::GetUncompressedLength(stream.data() + at + 4, length, &decoded)) {
      sizes.push_back(SIZE_MAX);  // unparsable: fails the comparison
      break;
    }
    sizes.push_back(decoded);
    at += 4 + length;
  }
  return sizes;
}

// Where SparkCodecWriter flushes: after every kFlushEvery-th event.
std::vector<size_t> SparkFlushPoints(const std::string& text) { return testing::LineCuts(text, kFlushEvery); }

// Our test encoders model the framing the Java libraries produce.
void ExpectOurEncodersMatchTheJavaFraming(const std::string& text, const fs::path& out) {
  // lz4-java: same blocks (token, decoded length, masked XXH32) as our
  // writer; only the LZ4 payload may differ between compressors.
  std::string lz4 = testing::ReadFileBytes(out / "app.lz4");
  testing::Lz4JavaWriter ours;
  ours.Write(text);
  ours.Finish();
  size_t at = 0;
  for (const testing::Lz4JavaBlock& block : ours.blocks()) {
    ASSERT_LE(at + 21, lz4.size());
    EXPECT_EQ(lz4.substr(at, 9).substr(0, 8), "LZ4Block");
    EXPECT_EQ(static_cast<uint8_t>(lz4[at + 8]) & 0x0f, 5);  // level 5 for 32 KiB
    EXPECT_EQ(Le32(lz4, at + 13), block.decoded_bytes) << "block at " << at;
    EXPECT_EQ(Le32(lz4, at + 17), Le32(ours.bytes(), block.offset + 17)) << "checksum of block at " << at;
    at += 21 + Le32(lz4, at + 9);
  }
  EXPECT_EQ(at, lz4.size());
  EXPECT_EQ(lz4.substr(lz4.size() - 21), testing::Lz4JavaHeader(0x15, 0, 0, 0));  // the end mark

  // snappy-java: our header, and a chunk per flush (or per 32 KiB block).
  std::string snappy = testing::ReadFileBytes(out / "app.snappy");
  EXPECT_EQ(snappy.substr(0, 16), testing::SnappyJavaHeader());
  testing::SnappyJavaOptions snappy_options;
  snappy_options.flush_points = SparkFlushPoints(text);
  EXPECT_EQ(SnappyChunkSizes(snappy), SnappyChunkSizes(testing::SnappyJavaCompress(text, snappy_options)));

  // compress-lzf: a chunk per flush (finishBlockOnFlush) or per 65535 bytes.
  std::string lzf = testing::ReadFileBytes(out / "app.lzf");
  testing::LzfOptions lzf_options;
  lzf_options.flush_points = SparkFlushPoints(text);
  EXPECT_EQ(LzfChunkSizes(lzf), LzfChunkSizes(testing::LzfCompress(text, lzf_options)));

  // zstd-jni with closeFrameOnFlush: one frame per flush, no checksum.
  std::string zstd = testing::ReadFileBytes(out / "app.zstd");
  size_t frames = 0;
  for (size_t offset = 0; offset < zstd.size(); ++frames) {
    size_t frame = ZSTD_findFrameCompressedSize(zstd.data() + offset, zstd.size() - offset);
    ASSERT_FALSE(ZSTD_isError(frame)) << "at " << offset;
    EXPECT_EQ(static_cast<uint8_t>(zstd[offset + 4]) & 0x04, 0) << "content checksum flag at " << offset;
    offset += frame;
  }
  size_t lines = testing::CountLines(text);
  EXPECT_EQ(frames, (lines + kFlushEvery - 1) / kFlushEvery);
}

// syncFlush=false: flush() writes nothing, so an lz4 log that was never
// closed ends at the last full 32 KiB block and has no end mark.
void ExpectInProgressLz4LogHoldsOnlyWholeBlocks(const std::string& text, const fs::path& out) {
  std::string bytes = testing::ReadFileBytes(out / "app-inprogress.lz4");
  testing::DecodeResult result = testing::DecodeAll(CodecKind::kLz4Block, bytes);
  EXPECT_EQ(testing::DescribeStatus(result.status), "ok");
  size_t whole = 32768 * ((text.size() - 1) / 32768);
  EXPECT_TRUE(result.output == text.substr(0, whole)) << result.output.size() << " vs " << whole;
  EXPECT_NE(bytes.substr(bytes.size() - 21), testing::Lz4JavaHeader(0x15, 0, 0, 0));
}

TEST_F(JavaFixturesTest, SparkCodecStreamsDecodeToTheInput) {
  const std::string& text = state_->text;
  struct Case {
    const char* file;
    CodecKind codec;
  };
  const Case cases[] = {{"app.lz4", CodecKind::kLz4Block},
                        {"app.snappy", CodecKind::kSnappyJava},
                        {"app.lzf", CodecKind::kLzf},
                        {"app.zstd", CodecKind::kZstd}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    std::string bytes = testing::ReadFileBytes(state_->out / c.file);
    ASSERT_FALSE(bytes.empty());
    SniffResult sniff = SniffCodec(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), true);
    EXPECT_EQ(sniff.verdict, SniffResult::Verdict::kKnown) << sniff.message;
    EXPECT_EQ(sniff.codec, c.codec);
    testing::DecodeResult result = testing::DecodeAll(c.codec, bytes);
    EXPECT_EQ(testing::DescribeStatus(result.status), "ok");
    EXPECT_TRUE(result.output == text) << "decoded " << result.output.size() << " of " << text.size() << " bytes";
    EXPECT_TRUE(testing::SweepDecoder(c.codec, bytes));
  }
  {
    SCOPED_TRACE("app-inprogress.lz4");
    ExpectInProgressLz4LogHoldsOnlyWholeBlocks(text, state_->out);
  }
  ExpectOurEncodersMatchTheJavaFraming(text, state_->out);
}

TEST_F(JavaFixturesTest, HistoryServerZipYieldsBothAttempts) {
  const std::string& text = state_->text;
  const std::string& text2 = state_->text2;
  std::string archive = testing::ReadFileBytes(state_->out / "logs.zip");
  std::string dir = std::string("eventlog_v2_") + kAppId + "_1/";
  std::vector<std::string_view> lines = testing::SplitLines(text);
  size_t n = lines.size();

  // The zip as java.util.zip wrote it: the directory entry, then the files in
  // lexical order (appstatus, events_10, events_11, events_12, events_1, ...).
  testing::ZipReadResult read = testing::ReadZipAll(archive);
  EXPECT_EQ(testing::DescribeStatus(read.status), "ok");
  ASSERT_EQ(read.entries.size(), 2 + kRollingParts);
  EXPECT_EQ(read.entries[0].name, dir + "appstatus_" + kAppId + "_1");
  EXPECT_EQ(read.entries[1].name, dir + "events_10_" + kAppId + "_1.zstd");
  EXPECT_EQ(read.entries[4].name, dir + "events_1_" + kAppId + "_1.zstd");
  EXPECT_EQ(read.entries.back().name, std::string(kAppId) + "_2.lz4");
  for (const testing::ZipReadResult::Entry& entry : read.entries) {
    EXPECT_EQ(testing::DescribeStatus(entry.status), "ok") << entry.name;
  }
  EXPECT_TRUE(testing::SweepZipReader(archive));

  // Through the whole Analyzer, fed in 64 KiB pieces.
  Analyzer analyzer;
  analyzer.BeginFile("logs.zip", archive.size());
  for (size_t at = 0; at < archive.size(); at += 65536) {
    size_t piece = std::min<size_t>(65536, archive.size() - at);
    if (!analyzer.Feed(reinterpret_cast<const uint8_t*>(archive.data() + at), piece)) break;
  }
  analyzer.EndFile();
  AnalysisResult result = analyzer.Finish();
  nlohmann::json report = nlohmann::json::parse(result.report_json);
  SCOPED_TRACE(report["issues"].dump(1));
  ASSERT_EQ(result.applications, 2);
  ASSERT_EQ(report["applications"].size(), 2u);

  const nlohmann::json& rolling = report["applications"][0];
  EXPECT_EQ(rolling["layout"], "rolling");
  EXPECT_EQ(rolling["id"], kAppId);
  EXPECT_EQ(rolling["attempt_id"], "1");
  EXPECT_EQ(rolling["completed"], true);
  EXPECT_EQ(rolling["in_progress"], false);
  ASSERT_EQ(rolling["files"].size(), kRollingParts);
  for (size_t part = 0; part < kRollingParts; ++part) {
    EXPECT_EQ(rolling["files"][part],
              "logs.zip:" + dir + "events_" + std::to_string(part + 1) + "_" + kAppId + "_1.zstd");
  }
  const nlohmann::json& single = report["applications"][1];
  EXPECT_EQ(single["layout"], "single_file");
  EXPECT_EQ(single["attempt_id"], "2");
  ASSERT_EQ(single["files"].size(), 1u);
  EXPECT_EQ(single["files"][0], std::string("logs.zip:") + kAppId + "_2.lz4");

  // Exact line accounting for every part and in total.
  size_t parts_seen = 0;
  for (const nlohmann::json& input : report["inputs"]) {
    std::string name = input["name"];
    for (size_t part = 0; part < kRollingParts; ++part) {
      if (name != "logs.zip:" + dir + "events_" + std::to_string(part + 1) + "_" + kAppId + "_1.zstd") continue;
      ++parts_seen;
      size_t expected = (part + 1) * n / kRollingParts - part * n / kRollingParts;
      EXPECT_EQ(input["lines"], expected) << name;
      EXPECT_EQ(input["events"], expected) << name;
      EXPECT_EQ(input["codec"], "zstd") << name;
      EXPECT_EQ(input["status"], "ok") << name;
    }
    if (name == std::string("logs.zip:") + kAppId + "_2.lz4") {
      EXPECT_EQ(input["lines"], testing::CountLines(text2));
      EXPECT_EQ(input["codec"], "lz4");
      EXPECT_EQ(input["status"], "ok");
      EXPECT_EQ(input["bytes_decoded"], text2.size());
    }
  }
  EXPECT_EQ(parts_seen, kRollingParts);
  const nlohmann::json& accounting = report["accounting"];
  EXPECT_EQ(accounting["lines"], n + testing::CountLines(text2));
  EXPECT_EQ(accounting["events"], accounting["lines"]);
  EXPECT_EQ(accounting["malformed_lines"], 0);
  EXPECT_EQ(accounting["blank_lines"], 0);
  EXPECT_EQ(result.files_error, 0);
  EXPECT_EQ(result.files_partial, 0);
}

}  // namespace
}  // namespace sparkdx

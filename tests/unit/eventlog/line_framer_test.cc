#include "eventlog/line_framer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/padded_buffer.h"

namespace sparkdx {
namespace {

struct SeenLine {
  std::string text;
  uint64_t number;
  uint64_t byte_offset;
  bool terminated;
  bool too_long;
  uint64_t length;
  bool operator==(const SeenLine&) const = default;
};

class RecordingSink : public LineSink {
 public:
  void OnLine(const uint8_t* data, size_t size, const LineInfo& info) override {
    lines.push_back({std::string(reinterpret_cast<const char*>(data), size), info.number, info.byte_offset,
                     info.terminated, info.too_long, info.length});
  }
  std::vector<SeenLine> lines;
};

// Feeds `text` split at the given chunk boundaries; every chunk is copied to
// its own padded buffer, as decoders deliver them.
std::vector<SeenLine> Frame(const std::string& text, const std::vector<size_t>& cuts, uint64_t max_line = 1 << 20) {
  RecordingSink sink;
  LineFramer framer(&sink, max_line);
  size_t start = 0;
  std::vector<size_t> bounds = cuts;
  bounds.push_back(text.size());
  for (size_t end : bounds) {
    PaddedBuffer chunk(end - start + 1);
    chunk.Append(reinterpret_cast<const uint8_t*>(text.data()) + start, end - start);
    framer.Consume(chunk.data(), chunk.size());
    start = end;
  }
  framer.Finish();
  return sink.lines;
}

TEST(LineFramerTest, SplitsLinesAndNumbersThem) {
  auto lines = Frame("a\nbc\n\nd", {});
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], (SeenLine{"a", 1, 0, true, false, 1}));
  EXPECT_EQ(lines[1], (SeenLine{"bc", 2, 2, true, false, 2}));
  EXPECT_EQ(lines[2], (SeenLine{"", 3, 5, true, false, 0}));
  EXPECT_EQ(lines[3], (SeenLine{"d", 4, 6, false, false, 1}));
}

TEST(LineFramerTest, KeepsCarriageReturnsAndHandlesTrailingNewline) {
  auto lines = Frame("x\r\ny\n", {});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "x\r");
  EXPECT_TRUE(lines[1].terminated);
}

TEST(LineFramerTest, EverySplitGivesTheSameLines) {
  std::string text = "{\"Event\":\"A\"}\n\n{\"Event\":\"Bee\",\"x\":[1,2,3]}\nlast-without-newline";
  auto expected = Frame(text, {});
  for (size_t a = 0; a <= text.size(); ++a) {
    for (size_t b = a; b <= text.size(); b += 3) {
      ASSERT_EQ(Frame(text, {a, b}), expected) << "cuts at " << a << " and " << b;
    }
  }
}

TEST(LineFramerTest, OneByteChunks) {
  std::string text = "first\nsecond\nthird\n";
  std::vector<size_t> cuts;
  for (size_t i = 1; i < text.size(); ++i) cuts.push_back(i);
  EXPECT_EQ(Frame(text, cuts), Frame(text, {}));
}

TEST(LineFramerTest, LinesOverTheMaximumAreReportedNotBuffered) {
  std::string long_line(5000, 'x');
  std::string text = "short\n" + long_line + "\nafter\n";
  for (std::vector<size_t> cuts : {std::vector<size_t>{}, std::vector<size_t>{100, 2000, 4000}}) {
    auto lines = Frame(text, cuts, /*max_line=*/1000);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_TRUE(lines[1].too_long);
    EXPECT_EQ(lines[1].length, 5000u);
    EXPECT_LE(lines[1].text.size(), LineFramer::kTooLongPrefixBytes);
    EXPECT_EQ(lines[1].byte_offset, 6u);
    EXPECT_EQ(lines[2], (SeenLine{"after", 3, 5007, true, false, 5}));
  }
}

TEST(LineFramerTest, AnUnterminatedHugeLastLineIsReportedOnce) {
  std::string text = "a\n" + std::string(3000, 'y');
  auto lines = Frame(text, {10, 20, 1500}, /*max_line=*/1000);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_FALSE(lines[1].terminated);
  EXPECT_EQ(lines[1].length, 3000u);
}

TEST(LineFramerTest, LinesHandedInPlaceHavePaddingAfterThem) {
  // The sink may read kPaddingBytes past the end of any line (simdjson does).
  class PaddingCheckingSink : public LineSink {
   public:
    void OnLine(const uint8_t* data, size_t size, const LineInfo&) override {
      uint8_t sum = 0;
      for (size_t i = 0; i < size + kPaddingBytes; ++i) sum = static_cast<uint8_t>(sum + data[i]);  // ASan flags an overread
      volatile uint8_t sink_value = sum;  // keeps the reads
      (void)sink_value;
    }
  } sink;
  LineFramer framer(&sink, 1 << 20);
  std::string text = "abc\ndef\nghi";
  PaddedBuffer chunk(text.size());
  chunk.Append(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  framer.Consume(chunk.data(), chunk.size());
  framer.Finish();
}

}  // namespace
}  // namespace sparkdx

// Chunk-boundary sweeps, written for tests (see chunk_sweep.h).
#include "support/chunk_sweep.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "base/padded_buffer.h"

namespace sparkdx::testing {
namespace {

constexpr size_t kEverySplitBelow = 4096;
constexpr size_t kSpreadPoints = 200;
constexpr int kRandomPlans = 12;

// Reads the kPaddingBytes after a decoder's output; under AddressSanitizer a
// decoder that hands out unpadded memory fails here.
void TouchPadding(const uint8_t* data, size_t size) {
  volatile uint8_t sink = 0;
  for (size_t i = 0; i < kPaddingBytes; ++i) sink = sink ^ data[size + i];
  (void)sink;
}

// Each piece goes into its own exact-size allocation plus padding, so reads
// past a piece (other than into the padding) are caught by ASan.
std::unique_ptr<uint8_t[]> PaddedCopy(std::string_view piece) {
  std::unique_ptr<uint8_t[]> copy(new uint8_t[piece.size() + kPaddingBytes]);
  if (!piece.empty()) std::memcpy(copy.get(), piece.data(), piece.size());
  std::memset(copy.get() + piece.size(), 0, kPaddingBytes);
  return copy;
}

uint32_t NextRandom(uint32_t* state) {
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

std::string DescribePlan(const std::vector<size_t>& cuts) {
  if (cuts.empty()) return "one piece";
  std::string text = std::to_string(cuts.size() + 1) + " pieces, cuts at ";
  for (size_t i = 0; i < cuts.size() && i < 8; ++i) text += (i ? "," : "") + std::to_string(cuts[i]);
  if (cuts.size() > 8) text += ",...";
  return text;
}

// Where two strings first differ, for failure messages.
std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return "sizes " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + ", first difference at byte " +
         std::to_string(i);
}

}  // namespace

std::string DescribeStatus(const Status& status) {
  if (status.ok()) return "ok";
  return std::string(StatusCodeName(status.code())) + ": " + status.message();
}

bool CollectingSink::Write(const uint8_t* data, size_t size) {
  TouchPadding(data, size);
  output.append(reinterpret_cast<const char*>(data), size);
  ++writes;
  return writes < stop_after_;
}

DecodeResult DecodeWithCuts(const DecompressorFactory& factory, std::string_view input,
                            const std::vector<size_t>& cuts) {
  std::unique_ptr<Decompressor> decoder = factory();
  CollectingSink sink;
  DecodeResult result;
  size_t start = 0;
  for (size_t i = 0; i <= cuts.size() && result.status.ok(); ++i) {
    size_t end = i < cuts.size() ? cuts[i] : input.size();
    if (end < start) end = start;
    std::unique_ptr<uint8_t[]> piece = PaddedCopy(input.substr(start, end - start));
    result.status = decoder->Decode(piece.get(), end - start, &sink);
    start = end;
  }
  if (result.status.ok()) result.status = decoder->Finish(&sink);
  result.output = std::move(sink.output);
  result.writes = sink.writes;
  return result;
}

DecodeResult DecodeAll(CodecKind kind, std::string_view input) {
  return DecodeAll([kind] { return MakeDecompressor(kind); }, input);
}

DecodeResult DecodeAll(const DecompressorFactory& factory, std::string_view input) {
  return DecodeWithCuts(factory, input, {});
}

std::vector<size_t> EvenCuts(size_t size, size_t chunk) {
  std::vector<size_t> cuts;
  if (chunk == 0) return cuts;
  for (size_t at = chunk; at < size; at += chunk) cuts.push_back(at);
  return cuts;
}

std::vector<std::vector<size_t>> SweepPlans(size_t size, uint32_t seed) {
  std::vector<std::vector<size_t>> plans;
  if (size < 2) return plans;
  if (size < kEverySplitBelow) {
    for (size_t at = 1; at < size; ++at) plans.push_back({at});
  } else {
    std::set<size_t> points;
    for (size_t at = 1; at <= 16; ++at) {
      points.insert(at);
      points.insert(size - at);
    }
    for (size_t k = 1; k < kSpreadPoints; ++k) points.insert(size * k / kSpreadPoints);
    for (size_t at : points) plans.push_back({at});
  }
  uint32_t state = seed == 0 ? 1 : seed;
  for (int p = 0; p < kRandomPlans; ++p) {
    // Chunk sizes from 1 byte to ~2x a typical block, mixed within a plan.
    size_t max_chunk = p % 3 == 0 ? 32 : (p % 3 == 1 ? 4096 : 70000);
    std::vector<size_t> cuts;
    for (size_t at = 1 + NextRandom(&state) % max_chunk; at < size; at += 1 + NextRandom(&state) % max_chunk) {
      cuts.push_back(at);
    }
    plans.push_back(std::move(cuts));
  }
  plans.push_back(EvenCuts(size, 1));
  return plans;
}

::testing::AssertionResult SweepDecoder(const DecompressorFactory& factory, std::string_view input,
                                        size_t* plans_run) {
  DecodeResult reference = DecodeAll(factory, input);
  std::vector<std::vector<size_t>> plans = SweepPlans(input.size());
  if (plans_run != nullptr) *plans_run = plans.size();
  for (const std::vector<size_t>& cuts : plans) {
    DecodeResult result = DecodeWithCuts(factory, input, cuts);
    if (result.output != reference.output) {
      return ::testing::AssertionFailure() << "output differs with " << DescribePlan(cuts) << ": "
                                           << FirstDifference(result.output, reference.output);
    }
    if (DescribeStatus(result.status) != DescribeStatus(reference.status)) {
      return ::testing::AssertionFailure() << "status differs with " << DescribePlan(cuts) << ": \""
                                           << DescribeStatus(result.status) << "\" vs \""
                                           << DescribeStatus(reference.status) << "\" in one piece";
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult SweepDecoder(CodecKind kind, std::string_view input, size_t* plans_run) {
  return SweepDecoder([kind] { return MakeDecompressor(kind); }, input, plans_run);
}

std::string ZipReadResult::Transcript() const {
  std::string text;
  for (const Entry& entry : entries) {
    text += "entry " + entry.name + " @" + std::to_string(entry.offset) + " (" + std::to_string(entry.data.size()) +
            " bytes): " + (entry.ended ? DescribeStatus(entry.status) : "not ended") + "\n" + entry.data + "\n";
  }
  for (const Skipped& skipped : skipped) {
    text += "skipped " + skipped.name + " @" + std::to_string(skipped.offset) + ": " + DescribeStatus(skipped.why) +
            "\n";
  }
  return text + "archive: " + DescribeStatus(status) + "\n";
}

void RecordingZipSink::OnEntryBegin(const std::string& name, uint64_t archive_offset) {
  ZipReadResult::Entry entry;
  entry.name = name;
  entry.offset = archive_offset;
  result_->entries.push_back(std::move(entry));
}

ZipEntrySink::DataVerdict RecordingZipSink::OnEntryData(const uint8_t* data, size_t size) {
  TouchPadding(data, size);
  ZipReadResult::Entry& entry = result_->entries.back();
  entry.data.append(reinterpret_cast<const char*>(data), size);
  if (verdict_ != DataVerdict::kContinue && entry.data.size() >= verdict_after_bytes_) return verdict_;
  return DataVerdict::kContinue;
}

void RecordingZipSink::OnEntryEnd(const Status& status) {
  ZipReadResult::Entry& entry = result_->entries.back();
  entry.status = status;
  entry.ended = true;
}

void RecordingZipSink::OnEntrySkipped(const std::string& name, uint64_t archive_offset, const Status& why) {
  result_->skipped.push_back(ZipReadResult::Skipped{name, archive_offset, why});
}

ZipReadResult ReadZipWithCuts(std::string_view archive, const std::vector<size_t>& cuts) {
  ZipReadResult result;
  RecordingZipSink sink(&result);
  ZipReader reader(&sink);
  size_t start = 0;
  Status status;
  for (size_t i = 0; i <= cuts.size() && status.ok(); ++i) {
    size_t end = i < cuts.size() ? cuts[i] : archive.size();
    if (end < start) end = start;
    std::unique_ptr<uint8_t[]> piece = PaddedCopy(archive.substr(start, end - start));
    status = reader.Feed(piece.get(), end - start);
    start = end;
  }
  if (status.ok()) status = reader.Finish();
  result.status = status;
  return result;
}

ZipReadResult ReadZipAll(std::string_view archive) { return ReadZipWithCuts(archive, {}); }

::testing::AssertionResult SweepZipReader(std::string_view archive, size_t* plans_run) {
  std::string reference = ReadZipAll(archive).Transcript();
  std::vector<std::vector<size_t>> plans = SweepPlans(archive.size());
  if (plans_run != nullptr) *plans_run = plans.size();
  for (const std::vector<size_t>& cuts : plans) {
    std::string transcript = ReadZipWithCuts(archive, cuts).Transcript();
    if (transcript != reference) {
      return ::testing::AssertionFailure() << "zip transcript differs with " << DescribePlan(cuts) << ": "
                                           << FirstDifference(transcript, reference) << "\n--- split:\n"
                                           << transcript.substr(0, 2000) << "\n--- one piece:\n"
                                           << reference.substr(0, 2000);
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace sparkdx::testing

// Chunk-boundary sweeps, written for tests: feed a sparkdx::Decompressor (or
// a ZipReader) the same input split in many ways and check that every split
// gives byte-identical output and the identical final Status. Streaming
// decoders keep partial headers across calls; this is where they break.
//
// Plans: inputs under 4 KiB are split at every offset; bigger ones at ~200
// offsets spread over the input (the first and last 16 offsets included, so
// every header split is tried), plus chunks of random sizes; and always
// one-byte chunks. Every piece is handed over in its own allocation with
// kPaddingBytes of readable padding (the Analyzer's feed buffer has it), and
// sinks read the padding after every write, so AddressSanitizer catches a
// decoder that breaks the padding contract.
#ifndef SPARKDX_TESTS_SUPPORT_CHUNK_SWEEP_H_
#define SPARKDX_TESTS_SUPPORT_CHUNK_SWEEP_H_

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "codec/codec_kind.h"
#include "codec/decompressor.h"
#include "input/zip_reader.h"

namespace sparkdx::testing {

// "ok" or "<code>: <message>", for comparisons and failure messages.
std::string DescribeStatus(const Status& status);

// Collects what a decoder writes; returns false from the `stop_after`-th
// write on (to test that decoding stops).
class CollectingSink : public ByteSink {
 public:
  explicit CollectingSink(size_t stop_after = std::numeric_limits<size_t>::max()) : stop_after_(stop_after) {}
  bool Write(const uint8_t* data, size_t size) override;

  std::string output;
  size_t writes = 0;

 private:
  size_t stop_after_;
};

// What a decoder produced for one way of splitting its input.
struct DecodeResult {
  std::string output;
  Status status;  // the first non-ok Status of Decode, else Finish's
  size_t writes = 0;
};

using DecompressorFactory = std::function<std::unique_ptr<Decompressor>()>;

// Feeds input[0, cuts[0]), input[cuts[0], cuts[1]), ..., then calls Finish.
// Stops feeding at the first error (the decoder is dead by contract).
DecodeResult DecodeWithCuts(const DecompressorFactory& factory, std::string_view input,
                            const std::vector<size_t>& cuts);
// The whole input in one Decode call.
DecodeResult DecodeAll(CodecKind kind, std::string_view input);
DecodeResult DecodeAll(const DecompressorFactory& factory, std::string_view input);

// The cut-point lists a sweep over an input of `size` bytes tries.
std::vector<std::vector<size_t>> SweepPlans(size_t size, uint32_t seed = 1);
// Cut points for chunks of `chunk` bytes.
std::vector<size_t> EvenCuts(size_t size, size_t chunk);

// Decodes `input` under every plan and compares with the one-call result.
// Returns the first disagreement, naming the plan. `plans_run` (optional)
// reports how many plans were tried.
::testing::AssertionResult SweepDecoder(const DecompressorFactory& factory, std::string_view input,
                                        size_t* plans_run = nullptr);
::testing::AssertionResult SweepDecoder(CodecKind kind, std::string_view input, size_t* plans_run = nullptr);

// Everything a ZipReader reported, as text (entries, their data, skips,
// end statuses), so two runs compare as strings.
struct ZipReadResult {
  struct Entry {
    std::string name;
    uint64_t offset = 0;
    std::string data;
    Status status;  // from OnEntryEnd
    bool ended = false;
  };
  struct Skipped {
    std::string name;
    uint64_t offset = 0;
    Status why;
  };
  std::vector<Entry> entries;
  std::vector<Skipped> skipped;
  Status status;  // the first non-ok Status of Feed, else Finish's
  std::string Transcript() const;
};

// A ZipEntrySink that records into a ZipReadResult; OnEntryData returns
// `verdict` once `verdict_after_bytes` of an entry were seen.
class RecordingZipSink : public ZipEntrySink {
 public:
  explicit RecordingZipSink(ZipReadResult* result) : result_(result) {}
  void set_verdict(DataVerdict verdict, size_t after_bytes) {
    verdict_ = verdict;
    verdict_after_bytes_ = after_bytes;
  }
  void OnEntryBegin(const std::string& name, uint64_t archive_offset) override;
  DataVerdict OnEntryData(const uint8_t* data, size_t size) override;
  void OnEntryEnd(const Status& status) override;
  void OnEntrySkipped(const std::string& name, uint64_t archive_offset, const Status& why) override;

 private:
  ZipReadResult* result_;
  DataVerdict verdict_ = DataVerdict::kContinue;
  size_t verdict_after_bytes_ = 0;
};

ZipReadResult ReadZipWithCuts(std::string_view archive, const std::vector<size_t>& cuts);
ZipReadResult ReadZipAll(std::string_view archive);
::testing::AssertionResult SweepZipReader(std::string_view archive, size_t* plans_run = nullptr);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_CHUNK_SWEEP_H_

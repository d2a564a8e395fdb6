// The reading loop shared by bench_ingest's modes, and the ceiling's bare
// simdjson pass. The loop reads a file in 4 MiB chunks, decompresses zstd
// into 256 KiB blocks (as the core does), and splits lines with memchr;
// a line is copied into a padded carry buffer only when it spans chunks.
#ifndef SPARKDX_BENCH_INGEST_MODES_H_
#define SPARKDX_BENCH_INGEST_MODES_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace sparkdx::bench {

inline constexpr size_t kChunkBytes = 4u << 20;      // read() size, as the CLI uses
inline constexpr size_t kBlockBytes = 256u << 10;    // zstd output block, as the core uses
inline constexpr size_t kPadding = 64;               // simdjson::SIMDJSON_PADDING

// Receives every line (without its '\n'); `data` has kPadding readable bytes after `size`.
class LineConsumer {
 public:
  virtual ~LineConsumer() = default;
  virtual void OnLine(const uint8_t* data, size_t size) = 0;
};

struct PassStats {
  uint64_t decoded_bytes = 0;
  uint64_t lines = 0;
  bool ok = true;
  std::string error;
};

// Floor and ceiling: read + (zstd) + split, calling `consumer` per line
// (nullptr: only count lines).
PassStats RunPass(const std::string& path, LineConsumer* consumer);

bool IsZstdFile(const std::string& path);

// The ceiling: a bare simdjson On-Demand pass that extracts the TaskEnd
// fields into a stack struct and builds nothing.
class CeilingConsumer : public LineConsumer {
 public:
  CeilingConsumer();
  ~CeilingConsumer() override;
  void OnLine(const uint8_t* data, size_t size) override;
  uint64_t task_ends() const;
  uint64_t errors() const;
  uint64_t checksum() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sparkdx::bench

#endif  // SPARKDX_BENCH_INGEST_MODES_H_

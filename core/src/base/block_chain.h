// BlockChain: append-only storage for variable-length records that never
// moves or copies what it already holds (no vector doubling). Blocks grow
// geometrically from kFirstBlockBytes to kMaxBlockBytes, so a stage with four
// tasks costs a few hundred bytes and a stage with a million tasks wastes at
// most one partly filled block. A record never straddles two blocks.
#ifndef SPARKDX_BASE_BLOCK_CHAIN_H_
#define SPARKDX_BASE_BLOCK_CHAIN_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace sparkdx {

class BlockChain {
 public:
  static constexpr size_t kFirstBlockBytes = 512;
  static constexpr size_t kMaxBlockBytes = 64 * 1024;

  // Returns space for a record of at most `max_bytes` (<= kFirstBlockBytes);
  // call Commit with the bytes actually written before the next Reserve.
  uint8_t* Reserve(size_t max_bytes);
  void Commit(size_t bytes);

  // Releases the unused tail of the last block (a stage that has finished
  // rarely grows again). The next Reserve starts a small block.
  void Trim();

  size_t record_count() const { return record_count_; }
  size_t used_bytes() const { return used_bytes_; }
  // Bytes allocated, including unused block tails and block bookkeeping.
  size_t allocated_bytes() const { return allocated_bytes_ + blocks_.capacity() * sizeof(Block); }

  // Visits every record's bytes in insertion order. `fn(const uint8_t* begin,
  // const uint8_t* end)` receives one block's used bytes at a time; records
  // are self-delimiting, so the caller decodes until `end`.
  template <typename Fn>
  void ForEachBlock(Fn&& fn) const {
    for (const Block& block : blocks_) fn(block.data.get(), block.data.get() + block.used);
  }

 private:
  struct Block {
    std::unique_ptr<uint8_t[]> data;
    size_t capacity = 0;
    size_t used = 0;
  };
  std::vector<Block> blocks_;
  size_t next_block_bytes_ = kFirstBlockBytes;
  size_t record_count_ = 0;
  size_t used_bytes_ = 0;
  size_t allocated_bytes_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_BASE_BLOCK_CHAIN_H_

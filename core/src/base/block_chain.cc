#include "base/block_chain.h"

#include <algorithm>
#include <cstring>

#include "base/check.h"

namespace sparkdx {

uint8_t* BlockChain::Reserve(size_t max_bytes) {
  SPARKDX_CHECK(max_bytes <= kFirstBlockBytes);
  if (blocks_.empty() || blocks_.back().capacity - blocks_.back().used < max_bytes) {
    size_t capacity = next_block_bytes_;
    next_block_bytes_ = std::min(next_block_bytes_ * 2, kMaxBlockBytes);
    Block block;
    block.data.reset(new uint8_t[capacity]);
    block.capacity = capacity;
    allocated_bytes_ += capacity;
    blocks_.push_back(std::move(block));
  }
  Block& last = blocks_.back();
  return last.data.get() + last.used;
}

void BlockChain::Trim() {
  if (blocks_.empty()) return;
  Block& last = blocks_.back();
  if (last.used == last.capacity) return;
  std::unique_ptr<uint8_t[]> exact(new uint8_t[last.used > 0 ? last.used : 1]);
  std::memcpy(exact.get(), last.data.get(), last.used);
  allocated_bytes_ -= last.capacity - last.used;
  last.data = std::move(exact);
  last.capacity = last.used;
  next_block_bytes_ = kFirstBlockBytes;
}

void BlockChain::Commit(size_t bytes) {
  Block& last = blocks_.back();
  SPARKDX_DCHECK(last.used + bytes <= last.capacity);
  last.used += bytes;
  used_bytes_ += bytes;
  ++record_count_;
}

}  // namespace sparkdx

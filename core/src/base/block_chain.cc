#include "base/block_chain.h"

#include "base/check.h"

namespace sparkdx {

uint8_t* BlockChain::Reserve(size_t max_bytes) {
  SPARKDX_CHECK(max_bytes <= kFirstBlockBytes);
  if (blocks_.empty() || blocks_.back().capacity - blocks_.back().used < max_bytes) {
    size_t capacity = blocks_.empty() ? kFirstBlockBytes : blocks_.back().capacity * 2;
    if (capacity > kMaxBlockBytes) capacity = kMaxBlockBytes;
    Block block;
    block.data.reset(new uint8_t[capacity]);
    block.capacity = capacity;
    allocated_bytes_ += capacity;
    blocks_.push_back(std::move(block));
  }
  Block& last = blocks_.back();
  return last.data.get() + last.used;
}

void BlockChain::Commit(size_t bytes) {
  Block& last = blocks_.back();
  SPARKDX_DCHECK(last.used + bytes <= last.capacity);
  last.used += bytes;
  used_bytes_ += bytes;
  ++record_count_;
}

}  // namespace sparkdx

// PaddedBuffer: a heap byte buffer that always keeps kPaddingBytes readable
// bytes after its capacity, so simdjson can parse any line inside it in place
// (simdjson reads up to SIMDJSON_PADDING bytes past the end of a document).
//
// Unlike std::vector, growth is explicit (Reserve) and the padding is never
// counted in size(). Contents of the padding are unspecified.
#ifndef SPARKDX_BASE_PADDED_BUFFER_H_
#define SPARKDX_BASE_PADDED_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

namespace sparkdx {

inline constexpr size_t kPaddingBytes = 64;  // equals SIMDJSON_PADDING (checked in line_parser.cc)

class PaddedBuffer {
 public:
  PaddedBuffer() = default;
  explicit PaddedBuffer(size_t capacity) { Reserve(capacity); }
  PaddedBuffer(const PaddedBuffer&) = delete;
  PaddedBuffer& operator=(const PaddedBuffer&) = delete;
  PaddedBuffer(PaddedBuffer&&) = default;
  PaddedBuffer& operator=(PaddedBuffer&&) = default;

  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }

  // Ensures capacity >= `capacity`, keeping the contents. Grows at least 1.5x
  // so repeated appends stay amortised O(1).
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    size_t grown = capacity_ + capacity_ / 2;
    if (grown > capacity) capacity = grown;
    std::unique_ptr<uint8_t[]> bigger(new uint8_t[capacity + kPaddingBytes]);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    std::memset(bigger.get() + capacity, 0, kPaddingBytes);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }

  void Append(const uint8_t* bytes, size_t count) {
    Reserve(size_ + count);
    std::memcpy(data_.get() + size_, bytes, count);
    size_ += count;
  }

  // For writers that fill data() + size() directly after Reserve().
  void set_size(size_t size) { size_ = size; }
  void clear() { size_ = 0; }

  // Drops the allocation if it is larger than `keep_bytes`, so one huge line
  // does not pin its memory for the rest of the run.
  void ShrinkIfAbove(size_t keep_bytes) {
    if (capacity_ > keep_bytes && size_ == 0) {
      data_.reset();
      capacity_ = 0;
    }
  }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_BASE_PADDED_BUFFER_H_

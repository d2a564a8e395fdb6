// IndexSet: a set of small non-negative integers (task indexes within a
// stage) as a growable bitmap with a running count. One bit per index
// instead of a tree node per member: Spark keeps these sets for every stage
// and job, so they must cost far less than a task record.
#ifndef SPARKDX_STATUS_INDEX_SET_H_
#define SPARKDX_STATUS_INDEX_SET_H_

#include <cstdint>
#include <vector>

namespace sparkdx {

class IndexSet {
 public:
  // Adds `index` (negative indexes are ignored); returns whether it was new.
  bool Insert(int64_t index) {
    if (index < 0) return false;
    size_t word = static_cast<size_t>(index >> 6);
    if (word >= words_.size()) words_.resize(word + 1, 0);
    uint64_t bit = uint64_t{1} << (index & 63);
    if (words_[word] & bit) return false;
    words_[word] |= bit;
    ++count_;
    return true;
  }
  bool Contains(int64_t index) const {
    if (index < 0) return false;
    size_t word = static_cast<size_t>(index >> 6);
    return word < words_.size() && (words_[word] >> (index & 63)) & 1;
  }
  int32_t size() const { return count_; }
  size_t allocated_bytes() const { return words_.capacity() * sizeof(uint64_t); }
  void Clear() {
    words_.clear();
    count_ = 0;
  }

 private:
  std::vector<uint64_t> words_;
  int32_t count_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_INDEX_SET_H_

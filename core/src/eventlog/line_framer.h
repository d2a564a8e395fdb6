// LineFramer: splits a stream of decoded bytes into lines, with no limit on
// line length other than the configured maximum (SQL plan lines reach
// megabytes). Complete lines inside a chunk are handed over in place, without
// a copy; only a line that spans chunks is assembled in a carry buffer.
//
// Every line handed to the sink has kPaddingBytes readable bytes after it,
// the first of which is '\n' (in place, the line's own terminator).
// Lines are numbered from 1 and carry the decoded byte offset of their first
// byte. The '\n' is not part of the line; a trailing '\r' is.
#ifndef SPARKDX_EVENTLOG_LINE_FRAMER_H_
#define SPARKDX_EVENTLOG_LINE_FRAMER_H_

#include <cstddef>
#include <cstdint>

#include "base/padded_buffer.h"

namespace sparkdx {

struct LineInfo {
  uint64_t number = 0;       // 1-based
  uint64_t byte_offset = 0;  // of the line's first byte in the decoded stream
  bool terminated = true;    // false for a final line without '\n'
  bool too_long = false;     // longer than the maximum: `data` holds only its first bytes
  uint64_t length = 0;       // the line's full length (even when too_long)
};

class LineSink {
 public:
  virtual ~LineSink() = default;
  virtual void OnLine(const uint8_t* data, size_t size, const LineInfo& info) = 0;
};

class LineFramer {
 public:
  // Lines longer than `max_line_bytes` are not buffered: the sink gets their
  // first kTooLongPrefixBytes with info.too_long set.
  static constexpr size_t kTooLongPrefixBytes = 256;

  LineFramer(LineSink* sink, uint64_t max_line_bytes) : sink_(sink), max_line_bytes_(max_line_bytes) {}

  // `data` must have kPaddingBytes readable bytes after `size`.
  void Consume(const uint8_t* data, size_t size);
  // End of stream: hands over a final unterminated line, if any.
  void Finish();

  uint64_t lines() const { return line_number_; }
  uint64_t bytes() const { return stream_offset_; }

 private:
  void Emit(const uint8_t* data, size_t size, uint64_t length, bool terminated, bool too_long);
  void EmitCarry(bool terminated);
  void AppendToCarry(const uint8_t* data, size_t size);

  LineSink* sink_;
  uint64_t max_line_bytes_;
  PaddedBuffer carry_;            // the start of a line that continues in the next chunk
  uint64_t carry_length_ = 0;     // full length of the carried line (may exceed carry_.size() when too long)
  bool carry_too_long_ = false;
  uint64_t line_number_ = 0;
  uint64_t stream_offset_ = 0;    // decoded bytes consumed so far
  uint64_t line_start_offset_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_EVENTLOG_LINE_FRAMER_H_

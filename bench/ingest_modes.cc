#include "ingest_modes.h"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

namespace sparkdx::bench {
namespace {

static_assert(kPadding == simdjson::SIMDJSON_PADDING, "lines are parsed in place with simdjson's padding");

class PaddedBytes {
 public:
  explicit PaddedBytes(size_t capacity = 0) { Reserve(capacity); }
  uint8_t* data() { return data_.get(); }
  size_t size() const { return size_; }
  void clear() { size_ = 0; }
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    capacity = std::max(capacity, capacity_ + capacity_ / 2);
    std::unique_ptr<uint8_t[]> bigger(new uint8_t[capacity + kPadding]);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    std::memset(bigger.get() + capacity, 0, kPadding);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }
  void Append(const uint8_t* p, size_t n) {
    Reserve(size_ + n);
    std::memcpy(data_.get() + size_, p, n);
    size_ += n;
  }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

class Splitter {
 public:
  explicit Splitter(LineConsumer* consumer, PassStats* stats) : consumer_(consumer), stats_(stats) {}
  // `data` has kPadding readable bytes after `size`.
  void Consume(const uint8_t* data, size_t size) {
    stats_->decoded_bytes += size;
    const uint8_t* p = data;
    const uint8_t* end = data + size;
    while (p < end) {
      const uint8_t* nl = static_cast<const uint8_t*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      if (nl == nullptr) {
        carry_.Append(p, static_cast<size_t>(end - p));
        return;
      }
      if (carry_.size() == 0) {
        Line(p, static_cast<size_t>(nl - p));
      } else {
        carry_.Append(p, static_cast<size_t>(nl - p));
        Line(carry_.data(), carry_.size());
        carry_.clear();
      }
      p = nl + 1;
    }
  }
  void Finish() {
    if (carry_.size() > 0) Line(carry_.data(), carry_.size());
    carry_.clear();
  }

 private:
  void Line(const uint8_t* data, size_t size) {
    ++stats_->lines;
    if (consumer_ != nullptr) consumer_->OnLine(data, size);
  }
  LineConsumer* consumer_;
  PassStats* stats_;
  PaddedBytes carry_;
};

}  // namespace

bool IsZstdFile(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  uint8_t magic[4] = {0, 0, 0, 0};
  ssize_t n = read(fd, magic, 4);
  close(fd);
  return n == 4 && magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD;
}

PassStats RunPass(const std::string& path, LineConsumer* consumer) {
  PassStats stats;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    stats.ok = false;
    stats.error = "cannot open " + path + ": " + std::strerror(errno);
    return stats;
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  bool zstd = IsZstdFile(path);
  Splitter splitter(consumer, &stats);
  PaddedBytes chunk(kChunkBytes);
  PaddedBytes block(kBlockBytes);
  ZSTD_DCtx* dctx = zstd ? ZSTD_createDCtx() : nullptr;
  for (;;) {
    ssize_t n = read(fd, chunk.data(), kChunkBytes);
    if (n < 0) {
      if (errno == EINTR) continue;
      stats.ok = false;
      stats.error = std::string("read: ") + std::strerror(errno);
      break;
    }
    if (n == 0) break;
    if (!zstd) {
      splitter.Consume(chunk.data(), static_cast<size_t>(n));
      continue;
    }
    ZSTD_inBuffer in{chunk.data(), static_cast<size_t>(n), 0};
    bool full = false;
    while (in.pos < in.size || full) {
      ZSTD_outBuffer out{block.data(), kBlockBytes, 0};
      size_t hint = ZSTD_decompressStream(dctx, &out, &in);
      if (ZSTD_isError(hint)) {
        stats.ok = false;
        stats.error = std::string("zstd: ") + ZSTD_getErrorName(hint);
        break;
      }
      full = out.pos == out.size;
      if (out.pos > 0) splitter.Consume(block.data(), out.pos);
    }
    if (!stats.ok) break;
  }
  splitter.Finish();
  if (dctx != nullptr) ZSTD_freeDCtx(dctx);
  close(fd);
  return stats;
}

// ---------------------------------------------------------------------------
// The ceiling

namespace {

namespace od = simdjson::ondemand;

// Everything sparkdx keeps from a TaskEnd, on the stack.
struct TaskEndFields {
  int64_t stage_id = 0;
  int64_t stage_attempt_id = 0;
  int64_t task_id = 0;
  int64_t index = 0;
  int64_t attempt = 0;
  int64_t partition_id = 0;
  int64_t launch_time = 0;
  int64_t getting_result_time = 0;
  int64_t finish_time = 0;
  bool speculative = false;
  bool failed = false;
  bool killed = false;
  std::string_view executor_id;
  std::string_view host;
  std::string_view locality;
  std::string_view reason;
  std::string_view task_type;
  int64_t metrics[48] = {};
  int metric_count = 0;
};

// The raw key (after its opening quote) equals `key` (a literal).
template <size_t N>
inline bool KeyIs(const char* raw, const char (&key)[N]) {
  return std::memcmp(raw, key, N - 1) == 0 && raw[N - 1] == '"';
}

// Every number inside "Task Metrics", in document order.
simdjson::error_code ReadNumbers(od::object object, TaskEndFields* out) {
  for (auto item : object) {
    od::field field;
    SIMDJSON_TRY(std::move(item).get(field));
    od::json_type type;
    SIMDJSON_TRY(field.value().type().get(type));
    if (type == od::json_type::number) {
      int64_t v = 0;
      SIMDJSON_TRY(field.value().get_int64().get(v));
      if (out->metric_count < 48) out->metrics[out->metric_count++] = v;
    } else if (type == od::json_type::object) {
      od::object inner;
      SIMDJSON_TRY(field.value().get_object().get(inner));
      SIMDJSON_TRY(ReadNumbers(inner, out));
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadTaskInfo(od::object info, TaskEndFields* out) {
  for (auto item : info) {
    od::field field;
    SIMDJSON_TRY(std::move(item).get(field));
    const char* k = field.key().raw();
    if (KeyIs(k, "Task ID")) {
      SIMDJSON_TRY(field.value().get_int64().get(out->task_id));
    } else if (KeyIs(k, "Index")) {
      SIMDJSON_TRY(field.value().get_int64().get(out->index));
    } else if (KeyIs(k, "Attempt")) {
      SIMDJSON_TRY(field.value().get_int64().get(out->attempt));
    } else if (KeyIs(k, "Partition ID")) {
      SIMDJSON_TRY(field.value().get_int64().get(out->partition_id));
    } else if (KeyIs(k, "Launch Time")) {
      SIMDJSON_TRY(field.value().get_int64().get(out->launch_time));
    } else if (KeyIs(k, "Executor ID")) {
      SIMDJSON_TRY(field.value().get_string().get(out->executor_id));
    } else if (KeyIs(k, "Host")) {
      SIMDJSON_TRY(field.value().get_string().get(out->host));
    } else if (KeyIs(k, "Locality")) {
      SIMDJSON_TRY(field.value().get_string().get(out->locality));
    } else if (KeyIs(k, "Speculative")) {
      SIMDJSON_TRY(field.value().get_bool().get(out->speculative));
    } else if (KeyIs(k, "Getting Result Time")) {
      SIMDJSON_TRY(field.value().get_int64().get(out->getting_result_time));
    } else if (KeyIs(k, "Finish Time")) {
      SIMDJSON_TRY(field.value().get_int64().get(out->finish_time));
    } else if (KeyIs(k, "Failed")) {
      SIMDJSON_TRY(field.value().get_bool().get(out->failed));
    } else if (KeyIs(k, "Killed")) {
      SIMDJSON_TRY(field.value().get_bool().get(out->killed));
    }
    // "Accumulables" is skipped unread.
  }
  return simdjson::SUCCESS;
}

}  // namespace

struct CeilingConsumer::State {
  od::parser parser;
  uint64_t task_ends = 0;
  uint64_t errors = 0;
  uint64_t checksum = 0;
};

CeilingConsumer::CeilingConsumer() : state_(std::make_unique<State>()) {}
CeilingConsumer::~CeilingConsumer() = default;
uint64_t CeilingConsumer::task_ends() const { return state_->task_ends; }
uint64_t CeilingConsumer::errors() const { return state_->errors; }
uint64_t CeilingConsumer::checksum() const { return state_->checksum; }

void CeilingConsumer::OnLine(const uint8_t* data, size_t size) {
  if (size == 0) return;
  State& s = *state_;
  od::document doc;
  if (s.parser.iterate(reinterpret_cast<const char*>(data), size, size + kPadding).get(doc)) {
    ++s.errors;
    return;
  }
  od::object object;
  if (doc.get_object().get(object)) {
    ++s.errors;
    return;
  }
  TaskEndFields t;
  bool first = true;
  for (auto item : object) {
    od::field field;
    if (std::move(item).get(field)) {
      ++s.errors;
      return;
    }
    const char* k = field.key().raw();
    simdjson::error_code error = simdjson::SUCCESS;
    if (first) {
      first = false;
      std::string_view event;
      if (!KeyIs(k, "Event") || field.value().get_string().get(event)) {
        ++s.errors;
        return;
      }
      if (event != "SparkListenerTaskEnd") return;  // only TaskEnd is read further
      continue;
    }
    if (KeyIs(k, "Stage ID")) {
      error = field.value().get_int64().get(t.stage_id);
    } else if (KeyIs(k, "Stage Attempt ID")) {
      error = field.value().get_int64().get(t.stage_attempt_id);
    } else if (KeyIs(k, "Task Type")) {
      error = field.value().get_string().get(t.task_type);
    } else if (KeyIs(k, "Task End Reason")) {
      od::object reason;
      error = field.value().get_object().get(reason);
      if (!error) {
        for (auto r : reason) {
          od::field rf;
          if ((error = std::move(r).get(rf))) break;
          if (KeyIs(rf.key().raw(), "Reason")) {
            error = rf.value().get_string().get(t.reason);
            break;
          }
        }
      }
    } else if (KeyIs(k, "Task Info")) {
      od::object info;
      error = field.value().get_object().get(info);
      if (!error) error = ReadTaskInfo(info, &t);
    } else if (KeyIs(k, "Task Metrics")) {
      od::object metrics;
      error = field.value().get_object().get(metrics);
      if (!error) error = ReadNumbers(metrics, &t);
    }
    // "Task Executor Metrics" is skipped unread.
    if (error) {
      ++s.errors;
      return;
    }
  }
  ++s.task_ends;
  uint64_t sum = static_cast<uint64_t>(t.stage_id + t.task_id + t.finish_time - t.launch_time) + t.executor_id.size() +
                 t.reason.size();
  for (int i = 0; i < t.metric_count; ++i) sum += static_cast<uint64_t>(t.metrics[i]);
  s.checksum += sum;
}

}  // namespace sparkdx::bench

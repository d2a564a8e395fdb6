// gen_eventlog: writes one large, realistic, deterministic Spark 3.5 event log.
//
//   gen_eventlog --bytes SIZE [--seed N] [--out FILE] [--codec none|zstd] [--app-id ID]
//                [--executors N] [--cores N] [--quiet]
//
// SIZE accepts K/M/G suffixes (binary) and is the decompressed size aimed at:
// the last jobs' stages are trimmed to fit, so the log comes out within a
// couple of per cent (at least one SQL execution is always written). Without
// --out the log goes to stdout, so it can be piped:
// `gen_eventlog --bytes 10G | sparkdx analyze -`. The same options give
// byte-identical output (plain and zstd). A summary goes to stderr unless -q.
//
// What is in it, with Spark 3.5's field names and key order (shapes copied
// from real 3.5 logs): LogStart, ApplicationStart, a ~30 KB EnvironmentUpdate,
// ResourceProfileAdded, executors coming and going (dynamic allocation), SQL
// executions with 100 KB - 2 MB plan lines and AQE updates, jobs, stages of
// tens to tens of thousands of tasks, and TaskStart/TaskEnd pairs whose
// durations are skewed (log-normal body, a few 10-50x stragglers per stage,
// some from data skew), with failed attempts (ExceptionFailure) and retries,
// and speculative copies that win or are killed.
//
// Speed: every event kind is a template (literal segments and numbered holes)
// compiled once per stage and rendered by copying literals and formatting
// integers; nothing builds JSON objects. With --codec zstd the output is
// many concatenated zstd frames (level 1), one every few hundred KB, as
// Spark's event log writer does when it closes a frame on every flush.
#include "rng.h"  // samples/gen: the project's one xoshiro256** implementation
#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "bench_util.h"

namespace sparkdx::bench {
namespace {

// ---------------------------------------------------------------------------
// Output buffer and integer formatting

const char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

inline char* WriteUint(char* p, uint64_t v) {
  char tmp[24];
  char* t = tmp + sizeof(tmp);
  while (v >= 100) {
    unsigned r = static_cast<unsigned>(v % 100);
    v /= 100;
    t -= 2;
    std::memcpy(t, kDigitPairs + 2 * r, 2);
  }
  if (v >= 10) {
    t -= 2;
    std::memcpy(t, kDigitPairs + 2 * v, 2);
  } else {
    *--t = static_cast<char>('0' + v);
  }
  size_t n = static_cast<size_t>(tmp + sizeof(tmp) - t);
  std::memcpy(p, t, n);
  return p + n;
}

inline char* WriteInt(char* p, int64_t v) {
  if (v < 0) {
    *p++ = '-';
    return WriteUint(p, static_cast<uint64_t>(-(v + 1)) + 1);
  }
  return WriteUint(p, static_cast<uint64_t>(v));
}

class Buffer {
 public:
  Buffer() { Grow(4u << 20); }
  char* data() { return data_.get(); }
  size_t size() const { return size_; }
  void clear() { size_ = 0; }
  void Reserve(size_t extra) {
    if (size_ + extra > capacity_) Grow(std::max(capacity_ * 2, size_ + extra));
  }
  void Append(const char* s, size_t n) {
    Reserve(n);
    std::memcpy(data_.get() + size_, s, n);
    size_ += n;
  }
  void Append(std::string_view s) { Append(s.data(), s.size()); }
  void AppendInt(int64_t v) {
    Reserve(24);
    size_ = static_cast<size_t>(WriteInt(data_.get() + size_, v) - data_.get());
  }
  // After Reserve():
  char* end() { return data_.get() + size_; }
  void set_end(char* p) { size_ = static_cast<size_t>(p - data_.get()); }
  // Drops the first n bytes.
  void Consume(size_t n) {
    std::memmove(data_.get(), data_.get() + n, size_ - n);
    size_ -= n;
  }

  Buffer& operator<<(std::string_view s) {
    Append(s);
    return *this;
  }
  Buffer& operator<<(const char* s) {
    Append(s, std::strlen(s));
    return *this;
  }
  Buffer& operator<<(const std::string& s) {
    Append(s);
    return *this;
  }
  Buffer& operator<<(int64_t v) {
    AppendInt(v);
    return *this;
  }
  Buffer& operator<<(int v) {
    AppendInt(v);
    return *this;
  }
  Buffer& operator<<(uint64_t v) {
    AppendInt(static_cast<int64_t>(v));
    return *this;
  }

 private:
  void Grow(size_t capacity) {
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// std::string appends for the rarely written parts (plans, environment).
void AppendNum(std::string* s, int64_t v) {
  char tmp[24];
  s->append(tmp, static_cast<size_t>(WriteInt(tmp, v) - tmp));
}

// ---------------------------------------------------------------------------
// Deterministic random numbers (xoshiro256**; our own normal so the stream
// does not depend on the standard library's distributions).

class Rng {
 public:
  explicit Rng(uint64_t seed) : bits_(seed) {}
  // The same xoshiro256** stream as the diagnosis samples' generator.
  uint64_t Next() { return bits_.Next(); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Inclusive.
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = Uniform();
    double u2 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2 * M_PI * u2);
    has_spare_ = true;
    return r * std::cos(2 * M_PI * u2);
  }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  double LogUniform(double lo, double hi) { return std::exp(Uniform(std::log(lo), std::log(hi))); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Next() % N];
  }

 private:
  samples::Rng bits_;
  double spare_ = 0;
  bool has_spare_ = false;
};

// ---------------------------------------------------------------------------
// Templates: literal JSON text with holes. A hole is a slot number; the value
// in that slot is an integer or a piece of raw JSON text. An IfNonZero block
// renders only when its slot's integer is not zero (Spark lists only non-zero
// internal accumulators in a TaskEnd).

struct Value {
  int64_t number = 0;
  const char* text = nullptr;
  uint32_t text_size = 0;
};
inline void SetText(Value* v, std::string_view text) {
  v->text = text.data();
  v->text_size = static_cast<uint32_t>(text.size());
}

class Template {
 public:
  Template& Lit(std::string_view text) {
    if (text.empty()) return *this;
    if (mergeable_ && !ops_.empty() && ops_.back().kind == kLit) {
      ops_.back().length += static_cast<uint32_t>(text.size());
    } else {
      ops_.push_back(Op{kLit, 0, static_cast<uint32_t>(literals_.size()), static_cast<uint32_t>(text.size())});
    }
    literals_.append(text);
    mergeable_ = true;
    return *this;
  }
  Template& Lit(int64_t number) {
    std::string s;
    AppendNum(&s, number);
    return Lit(s);
  }
  Template& Num(int slot) {
    ops_.push_back(Op{kNum, static_cast<uint16_t>(slot), 0, 0});
    ++num_holes_;
    mergeable_ = false;
    return *this;
  }
  Template& Text(int slot) {
    ops_.push_back(Op{kText, static_cast<uint16_t>(slot), 0, 0});
    text_slots_.push_back(slot);
    mergeable_ = false;
    return *this;
  }
  Template& IfNonZero(int slot) {
    open_.push_back(ops_.size());
    ops_.push_back(Op{kIf, static_cast<uint16_t>(slot), 0, 0});
    mergeable_ = false;
    return *this;
  }
  Template& EndIf() {
    ops_[open_.back()].offset = static_cast<uint32_t>(ops_.size());  // jump target
    open_.pop_back();
    mergeable_ = false;  // text after the block must not join the block's last literal
    return *this;
  }

  void Render(Buffer* out, const Value* values) const {
    size_t need = literals_.size() + num_holes_ * 21;
    for (int slot : text_slots_) need += values[slot].text_size;
    out->Reserve(need);
    char* p = out->end();
    const char* lit = literals_.data();
    const size_t n = ops_.size();
    for (size_t i = 0; i < n; ++i) {
      const Op& op = ops_[i];
      switch (op.kind) {
        case kLit:
          std::memcpy(p, lit + op.offset, op.length);
          p += op.length;
          break;
        case kNum: p = WriteInt(p, values[op.slot].number); break;
        case kText:
          std::memcpy(p, values[op.slot].text, values[op.slot].text_size);
          p += values[op.slot].text_size;
          break;
        case kIf:
          if (values[op.slot].number == 0) i = op.offset - 1;
          break;
      }
    }
    out->set_end(p);
  }

 private:
  enum Kind : uint8_t { kLit, kNum, kText, kIf };
  struct Op {
    Kind kind;
    uint16_t slot;
    uint32_t offset;
    uint32_t length;
  };
  std::string literals_;
  std::vector<Op> ops_;
  std::vector<int> text_slots_;
  std::vector<size_t> open_;
  size_t num_holes_ = 0;
  bool mergeable_ = false;
};

// ---------------------------------------------------------------------------
// Output: plain, or zstd frames ended every few hundred KB at an event boundary.

class Output {
 public:
  Output(int fd, bool zstd, uint64_t seed) : fd_(fd), rng_(seed ^ 0x5a5a5a5a5a5a5a5aull) {
    if (zstd) {
      cctx_ = ZSTD_createCCtx();
      ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, 1);
      ZSTD_CCtx_setParameter(cctx_, ZSTD_c_contentSizeFlag, 0);  // a stream does not know its frame sizes
      ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 0);
      compressed_.resize(ZSTD_compressBound(1u << 20) + 1024);
    }
    NextThreshold();
  }
  ~Output() {
    if (cctx_ != nullptr) ZSTD_freeCCtx(cctx_);
  }

  Buffer& buffer() { return buffer_; }
  // Called after each complete event line (with its '\n').
  void EndEvent() {
    ++events_;
    if (buffer_.size() >= threshold_) Flush();
  }
  void Finish() {
    if (buffer_.size() > 0) Flush();
  }
  uint64_t decoded_bytes() const { return flushed_ + buffer_.size(); }
  uint64_t written_bytes() const { return written_; }
  uint64_t events() const { return events_; }
  uint64_t frames() const { return frames_; }

 private:
  void NextThreshold() {
    // Plain output: large writes. Zstd: a frame every 128-512 KB.
    threshold_ = cctx_ == nullptr ? (4u << 20) : static_cast<size_t>(rng_.Range(128 << 10, 512 << 10));
  }

  void Flush() {
    flushed_ += buffer_.size();
    if (cctx_ == nullptr) {
      WriteAll(buffer_.data(), buffer_.size());
    } else {
      // Stream the bytes in first, then end the frame, so the frame's
      // parameters are those of a stream of unknown size (as zstd-jni's).
      ZSTD_inBuffer in{buffer_.data(), buffer_.size(), 0};
      while (in.pos < in.size) {
        ZSTD_outBuffer out{compressed_.data(), compressed_.size(), 0};
        size_t hint = ZSTD_compressStream2(cctx_, &out, &in, ZSTD_e_continue);
        if (ZSTD_isError(hint)) {
          std::fprintf(stderr, "gen_eventlog: zstd: %s\n", ZSTD_getErrorName(hint));
          std::exit(1);
        }
        WriteAll(compressed_.data(), out.pos);
      }
      for (;;) {
        ZSTD_outBuffer out{compressed_.data(), compressed_.size(), 0};
        size_t left = ZSTD_compressStream2(cctx_, &out, &in, ZSTD_e_end);
        if (ZSTD_isError(left)) {
          std::fprintf(stderr, "gen_eventlog: zstd: %s\n", ZSTD_getErrorName(left));
          std::exit(1);
        }
        WriteAll(compressed_.data(), out.pos);
        if (left == 0) break;
      }
      ++frames_;
    }
    buffer_.clear();
    NextThreshold();
  }

  void WriteAll(const char* data, size_t size) {
    written_ += size;
    while (size > 0) {
      ssize_t n = write(fd_, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno != EPIPE) std::fprintf(stderr, "gen_eventlog: write: %s\n", std::strerror(errno));
        std::exit(errno == EPIPE ? 0 : 1);
      }
      data += n;
      size -= static_cast<size_t>(n);
    }
  }

  int fd_;
  Rng rng_;
  ZSTD_CCtx* cctx_ = nullptr;
  std::vector<char> compressed_;
  Buffer buffer_;
  size_t threshold_ = 0;
  uint64_t flushed_ = 0;
  uint64_t written_ = 0;
  uint64_t events_ = 0;
  uint64_t frames_ = 0;
};

// ---------------------------------------------------------------------------
// Static content: configuration, class path, stack traces, tables.

struct KeyValue {
  const char* key;
  const char* value;
};

// Spark properties (EnvironmentUpdate and job/stage Properties). Values with
// "@APP_ID@" etc. are patched at run time.
const KeyValue kSparkProperties[] = {
    {"spark.sql.adaptive.coalescePartitions.enabled", "true"},
    {"spark.executor.memoryOverhead", "4096m"},
    {"spark.sql.shuffle.partitions", "2000"},
    {"spark.dynamicAllocation.minExecutors", "8"},
    {"spark.eventLog.compression.codec", "zstd"},
    {"spark.driver.extraJavaOptions",
     "-Djava.net.preferIPv6Addresses=false -XX:+IgnoreUnrecognizedVMOptions "
     "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED "
     "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED "
     "--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
     "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
     "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED "
     "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED "
     "--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED "
     "-Djdk.reflect.useDirectMethodHandle=false -XX:+UseG1GC -XX:OnOutOfMemoryError='kill -9 %p'"},
    {"spark.sql.autoBroadcastJoinThreshold", "64MB"},
    {"spark.serializer", "org.apache.spark.serializer.KryoSerializer"},
    {"spark.speculation", "true"},
    {"spark.yarn.historyServer.address", "ip-10-20-0-10.ec2.internal:18080"},
    {"spark.app.startTime", "@START@"},
    {"spark.executor.cores", "@CORES@"},
    {"spark.sql.adaptive.skewJoin.enabled", "true"},
    {"spark.eventLog.enabled", "true"},
    {"spark.driver.host", "ip-10-20-0-10.ec2.internal"},
    {"spark.driver.memory", "16g"},
    {"spark.sql.parquet.compression.codec", "zstd"},
    {"spark.app.name", "@APP_NAME@"},
    {"spark.dynamicAllocation.maxExecutors", "64"},
    {"spark.sql.catalogImplementation", "hive"},
    {"spark.submit.deployMode", "client"},
    {"spark.kryoserializer.buffer.max", "512m"},
    {"spark.executor.extraJavaOptions",
     "-Djava.net.preferIPv6Addresses=false -XX:+IgnoreUnrecognizedVMOptions "
     "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED "
     "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED "
     "--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
     "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
     "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED "
     "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED "
     "--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED "
     "-Djdk.reflect.useDirectMethodHandle=false -verbose:gc -XX:+UseG1GC -XX:InitiatingHeapOccupancyPercent=35"},
    {"spark.sql.files.maxPartitionBytes", "134217728"},
    {"spark.master", "yarn"},
    {"spark.executor.memory", "24g"},
    {"spark.dynamicAllocation.enabled", "true"},
    {"spark.dynamicAllocation.executorIdleTimeout", "60s"},
    {"spark.shuffle.service.enabled", "true"},
    {"spark.history.fs.logDirectory", "hdfs:///var/log/spark/apps"},
    {"spark.eventLog.dir", "hdfs:///var/log/spark/apps"},
    {"spark.yarn.am.memory", "2g"},
    {"spark.sql.warehouse.dir", "s3://acme-analytics-warehouse/hive"},
    {"spark.app.id", "@APP_ID@"},
    {"spark.driver.port", "37451"},
    {"spark.ui.port", "0"},
    {"spark.ui.filters", "org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter"},
    {"spark.org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter.param.PROXY_HOSTS", "ip-10-20-0-10.ec2.internal"},
    {"spark.org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter.param.PROXY_URI_BASES",
     "http://ip-10-20-0-10.ec2.internal:20888/proxy/@APP_ID@"},
    {"spark.executor.id", "driver"},
    {"spark.speculation.multiplier", "1.5"},
    {"spark.speculation.quantile", "0.75"},
    {"spark.sql.adaptive.enabled", "true"},
    {"spark.sql.adaptive.advisoryPartitionSizeInBytes", "128MB"},
    {"spark.network.timeout", "600s"},
    {"spark.executor.heartbeatInterval", "20s"},
    {"spark.memory.fraction", "0.6"},
    {"spark.rdd.compress", "true"},
    {"spark.io.compression.codec", "lz4"},
    {"spark.locality.wait", "3s"},
    {"spark.scheduler.mode", "FAIR"},
    {"spark.task.maxFailures", "4"},
    {"spark.stage.maxConsecutiveAttempts", "4"},
    {"spark.sql.sources.partitionOverwriteMode", "dynamic"},
    {"spark.sql.hive.metastore.sharedPrefixes", "com.amazonaws.services.dynamodbv2"},
    {"spark.hadoop.fs.s3.getObject.initialSocketTimeoutMilliseconds", "2000"},
    {"spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2"},
    {"spark.hadoop.mapreduce.fileoutputcommitter.cleanup-failures.ignored", "true"},
    {"spark.files.fetchFailure.unRegisterOutputOnHost", "true"},
    {"spark.decommission.enabled", "true"},
    {"spark.blacklist.decommissioning.timeout", "1h"},
    {"spark.resourceManager.cleanupExpiredHost", "true"},
    {"spark.stage.attempt.ignoreOnDecommissionFetchFailure", "true"},
    {"spark.emr.default.executor.memory", "24g"},
    {"spark.emr.default.executor.cores", "@CORES@"},
    {"spark.driver.defaultJavaOptions", "-XX:OnOutOfMemoryError='kill -9 %p'"},
    {"spark.executor.defaultJavaOptions", "-verbose:gc -XX:OnOutOfMemoryError='kill -9 %p'"},
    {"spark.sql.parquet.fs.optimized.committer.optimization-enabled", "true"},
    {"spark.sql.emr.internal.extensions", "com.amazonaws.emr.spark.EmrSparkSessionExtensions"},
    {"spark.app.submitTime", "@SUBMIT@"},
    {"spark.submit.pyFiles", ""},
    {"spark.yarn.dist.files", ""},
    {"spark.yarn.isPython", "true"},
    {"spark.sql.cbo.enabled", "true"},
    {"spark.sql.statistics.fallBackToHdfs", "true"},
};

const KeyValue kHadoopProperties[] = {
    {"fs.defaultFS", "hdfs://ip-10-20-0-10.ec2.internal:8020"},
    {"hadoop.tmp.dir", "/mnt/var/lib/hadoop/tmp"},
    {"io.file.buffer.size", "65536"},
    {"fs.s3a.connection.maximum", "500"},
    {"fs.s3a.threads.max", "64"},
    {"fs.s3a.fast.upload", "true"},
    {"fs.s3a.block.size", "134217728"},
    {"fs.s3.buffer.dir", "/mnt/s3,/mnt1/s3"},
    {"fs.s3.maxConnections", "1000"},
    {"fs.s3.impl", "com.amazon.ws.emr.hadoop.fs.EmrFileSystem"},
    {"fs.s3n.impl", "com.amazon.ws.emr.hadoop.fs.EmrFileSystem"},
    {"fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3.EMRFSDelegate"},
    {"dfs.replication", "2"},
    {"dfs.blocksize", "134217728"},
    {"dfs.client.read.shortcircuit", "true"},
    {"dfs.domain.socket.path", "/var/run/hadoop-hdfs/dn._PORT"},
    {"dfs.namenode.handler.count", "64"},
    {"dfs.datanode.du.reserved", "536870912"},
    {"dfs.permissions.superusergroup", "hadoop"},
    {"dfs.namenode.safemode.extension", "5000"},
    {"dfs.webhdfs.enabled", "true"},
    {"yarn.resourcemanager.hostname", "ip-10-20-0-10.ec2.internal"},
    {"yarn.resourcemanager.address", "ip-10-20-0-10.ec2.internal:8032"},
    {"yarn.resourcemanager.scheduler.address", "ip-10-20-0-10.ec2.internal:8030"},
    {"yarn.resourcemanager.webapp.address", "ip-10-20-0-10.ec2.internal:8088"},
    {"yarn.resourcemanager.scheduler.class", "org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler"},
    {"yarn.resourcemanager.nodes.exclude-path", "/emr/instance-controller/lib/yarn.nodes.exclude.xml"},
    {"yarn.resourcemanager.decommissioning-nodes-watcher.poll-interval-secs", "10"},
    {"yarn.nodemanager.resource.memory-mb", "122880"},
    {"yarn.nodemanager.resource.cpu-vcores", "32"},
    {"yarn.nodemanager.vmem-check-enabled", "false"},
    {"yarn.nodemanager.pmem-check-enabled", "true"},
    {"yarn.nodemanager.aux-services", "mapreduce_shuffle,spark_shuffle"},
    {"yarn.nodemanager.aux-services.spark_shuffle.class", "org.apache.spark.network.yarn.YarnShuffleService"},
    {"yarn.nodemanager.local-dirs", "/mnt/yarn,/mnt1/yarn,/mnt2/yarn"},
    {"yarn.nodemanager.log-dirs", "/var/log/hadoop-yarn/containers"},
    {"yarn.nodemanager.remote-app-log-dir", "/var/log/hadoop-yarn/apps"},
    {"yarn.nodemanager.container-executor.class", "org.apache.hadoop.yarn.server.nodemanager.DefaultContainerExecutor"},
    {"yarn.log-aggregation-enable", "true"},
    {"yarn.log-aggregation.retain-seconds", "172800"},
    {"yarn.scheduler.minimum-allocation-mb", "32"},
    {"yarn.scheduler.maximum-allocation-mb", "122880"},
    {"yarn.scheduler.maximum-allocation-vcores", "128"},
    {"yarn.app.mapreduce.am.resource.mb", "2048"},
    {"yarn.timeline-service.enabled", "false"},
    {"yarn.timeline-service.hostname", "ip-10-20-0-10.ec2.internal"},
    {"yarn.web-proxy.address", "ip-10-20-0-10.ec2.internal:20888"},
    {"yarn.acl.enable", "false"},
    {"yarn.resourcemanager.am.max-attempts", "2"},
    {"yarn.node-labels.enabled", "true"},
    {"yarn.node-labels.am.default-node-label-expression", "CORE"},
    {"mapreduce.framework.name", "yarn"},
    {"mapreduce.map.memory.mb", "3072"},
    {"mapreduce.reduce.memory.mb", "6144"},
    {"mapreduce.map.java.opts", "-Xmx2458m"},
    {"mapreduce.reduce.java.opts", "-Xmx4916m"},
    {"mapreduce.task.io.sort.mb", "200"},
    {"mapreduce.task.io.sort.factor", "48"},
    {"mapreduce.job.reduces", "29"},
    {"mapreduce.jobhistory.address", "ip-10-20-0-10.ec2.internal:10020"},
    {"mapreduce.jobhistory.webapp.address", "ip-10-20-0-10.ec2.internal:19888"},
    {"mapreduce.output.fileoutputformat.compress", "false"},
    {"mapreduce.map.output.compress", "true"},
    {"mapreduce.map.output.compress.codec", "org.apache.hadoop.io.compress.SnappyCodec"},
    {"mapreduce.fileoutputcommitter.algorithm.version", "2"},
    {"mapreduce.reduce.shuffle.parallelcopies", "20"},
    {"mapreduce.job.userlog.retain.hours", "48"},
    {"hadoop.security.authentication", "simple"},
    {"hadoop.security.authorization", "false"},
    {"hadoop.proxyuser.hadoop.hosts", "*"},
    {"hadoop.proxyuser.hadoop.groups", "*"},
    {"hadoop.http.staticuser.user", "dr.who"},
    {"hadoop.service.shutdown.timeout", "30s"},
    {"hadoop.registry.zk.quorum", "localhost:2181"},
    {"hadoop.zk.timeout-ms", "10000"},
    {"ipc.client.connect.max.retries", "10"},
    {"ipc.client.connect.timeout", "20000"},
    {"ipc.server.listen.queue.size", "128"},
    {"io.compression.codecs",
     "org.apache.hadoop.io.compress.GzipCodec,org.apache.hadoop.io.compress.DefaultCodec,"
     "org.apache.hadoop.io.compress.BZip2Codec,org.apache.hadoop.io.compress.SnappyCodec,"
     "org.apache.hadoop.io.compress.Lz4Codec,org.apache.hadoop.io.compress.ZStandardCodec"},
    {"hive.metastore.uris", "thrift://ip-10-20-0-10.ec2.internal:9083"},
    {"hive.metastore.client.factory.class", "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"},
    {"hive.exec.dynamic.partition.mode", "nonstrict"},
    {"hive.execution.engine", "tez"},
    {"net.topology.script.file.name", "/etc/hadoop/conf/topology_script.py"},
    {"ha.zookeeper.session-timeout.ms", "10000"},
    {"file.stream-buffer-size", "4096"},
    {"ftp.blocksize", "67108864"},
    {"s3.replication", "3"},
    {"seq.io.sort.mb", "100"},
    {"tfile.fs.input.buffer.size", "262144"},
    {"fs.trash.interval", "0"},
    {"fs.permissions.umask-mode", "022"},
    {"fs.s3a.retry.limit", "7"},
    {"fs.s3a.retry.interval", "500ms"},
    {"fs.s3a.multipart.size", "67108864"},
    {"fs.s3a.committer.name", "magic"},
    {"fs.s3a.aws.credentials.provider",
     "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider,org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,"
     "com.amazonaws.auth.EnvironmentVariableCredentialsProvider,org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider"},
};

const KeyValue kSystemProperties[] = {
    {"java.io.tmpdir", "/tmp"},
    {"line.separator", "\\n"},
    {"path.separator", ":"},
    {"sun.management.compiler", "HotSpot 64-Bit Tiered Compilers"},
    {"SPARK_SUBMIT", "true"},
    {"sun.cpu.endian", "little"},
    {"java.specification.version", "17"},
    {"java.vm.specification.name", "Java Virtual Machine Specification"},
    {"java.vendor", "Amazon.com Inc."},
    {"java.vm.specification.version", "17"},
    {"user.home", "/home/hadoop"},
    {"file.encoding.pkg", "sun.io"},
    {"sun.arch.data.model", "64"},
    {"sun.boot.library.path", "/usr/lib/jvm/java-17-amazon-corretto.x86_64/lib"},
    {"user.dir", "/home/hadoop"},
    {"java.library.path", "/usr/lib/hadoop/lib/native:/usr/lib/hadoop-lzo/lib/native:/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib"},
    {"sun.cpu.isalist", ""},
    {"os.arch", "amd64"},
    {"java.vm.version", "17.0.10+7-LTS"},
    {"jetty.git.hash", "8da83308eeca865e495e53ef315a249d63ba9332"},
    {"java.runtime.version", "17.0.10+7-LTS"},
    {"java.vm.info", "mixed mode, sharing"},
    {"java.runtime.name", "OpenJDK Runtime Environment"},
    {"java.version.date", "2024-01-16"},
    {"file.encoding", "UTF-8"},
    {"sun.java.command",
     "org.apache.spark.deploy.SparkSubmit --conf spark.driver.memory=16g --deploy-mode client "
     "--name @APP_NAME@ s3://acme-analytics-code/jobs/daily_rollup.py --date 2024-06-10"},
    {"java.vendor.url", "https://aws.amazon.com/corretto/"},
    {"java.class.version", "61.0"},
    {"java.specification.vendor", "Oracle Corporation"},
    {"sun.java.launcher", "SUN_STANDARD"},
    {"java.vm.specification.vendor", "Oracle Corporation"},
    {"jdk.debug", "release"},
    {"os.name", "Linux"},
    {"java.vm.name", "OpenJDK 64-Bit Server VM"},
    {"java.vendor.url.bug", "https://github.com/corretto/corretto-17/issues/"},
    {"user.name", "hadoop"},
    {"java.vm.vendor", "Amazon.com Inc."},
    {"java.vm.compressedOopsMode", "Zero based"},
    {"user.language", "en"},
    {"java.specification.name", "Java Platform API Specification"},
    {"sun.io.unicode.encoding", "UnicodeLittle"},
    {"java.home", "/usr/lib/jvm/java-17-amazon-corretto.x86_64"},
    {"os.version", "6.1.84-99.169.amzn2023.x86_64"},
    {"user.timezone", "UTC"},
    {"java.version", "17.0.10"},
    {"sun.jnu.encoding", "UTF-8"},
    {"java.class.path", "/usr/lib/spark/conf/:/usr/lib/spark/jars/*:/etc/hadoop/conf/"},
};

const KeyValue kMetricsProperties[] = {
    {"*.sink.servlet.class", "org.apache.spark.metrics.sink.MetricsServlet"},
    {"*.sink.servlet.path", "/metrics/json"},
    {"master.sink.servlet.path", "/metrics/master/json"},
    {"applications.sink.servlet.path", "/metrics/applications/json"},
    {"*.source.jvm.class", "org.apache.spark.metrics.source.JvmSource"},
};

// Artifacts of a Spark 3.5 distribution's jars directory (name, version).
const KeyValue kJars[] = {
    {"HikariCP", "2.5.1"}, {"JLargeArrays", "1.5"}, {"JTransforms", "3.1"}, {"RoaringBitmap", "0.9.45"},
    {"ST4", "4.0.4"}, {"activation", "1.1.1"}, {"aircompressor", "0.26"}, {"algebra_2.12", "2.0.1"},
    {"annotations", "17.0.0"}, {"antlr-runtime", "3.5.2"}, {"antlr4-runtime", "4.9.3"},
    {"aopalliance-repackaged", "2.6.1"}, {"arpack", "3.0.3"}, {"arpack_combined_all", "0.1"},
    {"arrow-format", "12.0.1"}, {"arrow-memory-core", "12.0.1"}, {"arrow-memory-netty", "12.0.1"},
    {"arrow-vector", "12.0.1"}, {"audience-annotations", "0.5.0"}, {"avro", "1.11.2"}, {"avro-ipc", "1.11.2"},
    {"avro-mapred", "1.11.2"}, {"blas", "3.0.3"}, {"bonecp", "0.8.0.RELEASE"}, {"breeze-macros_2.12", "2.1.0"},
    {"breeze_2.12", "2.1.0"}, {"cats-kernel_2.12", "2.1.1"}, {"chill-java", "0.10.0"}, {"chill_2.12", "0.10.0"},
    {"commons-cli", "1.5.0"}, {"commons-codec", "1.16.0"}, {"commons-collections", "3.2.2"},
    {"commons-collections4", "4.4"}, {"commons-compiler", "3.1.9"}, {"commons-compress", "1.23.0"},
    {"commons-crypto", "1.1.0"}, {"commons-dbcp", "1.4"}, {"commons-io", "2.13.0"}, {"commons-lang", "2.6"},
    {"commons-lang3", "3.12.0"}, {"commons-logging", "1.1.3"}, {"commons-math3", "3.6.1"}, {"commons-pool", "1.5.4"},
    {"commons-text", "1.10.0"}, {"compress-lzf", "1.1.2"}, {"curator-client", "2.13.0"},
    {"curator-framework", "2.13.0"}, {"curator-recipes", "2.13.0"}, {"datanucleus-api-jdo", "4.2.4"},
    {"datanucleus-core", "4.1.17"}, {"datanucleus-rdbms", "4.1.19"}, {"datasketches-java", "3.3.0"},
    {"datasketches-memory", "2.1.0"}, {"derby", "10.14.2.0"}, {"dropwizard-metrics-hadoop-metrics2-reporter", "0.1.2"},
    {"flatbuffers-java", "1.12.0"}, {"gson", "2.2.4"}, {"guava", "14.0.1"}, {"hadoop-client-api", "3.3.6"},
    {"hadoop-client-runtime", "3.3.6"}, {"hadoop-shaded-guava", "1.1.1"}, {"hadoop-yarn-server-web-proxy", "3.3.6"},
    {"hive-beeline", "2.3.9"}, {"hive-cli", "2.3.9"}, {"hive-common", "2.3.9"}, {"hive-exec", "2.3.9-core"},
    {"hive-jdbc", "2.3.9"}, {"hive-llap-common", "2.3.9"}, {"hive-metastore", "2.3.9"}, {"hive-serde", "2.3.9"},
    {"hive-service-rpc", "3.1.3"}, {"hive-shims-0.23", "2.3.9"}, {"hive-shims", "2.3.9"},
    {"hive-shims-common", "2.3.9"}, {"hive-shims-scheduler", "2.3.9"}, {"hive-storage-api", "2.8.1"},
    {"hk2-api", "2.6.1"}, {"hk2-locator", "2.6.1"}, {"hk2-utils", "2.6.1"}, {"httpclient", "4.5.14"},
    {"httpcore", "4.4.16"}, {"istack-commons-runtime", "3.0.8"}, {"ivy", "2.5.1"}, {"jackson-annotations", "2.15.2"},
    {"jackson-core", "2.15.2"}, {"jackson-core-asl", "1.9.13"}, {"jackson-databind", "2.15.2"},
    {"jackson-dataformat-yaml", "2.15.2"}, {"jackson-datatype-jsr310", "2.15.2"}, {"jackson-mapper-asl", "1.9.13"},
    {"jackson-module-scala_2.12", "2.15.2"}, {"jakarta.annotation-api", "1.3.5"}, {"jakarta.inject", "2.6.1"},
    {"jakarta.servlet-api", "4.0.3"}, {"jakarta.validation-api", "2.0.2"}, {"jakarta.ws.rs-api", "2.1.6"},
    {"jakarta.xml.bind-api", "2.3.2"}, {"janino", "3.1.9"}, {"javassist", "3.29.2-GA"}, {"javax.jdo", "3.2.0-m3"},
    {"javolution", "5.5.1"}, {"jaxb-runtime", "2.3.2"}, {"jcl-over-slf4j", "2.0.7"}, {"jdo-api", "3.0.1"},
    {"jersey-client", "2.40"}, {"jersey-common", "2.40"}, {"jersey-container-servlet", "2.40"},
    {"jersey-container-servlet-core", "2.40"}, {"jersey-hk2", "2.40"}, {"jersey-server", "2.40"}, {"jline", "2.14.6"},
    {"joda-time", "2.12.5"}, {"jodd-core", "3.5.2"}, {"jpam", "1.1"}, {"json", "1.8"}, {"json4s-ast_2.12", "3.7.0-M11"},
    {"json4s-core_2.12", "3.7.0-M11"}, {"json4s-jackson_2.12", "3.7.0-M11"}, {"json4s-scalap_2.12", "3.7.0-M11"},
    {"jsr305", "3.0.0"}, {"jta", "1.1"}, {"jul-to-slf4j", "2.0.7"}, {"kryo-shaded", "4.0.2"},
    {"kubernetes-client", "6.7.2"}, {"lapack", "3.0.3"}, {"leveldbjni-all", "1.8"}, {"libfb303", "0.9.3"},
    {"libthrift", "0.12.0"}, {"log4j-1.2-api", "2.20.0"}, {"log4j-api", "2.20.0"}, {"log4j-core", "2.20.0"},
    {"log4j-slf4j2-impl", "2.20.0"}, {"lz4-java", "1.8.0"}, {"mesos", "1.4.3-shaded-protobuf"},
    {"metrics-core", "4.2.19"}, {"metrics-graphite", "4.2.19"}, {"metrics-jmx", "4.2.19"}, {"metrics-json", "4.2.19"},
    {"metrics-jvm", "4.2.19"}, {"minlog", "1.3.0"}, {"netty-all", "4.1.96.Final"}, {"netty-buffer", "4.1.96.Final"},
    {"netty-codec", "4.1.96.Final"}, {"netty-codec-http", "4.1.96.Final"}, {"netty-codec-http2", "4.1.96.Final"},
    {"netty-codec-socks", "4.1.96.Final"}, {"netty-common", "4.1.96.Final"}, {"netty-handler", "4.1.96.Final"},
    {"netty-handler-proxy", "4.1.96.Final"}, {"netty-resolver", "4.1.96.Final"}, {"netty-transport", "4.1.96.Final"},
    {"netty-transport-classes-epoll", "4.1.96.Final"}, {"netty-transport-native-unix-common", "4.1.96.Final"},
    {"objenesis", "3.3"}, {"okhttp", "3.12.12"}, {"okio", "1.15.0"}, {"opencsv", "2.3"}, {"orc-core", "1.9.2-shaded-protobuf"},
    {"orc-mapreduce", "1.9.2-shaded-protobuf"}, {"orc-shims", "1.9.2"}, {"oro", "2.0.8"}, {"osgi-resource-locator", "1.0.3"},
    {"paranamer", "2.8"}, {"parquet-column", "1.13.1"}, {"parquet-common", "1.13.1"}, {"parquet-encoding", "1.13.1"},
    {"parquet-format-structures", "1.13.1"}, {"parquet-hadoop", "1.13.1"}, {"parquet-jackson", "1.13.1"},
    {"pickle", "1.3"}, {"py4j", "0.10.9.7"}, {"rocksdbjni", "8.3.2"}, {"scala-collection-compat_2.12", "2.7.0"},
    {"scala-compiler", "2.12.18"}, {"scala-library", "2.12.18"}, {"scala-parser-combinators_2.12", "2.3.0"},
    {"scala-reflect", "2.12.18"}, {"scala-xml_2.12", "2.1.0"}, {"shims", "0.9.45"}, {"slf4j-api", "2.0.7"},
    {"snakeyaml", "2.0"}, {"snappy-java", "1.1.10.3"}, {"spark-catalyst_2.12", "3.5.1-amzn-0"},
    {"spark-common-utils_2.12", "3.5.1-amzn-0"}, {"spark-core_2.12", "3.5.1-amzn-0"}, {"spark-graphx_2.12", "3.5.1-amzn-0"},
    {"spark-hive-thriftserver_2.12", "3.5.1-amzn-0"}, {"spark-hive_2.12", "3.5.1-amzn-0"},
    {"spark-kvstore_2.12", "3.5.1-amzn-0"}, {"spark-launcher_2.12", "3.5.1-amzn-0"}, {"spark-mllib_2.12", "3.5.1-amzn-0"},
    {"spark-network-common_2.12", "3.5.1-amzn-0"}, {"spark-network-shuffle_2.12", "3.5.1-amzn-0"},
    {"spark-repl_2.12", "3.5.1-amzn-0"}, {"spark-sketch_2.12", "3.5.1-amzn-0"}, {"spark-sql-api_2.12", "3.5.1-amzn-0"},
    {"spark-sql_2.12", "3.5.1-amzn-0"}, {"spark-streaming_2.12", "3.5.1-amzn-0"}, {"spark-tags_2.12", "3.5.1-amzn-0"},
    {"spark-unsafe_2.12", "3.5.1-amzn-0"}, {"spark-yarn_2.12", "3.5.1-amzn-0"}, {"spire_2.12", "0.17.0"},
    {"stax-api", "1.0.1"}, {"stream", "2.9.6"}, {"super-csv", "2.2.0"}, {"threeten-extra", "1.7.1"},
    {"tink", "1.9.0"}, {"transaction-api", "1.1"}, {"univocity-parsers", "2.9.1"}, {"xbean-asm9-shaded", "4.23"},
    {"xz", "1.9"}, {"zjsonpatch", "0.3.0"}, {"zookeeper", "3.6.3"}, {"zookeeper-jute", "3.6.3"}, {"zstd-jni", "1.5.5-4"},
    {"emr-spark-goodies", "3.5.1-amzn-0"}, {"emrfs-hadoop-assembly", "2.62.0"}, {"aws-glue-datacatalog-spark-client", "3.9.0"},
    {"hadoop-aws", "3.3.6-amzn-3"}, {"aws-java-sdk-bundle", "1.12.656"}, {"delta-spark_2.12", "3.1.0"},
    {"delta-storage", "3.1.0"}, {"iceberg-spark-runtime-3.5_2.12", "1.4.3-amzn-0"},
};

// The call site of a PySpark action, as Spark prints it (JSON-escaped).
const char kPySparkCallSite[] =
    "org.apache.spark.sql.Dataset.collectToPython(Dataset.scala:4160)\\n"
    "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\\n"
    "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)\\n"
    "java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)\\n"
    "java.base/java.lang.reflect.Method.invoke(Method.java:568)\\n"
    "py4j.reflection.MethodInvoker.invoke(MethodInvoker.java:244)\\n"
    "py4j.reflection.ReflectionEngine.invoke(ReflectionEngine.java:374)\\n"
    "py4j.Gateway.invoke(Gateway.java:282)\\n"
    "py4j.commands.AbstractCommand.invokeMethod(AbstractCommand.java:132)\\n"
    "py4j.commands.CallCommand.execute(CallCommand.java:79)\\n"
    "py4j.ClientServerConnection.waitForCommands(ClientServerConnection.java:182)\\n"
    "py4j.ClientServerConnection.run(ClientServerConnection.java:106)\\n"
    "java.base/java.lang.Thread.run(Thread.java:840)";

const char kWriteCallSite[] =
    "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)\\n"
    "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\\n"
    "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)\\n"
    "java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)\\n"
    "java.base/java.lang.reflect.Method.invoke(Method.java:568)\\n"
    "py4j.reflection.MethodInvoker.invoke(MethodInvoker.java:244)\\n"
    "py4j.reflection.ReflectionEngine.invoke(ReflectionEngine.java:374)\\n"
    "py4j.Gateway.invoke(Gateway.java:282)\\n"
    "py4j.commands.AbstractCommand.invokeMethod(AbstractCommand.java:132)\\n"
    "py4j.commands.CallCommand.execute(CallCommand.java:79)\\n"
    "py4j.ClientServerConnection.waitForCommands(ClientServerConnection.java:182)\\n"
    "py4j.ClientServerConnection.run(ClientServerConnection.java:106)\\n"
    "java.base/java.lang.Thread.run(Thread.java:840)";

struct Frame {
  const char* declaring_class;
  const char* method;
  const char* file;
  int line;
};

const Frame kExecutorFrames[] = {
    {"org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat", "$anonfun$buildReaderWithPartitionValues$2",
     "ParquetFileFormat.scala", 283},
    {"org.apache.spark.sql.execution.datasources.FileScanRDD$$anon$1", "org$apache$spark$sql$execution$datasources$FileScanRDD$$anon$$readCurrentFile",
     "FileScanRDD.scala", 217},
    {"org.apache.spark.sql.execution.datasources.FileScanRDD$$anon$1", "nextIterator", "FileScanRDD.scala", 279},
    {"org.apache.spark.sql.execution.datasources.FileScanRDD$$anon$1", "hasNext", "FileScanRDD.scala", 129},
    {"org.apache.spark.sql.execution.FileSourceScanExec$$anon$1", "hasNext", "DataSourceScanExec.scala", 594},
    {"org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage1", "columnartorow_nextBatch_0$",
     "Unknown Source", -1},
    {"org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage1", "processNext", "Unknown Source", -1},
    {"org.apache.spark.sql.execution.BufferedRowIterator", "hasNext", "BufferedRowIterator.java", 43},
    {"org.apache.spark.sql.execution.WholeStageCodegenEvaluatorFactory$WholeStageCodegenPartitionEvaluator$$anon$1", "hasNext",
     "WholeStageCodegenEvaluatorFactory.scala", 43},
    {"scala.collection.Iterator$$anon$10", "hasNext", "Iterator.scala", 460},
    {"org.apache.spark.shuffle.sort.BypassMergeSortShuffleWriter", "write", "BypassMergeSortShuffleWriter.java", 140},
    {"org.apache.spark.shuffle.ShuffleWriteProcessor", "write", "ShuffleWriteProcessor.scala", 59},
    {"org.apache.spark.scheduler.ShuffleMapTask", "runTask", "ShuffleMapTask.scala", 104},
    {"org.apache.spark.scheduler.ShuffleMapTask", "runTask", "ShuffleMapTask.scala", 54},
    {"org.apache.spark.TaskContext", "runTaskWithListeners", "TaskContext.scala", 161},
    {"org.apache.spark.scheduler.Task", "run", "Task.scala", 141},
    {"org.apache.spark.executor.Executor$TaskRunner", "$anonfun$run$4", "Executor.scala", 620},
    {"org.apache.spark.util.SparkErrorUtils", "tryWithSafeFinally", "SparkErrorUtils.scala", 64},
    {"org.apache.spark.util.SparkErrorUtils", "tryWithSafeFinally$", "SparkErrorUtils.scala", 61},
    {"org.apache.spark.util.Utils$", "tryWithSafeFinally", "Utils.scala", 94},
    {"org.apache.spark.executor.Executor$TaskRunner", "run", "Executor.scala", 623},
    {"java.util.concurrent.ThreadPoolExecutor", "runWorker", "ThreadPoolExecutor.java", 1136},
    {"java.util.concurrent.ThreadPoolExecutor$Worker", "run", "ThreadPoolExecutor.java", 635},
    {"java.lang.Thread", "run", "Thread.java", 840},
};

struct Failure {
  const char* class_name;
  const char* description;
};
const Failure kFailures[] = {
    {"java.io.IOException", "Connection reset by peer"},
    {"org.apache.spark.SparkException",
     "Encountered error while reading file s3://acme-analytics-warehouse/events/dt=2024-06-09/part-00042.zstd.parquet. "
     "Details: Timeout waiting for connection from pool"},
    {"java.lang.IllegalStateException", "Error reading from input"},
    {"com.amazonaws.SdkClientException", "Unable to execute HTTP request: Read timed out"},
    {"org.apache.spark.memory.SparkOutOfMemoryError", "Unable to acquire 65536 bytes of memory, got 0"},
};

struct Table {
  const char* name;
  const char* prefix;
};
const Table kTables[] = {
    {"store_sales", "ss"},   {"catalog_sales", "cs"},  {"web_sales", "ws"},      {"store_returns", "sr"},
    {"catalog_returns", "cr"}, {"web_returns", "wr"},   {"inventory", "inv"},     {"item", "i"},
    {"date_dim", "d"},       {"time_dim", "t"},        {"customer", "c"},        {"customer_address", "ca"},
    {"customer_demographics", "cd"}, {"household_demographics", "hd"}, {"store", "s"}, {"warehouse", "w"},
    {"promotion", "p"},      {"call_center", "cc"},    {"web_site", "web"},      {"ship_mode", "sm"},
};
const char* const kColumnStems[] = {
    "sold_date_sk", "sold_time_sk", "item_sk", "customer_sk", "cdemo_sk", "hdemo_sk", "addr_sk", "store_sk",
    "promo_sk", "ticket_number", "quantity", "wholesale_cost", "list_price", "sales_price", "ext_discount_amt",
    "ext_sales_price", "ext_wholesale_cost", "ext_list_price", "ext_tax", "coupon_amt", "net_paid",
    "net_paid_inc_tax", "net_profit", "ship_date_sk", "warehouse_sk", "order_number", "year", "moy", "dom",
    "week_seq", "category", "brand", "class", "manager_id", "state", "county", "zip", "gender", "marital_status",
    "education_status", "dep_count", "buy_potential", "current_price", "desc",
};
const char* const kColumnTypes[] = {"int", "int", "int", "bigint", "decimal(7,2)", "decimal(7,2)", "string", "date"};

// ---------------------------------------------------------------------------
// SQL plan model

// What a SQL metric's per-task update is derived from.
enum class Source : uint8_t {
  kDriver,  // updated on the driver only: never in a TaskEnd
  kZero,
  kRowsIn,
  kRowsOut,
  kFiles,
  kBatches,
  kInputBytes,
  kRunPart,
  kSmallTime,
  kWriteRecords,
  kWriteBytes,
  kWriteTimeNs,
  kDataSize,
  kReadRecords,
  kLocalBytes,
  kRemoteBytes,
  kLocalBlocks,
  kRemoteBlocks,
  kFetchWait,
  kRemoteReqDur,
  kSpill,
  kPeakMem,
  kProbes,
  kOutBytes,
};

struct MetricDef {
  const char* name;
  const char* type;
  Source source;
};

const MetricDef kScanMetrics[] = {
    {"number of output rows", "sum", Source::kRowsIn},     {"number of files read", "sum", Source::kFiles},
    {"metadata time", "timing", Source::kDriver},          {"size of files read", "size", Source::kInputBytes},
    {"scan time", "timing", Source::kRunPart},             {"dynamic partition pruning time", "timing", Source::kDriver},
    {"number of partitions read", "sum", Source::kDriver},
};
const MetricDef kColumnarToRowMetrics[] = {
    {"number of output rows", "sum", Source::kRowsIn},
    {"number of input batches", "sum", Source::kBatches},
};
const MetricDef kFilterMetrics[] = {{"number of output rows", "sum", Source::kRowsOut}};
const MetricDef kCodegenMetrics[] = {{"duration", "timing", Source::kRunPart}};
const MetricDef kExchangeMetrics[] = {
    {"shuffle records written", "sum", Source::kWriteRecords},
    {"local merged chunks fetched", "sum", Source::kZero},
    {"shuffle write time", "nsTiming", Source::kWriteTimeNs},
    {"remote merged bytes read", "size", Source::kZero},
    {"local merged blocks fetched", "sum", Source::kZero},
    {"corrupt merged block chunks", "sum", Source::kZero},
    {"remote merged reqs duration", "timing", Source::kZero},
    {"remote merged blocks fetched", "sum", Source::kZero},
    {"records read", "sum", Source::kReadRecords},
    {"local bytes read", "size", Source::kLocalBytes},
    {"fetch wait time", "timing", Source::kFetchWait},
    {"remote bytes read", "size", Source::kRemoteBytes},
    {"merged fetch fallback count", "sum", Source::kZero},
    {"local blocks read", "sum", Source::kLocalBlocks},
    {"remote merged chunks fetched", "sum", Source::kZero},
    {"remote blocks read", "sum", Source::kRemoteBlocks},
    {"local merged bytes read", "size", Source::kZero},
    {"remote reqs duration", "timing", Source::kRemoteReqDur},
    {"remote bytes read to disk", "size", Source::kZero},
    {"shuffle bytes written", "size", Source::kWriteBytes},
    {"data size", "size", Source::kDataSize},
    {"number of partitions", "sum", Source::kDriver},
};
const MetricDef kAggregateMetrics[] = {
    {"spill size", "size", Source::kSpill},
    {"time in aggregation build", "timing", Source::kRunPart},
    {"peak memory", "size", Source::kPeakMem},
    {"number of output rows", "sum", Source::kRowsOut},
    {"number of sort fallback tasks", "sum", Source::kZero},
    {"avg hash probes per key", "average", Source::kProbes},
};
const MetricDef kSortMetrics[] = {
    {"sort time", "timing", Source::kRunPart},
    {"peak memory", "size", Source::kPeakMem},
    {"spill size", "size", Source::kSpill},
};
const MetricDef kSortMergeJoinMetrics[] = {
    {"number of output rows", "sum", Source::kRowsOut},
    {"spill size", "size", Source::kSpill},
};
const MetricDef kHashJoinMetrics[] = {{"number of output rows", "sum", Source::kRowsOut}};
const MetricDef kBroadcastMetrics[] = {
    {"data size", "size", Source::kDriver},       {"number of output rows", "sum", Source::kDriver},
    {"time to collect", "timing", Source::kDriver}, {"time to build", "timing", Source::kDriver},
    {"time to broadcast", "timing", Source::kDriver},
};
const MetricDef kWriteMetrics[] = {
    {"number of written files", "sum", Source::kFiles},
    {"written output", "size", Source::kOutBytes},
    {"number of output rows", "sum", Source::kRowsOut},
    {"number of dynamic part", "sum", Source::kZero},
};
const MetricDef kAqeReadMetrics[] = {
    {"number of partitions", "sum", Source::kDriver},
    {"partition data size", "size", Source::kDriver},
    {"number of coalesced partitions", "sum", Source::kDriver},
};

enum class NodeKind : uint8_t {
  kScan,
  kColumnarToRow,
  kInputAdapter,
  kFilter,
  kProject,
  kCodegen,
  kExchange,
  kHashAggregate,
  kSort,
  kSortMergeJoin,
  kBroadcastHashJoin,
  kBroadcastExchange,
  kTakeOrdered,
  kUnion,
  kWrite,
};

struct PlanMetric {
  int64_t acc_id;
  const MetricDef* def;
};

struct PlanNode {
  NodeKind kind;
  std::string name;      // nodeName
  std::string simple;    // simpleString (JSON-escaped)
  std::string detail;    // the node's section in physicalPlanDescription (JSON-escaped)
  std::string metadata;  // JSON object text
  std::vector<int> children;
  int metric_begin = 0;
  int metric_count = 0;
  int op_id = 0;          // "(N)" in the description; 0 for wrappers
  int exchange_index = -1;
};

struct Plan {
  std::vector<PlanNode> nodes;
  std::vector<PlanMetric> metrics;
  int root = 0;
  int exchanges = 0;
  int op_count = 0;
};

// ---------------------------------------------------------------------------
// The generator

// Internal task metrics, in Spark 3.5's "Task Metrics" order.
enum Metric {
  kDeser, kDeserCpu, kRun, kCpu, kPeakMem, kResultSize, kGc, kResultSer, kMemSpill, kDiskSpill,
  kRemoteBlocks, kLocalBlocks, kFetchWait, kRemoteBytes, kRemoteToDisk, kLocalBytes, kReadRecords, kRemoteReqDur,
  kWriteBytes, kWriteTime, kWriteRecords, kInBytes, kInRecords, kOutBytes, kOutRecords,
  kMetricCount
};

// Internal accumulators of a stage: (name, offset from the stage's first
// accumulator id, metric). Spark allocates 35 ids per stage in this order.
struct InternalAcc {
  const char* name;
  int offset;
  Metric metric;
};
const InternalAcc kInternalAccs[] = {
    {"internal.metrics.executorDeserializeTime", 0, kDeser},
    {"internal.metrics.executorDeserializeCpuTime", 1, kDeserCpu},
    {"internal.metrics.executorRunTime", 2, kRun},
    {"internal.metrics.executorCpuTime", 3, kCpu},
    {"internal.metrics.resultSize", 4, kResultSize},
    {"internal.metrics.jvmGCTime", 5, kGc},
    {"internal.metrics.resultSerializationTime", 6, kResultSer},
    {"internal.metrics.memoryBytesSpilled", 7, kMemSpill},
    {"internal.metrics.diskBytesSpilled", 8, kDiskSpill},
    {"internal.metrics.peakExecutionMemory", 9, kPeakMem},
    {"internal.metrics.shuffle.read.remoteBlocksFetched", 11, kRemoteBlocks},
    {"internal.metrics.shuffle.read.localBlocksFetched", 12, kLocalBlocks},
    {"internal.metrics.shuffle.read.remoteBytesRead", 13, kRemoteBytes},
    {"internal.metrics.shuffle.read.remoteBytesReadToDisk", 14, kRemoteToDisk},
    {"internal.metrics.shuffle.read.localBytesRead", 15, kLocalBytes},
    {"internal.metrics.shuffle.read.fetchWaitTime", 16, kFetchWait},
    {"internal.metrics.shuffle.read.recordsRead", 17, kReadRecords},
    {"internal.metrics.shuffle.read.remoteReqsDuration", 18, kRemoteReqDur},
    {"internal.metrics.shuffle.write.bytesWritten", 28, kWriteBytes},
    {"internal.metrics.shuffle.write.recordsWritten", 29, kWriteRecords},
    {"internal.metrics.shuffle.write.writeTime", 30, kWriteTime},
    {"internal.metrics.input.bytesRead", 31, kInBytes},
    {"internal.metrics.input.recordsRead", 32, kInRecords},
    {"internal.metrics.output.bytesWritten", 33, kOutBytes},
    {"internal.metrics.output.recordsWritten", 34, kOutRecords},
};
constexpr int kInternalAccCount = static_cast<int>(sizeof(kInternalAccs) / sizeof(kInternalAccs[0]));
constexpr int kInternalAccIds = 35;

// Template slots of TaskStart / TaskEnd.
enum Slot {
  kSlotReason, kSlotTaskId, kSlotIndex, kSlotAttempt, kSlotPartition, kSlotLaunch, kSlotExecutor, kSlotHost,
  kSlotLocality, kSlotSpeculative, kSlotGettingResult, kSlotFinish, kSlotFailed, kSlotKilled,
  kSlotJvmHeap, kSlotJvmOffHeap, kSlotOnHeapExec, kSlotOnHeapStorage, kSlotOnHeapUnified, kSlotDirectPool,
  kSlotMinorGcCount, kSlotMinorGcTime, kSlotMajorGcCount, kSlotMajorGcTime, kSlotTotalGcTime,
  kSlotMetrics,                                     // kMetricCount slots
  kSlotAccTotals = kSlotMetrics + kMetricCount,     // running totals of internal accumulators
  kSlotSql = kSlotAccTotals + kInternalAccCount,    // (update, total) per SQL accumulator
  kMaxSqlAccs = 24,
  kSlotCount = kSlotSql + 2 * kMaxSqlAccs,
};

enum class StageKind : uint8_t { kScan, kShuffle, kResult, kWrite };

struct Executor {
  std::string id;
  std::string host;
  int port = 0;
  bool live = false;
};

struct Options {
  uint64_t bytes = 0;
  uint64_t seed = 1;
  std::string out;
  bool zstd = false;
  std::string app_id;
  int executors = 24;
  int cores = 4;
  bool quiet = false;
};

struct StagePlan {
  int stage_id = 0;
  StageKind kind = StageKind::kScan;
  int tasks = 0;
  std::string name;
  std::vector<int> parents;
  std::string rdd_info;   // "RDD Info" array text
  int64_t submission_ms = 0;
  int64_t completion_ms = 0;
};

struct SqlAcc {
  int64_t id;
  const MetricDef* def;
  int64_t total = 0;
};

// A task attempt in flight.
struct Attempt {
  int32_t index = 0;
  int32_t attempt = 0;
  int64_t task_id = 0;
  int64_t launch_ms = 0;
  int64_t finish_ms = 0;
  int32_t executor = 0;
  double data_factor = 1;
  bool speculative = false;
  bool fails = false;
  bool killed = false;
  bool first_on_executor = false;
  const char* locality = "PROCESS_LOCAL";
};

struct SlotState {
  int32_t executor = 0;
  uint32_t generation = 0;
  bool busy = false;
  Attempt task;
};

struct HeapEntry {
  int64_t time;
  int32_t slot;
  uint32_t generation;
  bool operator>(const HeapEntry& o) const { return time != o.time ? time > o.time : slot > o.slot; }
};

class Generator {
 public:
  Generator(const Options& options, Output* out) : opt_(options), out_(out), rng_(options.seed) {}

  void Run() {
    now_ms_ = 1717977600000 + static_cast<int64_t>(rng_.Range(0, 86400000LL * 30));
    app_name_ = "daily_rollup_seed_" + std::to_string(opt_.seed);
    app_id_ = opt_.app_id.empty() ? "application_" + std::to_string(now_ms_ - 3600000LL * 24) + "_" +
                                        std::to_string(1000 + opt_.seed % 9000)
                                  : opt_.app_id;
    int64_t submit_ms = now_ms_ - rng_.Range(800, 2500);
    BuildPropertiesText(submit_ms);

    Buffer& b = out_->buffer();
    b << "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.1-amzn-0\"}\n";
    out_->EndEvent();
    b << "{\"Event\":\"SparkListenerResourceProfileAdded\",\"Resource Profile Id\":0,\"Executor Resource Requests\":"
         "{\"memoryOverhead\":{\"Resource Name\":\"memoryOverhead\",\"Amount\":4096,\"Discovery Script\":\"\",\"Vendor\":\"\"},"
         "\"cores\":{\"Resource Name\":\"cores\",\"Amount\":"
      << opt_.cores
      << ",\"Discovery Script\":\"\",\"Vendor\":\"\"},\"memory\":{\"Resource Name\":\"memory\",\"Amount\":24576,"
         "\"Discovery Script\":\"\",\"Vendor\":\"\"},\"offHeap\":{\"Resource Name\":\"offHeap\",\"Amount\":0,"
         "\"Discovery Script\":\"\",\"Vendor\":\"\"}},\"Task Resource Requests\":{\"cpus\":{\"Resource Name\":\"cpus\","
         "\"Amount\":1.0}}}\n";
    out_->EndEvent();
    now_ms_ += rng_.Range(300, 900);
    EmitBlockManagerAdded("driver", "ip-10-20-0-10.ec2.internal", 42113, 9168168960LL);
    EmitEnvironmentUpdate();
    b << "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"" << app_name_ << "\",\"App ID\":\"" << app_id_
      << "\",\"Timestamp\":" << now_ms_ << ",\"User\":\"hadoop\"}\n";
    out_->EndEvent();
    now_ms_ += rng_.Range(2000, 9000);
    for (int i = 0; i < opt_.executors; ++i) AddExecutor();

    // SQL executions until the size is reached.
    while (Remaining() > kMinExecutionBytes || execution_id_ == 0) {
      RunExecution();
      now_ms_ += rng_.Range(200, 5000);
    }
    now_ms_ += rng_.Range(100, 2000);
    b << "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":" << now_ms_ << "}\n";
    out_->EndEvent();
  }

  uint64_t tasks() const { return tasks_; }

 private:
  static constexpr int64_t kMinExecutionBytes = 96 << 10;

  int64_t Remaining() const { return static_cast<int64_t>(opt_.bytes) - static_cast<int64_t>(out_->decoded_bytes()); }

  std::string Patch(std::string text) const {
    auto replace = [&](const std::string& from, const std::string& to) {
      for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
      }
    };
    replace("@APP_ID@", app_id_);
    replace("@APP_NAME@", app_name_);
    replace("@CORES@", std::to_string(opt_.cores));
    replace("@START@", std::to_string(now_ms_));
    replace("@SUBMIT@", std::to_string(submit_ms_));
    return text;
  }

  static void AppendPairs(std::string* s, const KeyValue* pairs, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) s->push_back(',');
      s->append("\"").append(pairs[i].key).append("\":\"").append(pairs[i].value).append("\"");
    }
  }

  void BuildPropertiesText(int64_t submit_ms) {
    submit_ms_ = submit_ms;
    std::string props;
    AppendPairs(&props, kSparkProperties, sizeof(kSparkProperties) / sizeof(kSparkProperties[0]));
    spark_properties_ = Patch(props);
  }

  void EmitEnvironmentUpdate() {
    std::string text =
        "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{\"Java Home\":"
        "\"/usr/lib/jvm/java-17-amazon-corretto.x86_64\",\"Java Version\":\"17.0.10 (Amazon.com Inc.)\","
        "\"Scala Version\":\"version 2.12.18\"},\"Spark Properties\":{";
    text += spark_properties_;
    text += "},\"Hadoop Properties\":{";
    AppendPairs(&text, kHadoopProperties, sizeof(kHadoopProperties) / sizeof(kHadoopProperties[0]));
    text += "},\"System Properties\":{";
    AppendPairs(&text, kSystemProperties, sizeof(kSystemProperties) / sizeof(kSystemProperties[0]));
    text += "},\"Metrics Properties\":{";
    AppendPairs(&text, kMetricsProperties, sizeof(kMetricsProperties) / sizeof(kMetricsProperties[0]));
    text += "},\"Classpath Entries\":{\"/usr/lib/spark/conf/\":\"System Classpath\",\"/etc/hadoop/conf/\":\"System Classpath\"";
    for (const KeyValue& jar : kJars) {
      text.append(",\"/usr/lib/spark/jars/").append(jar.key).append("-").append(jar.value).append(".jar\":\"System Classpath\"");
    }
    text += ",\"/usr/share/aws/emr/emrfs/lib/emrfs-hadoop-assembly-2.62.0.jar\":\"System Classpath\"";
    text += ",\"/usr/share/aws/emr/security/conf\":\"System Classpath\"";
    text += ",\"/usr/share/aws/emr/goodies/lib/emr-spark-goodies.jar\":\"System Classpath\"";
    text += ",\"/usr/lib/hadoop-lzo/lib/hadoop-lzo.jar\":\"System Classpath\"";
    text += ",\"spark://ip-10-20-0-10.ec2.internal:37451/files/daily_rollup.py\":\"Added By User\"";
    text += "}}\n";
    out_->buffer() << Patch(text);
    out_->EndEvent();
  }

  // --- executors ---

  void EmitBlockManagerAdded(const std::string& id, const std::string& host, int port, int64_t memory) {
    out_->buffer() << "{\"Event\":\"SparkListenerBlockManagerAdded\",\"Block Manager ID\":{\"Executor ID\":\"" << id
                   << "\",\"Host\":\"" << host << "\",\"Port\":" << port << "},\"Maximum Memory\":" << memory
                   << ",\"Timestamp\":" << now_ms_ << ",\"Maximum Onheap Memory\":" << memory
                   << ",\"Maximum Offheap Memory\":0}\n";
    out_->EndEvent();
  }

  void AddExecutor() {
    Executor e;
    int number = static_cast<int>(executors_.size()) + 1;
    e.id = std::to_string(number);
    int host_number = static_cast<int>(rng_.Range(0, std::max(4, opt_.executors / 2) - 1));
    e.host = "ip-10-20-" + std::to_string(1 + host_number / 200) + "-" + std::to_string(11 + host_number % 200) +
             ".ec2.internal";
    e.port = static_cast<int>(rng_.Range(32768, 60999));
    e.live = true;
    // YARN container ids repeat the application id's cluster timestamp and number.
    std::string app_part = app_id_.rfind("application_", 0) == 0 ? app_id_.substr(12) : "1717900000000_0001";
    std::string container = "container_" + app_part + "_01_" +
                            std::string(6 - std::min<size_t>(6, std::to_string(number + 1).size()), '0') +
                            std::to_string(number + 1);
    now_ms_ += rng_.Range(0, 40);
    Buffer& b = out_->buffer();
    b << "{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":" << now_ms_ << ",\"Executor ID\":\"" << e.id
      << "\",\"Executor Info\":{\"Host\":\"" << e.host << "\",\"Total Cores\":" << opt_.cores
      << ",\"Log Urls\":{\"stdout\":\"http://" << e.host << ":8042/node/containerlogs/" << container
      << "/hadoop/stdout?start=-4096\",\"stderr\":\"http://" << e.host << ":8042/node/containerlogs/" << container
      << "/hadoop/stderr?start=-4096\"},\"Attributes\":{\"NM_HTTP_ADDRESS\":\"" << e.host
      << ":8042\",\"USER\":\"hadoop\",\"LOG_FILES\":\"stderr,stdout\",\"NM_HTTP_PORT\":\"8042\",\"CLUSTER_ID\":\"\","
         "\"NM_PORT\":\"8041\",\"HTTP_SCHEME\":\"http://\",\"NM_HOST\":\""
      << e.host << "\",\"CONTAINER_ID\":\"" << container
      << "\"},\"Resources\":{},\"Resource Profile Id\":0,\"Registration Time\":" << now_ms_
      << ",\"Request Time\":" << now_ms_ - rng_.Range(1500, 6000) << "}}\n";
    out_->EndEvent();
    now_ms_ += rng_.Range(5, 120);
    EmitBlockManagerAdded(e.id, e.host, e.port, 14455718707LL);
    executors_.push_back(std::move(e));
    ++live_count_;
  }

  void RemoveExecutor(int index) {
    Executor& e = executors_[static_cast<size_t>(index)];
    e.live = false;
    --live_count_;
    now_ms_ += rng_.Range(1, 50);
    Buffer& b = out_->buffer();
    b << "{\"Event\":\"SparkListenerExecutorRemoved\",\"Timestamp\":" << now_ms_ << ",\"Executor ID\":\"" << e.id
      << "\",\"Removed Reason\":\"Executor killed by driver.\"}\n";
    out_->EndEvent();
    b << "{\"Event\":\"SparkListenerBlockManagerRemoved\",\"Block Manager ID\":{\"Executor ID\":\"" << e.id
      << "\",\"Host\":\"" << e.host << "\",\"Port\":" << e.port << "},\"Timestamp\":" << now_ms_ + rng_.Range(0, 20)
      << "}\n";
    out_->EndEvent();
  }

  // Dynamic allocation between jobs: idle executors go, new ones come.
  void Rescale() {
    const int min_live = std::max(2, opt_.executors / 3);
    const int max_live = opt_.executors * 2;
    if (rng_.Chance(0.3) && live_count_ > min_live) {
      int n = static_cast<int>(rng_.Range(1, std::min(4, live_count_ - min_live)));
      for (int k = 0; k < n; ++k) {
        std::vector<int> live;
        for (size_t i = 0; i < executors_.size(); ++i) {
          if (executors_[i].live) live.push_back(static_cast<int>(i));
        }
        RemoveExecutor(live[rng_.Next() % live.size()]);
      }
    }
    if (rng_.Chance(0.3) && live_count_ < max_live) {
      int n = static_cast<int>(rng_.Range(1, std::min(6, max_live - live_count_)));
      for (int k = 0; k < n; ++k) AddExecutor();
    }
  }

  // --- SQL plans ---

  std::string Columns(int table, int count, bool with_types = false) {
    std::string s;
    const Table& t = kTables[table];
    for (int i = 0; i < count; ++i) {
      if (i > 0) s += with_types ? "," : ", ";
      const char* stem = kColumnStems[(static_cast<size_t>(table) * 7 + static_cast<size_t>(i) * 3) %
                                      (sizeof(kColumnStems) / sizeof(kColumnStems[0]))];
      s.append(t.prefix).append("_").append(stem);
      if (with_types) {
        s.append(":").append(kColumnTypes[static_cast<size_t>(i) % (sizeof(kColumnTypes) / sizeof(kColumnTypes[0]))]);
      } else {
        s.push_back('#');
        AppendNum(&s, expr_id_++);
        if (i % 4 == 3) s.push_back('L');
      }
    }
    return s;
  }

  int AddNode(Plan* plan, NodeKind kind, const MetricDef* metrics, size_t metric_count) {
    PlanNode node;
    node.kind = kind;
    node.metric_begin = static_cast<int>(plan->metrics.size());
    node.metric_count = static_cast<int>(metric_count);
    for (size_t i = 0; i < metric_count; ++i) plan->metrics.push_back(PlanMetric{acc_id_++, &metrics[i]});
    plan->nodes.push_back(std::move(node));
    return static_cast<int>(plan->nodes.size()) - 1;
  }

  template <size_t N>
  int AddNode(Plan* plan, NodeKind kind, const MetricDef (&metrics)[N]) {
    return AddNode(plan, kind, metrics, N);
  }

  // Scan -> ColumnarToRow -> Filter -> Project inside WholeStageCodegen.
  int BuildLeaf(Plan* plan) {
    int table = static_cast<int>(rng_.Next() % (sizeof(kTables) / sizeof(kTables[0])));
    const char* name = kTables[table].name;
    int ncols = static_cast<int>(rng_.Range(3, 14));
    std::string cols = Columns(table, ncols);
    std::string schema = Columns(table, ncols, true);
    std::string filters = "isnotnull(" + Columns(table, 1) + "), isnotnull(" + Columns(table, 1) + ")";
    std::string pushed = std::string("IsNotNull(") + kTables[table].prefix + "_" + kColumnStems[2] + "), IsNotNull(" +
                         kTables[table].prefix + "_" + kColumnStems[0] + ")";
    std::string location = std::string("s3://acme-analytics-warehouse/tpcds_sf3000/") + name;

    int scan = AddNode(plan, NodeKind::kScan, kScanMetrics);
    {
      PlanNode& n = plan->nodes[static_cast<size_t>(scan)];
      n.name = "Scan parquet spark_catalog.tpcds." + std::string(name);
      n.simple = "FileScan parquet spark_catalog.tpcds." + std::string(name) + "[" + cols +
                 "] Batched: true, DataFilters: [" + filters +
                 "], Format: Parquet, Location: InMemoryFileIndex(1 paths)[" + location + "], PartitionFilters: [" +
                 filters + "], PushedFilters: [" + pushed + "], ReadSchema: struct<" + schema + ">";
      n.detail = "Output [" + std::to_string(ncols) + "]: [" + cols + "]\\nBatched: true\\nLocation: InMemoryFileIndex [" +
                 location + "]\\nPartitionFilters: [" + filters + "]\\nPushedFilters: [" + pushed +
                 "]\\nReadSchema: struct<" + schema + ">\\n\\n";
      n.metadata = "{\"Location\":\"InMemoryFileIndex(1 paths)[" + location + "]\",\"ReadSchema\":\"struct<" + schema +
                   ">\",\"Format\":\"Parquet\",\"Batched\":\"true\",\"PartitionFilters\":\"[" + filters +
                   "]\",\"PushedFilters\":\"[" + pushed + "]\",\"DataFilters\":\"[" + filters + "]\"}";
    }
    int adapter = AddNode(plan, NodeKind::kInputAdapter, nullptr, 0);
    plan->nodes[static_cast<size_t>(adapter)].name = "InputAdapter";
    plan->nodes[static_cast<size_t>(adapter)].simple = "InputAdapter";
    plan->nodes[static_cast<size_t>(adapter)].children = {scan};
    int c2r = AddNode(plan, NodeKind::kColumnarToRow, kColumnarToRowMetrics);
    plan->nodes[static_cast<size_t>(c2r)].name = "ColumnarToRow";
    plan->nodes[static_cast<size_t>(c2r)].simple = "ColumnarToRow";
    plan->nodes[static_cast<size_t>(c2r)].detail = "Input [" + std::to_string(ncols) + "]: [" + cols + "]\\n\\n";
    plan->nodes[static_cast<size_t>(c2r)].children = {adapter};
    int filter = AddNode(plan, NodeKind::kFilter, kFilterMetrics);
    {
      PlanNode& n = plan->nodes[static_cast<size_t>(filter)];
      std::string cond = "((isnotnull(" + Columns(table, 1) + ") AND (" + Columns(table, 1) + " = " +
                         std::to_string(rng_.Range(1998, 2003)) + ")) AND isnotnull(" + Columns(table, 1) + "))";
      n.name = "Filter";
      n.simple = "Filter " + cond;
      n.detail = "Input [" + std::to_string(ncols) + "]: [" + cols + "]\\nCondition : " + cond + "\\n\\n";
      n.children = {c2r};
    }
    int project = AddNode(plan, NodeKind::kProject, nullptr, 0);
    {
      PlanNode& n = plan->nodes[static_cast<size_t>(project)];
      std::string out = Columns(table, std::max(2, ncols - 2));
      n.name = "Project";
      n.simple = "Project [" + out + "]";
      n.detail = "Output [" + std::to_string(std::max(2, ncols - 2)) + "]: [" + out + "]\\nInput [" +
                 std::to_string(ncols) + "]: [" + cols + "]\\n\\n";
      n.children = {filter};
    }
    return Codegen(plan, project);
  }

  int Codegen(Plan* plan, int child) {
    int node = AddNode(plan, NodeKind::kCodegen, kCodegenMetrics);
    PlanNode& n = plan->nodes[static_cast<size_t>(node)];
    n.name = "WholeStageCodegen (" + std::to_string(++codegen_id_) + ")";
    n.simple = n.name;
    n.children = {child};
    return node;
  }

  int Unary(Plan* plan, NodeKind kind, const MetricDef* metrics, size_t count, const char* name, std::string simple,
            std::string detail, int child) {
    int node = AddNode(plan, kind, metrics, count);
    PlanNode& n = plan->nodes[static_cast<size_t>(node)];
    n.name = name;
    n.simple = std::move(simple);
    n.detail = std::move(detail);
    n.children = {child};
    return node;
  }

  int Exchange(Plan* plan, int child) {
    int table = static_cast<int>(rng_.Next() % (sizeof(kTables) / sizeof(kTables[0])));
    std::string key = Columns(table, 1);
    std::string cols = Columns(table, static_cast<int>(rng_.Range(3, 9)));
    std::string args = "hashpartitioning(" + key + ", 2000), ENSURE_REQUIREMENTS, [plan_id=" +
                       std::to_string(rng_.Range(100, 9999)) + "]";
    int node = Unary(plan, NodeKind::kExchange, kExchangeMetrics, sizeof(kExchangeMetrics) / sizeof(kExchangeMetrics[0]),
                     "Exchange", "Exchange " + args, "Input [6]: [" + cols + "]\\nArguments: " + args + "\\n\\n", child);
    plan->nodes[static_cast<size_t>(node)].exchange_index = plan->exchanges++;
    return node;
  }

  int Aggregate(Plan* plan, int child, bool partial) {
    int table = static_cast<int>(rng_.Next() % (sizeof(kTables) / sizeof(kTables[0])));
    std::string keys = Columns(table, static_cast<int>(rng_.Range(1, 4)));
    std::string value = Columns(table, 1);
    std::string fn = std::string(partial ? "partial_sum(" : "sum(") + value + "), " + (partial ? "partial_count(" : "count(") +
                     Columns(table, 1) + ")";
    int64_t sum_id = expr_id_++;
    int64_t count_id = expr_id_++;
    return Unary(plan, NodeKind::kHashAggregate, kAggregateMetrics, sizeof(kAggregateMetrics) / sizeof(kAggregateMetrics[0]),
                 "HashAggregate", "HashAggregate(keys=[" + keys + "], functions=[" + fn + "])",
                 "Input [5]: [" + keys + ", " + value + "]\\nKeys [3]: [" + keys + "]\\nFunctions [2]: [" + fn +
                     "]\\nAggregate Attributes [2]: [sum#" + std::to_string(sum_id) + "L, count#" +
                     std::to_string(count_id) + "L]\\nResults [5]: [" + keys + ", sum#" + std::to_string(sum_id) +
                     "L]\\n\\n",
                 child);
  }

  int Sort(Plan* plan, int child) {
    std::string key = Columns(static_cast<int>(rng_.Next() % 20), 1);
    return Unary(plan, NodeKind::kSort, kSortMetrics, sizeof(kSortMetrics) / sizeof(kSortMetrics[0]), "Sort",
                 "Sort [" + key + " ASC NULLS FIRST], false, 0",
                 "Input [4]: [" + Columns(static_cast<int>(rng_.Next() % 20), 4) + "]\\nArguments: [" + key +
                     " ASC NULLS FIRST], false, 0\\n\\n",
                 child);
  }

  int Join(Plan* plan, NodeKind kind, int left, int right) {
    const MetricDef* metrics = kind == NodeKind::kSortMergeJoin ? kSortMergeJoinMetrics : kHashJoinMetrics;
    size_t count = kind == NodeKind::kSortMergeJoin ? 2 : 1;
    int node = AddNode(plan, kind, metrics, count);
    std::string lk = Columns(static_cast<int>(rng_.Next() % 20), 1);
    std::string rk = Columns(static_cast<int>(rng_.Next() % 20), 1);
    const char* type = rng_.Chance(0.8) ? "Inner" : "LeftOuter";
    PlanNode& n = plan->nodes[static_cast<size_t>(node)];
    if (kind == NodeKind::kSortMergeJoin) {
      n.name = std::string("SortMergeJoin") + (type[0] == 'I' ? "" : " LeftOuter");
      n.simple = "SortMergeJoin [" + lk + "], [" + rk + "], " + type;
    } else {
      n.name = std::string("BroadcastHashJoin ") + type + " BuildRight";
      n.simple = "BroadcastHashJoin [" + lk + "], [" + rk + "], " + type + ", BuildRight, false";
    }
    n.detail = "Left keys [1]: [" + lk + "]\\nRight keys [1]: [" + rk + "]\\nJoin type: " + type +
               "\\nJoin condition: None\\n\\n";
    n.children = {left, right};
    return node;
  }

  int Broadcast(Plan* plan, int child) {
    std::string args = "HashedRelationBroadcastMode(List(cast(input[0, int, false] as bigint)),false), [plan_id=" +
                       std::to_string(rng_.Range(100, 9999)) + "]";
    return Unary(plan, NodeKind::kBroadcastExchange, kBroadcastMetrics,
                 sizeof(kBroadcastMetrics) / sizeof(kBroadcastMetrics[0]), "BroadcastExchange",
                 "BroadcastExchange " + args,
                 "Input [3]: [" + Columns(static_cast<int>(rng_.Next() % 20), 3) + "]\\nArguments: " + args + "\\n\\n",
                 child);
  }

  int Project(Plan* plan, int child) {
    std::string out = Columns(static_cast<int>(rng_.Next() % 20), static_cast<int>(rng_.Range(2, 10)));
    return Unary(plan, NodeKind::kProject, nullptr, 0, "Project", "Project [" + out + "]",
                 "Output [6]: [" + out + "]\\nInput [8]: [" + Columns(static_cast<int>(rng_.Next() % 20), 8) + "]\\n\\n",
                 child);
  }

  // A subtree of about `budget` nodes, at most a few dozen deep.
  int BuildSubtree(Plan* plan, int budget, int depth) {
    if (budget <= 8 || depth > 30) return BuildLeaf(plan);
    double r = rng_.Uniform();
    if (depth > 16 || r < 0.12) {
      // Union of several inputs keeps big plans bushy rather than deep.
      int k = static_cast<int>(std::min<int64_t>(2 + budget / 40, rng_.Range(2, 8)));
      int node = AddNode(plan, NodeKind::kUnion, nullptr, 0);
      std::vector<int> children;
      for (int i = 0; i < k; ++i) children.push_back(BuildSubtree(plan, budget / k, depth + 1));
      PlanNode& n = plan->nodes[static_cast<size_t>(node)];
      n.name = "Union";
      n.simple = "Union";
      n.detail = "Arguments: false, false\\n\\n";
      n.children = std::move(children);
      return node;
    }
    if (r < 0.50) {
      int left = BuildSubtree(plan, budget - 9, depth + 3);
      int right = Broadcast(plan, BuildLeaf(plan));
      return Codegen(plan, Project(plan, Join(plan, NodeKind::kBroadcastHashJoin, left, right)));
    }
    if (r < 0.75) {
      int left = Sort(plan, Exchange(plan, BuildSubtree(plan, budget / 2 - 3, depth + 3)));
      int right = Sort(plan, Exchange(plan, BuildSubtree(plan, budget / 2 - 3, depth + 3)));
      return Codegen(plan, Project(plan, Join(plan, NodeKind::kSortMergeJoin, left, right)));
    }
    int partial = Aggregate(plan, BuildSubtree(plan, budget - 4, depth + 4), true);
    return Codegen(plan, Aggregate(plan, Exchange(plan, Codegen(plan, partial)), false));
  }

  void BuildPlan(Plan* plan, size_t target_bytes, bool write) {
    plan->nodes.reserve(target_bytes / 500 + 16);
    int budget = static_cast<int>(std::max<size_t>(12, target_bytes / 1200));
    int body = BuildSubtree(plan, budget, 0);
    int top;
    if (write) {
      top = Unary(plan, NodeKind::kWrite, kWriteMetrics, sizeof(kWriteMetrics) / sizeof(kWriteMetrics[0]),
                  "Execute InsertIntoHadoopFsRelationCommand",
                  "Execute InsertIntoHadoopFsRelationCommand s3://acme-analytics-warehouse/rollups/daily, false, "
                  "[dt#" + std::to_string(expr_id_++) + "], Parquet, [path=s3://acme-analytics-warehouse/rollups/daily], "
                  "Append, `spark_catalog`.`rollups`.`daily`",
                  "Arguments: s3://acme-analytics-warehouse/rollups/daily, false, Parquet, Append\\n\\n",
                  Exchange(plan, body));
    } else {
      std::string cols = Columns(static_cast<int>(rng_.Next() % 20), 6);
      top = Unary(plan, NodeKind::kTakeOrdered, nullptr, 0, "TakeOrderedAndProject",
                  "TakeOrderedAndProject(limit=100, orderBy=[" + cols + "], output=[" + cols + "])",
                  "Input [6]: [" + cols + "]\\nArguments: 100, [" + cols + "], [" + cols + "]\\n\\n",
                  Codegen(plan, Aggregate(plan, Exchange(plan, body), false)));
    }
    plan->root = top;
    // Operator ids in post order, as Spark's formatted explain numbers them.
    plan->op_count = 0;
    NumberOps(plan, top);
  }

  void NumberOps(Plan* plan, int node) {
    PlanNode& n = plan->nodes[static_cast<size_t>(node)];
    for (int child : n.children) NumberOps(plan, child);
    if (n.kind != NodeKind::kCodegen && n.kind != NodeKind::kInputAdapter) {
      plan->nodes[static_cast<size_t>(node)].op_id = ++plan->op_count;
    }
  }

  // The plan tree as Spark's explain draws it, skipping codegen wrappers.
  void TreeText(const Plan& plan, int node, const std::string& indent, bool last, bool root, std::string* out) {
    const PlanNode* n = &plan.nodes[static_cast<size_t>(node)];
    while (n->kind == NodeKind::kCodegen || n->kind == NodeKind::kInputAdapter) {
      n = &plan.nodes[static_cast<size_t>(n->children[0])];
    }
    out->append(indent);
    if (!root) out->append(last ? "+- " : ":- ");
    out->append(n->name).append(" (");
    AppendNum(out, n->op_id);
    out->append(")\\n");
    std::string child_indent = root ? indent : indent + (last ? "   " : ":  ");
    for (size_t i = 0; i < n->children.size(); ++i) {
      TreeText(plan, n->children[i], child_indent, i + 1 == n->children.size(), false, out);
    }
  }

  void DetailText(const Plan& plan, int node, std::string* out) {
    const PlanNode& n = plan.nodes[static_cast<size_t>(node)];
    for (int child : n.children) DetailText(plan, child, out);
    if (n.op_id == 0) return;
    out->append("(");
    AppendNum(out, n.op_id);
    out->append(") ").append(n.name).append("\\n").append(n.detail);
  }

  // sparkPlanInfo; `materialized` exchanges appear as finished query stages.
  void PlanInfoJson(const Plan& plan, int node, int materialized, std::string* out) {
    const PlanNode& n = plan.nodes[static_cast<size_t>(node)];
    bool staged = n.exchange_index >= 0 && n.exchange_index < materialized;
    if (staged) {
      out->append("{\"nodeName\":\"AQEShuffleRead\",\"simpleString\":\"AQEShuffleRead coalesced\",\"children\":[");
      out->append("{\"nodeName\":\"ShuffleQueryStage\",\"simpleString\":\"ShuffleQueryStage ");
      AppendNum(out, n.exchange_index);
      out->append("\",\"children\":[");
    }
    out->append("{\"nodeName\":\"").append(n.name).append("\",\"simpleString\":\"").append(n.simple);
    out->append("\",\"children\":[");
    for (size_t i = 0; i < n.children.size(); ++i) {
      if (i > 0) out->push_back(',');
      PlanInfoJson(plan, n.children[i], materialized, out);
    }
    out->append("],\"metadata\":").append(n.metadata.empty() ? "{}" : n.metadata).append(",\"metrics\":[");
    for (int i = 0; i < n.metric_count; ++i) {
      const PlanMetric& m = plan.metrics[static_cast<size_t>(n.metric_begin + i)];
      if (i > 0) out->push_back(',');
      out->append("{\"name\":\"").append(m.def->name).append("\",\"accumulatorId\":");
      AppendNum(out, m.acc_id);
      out->append(",\"metricType\":\"").append(m.def->type).append("\"}");
    }
    out->append("]}");
    if (staged) {
      out->append("],\"metadata\":{},\"metrics\":[]}],\"metadata\":{},\"metrics\":[");
      for (size_t i = 0; i < 3; ++i) {
        if (i > 0) out->push_back(',');
        out->append("{\"name\":\"").append(kAqeReadMetrics[i].name).append("\",\"accumulatorId\":");
        AppendNum(out, aqe_acc_base_ + n.exchange_index * 3 + static_cast<int64_t>(i));
        out->append(",\"metricType\":\"").append(kAqeReadMetrics[i].type).append("\"}");
      }
      out->append("]}");
    }
  }

  void PlanDescription(const Plan& plan, bool adaptive_update, bool final_plan, std::string* out) {
    out->append("== Physical Plan ==\\nAdaptiveSparkPlan (");
    AppendNum(out, plan.op_count + 1);
    out->append(")\\n");
    if (adaptive_update) {
      out->append(final_plan ? "+- == Final Plan ==\\n" : "+- == Current Plan ==\\n");
      TreeText(plan, plan.root, "   ", true, true, out);
      out->append("+- == Initial Plan ==\\n");
      TreeText(plan, plan.root, "   ", true, true, out);
    } else {
      out->append("+- ");
      std::string tree;
      TreeText(plan, plan.root, "   ", true, true, &tree);
      out->append(tree, 3, std::string::npos);
    }
    out->append("\\n\\n");
    DetailText(plan, plan.root, out);
    out->append("(");
    AppendNum(out, plan.op_count + 1);
    out->append(") AdaptiveSparkPlan\\nOutput [6]: [")
        .append(plan.nodes[static_cast<size_t>(plan.root)].name)
        .append("]\\nArguments: isFinalPlan=")
        .append(final_plan ? "true" : "false")
        .append("\\n\\n");
  }

  void PlanInfo(const Plan& plan, int materialized, bool final_plan, std::string* out) {
    out->append("{\"nodeName\":\"AdaptiveSparkPlan\",\"simpleString\":\"AdaptiveSparkPlan isFinalPlan=")
        .append(final_plan ? "true" : "false")
        .append("\",\"children\":[");
    PlanInfoJson(plan, plan.root, materialized, out);
    out->append("],\"metadata\":{},\"metrics\":[]}");
  }

  // --- executions, jobs, stages ---

  void RunExecution() {
    const int execution = execution_id_++;
    // Plan lines of 100 KB - 2 MB, smaller for small logs so tasks dominate.
    double plan_cap = std::max(24.0 * 1024, static_cast<double>(opt_.bytes) / 40);
    size_t plan_target = static_cast<size_t>(std::min(rng_.LogUniform(100 << 10, 2 << 20), plan_cap));
    bool write = rng_.Chance(0.3);
    Plan plan;
    BuildPlan(&plan, plan_target, write);
    aqe_acc_base_ = acc_id_;
    acc_id_ += plan.exchanges * 3;
    description_ = std::string(write ? "INSERT INTO rollups.daily" : "daily rollup query ") + std::to_string(execution);

    std::string line;
    line.reserve(plan_target * 3);
    line.append("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\",\"executionId\":");
    AppendNum(&line, execution);
    line.append(",\"rootExecutionId\":");
    AppendNum(&line, execution);
    line.append(",\"description\":\"").append(description_).append("\",\"details\":\"");
    line.append(write ? kWriteCallSite : kPySparkCallSite).append("\",\"physicalPlanDescription\":\"");
    PlanDescription(plan, false, false, &line);
    line.append("\",\"sparkPlanInfo\":");
    PlanInfo(plan, 0, false, &line);
    line.append(",\"time\":");
    AppendNum(&line, now_ms_);
    line.append(",\"modifiedConfigs\":{},\"jobTags\":[]}\n");
    out_->buffer() << line;
    out_->EndEvent();
    now_ms_ += rng_.Range(20, 400);

    int jobs = static_cast<int>(rng_.Range(1, 4));
    int materialized = 0;
    for (int j = 0; j < jobs; ++j) {
      // An AQE update (about twice the plan line) follows every job but the last.
      int64_t update_bytes = static_cast<int64_t>(line.size()) * 2;
      bool last = j + 1 == jobs || Remaining() < kMinExecutionBytes + update_bytes;
      RunJob(execution, plan, j == 0, last, write, last ? 0 : update_bytes);
      if (last) break;
      // AQE re-plans after each query stage; at most two big updates per execution.
      materialized = std::min(plan.exchanges, materialized + 1 + static_cast<int>(rng_.Range(0, 2)));
      if (j < 2) EmitAdaptiveUpdate(execution, plan, materialized, false);
      Rescale();
    }
    // Driver-side metrics (broadcasts, AQE reads).
    for (const PlanMetric& m : plan.metrics) {
      if (m.def->source != Source::kDriver || !rng_.Chance(0.05)) continue;
      out_->buffer() << "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates\",\"executionId\":"
                     << execution << ",\"accumUpdates\":[[" << m.acc_id << "," << rng_.Range(1, 5000000) << "]]}\n";
      out_->EndEvent();
    }
    now_ms_ += rng_.Range(5, 200);
    out_->buffer() << "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd\",\"executionId\":"
                   << execution << ",\"time\":" << now_ms_ << ",\"errorMessage\":\"\"}\n";
    out_->EndEvent();
  }

  void EmitAdaptiveUpdate(int execution, const Plan& plan, int materialized, bool final_plan) {
    std::string line;
    line.append("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate\",\"executionId\":");
    AppendNum(&line, execution);
    line.append(",\"physicalPlanDescription\":\"");
    PlanDescription(plan, true, final_plan, &line);
    line.append("\",\"sparkPlanInfo\":");
    PlanInfo(plan, materialized, final_plan, &line);
    line.append("}\n");
    out_->buffer() << line;
    out_->EndEvent();
    Buffer& b = out_->buffer();
    b << "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveSQLMetricUpdates\",\"executionId\":"
      << execution << ",\"sqlPlanMetrics\":[";
    for (int i = 0; i < 3; ++i) {
      if (i > 0) b << ",";
      b << "{\"name\":\"" << kAqeReadMetrics[i].name << "\",\"accumulatorId\":" << aqe_acc_base_ + (materialized - 1) * 3 + i
        << ",\"metricType\":\"" << kAqeReadMetrics[i].type << "\"}";
    }
    b << "]}\n";
    out_->EndEvent();
  }

  std::string RddInfo(const StagePlan& stage) {
    static const char* const kRddNames[] = {"MapPartitionsRDD", "ShuffledRowRDD", "FileScanRDD", "SQLExecutionRDD",
                                            "ZippedPartitionsRDD2", "MapPartitionsRDD"};
    static const char* const kScopes[] = {"Exchange", "WholeStageCodegen (3)", "Scan parquet spark_catalog.tpcds.store_sales",
                                          "collect", "mapPartitionsInternal", "WholeStageCodegen (7)"};
    std::string s = "[";
    int n = static_cast<int>(rng_.Range(3, 7));
    int first = rdd_id_;
    rdd_id_ += n;
    for (int i = 0; i < n; ++i) {
      int id = first + n - 1 - i;
      if (i > 0) s += ",";
      s += "{\"RDD ID\":";
      AppendNum(&s, id);
      s += ",\"Name\":\"";
      s += kRddNames[rng_.Next() % 6];
      s += "\",\"Scope\":\"{\\\"id\\\":\\\"";
      AppendNum(&s, id * 3 + 11);
      s += "\\\",\\\"name\\\":\\\"";
      s += kScopes[rng_.Next() % 6];
      s += "\\\"}\",\"Callsite\":\"" + stage.name + "\",\"Parent IDs\":[";
      if (i + 1 < n) AppendNum(&s, id - 1);
      s += "],\"Storage Level\":{\"Use Disk\":false,\"Use Memory\":false,\"Use Off Heap\":false,\"Deserialized\":false,"
           "\"Replication\":1},\"Barrier\":false,\"DeterministicLevel\":\"";
      s += stage.kind == StageKind::kScan ? "DETERMINATE" : "UNORDERED";
      s += "\",\"Number of Partitions\":";
      AppendNum(&s, stage.tasks);
      s += ",\"Number of Cached Partitions\":0,\"Memory Size\":0,\"Disk Size\":0}";
    }
    s += "]";
    return s;
  }

  void StageInfoJson(const StagePlan& stage, bool submitted, bool completed, const std::string& accumulables,
                     Buffer* b) {
    *b << "{\"Stage ID\":" << stage.stage_id << ",\"Stage Attempt ID\":0,\"Stage Name\":\"" << stage.name
       << "\",\"Number of Tasks\":" << stage.tasks << ",\"RDD Info\":" << stage.rdd_info << ",\"Parent IDs\":[";
    for (size_t i = 0; i < stage.parents.size(); ++i) {
      if (i > 0) *b << ",";
      *b << stage.parents[i];
    }
    *b << "],\"Details\":\"" << (stage.kind == StageKind::kWrite ? kWriteCallSite : kPySparkCallSite) << "\",";
    if (submitted) *b << "\"Submission Time\":" << stage.submission_ms << ",";
    if (completed) *b << "\"Completion Time\":" << stage.completion_ms << ",";
    *b << "\"Accumulables\":[" << accumulables
       << "],\"Resource Profile Id\":0,\"Shuffle Push Enabled\":false,\"Shuffle Push Mergers Count\":0}";
  }

  void JobProperties(int execution, Buffer* b) {
    *b << "{" << spark_properties_ << ",\"spark.sql.execution.id\":\"" << execution
       << "\",\"spark.sql.execution.root.id\":\"" << execution << "\",\"spark.job.description\":\"" << description_
       << "\",\"spark.jobGroup.id\":\"rollup-" << execution
       << "\",\"callSite.short\":\"collect at /mnt/tmp/daily_rollup.py:214\",\"spark.rdd.scope\":\"{\\\"id\\\":\\\""
       << rdd_id_ << "\\\",\\\"name\\\":\\\"Exchange\\\"}\",\"spark.rdd.scope.noOverride\":\"true\"}";
  }

  int PlanTaskCount(StageKind kind) {
    switch (kind) {
      case StageKind::kScan: return static_cast<int>(rng_.LogUniform(8, 25000));
      case StageKind::kShuffle: {
        static const int kCounts[] = {200, 400, 1000, 2000, 2000, 4000, 8000, 16000, 30000, 731, 1537};
        return rng_.Pick(kCounts);
      }
      case StageKind::kResult: return static_cast<int>(rng_.Range(1, 400));
      case StageKind::kWrite: return static_cast<int>(rng_.LogUniform(50, 6000));
    }
    return 1;
  }

  // `reserve_bytes`: what the execution will still write after this job (an AQE update).
  void RunJob(int execution, const Plan& plan, bool first_job, bool last_job, bool write, int64_t reserve_bytes) {
    const int job_id = job_id_++;
    int nstages = static_cast<int>(rng_.Range(1, 3));
    std::vector<StagePlan> stages(static_cast<size_t>(nstages));
    // Size budget: the stages of this job share what is left, so the log ends near its target.
    double task_bytes = tasks_ > 100 ? static_cast<double>(task_bytes_) / static_cast<double>(tasks_) : 5500.0;
    double budget_tasks =
        std::max(0.0, static_cast<double>(Remaining() - reserve_bytes) - 32.0 * 1024 * nstages) / task_bytes;
    for (int i = 0; i < nstages; ++i) {
      StagePlan& s = stages[static_cast<size_t>(i)];
      s.stage_id = stage_id_++;
      if (last_job && i + 1 == nstages) {
        s.kind = write ? StageKind::kWrite : StageKind::kResult;
      } else {
        s.kind = (i == 0 && (first_job || rng_.Chance(0.5))) ? StageKind::kScan : StageKind::kShuffle;
      }
      s.tasks = PlanTaskCount(s.kind);
      if (i > 0) s.parents.push_back(stages[static_cast<size_t>(i - 1)].stage_id);
      static const char* const kNames[] = {"collect at /mnt/tmp/daily_rollup.py:214",
                                           "$anonfun$withThreadLocalCaptured$1 at FutureTask.java:264",
                                           "save at NativeMethodAccessorImpl.java:0",
                                           "showString at NativeMethodAccessorImpl.java:0"};
      s.name = s.kind == StageKind::kWrite ? kNames[2] : kNames[rng_.Next() % 2];
    }
    double planned = 0;
    for (const StagePlan& s : stages) planned += s.tasks;
    if (planned > budget_tasks) {
      double scale = budget_tasks / planned;
      for (StagePlan& s : stages) s.tasks = std::max(1, static_cast<int>(s.tasks * scale));
    }
    for (StagePlan& s : stages) s.rdd_info = RddInfo(s);

    Buffer& b = out_->buffer();
    b << "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" << job_id << ",\"Submission Time\":" << now_ms_
      << ",\"Stage Infos\":[";
    for (size_t i = 0; i < stages.size(); ++i) {
      if (i > 0) b << ",";
      StageInfoJson(stages[i], false, false, "", &b);
    }
    b << "],\"Stage IDs\":[";
    for (size_t i = 0; i < stages.size(); ++i) {
      if (i > 0) b << ",";
      b << stages[i].stage_id;
    }
    b << "],\"Properties\":";
    JobProperties(execution, &b);
    b << "}\n";
    out_->EndEvent();

    for (StagePlan& s : stages) {
      now_ms_ += rng_.Range(3, 60);
      RunStage(execution, plan, &s);
    }
    now_ms_ += rng_.Range(1, 30);
    b << "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":" << job_id << ",\"Completion Time\":" << now_ms_
      << ",\"Job Result\":{\"Result\":\"JobSucceeded\"}}\n";
    out_->EndEvent();
  }

  // --- the hot path: tasks ---

  struct StageModel {
    StageKind kind;
    double median_ms, sigma;
    double input_bytes, read_bytes, write_bytes, output_bytes;
    double row_bytes;
    double cpu_ratio, gc_ratio;
    double peak_mem;
    double spill_threshold;
    double fail_p;
    int map_partitions;
    bool data_skew;
    bool speculation;
  };

  StageModel MakeModel(StageKind kind, int tasks) {
    StageModel m{};
    m.kind = kind;
    m.median_ms = rng_.LogUniform(150, 40000);
    m.sigma = rng_.Uniform(0.25, 0.6);
    m.row_bytes = rng_.Uniform(40, 400);
    m.cpu_ratio = rng_.Uniform(0.35, 0.95);
    m.gc_ratio = rng_.Chance(0.2) ? rng_.Uniform(0.1, 0.3) : rng_.Uniform(0.0, 0.05);
    double per_task = rng_.LogUniform(4e6, 4e8);
    m.input_bytes = kind == StageKind::kScan ? per_task : 0;
    m.read_bytes = kind == StageKind::kScan ? 0 : per_task * rng_.Uniform(0.3, 1.0);
    m.write_bytes = (kind == StageKind::kScan || kind == StageKind::kShuffle) ? per_task * rng_.Uniform(0.05, 0.8) : 0;
    m.output_bytes = kind == StageKind::kWrite ? per_task * rng_.Uniform(0.2, 0.6) : 0;
    m.peak_mem = (kind == StageKind::kScan && rng_.Chance(0.5)) ? 0 : rng_.LogUniform(1e6, 2e9);
    m.spill_threshold = rng_.Chance(0.3) ? per_task * rng_.Uniform(1.5, 6) : 1e18;
    m.fail_p = rng_.Chance(0.35) ? rng_.LogUniform(5e-4, 2e-2) : 0;
    m.map_partitions = static_cast<int>(rng_.Range(8, 4000));
    m.data_skew = kind != StageKind::kScan && rng_.Chance(0.5);
    m.speculation = tasks >= 20;
    return m;
  }

  void BuildTaskTemplates(const StagePlan& stage, const std::vector<SqlAcc>& sql, int64_t internal_base) {
    const char* type = (stage.kind == StageKind::kResult || stage.kind == StageKind::kWrite) ? "ResultTask"
                                                                                              : "ShuffleMapTask";
    Template& s = start_template_;
    s = Template();
    s.Lit("{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":").Lit(stage.stage_id);
    s.Lit(",\"Stage Attempt ID\":0,\"Task Info\":{\"Task ID\":").Num(kSlotTaskId);
    s.Lit(",\"Index\":").Num(kSlotIndex).Lit(",\"Attempt\":").Num(kSlotAttempt);
    s.Lit(",\"Partition ID\":").Num(kSlotPartition).Lit(",\"Launch Time\":").Num(kSlotLaunch);
    s.Lit(",\"Executor ID\":\"").Text(kSlotExecutor).Lit("\",\"Host\":\"").Text(kSlotHost);
    s.Lit("\",\"Locality\":\"").Text(kSlotLocality).Lit("\",\"Speculative\":").Text(kSlotSpeculative);
    s.Lit(",\"Getting Result Time\":0,\"Finish Time\":0,\"Failed\":false,\"Killed\":false,\"Accumulables\":[]}}\n");

    Template& e = end_template_;
    e = Template();
    e.Lit("{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":").Lit(stage.stage_id);
    e.Lit(",\"Stage Attempt ID\":0,\"Task Type\":\"").Lit(type).Lit("\",\"Task End Reason\":").Text(kSlotReason);
    e.Lit(",\"Task Info\":{\"Task ID\":").Num(kSlotTaskId);
    e.Lit(",\"Index\":").Num(kSlotIndex).Lit(",\"Attempt\":").Num(kSlotAttempt);
    e.Lit(",\"Partition ID\":").Num(kSlotPartition).Lit(",\"Launch Time\":").Num(kSlotLaunch);
    e.Lit(",\"Executor ID\":\"").Text(kSlotExecutor).Lit("\",\"Host\":\"").Text(kSlotHost);
    e.Lit("\",\"Locality\":\"").Text(kSlotLocality).Lit("\",\"Speculative\":").Text(kSlotSpeculative);
    e.Lit(",\"Getting Result Time\":").Num(kSlotGettingResult).Lit(",\"Finish Time\":").Num(kSlotFinish);
    e.Lit(",\"Failed\":").Text(kSlotFailed).Lit(",\"Killed\":").Text(kSlotKilled).Lit(",\"Accumulables\":[");
    // SQL accumulators (always listed, values as strings), then the non-zero internal ones.
    for (size_t i = 0; i < sql.size(); ++i) {
      if (i > 0) e.Lit(",");
      e.Lit("{\"ID\":").Lit(sql[i].id).Lit(",\"Name\":\"").Lit(sql[i].def->name).Lit("\",\"Update\":\"");
      e.Num(kSlotSql + 2 * static_cast<int>(i)).Lit("\",\"Value\":\"").Num(kSlotSql + 2 * static_cast<int>(i) + 1);
      e.Lit("\",\"Internal\":true,\"Count Failed Values\":true,\"Metadata\":\"sql\"}");
    }
    for (int i = 0; i < kInternalAccCount; ++i) {
      const InternalAcc& acc = kInternalAccs[i];
      e.IfNonZero(kSlotMetrics + static_cast<int>(acc.metric));
      e.Lit(sql.empty() && i == 0 ? "" : ",");
      e.Lit("{\"ID\":").Lit(internal_base + acc.offset).Lit(",\"Name\":\"").Lit(acc.name).Lit("\",\"Update\":");
      e.Num(kSlotMetrics + static_cast<int>(acc.metric)).Lit(",\"Value\":").Num(kSlotAccTotals + i);
      e.Lit(",\"Internal\":true,\"Count Failed Values\":true}");
      e.EndIf();
    }
    e.Lit("]},\"Task Executor Metrics\":{\"JVMHeapMemory\":").Num(kSlotJvmHeap);
    e.Lit(",\"JVMOffHeapMemory\":").Num(kSlotJvmOffHeap);
    e.Lit(",\"OnHeapExecutionMemory\":").Num(kSlotOnHeapExec);
    e.Lit(",\"OffHeapExecutionMemory\":0,\"OnHeapStorageMemory\":").Num(kSlotOnHeapStorage);
    e.Lit(",\"OffHeapStorageMemory\":0,\"OnHeapUnifiedMemory\":").Num(kSlotOnHeapUnified);
    e.Lit(",\"OffHeapUnifiedMemory\":0,\"DirectPoolMemory\":").Num(kSlotDirectPool);
    e.Lit(",\"MappedPoolMemory\":0,\"ProcessTreeJVMVMemory\":0,\"ProcessTreeJVMRSSMemory\":0,"
          "\"ProcessTreePythonVMemory\":0,\"ProcessTreePythonRSSMemory\":0,\"ProcessTreeOtherVMemory\":0,"
          "\"ProcessTreeOtherRSSMemory\":0,\"MinorGCCount\":")
        .Num(kSlotMinorGcCount);
    e.Lit(",\"MinorGCTime\":").Num(kSlotMinorGcTime).Lit(",\"MajorGCCount\":").Num(kSlotMajorGcCount);
    e.Lit(",\"MajorGCTime\":").Num(kSlotMajorGcTime).Lit(",\"TotalGCTime\":").Num(kSlotTotalGcTime);
    auto m = [&](const char* key, Metric metric) { e.Lit(key).Num(kSlotMetrics + static_cast<int>(metric)); };
    m("},\"Task Metrics\":{\"Executor Deserialize Time\":", kDeser);
    m(",\"Executor Deserialize CPU Time\":", kDeserCpu);
    m(",\"Executor Run Time\":", kRun);
    m(",\"Executor CPU Time\":", kCpu);
    m(",\"Peak Execution Memory\":", kPeakMem);
    m(",\"Result Size\":", kResultSize);
    m(",\"JVM GC Time\":", kGc);
    m(",\"Result Serialization Time\":", kResultSer);
    m(",\"Memory Bytes Spilled\":", kMemSpill);
    m(",\"Disk Bytes Spilled\":", kDiskSpill);
    m(",\"Shuffle Read Metrics\":{\"Remote Blocks Fetched\":", kRemoteBlocks);
    m(",\"Local Blocks Fetched\":", kLocalBlocks);
    m(",\"Fetch Wait Time\":", kFetchWait);
    m(",\"Remote Bytes Read\":", kRemoteBytes);
    m(",\"Remote Bytes Read To Disk\":", kRemoteToDisk);
    m(",\"Local Bytes Read\":", kLocalBytes);
    m(",\"Total Records Read\":", kReadRecords);
    m(",\"Remote Requests Duration\":", kRemoteReqDur);
    e.Lit(",\"Push Based Shuffle\":{\"Corrupt Merged Block Chunks\":0,\"Merged Fetch Fallback Count\":0,"
          "\"Merged Remote Blocks Fetched\":0,\"Merged Local Blocks Fetched\":0,\"Merged Remote Chunks Fetched\":0,"
          "\"Merged Local Chunks Fetched\":0,\"Merged Remote Bytes Read\":0,\"Merged Local Bytes Read\":0,"
          "\"Merged Remote Requests Duration\":0}}");
    m(",\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":", kWriteBytes);
    m(",\"Shuffle Write Time\":", kWriteTime);
    m(",\"Shuffle Records Written\":", kWriteRecords);
    m("},\"Input Metrics\":{\"Bytes Read\":", kInBytes);
    m(",\"Records Read\":", kInRecords);
    m("},\"Output Metrics\":{\"Bytes Written\":", kOutBytes);
    m(",\"Records Written\":", kOutRecords);
    e.Lit("},\"Updated Blocks\":[]}}\n");
  }

  void SetTaskInfoValues(const Attempt& a) {
    Value* v = values_;
    v[kSlotTaskId].number = a.task_id;
    v[kSlotIndex].number = a.index;
    v[kSlotAttempt].number = a.attempt;
    v[kSlotPartition].number = a.index;
    v[kSlotLaunch].number = a.launch_ms;
    const Executor& e = executors_[static_cast<size_t>(a.executor)];
    SetText(&v[kSlotExecutor], e.id);
    SetText(&v[kSlotHost], e.host);
    SetText(&v[kSlotLocality], a.locality);
    SetText(&v[kSlotSpeculative], a.speculative ? "true" : "false");
  }

  void EmitTaskStart(const Attempt& a) {
    SetTaskInfoValues(a);
    size_t before = out_->buffer().size();
    start_template_.Render(&out_->buffer(), values_);
    task_bytes_ += out_->buffer().size() - before;
    out_->EndEvent();
  }

  // Metrics of a finished attempt, derived from its duration and data.
  void ComputeMetrics(const StageModel& model, const Attempt& a, int64_t* m) {
    double duration = static_cast<double>(a.finish_ms - a.launch_ms);
    double f = a.data_factor;
    double done = 1.0;  // share of the work done (failed and killed attempts stop early)
    if (a.fails || a.killed) done = rng_.Uniform(0.05, 0.9);
    int64_t deser = a.first_on_executor ? rng_.Range(150, 1200) : rng_.Range(1, 40);
    deser = std::min<int64_t>(deser, static_cast<int64_t>(duration / 2));
    int64_t run = std::max<int64_t>(1, static_cast<int64_t>(duration) - deser - rng_.Range(0, 6));
    m[kDeser] = deser;
    m[kDeserCpu] = deser * rng_.Range(300000, 900000);
    m[kRun] = run;
    m[kCpu] = static_cast<int64_t>(static_cast<double>(run) * 1e6 * model.cpu_ratio * rng_.Uniform(0.8, 1.0));
    m[kResultSize] = a.fails ? 0 : rng_.Range(1500, 6500);
    m[kGc] = static_cast<int64_t>(static_cast<double>(run) * model.gc_ratio * rng_.Uniform(0.5, 1.5));
    m[kResultSer] = rng_.Chance(0.1) ? rng_.Range(1, 3) : 0;
    double read = model.read_bytes * f * done;
    double spill = read > model.spill_threshold ? read : 0;
    m[kMemSpill] = static_cast<int64_t>(spill * rng_.Uniform(2, 4));
    m[kDiskSpill] = static_cast<int64_t>(spill * rng_.Uniform(0.3, 0.9));
    m[kPeakMem] = model.peak_mem > 0 ? static_cast<int64_t>(std::min(model.peak_mem * std::sqrt(f), 8e9)) : 0;
    if (read > 0) {
      int executors = std::max(1, live_count_);
      double remote_share = static_cast<double>(executors - 1) / executors;
      int64_t blocks = static_cast<int64_t>(model.map_partitions * done);
      m[kRemoteBlocks] = static_cast<int64_t>(static_cast<double>(blocks) * remote_share);
      m[kLocalBlocks] = blocks - m[kRemoteBlocks];
      m[kFetchWait] = static_cast<int64_t>(static_cast<double>(run) * rng_.Uniform(0, 0.08));
      m[kRemoteBytes] = static_cast<int64_t>(read * remote_share);
      m[kRemoteToDisk] = read > 2e8 ? m[kRemoteBytes] : 0;
      m[kLocalBytes] = static_cast<int64_t>(read) - m[kRemoteBytes];
      m[kReadRecords] = static_cast<int64_t>(read / model.row_bytes);
      m[kRemoteReqDur] = m[kFetchWait] + rng_.Range(0, 400);
    } else {
      for (int k = kRemoteBlocks; k <= kRemoteReqDur; ++k) m[k] = 0;
    }
    double write = model.write_bytes * f * done;
    m[kWriteBytes] = static_cast<int64_t>(write);
    m[kWriteTime] = write > 0 ? static_cast<int64_t>(write * rng_.Uniform(2, 12)) + rng_.Range(200000, 5000000) : 0;
    m[kWriteRecords] = static_cast<int64_t>(write / (model.row_bytes * 0.7));
    double input = model.input_bytes * f * done;
    m[kInBytes] = static_cast<int64_t>(input);
    m[kInRecords] = static_cast<int64_t>(input / model.row_bytes * 4);
    double output = a.fails ? 0 : model.output_bytes * f * done;
    m[kOutBytes] = static_cast<int64_t>(output);
    m[kOutRecords] = static_cast<int64_t>(output / model.row_bytes * 3);
  }

  int64_t SqlUpdate(Source source, const int64_t* m) {
    switch (source) {
      case Source::kDriver:
      case Source::kZero: return 0;
      case Source::kRowsIn: return m[kInRecords] + m[kReadRecords];
      case Source::kRowsOut: return (m[kWriteRecords] + m[kOutRecords] + m[kReadRecords] / 3) | 1;
      case Source::kFiles: return 1 + (m[kInBytes] + m[kOutBytes]) / 134217728;
      case Source::kBatches: return 1 + m[kInRecords] / 4096;
      case Source::kInputBytes: return m[kInBytes];
      case Source::kRunPart: return m[kRun] * 7 / 10;
      case Source::kSmallTime: return m[kRun] / 50;
      case Source::kWriteRecords: return m[kWriteRecords];
      case Source::kWriteBytes: return m[kWriteBytes];
      case Source::kWriteTimeNs: return m[kWriteTime];
      case Source::kDataSize: return m[kWriteBytes] * 3;
      case Source::kReadRecords: return m[kReadRecords];
      case Source::kLocalBytes: return m[kLocalBytes];
      case Source::kRemoteBytes: return m[kRemoteBytes];
      case Source::kLocalBlocks: return m[kLocalBlocks];
      case Source::kRemoteBlocks: return m[kRemoteBlocks];
      case Source::kFetchWait: return m[kFetchWait];
      case Source::kRemoteReqDur: return m[kRemoteReqDur];
      case Source::kSpill: return m[kMemSpill];
      case Source::kPeakMem: return m[kPeakMem];
      case Source::kProbes: return 10 + (m[kRun] & 7);
      case Source::kOutBytes: return m[kOutBytes];
    }
    return 0;
  }

  std::string FailureReason(const std::vector<SqlAcc>& sql, int64_t internal_base, const int64_t* m) {
    const Failure& failure = rng_.Pick(kFailures);
    std::string s = "{\"Reason\":\"ExceptionFailure\",\"Class Name\":\"";
    s.append(failure.class_name).append("\",\"Description\":\"").append(failure.description).append("\",\"Stack Trace\":[");
    bool first = true;
    for (const Frame& f : kExecutorFrames) {
      if (!first) s.push_back(',');
      first = false;
      s.append("{\"Declaring Class\":\"").append(f.declaring_class).append("\",\"Method Name\":\"").append(f.method);
      s.append("\",\"File Name\":\"").append(f.file).append("\",\"Line Number\":");
      AppendNum(&s, f.line);
      s.push_back('}');
    }
    s.append("],\"Full Stack Trace\":\"").append(failure.class_name).append(": ").append(failure.description).append("\\n");
    for (const Frame& f : kExecutorFrames) {
      s.append("\\tat ").append(f.declaring_class).append(".").append(f.method).append("(").append(f.file);
      if (f.line >= 0) {
        s.push_back(':');
        AppendNum(&s, f.line);
      }
      s.append(")\\n");
    }
    s.append("\",\"Accumulator Updates\":[");
    AccumulatorUpdates(sql, internal_base, m, &s);
    s.append("]}");
    return s;
  }

  void AccumulatorUpdates(const std::vector<SqlAcc>& sql, int64_t internal_base, const int64_t* m, std::string* s) {
    bool first = true;
    auto add = [&](int64_t id, int64_t update) {
      if (!first) s->push_back(',');
      first = false;
      s->append("{\"ID\":");
      AppendNum(s, id);
      s->append(",\"Update\":\"");
      AppendNum(s, update);
      s->append("\",\"Internal\":false,\"Count Failed Values\":true}");
    };
    for (const InternalAcc& acc : kInternalAccs) {
      if (m[acc.metric] != 0) add(internal_base + acc.offset, m[acc.metric]);
    }
    for (size_t i = 0; i < sql.size() && i < 4; ++i) add(sql[i].id, SqlUpdate(sql[i].def->source, m));
  }

  void EmitTaskEnd(const StageModel& model, const Attempt& a, std::vector<SqlAcc>* sql, int64_t internal_base) {
    int64_t* m = &metrics_[0];
    ComputeMetrics(model, a, m);
    Value* v = values_;
    SetTaskInfoValues(a);
    v[kSlotFinish].number = a.finish_ms;
    v[kSlotGettingResult].number =
        (model.kind == StageKind::kResult && !a.fails && !a.killed && rng_.Chance(0.02)) ? a.finish_ms - rng_.Range(2, 80) : 0;
    SetText(&v[kSlotFailed], a.fails ? "true" : "false");
    SetText(&v[kSlotKilled], a.killed ? "true" : "false");
    if (a.fails) {
      reason_text_ = FailureReason(*sql, internal_base, m);
      SetText(&v[kSlotReason], reason_text_);
    } else if (a.killed) {
      reason_text_ = "{\"Reason\":\"TaskKilled\",\"Kill Reason\":\"another attempt succeeded\",\"Accumulator Updates\":[";
      AccumulatorUpdates(*sql, internal_base, m, &reason_text_);
      reason_text_ += "]}";
      SetText(&v[kSlotReason], reason_text_);
    } else {
      SetText(&v[kSlotReason], "{\"Reason\":\"Success\"}");
    }
    // Executor memory peaks are sampled on heartbeats: short tasks often show none.
    bool sampled = a.finish_ms - a.launch_ms > 10000 || rng_.Chance(0.3);
    int64_t heap = sampled ? rng_.Range(400000000, 9000000000LL) : 0;
    v[kSlotJvmHeap].number = heap;
    v[kSlotJvmOffHeap].number = sampled ? rng_.Range(90000000, 250000000) : 0;
    v[kSlotOnHeapExec].number = sampled ? m[kPeakMem] : 0;
    int64_t storage = sampled ? rng_.Range(0, 50000000) : 0;
    v[kSlotOnHeapStorage].number = storage;
    v[kSlotOnHeapUnified].number = v[kSlotOnHeapExec].number + storage;
    v[kSlotDirectPool].number = sampled ? rng_.Range(1000000, 80000000) : 0;
    int64_t minor = sampled ? m[kRun] / 900 + rng_.Range(0, 5) : 0;
    v[kSlotMinorGcCount].number = minor;
    v[kSlotMinorGcTime].number = sampled ? minor * rng_.Range(5, 40) : 0;
    v[kSlotMajorGcCount].number = sampled ? (m[kGc] > 2000 ? rng_.Range(1, 3) : 0) : 0;
    v[kSlotMajorGcTime].number = v[kSlotMajorGcCount].number * rng_.Range(200, 1500);
    v[kSlotTotalGcTime].number = v[kSlotMinorGcTime].number + v[kSlotMajorGcTime].number;
    for (int i = 0; i < kMetricCount; ++i) v[kSlotMetrics + i].number = m[i];
    for (int i = 0; i < kInternalAccCount; ++i) {
      acc_totals_[i] += m[kInternalAccs[i].metric];
      v[kSlotAccTotals + i].number = acc_totals_[i];
    }
    for (size_t i = 0; i < sql->size(); ++i) {
      SqlAcc& acc = (*sql)[i];
      int64_t update = SqlUpdate(acc.def->source, m);
      acc.total += update;
      v[kSlotSql + 2 * i].number = update;
      v[kSlotSql + 2 * i + 1].number = acc.total;
    }
    size_t before = out_->buffer().size();
    end_template_.Render(&out_->buffer(), values_);
    task_bytes_ += out_->buffer().size() - before;
    ++tasks_;
    out_->EndEvent();
  }

  const char* PickLocality(StageKind kind) {
    double r = rng_.Uniform();
    if (kind == StageKind::kScan) return r < 0.55 ? "ANY" : r < 0.9 ? "NODE_LOCAL" : "RACK_LOCAL";
    return r < 0.9 ? "PROCESS_LOCAL" : r < 0.97 ? "NODE_LOCAL" : "ANY";
  }

  void RunStage(int execution, const Plan& plan, StagePlan* stage) {
    const int n = stage->tasks;
    StageModel model = MakeModel(stage->kind, n);
    const int64_t internal_base = acc_id_;
    acc_id_ += kInternalAccIds;

    // SQL accumulators of this stage: a sorted subset of the plan's task-side metrics.
    std::vector<SqlAcc> sql;
    {
      std::vector<const PlanMetric*> candidates;
      for (const PlanMetric& m : plan.metrics) {
        if (m.def->source != Source::kDriver) candidates.push_back(&m);
      }
      size_t want = std::min<size_t>(candidates.size(), static_cast<size_t>(rng_.Range(3, 12)));
      size_t start = candidates.size() > want ? rng_.Next() % (candidates.size() - want + 1) : 0;
      size_t step = std::max<size_t>(1, (candidates.size() - start) / std::max<size_t>(1, want));
      for (size_t i = start; i < candidates.size() && sql.size() < want; i += step) {
        sql.push_back(SqlAcc{candidates[i]->acc_id, candidates[i]->def, 0});
      }
    }
    BuildTaskTemplates(*stage, sql, internal_base);
    std::fill(acc_totals_, acc_totals_ + kInternalAccCount, 0);

    stage->submission_ms = now_ms_;
    Buffer& b = out_->buffer();
    b << "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":";
    StageInfoJson(*stage, true, false, "", &b);
    b << ",\"Properties\":";
    JobProperties(execution, &b);
    b << "}\n";
    out_->EndEvent();

    // Slots of the live executors.
    std::vector<SlotState> slots;
    for (size_t i = 0; i < executors_.size(); ++i) {
      if (!executors_[i].live) continue;
      for (int c = 0; c < opt_.cores; ++c) {
        SlotState s;
        s.executor = static_cast<int32_t>(i);
        slots.push_back(s);
      }
    }
    std::vector<char> executor_seen(executors_.size(), 0);
    std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<HeapEntry>> heap;
    for (size_t i = 0; i < slots.size(); ++i) {
      heap.push(HeapEntry{now_ms_ + rng_.Range(0, 40), static_cast<int32_t>(i), 0});
    }

    // Stragglers: a few per stage, 10-50x the median.
    std::vector<double> straggle(static_cast<size_t>(n), 1.0);
    int stragglers = n >= 20 ? static_cast<int>(rng_.Range(1, 5)) : (rng_.Chance(0.2) ? 1 : 0);
    for (int k = 0; k < stragglers; ++k) straggle[rng_.Next() % static_cast<size_t>(n)] = rng_.Uniform(10, 50);

    struct Pending {
      int32_t index;
      int64_t eligible_ms;
    };
    std::deque<Pending> retries, speculative;
    std::vector<int32_t> running_slot(static_cast<size_t>(n), -1);
    std::vector<uint8_t> next_attempt(static_cast<size_t>(n), 0);
    int next_index = 0;
    int64_t last_finish = now_ms_;

    auto launch = [&](int32_t slot_index, int32_t index, int64_t at, bool is_speculative) {
      SlotState& slot = slots[static_cast<size_t>(slot_index)];
      Attempt& a = slot.task;
      a = Attempt();
      a.index = index;
      a.attempt = next_attempt[static_cast<size_t>(index)]++;
      a.task_id = task_id_++;
      a.launch_ms = at;
      a.executor = slot.executor;
      a.speculative = is_speculative;
      a.locality = is_speculative || a.attempt > 0 ? "ANY" : PickLocality(model.kind);
      a.first_on_executor = !executor_seen[static_cast<size_t>(slot.executor)];
      executor_seen[static_cast<size_t>(slot.executor)] = 1;
      double s = straggle[static_cast<size_t>(index)];
      bool data_straggler = s > 1 && model.data_skew;
      double duration = rng_.LogNormal(model.median_ms, model.sigma);
      if (s > 1 && (!is_speculative || data_straggler) && a.attempt == 0) duration *= s;
      if (is_speculative && data_straggler) duration *= s;  // speculation cannot beat data skew
      a.data_factor = data_straggler ? s : std::pow(duration / model.median_ms, 0.7) * rng_.Uniform(0.9, 1.1);
      a.fails = !is_speculative && a.attempt < 3 && model.fail_p > 0 && rng_.Chance(model.fail_p);
      if (a.fails) duration *= rng_.Uniform(0.05, 0.9);
      a.finish_ms = at + std::max<int64_t>(1, static_cast<int64_t>(duration));
      slot.busy = true;
      EmitTaskStart(a);
      if (is_speculative) {
        // The copy and the original race; the loser is killed right after.
        int32_t other = running_slot[static_cast<size_t>(index)];
        SlotState& original = slots[static_cast<size_t>(other)];
        if (a.finish_ms < original.task.finish_ms) {
          original.task.killed = true;
          original.task.finish_ms = a.finish_ms + rng_.Range(1, 40);
          ++original.generation;
          heap.push(HeapEntry{original.task.finish_ms, other, original.generation});
        } else {
          a.killed = true;
          a.finish_ms = original.task.finish_ms + rng_.Range(1, 40);
        }
      } else {
        running_slot[static_cast<size_t>(index)] = slot_index;
        if (model.speculation && a.attempt == 0 && s > 1 && !a.fails && rng_.Chance(0.7)) {
          speculative.push_back(Pending{index, at + static_cast<int64_t>(model.median_ms * 2.5)});
        }
      }
      heap.push(HeapEntry{a.finish_ms, slot_index, slot.generation});
    };

    while (!heap.empty()) {
      HeapEntry entry = heap.top();
      heap.pop();
      SlotState& slot = slots[static_cast<size_t>(entry.slot)];
      if (entry.generation != slot.generation) continue;
      int64_t t = entry.time;
      if (slot.busy) {
        const Attempt& a = slot.task;
        EmitTaskEnd(model, a, &sql, internal_base);
        last_finish = std::max(last_finish, a.finish_ms);
        if (running_slot[static_cast<size_t>(a.index)] == entry.slot) running_slot[static_cast<size_t>(a.index)] = -1;
        if (a.fails) retries.push_back(Pending{a.index, t});
        slot.busy = false;
      }
      int64_t at = t + rng_.Range(0, 4);
      if (!retries.empty()) {
        int32_t index = retries.front().index;
        retries.pop_front();
        launch(entry.slot, index, at, false);
      } else if (next_index < n) {
        launch(entry.slot, next_index++, at, false);
      } else {
        while (!speculative.empty() && running_slot[static_cast<size_t>(speculative.front().index)] < 0) {
          speculative.pop_front();
        }
        if (speculative.empty()) continue;  // the slot stays idle
        const Pending& p = speculative.front();
        int32_t original = running_slot[static_cast<size_t>(p.index)];
        if (p.eligible_ms > t) {
          heap.push(HeapEntry{p.eligible_ms, entry.slot, ++slot.generation});  // wake up then
        } else if (slots[static_cast<size_t>(original)].executor == slot.executor) {
          continue;  // never on the original's executor
        } else {
          int32_t index = p.index;
          speculative.pop_front();
          launch(entry.slot, index, at, true);
        }
      }
    }

    now_ms_ = last_finish + rng_.Range(2, 30);
    stage->completion_ms = now_ms_;
    // StageCompleted with the stage's accumulator totals.
    std::string accs;
    for (const SqlAcc& acc : sql) {
      if (!accs.empty()) accs += ",";
      accs += "{\"ID\":";
      AppendNum(&accs, acc.id);
      accs.append(",\"Name\":\"").append(acc.def->name).append("\",\"Value\":\"");
      AppendNum(&accs, acc.total);
      accs += "\",\"Internal\":true,\"Count Failed Values\":true,\"Metadata\":\"sql\"}";
    }
    for (int i = 0; i < kInternalAccCount; ++i) {
      if (acc_totals_[i] == 0) continue;
      if (!accs.empty()) accs += ",";
      accs += "{\"ID\":";
      AppendNum(&accs, internal_base + kInternalAccs[i].offset);
      accs.append(",\"Name\":\"").append(kInternalAccs[i].name).append("\",\"Value\":");
      AppendNum(&accs, acc_totals_[i]);
      accs += ",\"Internal\":true,\"Count Failed Values\":true}";
    }
    b << "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":";
    StageInfoJson(*stage, true, true, accs, &b);
    b << "}\n";
    out_->EndEvent();
  }

  const Options& opt_;
  Output* out_;
  Rng rng_;
  int64_t now_ms_ = 0;
  int64_t submit_ms_ = 0;
  std::string app_name_, app_id_;
  std::string spark_properties_;
  std::string description_;
  std::vector<Executor> executors_;
  int live_count_ = 0;
  int execution_id_ = 0;
  int job_id_ = 0;
  int stage_id_ = 0;
  int rdd_id_ = 0;
  int64_t task_id_ = 0;
  int64_t acc_id_ = 1;
  int64_t aqe_acc_base_ = 0;
  int64_t expr_id_ = 1000;
  int codegen_id_ = 0;
  uint64_t tasks_ = 0;
  uint64_t task_bytes_ = 0;
  Template start_template_, end_template_;
  Value values_[kSlotCount];
  int64_t metrics_[kMetricCount] = {};
  int64_t acc_totals_[kInternalAccCount] = {};
  std::string reason_text_;
};

int Usage(const char* message) {
  if (message != nullptr) std::fprintf(stderr, "gen_eventlog: %s\n", message);
  std::fprintf(stderr,
               "usage: gen_eventlog --bytes SIZE [--seed N] [--out FILE] [--codec none|zstd] [--app-id ID]\n"
               "                    [--executors N] [--cores N] [--quiet]\n"
               "  SIZE: decompressed bytes aimed at, with K/M/G suffixes (e.g. 1G)\n");
  return 2;
}

}  // namespace
}  // namespace sparkdx::bench

int main(int argc, char** argv) {
  using namespace sparkdx::bench;
  Options opt;
  bool have_bytes = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage((arg + " needs a value").c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--bytes") {
      if (!ParseSize(value(), &opt.bytes)) return Usage("invalid --bytes");
      have_bytes = true;
    } else if (arg == "--seed") {
      opt.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (arg == "--out") {
      opt.out = value();
    } else if (arg == "--codec") {
      std::string codec = value();
      if (codec == "zstd") {
        opt.zstd = true;
      } else if (codec != "none") {
        return Usage("--codec must be none or zstd");
      }
    } else if (arg == "--app-id") {
      opt.app_id = value();
    } else if (arg == "--executors") {
      opt.executors = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--cores") {
      opt.cores = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--quiet" || arg == "-q") {
      opt.quiet = true;
    } else if (arg == "-h" || arg == "--help") {
      Usage(nullptr);
      return 0;
    } else {
      return Usage(("unknown argument " + arg).c_str());
    }
  }
  if (!have_bytes) return Usage("--bytes is required");

  int fd = STDOUT_FILENO;
  if (!opt.out.empty()) {
    fd = open(opt.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      std::fprintf(stderr, "gen_eventlog: cannot write %s: %s\n", opt.out.c_str(), std::strerror(errno));
      return 1;
    }
  }
  double start = NowSeconds();
  Output out(fd, opt.zstd, opt.seed);
  Generator generator(opt, &out);
  generator.Run();
  out.Finish();
  double seconds = NowSeconds() - start;
  if (fd != STDOUT_FILENO && close(fd) != 0) {
    std::fprintf(stderr, "gen_eventlog: close %s: %s\n", opt.out.c_str(), std::strerror(errno));
    return 1;
  }
  if (!opt.quiet) {
    std::fprintf(stderr,
                 "gen_eventlog: %llu bytes decompressed (%llu written%s), %llu events, %llu tasks, %.2f s, %.0f MB/s\n",
                 static_cast<unsigned long long>(out.decoded_bytes()), static_cast<unsigned long long>(out.written_bytes()),
                 opt.zstd ? (", " + std::to_string(out.frames()) + " zstd frames").c_str() : "",
                 static_cast<unsigned long long>(out.events()), static_cast<unsigned long long>(generator.tasks()),
                 seconds, static_cast<double>(out.decoded_bytes()) / 1e6 / seconds);
  }
  return 0;
}

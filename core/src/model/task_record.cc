#include "model/task_record.h"

#include <cstring>

#include "base/check.h"
#include "base/varint.h"

namespace sparkdx {
namespace {

const TaskMetricInfo kTaskMetricInfos[] = {
#define SPARKDX_TASK_METRIC(e, group, key) {TaskMetric::e, TaskMetricGroup::group, key},
#include "model/task_metrics.inc"
#undef SPARKDX_TASK_METRIC
};

const char* const kReasonNames[] = {
#define SPARKDX_REASON_NAME(e, name) name,
    SPARKDX_TASK_END_REASON_TABLE(SPARKDX_REASON_NAME)
#undef SPARKDX_REASON_NAME
};

const char* const kLocalityNames[] = {"PROCESS_LOCAL", "NODE_LOCAL", "RACK_LOCAL", "ANY", "NO_PREF", "UNKNOWN"};

bool Equals(const char* data, size_t size, const char* name) {
  return std::strlen(name) == size && std::memcmp(data, name, size) == 0;
}

// Flag word layout, chosen so an ordinary task (same metric set as the
// previous one, a shuffle-map or result task, process- or node-local,
// successful) encodes in one byte: bit 0 same presence bitmap as the
// previous record, bits 1-2 task type, 3-5 locality, 6-9 end reason, then
// rarer facts.
constexpr uint64_t kSameBitmapBit = 1u << 0;
constexpr int kTypeShift = 1;
constexpr int kLocalityShift = 3;
constexpr int kReasonShift = 6;
constexpr uint64_t kFailedBit = 1u << 10;
constexpr uint64_t kKilledBit = 1u << 11;
constexpr uint64_t kSpeculativeBit = 1u << 12;
constexpr uint64_t kNoMetricsBit = 1u << 13;
constexpr uint64_t kMessageBit = 1u << 14;
constexpr uint64_t kPartitionBit = 1u << 15;
constexpr uint64_t kAttemptBit = 1u << 16;
constexpr uint64_t kGettingResultBit = 1u << 17;
// Spark's metrics are never negative in practice; a record holding a
// negative one (a corrupt or hand-edited log) stores all its metrics
// zig-zag encoded so it still round-trips exactly.
constexpr uint64_t kNegativeMetricsBit = 1u << 18;
constexpr uint64_t kRunningBit = 1u << 19;
constexpr uint64_t kNotStartedBit = 1u << 20;
constexpr uint64_t kHostBit = 1u << 21;

}  // namespace

const TaskMetricInfo& GetTaskMetricInfo(TaskMetric metric) { return kTaskMetricInfos[static_cast<int>(metric)]; }

TaskEndReason TaskEndReasonFromName(const char* data, size_t size) {
  for (size_t i = 0; i < sizeof(kReasonNames) / sizeof(kReasonNames[0]); ++i) {
    if (Equals(data, size, kReasonNames[i])) return static_cast<TaskEndReason>(i);
  }
  return TaskEndReason::kUnknownReason;
}

const char* TaskEndReasonName(TaskEndReason reason) { return kReasonNames[static_cast<int>(reason)]; }

TaskLocality TaskLocalityFromName(const char* data, size_t size) {
  for (int i = 0; i < 5; ++i) {
    if (Equals(data, size, kLocalityNames[i])) return static_cast<TaskLocality>(i);
  }
  return TaskLocality::kUnknown;
}

const char* TaskLocalityName(TaskLocality locality) { return kLocalityNames[static_cast<int>(locality)]; }

void TaskStore::Append(const TaskRecord& r) {
  uint8_t* begin = chain_.Reserve(kMaxRecordBytes);
  uint8_t* p = begin;
  uint64_t present = 0;
  bool negative = false;
  for (int i = 0; i < kTaskMetricCount; ++i) {
    if (r.metrics[i] != 0) present |= uint64_t{1} << i;
    negative = negative || r.metrics[i] < 0;
  }
  uint64_t flags = (static_cast<uint64_t>(r.reason) << kReasonShift) |
                   (static_cast<uint64_t>(r.locality) << kLocalityShift) |
                   (static_cast<uint64_t>(r.type) << kTypeShift);
  if (present == last_.present) flags |= kSameBitmapBit;
  if (r.failed) flags |= kFailedBit;
  if (r.killed) flags |= kKilledBit;
  if (r.speculative) flags |= kSpeculativeBit;
  if (!r.has_metrics) flags |= kNoMetricsBit;
  if (r.message_id >= 0) flags |= kMessageBit;
  if (r.partition_id != r.index) flags |= kPartitionBit;
  if (r.attempt != 0) flags |= kAttemptBit;
  if (r.getting_result_time_ms != 0) flags |= kGettingResultBit;
  if (negative) flags |= kNegativeMetricsBit;
  if (r.running) flags |= kRunningBit;
  if (!r.started) flags |= kNotStartedBit;
  if (r.host_id >= 0) flags |= kHostBit;
  p = WriteVarint(flags, p);
  p = WriteVarint(ZigZag(r.task_id - last_.task_id), p);
  p = WriteVarint(ZigZag(r.index - last_.index), p);
  if (flags & kPartitionBit) p = WriteVarint(ZigZag(static_cast<int64_t>(r.partition_id) - r.index), p);
  if (flags & kAttemptBit) p = WriteVarint(static_cast<uint64_t>(r.attempt), p);
  p = WriteVarint(ZigZag(r.launch_time_ms - last_.launch_time_ms), p);
  p = WriteVarint(ZigZag(r.finish_time_ms - r.launch_time_ms), p);
  if (flags & kGettingResultBit) p = WriteVarint(ZigZag(r.getting_result_time_ms - r.launch_time_ms), p);
  p = WriteVarint(r.executor, p);
  if (flags & kMessageBit) p = WriteVarint(static_cast<uint64_t>(r.message_id), p);
  if (flags & kHostBit) p = WriteVarint(static_cast<uint64_t>(r.host_id), p);
  if (!(flags & kSameBitmapBit)) p = WriteVarint(present, p);
  for (uint64_t bits = present; bits != 0; bits &= bits - 1) {
    int i = __builtin_ctzll(bits);
    p = WriteVarint(negative ? ZigZag(r.metrics[i]) : static_cast<uint64_t>(r.metrics[i]), p);
  }
  SPARKDX_DCHECK(static_cast<size_t>(p - begin) <= kMaxRecordBytes);
  chain_.Commit(static_cast<size_t>(p - begin));
  last_.task_id = r.task_id;
  last_.index = r.index;
  last_.launch_time_ms = r.launch_time_ms;
  last_.present = present;
}

const uint8_t* TaskStore::Decode(const uint8_t* p, DecodeState* state, TaskRecord* r) {
  uint64_t flags, v;
  p = ReadVarint(p, &flags);
  r->reason = static_cast<TaskEndReason>((flags >> kReasonShift) & 0xf);
  r->locality = static_cast<TaskLocality>((flags >> kLocalityShift) & 0x7);
  r->type = static_cast<TaskType>((flags >> kTypeShift) & 0x3);
  r->failed = flags & kFailedBit;
  r->killed = flags & kKilledBit;
  r->speculative = flags & kSpeculativeBit;
  r->has_metrics = !(flags & kNoMetricsBit);
  r->running = flags & kRunningBit;
  r->started = !(flags & kNotStartedBit);
  p = ReadVarint(p, &v);
  r->task_id = state->task_id + UnZigZag(v);
  p = ReadVarint(p, &v);
  r->index = static_cast<int32_t>(state->index + UnZigZag(v));
  r->partition_id = r->index;
  if (flags & kPartitionBit) {
    p = ReadVarint(p, &v);
    r->partition_id = static_cast<int32_t>(r->index + UnZigZag(v));
  }
  r->attempt = 0;
  if (flags & kAttemptBit) {
    p = ReadVarint(p, &v);
    r->attempt = static_cast<int32_t>(v);
  }
  p = ReadVarint(p, &v);
  r->launch_time_ms = state->launch_time_ms + UnZigZag(v);
  p = ReadVarint(p, &v);
  r->finish_time_ms = r->launch_time_ms + UnZigZag(v);
  r->getting_result_time_ms = 0;
  if (flags & kGettingResultBit) {
    p = ReadVarint(p, &v);
    r->getting_result_time_ms = r->launch_time_ms + UnZigZag(v);
  }
  p = ReadVarint(p, &v);
  r->executor = static_cast<uint32_t>(v);
  r->message_id = -1;
  if (flags & kMessageBit) {
    p = ReadVarint(p, &v);
    r->message_id = static_cast<int32_t>(v);
  }
  r->host_id = -1;
  if (flags & kHostBit) {
    p = ReadVarint(p, &v);
    r->host_id = static_cast<int32_t>(v);
  }
  uint64_t present = state->present;
  if (!(flags & kSameBitmapBit)) p = ReadVarint(p, &present);
  bool negative = flags & kNegativeMetricsBit;
  // `r` is the record this state last decoded into (ForEach reuses one), so
  // only the metrics it held and this one lacks need clearing; usually none.
  for (uint64_t stale = state->present & ~present; stale != 0; stale &= stale - 1) {
    r->metrics[__builtin_ctzll(stale)] = 0;
  }
  for (uint64_t bits = present; bits != 0; bits &= bits - 1) {
    int i = __builtin_ctzll(bits);
    p = ReadVarint(p, &v);
    r->metrics[i] = negative ? UnZigZag(v) : static_cast<int64_t>(v);
  }
  state->task_id = r->task_id;
  state->index = r->index;
  state->launch_time_ms = r->launch_time_ms;
  state->present = present;
  return p;
}

}  // namespace sparkdx

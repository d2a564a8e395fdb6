// TaskRecord: everything sparkdx keeps about one finished task attempt, and
// TaskStore: the compact, append-only column of them for one stage attempt.
//
// A record is stored as varints (about 25-55 bytes for a typical task instead
// of the 2-6 KB of JSON): fixed fields first (deltas against the previous
// record of the same stage attempt, so consecutive tasks cost a byte or two),
// then a presence bitmap (omitted when equal to the previous record's) and
// only the non-zero metrics. Blocks are never
// reallocated (base/block_chain.h). Records are read back in insertion order.
#ifndef SPARKDX_MODEL_TASK_RECORD_H_
#define SPARKDX_MODEL_TASK_RECORD_H_

#include <cstdint>

#include "base/block_chain.h"
#include "base/saturating.h"

namespace sparkdx {

enum class TaskMetric : uint8_t {
#define SPARKDX_TASK_METRIC(e, group, key) e,
#include "model/task_metrics.inc"
#undef SPARKDX_TASK_METRIC
  kCount
};
inline constexpr int kTaskMetricCount = static_cast<int>(TaskMetric::kCount);
static_assert(kTaskMetricCount <= 64, "the presence bitmap is 64 bits");

enum class TaskMetricGroup : uint8_t { kTop, kShuffleRead, kShuffleWrite, kInput, kOutput, kPushShuffle };

struct TaskMetricInfo {
  TaskMetric metric;
  TaskMetricGroup group;
  const char* json_key;
};
const TaskMetricInfo& GetTaskMetricInfo(TaskMetric metric);

// How a task attempt ended (Spark's TaskEndReason "Reason", plus running).
#define SPARKDX_TASK_END_REASON_TABLE(X)      \
  X(kSuccess, "Success")                      \
  X(kResubmitted, "Resubmitted")              \
  X(kTaskResultLost, "TaskResultLost")        \
  X(kFetchFailed, "FetchFailed")              \
  X(kExceptionFailure, "ExceptionFailure")    \
  X(kTaskCommitDenied, "TaskCommitDenied")    \
  X(kTaskKilled, "TaskKilled")                \
  X(kExecutorLostFailure, "ExecutorLostFailure") \
  X(kUnknownReason, "UnknownReason")

enum class TaskEndReason : uint8_t {
#define SPARKDX_REASON_ENUM(e, name) e,
  SPARKDX_TASK_END_REASON_TABLE(SPARKDX_REASON_ENUM)
#undef SPARKDX_REASON_ENUM
};
TaskEndReason TaskEndReasonFromName(const char* data, size_t size);
const char* TaskEndReasonName(TaskEndReason reason);

enum class TaskLocality : uint8_t { kProcessLocal, kNodeLocal, kRackLocal, kAny, kNoPref, kUnknown };
TaskLocality TaskLocalityFromName(const char* data, size_t size);
const char* TaskLocalityName(TaskLocality locality);

enum class TaskType : uint8_t { kResultTask, kShuffleMapTask, kOther };

struct TaskRecord {
  int64_t task_id = 0;
  int32_t index = 0;
  int32_t attempt = 0;
  int32_t partition_id = -1;          // -1: the log predates "Partition ID" (Spark < 3.3)
  int64_t launch_time_ms = 0;
  int64_t finish_time_ms = 0;
  int64_t getting_result_time_ms = 0; // 0: the result was not fetched separately
  uint32_t executor = 0;              // index into the application's executor table
  // Index into the application's task host table when this attempt ran on a
  // host other than its executor's usual one (AppStatus::task_hosts), else -1.
  int32_t host_id = -1;
  TaskEndReason reason = TaskEndReason::kSuccess;
  TaskLocality locality = TaskLocality::kProcessLocal;
  TaskType type = TaskType::kResultTask;
  bool failed = false;
  bool killed = false;
  bool speculative = false;
  bool has_metrics = true;            // false when the TaskEnd carried no "Task Metrics"
  bool running = false;               // still running when the log ended (no TaskEnd)
  bool started = true;                // false: a TaskEnd without its TaskStart (Spark does not list it)
  int32_t message_id = -1;            // index into the application's message table, -1: none
  int64_t metrics[kTaskMetricCount] = {};

  int64_t metric(TaskMetric m) const { return metrics[static_cast<int>(m)]; }
  // Saturating: a damaged log's times must not overflow (see base/saturating.h).
  int64_t duration_ms() const { return SatSub(finish_time_ms, launch_time_ms); }
  // Spark's TaskInfo.successful: finished, neither failed nor killed.
  bool successful() const { return !running && !failed && !killed; }
};

class TaskStore {
 public:
  // The largest encoded record (fixed fields + bitmap + every metric).
  static constexpr size_t kMaxRecordBytes = 10 * (12 + kTaskMetricCount);

  void Append(const TaskRecord& record);
  // Releases unused block space; call when the stage attempt has finished.
  void Trim() { chain_.Trim(); }
  size_t size() const { return chain_.record_count(); }
  size_t allocated_bytes() const { return chain_.allocated_bytes(); }
  size_t used_bytes() const { return chain_.used_bytes(); }

  // Calls fn(const TaskRecord&) for every record in insertion order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    DecodeState state;
    TaskRecord record;
    chain_.ForEachBlock([&](const uint8_t* p, const uint8_t* end) {
      while (p < end) {
        p = Decode(p, &state, &record);
        fn(static_cast<const TaskRecord&>(record));
      }
    });
  }

 private:
  struct DecodeState {
    int64_t task_id = 0;
    int64_t index = 0;
    int64_t launch_time_ms = 0;
    uint64_t present = 0;  // the metric presence bitmap
  };
  // Decodes the record at p into *record, which must be the record last
  // decoded with *state (or a fresh TaskRecord with a fresh state): metrics
  // absent from both are left as they are, zero.
  static const uint8_t* Decode(const uint8_t* p, DecodeState* state, TaskRecord* record);

  BlockChain chain_;
  DecodeState last_;  // the previous record, for delta encoding
};

}  // namespace sparkdx

#endif  // SPARKDX_MODEL_TASK_RECORD_H_

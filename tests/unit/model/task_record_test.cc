#include "model/task_record.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace sparkdx {
namespace {

TaskRecord MakeRecord(std::mt19937_64& rng, int64_t task_id) {
  TaskRecord r;
  r.task_id = task_id;
  r.index = static_cast<int32_t>(task_id % 1000);
  r.attempt = static_cast<int32_t>(rng() % 3 == 0 ? 1 : 0);
  r.partition_id = rng() % 5 == 0 ? -1 : r.index;
  r.launch_time_ms = 1700000000000 + static_cast<int64_t>(rng() % 100000);
  r.finish_time_ms = r.launch_time_ms + static_cast<int64_t>(rng() % 600000);
  r.getting_result_time_ms = rng() % 7 == 0 ? r.finish_time_ms - 5 : 0;
  r.executor = static_cast<uint32_t>(rng() % 300);
  r.reason = static_cast<TaskEndReason>(rng() % 9);
  r.locality = static_cast<TaskLocality>(rng() % 6);
  r.type = static_cast<TaskType>(rng() % 3);
  r.failed = rng() % 2;
  r.killed = rng() % 2;
  r.speculative = rng() % 2;
  r.has_metrics = rng() % 10 != 0;
  r.running = rng() % 11 == 0;
  r.started = rng() % 13 != 0;
  r.message_id = rng() % 4 == 0 ? static_cast<int32_t>(rng() % 1000) : -1;
  for (int i = 0; i < kTaskMetricCount; ++i) {
    uint64_t kind = rng() % 4;
    r.metrics[i] = kind == 0 ? 0 : kind == 1 ? static_cast<int64_t>(rng() % 1000)
                              : kind == 2 ? static_cast<int64_t>(rng() >> 4) : -static_cast<int64_t>(rng() % 50);
  }
  return r;
}

void ExpectSame(const TaskRecord& a, const TaskRecord& b) {
  EXPECT_EQ(a.task_id, b.task_id);
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(a.attempt, b.attempt);
  EXPECT_EQ(a.partition_id, b.partition_id);
  EXPECT_EQ(a.launch_time_ms, b.launch_time_ms);
  EXPECT_EQ(a.finish_time_ms, b.finish_time_ms);
  EXPECT_EQ(a.getting_result_time_ms, b.getting_result_time_ms);
  EXPECT_EQ(a.executor, b.executor);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.locality, b.locality);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.failed, b.failed);
  EXPECT_EQ(a.killed, b.killed);
  EXPECT_EQ(a.speculative, b.speculative);
  EXPECT_EQ(a.has_metrics, b.has_metrics);
  EXPECT_EQ(a.running, b.running);
  EXPECT_EQ(a.started, b.started);
  EXPECT_EQ(a.message_id, b.message_id);
  for (int i = 0; i < kTaskMetricCount; ++i) EXPECT_EQ(a.metrics[i], b.metrics[i]) << "metric " << i;
}

TEST(TaskStoreTest, RoundTripsEveryFieldExactly) {
  std::mt19937_64 rng(42);
  std::vector<TaskRecord> records;
  TaskStore store;
  for (int i = 0; i < 5000; ++i) {
    records.push_back(MakeRecord(rng, 100000 + i * (i % 3 == 0 ? 1 : 7)));
    store.Append(records.back());
  }
  ASSERT_EQ(store.size(), records.size());
  size_t next = 0;
  store.ForEach([&](const TaskRecord& r) { ExpectSame(r, records[next++]); });
  EXPECT_EQ(next, records.size());
}

TEST(TaskStoreTest, TypicalTasksStayCompact) {
  // Consecutive successful tasks of one stage: ids and launch times close together.
  TaskStore store;
  for (int i = 0; i < 10000; ++i) {
    TaskRecord r;
    r.task_id = 50000 + i;
    r.index = i;
    r.partition_id = i;
    r.launch_time_ms = 1700000000000 + i * 3;
    r.finish_time_ms = r.launch_time_ms + 2000 + (i % 500);
    r.executor = static_cast<uint32_t>(i % 40);
    r.metrics[static_cast<int>(TaskMetric::kExecutorRunTimeMs)] = 1900 + (i % 500);
    r.metrics[static_cast<int>(TaskMetric::kExecutorCpuTimeNs)] = 1'500'000'000 + i;
    r.metrics[static_cast<int>(TaskMetric::kExecutorDeserializeTimeMs)] = 3;
    r.metrics[static_cast<int>(TaskMetric::kExecutorDeserializeCpuTimeNs)] = 2'000'000;
    r.metrics[static_cast<int>(TaskMetric::kResultSizeBytes)] = 4000;
    r.metrics[static_cast<int>(TaskMetric::kJvmGcTimeMs)] = 40;
    r.metrics[static_cast<int>(TaskMetric::kShuffleRemoteBytesRead)] = 50'000'000;
    r.metrics[static_cast<int>(TaskMetric::kShuffleLocalBytesRead)] = 2'000'000;
    r.metrics[static_cast<int>(TaskMetric::kShuffleRecordsRead)] = 1'000'000;
    r.metrics[static_cast<int>(TaskMetric::kShuffleBytesWritten)] = 30'000'000;
    r.metrics[static_cast<int>(TaskMetric::kShuffleWriteTimeNs)] = 90'000'000;
    r.metrics[static_cast<int>(TaskMetric::kShuffleRecordsWritten)] = 900'000;
    store.Append(r);
  }
  double bytes_per_task = static_cast<double>(store.allocated_bytes()) / store.size();
  EXPECT_LT(bytes_per_task, 64.0) << "allocated " << store.allocated_bytes() << " for " << store.size();
}

TEST(TaskStoreTest, SmallStagesCostLittle) {
  TaskStore store;
  TaskRecord r;
  store.Append(r);
  EXPECT_LE(store.allocated_bytes(), 1024u);
}

}  // namespace
}  // namespace sparkdx

namespace sparkdx {
namespace {

TEST(TaskStoreTrimTest, TrimReleasesSlackAndKeepsEveryRecord) {
  std::mt19937_64 rng(7);
  std::vector<TaskRecord> records;
  TaskStore store;
  for (int i = 0; i < 3000; ++i) {
    records.push_back(MakeRecord(rng, 900 + i));
    store.Append(records.back());
  }
  size_t before = store.allocated_bytes();
  store.Trim();
  EXPECT_LT(store.allocated_bytes(), before);
  // What remains: per-block tails shorter than one record, and bookkeeping.
  EXPECT_LE(store.allocated_bytes(), store.used_bytes() + store.used_bytes() / 100 + 4096);
  // Tasks that end after their stage completed still append.
  for (int i = 0; i < 10; ++i) {
    records.push_back(MakeRecord(rng, 5000 + i));
    store.Append(records.back());
  }
  size_t next = 0;
  store.ForEach([&](const TaskRecord& r) { ExpectSame(r, records[next++]); });
  EXPECT_EQ(next, records.size());
}

}  // namespace
}  // namespace sparkdx

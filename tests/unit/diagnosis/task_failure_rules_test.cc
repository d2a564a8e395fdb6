// task.failures, stage.retries and task.speculation_waste: each firing,
// silent on a healthy run, and at its threshold boundaries.
#include <gtest/gtest.h>

#include "diagnosis/rules.h"
#include "support/app_status_builder.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;
using testing::SetMetric;

const Recommendation* FindRecommendation(const Finding& f, const std::string& key) {
  for (const Recommendation& r : f.recommendations) {
    if (r.config_key == key) return &r;
  }
  return nullptr;
}

const Finding* FindCause(const RuleOutput& out, const std::string& cause) {
  for (const Finding& f : out.findings) {
    if (f.cause == cause) return &f;
  }
  return nullptr;
}

// One stage of 100 attempts on one executor: `failed` of them fail with
// `reason` and `message` after 5 s, the rest succeed in 10 s.
AppStatusBuilder FailureRun(int failed, TaskEndReason reason, const std::string& message) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 4);
  b.AddJob(0, {0}, 0, 300'000);
  b.AddStage(0, 0, 0, 300'000, "map at Etl.scala:4");
  b.status().task_messages.push_back(message);
  for (int i = 0; i < 100; ++i) {
    int64_t start = (i / 4) * 10'000;
    if (i < failed) {
      TaskRecord t = b.Task(e, start, start + 5'000);
      t.failed = true;
      t.reason = reason;
      t.message_id = 0;
      b.AddTask(0, 0, t);
    } else {
      b.AddTask(0, 0, b.Task(e, start, start + 10'000));
    }
  }
  return b;
}

TEST(TaskFailuresRuleTest, UserExceptionAboveFivePercent) {
  const std::string message = "java.lang.ArithmeticException: / by zero\n\tat Etl$.f(Etl.scala:4)";
  EXPECT_TRUE(FailureRun(5, TaskEndReason::kExceptionFailure, message).Run(CheckTaskFailures).findings.empty());
  RuleOutput out = FailureRun(6, TaskEndReason::kExceptionFailure, message).Run(CheckTaskFailures);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "user_exception");
  EXPECT_EQ(f.entity.kind, EntityKind::kStage);
  EXPECT_EQ(f.entity.id, "0.0");
  EXPECT_EQ(f.saving_core_ms, 6 * 5'000);
  EXPECT_NE(f.explanation.find("java.lang.ArithmeticException (6 attempts)"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("6.0%"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.explanation.find("Etl$.f"), std::string::npos) << f.explanation;  // stack frames left out
}

TEST(TaskFailuresRuleTest, AnyHeapOomIsReported) {
  AppStatusBuilder b = FailureRun(1, TaskEndReason::kExceptionFailure, "java.lang.OutOfMemoryError: Java heap space");
  b.Conf("spark.executor.memory", "4g").Conf("spark.executor.cores", "4");
  RuleOutput out = b.Run(CheckTaskFailures);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].cause, "heap_oom");
  const Recommendation* memory = FindRecommendation(out.findings[0], "spark.executor.memory");
  ASSERT_NE(memory, nullptr);
  EXPECT_EQ(memory->config_value, "6g");
  const Recommendation* cores = FindRecommendation(out.findings[0], "spark.executor.cores");
  ASSERT_NE(cores, nullptr);
  EXPECT_EQ(cores->config_value, "2");
}

TEST(TaskFailuresRuleTest, OverheadKillRaisesMemoryOverhead) {
  AppStatusBuilder b = FailureRun(1, TaskEndReason::kExecutorLostFailure,
                                  "ExecutorLostFailure (executor 1 exited caused by one of the running tasks) Reason: "
                                  "Container killed by YARN for exceeding memory limits. 11.5 GB of 11 GB physical "
                                  "memory used.");
  b.Conf("spark.executor.memory", "10g");
  RuleOutput out = b.Run(CheckTaskFailures);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].cause, "overhead_kill");
  const Recommendation* overhead = FindRecommendation(out.findings[0], "spark.executor.memoryOverhead");
  ASSERT_NE(overhead, nullptr);
  EXPECT_EQ(overhead->config_value, "1536m");  // max(1 GiB x 1.5, 15% of 10 GiB)
}

TEST(TaskFailuresRuleTest, FetchFailuresAndExecutorLossOnlyAboveTheRate) {
  EXPECT_TRUE(FailureRun(5, TaskEndReason::kFetchFailed, "FetchFailed(BlockManagerId(2, h2, 7337), shuffleId=0)")
                  .Run(CheckTaskFailures)
                  .findings.empty());
  RuleOutput fetch =
      FailureRun(10, TaskEndReason::kFetchFailed, "FetchFailed(BlockManagerId(2, h2, 7337), shuffleId=0)")
          .Run(CheckTaskFailures);
  ASSERT_NE(FindCause(fetch, "fetch_failed"), nullptr);
  EXPECT_NE(FindRecommendation(*FindCause(fetch, "fetch_failed"), "spark.shuffle.io.maxRetries"), nullptr);
  RuleOutput lost = FailureRun(10, TaskEndReason::kExecutorLostFailure,
                               "ExecutorLostFailure (executor 2 exited unrelated to the running tasks) Reason: "
                               "Container marked as failed")
                        .Run(CheckTaskFailures);
  ASSERT_NE(FindCause(lost, "executor_lost"), nullptr);
}

TEST(TaskFailuresRuleTest, SilentWithoutFailures) {
  EXPECT_TRUE(FailureRun(0, TaskEndReason::kExceptionFailure, "").Run(CheckTaskFailures).findings.empty());
  AppStatusBuilder empty(0, 1000);
  EXPECT_TRUE(empty.Run(CheckTaskFailures).not_run);
}

// Stage 0 attempt 0 runs partitions 0-3 (partition 3 fails with FetchFailed)
// and fails; attempt 1 re-runs partitions 2 and 3 for 20 s.
AppStatusBuilder RetryRun(bool retried) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e1 = b.AddExecutor("1", "h1", 4);
  uint32_t e2 = b.AddExecutor("2", "h2", 4, 0, 15'000);
  b.Executor(e2).remove_reason = "Container lost on h2";
  b.AddJob(0, {0}, 0, 60'000);
  StageStatusData& first =
      b.AddStage(0, 0, 0, 30'000, "reduce at Etl.scala:8", {}, retried ? StageStatusKind::kFailed : StageStatusKind::kComplete);
  if (retried) first.info.failure_reason = "org.apache.spark.shuffle.FetchFailedException: Failed to connect to h2";
  for (int p = 0; p < 4; ++p) {
    TaskRecord t = b.Task(e1, 0, p == 3 && retried ? 5'000 : 10'000);
    t.partition_id = p;
    if (p == 3 && retried) {
      t.failed = true;
      t.reason = TaskEndReason::kFetchFailed;
    }
    b.AddTask(0, 0, t);
  }
  if (!retried) return b;
  b.AddStage(0, 1, 40'000, 60'000, "reduce at Etl.scala:8");
  for (int p = 2; p < 4; ++p) {
    TaskRecord t = b.Task(e1, 40'000, 60'000);
    t.partition_id = p;
    b.AddTask(0, 1, t);
  }
  return b;
}

TEST(StageRetriesRuleTest, RetriedStageFiresWithLostWork) {
  RuleOutput out = RetryRun(true).Run(CheckStageRetries);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.id, "0.1");
  EXPECT_EQ(f.cause, "fetch_failure");
  EXPECT_EQ(f.saving_ms, 20'000);        // the retry's span
  EXPECT_EQ(f.saving_core_ms, 15'000);  // partition 2 redone (10 s) + the failed attempt (5 s)
  EXPECT_NE(f.explanation.find("Executor(s) 2 were removed"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("FetchFailedException"), std::string::npos) << f.explanation;
  EXPECT_NE(FindRecommendation(f, "spark.shuffle.service.enabled"), nullptr);
}

TEST(StageRetriesRuleTest, SilentWithOneAttempt) {
  EXPECT_TRUE(RetryRun(false).Run(CheckStageRetries).findings.empty());
}

// Stage of 8 + `extra` task indexes on 8 slots with a 10 s median; speculation
// on. Indexes 8 and 9: the original (20 s) wins, the copy launched at 15 s is
// killed. Each of `wins` more indexes: the copy (15 s to 25 s) wins and the
// original is killed.
AppStatusBuilder SpeculationRun(int wins) {
  AppStatusBuilder b(0, 600'000);
  b.Conf("spark.speculation", "true");
  uint32_t e = b.AddExecutor("1", "h", 16);
  b.AddJob(0, {0}, 0, 30'000);
  b.AddStage(0, 0, 0, 30'000, "map at Etl.scala:1");
  for (int i = 0; i < 8; ++i) b.AddTask(0, 0, b.Task(e, 0, 10'000));
  int32_t index = 100;
  for (int i = 0; i < 2; ++i, ++index) {
    TaskRecord original = b.Task(e, 0, 20'000);
    original.index = index;
    b.AddTask(0, 0, original);
    TaskRecord copy = b.Task(e, 15'000, 20'000);
    copy.index = index;
    copy.speculative = true;
    copy.killed = true;
    copy.reason = TaskEndReason::kTaskKilled;
    b.AddTask(0, 0, copy);
  }
  for (int i = 0; i < wins; ++i, ++index) {
    TaskRecord original = b.Task(e, 0, 25'000);
    original.index = index;
    original.killed = true;
    original.reason = TaskEndReason::kTaskKilled;
    b.AddTask(0, 0, original);
    TaskRecord copy = b.Task(e, 15'000, 25'000);
    copy.index = index;
    copy.speculative = true;
    b.AddTask(0, 0, copy);
  }
  return b;
}

TEST(TaskSpeculationWasteRuleTest, MostCopiesLostFires) {
  RuleOutput out = SpeculationRun(1).Run(CheckTaskSpeculationWaste);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.id, "0.0");
  EXPECT_EQ(f.saving_core_ms, 10'000);  // both lost copies (5 s each): originals finished within 3x 10 s
  EXPECT_NE(f.explanation.find("1 finished first, 2 lost"), std::string::npos) << f.explanation;
  const Recommendation* multiplier = FindRecommendation(f, "spark.speculation.multiplier");
  ASSERT_NE(multiplier, nullptr);
  EXPECT_EQ(multiplier->config_value, "3");  // from Spark 3.5's 1.5
  const Recommendation* quantile = FindRecommendation(f, "spark.speculation.quantile");
  ASSERT_NE(quantile, nullptr);
  EXPECT_EQ(quantile->config_value, "0.9");
}

TEST(TaskSpeculationWasteRuleTest, SilentWhenCopiesWinAsOftenAsTheyLose) {
  EXPECT_TRUE(SpeculationRun(2).Run(CheckTaskSpeculationWaste).findings.empty());
}

TEST(TaskSpeculationWasteRuleTest, NotRunWithoutSpeculation) {
  EXPECT_TRUE(FailureRun(0, TaskEndReason::kExceptionFailure, "").Run(CheckTaskSpeculationWaste).not_run);
}

}  // namespace
}  // namespace sparkdx

// Application-level rules: app.incomplete, job.failed, app.idle_cores,
// app.driver_bound, app.cold_start, each at its threshold boundaries.
#include <gtest/gtest.h>

#include "diagnosis/diagnose.h"
#include "diagnosis/rules.h"
#include "support/app_status_builder.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;

TEST(AppIncompleteRuleTest, FiresOnlyWithoutApplicationEnd) {
  AppStatusBuilder done(0, 60'000);
  EXPECT_TRUE(done.Run(CheckAppIncomplete).findings.empty());
  AppStatusBuilder cut(0, 60'000);
  cut.Incomplete(45'000);
  uint32_t e = cut.AddExecutor("1", "h", 1);
  cut.AddJob(0, {0}, 1000, -1, JobStatusKind::kRunning);
  cut.AddStage(0, 0, 1000, -1, "", {}, StageStatusKind::kActive);
  TaskRecord t = cut.Task(e, 2000, 45'000);
  t.running = true;
  cut.AddTask(0, 0, t);
  RuleOutput out = cut.Run(CheckAppIncomplete);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_NE(out.findings[0].explanation.find("45.0 s"), std::string::npos) << out.findings[0].explanation;
  EXPECT_NE(out.findings[0].explanation.find("1 jobs, 1 stages and 1 tasks"), std::string::npos);
  EXPECT_EQ(out.findings[0].severity_floor, FindingSeverity::kWarning);
}

TEST(JobFailedRuleTest, NamesTheFailedStageReason) {
  AppStatusBuilder b(0, 100'000);
  uint32_t e = b.AddExecutor("1", "h", 1);
  b.AddJob(0, {0}, 0, 40'000, JobStatusKind::kFailed).failed_tasks = 4;
  StageStatusData& stage = b.AddStage(0, 0, 0, 40'000, "save at Etl.scala:9", {}, StageStatusKind::kFailed);
  stage.info.failure_reason = "Job aborted due to stage failure: Task 3 failed 4 times";
  b.AddTask(0, 0, b.Task(e, 0, 30'000));
  RuleOutput out = b.Run(CheckJobFailed);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].saving_ms, 40'000);
  EXPECT_NE(out.findings[0].explanation.find("Task 3 failed 4 times"), std::string::npos);
  AppStatusBuilder ok(0, 100'000);
  ok.AddJob(0, {}, 0, 40'000);
  EXPECT_TRUE(ok.Run(CheckJobFailed).findings.empty());
}

// 8 slots for 1 h; tasks keep `busy_slots` of them busy all the time.
AppStatusBuilder IdleRun(int busy_slots) {
  AppStatusBuilder b(0, 3'600'000);
  uint32_t e = b.AddExecutor("1", "h", 8, 0);
  b.AddJob(0, {0}, 0, 3'600'000);
  b.AddStage(0, 0, 0, 3'600'000);
  for (int i = 0; i < busy_slots; ++i) b.AddTask(0, 0, b.Task(e, 0, 3'600'000));
  return b;
}

TEST(AppIdleCoresRuleTest, FiresAboveTwentyPercentIdle) {
  // 7 of 8 busy: 12.5% idle, silent. 6 of 8: 25% idle, fires.
  EXPECT_TRUE(IdleRun(7).Run(CheckAppIdleCores).findings.empty());
  RuleOutput out = IdleRun(6).Run(CheckAppIdleCores);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].saving_core_ms, 2 * 3'600'000 / 2);
  bool suggested_instances = false;
  for (const Recommendation& r : out.findings[0].recommendations) {
    suggested_instances |= r.config_key == "spark.dynamicAllocation.enabled";
  }
  EXPECT_TRUE(suggested_instances);
}

TEST(AppIdleCoresRuleTest, SmallRunsAreNotWorthIt) {
  AppStatusBuilder b(0, 60'000);  // 8 cores for a minute: 8 core-minutes
  b.AddExecutor("1", "h", 8, 0);
  EXPECT_TRUE(b.Run(CheckAppIdleCores).findings.empty());
  AppStatusBuilder none(0, 60'000);
  EXPECT_TRUE(none.Run(CheckAppIdleCores).not_run);
}

// Two 10 s jobs with a driver gap of `gap_ms` between them in a 100 s run.
AppStatusBuilder GapRun(int64_t gap_ms) {
  AppStatusBuilder b(0, 100'000);
  uint32_t e = b.AddExecutor("1", "h", 1, 0);
  b.AddJob(0, {0}, 0, 10'000);
  b.AddStage(0, 0, 0, 10'000);
  b.AddTask(0, 0, b.Task(e, 0, 10'000));
  b.AddJob(1, {1}, 10'000 + gap_ms, 20'000 + gap_ms);
  b.AddStage(1, 0, 10'000 + gap_ms, 20'000 + gap_ms);
  b.AddTask(1, 0, b.Task(e, 10'000 + gap_ms, 20'000 + gap_ms));
  return b;
}

TEST(AppDriverBoundRuleTest, FiresFromTwentyPercentAndThirtySeconds) {
  EXPECT_TRUE(GapRun(19'999).Run(CheckAppDriverBound).findings.empty());  // under 30 s
  AppStatusBuilder b = GapRun(30'000);
  RuleOutput out = b.Run(CheckAppDriverBound);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].saving_ms, 15'000);
  EXPECT_NE(out.findings[0].explanation.find("after job 0"), std::string::npos) << out.findings[0].explanation;
  EXPECT_NE(out.findings[0].explanation.find("before job 1"), std::string::npos);
}

TEST(AppDriverBoundRuleTest, InteractiveSessionsClaimNoSaving) {
  AppStatusBuilder b = GapRun(30'000);
  b.status().app_name = "Spark shell";
  RuleOutput out = b.Run(CheckAppDriverBound);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].saving_ms, 0);
  EXPECT_NE(out.findings[0].explanation.find("interactive session"), std::string::npos);
}

TEST(AppColdStartRuleTest, FiresWhenJobsWaitTenPercentAndThirtySeconds) {
  auto run = [](int64_t executor_at_ms) {
    AppStatusBuilder b(0, 300'000);
    uint32_t e = b.AddExecutor("1", "h", 1, executor_at_ms);
    b.AddJob(0, {0}, 0, 300'000);
    b.AddStage(0, 0, 0, 300'000);
    b.AddTask(0, 0, b.Task(e, executor_at_ms, 300'000));
    return b.Run(CheckAppColdStart);
  };
  EXPECT_TRUE(run(29'999).findings.empty());
  RuleOutput out = run(30'000);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].saving_ms, 30'000);
}

TEST(DiagnoseTest, SeverityFollowsTheSavingShare) {
  EXPECT_EQ(SeverityForSaving(4'999, 100'000), FindingSeverity::kInfo);
  EXPECT_EQ(SeverityForSaving(5'000, 100'000), FindingSeverity::kWarning);
  EXPECT_EQ(SeverityForSaving(20'000, 100'000), FindingSeverity::kCritical);
  EXPECT_EQ(SeverityForSaving(1, 0), FindingSeverity::kInfo);
  // A large share of a tiny run is still info below the absolute minimum.
  EXPECT_EQ(SeverityForSaving(9'999, 20'000, kMinWallSavingForSeverityMs), FindingSeverity::kInfo);
  EXPECT_EQ(SeverityForSaving(10'000, 20'000, kMinWallSavingForSeverityMs), FindingSeverity::kCritical);
}

TEST(DiagnoseTest, EveryRuleIsListedOnceAsFiredPassedOrNotRun) {
  AppStatusBuilder b = GapRun(30'000);
  AppAnalysis a = b.Analyze();
  Diagnosis d = Diagnose(a);
  size_t fired_rules = 0;
  std::string last;
  for (const Finding& f : d.findings) fired_rules += f.rule_id != last ? 1 : 0, last = f.rule_id;
  EXPECT_EQ(fired_rules + d.checks_passed.size() + d.checks_not_run.size(), static_cast<size_t>(kRuleCount));
  EXPECT_NE(RulesCatalogMarkdown().find("`app.driver_bound`"), std::string::npos);
}

}  // namespace
}  // namespace sparkdx

// Simulate: runs a Scenario and returns its Spark 3.5 event log. The same
// scenario always gives the same bytes (integer arithmetic, a seeded Rng,
// ordered containers only).
//
// What the simulator decides: when each task starts and ends, on which
// executor slot (a slot runs one task at a time; tasks go to the first free
// slot, failed tasks first, speculative copies last), which attempts fail and
// what that does (executor loss, retries, stage retries, aborts), and every
// derived value: task metrics, accumulators, SQL metric values, executor
// memory peaks and GC counters, stage and job times.
#ifndef SPARKDX_SAMPLES_GEN_SIMULATOR_H_
#define SPARKDX_SAMPLES_GEN_SIMULATOR_H_

#include <cstdint>
#include <string>

#include "scenario.h"

namespace sparkdx::samples {

// What the log contains, counted while writing it (for tests and README).
struct LogSummary {
  int32_t jobs = 0;                      // JobStart events
  int32_t failed_jobs = 0;               // JobEnd with JobFailed
  int32_t stages = 0;                    // distinct stage ids in JobStart / StageSubmitted
  int32_t stage_attempts = 0;            // distinct (stage id, attempt) pairs there (skipped stages included)
  int32_t submitted_stage_attempts = 0;  // StageSubmitted events: attempts that ran
  int64_t tasks = 0;                     // TaskStart events (task attempts)
  int64_t failed_tasks = 0;              // TaskEnd with a failure reason (not killed)
  int64_t killed_tasks = 0;              // TaskEnd with TaskKilled
  int32_t executors = 0;                 // distinct executor ids, the driver included
  int32_t sql_executions = 0;            // SQLExecutionStart events
  bool completed = false;                // ApplicationEnd written
  int64_t start_ms = 0;                  // ApplicationStart
  int64_t end_ms = 0;                    // ApplicationEnd, or the last event's time
};

struct GeneratedLog {
  std::string text;  // one event per line, each ending with '\n'
  LogSummary summary;
};

GeneratedLog Simulate(const Scenario& scenario);

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_SIMULATOR_H_
